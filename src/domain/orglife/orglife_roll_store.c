/* orglife_roll_store.c: who is expected at a meeting, read from the roster as it stood on the
 * meeting date (member_event holds each member's org and status changes), and the attendance
 * rows with the counts kept on the meeting. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_int.h"

/* A member's org and status on a date (the parameter): the value the last change on or before
 * it set, else the value the first later change replaced, else today's. */
#define ORG_ON                                                                                     \
    "COALESCE((SELECT CAST(e.new_value AS BIGINT) FROM member_event e WHERE e.member_id = m.id "   \
    "AND e.kind = 'org' AND e.effective_on <= ? ORDER BY e.effective_on DESC, e.id DESC LIMIT "    \
    "1), "                                                                                         \
    "(SELECT CAST(e.old_value AS BIGINT) FROM member_event e WHERE e.member_id = m.id "            \
    "AND e.kind = 'org' AND e.effective_on > ? ORDER BY e.effective_on, e.id LIMIT 1), m.org_id)"
#define STATUS_ON                                                                                  \
    "COALESCE((SELECT e.new_value FROM member_event e WHERE e.member_id = m.id "                   \
    "AND e.kind IN ('status', 'create') AND e.effective_on <= ? "                                  \
    "ORDER BY e.effective_on DESC, e.id DESC LIMIT 1), (SELECT e.old_value FROM member_event e "   \
    "WHERE e.member_id = m.id AND e.kind = 'status' AND e.effective_on > ? "                       \
    "ORDER BY e.effective_on, e.id LIMIT 1), m.status)"

/* The org's members on the date: ?org, ?org as text twice (members who moved in or out),
 * ?date (joined), ?date ×2 (ORG_ON), ?date ×2 (STATUS_ON), ?org. */
static const struct db_sql SQL_ROLL_ORG = {
    .name = "orglife.roll_org",
    .sql = "SELECT person_id, name, st FROM (SELECT p.id AS person_id, p.name AS name, "
           "p.name_initials AS ini, " ORG_ON " AS o, " STATUS_ON " AS st FROM member m "
           "JOIN person p ON p.id = m.person_id WHERE (m.org_id = ? OR m.id IN (SELECT "
           "e.member_id FROM member_event e WHERE e.kind = 'org' AND (e.old_value = ? OR "
           "e.new_value = ?))) AND (m.joined_on IS NULL OR m.joined_on <= ?)) x "
           "WHERE o = ? AND st IN ('probationary', 'full') ORDER BY ini, person_id",
};
/* A 党小组's members (the grouping is kept as it is now) with their status on the date:
 * ?date ×2, ?group, ?date. */
static const struct db_sql SQL_ROLL_GROUP = {
    .name = "orglife.roll_group",
    .sql = "SELECT person_id, name, st FROM (SELECT p.id AS person_id, p.name AS name, "
           "p.name_initials AS ini, " STATUS_ON " AS st FROM member m JOIN member_group g "
           "ON g.member_id = m.id JOIN person p ON p.id = m.person_id WHERE g.group_id = ? "
           "AND (m.joined_on IS NULL OR m.joined_on <= ?)) x "
           "WHERE st IN ('probationary', 'full') ORDER BY ini, person_id",
};
/* The committee in office on the date: ?org, ?date ×2. */
static const struct db_sql SQL_ROLL_COMMITTEE = {
    .name = "orglife.roll_committee",
    .sql = "SELECT DISTINCT p.id, p.name, m.status, p.name_initials FROM org_post op "
           "JOIN member m ON m.id = op.member_id JOIN person p ON p.id = m.person_id "
           "WHERE op.org_id = ? AND op.started_on <= ? AND (op.ended_on IS NULL OR "
           "op.ended_on > ?) ORDER BY p.name_initials, p.id",
};

