/* dues_demo_store.c: the set-based statements of the dues demo hook (dues_demo.c): every
 * current member of the street gets a standard (category from the roster's category, a base
 * from a few realistic values), the distinct (category, base) pairs are priced by the rule
 * engine and written back, and a month's collection is one INSERT ... SELECT over the
 * standards in force that month. Only the demo uses them. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/dues/dues_demo.h"

/* Employed bases 2500-12500 元 in nine steps (every bracket), retired 3000-7000 元; a few
 * 个体经营者 among the employed; the fixed categories have no base. */
#define DEMO_CATEGORY                                                                              \
    "CASE m.category WHEN 'retired' THEN 'retired' WHEN 'student' THEN 'student' "                 \
    "WHEN 'unemployed' THEN 'unemployed' ELSE CASE WHEN m.id % 23 = 0 THEN 'self_employed' "       \
    "ELSE 'employed' END END"
#define DEMO_BASE                                                                                  \
    "CASE m.category WHEN 'retired' THEN 300000 + (m.id % 5) * 100000 WHEN 'student' THEN 0 "      \
    "WHEN 'unemployed' THEN 0 ELSE 250000 + (m.id % 9) * 125000 END"
#define DEMO_MEMBERS                                                                               \
    "FROM member m WHERE m.org_path LIKE (SELECT path FROM org WHERE id = ?) || '%' "              \
    "AND m.status IN ('probationary', 'full')"
static const struct db_sql SQL_STANDARDS = {
    .name = "dues.demo_standards",
    .sql = "INSERT INTO dues_standard (tenant_id, member_id, from_month, category, base_fen, "
           "amount_fen, rule_id, rule_set, rounding, note, set_at) SELECT m.tenant_id, m.id, ?, "
           "" DEMO_CATEGORY ", " DEMO_BASE ", 0, '', '', '', '年初核定', ? " DEMO_MEMBERS,
};
/* DUES-CHANGE: a raise for every 37th member from a later month. */
static const struct db_sql SQL_CHANGES = {
    .name = "dues.demo_changes",
    .sql = "INSERT INTO dues_standard (tenant_id, member_id, from_month, category, base_fen, "
           "amount_fen, rule_id, rule_set, rounding, note, set_at) SELECT s.tenant_id, "
           "s.member_id, ?, s.category, s.base_fen + 60000, 0, '', '', '', '工资调整', ? "
           "FROM dues_standard s WHERE s.member_id % 37 = 0 AND s.category = 'employed'",
};
static const struct db_sql SQL_PAIRS = {
    .name = "dues.demo_pairs",
    .sql = "SELECT DISTINCT category, base_fen FROM dues_standard WHERE rule_id = '' "
           "ORDER BY category, base_fen",
};
static const struct db_sql SQL_PRICE = {
    .name = "dues.demo_price",
    .sql = "UPDATE dues_standard SET amount_fen = ?, rule_id = ?, rule_set = ?, upto_fen = ?, "
           "rate_bp = ?, rounding = ? WHERE rule_id = '' AND category = ? AND base_fen = ?",
};
/* One month's collection at the standard in force that month: every current member whose id
 * is a multiple of only_mod and not of skip_mod, except the two ids skip; paid on paid_on, or
 * late_paid_on for every 53rd member (the late payers). */
