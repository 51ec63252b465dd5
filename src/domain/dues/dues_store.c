/* dues_store.c: the dues area's SQL, as named statements, and the mapping of rows to structs
 * in the caller's arena: rule rows, the tenant's rounding setting, members, standards and
 * ledger entries with their sums. It checks no rule (dues_rules.c and dues.c do) and begins
 * no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/dues/dues_int.h"

static const struct db_sql SQL_RULES = {
    .name = "dues.rules",
    .sql = "SELECT rule_id, rule_set, category, param, severity, valid_from, valid_to, "
           "confidence, source, COALESCE(upto_fen, -1), COALESCE(rate_bp, -1), "
           "COALESCE(amount_fen, -1), COALESCE(max_fen, -1), enabled FROM dues_rule "
           "ORDER BY rule_id, valid_from, COALESCE(upto_fen, -1)",
};
/* The setting of the nearest org at or above the path. */
static const struct db_sql SQL_SETTING = {
    .name = "dues.setting",
    .sql = "SELECT s.org_id, s.updated_at, s.rounding, s.deduct_items FROM dues_setting s "
           "WHERE substr(?, 1, length(s.org_path)) = s.org_path "
           "ORDER BY length(s.org_path) DESC LIMIT 1",
};
static const struct db_sql SQL_SETTING_PUT = {
    .name = "dues.setting_put",
    .sql = "INSERT INTO dues_setting (org_id, org_path, rounding, deduct_items, updated_by, "
           "updated_at) SELECT id, path, ?, ?, ?, ? FROM org WHERE id = ? "
           "ON CONFLICT (org_id) DO UPDATE SET rounding = excluded.rounding, "
           "deduct_items = excluded.deduct_items, updated_by = excluded.updated_by, "
           "updated_at = excluded.updated_at",
};
static const struct db_sql SQL_ORG_TYPE = {
    .name = "dues.org_type",
    .sql = "SELECT type FROM org WHERE id = ?",
};
#define MEMBER_COLS "m.id, m.tenant_id, m.org_id, m.org_path, p.name, m.status"
static const struct db_sql SQL_MEMBER = {
    .name = "dues.member",
    .sql = "SELECT " MEMBER_COLS " FROM member m JOIN person p ON p.id = m.person_id "
           "WHERE m.id = ?",
};
static const struct db_sql SQL_MEMBER_OF_PERSON = {
    .name = "dues.member_of_person",
    .sql = "SELECT " MEMBER_COLS " FROM member m JOIN person p ON p.id = m.person_id "
           "WHERE m.person_id = ?",
};
static const struct db_sql SQL_MEMBERS = {
    .name = "dues.members",
    .sql = "SELECT " MEMBER_COLS ", o.name FROM member m JOIN person p ON p.id = m.person_id "
           "JOIN org o ON o.id = m.org_id WHERE m.org_path LIKE ? || '%' "
           "AND m.status IN ('probationary', 'full') ORDER BY m.id",
};
static const struct db_sql SQL_STANDARD_INSERT = {
    .name = "dues.standard_insert",
    .sql = "INSERT INTO dues_standard (tenant_id, member_id, from_month, category, base_fen, "
           "amount_fen, rule_id, rule_set, upto_fen, rate_bp, rounding, note, set_by, set_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
#define STD_COLS                                                                                   \
    "s.id, s.member_id, s.base_fen, s.amount_fen, COALESCE(s.upto_fen, -1), "                      \
    "COALESCE(s.rate_bp, 0), s.from_month, s.category, s.rule_id, s.rule_set, s.rounding"
static const struct db_sql SQL_STANDARD_AT = {
    .name = "dues.standard_at",
    .sql = "SELECT " STD_COLS " FROM dues_standard s WHERE s.member_id = ? "
           "AND s.from_month <= ? ORDER BY s.from_month DESC LIMIT 1",
};
static const struct db_sql SQL_STANDARDS = {
    .name = "dues.standards",
    .sql = "SELECT " STD_COLS " FROM dues_standard s JOIN member m ON m.id = s.member_id "
           "WHERE m.org_path LIKE ? || '%' ORDER BY s.member_id, s.from_month",
};
static const struct db_sql SQL_STANDARDS_MEMBER = {
    .name = "dues.standards_member",
    .sql = "SELECT " STD_COLS " FROM dues_standard s WHERE s.member_id = ? "
           "ORDER BY s.member_id, s.from_month",
};
static const struct db_sql SQL_MONTH_PAID = {
    .name = "dues.month_paid",
    .sql = "SELECT COALESCE(SUM(e.amount_fen), 0) FROM dues_entry e LEFT JOIN dues_entry r "
           "ON r.id = e.reverses_id WHERE e.member_id = ? AND e.month = ? "
           "AND (e.kind = 'payment' OR r.kind = 'payment')",
};
static const struct db_sql SQL_ENTRY_INSERT = {
    .name = "dues.entry_insert",
    .sql = "INSERT INTO dues_entry (tenant_id, member_id, org_id, org_path, month, kind, "
           "amount_fen, method, paid_by, receipt_no, paid_on, reverses_id, reason, standard_id, "
           "expected_fen, base_fen, upto_fen, rate_bp, rounding, rule_id, rule_set, warnings, "
           "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
#define ENTRY_COLS                                                                                 \
    "e.id, e.member_id, e.org_id, e.amount_fen, COALESCE(e.reverses_id, 0), "                      \
    "COALESCE((SELECT x.id FROM dues_entry x WHERE x.reverses_id = e.id), 0), "                    \
    "COALESCE(e.expected_fen, 0), COALESCE(e.base_fen, 0), COALESCE(e.rate_bp, 0), "               \
    "e.created_at, p.name, e.month, e.kind, e.method, e.paid_by, e.receipt_no, e.paid_on, "        \
    "e.reason, e.rule_id, e.rule_set, e.rounding, e.warnings"
#define ENTRY_FROM                                                                                 \
    " FROM dues_entry e JOIN member m ON m.id = e.member_id JOIN person p ON p.id = m.person_id "
static const struct db_sql SQL_ENTRY = {
    .name = "dues.entry",
    .sql = "SELECT " ENTRY_COLS ENTRY_FROM "WHERE e.id = ?",
};
#define ENTRIES_WHERE "WHERE e.org_path LIKE ? || '%' AND e.month >= ? AND e.month <= ? "
static const struct db_sql SQL_ENTRIES_COUNT = {
    .name = "dues.entries_count",
    .sql = "SELECT COUNT(*) FROM dues_entry e " ENTRIES_WHERE,
};
static const struct db_sql SQL_ENTRIES = {
    .name = "dues.entries",
    .sql = "SELECT " ENTRY_COLS ENTRY_FROM ENTRIES_WHERE
           "ORDER BY e.month, e.org_path, e.member_id, e.id LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_ENTRIES_MEMBER = {
    .name = "dues.entries_member",
    .sql = "SELECT " ENTRY_COLS ENTRY_FROM "WHERE e.member_id = ? AND e.month >= ? "
           "AND e.month <= ? ORDER BY e.month, e.org_path, e.member_id, e.id",
};
/* A reversal counts where the entry it reverses counts. The subtree's sums are those of its
 * current members, wherever an entry was booked (a member who moved keeps their months). */
#define SUM_COLS                                                                                   \
    "SELECT e.member_id, e.month, SUM(CASE WHEN COALESCE(r.kind, e.kind) = 'payment' "             \
    "THEN e.amount_fen ELSE 0 END), SUM(CASE WHEN COALESCE(r.kind, e.kind) = 'extra' "             \
    "THEN e.amount_fen ELSE 0 END) FROM dues_entry e LEFT JOIN dues_entry r ON r.id = "            \
    "e.reverses_id "
static const struct db_sql SQL_SUMS = {
    .name = "dues.sums",
    .sql = SUM_COLS "JOIN member m ON m.id = e.member_id WHERE m.org_path LIKE ? || '%' "
                    "AND e.month >= ? AND e.month <= ? GROUP BY e.member_id, e.month "
                    "ORDER BY e.member_id, e.month",
};
static const struct db_sql SQL_SUMS_MEMBER = {
    .name = "dues.sums_member",
    .sql = SUM_COLS "WHERE e.member_id = ? AND e.month >= ? AND e.month <= ? "
                    "GROUP BY e.member_id, e.month ORDER BY e.member_id, e.month",
};

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_rule *r = row;

    r->rule_id = db_col_dup(st, 0, a);
    r->rule_set = db_col_dup(st, 1, a);
    r->category = db_col_dup(st, 2, a);
    r->param = db_col_dup(st, 3, a);
    r->severity = db_col_dup(st, 4, a);
    r->valid_from = db_col_dup(st, 5, a);
    r->valid_to = db_col_dup(st, 6, a);
    r->confidence = db_col_dup(st, 7, a);
    r->source = db_col_dup(st, 8, a);
    r->upto_fen = db_col_int(st, 9);
    r->rate_bp = db_col_int(st, 10);
    r->amount_fen = db_col_int(st, 11);
    r->max_fen = db_col_int(st, 12);
    r->enabled = db_col_int(st, 13) != 0;
}

int dues_store_rules(struct db_conn *c, struct arena *a, struct dues_rule **out, size_t *n_out,
                     struct err *err)
{
    struct db_stmt *st = NULL;
    int64_t n;

    if (db_prepare(c, &SQL_RULES, &st, err) < 0 ||
        db_read_rows(&st, read_rule, sizeof(**out), a, out, &n, err) < 0)
        return -1;
    *n_out = (size_t)n;
    return 0;
}

static void read_setting(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_setting *x = row;

    x->org_id = db_col_int(st, 0);
    x->updated_at = db_col_int(st, 1);
    x->rounding = db_col_dup(st, 2, a);
    x->deduct_items = db_col_dup(st, 3, a);
}

int dues_store_setting(struct db_conn *c, const char *org_path, struct arena *a,
                       struct dues_setting *out, struct err *err)
{
    *out = (struct dues_setting){ 0, "half_fen", "[\"个人所得税\"]", 0 };
    return db_read_opt_args(c, &SQL_SETTING, DB_ARGS(DB_TEXT(org_path)), read_setting, a, out, NULL,
                            err);
}

int dues_store_rounding(struct db_conn *c, const char *org_path, struct arena *a,
                        const char **mode_out, struct err *err)
{
    struct dues_setting x;

    if (dues_store_setting(c, org_path, a, &x, err) < 0)
        return -1;
    *mode_out = x.rounding;
    return 0;
}

int dues_store_setting_put(struct db_conn *c, int64_t org_id, const char *rounding,
                           const char *deduct_items, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_SETTING_PUT,
                       DB_ARGS(DB_TEXT(rounding), DB_TEXT(deduct_items), DB_OPT_ID(by), DB_INT(now),
                               DB_INT(org_id)),
                       err);
}

