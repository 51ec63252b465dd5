/* volunteer_store.c: the volunteer area's SQL, as named statements, and the mapping of rows
 * to structs in the caller's arena: rule rows, persons (members and residents, read from the
 * roster's tables, never copied), teams, activities and sign-ups, hours, posts, claims and
 * record cards, points facts and certificates. It checks no rule (volunteer.c and
 * volunteer_rules.c do) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/volunteer/volunteer_int.h"

/* ---- rules, persons, orgs ---- */

static const struct db_sql SQL_RULES = {
    .name = "volunteer.rules",
    .sql = "SELECT rule_id, version, action, valid_from, valid_to, confidence, source, "
           "COALESCE(points, 0), COALESCE(unit, 1), COALESCE(cap_per_year, -1), "
           "COALESCE(value, 0), enabled FROM volunteer_rule ORDER BY rule_id, valid_from",
};
static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_rule *r = row;
    const char **s[] = { &r->rule_id,  &r->version,    &r->action, &r->valid_from,
                         &r->valid_to, &r->confidence, &r->source };

    for (int i = 0; i < 7; i++)
        *s[i] = db_col_dup(st, i, a);
    r->points = db_col_int(st, 7);
    r->unit = db_col_int(st, 8);
    r->cap_per_year = db_col_int(st, 9);
    r->value = db_col_int(st, 10);
    r->enabled = db_col_int(st, 11) != 0;
}

int volunteer_store_rules(struct db_conn *c, struct arena *a, struct volunteer_rule **out,
                          size_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int64_t n;

    if (db_prepare(c, &SQL_RULES, &st, err) < 0 ||
        db_read_rows(&st, read_rule, sizeof(**out), a, out, &n, err) < 0)
        return -1;
    *n_out = (size_t)n;
    return 0;
}

/* A current member's org, else the community of the household the person lives in. */
static const struct db_sql SQL_PERSON = {
    .name = "volunteer.person",
    .sql = "SELECT p.id, p.tenant_id, COALESCE(m.org_id, h.org_id), p.name, "
           "COALESCE(m.org_path, o.path) FROM person p "
           "LEFT JOIN member m ON m.person_id = p.id AND m.status IN ('probationary', 'full') "
           "LEFT JOIN resident r ON r.person_id = p.id "
           "LEFT JOIN household h ON h.id = r.household_id "
           "LEFT JOIN org o ON o.id = h.org_id "
           "WHERE p.id = ? AND (m.id IS NOT NULL OR h.id IS NOT NULL)",
};
static void read_person(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_person *p = row;

    p->id = db_col_int(st, 0);
    p->tenant_id = db_col_int(st, 1);
    p->org_id = db_col_int(st, 2);
    p->name = db_col_dup(st, 3, a);
    p->org_path = db_col_dup(st, 4, a);
}

int volunteer_store_person(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct volunteer_person *out, struct err *err)
{
    return db_read_by_id(c, &SQL_PERSON, person_id, read_person, a, out, "/person_id",
                         "没有这名党员或居民", err);
}

static const struct db_sql SQL_ORG = {
    .name = "volunteer.org",
    .sql = "SELECT tenant_id, path FROM org WHERE id = ? AND dissolved_on IS NULL",
};
struct org_row {
    int64_t tenant;
    const char *path;
};
static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_row *o = row;

    o->tenant = db_col_int(st, 0);
    o->path = db_col_dup(st, 1, a);
}

int volunteer_store_org(struct db_conn *c, int64_t org_id, struct arena *a, int64_t *tenant_out,
                        const char **path_out, struct err *err)
{
    struct org_row o;

    if (db_read_by_id(c, &SQL_ORG, org_id, read_org, a, &o, "/org_id", "没有这个党组织", err) < 0)
        return -1;
    *tenant_out = o.tenant;
    *path_out = o.path;
    return 0;
}

/* ---- teams ---- */

static const struct db_sql SQL_TEAM_INSERT = {
    .name = "volunteer.team_insert",
    .sql = "INSERT INTO volunteer_team (tenant_id, org_id, org_path, name, leader_person_id, "
           "skills, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_TEAM_MEMBER = {
    .name = "volunteer.team_member",
    .sql = "INSERT INTO volunteer_team_member (team_id, person_id, joined_at) VALUES (?, ?, ?)",
};
static const struct db_sql SQL_TEAM_ORG = {
    .name = "volunteer.team_org",
    .sql = "SELECT org_id FROM volunteer_team WHERE id = ?",
};
static const struct db_sql SQL_TEAMS = {
    .name = "volunteer.teams",
    .sql = "SELECT t.id, t.org_id, (SELECT COUNT(*) FROM volunteer_team_member x "
           "WHERE x.team_id = t.id), t.name, o.name, p.name, t.skills FROM volunteer_team t "
           "JOIN org o ON o.id = t.org_id LEFT JOIN person p ON p.id = t.leader_person_id "
           "WHERE t.org_path LIKE ? || '%' ORDER BY t.org_path, t.id",
};

