/* transfers_store.c: the transfers area's SQL, as named statements, and the mapping of rows to
 * structs in the caller's arena: the rule rows, transfers and their queues, and the demo
 * hook's reads. It checks no rule (transfers.c does) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/transfers/transfers_int.h"

static const struct db_sql SQL_RULE = {
    .name = "transfers.rule",
    .sql = "SELECT id, rule_id, rule_set, severity, param, valid_from, confidence, source "
           "FROM xfer_rule WHERE rule_id = ? AND enabled = 1 AND valid_from <= ? "
           "AND valid_to > ? ORDER BY valid_from DESC, id DESC LIMIT 1",
};
/* The member's current org (and its path) is read in the same statement, so the transfer
 * leaves from where the member is. */
static const struct db_sql SQL_INSERT = {
    .name = "transfers.insert",
    .sql = "INSERT INTO xfer (tenant_id, member_id, from_org_id, from_path, to_org_id, to_path, "
           "status, member_status, sent_on, due_on, due_rule, note, findings, created_by, "
           "created_at) SELECT m.tenant_id, m.id, m.org_id, m.org_path, o.id, o.path, "
           "'pending', ?, ?, ?, ?, ?, ?, ?, ? FROM member m JOIN org o ON o.id = ? "
           "WHERE m.id = ? RETURNING id",
};
static const struct db_sql SQL_OPEN_OF = {
    .name = "transfers.open_of",
    .sql = "SELECT id FROM xfer WHERE member_id = ? AND status = 'pending'",
};
#define VIEW_COLS                                                                                  \
    "x.id, x.member_id, x.from_org_id, x.to_org_id, x.created_at, COALESCE(x.decided_at, 0), "     \
    "p.name, fo.name, tx.name, x.from_path, x.to_path, x.status, x.member_status, x.sent_on, "     \
    "x.due_on, x.due_rule, x.note, x.decided_on, x.reason, x.findings, "                           \
    "CASE WHEN x.status = 'pending' AND x.due_on < ? THEN 1 ELSE 0 END"
#define VIEW_FROM                                                                                  \
    " FROM xfer x JOIN member m ON m.id = x.member_id JOIN person p ON p.id = m.person_id "        \
    "JOIN org fo ON fo.id = x.from_org_id JOIN org tx ON tx.id = x.to_org_id "
static const struct db_sql SQL_GET = {
    .name = "transfers.get",
    .sql = "SELECT " VIEW_COLS VIEW_FROM "WHERE x.id = ?",
};
/* A queue: out (sent from the subtree), in (received into it) or both; the unused side is
 * bound to a pattern no path matches (paths start with '/'). */
#define QUEUE_WHERE                                                                                \
    "WHERE (x.from_path LIKE ? || '%' OR x.to_path LIKE ? || '%') "                                \
    "AND (? = '' OR x.status = ?) "
static const struct db_sql SQL_COUNT = {
    .name = "transfers.count",
    .sql = "SELECT COUNT(*) FROM xfer x " QUEUE_WHERE,
};
static const struct db_sql SQL_PAGE = {
    .name = "transfers.page",
    .sql = "SELECT " VIEW_COLS VIEW_FROM QUEUE_WHERE
           "ORDER BY CASE WHEN x.status = 'pending' THEN 0 ELSE 1 END, x.sent_on DESC, x.id DESC "
           "LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_DECIDE = {
    .name = "transfers.decide",
    .sql = "UPDATE xfer SET status = ?, decided_on = ?, reason = ?, findings = ?, "
           "decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending' RETURNING id",
};
static const struct db_sql SQL_RECEIVERS = {
    .name = "transfers.receivers",
    .sql = "SELECT o.id, o.name, o.path FROM org o WHERE o.tenant_id = "
           "(SELECT tenant_id FROM org WHERE id = ?) AND o.dissolved_on IS NULL "
           "AND o.type <> 'group' AND (o.name LIKE '%' || ? || '%' "
           "OR COALESCE(o.short_name, '') LIKE '%' || ? || '%') ORDER BY o.path LIMIT 20",
};
static const struct db_sql SQL_DEMO_MEMBERS = {
    .name = "transfers.demo_members",
    .sql = "SELECT id FROM member WHERE org_id = ? AND person_id <> ? "
           "AND status = 'full' ORDER BY id LIMIT ?",
};
static const struct db_sql SQL_DEMO_BRANCHES = {
    .name = "transfers.demo_branches",
    .sql = "SELECT id FROM org WHERE type = 'branch' AND dissolved_on IS NULL "
           "AND path LIKE ? || '%' AND path NOT LIKE ? || '%' ORDER BY id LIMIT ?",
};
static const struct db_sql SQL_DEMO_DATES = {
    .name = "transfers.demo_dates",
    .sql = "UPDATE xfer SET sent_on = ?, due_on = ?, decided_on = COALESCE(?, decided_on) "
           "WHERE id = ?",
};

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_rule *r = row;

    r->id = db_col_int(st, 0);
    r->rule_id = db_col_dup(st, 1, a);
    r->rule_set = db_col_dup(st, 2, a);
    r->severity = db_col_dup(st, 3, a);
    r->param = db_col_dup(st, 4, a);
    r->valid_from = db_col_dup(st, 5, a);
    r->confidence = db_col_dup(st, 6, a);
    r->source = db_col_dup(st, 7, a);
}