int dues_store_org_type(struct db_conn *c, int64_t org_id, struct arena *a, const char **type_out,
                        struct err *err)
{
    return db_read_by_id(c, &SQL_ORG_TYPE, org_id, db_read_text, a, type_out, "/org_id",
                         "党组织不存在", err);
}

static void read_member(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_member_ref *m = row;

    m->id = db_col_int(st, 0);
    m->tenant_id = db_col_int(st, 1);
    m->org_id = db_col_int(st, 2);
    m->org_path = db_col_dup(st, 3, a);
    m->name = db_col_dup(st, 4, a);
    m->status = db_col_dup(st, 5, a);
    if (db_col_count(st) > 6)
        m->org_name = db_col_dup(st, 6, a);
}

int dues_store_member(struct db_conn *c, int64_t id, struct arena *a, struct dues_member_ref *out,
                      struct err *err)
{
    return db_read_by_id(c, &SQL_MEMBER, id, read_member, a, out, "/member_id", "党员不存在", err);
}

int dues_store_member_of_person(struct db_conn *c, int64_t person_id, struct arena *a,
                                struct dues_member_ref *out, struct err *err)
{
    return db_read_by_id(c, &SQL_MEMBER_OF_PERSON, person_id, read_member, a, out, "",
                         "您不是党员，没有党费记录", err);
}