int volunteer_store_team_insert(struct db_conn *c, const struct volunteer_team_in *in,
                                int64_t tenant_id, const char *org_path, int64_t by, int64_t now,
                                int64_t *id_out, struct err *err)
{
    int rc = db_run_id_args(c, &SQL_TEAM_INSERT,
                            DB_ARGS(DB_INT(tenant_id), DB_INT(in->org_id), DB_TEXT(org_path),
                                    DB_TEXT(in->name), DB_OPT_ID(in->leader_person_id),
                                    DB_OPT_TEXT(in->skills), DB_OPT_ID(by), DB_INT(now)),
                            id_out, err);
    return db_conflict_on(rc, "/name", "本组织已有同名的志愿服务队", err);
}

int volunteer_store_team_member(struct db_conn *c, int64_t team_id, int64_t person_id, int64_t now,
                                struct err *err)
{
    int rc = db_run_args(c, &SQL_TEAM_MEMBER,
                         DB_ARGS(DB_INT(team_id), DB_INT(person_id), DB_INT(now)), err);
    return db_conflict_on(rc, "/members", "队员重复", err);
}

int volunteer_store_team_org(struct db_conn *c, int64_t team_id, int64_t *org_id_out,
                             struct err *err)
{
    return db_read_one_args(c, &SQL_TEAM_ORG, DB_ARGS(DB_INT(team_id)), db_read_int, NULL,
                            org_id_out, "/team_id", "没有这支志愿服务队", err);
}

static void read_team(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_team *t = row;

    t->id = db_col_int(st, 0);
    t->org_id = db_col_int(st, 1);
    t->members = db_col_int(st, 2);
    t->name = db_col_dup(st, 3, a);
    t->org_name = db_col_dup(st, 4, a);
    t->leader_name = db_col_dup(st, 5, a);
    t->skills = db_col_dup(st, 6, a);
}

int volunteer_store_teams(struct db_conn *c, const char *org_path, struct arena *a,
                          struct volunteer_team **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_TEAMS, DB_ARGS(DB_TEXT(org_path)), read_team, sizeof(**out), a,
                             out, n_out, err);
}

/* ---- activities and sign-ups ---- */

#define HOLDS_SEAT "('signed', 'confirmed', 'completed')"
#define ACT_COLS                                                                                   \
    "a.id, a.tenant_id, a.org_id, COALESCE(a.team_id, 0), a.capacity, a.start_min, a.end_min, "    \
    "(SELECT COUNT(*) FROM volunteer_signup s WHERE s.activity_id = a.id AND s.status "            \
    "IN " HOLDS_SEAT "), (SELECT COUNT(*) FROM volunteer_signup s WHERE s.activity_id = a.id AND " \
    "s.status = 'waitlist'), a.org_path, o.name, t.name, a.title, a.place, a.skills, "             \
    "a.description, a.starts_at, a.ends_at, a.status"
#define ACT_FROM                                                                                   \
    " FROM volunteer_activity a JOIN org o ON o.id = a.org_id "                                    \
    "LEFT JOIN volunteer_team t ON t.id = a.team_id "

static const struct db_sql SQL_ACTIVITY_INSERT = {
    .name = "volunteer.activity_insert",
    .sql = "INSERT INTO volunteer_activity (tenant_id, org_id, org_path, team_id, title, place, "
           "skills, description, starts_at, ends_at, start_min, end_min, capacity, status, "
           "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_ACTIVITY = {
    .name = "volunteer.activity",
    .sql = "SELECT " ACT_COLS ACT_FROM "WHERE a.id = ?",
};
static const struct db_sql SQL_ACTIVITIES = {
    .name = "volunteer.activities",
    .sql = "SELECT " ACT_COLS ACT_FROM "WHERE a.org_path LIKE ? || '%' AND a.starts_at >= ? "
           "AND a.starts_at < ? ORDER BY a.start_min DESC, a.id DESC LIMIT 500",
};
/* At an org on the person's path (its community, street...) or below it. */
static const struct db_sql SQL_ACTIVITIES_FOR = {
    .name = "volunteer.activities_for",
    .sql = "SELECT " ACT_COLS ", COALESCE(ms.id, 0), ms.status" ACT_FROM
           "LEFT JOIN volunteer_signup ms ON ms.activity_id = a.id AND ms.person_id = ? "
           "WHERE (substr(?, 1, length(a.org_path)) = a.org_path OR a.org_path LIKE ? || '%') "
           "AND a.status = 'open' AND a.end_min >= ? ORDER BY a.start_min, a.id LIMIT 200",
};

int volunteer_store_activity_insert(struct db_conn *c, const struct volunteer_activity *v,
                                    int64_t by, int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_ACTIVITY_INSERT,
                          DB_ARGS(DB_INT(v->tenant_id), DB_INT(v->org_id), DB_TEXT(v->org_path),
                                  DB_OPT_ID(v->team_id), DB_TEXT(v->title), DB_TEXT(v->place),
                                  DB_OPT_TEXT(v->skills), DB_OPT_TEXT(v->description),
                                  DB_TEXT(v->starts_at), DB_TEXT(v->ends_at), DB_INT(v->start_min),
                                  DB_INT(v->end_min), DB_INT(v->capacity), DB_OPT_ID(by),
                                  DB_INT(now)),
                          id_out, err);
}

