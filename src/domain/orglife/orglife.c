/* orglife.c: meetings: the codes the area shows, the checks a meeting must pass (time format,
 * an org alive on the date, a host and recorder who were its members then, the type fitting
 * the org), create and update with the expected attendees in one transaction, read and list.
 * Attendance is orglife_attend.c; compliance orglife_compliance.c. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/orglife/orglife_int.h"

const char *const MEETING_TYPES[] = {
    "party_congress", "committee",  "group", "lecture", "theme_day",
    "life_meeting",   "evaluation", "talk",  "custom",  NULL
};
const char *const MEETING_TYPE_LABELS[] = {
    "支部党员大会", "支部委员会",   "党小组会", "党课", "主题党日",
    "组织生活会",   "民主评议党员", "谈心谈话", "其他", NULL
};
const char *const MEETING_STATUSES[] = { "planned", "held", "cancelled", NULL };
const char *const MEETING_STATUS_LABELS[] = { "计划", "已召开", "已取消", NULL };
const char *const ATTEND_STATUSES[] = { "present", "online", "leave", "absent", "delivered", NULL };
const char *const ATTEND_STATUS_LABELS[] = { "出席", "线上参会", "请假", "缺席", "送学上门", NULL };
const char *const RULE_PERIODS[] = { "month", "quarter", "year", NULL };
const char *const RULE_PERIOD_LABELS[] = { "每月", "每季度", "每年", NULL };

/* "YYYY-MM-DD HH:MM" (or with "T", or with ":SS" that is dropped) into out (17 bytes). */
static int time_norm(const char *s, const char *field, char out[17], struct err *err)
{
    int y, mo, d, h, mi;
    char date[11];

    if (strlen(s) < 16 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
        (s[16] && (s[16] != ':' || strlen(s) != 19)))
        return err_set(err, E_INVALID, field, "时间格式应为 YYYY-MM-DD HH:MM");
    memcpy(date, s, 10);
    date[10] = '\0';
    if (date_parse(date, &y, &mo, &d) < 0 || sscanf(s + 11, "%2d:%2d", &h, &mi) != 2 || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || !isdigit((unsigned char)s[11]) ||
        !isdigit((unsigned char)s[14]))
        return err_set(err, E_INVALID, field, "不是有效的时间");
    snprintf(out, 17, "%s %02d:%02d", date, h, mi);
    return 0;
}

void orglife_now_cst(char out[17])
{
    int64_t t = clock_now() + 8 * 3600;
    char buf[40];
    int y, m, d;

    date_from_days(t / 86400, &y, &m, &d);
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d", y, m, d, (int)(t % 86400 / 3600),
             (int)(t % 3600 / 60));
    memcpy(out, buf, 16);
    out[16] = '\0';
}

static bool on_roll(const struct orglife_roll_row *roll, int64_t n, int64_t person_id)
{
    for (int64_t i = 0; i < n; i++)
        if (roll[i].person_id == person_id)
            return true;
    return false;
}

/* The checks of a meeting that need the org: the type fits it, it is alive on the date, and
 * the host and recorder were its members then. Fills starts/ends (normalized) and meets_on. */
static int meeting_check(struct db_conn *c, struct meeting_in *in, const struct orglife_org *org,
                         char starts[17], char ends[17], char meets_on[11], struct arena *a,
                         struct err *err)
{
    struct orglife_roll_row *roll;
    char now[17];
    int64_t n;
    bool group = !strcmp(in->type, "group");