int transfers_store_rule(struct db_conn *c, const char *rule_id, const char *date, struct arena *a,
                         struct transfer_rule *out, bool *found_out, struct err *err)
{
    return db_read_opt_args(c, &SQL_RULE, DB_ARGS(DB_TEXT(rule_id), DB_TEXT(date), DB_TEXT(date)),
                            read_rule, a, out, found_out, err);
}

int64_t transfer_rule_param(const struct transfer_rule *r, const char *key, int64_t def)
{
    json_t *o = r && r->param ? json_loads(r->param, 0, NULL) : NULL;
    json_t *v = o ? json_object_get(o, key) : NULL;
    int64_t x = json_is_integer(v) ? (int64_t)json_integer_value(v) : def;

    if (o)
        json_decref(o);
    return x;
}

int transfers_store_insert(struct db_conn *c, const struct transfer_row *r, int64_t *id_out,
                           struct err *err)
{
    int rc =
        db_run_id_args(c, &SQL_INSERT,
                       DB_ARGS(DB_TEXT(r->member_status), DB_TEXT(r->sent_on), DB_TEXT(r->due_on),
                               DB_TEXT(r->due_rule), DB_OPT_TEXT(r->note), DB_TEXT(r->findings),
                               DB_OPT_ID(r->created_by), DB_INT(r->created_at),
                               DB_INT(r->to_org_id), DB_INT(r->member_id)),
                       id_out, err);

    return db_conflict_on(rc, "/member_id", "该党员已有一笔待接收的组织关系转接，请先办结", err);
}

int transfers_store_open_of(struct db_conn *c, int64_t member_id, int64_t *id_out, struct err *err)
{
    *id_out = 0;
    return db_read_opt_args(c, &SQL_OPEN_OF, DB_ARGS(DB_INT(member_id)), db_read_int, NULL, id_out,
                            NULL, err);
}

static void read_view(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_view *v = row;

    v->id = db_col_int(st, 0);
    v->member_id = db_col_int(st, 1);
    v->from_org_id = db_col_int(st, 2);
    v->to_org_id = db_col_int(st, 3);
    v->created_at = db_col_int(st, 4);
    v->decided_at = db_col_int(st, 5);
    v->member_name = db_col_dup(st, 6, a);
    v->from_org_name = db_col_dup(st, 7, a);
    v->to_org_name = db_col_dup(st, 8, a);
    v->from_path = db_col_dup(st, 9, a);
    v->to_path = db_col_dup(st, 10, a);
    v->status = db_col_dup(st, 11, a);
    v->member_status = db_col_dup(st, 12, a);
    v->sent_on = db_col_dup(st, 13, a);
    v->due_on = db_col_dup(st, 14, a);
    v->due_rule = db_col_dup(st, 15, a);
    v->note = db_col_dup(st, 16, a);
    v->decided_on = db_col_dup(st, 17, a);
    v->reason = db_col_dup(st, 18, a);
    v->findings = db_col_dup(st, 19, a);
    v->overdue = db_col_int(st, 20) != 0;
}

int transfers_store_get(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                        struct transfer_view *out, struct err *err)
{
    return db_read_one_args(c, &SQL_GET, DB_ARGS(DB_TEXT(today), DB_INT(id)), read_view, a, out, "",
                            "组织关系转接不存在", err);
}

