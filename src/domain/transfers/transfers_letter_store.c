/* transfers_letter_store.c: the SQL of introduction letters (介绍信), as named statements, and
 * the mapping of rows to structs in the caller's arena: numbering per issuing org and year,
 * the letter with what its print shows, the lists, the receipt, the print count and the
 * 口袋党员 list. It checks no rule (transfers_letter.c does) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/transfers/transfers_int.h"

/* The next sequence of the issuing org in the year; writers run one at a time (SQLite, the
 * PostgreSQL driver's advisory lock) and UNIQUE (org_id, year, seq) backs it. */
static const struct db_sql SQL_INSERT = {
    .name = "transfers.letter_insert",
    .sql = "INSERT INTO xfer_letter (tenant_id, member_id, org_id, org_path, year, seq, "
           "to_org_name, issued_on, valid_until, valid_rule, dues_paid_to, member_status, note, "
           "created_by, created_at) SELECT o.tenant_id, ?, o.id, o.path, ?, COALESCE((SELECT "
           "MAX(l.seq) FROM xfer_letter l WHERE l.org_id = o.id AND l.year = ?), 0) + 1, ?, ?, "
           "?, ?, ?, ?, ?, ?, ? FROM org o WHERE o.id = ? RETURNING id",
};
static const struct db_sql SQL_OPEN_OF = {
    .name = "transfers.letter_open_of",
    .sql = "SELECT id FROM xfer_letter WHERE member_id = ? AND received_on IS NULL "
           "AND valid_until >= ? ORDER BY id LIMIT 1",
};
#define LETTER_COLS                                                                                \
    "l.id, l.member_id, l.org_id, m.org_id, l.year, l.seq, l.print_count, l.created_at, o.name, "  \
    "o.path, mo.name, mo.path, l.to_org_name, l.issued_on, l.valid_until, l.valid_rule, "          \
    "l.dues_paid_to, l.member_status, l.note, l.received_on, l.receipt_note, p.name, p.gender, "   \
    "p.birth_date, p.ethnicity, p.id_number, "                                                     \
    "CASE WHEN l.received_on IS NULL AND l.valid_until < ? THEN 1 ELSE 0 END"
#define LETTER_FROM                                                                                \
    " FROM xfer_letter l JOIN org o ON o.id = l.org_id JOIN member m ON m.id = l.member_id "       \
    "JOIN org mo ON mo.id = m.org_id JOIN person p ON p.id = m.person_id "
static const struct db_sql SQL_GET = {
    .name = "transfers.letter_get",
    .sql = "SELECT " LETTER_COLS LETTER_FROM "WHERE l.id = ?",
};
/* status: '' all, 'open', 'received', 'expired' (the second parameter is today). */
#define LIST_WHERE                                                                                 \
    "WHERE l.org_path LIKE ? || '%' AND (? = '' OR (? = 'received' AND l.received_on IS NOT "      \
    "NULL) OR (? = 'open' AND l.received_on IS NULL AND l.valid_until >= ?) OR (? = 'expired' "    \
    "AND l.received_on IS NULL AND l.valid_until < ?)) "
static const struct db_sql SQL_COUNT = {
    .name = "transfers.letter_count",
    .sql = "SELECT COUNT(*) FROM xfer_letter l " LIST_WHERE,
};
static const struct db_sql SQL_LIST = {
    .name = "transfers.letter_list",
    .sql = "SELECT " LETTER_COLS LETTER_FROM LIST_WHERE
           "ORDER BY l.issued_on DESC, l.id DESC LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_RECEIPT = {
    .name = "transfers.letter_receipt",
    .sql = "UPDATE xfer_letter SET received_on = ?, receipt_note = ?, received_by = ? "
           "WHERE id = ? AND received_on IS NULL RETURNING id",
};
static const struct db_sql SQL_PRINTED = {
    .name = "transfers.letter_printed",
    .sql = "UPDATE xfer_letter SET print_count = print_count + 1 WHERE id = ? "
           "RETURNING print_count",
};
static const struct db_sql SQL_POCKET = {
    .name = "transfers.pocket",
    .sql = "SELECT l.member_id, m.org_id, l.id, p.name, mo.name, l.valid_until, l.year, l.seq, "
           "l.to_org_name FROM xfer_letter l JOIN member m ON m.id = l.member_id "
           "JOIN person p ON p.id = m.person_id JOIN org mo ON mo.id = m.org_id "
           "WHERE (l.org_path LIKE ? || '%' OR m.org_path LIKE ? || '%') "
           "AND l.received_on IS NULL AND l.valid_until < ? "
           "ORDER BY l.valid_until, l.id",
};

int transfers_store_letter_insert(struct db_conn *c, const struct transfer_letter_row *r,
                                  int64_t *id_out, struct err *err)
{
    return db_run_id_args(
        c, &SQL_INSERT,
        DB_ARGS(DB_INT(r->member_id), DB_INT(r->year), DB_INT(r->year), DB_TEXT(r->to_org_name),
                DB_TEXT(r->issued_on), DB_TEXT(r->valid_until), DB_TEXT(r->valid_rule),
                DB_TEXT(r->dues_paid_to), DB_TEXT(r->member_status), DB_OPT_TEXT(r->note),
                DB_OPT_ID(r->created_by), DB_INT(r->created_at), DB_INT(r->org_id)),
        id_out, err);
}

