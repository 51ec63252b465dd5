/* transfers.c: the transfers service: create a transfer with its deadline, accept it (the
 * member moves through the roster, with member_event history, in the same transaction) or
 * return it with a reason, and the queues. Each write is one transaction with its audit row.
 * The deadline and the 预备党员 note come from the rule rows in force (xfer_rule); nothing here
 * refuses a transfer for being late (XFER-PENDING: people decide, the software reminds). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "domain/transfers/transfers_int.h"

const char *const TRANSFER_STATUSES[] = { "pending", "accepted", "returned", NULL };
const char *const TRANSFER_STATUS_LABELS[] = { "待接收", "已接收", "已退回", NULL };
const char *const TRANSFER_BOXES[] = { "out", "in", NULL };

static json_t *finding(const struct transfer_rule *r, const char *message)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "rule", r->rule_id, "version", r->rule_set, "severity",
                     r->severity, "message", message);
}

static const char *dump(json_t *arr, struct arena *a)
{
    char *s = json_dumps(arr, JSON_COMPACT);
    const char *out = arena_strdup(a, s ? s : "[]");

    free(s);
    return out;
}

static void add_days(const char *d, int64_t n, char out[11])
{
    int y, m, dd;

    if (date_parse(d, &y, &m, &dd) < 0) {
        snprintf(out, 11, "%s", d);
        return;
    }
    date_from_days(date_to_days(y, m, dd) + n, &y, &m, &dd);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, dd);
}

static bool current_member(const char *status)
{
    return status && (!strcmp(status, "probationary") || !strcmp(status, "full"));
}

int transfer_due(struct db_conn *c, const char *sent_on, struct arena *a, struct transfer_row *row,
                 struct err *err)
{
    struct transfer_rule r;
    json_t *found = json_array();
    char due[11];
    bool has = false;
    int64_t days;

    row->due_on = row->due_rule = NULL;
    if (transfers_store_rule(c, "XFER-ONLINE-LIMIT", sent_on, a, &r, &has, err) < 0) {
        json_decref(found);
        return -1;
    }
    days = has ? transfer_rule_param(&r, "days", 0) : 0;
    if (days > 0) {
        add_days(sent_on, days, due);
        row->due_on = arena_strdup(a, due);
        row->due_rule = arena_printf(a, "%s %s", r.rule_id, r.rule_set);
        json_array_append_new(
            found, finding(&r, arena_printf(a, "接收党组织应在%s前接收或退回（%" PRId64 "天）", due,
                                            days)));
    }
    row->findings = dump(found, a);
    json_decref(found);
    return 0;
}

/* The checks of a new transfer that need no transaction: a current member, a receiving org
 * that exists, is alive, is not a 党小组 and is not the member's own. */
static int check_new(struct app *app, const struct transfer_in *in, struct arena *a,
                     struct member_view *m, struct err *err)
{
    struct org_view to;