    if (time_norm(in->starts_at, "/starts_at", starts, err) < 0 ||
        (in->ends_at && time_norm(in->ends_at, "/ends_at", ends, err) < 0))
        return -1;
    memcpy(meets_on, starts, 10);
    meets_on[10] = '\0';
    if (in->ends_at && strcmp(ends, starts) < 0)
        return err_set(err, E_INVALID, "/ends_at", "结束时间不能早于开始时间");
    orglife_now_cst(now);
    if (!strcmp(in->status, "held") && strcmp(starts, now) > 0)
        return err_set(err, E_INVALID, "/status", "会议尚未开始，不能记为已召开");
    if (!strcmp(in->type, "custom") && !in->custom_type)
        return err_set(err, E_INVALID, "/custom_type", "其他类型的会议须填写会议类型名称");
    if (group != !strcmp(org->type, "group"))
        return err_set(err, E_INVALID, "/type",
                       group ? "党小组会应在党小组下召开" : "党小组只能召开党小组会");
    if (org->founded_on && strcmp(meets_on, org->founded_on) < 0)
        return err_set(err, E_CONFLICT, "/starts_at", "%s于 %s 成立，会议日期不能早于成立日期",
                       org->name, org->founded_on);
    if (org->dissolved_on && strcmp(meets_on, org->dissolved_on) >= 0)
        return err_set(err, E_CONFLICT, "/starts_at", "%s已于 %s 撤销，不能在此日期开会", org->name,
                       org->dissolved_on);
    if (!in->host_person_id && !in->recorder_person_id)
        return 0;
    if (orglife_store_roll(c, org->id, group ? "group" : "party_congress", meets_on, a, &roll, &n,
                           err) < 0)
        return -1;
    if (in->host_person_id && !on_roll(roll, n, in->host_person_id))
        return err_set(err, E_INVALID, "/host_person_id", "主持人在会议当日不是%s的党员",
                       org->name);
    if (in->recorder_person_id && !on_roll(roll, n, in->recorder_person_id))
        return err_set(err, E_INVALID, "/recorder_person_id", "记录人在会议当日不是%s的党员",
                       org->name);
    return 0;
}

/* Stores the expected attendees for the meeting's type and date and recounts. */
static int expected_refresh(struct db_conn *c, int64_t id, const struct meeting_in *in,
                            const char *meets_on, struct arena *a, struct err *err)
{
    struct orglife_roll_row *roll;
    int64_t n;

    return orglife_store_roll(c, in->org_id, in->type, meets_on, a, &roll, &n, err) < 0 ||
                   orglife_store_expected_set(c, id, roll, n, err) < 0 ||
                   orglife_store_counts(c, id, false, err) < 0
               ? -1
               : 0;
}

int orglife_year_touch(struct db_conn *c, const struct orglife_org *org, const char *type,
                       const char *meets_on, struct err *err)
{
    int64_t branch = strcmp(org->type, "group") ? org->id : org->parent_id;

    int y, m, d;

    if (date_parse(meets_on, &y, &m, &d) < 0)
        return err_set(err, E_INTERNAL, "", "会议日期无效");
    return orglife_store_year_refresh(c, branch, type, y, err);
}

static bool same_text(const char *x, const char *y)
{
    return (!x || !*x) ? (!y || !*y) : (y && !strcmp(x, y));
}

/* The 照搬照抄 check of saved minutes, with the configured thresholds. */
static int copy_check(struct app *app, struct db_conn *c, int64_t id, const char *minutes,
                      struct arena *a, struct err *err)
{
    struct orglife_copy_rule rule;

    orglife_copy_rule_of(app->cfg, &rule);
    return orglife_copy_check(c, id, minutes, &rule, a, err);
}

static json_t *meeting_json(const struct meeting_in *in, const char *starts)
{
    return json_pack("{s:s, s:s?, s:s, s:s, s:s?, s:s?, s:b, s:I, s:I, s:s, s:I}", "type", in->type,
                     "custom_type", in->custom_type, "topic", in->topic, "starts_at", starts,
                     "ends_at", in->ends_at, "place", in->place, "online", in->online,
                     "host_person_id", (json_int_t)in->host_person_id, "recorder_person_id",
                     (json_int_t)in->recorder_person_id, "status", in->status, "minutes_len",
                     (json_int_t)(in->minutes ? strlen(in->minutes) : 0));
}

static int meeting_audit(struct db_conn *c, const struct auth_actor *actor, const char *action,
                         int64_t id, int64_t org_id, json_t *before, json_t *after, struct err *err)
{
    char digest[65];
    struct audit_entry e = auth_audit_entry(actor, action, "meeting", id, org_id);

    audit_change_digest(before, after, digest);
    e.digest = digest;
    return audit_append(c, &e, err);
}

