/* volunteer.c: the volunteer service's writes for teams, activities, sign-ups and hours: each
 * one transaction with its audit row. Sign-up seats are counted and taken inside the
 * transaction (writers run one at a time on both drivers), so concurrent sign-ups never
 * over-book; statuses move only through volunteer_transition(); hours never overlap another
 * non-refused record of the same person. Posts and certificates are in volunteer_posts.c. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/orgpath.h"
#include "domain/volunteer/volunteer_int.h"

const char *const VOLUNTEER_SIGNUP_STATUSES[] = { "waitlist",  "signed", "confirmed", "completed",
                                                  "cancelled", "absent", NULL };
const char *const VOLUNTEER_SIGNUP_STATUS_LABELS[] = { "候补", "报名", "确认", "完成",
                                                       "取消", "缺席", NULL };
const char *const VOLUNTEER_ACTIONS[] = {
    "confirm", "checkin", "checkout", "absent", "cancel", NULL
};
const char *const VOLUNTEER_ACTION_LABELS[] = { "确认",     "签到",     "签退并记录时长",
                                                "记为缺席", "取消报名", NULL };
const char *const VOLUNTEER_HOURS_STATUSES[] = { "pending", "verified", "refused", NULL };
const char *const VOLUNTEER_HOURS_STATUS_LABELS[] = { "待审核", "已核实", "未通过", NULL };
const char *const VOLUNTEER_DECISIONS[] = { "approve", "refuse", NULL };

/* Now as minutes of the Asia/Shanghai clock, comparable with volunteer_time_parse(). */
static int64_t now_minutes(void)
{
    return (clock_now() + 8 * 3600) / 60;
}