    if (member_get(app, in->member_id, a, m, err) < 0) {
        if (err->code == E_NOT_FOUND)
            snprintf(err->field, sizeof(err->field), "/member_id");
        return -1;
    }
    if (!current_member(m->status))
        return err_set(err, E_INVALID, "/member_id", "%s的党籍状态为“%s”，不能转接组织关系",
                       m->name, m->status_label);
    if (in->to_org_id == m->org_id)
        return err_set(err, E_INVALID, "/to_org_id",
                       "%s的组织关系已在%s，接收党组织须是另一个党组织", m->name, m->org_name);
    if (org_get(app, in->to_org_id, a, &to, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        return err_set(err, E_INVALID, "/to_org_id", "接收党组织不存在");
    }
    if (to.dissolved_on)
        return err_set(err, E_INVALID, "/to_org_id", "%s已于%s撤销，不能接收组织关系", to.name,
                       to.dissolved_on);
    if (!strcmp(to.type, "group"))
        return err_set(err, E_INVALID, "/to_org_id",
                       "%s是党小组，组织关系应转入党支部或以上的党组织", to.name);
    return 0;
}

int transfer_create(struct app *app, const struct transfer_in *in, const struct auth_actor *actor,
                    struct arena *a, int64_t *id_out, const char **due_on_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct member_view m;
    struct transfer_row row = { 0 };
    char today[11];
    int64_t open = 0;
    int rc = -1;

    clock_today(today);
    if (check_new(app, in, a, &m, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0 || transfers_store_open_of(c, in->member_id, &open, err) < 0)
        goto out;
    if (open) {
        err_set(err, E_CONFLICT, "/member_id",
                "%s已有一笔待接收的组织关系转接，请等接收党组织接收或退回后再办理", m.name);
        goto out;
    }
    if (transfer_due(c, today, a, &row, err) < 0)
        goto out;
    row.member_id = in->member_id;
    row.to_org_id = in->to_org_id;
    row.member_status = m.status;
    row.sent_on = today;
    row.note = in->note;
    row.created_by = auth_actor_user_id(actor);
    row.created_at = clock_now();
    if (transfers_store_insert(c, &row, id_out, err) < 0 ||
        auth_audit_change(c, actor, "transfer.create", "transfer", *id_out, m.org_id,
                          json_pack("{s:I, s:I, s:I, s:s}", "member_id", (json_int_t)in->member_id,
                                    "from_org_id", (json_int_t)m.org_id, "to_org_id",
                                    (json_int_t)in->to_org_id, "status", "pending"),
                          err) < 0)
        goto out;
    if (due_on_out)
        *due_on_out = row.due_on;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int transfer_get(struct app *app, int64_t id, struct arena *a, struct transfer_view *out,
                 struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_get(c, id, today, a, out, err);
    db_release(app->db, &c);
    return rc;
}

/* DEV-TRANSFER-IN for a 预备党员 accepted: the 转正 discussion may wait at most the rule's
 * months after the 预备期 end, and 转正 still dates from that end. */
static int dev_transfer_in(struct db_conn *c, const struct member_view *m, const char *today,
                           json_t *found, struct arena *a, struct err *err)
{
    struct transfer_rule r;
    const char *end = m->probation_extended_to ? m->probation_extended_to : m->probation_ends_on;
    char latest[11];
    bool has = false;
    int64_t months;

    if (strcmp(m->status, "probationary") ||
        transfers_store_rule(c, "DEV-TRANSFER-IN", today, a, &r, &has, err) < 0 || !has)
        return err->code ? -1 : 0;
    months = transfer_rule_param(&r, "months", 6);
    if (!end) {
        json_array_append_new(
            found, finding(&r, arena_printf(a,
                                            "预备党员转入：转正讨论可推迟，但不超过%" PRId64
                                            "个月；预备期满日期未登记，请核对后补录",
                                            months)));
        return 0;
    }
    date_add_months(end, (int)months, latest);
    json_array_append_new(
        found,
        finding(&r, arena_printf(a,
                                 "预备党员转入：预备期%s满，转正讨论可推迟，但不晚于%s（%" PRId64
                                 "个月）；转正时间仍自%s算起",
                                 end, latest, months, end)));
    return 0;
}

int transfer_accept(struct app *app, int64_t id, const struct auth_actor *actor, struct arena *a,
                    const char **findings_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct transfer_view t;
    struct member_view m;
    struct member_change_note note = { 0 };
    json_t *found = NULL;
    const char *text;
    char today[11];
    int rc = -1;

    clock_today(today);
    if (transfer_get(app, id, a, &t, err) < 0 || member_get(app, t.member_id, a, &m, err) < 0)
        goto out;
    if (strcmp(t.status, "pending")) {
        err_set(err, E_CONFLICT, "/status", "此组织关系转接已%s，不能再接收",
                enum_label(TRANSFER_STATUSES, TRANSFER_STATUS_LABELS, t.status));
        goto out;
    }
    if (m.org_id != t.from_org_id) {
        err_set(err, E_CONFLICT, "/member_id",
                "%s的组织关系已不在转出党组织%s（现在%s），请退回此转接", m.name, t.from_org_name,
                m.org_name);
        goto out;
    }
    found = json_loads(t.findings ? t.findings : "[]", 0, NULL);
    if (!json_is_array(found)) {
        json_decref(found);
        found = json_array();
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dev_transfer_in(c, &m, today, found, a, err) < 0)
        goto out;
    text = dump(found, a);
    note.note = arena_printf(a, "组织关系转接（编号%" PRId64 "）：由%s转入%s", id, t.from_org_name,
                             t.to_org_name);
    if (transfers_store_decide(c, id, "accepted", today, NULL, text, auth_actor_user_id(actor),
                               clock_now(), err) < 0 ||
        member_move(c, t.member_id, t.to_org_id, &note, actor, err) < 0 ||
        auth_audit_change(c, actor, "transfer.accept", "transfer", id, t.to_org_id,
                          json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "accepted"),
                          err) < 0)
        goto out;
    if (findings_out)
        *findings_out = text;
    rc = 0;
out:
    if (found)
        json_decref(found);
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int transfer_return(struct app *app, int64_t id, const char *reason, const struct auth_actor *actor,
                    struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct transfer_view t;
    char today[11];
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        transfers_store_get(c, id, today, &a, &t, err) < 0)
        goto out;
    if (strcmp(t.status, "pending")) {
        err_set(err, E_CONFLICT, "/status", "此组织关系转接已%s，不能再退回",
                enum_label(TRANSFER_STATUSES, TRANSFER_STATUS_LABELS, t.status));
        goto out;
    }
    if (transfers_store_decide(c, id, "returned", today, reason, t.findings,
                               auth_actor_user_id(actor), clock_now(), err) < 0 ||
        auth_audit_change(c, actor, "transfer.return", "transfer", id, t.to_org_id,
                          json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "status", "returned",
                                    "reason", reason),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int transfers_list(struct app *app, const struct transfer_query *q, struct arena *a,
                   struct transfer_view **out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_page(c, q, today, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}

int transfer_receivers(struct app *app, int64_t at_org_id, const char *q, struct arena *a,
                       struct transfer_org **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_receivers(c, at_org_id, q ? q : "", a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}
