/* orglife_attend.c: a meeting's attendance: who was expected and what was recorded, and
 * recording it (出席, 线上参会, 请假 with a reason, 缺席, 送学上门 for members who could not
 * come) for expected attendees or other members of the org on the meeting date. */
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

int meeting_attendees(struct app *app, int64_t meeting_id, struct arena *a,
                      struct meeting_attendee **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = orglife_store_attendees(c, meeting_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int orglife_absences(struct app *app, const char *path, struct arena *a,
                     struct orglife_absence **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = orglife_store_absences(c, path, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

static bool listed(const struct meeting_attendee *v, int64_t n, int64_t person_id)
{
    for (int64_t i = 0; i < n; i++)
        if (v[i].person_id == person_id)
            return true;
    return false;
}

static bool on_roll(const struct orglife_roll_row *roll, int64_t n, int64_t person_id)
{
    for (int64_t i = 0; i < n; i++)
        if (roll[i].person_id == person_id)
            return true;
    return false;
}

/* The row checks: no person twice, 请假 with a reason, only 请假 before the meeting starts,
 * each person expected or on the org's roll on the meeting date. */
static int attendance_check(struct db_conn *c, const struct meeting_view *m,
                            const struct attendance_in *in, int64_t n, bool started,
                            struct arena *a, struct err *err)
{
    struct meeting_attendee *cur;
    struct orglife_roll_row *roll = NULL;
    int64_t ncur, nroll = 0;
    bool roll_read = false;

    if (orglife_store_attendees(c, m->id, a, &cur, &ncur, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        for (int64_t j = 0; j < i; j++)
            if (in[j].person_id == in[i].person_id)
                return err_set(err, E_INVALID, arena_printf(a, "/items/%" PRId64 "/person_id", i),
                               "第 %" PRId64 " 项与第 %" PRId64 " 项是同一人", i + 1, j + 1);
        if (!strcmp(in[i].status, "leave") && !in[i].reason)
            return err_set(err, E_INVALID, arena_printf(a, "/items/%" PRId64 "/reason", i),
                           "第 %" PRId64 " 项：请假须填写事由", i + 1);
        if (!started && strcmp(in[i].status, "leave"))
            return err_set(err, E_CONFLICT, arena_printf(a, "/items/%" PRId64 "/status", i),
                           "第 %" PRId64 " 项：会议尚未开始，只能登记请假", i + 1);
        if (listed(cur, ncur, in[i].person_id))
            continue;
        if (!roll_read &&
            orglife_store_roll(c, m->org_id, strcmp(m->type, "group") ? "party_congress" : "group",
                               m->meets_on, a, &roll, &nroll, err) < 0)
            return -1;
        roll_read = true;
        if (!on_roll(roll, nroll, in[i].person_id))
            return err_set(err, E_INVALID, arena_printf(a, "/items/%" PRId64 "/person_id", i),
                           "第 %" PRId64 " 项：此人在 %s 不是%s的党员", i + 1, m->meets_on,
                           m->org_name);
    }
    return 0;
}

int meeting_attendance_set(struct app *app, int64_t meeting_id, const struct attendance_in *in,
                           int64_t n, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct meeting_view m;
    struct orglife_org org;
    int64_t uid = auth_actor_user_id(actor), now = clock_now();
    char now_text[17];
    struct arena a;
    bool started;
    json_t *after;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_meeting_get(c, meeting_id, &a, &m, err) < 0)
        goto out;
    if (!strcmp(m.status, "cancelled")) {
        err_set(err, E_CONFLICT, "", "会议已取消，不能登记出席");
        goto out;
    }
    orglife_now_cst(now_text);
    started = strcmp(m.starts_at, now_text) <= 0;
    if (attendance_check(c, &m, in, n, started, &a, err) < 0)
        goto out;
    after = json_array();
    for (int64_t i = 0; i < n; i++) {
        if (orglife_store_attend(c, meeting_id, &in[i], uid, now, err) < 0) {
            json_decref(after);
            goto out;
        }
        json_array_append_new(after,
                              json_pack("{s:I, s:s}", "person_id", (json_int_t)in[i].person_id,
                                        "status", in[i].status));
    }
    if (orglife_store_counts(c, meeting_id, started, err) < 0 ||
        orglife_store_org(c, m.org_id, &a, &org, err) < 0 ||
        orglife_year_touch(c, &org, m.type, m.meets_on, err) < 0) {
        json_decref(after);
        goto out;
    }
    if (auth_audit_change(c, actor, "meeting.attendance", "meeting", meeting_id, m.org_id, after,
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