int transfers_store_decide(struct db_conn *c, int64_t id, const char *status,
                           const char *decided_on, const char *reason, const char *findings,
                           int64_t by, int64_t at, struct err *err)
{
    int64_t got = 0;

    if (db_read_opt_args(c, &SQL_DECIDE,
                         DB_ARGS(DB_TEXT(status), DB_TEXT(decided_on), DB_TEXT(reason),
                                 DB_TEXT(findings), DB_OPT_ID(by), DB_INT(at), DB_INT(id)),
                         db_read_int, NULL, &got, NULL, err) < 0)
        return -1;
    if (!got)
        return err_set(err, E_CONFLICT, "/status", "此组织关系转接已办结，不能再接收或退回");
    return 0;
}

struct queue_arg {
    const char *from_like, *to_like, *status;
};

static void bind_queue(struct db_stmt *st, int *k, const void *arg)
{
    const struct queue_arg *q = arg;

    db_bind_args(st, k,
                 DB_ARGS(DB_TEXT(q->from_like), DB_TEXT(q->to_like), DB_TEXT(q->status),
                         DB_TEXT(q->status)));
}

int transfers_store_page(struct db_conn *c, const struct transfer_query *q, const char *today,
                         struct arena *a, struct transfer_view **out, int64_t *n_out,
                         int64_t *total_out, struct err *err)
{
    /* The listing's first parameter is today (the overdue column); the count has none, so
     * the two take their filter through separate statements bound alike after it. */
    static const char NONE[] = "#";
    struct queue_arg arg = {
        q->box && !strcmp(q->box, "in") ? NONE : q->path,
        q->box && !strcmp(q->box, "out") ? NONE : q->path,
        q->status ? q->status : "",
    };
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_COUNT, &st, err) < 0)
        return -1;
    bind_queue(st, &k, &arg);
    if (db_step_one(st, "", "", err) < 0) {
        db_stmt_free(&st);
        return -1;
    }
    *total_out = db_col_int(st, 0);
    db_stmt_free(&st);
    if (db_prepare(c, &SQL_PAGE, &st, err) < 0)
        return -1;
    k = 1;
    db_bind_args(st, &k, DB_ARGS(DB_TEXT(today)));
    bind_queue(st, &k, &arg);
    db_bind_args(st, &k, DB_ARGS(DB_INT(q->size), DB_INT((q->page - 1) * q->size)));
    return db_read_rows(&st, read_view, sizeof(**out), a, out, n_out, err);
}

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_org *o = row;

    o->id = db_col_int(st, 0);
    o->name = db_col_dup(st, 1, a);
    o->path = db_col_dup(st, 2, a);
}

int transfers_store_receivers(struct db_conn *c, int64_t at_org_id, const char *q, struct arena *a,
                              struct transfer_org **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_RECEIVERS, DB_ARGS(DB_INT(at_org_id), DB_TEXT(q), DB_TEXT(q)),
                             read_org, sizeof(**out), a, out, n_out, err);
}

int transfers_demo_store_members(struct db_conn *c, int64_t org_id, int64_t not_person, int64_t n,
                                 struct arena *a, int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_DEMO_MEMBERS,
                             DB_ARGS(DB_INT(org_id), DB_INT(not_person), DB_INT(n)), db_read_int,
                             sizeof(**out), a, out, n_out, err);
}

int transfers_demo_store_branches(struct db_conn *c, const char *path, const char *not_path,
                                  int64_t n, struct arena *a, int64_t **out, int64_t *n_out,
                                  struct err *err)
{
    return db_read_rows_args(c, &SQL_DEMO_BRANCHES,
                             DB_ARGS(DB_TEXT(path), DB_TEXT(not_path), DB_INT(n)), db_read_int,
                             sizeof(**out), a, out, n_out, err);
}

int transfers_demo_store_dates(struct db_conn *c, int64_t id, const char *sent_on,
                               const char *due_on, const char *decided_on, struct err *err)
{
    return db_run_args(c, &SQL_DEMO_DATES,
                       DB_ARGS(DB_TEXT(sent_on), DB_TEXT(due_on), DB_TEXT(decided_on), DB_INT(id)),
                       err);
}