int dues_store_members(struct db_conn *c, const char *path, struct arena *a,
                       struct dues_member_ref **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_MEMBERS, DB_ARGS(DB_TEXT(path)), read_member, sizeof(**out), a,
                             out, n_out, err);
}

int dues_store_standard_insert(struct db_conn *c, const struct dues_member_ref *m,
                               const struct dues_standard_in *in, const struct dues_calc *k,
                               int64_t by, int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(c, &SQL_STANDARD_INSERT,
                        DB_ARGS(DB_INT(m->tenant_id), DB_INT(m->id), DB_TEXT(in->from_month),
                                DB_TEXT(in->category), DB_INT(k->base_fen), DB_INT(k->amount_fen),
                                DB_TEXT(k->rule_id), DB_TEXT(k->rule_set), DB_INT(k->upto_fen),
                                DB_INT(k->rate_bp), DB_TEXT(k->rounding), DB_OPT_TEXT(in->note),
                                DB_OPT_ID(by), DB_INT(now)),
                        &st, err) < 0)
        return -1;
    if (k->upto_fen < 0)
        db_bind_null(st, 9);
    if (!k->rate_bp)
        db_bind_null(st, 10);
    return db_conflict_on(db_run_id(&st, id_out, err), "/from_month",
                          "该党员从这个月起已有党费标准", err);
}

