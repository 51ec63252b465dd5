/* orglife_demo_store.c: SQL of the organizational-life demo hook (orglife_demo.c): the live
 * branch-level orgs and groups of the street with their 书记, demo meetings, their attendance
 * drawn from the roster as it is now, and the meetings' counts in one pass. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_int.h"

#define SECRETARY_OF(o, post)                                                                      \
    "COALESCE((SELECT m.person_id FROM org_post p JOIN member m ON m.id = p.member_id "            \
    "WHERE p.org_id = " o " AND p.ended_on IS NULL AND p.post " post " ORDER BY p.id LIMIT 1), 0)"
static const struct db_sql SQL_ORGS = {
    .name = "orglife.demo_orgs",
    .sql = "SELECT o.id, o.tenant_id, COALESCE(o.parent_id, 0), " SECRETARY_OF(
        "o.id",
        "= '书记'") ", " SECRETARY_OF("o.id",
                                      "<> '书记'") ", o.path, o.type, o.name, "
                                                   "o.founded_on, (SELECT COUNT(*) FROM org_post p "
                                                   "WHERE p.org_id = o.id AND p.ended_on IS "
                                                   "NULL) >= 3 FROM org o WHERE o.type IN "
                                                   "('branch', 'joint_branch', 'mobile_branch', "
                                                   "'general_branch', 'group') AND o.dissolved_on "
                                                   "IS NULL ORDER BY o.id",
    .pg = "SELECT o.id, o.tenant_id, COALESCE(o.parent_id, 0), " SECRETARY_OF(
        "o.id",
        "= '书记'") ", " SECRETARY_OF("o.id",
                                      "<> '书记'") ", o.path, o.type, o.name, "
                                                   "o.founded_on, ((SELECT COUNT(*) FROM org_post "
                                                   "p WHERE p.org_id = o.id AND p.ended_on IS "
                                                   "NULL) >= 3)::int FROM org o WHERE o.type IN "
                                                   "('branch', 'joint_branch', 'mobile_branch', "
                                                   "'general_branch', 'group') AND o.dissolved_on "
                                                   "IS NULL ORDER BY o.id",
};
static const struct db_sql SQL_MEETING = {
    .name = "orglife.demo_meeting",
    .sql = "INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, "
           "ends_at, place, host_person_id, recorder_person_id, status, minutes, is_synthetic, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
           "RETURNING id",
};
/* The drawn status r (0-99) of each attendee as a row. */
/* The expected attendees of a demo meeting, each with a status drawn as r (0-99) from the
 * salt; r is 100 (nothing recorded yet) for a planned meeting. Parameters: the meeting, now,
 * 1 when planned, the salt, then the roll's own. */
#define ATTEND_INSERT                                                                                          \
    "INSERT INTO meeting_attendance (meeting_id, person_id, expected, status, reason, "                        \
    "leave_approved, recorded_at) SELECT ?, p, 1, CASE WHEN r = 100 THEN NULL WHEN r < 80 "                    \
    "THEN 'present' WHEN r < 84 THEN 'online' WHEN r < 91 THEN 'leave' WHEN r < 95 "                           \
    "THEN 'delivered' ELSE 'absent' END, CASE WHEN r >= 84 AND r < 91 "                                        \
    "THEN '工作冲突，已向支部书记请假' WHEN r >= 91 AND r < 95 "                                  \
    "THEN '年高行动不便，会后由支委上门送学' END, CASE WHEN r >= 84 AND r < 91 THEN 1 ELSE 0 " \
    "END, "                                                                                                    \
    "CASE WHEN r = 100 THEN NULL ELSE ? END FROM (SELECT DISTINCT m.person_id AS p, "                          \
    "CASE WHEN ? = 1 THEN 100 ELSE (m.person_id * 7919 + ?) % 100 END AS r "
static const struct db_sql SQL_ATTEND_ORG = {
    .name = "orglife.demo_attend_org",
    .sql = ATTEND_INSERT "FROM member m WHERE m.org_id = ? AND m.status IN ('probationary', "
                         "'full') AND (m.joined_on IS NULL OR m.joined_on <= ?)) x",
};
static const struct db_sql SQL_ATTEND_GROUP = {
    .name = "orglife.demo_attend_group",
    .sql = ATTEND_INSERT "FROM member m JOIN member_group g ON g.member_id = m.id WHERE "
                         "g.group_id = ? AND m.status IN ('probationary', 'full') AND "
                         "(m.joined_on IS NULL OR m.joined_on <= ?)) x",
};
static const struct db_sql SQL_ATTEND_COMMITTEE = {
    .name = "orglife.demo_attend_committee",
    .sql = ATTEND_INSERT "FROM org_post op JOIN member m ON m.id = op.member_id WHERE "
                         "op.org_id = ? AND op.ended_on IS NULL AND op.started_on <= ?) x",
};
static const struct db_sql SQL_COUNTS = {
    .name = "orglife.demo_counts",
    .sql = "UPDATE meeting SET " ORGLIFE_COUNTS_SET " FROM (SELECT meeting_id, " ORGLIFE_ATTEND_SUMS
           " FROM meeting_attendance GROUP BY meeting_id) s WHERE s.meeting_id = meeting.id",
};