static void read_activity(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_activity *v = row;
    int64_t *ints[] = { &v->id,        &v->tenant_id, &v->org_id, &v->team_id, &v->capacity,
                        &v->start_min, &v->end_min,   &v->taken,  &v->waiting };
    const char **s[] = { &v->org_path, &v->org_name,    &v->team_name, &v->title,   &v->place,
                         &v->skills,   &v->description, &v->starts_at, &v->ends_at, &v->status };

    for (int i = 0; i < 9; i++)
        *ints[i] = db_col_int(st, i);
    for (int i = 0; i < 10; i++)
        *s[i] = db_col_dup(st, 9 + i, a);
}

static void read_activity_for(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_activity *v = row;

    read_activity(st, a, row);
    v->my_signup_id = db_col_int(st, 19);
    v->my_status = db_col_dup(st, 20, a);
}

int volunteer_store_activity(struct db_conn *c, int64_t id, struct arena *a,
                             struct volunteer_activity *out, struct err *err)
{
    return db_read_by_id(c, &SQL_ACTIVITY, id, read_activity, a, out, "", "没有这项志愿服务活动",
                         err);
}

int volunteer_store_activities(struct db_conn *c, const char *org_path, const char *from,
                               const char *to, struct arena *a, struct volunteer_activity **out,
                               int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ACTIVITIES,
                             DB_ARGS(DB_TEXT(org_path), DB_TEXT(from), DB_TEXT(to)), read_activity,
                             sizeof(**out), a, out, n_out, err);
}

int volunteer_store_activities_for(struct db_conn *c, const struct volunteer_person *p,
                                   int64_t from_min, struct arena *a,
                                   struct volunteer_activity **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(
        c, &SQL_ACTIVITIES_FOR,
        DB_ARGS(DB_INT(p->id), DB_TEXT(p->org_path), DB_TEXT(p->org_path), DB_INT(from_min)),
        read_activity_for, sizeof(**out), a, out, n_out, err);
}

static const struct db_sql SQL_SEATS = {
    .name = "volunteer.seats",
    .sql = "SELECT COUNT(*) FROM volunteer_signup WHERE activity_id = ? AND status IN " HOLDS_SEAT,
};

int volunteer_store_seats(struct db_conn *c, int64_t activity_id, int64_t *taken_out,
                          struct err *err)
{
    return db_read_one_args(c, &SQL_SEATS, DB_ARGS(DB_INT(activity_id)), db_read_int, NULL,
                            taken_out, "", "", err);
}

#define SIGNUP_COLS                                                                                \
    "s.id, s.activity_id, s.person_id, COALESCE(s.checkin_at, 0), COALESCE(s.checkout_at, 0), "    \
    "s.created_at, p.name, s.status FROM volunteer_signup s JOIN person p ON p.id = s.person_id "
static const struct db_sql SQL_SIGNUP = {
    .name = "volunteer.signup",
    .sql = "SELECT " SIGNUP_COLS "WHERE s.id = ?",
};
static const struct db_sql SQL_SIGNUP_OF = {
    .name = "volunteer.signup_of",
    .sql = "SELECT " SIGNUP_COLS "WHERE s.activity_id = ? AND s.person_id = ?",
};
static const struct db_sql SQL_ROSTER = {
    .name = "volunteer.roster",
    .sql = "SELECT " SIGNUP_COLS "WHERE s.activity_id = ? ORDER BY s.id",
};
static const struct db_sql SQL_SIGNUP_INSERT = {
    .name = "volunteer.signup_insert",
    .sql = "INSERT INTO volunteer_signup (activity_id, person_id, status, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_SIGNUP_SET = {
    .name = "volunteer.signup_set",
    .sql = "UPDATE volunteer_signup SET status = ?, checkin_at = COALESCE(?, checkin_at), "
           "checkout_at = COALESCE(?, checkout_at), updated_at = ? WHERE id = ?",
};
/* Signing up again after cancelling: a new sign-up, the old check-in and check-out gone. */
static const struct db_sql SQL_SIGNUP_REJOIN = {
    .name = "volunteer.signup_rejoin",
    .sql = "UPDATE volunteer_signup SET status = ?, checkin_at = NULL, checkout_at = NULL, "
           "updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_SIGNUP_EVENT = {
    .name = "volunteer.signup_event",
    .sql = "INSERT INTO volunteer_signup_event (signup_id, action, from_status, to_status, "
           "actor_user_id, at) VALUES (?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_FIRST_WAITING = {
    .name = "volunteer.first_waiting",
    .sql = "SELECT id FROM volunteer_signup WHERE activity_id = ? AND status = 'waitlist' "
           "ORDER BY updated_at, id LIMIT 1",
};

static void read_signup(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_signup *s = row;

    s->id = db_col_int(st, 0);
    s->activity_id = db_col_int(st, 1);
    s->person_id = db_col_int(st, 2);
    s->checkin_at = db_col_int(st, 3);
    s->checkout_at = db_col_int(st, 4);
    s->created_at = db_col_int(st, 5);
    s->name = db_col_dup(st, 6, a);
    s->status = db_col_dup(st, 7, a);
}