int transfers_store_letter_open_of(struct db_conn *c, int64_t member_id, const char *today,
                                   int64_t *id_out, struct err *err)
{
    *id_out = 0;
    return db_read_opt_args(c, &SQL_OPEN_OF, DB_ARGS(DB_INT(member_id), DB_TEXT(today)),
                            db_read_int, NULL, id_out, NULL, err);
}

static void read_letter(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_letter_view *v = row;

    v->id = db_col_int(st, 0);
    v->member_id = db_col_int(st, 1);
    v->org_id = db_col_int(st, 2);
    v->member_org_id = db_col_int(st, 3);
    v->year = db_col_int(st, 4);
    v->seq = db_col_int(st, 5);
    v->print_count = db_col_int(st, 6);
    v->created_at = db_col_int(st, 7);
    v->org_name = db_col_dup(st, 8, a);
    v->org_path = db_col_dup(st, 9, a);
    v->member_org_name = db_col_dup(st, 10, a);
    v->member_org_path = db_col_dup(st, 11, a);
    v->to_org_name = db_col_dup(st, 12, a);
    v->issued_on = db_col_dup(st, 13, a);
    v->valid_until = db_col_dup(st, 14, a);
    v->valid_rule = db_col_dup(st, 15, a);
    v->dues_paid_to = db_col_dup(st, 16, a);
    v->member_status = db_col_dup(st, 17, a);
    v->note = db_col_dup(st, 18, a);
    v->received_on = db_col_dup(st, 19, a);
    v->receipt_note = db_col_dup(st, 20, a);
    v->name = db_col_dup(st, 21, a);
    v->gender = db_col_dup(st, 22, a);
    v->birth_date = db_col_dup(st, 23, a);
    v->ethnicity = db_col_dup(st, 24, a);
    v->id_number = db_col_unseal(st, 25, a);
    v->expired = db_col_int(st, 26) != 0;
    v->number = arena_printf(a, "%04" PRId64 "-%03" PRId64, v->year, v->seq);
}

int transfers_store_letter_get(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                               struct transfer_letter_view *out, struct err *err)
{
    return db_read_one_args(c, &SQL_GET, DB_ARGS(DB_TEXT(today), DB_INT(id)), read_letter, a, out,
                            "", "介绍信不存在", err);
}

int transfers_store_letters(struct db_conn *c, const char *path, const char *status,
                            const char *today, int64_t page, int64_t size, struct arena *a,
                            struct transfer_letter_view **out, int64_t *n_out, int64_t *total_out,
                            struct err *err)
{
    const char *s = status ? status : "";
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare_args(c, &SQL_COUNT,
                        DB_ARGS(DB_TEXT(path), DB_TEXT(s), DB_TEXT(s), DB_TEXT(s), DB_TEXT(today),
                                DB_TEXT(s), DB_TEXT(today)),
                        &st, err) < 0)
        return -1;
    if (db_step_one(st, "", "", err) < 0) {
        db_stmt_free(&st);
        return -1;
    }
    *total_out = db_col_int(st, 0);
    db_stmt_free(&st);
    if (db_prepare(c, &SQL_LIST, &st, err) < 0)
        return -1;
    db_bind_args(st, &k,
                 DB_ARGS(DB_TEXT(today), DB_TEXT(path), DB_TEXT(s), DB_TEXT(s), DB_TEXT(s),
                         DB_TEXT(today), DB_TEXT(s), DB_TEXT(today), DB_INT(size),
                         DB_INT((page - 1) * size)));
    return db_read_rows(&st, read_letter, sizeof(**out), a, out, n_out, err);
}

int transfers_store_letter_receipt(struct db_conn *c, int64_t id, const char *received_on,
                                   const char *note, int64_t by, struct err *err)
{
    int64_t got = 0;

    if (db_read_opt_args(
            c, &SQL_RECEIPT,
            DB_ARGS(DB_TEXT(received_on), DB_OPT_TEXT(note), DB_OPT_ID(by), DB_INT(id)),
            db_read_int, NULL, &got, NULL, err) < 0)
        return -1;
    if (!got)
        return err_set(err, E_CONFLICT, "/received_on", "这封介绍信的回执已经登记，不能重复登记");
    return 0;
}

int transfers_store_letter_printed(struct db_conn *c, int64_t id, int64_t *count_out,
                                   struct err *err)
{
    return db_read_one_args(c, &SQL_PRINTED, DB_ARGS(DB_INT(id)), db_read_int, NULL, count_out, "",
                            "介绍信不存在", err);
}

static void read_pocket(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_pocket *p = row;

    p->member_id = db_col_int(st, 0);
    p->org_id = db_col_int(st, 1);
    p->letter_id = db_col_int(st, 2);
    p->name = db_col_dup(st, 3, a);
    p->org_name = db_col_dup(st, 4, a);
    p->since = db_col_dup(st, 5, a); /* valid_until; the service moves it a day on */
    p->number = arena_printf(a, "%04" PRId64 "-%03" PRId64, db_col_int(st, 6), db_col_int(st, 7));
    p->to_org_name = db_col_dup(st, 8, a);
    p->reason = "letter_expired";
}

int transfers_store_pocket(struct db_conn *c, const char *path, const char *today, struct arena *a,
                           struct transfer_pocket **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_POCKET, DB_ARGS(DB_TEXT(path), DB_TEXT(path), DB_TEXT(today)),
                             read_pocket, sizeof(**out), a, out, n_out, err);
}