int meeting_create(struct app *app, const struct meeting_in *in_, const struct auth_actor *actor,
                   int64_t *id_out, struct err *err)
{
    struct meeting_in in = *in_;
    struct db_conn *c = NULL;
    struct orglife_org org;
    char starts[17], ends[17], meets_on[11];
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (!in.status)
        in.status = arena_strdup(&a, "planned");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_org(c, in.org_id, &a, &org, err) < 0 ||
        meeting_check(c, &in, &org, starts, ends, meets_on, &a, err) < 0)
        goto out;
    in.starts_at = starts;
    in.ends_at = in.ends_at ? ends : NULL;
    if (orglife_store_meeting_insert(c, &org, &in, meets_on, auth_actor_user_id(actor), clock_now(),
                                     id_out, err) < 0 ||
        orglife_store_agenda_replace(c, *id_out, in.agenda, in.nagenda, err) < 0 ||
        expected_refresh(c, *id_out, &in, meets_on, &a, err) < 0 ||
        copy_check(app, c, *id_out, in.minutes, &a, err) < 0 ||
        orglife_year_touch(c, &org, in.type, meets_on, err) < 0 ||
        meeting_audit(c, actor, "meeting.create", *id_out, org.id, NULL, meeting_json(&in, starts),
                      err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int meeting_update(struct app *app, int64_t id, const struct meeting_in *in_,
                   const struct auth_actor *actor, struct err *err)
{
    struct meeting_in in = *in_, before;
    struct db_conn *c = NULL;
    struct meeting_view cur;
    struct orglife_org org;
    char starts[17], ends[17], meets_on[11];
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_meeting_get(c, id, &a, &cur, err) < 0)
        goto out;
    if (in.org_id != cur.org_id) {
        err_set(err, E_INVALID, "/org_id", "会议所属党组织不能修改");
        goto out;
    }
    if (orglife_store_org(c, cur.org_id, &a, &org, err) < 0 ||
        meeting_check(c, &in, &org, starts, ends, meets_on, &a, err) < 0)
        goto out;
    in.starts_at = starts;
    in.ends_at = in.ends_at ? ends : NULL;
    meeting_view_to_in(&cur, &before);
    if (orglife_store_meeting_update(c, id, &in, meets_on, clock_now(), err) < 0 ||
        orglife_store_agenda_replace(c, id, in.agenda, in.nagenda, err) < 0 ||
        ((strcmp(meets_on, cur.meets_on) || strcmp(in.type, cur.type)) &&
         expected_refresh(c, id, &in, meets_on, &a, err) < 0) ||
        (!same_text(in.minutes, cur.minutes) && copy_check(app, c, id, in.minutes, &a, err) < 0) ||
        orglife_year_touch(c, &org, cur.type, cur.meets_on, err) < 0 ||
        orglife_year_touch(c, &org, in.type, meets_on, err) < 0 ||
        meeting_audit(c, actor, "meeting.update", id, org.id, meeting_json(&before, cur.starts_at),
                      meeting_json(&in, starts), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

void meeting_view_to_in(const struct meeting_view *v, struct meeting_in *out)
{
    *out = (struct meeting_in){
        .org_id = v->org_id,
        .type = v->type,
        .custom_type = v->custom_type,
        .topic = v->topic,
        .starts_at = v->starts_at,
        .ends_at = v->ends_at,
        .place = v->place,
        .status = v->status,
        .guests = v->guests,
        .minutes = v->minutes,
        .decisions = v->decisions,
        .online = v->online,
        .host_person_id = v->host_person_id,
        .recorder_person_id = v->recorder_person_id,
        .agenda = v->agenda,
        .nagenda = v->nagenda,
    };
}

int meeting_get(struct app *app, int64_t id, struct arena *a, struct meeting_view *out,
                struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = orglife_store_meeting_get(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int meeting_list(struct app *app, const struct meeting_query *q, struct arena *a,
                 struct meeting_view **out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = orglife_store_meeting_page(c, q, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}