int volunteer_store_signup(struct db_conn *c, int64_t id, struct arena *a,
                           struct volunteer_signup *out, struct err *err)
{
    return db_read_by_id(c, &SQL_SIGNUP, id, read_signup, a, out, "", "没有这条报名记录", err);
}

int volunteer_store_signup_of(struct db_conn *c, int64_t activity_id, int64_t person_id,
                              struct arena *a, struct volunteer_signup *out, bool *found_out,
                              struct err *err)
{
    return db_read_opt_args(c, &SQL_SIGNUP_OF, DB_ARGS(DB_INT(activity_id), DB_INT(person_id)),
                            read_signup, a, out, found_out, err);
}

int volunteer_store_roster(struct db_conn *c, int64_t activity_id, struct arena *a,
                           struct volunteer_signup **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ROSTER, DB_ARGS(DB_INT(activity_id)), read_signup,
                             sizeof(**out), a, out, n_out, err);
}

int volunteer_store_signup_insert(struct db_conn *c, int64_t activity_id, int64_t person_id,
                                  const char *status, int64_t now, int64_t *id_out, struct err *err)
{
    int rc = db_run_id_args(
        c, &SQL_SIGNUP_INSERT,
        DB_ARGS(DB_INT(activity_id), DB_INT(person_id), DB_TEXT(status), DB_INT(now), DB_INT(now)),
        id_out, err);
    return db_conflict_on(rc, "/person_id", "已报名这项活动", err);
}

int volunteer_store_signup_set(struct db_conn *c, int64_t id, const char *status,
                               int64_t checkin_at, int64_t checkout_at, int64_t now,
                               struct err *err)
{
    return db_run_args(c, &SQL_SIGNUP_SET,
                       DB_ARGS(DB_TEXT(status), DB_OPT_ID(checkin_at), DB_OPT_ID(checkout_at),
                               DB_INT(now), DB_INT(id)),
                       err);
}

int volunteer_store_signup_rejoin(struct db_conn *c, int64_t id, const char *status, int64_t now,
                                  struct err *err)
{
    return db_run_args(c, &SQL_SIGNUP_REJOIN, DB_ARGS(DB_TEXT(status), DB_INT(now), DB_INT(id)),
                       err);
}

int volunteer_store_signup_event(struct db_conn *c, int64_t signup_id, const char *action,
                                 const char *from, const char *to, int64_t by, int64_t now,
                                 struct err *err)
{
    return db_run_args(c, &SQL_SIGNUP_EVENT,
                       DB_ARGS(DB_INT(signup_id), DB_TEXT(action), DB_TEXT(from), DB_TEXT(to),
                               DB_OPT_ID(by), DB_INT(now)),
                       err);
}

int volunteer_store_first_waiting(struct db_conn *c, int64_t activity_id, int64_t *id_out,
                                  bool *found_out, struct err *err)
{
    return db_read_opt_args(c, &SQL_FIRST_WAITING, DB_ARGS(DB_INT(activity_id)), db_read_int, NULL,
                            id_out, found_out, err);
}

/* ---- hours ---- */

#define HOURS_COLS                                                                                 \
    "h.id, h.person_id, h.org_id, COALESCE(h.activity_id, 0), COALESCE(h.post_id, 0), "            \
    "h.minutes, p.name, COALESCE(va.title, vp.name), h.start_at, h.end_at, h.source, h.status, "   \
    "h.note, h.review_note FROM volunteer_hours h JOIN person p ON p.id = h.person_id "            \
    "LEFT JOIN volunteer_activity va ON va.id = h.activity_id "                                    \
    "LEFT JOIN volunteer_post vp ON vp.id = h.post_id "
static const struct db_sql SQL_OVERLAP = {
    .name = "volunteer.overlap",
    .sql = "SELECT " HOURS_COLS "WHERE h.person_id = ? AND h.status <> 'refused' "
           "AND h.start_min < ? AND h.end_min > ? AND h.id <> ? ORDER BY h.start_min LIMIT 1",
};
static const struct db_sql SQL_HOURS_INSERT = {
    .name = "volunteer.hours_insert",
    .sql = "INSERT INTO volunteer_hours (tenant_id, person_id, org_id, org_path, activity_id, "
           "post_id, start_at, end_at, start_min, end_min, minutes, source, status, note, "
           "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_HOURS = {
    .name = "volunteer.hours",
    .sql = "SELECT " HOURS_COLS "WHERE h.id = ?",
};
static const struct db_sql SQL_HOURS_REVIEW = {
    .name = "volunteer.hours_review",
    .sql = "UPDATE volunteer_hours SET status = ?, review_note = ?, reviewed_by = ?, "
           "reviewed_at = ? WHERE id = ? AND status = 'pending'",
};
static const struct db_sql SQL_HOURS_LIST = {
    .name = "volunteer.hours_list",
    .sql = "SELECT " HOURS_COLS "WHERE h.org_path LIKE ? || '%' AND (? IS NULL OR h.status = ?) "
           "AND h.start_at >= ? AND h.start_at < ? ORDER BY h.start_min DESC, h.id LIMIT 500",
    .pg = "SELECT " HOURS_COLS "WHERE h.org_path LIKE ? || '%' AND (?::text IS NULL OR "
          "h.status = ?) AND h.start_at >= ? AND h.start_at < ? "
          "ORDER BY h.start_min DESC, h.id LIMIT 500",
};
static const struct db_sql SQL_HOURS_OF = {
    .name = "volunteer.hours_of",
    .sql = "SELECT " HOURS_COLS "WHERE h.person_id = ? AND h.start_at >= ? AND h.start_at < ? "
           "ORDER BY h.start_min, h.id",
};

