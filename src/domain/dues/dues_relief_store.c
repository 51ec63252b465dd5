/* dues_relief_store.c: the SQL of 少交 / 免交 (DUES-HARDSHIP): applications, decisions and
 * the approved reliefs the month arithmetic reads, as named statements, and that arithmetic
 * (dues_relief_amount). It checks no rule (dues_relief.c does) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/dues/dues_int.h"

static const struct db_sql SQL_ROWS = {
    .name = "dues.relief_rows",
    .sql = "SELECT r.member_id, r.amount_fen, r.from_month, r.to_month FROM dues_relief r "
           "JOIN member m ON m.id = r.member_id WHERE r.status = 'approved' AND "
           "((CAST(? AS TEXT) IS NULL AND r.member_id = ?) OR m.org_path LIKE ? || '%') "
           "ORDER BY r.member_id, r.from_month",
};
static const struct db_sql SQL_INSERT = {
    .name = "dues.relief_insert",
    .sql = "INSERT INTO dues_relief (tenant_id, member_id, approver_org_id, kind, amount_fen, "
           "from_month, to_month, reason, applied_on, branch_agreed_on, created_by, created_at) "
           "SELECT tenant_id, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM member WHERE id = ? "
           "RETURNING id",
};
/* The 上一级党委: the nearest committee (社区党委, 街道党工委, 区委) strictly above the member's
 * org (a 党总支 between a branch and its community is passed over). */
static const struct db_sql SQL_APPROVER = {
    .name = "dues.relief_approver",
    .sql = "SELECT a.id FROM member m JOIN org o ON o.id = m.org_id JOIN org a ON o.path LIKE "
           "a.path || '%' AND a.id <> o.id WHERE m.id = ? AND a.type IN ('community_committee', "
           "'street', 'district') ORDER BY a.depth DESC LIMIT 1",
};
static const struct db_sql SQL_OVERLAP = {
    .name = "dues.relief_overlap",
    .sql = "SELECT id FROM dues_relief WHERE member_id = ? AND status <> 'refused' AND "
           "from_month <= ? AND to_month >= ? ORDER BY id LIMIT 1",
};
static const struct db_sql SQL_LIST = {
    .name = "dues.reliefs",
    .sql = "SELECT r.id, r.member_id, m.org_id, r.approver_org_id, r.amount_fen, "
           "p.name, o.name, r.kind, r.from_month, r.to_month, r.reason, r.applied_on, "
           "r.branch_agreed_on, r.status, r.decided_on, r.decided_body, r.doc_no, "
           "r.decision_note, ao.path, r.original_to_month, r.ended_reason FROM dues_relief r JOIN "
           "member m ON m.id = r.member_id JOIN "
           "person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id JOIN org ao ON ao.id = "
           "r.approver_org_id WHERE (CAST(? AS TEXT) IS NULL "
           "AND r.id = ?) OR m.org_path LIKE ? || '%' ORDER BY CASE WHEN r.status = 'pending' "
           "THEN 0 ELSE 1 END, r.id DESC LIMIT 1000",
};
static const struct db_sql SQL_END = {
    .name = "dues.relief_end",
    .sql = "UPDATE dues_relief SET original_to_month = COALESCE(original_to_month, to_month), "
           "to_month = ?, ended_reason = ?, ended_by = ?, ended_at = ? WHERE id = ? AND status = "
           "'approved' RETURNING id",
};
static const struct db_sql SQL_DECIDE = {
    .name = "dues.relief_decide",
    .sql = "UPDATE dues_relief SET status = ?, decided_on = ?, decided_body = ?, doc_no = ?, "
           "decision_note = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = "
           "'pending' RETURNING id",
};

int64_t dues_relief_amount(const struct dues_relief_row *r, int64_t n, int mi, int64_t amount)
{
    for (int64_t k = 0; k < n; k++)
        if (r[k].from <= mi && mi <= r[k].to && r[k].amount_fen < amount)
            amount = r[k].amount_fen;
    return amount;
}

static void read_row(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_relief_row *r = row;
    char *from = db_col_dup(st, 2, a), *to = db_col_dup(st, 3, a);

    r->member_id = db_col_int(st, 0);
    r->amount_fen = db_col_int(st, 1);
    r->from = dues_month_index(from);
    r->to = dues_month_index(to);
}

int dues_store_relief_rows(struct db_conn *c, const char *path, int64_t member_id, struct arena *a,
                           struct dues_relief_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ROWS, DB_ARGS(DB_TEXT(path), DB_INT(member_id), DB_TEXT(path)),
                             read_row, sizeof(**out), a, out, n_out, err);
}