static const struct db_sql SQL_UNEXPECT = {
    .name = "orglife.unexpect",
    .sql = "UPDATE meeting_attendance SET expected = 0 WHERE meeting_id = ?",
};
static const struct db_sql SQL_DROP_UNRECORDED = {
    .name = "orglife.drop_unrecorded",
    .sql = "DELETE FROM meeting_attendance WHERE meeting_id = ? AND status IS NULL",
};
static const struct db_sql SQL_EXPECT = {
    .name = "orglife.expect",
    .sql = "INSERT INTO meeting_attendance (meeting_id, person_id, expected) VALUES (?, ?, 1) "
           "ON CONFLICT (meeting_id, person_id) DO UPDATE SET expected = 1",
};
static const struct db_sql SQL_ATTEND = {
    .name = "orglife.attend",
    .sql = "INSERT INTO meeting_attendance (meeting_id, person_id, expected, status, reason, "
           "leave_approved, recorded_by, recorded_at) VALUES (?, ?, 0, ?, ?, ?, ?, ?) "
           "ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status, "
           "reason = excluded.reason, leave_approved = excluded.leave_approved, "
           "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
};
static const struct db_sql SQL_ATTENDEES = {
    .name = "orglife.attendees",
    .sql = "SELECT a.person_id, p.name, a.status, a.reason, a.expected, a.leave_approved, "
           "COALESCE(m.status = 'probationary', 0) FROM meeting_attendance a JOIN person p "
           "ON p.id = a.person_id LEFT JOIN member m ON m.person_id = a.person_id "
           "WHERE a.meeting_id = ? ORDER BY a.expected DESC, p.name_initials, p.id",
    .pg = "SELECT a.person_id, p.name, a.status, a.reason, a.expected, a.leave_approved, "
          "COALESCE(m.status = 'probationary', false)::int FROM meeting_attendance a "
          "JOIN person p ON p.id = a.person_id LEFT JOIN member m ON m.person_id = a.person_id "
          "WHERE a.meeting_id = ? ORDER BY a.expected DESC, p.name_initials, p.id",
};
static const struct db_sql SQL_COUNTS = {
    .name = "orglife.counts",
    .sql = "UPDATE meeting SET " ORGLIFE_COUNTS_SET ", status = CASE WHEN ? = 1 AND status = "
           "'planned' THEN 'held' ELSE status END FROM (SELECT " ORGLIFE_ATTEND_SUMS
           " FROM meeting_attendance WHERE meeting_id = ?) s WHERE id = ?",
};

static void read_roll(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_roll_row *r = row;

    r->person_id = db_col_int(st, 0);
    r->name = db_col_dup(st, 1, a);
    r->status = db_col_dup(st, 2, a);
}

int orglife_store_roll(struct db_conn *c, int64_t org_id, const char *type, const char *date,
                       struct arena *a, struct orglife_roll_row **out, int64_t *n_out,
                       struct err *err)
{
    struct db_stmt *st = NULL;
    char idtext[24];
    int k = 1;

    *out = NULL;
    *n_out = 0;
    if (!strcmp(type, "talk"))
        return 0;
    if (!strcmp(type, "committee")) {
        if (db_prepare(c, &SQL_ROLL_COMMITTEE, &st, err) < 0)
            return -1;
        db_bind_int(st, 1, org_id);
        db_bind_text(st, 2, date);
        db_bind_text(st, 3, date);
    } else if (!strcmp(type, "group")) {
        if (db_prepare(c, &SQL_ROLL_GROUP, &st, err) < 0)
            return -1;
        db_bind_text(st, k++, date);
        db_bind_text(st, k++, date);
        db_bind_int(st, k++, org_id);
        db_bind_text(st, k++, date);
    } else {
        if (db_prepare(c, &SQL_ROLL_ORG, &st, err) < 0)
            return -1;
        snprintf(idtext, sizeof(idtext), "%" PRId64, org_id);
        for (int i = 0; i < 4; i++)
            db_bind_text(st, k++, date);
        db_bind_int(st, k++, org_id);
        db_bind_text(st, k++, idtext);
        db_bind_text(st, k++, idtext);
        db_bind_text(st, k++, date);
        db_bind_int(st, k++, org_id);
    }
    return db_read_rows(&st, read_roll, sizeof(**out), a, out, n_out, err);
}