static void read_hours(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_hours *h = row;
    int64_t *ints[] = {
        &h->id, &h->person_id, &h->org_id, &h->activity_id, &h->post_id, &h->minutes
    };
    const char **s[] = { &h->name,   &h->what,   &h->start_at, &h->end_at,
                         &h->source, &h->status, &h->note,     &h->review_note };

    for (int i = 0; i < 6; i++)
        *ints[i] = db_col_int(st, i);
    for (int i = 0; i < 8; i++)
        *s[i] = db_col_dup(st, 6 + i, a);
}

int volunteer_store_overlap(struct db_conn *c, int64_t person_id, int64_t start_min,
                            int64_t end_min, int64_t except_id, struct arena *a,
                            struct volunteer_hours *out, bool *found_out, struct err *err)
{
    return db_read_opt_args(
        c, &SQL_OVERLAP,
        DB_ARGS(DB_INT(person_id), DB_INT(end_min), DB_INT(start_min), DB_INT(except_id)),
        read_hours, a, out, found_out, err);
}

int volunteer_store_hours_insert(struct db_conn *c, const struct volunteer_hours *h,
                                 int64_t tenant_id, const char *org_path, int64_t start_min,
                                 int64_t end_min, int64_t by, int64_t now, int64_t *id_out,
                                 struct err *err)
{
    return db_run_id_args(c, &SQL_HOURS_INSERT,
                          DB_ARGS(DB_INT(tenant_id), DB_INT(h->person_id), DB_INT(h->org_id),
                                  DB_TEXT(org_path), DB_OPT_ID(h->activity_id),
                                  DB_OPT_ID(h->post_id), DB_TEXT(h->start_at), DB_TEXT(h->end_at),
                                  DB_INT(start_min), DB_INT(end_min), DB_INT(end_min - start_min),
                                  DB_TEXT(h->source), DB_TEXT(h->status), DB_OPT_TEXT(h->note),
                                  DB_OPT_ID(by), DB_INT(now)),
                          id_out, err);
}

int volunteer_store_hours(struct db_conn *c, int64_t id, struct arena *a,
                          struct volunteer_hours *out, struct err *err)
{
    return db_read_by_id(c, &SQL_HOURS, id, read_hours, a, out, "", "没有这条服务时长记录", err);
}

int volunteer_store_hours_review(struct db_conn *c, int64_t id, const char *status,
                                 const char *note, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(
        c, &SQL_HOURS_REVIEW,
        DB_ARGS(DB_TEXT(status), DB_OPT_TEXT(note), DB_OPT_ID(by), DB_INT(now), DB_INT(id)), err);
}

int volunteer_store_hours_list(struct db_conn *c, const char *org_path, const char *status,
                               const char *from, const char *to, struct arena *a,
                               struct volunteer_hours **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(
        c, &SQL_HOURS_LIST,
        DB_ARGS(DB_TEXT(org_path), DB_TEXT(status), DB_TEXT(status), DB_TEXT(from), DB_TEXT(to)),
        read_hours, sizeof(**out), a, out, n_out, err);
}

int volunteer_store_hours_of(struct db_conn *c, int64_t person_id, const char *from, const char *to,
                             struct arena *a, struct volunteer_hours **out, int64_t *n_out,
                             struct err *err)
{
    return db_read_rows_args(c, &SQL_HOURS_OF,
                             DB_ARGS(DB_INT(person_id), DB_TEXT(from), DB_TEXT(to)), read_hours,
                             sizeof(**out), a, out, n_out, err);
}

/* ---- posts, claims, record cards ---- */

#define POST_COLS                                                                                  \
    "v.id, v.org_id, (SELECT COUNT(*) FROM volunteer_claim c WHERE c.post_id = v.id), "            \
    "v.org_path, o.name, v.name, v.kind, v.duties, v.starts_on, v.ends_on, "                       \
    "(SELECT p.name FROM volunteer_claim c JOIN person p ON p.id = c.person_id "                   \
    "WHERE c.post_id = v.id AND c.from_on <= ? AND c.to_on >= ? ORDER BY c.id LIMIT 1) "           \
    "FROM volunteer_post v JOIN org o ON o.id = v.org_id "