int volunteer_year_or_now(int64_t y)
{
    char today[11];

    if (y)
        return (int)y;
    clock_today(today);
    return (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
           (today[3] - '0');
}

/* A leader or member of a team of the org at path: a person of the same tenant whose org
 * (their branch, or their household's community) lies below the team's org or above it; any
 * other is E_NOT_FOUND at field (nothing of them is shown). */
static int team_person(struct db_conn *c, int64_t person_id, int64_t tenant, const char *path,
                       struct arena *a, struct volunteer_person *p, const char *field,
                       struct err *err)
{
    if (volunteer_store_person(c, person_id, a, p, err) < 0 || p->tenant_id != tenant ||
        !(orgpath_within(p->org_path, path) || orgpath_within(path, p->org_path))) {
        if (err->code && err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        return err_set(err, E_NOT_FOUND, field, "人员不存在或不在本队伍所在组织");
    }
    return 0;
}

int volunteer_team_create(struct app *app, const struct volunteer_team_in *in,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct volunteer_person p;
    const char *path;
    int64_t tenant, id, now = clock_now();
    int rc = -1;

    arena_init(a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_org(c, in->org_id, a, &tenant, &path, err) < 0)
        goto out;
    if (in->leader_person_id &&
        team_person(c, in->leader_person_id, tenant, path, a, &p, "/leader_person_id", err) < 0)
        goto out;
    if (volunteer_store_team_insert(c, in, tenant, path, auth_actor_user_id(actor), now, &id, err) <
        0)
        goto out;
    for (int64_t i = 0; i < in->nmembers; i++) {
        char field[48];
        snprintf(field, sizeof(field), "/members/%" PRId64 "/person_id", i);
        if (team_person(c, in->members[i].person_id, tenant, path, a, &p, field, err) < 0)
            goto out;
        if (volunteer_store_team_member(c, id, p.id, now, err) < 0)
            goto out;
    }
    if (auth_audit_change(
            c, actor, "volunteer.team", "volunteer_team", id, in->org_id,
            json_pack("{s:s, s:I}", "name", in->name, "members", (json_int_t)in->nmembers),
            err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int volunteer_activity_create(struct app *app, const struct volunteer_activity_in *in,
                              const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct volunteer_activity v = { 0 };
    char starts[17], ends[17];
    int64_t team_org, id;
    int rc = -1;

    arena_init(a, 4096);
    if (volunteer_time_parse(in->starts_at, starts, &v.start_min) < 0) {
        err_set(err, E_INVALID, "/starts_at", "开始时间格式应为 YYYY-MM-DD HH:MM");
        goto out;
    }
    if (volunteer_time_parse(in->ends_at, ends, &v.end_min) < 0) {
        err_set(err, E_INVALID, "/ends_at", "结束时间格式应为 YYYY-MM-DD HH:MM");
        goto out;
    }
    if (v.end_min <= v.start_min) {
        err_set(err, E_INVALID, "/ends_at", "结束时间须晚于开始时间");
        goto out;
    }
    v = (struct volunteer_activity){ .org_id = in->org_id,
                                     .team_id = in->team_id,
                                     .title = in->title,
                                     .place = in->place,
                                     .skills = in->skills,
                                     .description = in->description,
                                     .starts_at = starts,
                                     .ends_at = ends,
                                     .start_min = v.start_min,
                                     .end_min = v.end_min,
                                     .capacity = in->capacity };
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_org(c, in->org_id, a, &v.tenant_id, &v.org_path, err) < 0)
        goto out;
    if (in->team_id) {
        if (volunteer_store_team_org(c, in->team_id, &team_org, err) < 0)
            goto out;
        if (team_org != in->org_id) {
            err_set(err, E_INVALID, "/team_id", "这支志愿服务队不属于所选党组织");
            goto out;
        }
    }
    if (volunteer_store_activity_insert(c, &v, auth_actor_user_id(actor), clock_now(), &id, err) <
            0 ||
        auth_audit_change(c, actor, "volunteer.activity", "volunteer_activity", id, in->org_id,
                          json_pack("{s:s, s:s, s:s, s:I}", "title", in->title, "starts_at", starts,
                                    "ends_at", ends, "capacity", (json_int_t)in->capacity),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int volunteer_signup(struct app *app, int64_t activity_id, int64_t person_id,
                     const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                     const char **status_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_activity v;
    struct volunteer_person p;
    struct volunteer_signup s;
    const char *action, *to;
    bool found = false;
    int64_t taken, id, now = clock_now();
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_activity(c, activity_id, a, &v, err) < 0 ||
        volunteer_store_person(c, person_id, a, &p, err) < 0 ||
        volunteer_store_signup_of(c, activity_id, person_id, a, &s, &found, err) < 0)
        goto out;
    if (strcmp(v.status, "open") != 0) {
        err_set(err, E_INVALID, "", "这项活动已取消，不能报名");
        goto out;
    }
    if (v.start_min <= now_minutes()) {
        err_set(err, E_INVALID, "", "活动已开始，不能再报名");
        goto out;
    }
    if (found && strcmp(s.status, "cancelled") != 0) {
        err_set(err, E_CONFLICT, "/person_id", "%s已报名这项活动（%s）", p.name,
                enum_label(VOLUNTEER_SIGNUP_STATUSES, VOLUNTEER_SIGNUP_STATUS_LABELS, s.status));
        goto out;
    }
    /* The seat count and the insert are in this one transaction: no two sign-ups can both see
     * the last free seat. */
    if (volunteer_store_seats(c, activity_id, &taken, err) < 0)
        goto out;
    action = taken < v.capacity ? "join" : "wait";
    to = volunteer_transition(found ? s.status : NULL, action);
    ASSERT(to);
    if (found) {
        id = s.id;
        if (volunteer_store_signup_rejoin(c, id, to, now, err) < 0)
            goto out;
    } else if (volunteer_store_signup_insert(c, activity_id, person_id, to, now, &id, err) < 0) {
        goto out;
    }
    if (volunteer_store_signup_event(c, id, action, found ? s.status : NULL, to,
                                     auth_actor_user_id(actor), now, err) < 0 ||
        auth_audit_change(c, actor, "volunteer.signup", "volunteer_signup", id, v.org_id,
                          json_pack("{s:I, s:I, s:s}", "activity_id", (json_int_t)activity_id,
                                    "person_id", (json_int_t)person_id, "status", to),
                          err) < 0)
        goto out;
    *id_out = id;
    *status_out = to;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

/* Whether the new record [start, end) of person overlaps another; E_CONFLICT naming it. */
static int overlap_check(struct db_conn *c, int64_t person_id, int64_t start_min, int64_t end_min,
                         int64_t except_id, struct arena *a, struct err *err)
{
    struct volunteer_hours o;
    bool found = false;

    if (volunteer_store_overlap(c, person_id, start_min, end_min, except_id, a, &o, &found, err) <
        0)
        return -1;
    if (found)
        return err_set(err, E_CONFLICT, "/start",
                       "与%s已登记的服务时间重叠：%s %s 至 %s（一个人不能同时在两处服务）", o.name,
                       o.what ? o.what : "", o.start_at, o.end_at);
    return 0;
}

/* Inserts a verified or pending record after the overlap check. */
static int hours_write(struct db_conn *c, struct volunteer_hours *h, int64_t tenant,
                       const char *org_path, int64_t start_min, int64_t end_min,
                       const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                       struct err *err)
{
    if (overlap_check(c, h->person_id, start_min, end_min, 0, a, err) < 0 ||
        volunteer_store_hours_insert(c, h, tenant, org_path, start_min, end_min,
                                     auth_actor_user_id(actor), clock_now(), id_out, err) < 0)
        return -1;
    return auth_audit_change(c, actor, "volunteer.hours", "volunteer_hours", *id_out, h->org_id,
                             json_pack("{s:I, s:s, s:s, s:s, s:s}", "person_id",
                                       (json_int_t)h->person_id, "start", h->start_at, "end",
                                       h->end_at, "source", h->source, "status", h->status),
                             err);
}

/* Check-out: the sign-up completes and the activity's slot is recorded as verified hours. */
static int checkout_hours(struct db_conn *c, const struct volunteer_activity *v,
                          const struct volunteer_signup *s, const struct auth_actor *actor,
                          struct arena *a, struct err *err)
{
    struct volunteer_hours h = { .person_id = s->person_id,
                                 .org_id = v->org_id,
                                 .activity_id = v->id,
                                 .start_at = v->starts_at,
                                 .end_at = v->ends_at,
                                 .source = "organizer",
                                 .status = "verified" };
    int64_t id;

    return hours_write(c, &h, v->tenant_id, v->org_path, v->start_min, v->end_min, actor, a, &id,
                       err);
}

int volunteer_signup_move(struct app *app, int64_t signup_id, const char *action,
                          const struct auth_actor *actor, struct arena *a, const char **status_out,
                          struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_activity v;
    struct volunteer_signup s;
    const char *to;
    int64_t now = clock_now(), by = auth_actor_user_id(actor), next;
    bool found = false;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_signup(c, signup_id, a, &s, err) < 0 ||
        volunteer_store_activity(c, s.activity_id, a, &v, err) < 0)
        goto out;
    to = volunteer_transition(s.status, action);
    if (!to) {
        err_set(err, E_CONFLICT, "/action", "%s的报名状态为“%s”，不能%s", s.name,
                enum_label(VOLUNTEER_SIGNUP_STATUSES, VOLUNTEER_SIGNUP_STATUS_LABELS, s.status),
                enum_label(VOLUNTEER_ACTIONS, VOLUNTEER_ACTION_LABELS, action));
        goto out;
    }
    if (!strcmp(action, "checkin") && s.checkin_at) {
        err_set(err, E_CONFLICT, "/action", "%s已签到", s.name);
        goto out;
    }
    /* Check-out records the activity's time as served: not before it has ended. */
    if (!strcmp(action, "checkout") && v.end_min > now_minutes()) {
        err_set(err, E_INVALID, "/action", "活动尚未结束（%s），结束后再签退", v.ends_at);
        goto out;
    }
    if (!strcmp(action, "checkout") && !s.checkin_at) {
        err_set(err, E_CONFLICT, "/action", "%s尚未签到，不能签退", s.name);
        goto out;
    }
    if (volunteer_store_signup_set(c, s.id, to, !strcmp(action, "checkin") ? now : 0,
                                   !strcmp(action, "checkout") ? now : 0, now, err) < 0 ||
        volunteer_store_signup_event(c, s.id, action, s.status, to, by, now, err) < 0)
        goto out;
    if (!strcmp(action, "checkout") && checkout_hours(c, &v, &s, actor, a, err) < 0)
        goto out;
    /* A freed seat goes to the first on the waitlist, in this same transaction. */
    if (!strcmp(to, "cancelled") && volunteer_status_holds_seat(s.status)) {
        if (volunteer_store_first_waiting(c, v.id, &next, &found, err) < 0)
            goto out;
        if (found && (volunteer_store_signup_set(c, next, "signed", 0, 0, now, err) < 0 ||
                      volunteer_store_signup_event(c, next, "promote", "waitlist", "signed", by,
                                                   now, err) < 0))
            goto out;
    }
    if (auth_audit_change(
            c, actor, "volunteer.move", "volunteer_signup", s.id, v.org_id,
            json_pack("{s:s, s:s, s:s}", "action", action, "from", s.status, "to", to), err) < 0)
        goto out;
    *status_out = to;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

/* Where a record belongs: the activity the person signed up for, or the post the person
 * holds on the record's day. Fills h's org and what, and the tenant and path. */
static int hours_place(struct db_conn *c, const struct volunteer_hours_in *in,
                       struct volunteer_hours *h, const char *day, struct arena *a,
                       int64_t *tenant_out, const char **path_out, struct err *err)
{
    bool found = false;

    if (in->activity_id) {
        struct volunteer_activity v;
        struct volunteer_signup s;
        if (volunteer_store_activity(c, in->activity_id, a, &v, err) < 0) {
            snprintf(err->field, sizeof(err->field), "/activity_id");
            return -1;
        }
        if (volunteer_store_signup_of(c, v.id, in->person_id, a, &s, &found, err) < 0)
            return -1;
        if (!found || !volunteer_status_holds_seat(s.status))
            return err_set(err, E_INVALID, "/activity_id",
                           "该人员没有报名（或不在正式名单中）这项活动，不能登记服务时长");
        h->org_id = v.org_id;
        *tenant_out = v.tenant_id;
        *path_out = v.org_path;
        return 0;
    }
    struct volunteer_post p;
    int64_t tenant;
    if (volunteer_store_post(c, in->post_id, day, a, &p, err) < 0) {
        snprintf(err->field, sizeof(err->field), "/post_id");
        return -1;
    }
    if (volunteer_store_claim_on(c, p.id, in->person_id, day, &found, err) < 0)
        return -1;
    if (!found)
        return err_set(err, E_INVALID, "/post_id",
                       "该人员在%s没有认领这个公益岗位，不能登记服务时长", day);
    if (volunteer_store_org(c, p.org_id, a, &tenant, path_out, err) < 0)
        return -1;
    h->org_id = p.org_id;
    *tenant_out = tenant;
    return 0;
}

int volunteer_hours_log(struct app *app, const struct volunteer_hours_in *in, bool self_logged,
                        const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                        struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_rule *rules;
    const struct volunteer_rule *max;
    struct volunteer_person p;
    struct volunteer_hours h = { 0 };
    char start[17], end[17], day[11];
    const char *path = NULL;
    int64_t smin, emin, tenant = 0;
    size_t nr;
    int rc = -1;

    if (volunteer_time_parse(in->start, start, &smin) < 0)
        return err_set(err, E_INVALID, "/start", "开始时间格式应为 YYYY-MM-DD HH:MM");
    if (volunteer_time_parse(in->end, end, &emin) < 0)
        return err_set(err, E_INVALID, "/end", "结束时间格式应为 YYYY-MM-DD HH:MM");
    if (!in->activity_id == !in->post_id)
        return err_set(err, E_INVALID, "/activity_id", "请填写活动或公益岗位（二选一）");
    if (emin > now_minutes())
        return err_set(err, E_INVALID, "/end", "不能登记尚未结束的服务时间");
    memcpy(day, start, 10);
    day[10] = '\0';
    h = (struct volunteer_hours){ .person_id = in->person_id,
                                  .activity_id = in->activity_id,
                                  .post_id = in->post_id,
                                  .start_at = start,
                                  .end_at = end,
                                  .source = self_logged ? "self" : "organizer",
                                  .status = self_logged ? "pending" : "verified",
                                  .note = in->note };
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_rules(c, a, &rules, &nr, err) < 0)
        goto out;
    max = volunteer_rule_at(rules, nr, "VOL-HOURS-MAX", NULL, day);
    if (volunteer_hours_check(smin, emin, max ? max->value : 1440, err) < 0 ||
        volunteer_store_person(c, in->person_id, a, &p, err) < 0 ||
        hours_place(c, in, &h, day, a, &tenant, &path, err) < 0 ||
        hours_write(c, &h, tenant, path, smin, emin, actor, a, id_out, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int volunteer_hours_review(struct app *app, int64_t id, const char *decision, const char *note,
                           const struct auth_actor *actor, struct arena *a, struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_hours h;
    const char *to = !strcmp(decision, "approve") ? "verified" : "refused";
    int64_t smin, emin;
    char buf[17];
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_hours(c, id, a, &h, err) < 0)
        goto out;
    if (strcmp(h.status, "pending") != 0) {
        err_set(err, E_CONFLICT, "/decision", "这条记录已审核（%s）",
                enum_label(VOLUNTEER_HOURS_STATUSES, VOLUNTEER_HOURS_STATUS_LABELS, h.status));
        goto out;
    }
    if (!strcmp(to, "verified") && h.source && !strcmp(h.source, "self") && actor->user &&
        actor->user->person_id == h.person_id) {
        err_set(err, E_FORBIDDEN, "", "本人登记的服务时长须由他人审核");
        goto out;
    }
    if (volunteer_time_parse(h.start_at, buf, &smin) < 0 ||
        volunteer_time_parse(h.end_at, buf, &emin) < 0) {
        err_set(err, E_INTERNAL, "", "stored time unreadable");
        goto out;
    }
    if ((!strcmp(to, "verified") && overlap_check(c, h.person_id, smin, emin, h.id, a, err) < 0) ||
        volunteer_store_hours_review(c, id, to, note, auth_actor_user_id(actor), clock_now(), err) <
            0 ||
        auth_audit_change(c, actor, "volunteer.review", "volunteer_hours", id, h.org_id,
                          json_pack("{s:s, s:s}", "decision", decision, "status", to), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}