static void read_std(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_std_row *s = row;

    s->id = db_col_int(st, 0);
    s->member_id = db_col_int(st, 1);
    s->base_fen = db_col_int(st, 2);
    s->amount_fen = db_col_int(st, 3);
    s->upto_fen = db_col_int(st, 4);
    s->rate_bp = db_col_int(st, 5);
    s->from_month = db_col_dup(st, 6, a);
    s->category = db_col_dup(st, 7, a);
    s->rule_id = db_col_dup(st, 8, a);
    s->rule_set = db_col_dup(st, 9, a);
    s->rounding = db_col_dup(st, 10, a);
}

int dues_store_standard_at(struct db_conn *c, int64_t member_id, const char *month, struct arena *a,
                           struct dues_std_row *out, bool *found_out, struct err *err)
{
    return db_read_opt_args(c, &SQL_STANDARD_AT, DB_ARGS(DB_INT(member_id), DB_TEXT(month)),
                            read_std, a, out, found_out, err);
}

int dues_store_standards(struct db_conn *c, const char *path, int64_t member_id, struct arena *a,
                         struct dues_std_row **out, int64_t *n_out, struct err *err)
{
    if (member_id)
        return db_read_rows_args(c, &SQL_STANDARDS_MEMBER, DB_ARGS(DB_INT(member_id)), read_std,
                                 sizeof(**out), a, out, n_out, err);
    return db_read_rows_args(c, &SQL_STANDARDS, DB_ARGS(DB_TEXT(path)), read_std, sizeof(**out), a,
                             out, n_out, err);
}

int dues_store_month_paid(struct db_conn *c, int64_t member_id, const char *month,
                          int64_t *paid_out, struct err *err)
{
    return db_read_one_args(c, &SQL_MONTH_PAID, DB_ARGS(DB_INT(member_id), DB_TEXT(month)),
                            db_read_int, NULL, paid_out, "", "", err);
}