static const struct db_sql SQL_POST_INSERT = {
    .name = "volunteer.post_insert",
    .sql = "INSERT INTO volunteer_post (tenant_id, org_id, org_path, name, kind, duties, "
           "starts_on, ends_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_POST = {
    .name = "volunteer.post",
    .sql = "SELECT " POST_COLS "WHERE v.id = ?",
};
static const struct db_sql SQL_POSTS = {
    .name = "volunteer.posts",
    .sql = "SELECT " POST_COLS "WHERE v.org_path LIKE ? || '%' ORDER BY v.ends_on DESC, v.id "
           "LIMIT 500",
};
static const struct db_sql SQL_POSTS_FOR = {
    .name = "volunteer.posts_for",
    .sql = "SELECT " POST_COLS "WHERE (substr(?, 1, length(v.org_path)) = v.org_path OR "
           "v.org_path LIKE ? || '%') AND v.ends_on >= ? "
           "ORDER BY v.starts_on, v.id LIMIT 200",
};

int volunteer_store_post_insert(struct db_conn *c, const struct volunteer_post_in *in,
                                int64_t tenant_id, const char *org_path, int64_t by, int64_t now,
                                int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_POST_INSERT,
                          DB_ARGS(DB_INT(tenant_id), DB_INT(in->org_id), DB_TEXT(org_path),
                                  DB_TEXT(in->name), DB_TEXT(in->kind), DB_TEXT(in->duties),
                                  DB_TEXT(in->starts_on), DB_TEXT(in->ends_on), DB_OPT_ID(by),
                                  DB_INT(now)),
                          id_out, err);
}

static void read_post(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_post *v = row;
    const char **s[] = { &v->org_path, &v->org_name,  &v->name,    &v->kind,
                         &v->duties,   &v->starts_on, &v->ends_on, &v->holder };

    v->id = db_col_int(st, 0);
    v->org_id = db_col_int(st, 1);
    v->claims = db_col_int(st, 2);
    for (int i = 0; i < 8; i++)
        *s[i] = db_col_dup(st, 3 + i, a);
}

int volunteer_store_post(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                         struct volunteer_post *out, struct err *err)
{
    return db_read_one_args(c, &SQL_POST, DB_ARGS(DB_TEXT(today), DB_TEXT(today), DB_INT(id)),
                            read_post, a, out, "", "没有这个公益岗位", err);
}

int volunteer_store_posts(struct db_conn *c, const char *org_path, const char *today,
                          struct arena *a, struct volunteer_post **out, int64_t *n_out,
                          struct err *err)
{
    return db_read_rows_args(c, &SQL_POSTS,
                             DB_ARGS(DB_TEXT(today), DB_TEXT(today), DB_TEXT(org_path)), read_post,
                             sizeof(**out), a, out, n_out, err);
}

int volunteer_store_posts_for(struct db_conn *c, const char *person_path, const char *today,
                              struct arena *a, struct volunteer_post **out, int64_t *n_out,
                              struct err *err)
{
    return db_read_rows_args(c, &SQL_POSTS_FOR,
                             DB_ARGS(DB_TEXT(today), DB_TEXT(today), DB_TEXT(person_path),
                                     DB_TEXT(person_path), DB_TEXT(today)),
                             read_post, sizeof(**out), a, out, n_out, err);
}

#define CLAIM_COLS                                                                                 \
    "c.id, c.post_id, c.person_id, v.org_id, (SELECT COUNT(*) FROM volunteer_post_record r "       \
    "WHERE r.claim_id = c.id), v.name, v.kind, p.name, c.from_on, c.to_on, v.org_path "            \
    "FROM volunteer_claim c JOIN volunteer_post v ON v.id = c.post_id "                            \
    "JOIN person p ON p.id = c.person_id "
static const struct db_sql SQL_CLAIM_OVERLAP = {
    .name = "volunteer.claim_overlap",
    .sql = "SELECT " CLAIM_COLS "WHERE c.post_id = ? AND c.from_on <= ? AND c.to_on >= ? "
           "ORDER BY c.from_on LIMIT 1",
};
static const struct db_sql SQL_CLAIM_ON = {
    .name = "volunteer.claim_on",
    .sql = "SELECT id FROM volunteer_claim WHERE post_id = ? AND person_id = ? AND from_on <= ? "
           "AND to_on >= ? LIMIT 1",
};
static const struct db_sql SQL_CLAIM_INSERT = {
    .name = "volunteer.claim_insert",
    .sql = "INSERT INTO volunteer_claim (post_id, person_id, from_on, to_on, created_by, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_CLAIM = {
    .name = "volunteer.claim",
    .sql = "SELECT " CLAIM_COLS "WHERE c.id = ?",
};
static const struct db_sql SQL_CLAIMS_OF = {
    .name = "volunteer.claims_of",
    .sql = "SELECT " CLAIM_COLS "WHERE c.person_id = ? AND c.from_on < ? AND c.to_on >= ? "
           "ORDER BY c.from_on, c.id",
};

static void read_claim(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_claim *k = row;
    const char **s[] = { &k->post_name, &k->kind, &k->name, &k->from_on, &k->to_on, &k->org_path };

    k->id = db_col_int(st, 0);
    k->post_id = db_col_int(st, 1);
    k->person_id = db_col_int(st, 2);
    k->org_id = db_col_int(st, 3);
    k->records = db_col_int(st, 4);
    for (int i = 0; i < 6; i++)
        *s[i] = db_col_dup(st, 5 + i, a);
}

