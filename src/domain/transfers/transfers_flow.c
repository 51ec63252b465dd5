/* transfers_flow.c: 流动党员 (RULES.md §8): registration cards for members away with the
 * relation not transferred ("out", by the home org) or staying here from another org ("in",
 * by the 流入地), with the 流动党员活动证 (FLOW-CARD: number and validity), organizational life
 * at the destination entered by either side, and the return. A period of FLOW-DEF's months or
 * more is flagged (the relation should move, XFER-WHEN); nothing is refused for it. Each write
 * is one transaction with its audit row. */
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

const char *const TRANSFER_FLOW_DIRECTIONS[] = { "out", "in", NULL };
const char *const TRANSFER_FLOW_DIRECTION_LABELS[] = { "外出（流出）", "流入", NULL };

static bool blank(const char *s)
{
    return !s || !*s;
}

/* The checks that need no transaction. */
static int check_flow(struct app *app, const struct transfer_flow_in *in, struct arena *a,
                      struct member_view *m, struct err *err)
{
    struct org_view o;

    if (member_get(app, in->member_id, a, m, err) < 0) {
        if (err->code == E_NOT_FOUND)
            snprintf(err->field, sizeof(err->field), "/member_id");
        return -1;
    }
    if (strcmp(m->status, "probationary") && strcmp(m->status, "full"))
        return err_set(err, E_INVALID, "/member_id", "%s的党籍状态为“%s”，不能登记为流动党员",
                       m->name, m->status_label);
    if (in->ends_on && strcmp(in->ends_on, in->starts_on) < 0)
        return err_set(err, E_INVALID, "/ends_on", "预计返回日期（%s）不能早于外出日期（%s）",
                       in->ends_on, in->starts_on);
    if (!blank(in->card_no) && !in->card_valid_until)
        return err_set(err, E_INVALID, "/card_valid_until", "请填写《流动党员活动证》的有效期");
    if (in->card_valid_until && strcmp(in->card_valid_until, in->starts_on) < 0)
        return err_set(err, E_INVALID, "/card_valid_until",
                       "活动证有效期（%s）不能早于外出日期（%s）", in->card_valid_until,
                       in->starts_on);
    if (in->card_valid_until && blank(in->card_no))
        return err_set(err, E_INVALID, "/card_no", "请填写《流动党员活动证》编号");
    if (!strcmp(in->direction, "in")) {
        if (!in->org_id)
            return err_set(err, E_INVALID, "/org_id", "请选择流入地党组织");
        if (in->org_id == m->org_id)
            return err_set(err, E_INVALID, "/org_id", "%s的组织关系就在%s，不是流入党员", m->name,
                           m->org_name);
    } else if (!in->dest_org_id && blank(in->dest_org_name)) {
        return err_set(err, E_INVALID, "/dest_org_name", "请填写流入地党组织");
    }
    if (in->dest_org_id) {
        if (org_get(app, in->dest_org_id, a, &o, err) < 0) {
            if (err->code != E_NOT_FOUND)
                return -1;
            err_clear(err);
            return err_set(err, E_INVALID, "/dest_org_id", "流入地党组织不存在");
        }
        if (in->dest_org_id == m->org_id)
            return err_set(err, E_INVALID, "/dest_org_id", "流入地不能是党员本人所在的党组织");
    }
    return 0;
}

static int64_t months_between(const char *from, const char *to)
{
    int y1, m1, d1, y2, m2, d2;
    int64_t n;

    if (date_parse(from, &y1, &m1, &d1) < 0 || date_parse(to, &y2, &m2, &d2) < 0)
        return 0;
    n = (int64_t)(y2 - y1) * 12 + (m2 - m1);
    return d2 < d1 ? n - 1 : n;
}

int transfer_flow_findings(struct db_conn *c, const char *starts_on, const char *ends_on,
                           struct arena *a, const char **out, struct err *err)
{
    struct transfer_rule r;
    json_t *found;
    char *text;
    int64_t months;
    bool has = false;

    if (ends_on && transfers_store_rule(c, "FLOW-DEF", starts_on, a, &r, &has, err) < 0)
        return -1;
    found = json_array();
    months = has ? transfer_rule_param(&r, "months", 6) : 0;
    if (has && months > 0 && months_between(starts_on, ends_on) >= months)
        json_array_append_new(
            found,
            json_pack("{s:s, s:s, s:s, s:s}", "rule", r.rule_id, "version", r.rule_set, "severity",
                      r.severity, "message",
                      arena_printf(a,
                                   "预计外出%" PRId64
                                   "个月以上：地点相对固定的，应转接正式组织关系（XFER-WHEN）",
                                   months)));
    text = json_dumps(found, JSON_COMPACT);
    *out = arena_strdup(a, text ? text : "[]");
    free(text);
    json_decref(found);
    return 0;
}