int dues_store_relief_approver(struct db_conn *c, int64_t member_id, int64_t *id_out,
                               struct err *err)
{
    *id_out = 0;
    return db_read_opt_args(c, &SQL_APPROVER, DB_ARGS(DB_INT(member_id)), db_read_int, NULL, id_out,
                            NULL, err);
}

int dues_store_relief_insert(struct db_conn *c, const struct dues_member_ref *m,
                             const struct dues_relief_in *in, int64_t approver, int64_t by,
                             int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_INSERT,
                          DB_ARGS(DB_INT(approver), DB_TEXT(in->kind), DB_INT(in->amount_fen),
                                  DB_TEXT(in->from_month), DB_TEXT(in->to_month),
                                  DB_TEXT(in->reason), DB_TEXT(in->applied_on),
                                  DB_TEXT(in->branch_agreed_on), DB_OPT_ID(by), DB_INT(now),
                                  DB_INT(m->id)),
                          id_out, err);
}

int dues_store_relief_overlap(struct db_conn *c, int64_t member_id, const char *from,
                              const char *to, int64_t *id_out, struct err *err)
{
    *id_out = 0;
    return db_read_opt_args(c, &SQL_OVERLAP, DB_ARGS(DB_INT(member_id), DB_TEXT(to), DB_TEXT(from)),
                            db_read_int, NULL, id_out, NULL, err);
}

static void read_relief(struct db_stmt *st, struct arena *a, void *row)
{
    struct dues_relief *r = row;

    r->id = db_col_int(st, 0);
    r->member_id = db_col_int(st, 1);
    r->org_id = db_col_int(st, 2);
    r->approver_org_id = db_col_int(st, 3);
    r->amount_fen = db_col_int(st, 4);
    r->name = db_col_dup(st, 5, a);
    r->org_name = db_col_dup(st, 6, a);
    r->kind = db_col_dup(st, 7, a);
    r->from_month = db_col_dup(st, 8, a);
    r->to_month = db_col_dup(st, 9, a);
    r->reason = db_col_dup(st, 10, a);
    r->applied_on = db_col_dup(st, 11, a);
    r->branch_agreed_on = db_col_dup(st, 12, a);
    r->status = db_col_dup(st, 13, a);
    r->decided_on = db_col_dup(st, 14, a);
    r->decided_body = db_col_dup(st, 15, a);
    r->doc_no = db_col_dup(st, 16, a);
    r->decision_note = db_col_dup(st, 17, a);
    r->approver_path = db_col_dup(st, 18, a);
    r->original_to_month = db_col_dup(st, 19, a);
    r->ended_reason = db_col_dup(st, 20, a);
}

int dues_store_reliefs(struct db_conn *c, const char *path, int64_t id, struct arena *a,
                       struct dues_relief **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_LIST, DB_ARGS(DB_TEXT(path), DB_INT(id), DB_TEXT(path)),
                             read_relief, sizeof(**out), a, out, n_out, err);
}

int dues_store_relief_decide(struct db_conn *c, int64_t id, const char *status,
                             const char *decided_on, const char *body, const char *doc_no,
                             const char *note, int64_t by, int64_t at, struct err *err)
{
    int64_t got = 0;

    if (db_read_opt_args(c, &SQL_DECIDE,
                         DB_ARGS(DB_TEXT(status), DB_TEXT(decided_on), DB_TEXT(body),
                                 DB_OPT_TEXT(doc_no), DB_OPT_TEXT(note), DB_OPT_ID(by), DB_INT(at),
                                 DB_INT(id)),
                         db_read_int, NULL, &got, NULL, err) < 0)
        return -1;
    if (!got)
        return err_set(err, E_CONFLICT, "/status", "该申请已经审批，不能重复审批");
    return 0;
}

int dues_store_relief_end(struct db_conn *c, int64_t id, const char *to_month, const char *reason,
                          int64_t by, int64_t at, struct err *err)
{
    int64_t got = 0;

    if (db_read_opt_args(
            c, &SQL_END,
            DB_ARGS(DB_TEXT(to_month), DB_TEXT(reason), DB_OPT_ID(by), DB_INT(at), DB_INT(id)),
            db_read_int, NULL, &got, NULL, err) < 0)
        return -1;
    if (!got)
        return err_set(err, E_CONFLICT, "/status", "只有已批准的少交或免交可以提前终止");
    return 0;
}