int orglife_store_expected_set(struct db_conn *c, int64_t meeting_id,
                               const struct orglife_roll_row *roll, int64_t n, struct err *err)
{
    if (db_run_by_id(c, &SQL_UNEXPECT, meeting_id, err) < 0 ||
        db_run_by_id(c, &SQL_DROP_UNRECORDED, meeting_id, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++)
        if (db_run_args(c, &SQL_EXPECT, DB_ARGS(DB_INT(meeting_id), DB_INT(roll[i].person_id)),
                        err) < 0)
            return -1;
    return 0;
}

static void read_attendee(struct db_stmt *st, struct arena *a, void *row)
{
    struct meeting_attendee *r = row;

    r->person_id = db_col_int(st, 0);
    r->name = db_col_dup(st, 1, a);
    r->status = db_col_dup(st, 2, a);
    r->reason = db_col_dup(st, 3, a);
    r->expected = db_col_int(st, 4) != 0;
    r->leave_approved = db_col_int(st, 5) != 0;
    r->probationary = db_col_int(st, 6) != 0;
}

int orglife_store_attendees(struct db_conn *c, int64_t meeting_id, struct arena *a,
                            struct meeting_attendee **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ATTENDEES, DB_ARGS(DB_INT(meeting_id)), read_attendee,
                             sizeof(**out), a, out, n_out, err);
}

/* took: the last held meeting each current member of the subtree took part in; then the first
 * held meeting after it they were expected at and missed. */
static const struct db_sql SQL_ABSENCES = {
    .name = "orglife.absences",
    .sql = "SELECT s.member_id, mb.org_id, p.name, o.name, s.last_on, s.first_missed, "
           "s.last_missed FROM (SELECT t.member_id, t.last_on, MIN(mt.meets_on) AS first_missed, "
           "MAX(mt.meets_on) AS last_missed FROM (SELECT mb.id AS member_id, mb.person_id, "
           "MAX(CASE WHEN x.status IN ('present', 'online', 'delivered') OR (x.status = 'leave' "
           "AND x.leave_approved = 1) THEN mt.meets_on END) AS last_on FROM member mb JOIN "
           "meeting_attendance x ON x.person_id = mb.person_id JOIN meeting mt ON mt.id = "
           "x.meeting_id AND mt.status = 'held' WHERE mb.org_path LIKE ? || '%' AND mb.status IN "
           "('probationary', 'full') GROUP BY mb.id, mb.person_id) t JOIN meeting_attendance x ON "
           "x.person_id = t.person_id AND x.expected = 1 AND (x.status = 'absent' OR (x.status = "
           "'leave' AND x.leave_approved = 0)) JOIN meeting mt ON mt.id = x.meeting_id AND "
           "mt.status = 'held' AND mt.meets_on > COALESCE(t.last_on, '') GROUP BY t.member_id, "
           "t.last_on) s JOIN member mb ON mb.id = s.member_id JOIN person p ON p.id = "
           "mb.person_id JOIN org o ON o.id = mb.org_id ORDER BY s.member_id",
};

static void read_absence(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_absence *r = row;

    r->member_id = db_col_int(st, 0);
    r->org_id = db_col_int(st, 1);
    r->name = db_col_dup(st, 2, a);
    r->org_name = db_col_dup(st, 3, a);
    r->last_took_part = db_col_dup(st, 4, a);
    r->first_missed = db_col_dup(st, 5, a);
    r->last_missed = db_col_dup(st, 6, a);
}

int orglife_store_absences(struct db_conn *c, const char *path, struct arena *a,
                           struct orglife_absence **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ABSENCES, DB_ARGS(DB_TEXT(path)), read_absence, sizeof(**out),
                             a, out, n_out, err);
}

int orglife_store_attend(struct db_conn *c, int64_t meeting_id, const struct attendance_in *in,
                         int64_t user_id, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_ATTEND,
                       DB_ARGS(DB_INT(meeting_id), DB_INT(in->person_id), DB_TEXT(in->status),
                               DB_OPT_TEXT(in->reason), DB_INT(in->leave_approved),
                               DB_OPT_ID(user_id), DB_INT(now)),
                       err);
}

int orglife_store_counts(struct db_conn *c, int64_t meeting_id, bool held, struct err *err)
{
    return db_run_args(c, &SQL_COUNTS,
                       DB_ARGS(DB_INT(held), DB_INT(meeting_id), DB_INT(meeting_id)), err);
}