int dues_store_entry_insert(struct db_conn *c, const struct dues_member_ref *m,
                            const struct dues_entry *e, const struct dues_std_row *std, int64_t by,
                            int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(
            c, &SQL_ENTRY_INSERT,
            DB_ARGS(DB_INT(m->tenant_id), DB_INT(m->id), DB_INT(m->org_id), DB_TEXT(m->org_path),
                    DB_TEXT(e->month), DB_TEXT(e->kind), DB_INT(e->amount_fen),
                    DB_OPT_TEXT(e->method), DB_OPT_TEXT(e->paid_by), DB_OPT_TEXT(e->receipt_no),
                    DB_TEXT(e->paid_on), DB_OPT_ID(e->reverses_id), DB_OPT_TEXT(e->reason),
                    DB_OPT_ID(std ? std->id : 0), DB_INT(std ? std->amount_fen : 0),
                    DB_INT(std ? std->base_fen : 0), DB_INT(std ? std->upto_fen : 0),
                    DB_INT(std ? std->rate_bp : 0), DB_OPT_TEXT(std ? std->rounding : NULL),
                    DB_OPT_TEXT(std ? std->rule_id : NULL), DB_OPT_TEXT(std ? std->rule_set : NULL),
                    DB_TEXT(e->warnings ? e->warnings : "[]"), DB_OPT_ID(by), DB_INT(now)),
            &st, err) < 0)
        return -1;
    /* No standard (an extra payment, a reversal): the snapshot columns stay NULL. */
    for (int k = 15; k <= 18; k++)
        if (!std || (k == 17 && std->upto_fen < 0))
            db_bind_null(st, k);
    return db_conflict_on(db_run_id(&st, id_out, err), "/id", "这笔记录已经冲正过", err);
}

static void read_entry(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_entry *e = row;
    int64_t *ints[] = { &e->id,          &e->member_id,   &e->org_id,       &e->amount_fen,
                        &e->reverses_id, &e->reversed_by, &e->expected_fen, &e->base_fen,
                        &e->rate_bp,     &e->created_at };
    const char **texts[] = { &e->member_name, &e->month,      &e->kind,     &e->method,
                             &e->paid_by,     &e->receipt_no, &e->paid_on,  &e->reason,
                             &e->rule_id,     &e->rule_set,   &e->rounding, &e->warnings };
    int k = 0;

    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
        *ints[i] = db_col_int(st, k++);
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        *texts[i] = db_col_dup(st, k++, a);
}

int dues_store_entry(struct db_conn *c, int64_t id, struct arena *a, struct dues_entry *out,
                     struct err *err)
{
    return db_read_by_id(c, &SQL_ENTRY, id, read_entry, a, out, "/id", "党费记录不存在", err);
}

int dues_store_entries(struct db_conn *c, int64_t member_id, const char *from_month,
                       const char *to_month, struct arena *a, struct dues_entry **out,
                       int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ENTRIES_MEMBER,
                             DB_ARGS(DB_INT(member_id), DB_TEXT(from_month), DB_TEXT(to_month)),
                             read_entry, sizeof(**out), a, out, n_out, err);
}

static void bind_entries(struct db_stmt *st, int *k, const void *arg)
{
    const char *const *v = arg; /* path, from, to */

    db_bind_texts(st, k, v, 3);
}

static const struct db_list ENTRIES = { &SQL_ENTRIES_COUNT, &SQL_ENTRIES, read_entry,
                                        sizeof(struct dues_entry) };

int dues_store_entries_page(struct db_conn *c, const char *path, const char *from_month,
                            const char *to_month, int64_t page, int64_t size, struct arena *a,
                            struct dues_entry **out, int64_t *n_out, int64_t *total_out,
                            struct err *err)
{
    const char *v[3] = { path, from_month, to_month };
    struct db_page p = { page, size, bind_entries, v };

    return db_read_page(c, &ENTRIES, &p, a, out, n_out, total_out, err);
}

static void read_sum(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_sum *s = row;

    s->member_id = db_col_int(st, 0);
    s->month = db_col_dup(st, 1, a);
    s->paid_fen = db_col_int(st, 2);
    s->extra_fen = db_col_int(st, 3);
}

int dues_store_sums(struct db_conn *c, const char *path, int64_t member_id, const char *from,
                    const char *to, struct arena *a, struct dues_sum **out, int64_t *n_out,
                    struct err *err)
{
    if (member_id)
        return db_read_rows_args(c, &SQL_SUMS_MEMBER,
                                 DB_ARGS(DB_INT(member_id), DB_TEXT(from), DB_TEXT(to)), read_sum,
                                 sizeof(**out), a, out, n_out, err);
    return db_read_rows_args(c, &SQL_SUMS, DB_ARGS(DB_TEXT(path), DB_TEXT(from), DB_TEXT(to)),
                             read_sum, sizeof(**out), a, out, n_out, err);
}