int transfer_flow_create(struct app *app, const struct transfer_flow_in *in,
                         const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                         const char **findings_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct member_view m;
    struct transfer_flow_row row = { 0 };
    int64_t open = 0;
    int rc = -1;

    if (check_flow(app, in, a, &m, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0 || transfers_store_flow_open_of(c, in->member_id, &open, err) < 0)
        goto out;
    if (open) {
        err_set(err, E_CONFLICT, "/member_id", "%s已有一份未登记返回的流动党员登记，请先登记返回",
                m.name);
        goto out;
    }
    if (transfer_flow_findings(c, in->starts_on, in->ends_on, a, &row.findings, err) < 0)
        goto out;
    row.member_id = in->member_id;
    row.direction = in->direction;
    row.org_id = !strcmp(in->direction, "in") ? in->org_id : 0;
    row.dest_org_id = in->dest_org_id;
    row.dest_org_name = in->dest_org_name;
    row.place = in->place;
    row.reason = in->reason;
    row.contact = in->contact;
    row.starts_on = in->starts_on;
    row.ends_on = in->ends_on;
    row.card_no = in->card_no;
    row.card_valid_until = in->card_valid_until;
    row.created_by = auth_actor_user_id(actor);
    row.created_at = clock_now();
    if (transfers_store_flow_insert(c, &row, id_out, err) < 0 ||
        auth_audit_change(c, actor, "transfer.flow", "transfer_flow", *id_out,
                          row.org_id ? row.org_id : m.org_id,
                          json_pack("{s:I, s:s, s:s}", "member_id", (json_int_t)in->member_id,
                                    "direction", in->direction, "starts_on", in->starts_on),
                          err) < 0)
        goto out;
    if (findings_out)
        *findings_out = row.findings;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int transfer_flow_get(struct app *app, int64_t id, struct arena *a, struct transfer_flow_view *out,
                      struct transfer_flow_meeting **meetings_out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc = -1;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (transfers_store_flow_get(c, id, today, a, out, err) < 0 ||
        (meetings_out && transfers_store_flow_meetings(c, id, a, meetings_out, n_out, err) < 0))
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int transfer_flows_list(struct app *app, const char *path, struct arena *a,
                        struct transfer_flow_view **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_flows(c, path, today, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int transfer_flow_meeting_add(struct app *app, int64_t flow_id, const char *met_on,
                              const char *topic, const char *note, const struct auth_actor *actor,
                              int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct transfer_flow_view f;
    char today[11];
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        transfers_store_flow_get(c, flow_id, today, &a, &f, err) < 0)
        goto out;
    if (strcmp(met_on, f.starts_on) < 0 || strcmp(met_on, today) > 0 ||
        (f.returned_on && strcmp(met_on, f.returned_on) > 0)) {
        err_set(err, E_INVALID, "/met_on", "参加组织生活的日期应在外出日期（%s）和%s（%s）之间",
                f.starts_on, f.returned_on ? "返回日期" : "今天",
                f.returned_on ? f.returned_on : today);
        goto out;
    }
    if (transfers_store_flow_meeting_insert(c, flow_id, met_on, topic, f.dest_org_name, note,
                                            auth_actor_user_id(actor), clock_now(), id_out,
                                            err) < 0 ||
        auth_audit_change(c, actor, "transfer.flow_meeting", "transfer_flow", flow_id, f.org_id,
                          json_pack("{s:I, s:s, s:s}", "flow_id", (json_int_t)flow_id, "met_on",
                                    met_on, "topic", topic),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int transfer_flow_return(struct app *app, int64_t id, const char *returned_on,
                         const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct transfer_flow_view f;
    char today[11];
    const char *on;
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    on = returned_on ? returned_on : today;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        transfers_store_flow_get(c, id, today, &a, &f, err) < 0)
        goto out;
    if (f.returned_on) {
        err_set(err, E_CONFLICT, "/returned_on", "该流动党员已于%s登记返回", f.returned_on);
        goto out;
    }
    if (strcmp(on, f.starts_on) < 0 || strcmp(on, today) > 0) {
        err_set(err, E_INVALID, "/returned_on", "返回日期应在外出日期（%s）和今天（%s）之间",
                f.starts_on, today);
        goto out;
    }
    if (transfers_store_flow_return(c, id, on, err) < 0 ||
        auth_audit_change(c, actor, "transfer.flow_return", "transfer_flow", id, f.org_id,
                          json_pack("{s:I, s:s}", "id", (json_int_t)id, "returned_on", on),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int transfer_flow_records(struct app *app, int64_t member_id, const char *from, const char *to,
                          struct arena *a, struct transfer_flow_record **out, int64_t *n_out,
                          struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_flow_records(c, member_id, from, to, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}
