/* transfers_report.c: 在职党员到社区报到 (RULES.md §9, "双报到"): an in-service member — a
 * member of the tree whose relation lies elsewhere, or a person whose relation lies in a
 * workplace Party org outside the tree — registers with the community they live in; both the
 * community and (in the tree) the workplace org see the registration (RPT-DUAL). The
 * community records the services done "8 小时之外" (服务登记卡, RPT-FORMS) and its yearly
 * evaluation (RPT-EVAL); the yearly summary is the 反馈表 for the workplace. The software
 * keeps what people record; it grades nobody. */
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
#include "domain/orgpath.h"
#include "domain/orgs/orgs.h"
#include "domain/transfers/transfers_int.h"
#include "domain/volunteer/volunteer.h"

const char *const TRANSFER_SERVICE_KINDS[] = { "wish",      "pairing", "governance", "skill",
                                               "publicity", "other",   NULL };
const char *const TRANSFER_SERVICE_KIND_LABELS[] = {
    "认领微心愿", "结对帮扶", "参与社区治理", "专业技能服务", "政策宣讲", "其他", NULL
};
const char *const TRANSFER_REVIEW_GRADES[] = { "excellent", "good", "fair", "poor", NULL };
const char *const TRANSFER_REVIEW_GRADE_LABELS[] = { "优秀", "良好", "一般", "较差", NULL };

/* The checks that need no transaction: the community, the member (when in the tree), the
 * date; fills the row's member, workplace and community fields. */
static int check_report(struct app *app, struct transfer_report_in *in, const char *today,
                        struct arena *a, struct transfer_report_row *row, struct err *err)
{
    struct org_view comm;
    struct member_view m;