static const struct db_sql SQL_COLLECT = {
    .name = "dues.demo_collect",
    .sql = "INSERT INTO dues_entry (tenant_id, member_id, org_id, org_path, month, kind, "
           "amount_fen, method, paid_by, receipt_no, paid_on, standard_id, expected_fen, "
           "base_fen, upto_fen, rate_bp, rounding, rule_id, rule_set, warnings, created_at) "
           "SELECT s.tenant_id, s.member_id, m.org_id, m.org_path, ?, 'payment', s.amount_fen, "
           "CASE WHEN m.id % 7 = 0 THEN 'proxy' WHEN m.id % 3 = 0 THEN 'transfer' ELSE 'cash' "
           "END, CASE WHEN m.id % 7 = 0 THEN '家属' END, ? || '-' || m.id, "
           "CASE WHEN m.id % 53 = 0 THEN ? ELSE ? END, s.id, s.amount_fen, s.base_fen, "
           "s.upto_fen, s.rate_bp, s.rounding, s.rule_id, s.rule_set, ?, ? "
           "FROM dues_standard s JOIN member m ON m.id = s.member_id "
           "WHERE s.from_month = (SELECT MAX(x.from_month) FROM dues_standard x "
           "WHERE x.member_id = s.member_id AND x.from_month <= ?) "
           "AND m.status IN ('probationary', 'full') AND m.id % ? <> 0 AND m.id % ? = 0 "
           "AND m.id NOT IN (?, ?)",
};
static const struct db_sql SQL_PICK = {
    .name = "dues.demo_pick",
    .sql = "SELECT m.id FROM member m WHERE m.org_id = ? AND m.status = 'full' "
           "AND m.person_id <> ? ORDER BY m.id LIMIT 2",
};
static const struct db_sql SQL_ENTRY_OF = {
    .name = "dues.demo_entry_of",
    .sql = "SELECT id FROM dues_entry WHERE member_id = ? AND month = ? AND kind = 'payment'",
};

int dues_demo_store_standards(struct db_conn *c, int64_t street, const char *from,
                              const char *change_from, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_STANDARDS, DB_ARGS(DB_TEXT(from), DB_INT(now), DB_INT(street)),
                       err) < 0 ||
                   db_run_args(c, &SQL_CHANGES, DB_ARGS(DB_TEXT(change_from), DB_INT(now)), err) < 0
               ? -1
               : 0;
}

int dues_demo_store_pairs(struct db_conn *c, struct arena *a, struct dues_demo_pair **out,
                          int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct dues_demo_pair *p = NULL;
    int64_t n = 0, cap = 0;
    int step;

    if (db_prepare(c, &SQL_PAIRS, &st, err) < 0)
        return -1;
    while ((step = db_step(st, err)) == DB_ROW) {
        if (n == cap) {
            struct dues_demo_pair *q = arena_alloc(a, (size_t)(cap = cap * 2 + 16) * sizeof(*q));
            if (n)
                memcpy(q, p, (size_t)n * sizeof(*q));
            p = q;
        }
        p[n].category = db_col_dup(st, 0, a);
        p[n++].base_fen = db_col_int(st, 1);
    }
    db_stmt_free(&st);
    if (step < 0)
        return -1;
    *out = p;
    *n_out = n;
    return 0;
}

int dues_demo_store_price(struct db_conn *c, const struct dues_demo_pair *p,
                          const struct dues_calc *k, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(c, &SQL_PRICE,
                        DB_ARGS(DB_INT(k->amount_fen), DB_TEXT(k->rule_id), DB_TEXT(k->rule_set),
                                DB_INT(k->upto_fen), DB_INT(k->rate_bp), DB_TEXT(k->rounding),
                                DB_TEXT(p->category), DB_INT(p->base_fen)),
                        &st, err) < 0)
        return -1;
    if (k->upto_fen < 0)
        db_bind_null(st, 4);
    if (!k->rate_bp)
        db_bind_null(st, 5);
    return db_run(&st, err);
}

int dues_demo_store_collect(struct db_conn *c, const struct dues_demo_month *m, struct err *err)
{
    return db_run_args(c, &SQL_COLLECT,
                       DB_ARGS(DB_TEXT(m->month), DB_TEXT(m->receipt_prefix),
                               DB_TEXT(m->late_paid_on), DB_TEXT(m->paid_on), DB_TEXT(m->warnings),
                               DB_INT(m->now), DB_TEXT(m->month), DB_INT(m->skip_mod),
                               DB_INT(m->only_mod), DB_INT(m->skip[0]), DB_INT(m->skip[1])),
                       err);
}

int dues_demo_store_pick(struct db_conn *c, int64_t branch, int64_t login_person, struct arena *a,
                         int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_PICK, DB_ARGS(DB_INT(branch), DB_INT(login_person)),
                             db_read_int, sizeof(**out), a, out, n_out, err);
}

int dues_demo_store_entry_of(struct db_conn *c, int64_t member_id, const char *month,
                             int64_t *id_out, struct err *err)
{
    return db_read_one_args(c, &SQL_ENTRY_OF, DB_ARGS(DB_INT(member_id), DB_TEXT(month)),
                            db_read_int, NULL, id_out, "", "", err);
}