int volunteer_store_claim_overlap(struct db_conn *c, int64_t post_id, const char *from,
                                  const char *to, struct arena *a, struct volunteer_claim *out,
                                  bool *found_out, struct err *err)
{
    return db_read_opt_args(c, &SQL_CLAIM_OVERLAP,
                            DB_ARGS(DB_INT(post_id), DB_TEXT(to), DB_TEXT(from)), read_claim, a,
                            out, found_out, err);
}

int volunteer_store_claim_on(struct db_conn *c, int64_t post_id, int64_t person_id,
                             const char *date, bool *found_out, struct err *err)
{
    int64_t id;

    return db_read_opt_args(
        c, &SQL_CLAIM_ON, DB_ARGS(DB_INT(post_id), DB_INT(person_id), DB_TEXT(date), DB_TEXT(date)),
        db_read_int, NULL, &id, found_out, err);
}

int volunteer_store_claim_insert(struct db_conn *c, int64_t post_id, int64_t person_id,
                                 const char *from, const char *to, int64_t by, int64_t now,
                                 int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_CLAIM_INSERT,
                          DB_ARGS(DB_INT(post_id), DB_INT(person_id), DB_TEXT(from), DB_TEXT(to),
                                  DB_OPT_ID(by), DB_INT(now)),
                          id_out, err);
}

int volunteer_store_claim(struct db_conn *c, int64_t id, struct arena *a,
                          struct volunteer_claim *out, struct err *err)
{
    return db_read_by_id(c, &SQL_CLAIM, id, read_claim, a, out, "", "没有这条岗位认领记录", err);
}

int volunteer_store_claims_of(struct db_conn *c, int64_t person_id, const char *from,
                              const char *to, struct arena *a, struct volunteer_claim **out,
                              int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_CLAIMS_OF,
                             DB_ARGS(DB_INT(person_id), DB_TEXT(to), DB_TEXT(from)), read_claim,
                             sizeof(**out), a, out, n_out, err);
}

#define RECORD_COLS                                                                                \
    "r.id, r.claim_id, c.person_id, r.confirmed, v.name, p.name, r.done_on, r.content, r.served, " \
    "r.feedback, r.satisfaction FROM volunteer_post_record r "                                     \
    "JOIN volunteer_claim c ON c.id = r.claim_id JOIN volunteer_post v ON v.id = c.post_id "       \
    "JOIN person p ON p.id = c.person_id "
static const struct db_sql SQL_RECORD_INSERT = {
    .name = "volunteer.record_insert",
    .sql = "INSERT INTO volunteer_post_record (claim_id, done_on, content, served, feedback, "
           "satisfaction, confirmed, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_RECORDS = {
    .name = "volunteer.records",
    .sql = "SELECT " RECORD_COLS "WHERE (c.person_id = ? OR (? = 0 AND v.org_path LIKE ? || '%')) "
           "AND r.done_on >= ? AND r.done_on < ? ORDER BY r.done_on, r.id LIMIT 2000",
};

int volunteer_store_record_insert(struct db_conn *c, int64_t claim_id,
                                  const struct volunteer_record_in *in, bool confirmed, int64_t by,
                                  int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_RECORD_INSERT,
                          DB_ARGS(DB_INT(claim_id), DB_TEXT(in->done_on), DB_TEXT(in->content),
                                  DB_OPT_TEXT(in->served), DB_OPT_TEXT(in->feedback),
                                  DB_OPT_TEXT(in->satisfaction), DB_INT(confirmed ? 1 : 0),
                                  DB_OPT_ID(by), DB_INT(now)),
                          id_out, err);
}

static void read_record(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_post_record *r = row;
    const char **s[] = { &r->post_name, &r->name,     &r->done_on,     &r->content,
                         &r->served,    &r->feedback, &r->satisfaction };

    r->id = db_col_int(st, 0);
    r->claim_id = db_col_int(st, 1);
    r->person_id = db_col_int(st, 2);
    r->confirmed = db_col_int(st, 3) != 0;
    for (int i = 0; i < 7; i++)
        *s[i] = db_col_dup(st, 4 + i, a);
}

int volunteer_store_records(struct db_conn *c, int64_t person_id, const char *org_path,
                            const char *from, const char *to, struct arena *a,
                            struct volunteer_post_record **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_RECORDS,
                             DB_ARGS(DB_INT(person_id), DB_INT(person_id),
                                     DB_TEXT(org_path ? org_path : "/"), DB_TEXT(from),
                                     DB_TEXT(to)),
                             read_record, sizeof(**out), a, out, n_out, err);
}

/* ---- points facts, certificates ---- */