static const struct db_sql SQL_RECENT = {
    .name = "orglife.demo_recent",
    .sql =
        "SELECT id FROM meeting WHERE is_synthetic = 1 AND minutes IS NOT NULL AND meets_on >= ? "
        "ORDER BY id",
};

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_demo_org *o = row;

    o->id = db_col_int(st, 0);
    o->tenant_id = db_col_int(st, 1);
    o->parent_id = db_col_int(st, 2);
    o->secretary = db_col_int(st, 3);
    o->committee_member = db_col_int(st, 4);
    o->path = db_col_dup(st, 5, a);
    o->type = db_col_dup(st, 6, a);
    o->name = db_col_dup(st, 7, a);
    o->founded_on = db_col_dup(st, 8, a);
    o->committee = db_col_int(st, 9) != 0;
}

int orglife_demo_store_orgs(struct db_conn *c, struct arena *a, struct orglife_demo_org **out,
                            int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_ORGS, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_org, sizeof(**out), a, out, n_out, err);
}

int orglife_demo_store_meeting(struct db_conn *c, const struct orglife_demo_org *org,
                               const struct orglife_demo_meeting *in, int64_t now, int64_t *id_out,
                               struct err *err)
{
    return db_run_id_args(c, &SQL_MEETING,
                          DB_ARGS(DB_INT(org->tenant_id), DB_INT(org->id), DB_TEXT(org->path),
                                  DB_TEXT(in->type), DB_TEXT(in->topic), DB_TEXT(in->meets_on),
                                  DB_TEXT(in->starts_at), DB_TEXT(in->ends_at), DB_TEXT(in->place),
                                  DB_OPT_ID(in->host_person_id), DB_OPT_ID(in->recorder_person_id),
                                  DB_TEXT(in->status), DB_OPT_TEXT(in->minutes), DB_INT(now),
                                  DB_INT(now)),
                          id_out, err);
}

int orglife_demo_store_attend(struct db_conn *c, int64_t meeting_id, int64_t org_id,
                              const char *type, const char *meets_on, bool planned, int64_t salt,
                              int64_t now, struct err *err)
{
    const struct db_sql *sql = !strcmp(type, "group")       ? &SQL_ATTEND_GROUP
                               : !strcmp(type, "committee") ? &SQL_ATTEND_COMMITTEE
                                                            : &SQL_ATTEND_ORG;
    return db_run_args(c, sql,
                       DB_ARGS(DB_INT(meeting_id), DB_INT(now), DB_INT(planned),
                               DB_INT(salt % 1000), DB_INT(org_id), DB_TEXT(meets_on)),
                       err);
}

/* The drifting member: the first 正式党员 of the demo branch who is not the demo login (the one
 * the dues demo leaves 6 months in arrears: dues.demo_pick) is recorded 缺席 at every held
 * meeting since the date, for the 失联 ladder and the 三不 view. */
static const struct db_sql SQL_DRIFTING = {
    .name = "orglife.demo_drifting",
    .sql = "UPDATE meeting_attendance SET status = 'absent', reason = NULL, leave_approved = 0 "
           "WHERE person_id = (SELECT person_id FROM member WHERE org_id = ? AND status = 'full' "
           "AND person_id <> ? ORDER BY id LIMIT 1) AND status IS NOT NULL AND meeting_id IN "
           "(SELECT id FROM meeting WHERE status = 'held' AND meets_on >= ?)",
};

int orglife_demo_store_drifting(struct db_conn *c, int64_t branch, int64_t login_person,
                                const char *since, struct err *err)
{
    return db_run_args(c, &SQL_DRIFTING,
                       DB_ARGS(DB_INT(branch), DB_INT(login_person), DB_TEXT(since)), err);
}

int orglife_demo_store_counts(struct db_conn *c, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_COUNTS, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

int orglife_demo_store_recent(struct db_conn *c, const char *since, struct arena *a, int64_t **out,
                              int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_RECENT, DB_ARGS(DB_TEXT(since)), db_read_int, sizeof(**out), a,
                             out, n_out, err);
}

static const struct db_sql SQL_CONGRESSES = {
    .name = "orglife.demo_congresses",
    .sql =
        "SELECT id FROM meeting WHERE org_id = ? AND type = 'party_congress' AND status = 'held' "
        "ORDER BY meets_on DESC, id DESC LIMIT 2",
};

int orglife_demo_store_congresses(struct db_conn *c, int64_t org_id, struct arena *a, int64_t **out,
                                  int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_CONGRESSES, DB_ARGS(DB_INT(org_id)), db_read_int,
                             sizeof(**out), a, out, n_out, err);
}