    if (org_get(app, in->community_id, a, &comm, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        return err_set(err, E_INVALID, "/community_id", "报到的社区党组织不存在");
    }
    if (strcmp(comm.type, "community_committee") || comm.dissolved_on)
        return err_set(err, E_INVALID, "/community_id",
                       "%s不是社区党组织（或已撤销），在职党员应到居住地社区党组织报到", comm.name);
    if (strcmp(in->reported_on, today) > 0)
        return err_set(err, E_INVALID, "/reported_on", "报到日期（%s）不能晚于今天（%s）",
                       in->reported_on, today);
    row->community_id = comm.id;
    if (!in->member_id) {
        struct member_in p = { .name = in->name, .gender = in->gender, .phone = in->phone };
        if (!in->unit_org_name || !*in->unit_org_name)
            return err_set(err, E_INVALID, "/unit_org_name",
                           "请填写组织关系所在的工作单位党组织名称");
        if (member_normalize(app, &p, a, err) < 0)
            return -1;
        in->name = p.name;
        in->gender = p.gender;
        in->phone = p.phone;
        row->unit_org_name = in->unit_org_name;
        return 0;
    }
    if (member_get(app, in->member_id, a, &m, err) < 0) {
        if (err->code == E_NOT_FOUND)
            snprintf(err->field, sizeof(err->field), "/member_id");
        return -1;
    }
    if (strcmp(m.status, "probationary") && strcmp(m.status, "full"))
        return err_set(err, E_INVALID, "/member_id", "%s的党籍状态为“%s”，不能登记报到", m.name,
                       m.status_label);
    if (orgpath_within(m.org_path, comm.path))
        return err_set(err, E_INVALID, "/member_id", "%s的组织关系就在%s，无需到本社区报到", m.name,
                       comm.name);
    row->person_id = m.person_id;
    row->member_id = m.id;
    row->unit_org_id = m.org_id;
    row->unit_org_name = m.org_name;
    if (!in->work_unit)
        in->work_unit = m.work_unit ? arena_strdup(a, m.work_unit) : NULL;
    return 0;
}

int transfer_report_create(struct app *app, const struct transfer_report_in *in0,
                           const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                           struct err *err)
{
    struct db_conn *c = NULL;
    struct transfer_report_in in = *in0;
    struct transfer_report_row row = { 0 };
    char today[11];
    int64_t open = 0;
    int rc = -1;

    clock_today(today);
    if (!in.reported_on)
        in.reported_on = today;
    if (check_report(app, &in, today, a, &row, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0 ||
        transfers_store_org_tenant(c, row.community_id, &row.tenant_id, err) < 0)
        goto out;
    row.created_at = clock_now();
    if (!row.person_id) {
        struct member_in p = { .name = in.name, .gender = in.gender, .phone = in.phone };
        if (in.name && transfers_store_report_open_outside(c, row.community_id, in.name,
                                                           row.unit_org_name, &open, err) < 0)
            goto out;
        if (open) {
            err_set(err, E_CONFLICT, "/name", "%s（%s）已在本社区报到（登记编号 %" PRId64 "）",
                    in.name, row.unit_org_name, open);
            goto out;
        }
        if (person_add(c, row.tenant_id, &p, a, row.created_at, &row.person_id, err) < 0)
            goto out;
    }
    if (transfers_store_report_open_of(c, row.person_id, &open, err) < 0)
        goto out;
    if (open) {
        err_set(err, E_CONFLICT, in.member_id ? "/member_id" : "/name",
                "该党员已在社区报到（登记编号 %" PRId64 "），请先登记停止报到", open);
        goto out;
    }
    row.work_unit = in.work_unit;
    row.skills = in.skills;
    row.wishes = in.wishes;
    row.reported_on = in.reported_on;
    row.created_by = auth_actor_user_id(actor);
    if (transfers_store_report_insert(c, &row, id_out, err) < 0 ||
        auth_audit_change(c, actor, "transfer.report", "transfer_report", *id_out, row.community_id,
                          json_pack("{s:I, s:I, s:s, s:s}", "person_id", (json_int_t)row.person_id,
                                    "member_id", (json_int_t)row.member_id, "unit_org_name",
                                    row.unit_org_name, "reported_on", row.reported_on),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int transfer_reports_list(struct app *app, const char *path, int year, struct arena *a,
                          struct transfer_report_view **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_reports(c, path, 0, year, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

static int get_in(struct db_conn *c, int64_t id, int year, struct arena *a,
                  struct transfer_report_view *out, struct err *err)
{
    struct transfer_report_view *v;
    int64_t n;

    if (transfers_store_reports(c, NULL, id, year, a, &v, &n, err) < 0)
        return -1;
    if (!n)
        return err_set(err, E_NOT_FOUND, "", "在职党员报到登记不存在");
    *out = v[0];
    return 0;
}

int transfer_report_get(struct app *app, int64_t id, int year, struct arena *a,
                        struct transfer_report_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = get_in(c, id, year, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int transfer_report_service_add(struct app *app, int64_t id, const struct transfer_service *in,
                                const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct transfer_report_view r;
    struct arena a;
    char today[11];
    int rc = -1;

    arena_init(&a, 2048);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        get_in(c, id, (int)strtol(today, NULL, 10), &a, &r, err) < 0)
        goto out;
    if (strcmp(in->served_on, r.reported_on) < 0 || strcmp(in->served_on, today) > 0 ||
        (r.ended_on && strcmp(in->served_on, r.ended_on) > 0)) {
        err_set(err, E_INVALID, "/served_on", "服务日期应在报到（%s）之后、%s之前", r.reported_on,
                r.ended_on ? "停止报到" : "今天");
        goto out;
    }
    if (transfers_store_report_service_insert(c, id, in, auth_actor_user_id(actor), clock_now(),
                                              id_out, err) < 0 ||
        auth_audit_change(c, actor, "transfer.report_service", "transfer_report", id,
                          r.community_id,
                          json_pack("{s:s, s:I, s:s}", "served_on", in->served_on, "minutes",
                                    (json_int_t)in->minutes, "kind", in->kind),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int transfer_report_review(struct app *app, int64_t id, int year, const char *grade,
                           const char *comment, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct transfer_report_view r;
    struct arena a;
    char today[11];
    int rc = -1;

    arena_init(&a, 2048);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        get_in(c, id, year, &a, &r, err) < 0)
        goto out;
    if (year < (int)strtol(r.reported_on, NULL, 10) || year > (int)strtol(today, NULL, 10)) {
        err_set(err, E_INVALID, "/year", "评价年度应在报到当年（%.4s）到今年之间", r.reported_on);
        goto out;
    }
    if (transfers_store_report_review_set(c, id, year, grade, comment, auth_actor_user_id(actor),
                                          clock_now(), err) < 0 ||
        auth_audit_change(
            c, actor, "transfer.report_review", "transfer_report", id, r.community_id,
            json_pack("{s:i, s:s, s:s}", "year", year, "grade", grade, "comment", comment),
            err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int transfer_report_end(struct app *app, int64_t id, const char *ended_on, const char *reason,
                        const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct transfer_report_view r;
    struct arena a;
    char today[11];
    int rc = -1;

    arena_init(&a, 2048);
    clock_today(today);
    if (!ended_on)
        ended_on = today;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        get_in(c, id, (int)strtol(today, NULL, 10), &a, &r, err) < 0)
        goto out;
    if (strcmp(ended_on, r.reported_on) < 0 || strcmp(ended_on, today) > 0) {
        err_set(err, E_INVALID, "/ended_on", "停止报到日期应在报到（%s）之后、今天之前",
                r.reported_on);
        goto out;
    }
    if (transfers_store_report_end(c, id, ended_on, reason, err) < 0 ||
        auth_audit_change(c, actor, "transfer.report_end", "transfer_report", id, r.community_id,
                          json_pack("{s:s, s:s?}", "ended_on", ended_on, "reason", reason),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

/* The volunteer hours verified in the person's year while registered (from reported_on to
 * ended_on) as services; a person the volunteer area does not know has none. */
static int volunteer_services(struct app *app, int64_t person_id, int year, struct arena *a,
                              struct transfer_report_summary *out, struct err *err)
{
    struct volunteer_record v;

    if (volunteer_record(app, person_id, year, a, &v, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        return 0;
    }
    out->vservices = arena_alloc(a, sizeof(*out->vservices) * (size_t)(v.nhours ? v.nhours : 1));
    for (int64_t i = 0; i < v.nhours; i++)
        if (!strcmp(v.hours[i].status, "verified") &&
            strncmp(v.hours[i].start_at, out->r.reported_on, 10) >= 0 &&
            (!out->r.ended_on || strncmp(v.hours[i].start_at, out->r.ended_on, 10) <= 0))
            out->vservices[out->nvservices++] =
                (struct transfer_service){ .id = v.hours[i].id,
                                           .minutes = v.hours[i].minutes,
                                           .served_on =
                                               arena_printf(a, "%.10s", v.hours[i].start_at),
                                           .kind = "volunteer",
                                           .content = v.hours[i].what };
    return 0;
}

int transfer_report_summary(struct app *app, int64_t id, int year, struct arena *a,
                            struct transfer_report_summary *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (get_in(c, id, year, a, &out->r, err) == 0 &&
        transfers_store_report_services(c, id, year, a, &out->services, &out->nservices, err) ==
            0 &&
        transfers_store_report_review_get(c, id, year, a, &out->grade, &out->comment, err) == 0)
        rc = 0;
    db_release(app->db, &c);
    if (rc == 0)
        rc = volunteer_services(app, out->r.person_id, year, a, out, err);
    return rc;
}