static const struct db_sql SQL_FACTS = {
    .name = "volunteer.facts",
    .sql = "SELECT h.person_id, 'hours', substr(h.start_at, 1, 10), h.minutes, p.name "
           "FROM volunteer_hours h JOIN person p ON p.id = h.person_id "
           "WHERE h.org_path LIKE ? || '%' AND h.status = 'verified' AND h.start_at >= ? "
           "AND h.start_at < ? UNION ALL "
           "SELECT c.person_id, 'post_record', r.done_on, 1, p.name FROM volunteer_post_record r "
           "JOIN volunteer_claim c ON c.id = r.claim_id JOIN volunteer_post v ON v.id = c.post_id "
           "JOIN person p ON p.id = c.person_id WHERE v.org_path LIKE ? || '%' "
           "AND r.confirmed = 1 AND r.done_on >= ? AND r.done_on < ? ORDER BY 5, 1, 3, 2",
};
static void read_fact(struct db_stmt *st, struct arena *a, void *row)
{
    struct volunteer_fact *f = row;

    f->person_id = db_col_int(st, 0);
    f->action = db_col_dup(st, 1, a);
    f->on = db_col_dup(st, 2, a);
    f->qty = db_col_int(st, 3);
    f->name = db_col_dup(st, 4, a);
}

int volunteer_store_facts(struct db_conn *c, const char *org_path, const char *from, const char *to,
                          struct arena *a, struct volunteer_fact **out, int64_t *n_out,
                          struct err *err)
{
    return db_read_rows_args(c, &SQL_FACTS,
                             DB_ARGS(DB_TEXT(org_path), DB_TEXT(from), DB_TEXT(to),
                                     DB_TEXT(org_path), DB_TEXT(from), DB_TEXT(to)),
                             read_fact, sizeof(**out), a, out, n_out, err);
}

static const struct db_sql SQL_CERT = {
    .name = "volunteer.cert",
    .sql = "SELECT number, minutes, issued_at FROM volunteer_certificate WHERE person_id = ? "
           "AND year = ?",
};
static const struct db_sql SQL_CERT_COUNT = {
    .name = "volunteer.cert_count",
    .sql = "SELECT COUNT(*) FROM volunteer_certificate WHERE year = ?",
};
static const struct db_sql SQL_CERT_INSERT = {
    .name = "volunteer.cert_insert",
    .sql = "INSERT INTO volunteer_certificate (tenant_id, person_id, year, number, minutes, "
           "issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
};
struct cert_row {
    const char *number;
    int64_t minutes, issued_at;
};
static void read_cert(struct db_stmt *st, struct arena *a, void *row)
{
    struct cert_row *r = row;

    r->number = db_col_dup(st, 0, a);
    r->minutes = db_col_int(st, 1);
    r->issued_at = db_col_int(st, 2);
}

int volunteer_store_certificate(struct db_conn *c, int64_t person_id, int year, struct arena *a,
                                const char **number_out, int64_t *minutes_out, int64_t *issued_out,
                                bool *found_out, struct err *err)
{
    struct cert_row r = { 0 };

    if (db_read_opt_args(c, &SQL_CERT, DB_ARGS(DB_INT(person_id), DB_INT(year)), read_cert, a, &r,
                         found_out, err) < 0)
        return -1;
    *number_out = r.number;
    *minutes_out = r.minutes;
    *issued_out = r.issued_at;
    return 0;
}

int volunteer_store_certificate_insert(struct db_conn *c, int64_t tenant_id, int64_t person_id,
                                       int year, int64_t minutes, int64_t by, int64_t now,
                                       struct arena *a, const char **number_out, struct err *err)
{
    int64_t n;
    const char *number;

    if (db_read_one_args(c, &SQL_CERT_COUNT, DB_ARGS(DB_INT(year)), db_read_int, NULL, &n, "", "",
                         err) < 0)
        return -1;
    number = arena_printf(a, "%04d-%06" PRId64, year, n + 1);
    if (db_run_args(c, &SQL_CERT_INSERT,
                    DB_ARGS(DB_INT(tenant_id), DB_INT(person_id), DB_INT(year), DB_TEXT(number),
                            DB_INT(minutes), DB_OPT_ID(by), DB_INT(now)),
                    err) < 0)
        return -1;
    *number_out = number;
    return 0;
}

/* ---- the demo hook's reads (volunteer_demo.c) ---- */

static const struct db_sql SQL_DEMO_PEOPLE = {
    .name = "volunteer.demo_people",
    .sql = "SELECT person_id FROM member WHERE org_path LIKE ? || '%' AND status = 'full' "
           "ORDER BY id LIMIT ?",
};
static const struct db_sql SQL_DEMO_FIRST_POST = {
    .name = "volunteer.demo_first_post",
    .sql = "SELECT MIN(id) FROM volunteer_post WHERE org_id = ?",
};

int volunteer_store_demo_people(struct db_conn *c, const char *org_path, int64_t limit,
                                struct arena *a, int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_DEMO_PEOPLE, DB_ARGS(DB_TEXT(org_path), DB_INT(limit)),
                             db_read_int, sizeof(**out), a, out, n_out, err);
}

int64_t volunteer_store_demo_first_post(struct db_conn *c, int64_t org_id, struct err *err)
{
    int64_t id = 0;

    if (db_read_one_args(c, &SQL_DEMO_FIRST_POST, DB_ARGS(DB_INT(org_id)), db_read_int, NULL, &id,
                         "", "", err) < 0)
        return -1;
    return id;
}
