/* deliberation_store.c: the deliberation area's SQL, as named statements, and the mapping of
 * rows to structs in the caller's arena. A roster is "current on a date" when joined_on <= date
 * and left_on is NULL or later; a Party member is a member row in 预备 or 正式 status. Votes
 * only add to an option's counters (and, for an open ballot, write a choice row): nothing here
 * writes a secret ballot's paper. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orgpath.h"
#include "domain/deliberation/deliberation_int.h"

#define SEAT_ON "s.joined_on <= ? AND (s.left_on IS NULL OR s.left_on > ?)"

static const struct db_sql SQL_RULE = {
    .name = "delib.rule",
    .sql = "SELECT rule_id, version, confidence, source, num, den FROM delib_rule "
           "WHERE rule_id = ? AND valid_from <= ? AND valid_to > ? ORDER BY valid_from DESC "
           "LIMIT 1",
};
static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_rule *r = row;

    r->rule_id = db_col_dup(st, 0, a);
    r->version = db_col_dup(st, 1, a);
    r->confidence = db_col_dup(st, 2, a);
    r->source = db_col_dup(st, 3, a);
    r->num = db_col_int(st, 4);
    r->den = db_col_int(st, 5);
}
int delib_store_rule(struct db_conn *c, const char *rule_id, const char *on, struct arena *a,
                     struct delib_rule *out, struct err *err)
{
    return db_read_one_args(c, &SQL_RULE, DB_ARGS(DB_TEXT(rule_id), DB_TEXT(on), DB_TEXT(on)),
                            read_rule, a, out, "", "该日期没有有效的议事规则", err);
}

static const struct db_sql SQL_ORG = {
    .name = "delib.org",
    .sql = "SELECT tenant_id, path, type FROM org WHERE id = ? AND dissolved_on IS NULL",
};
struct org_row {
    int64_t tenant;
    const char *path, *type;
};
static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_row *o = row;

    o->tenant = db_col_int(st, 0);
    o->path = db_col_dup(st, 1, a);
    o->type = db_col_dup(st, 2, a);
}
int delib_store_org(struct db_conn *c, int64_t org_id, struct arena *a, int64_t *tenant_out,
                    const char **path_out, const char **type_out, struct err *err)
{
    struct org_row o;

    if (db_read_by_id(c, &SQL_ORG, org_id, read_org, a, &o, "/org_id", "没有这个组织", err) < 0)
        return -1;
    *tenant_out = o.tenant;
    *path_out = o.path;
    *type_out = o.type;
    return 0;
}

/* ---- bodies ---- */

static const struct db_sql SQL_BODY_INSERT = {
    .name = "delib.body_insert",
    .sql = "INSERT INTO delib_body (tenant_id, org_id, kind, name, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
};
int delib_store_body_insert(struct db_conn *c, const struct delib_body_in *in, int64_t tenant,
                            int64_t by, int64_t now, int64_t *id_out, struct err *err)
{
    return db_conflict_on(
        db_run_id_args(c, &SQL_BODY_INSERT,
                       DB_ARGS(DB_INT(tenant), DB_INT(in->org_id), DB_TEXT(in->kind),
                               DB_TEXT(in->name), DB_OPT_ID(by), DB_INT(now)),
                       id_out, err),
        "/name", "该组织已有同名议事机构", err);
}

#define BODY_COLS                                                                                  \
    "SELECT b.id, b.org_id, b.tenant_id, o.path, o.name, b.kind, b.name, "                         \
    "(SELECT COUNT(*) FROM delib_seat s WHERE s.body_id = b.id AND " SEAT_ON ") "                  \
    "FROM delib_body b JOIN org o ON o.id = b.org_id "
static void read_body(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_body *b = row;

    b->id = db_col_int(st, 0);
    b->org_id = db_col_int(st, 1);
    b->tenant_id = db_col_int(st, 2);
    b->org_path = db_col_dup(st, 3, a);
    b->org_name = db_col_dup(st, 4, a);
    b->kind = db_col_dup(st, 5, a);
    b->name = db_col_dup(st, 6, a);
    b->seats = db_col_int(st, 7);
}
static const struct db_sql SQL_BODIES = {
    .name = "delib.bodies",
    .sql = BODY_COLS "WHERE o.path LIKE ? || '%' ORDER BY o.path, b.id",
};
int delib_store_bodies(struct db_conn *c, const char *path, const char *today, struct arena *a,
                       struct delib_body **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_BODIES, DB_ARGS(DB_TEXT(today), DB_TEXT(today), DB_TEXT(path)),
                             read_body, sizeof(**out), a, out, n_out, err);
}
static const struct db_sql SQL_BODY = {
    .name = "delib.body",
    .sql = BODY_COLS "WHERE b.id = ?",
};
int delib_store_body(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                     struct delib_body *out, struct err *err)
{
    return db_read_one_args(c, &SQL_BODY, DB_ARGS(DB_TEXT(today), DB_TEXT(today), DB_INT(id)),
                            read_body, a, out, "", "没有这个议事机构", err);
}

/* A member of an org in the body's subtree [path, upper), or a resident of a household there. */
static const struct db_sql SQL_PERSON_OK = {
    .name = "delib.person_ok",
    .sql = "SELECT p.id FROM person p WHERE p.id = ? AND p.tenant_id = ? AND ("
           "EXISTS (SELECT 1 FROM member m WHERE m.person_id = p.id AND m.org_path >= ? AND "
           "m.org_path < ?) OR EXISTS (SELECT 1 FROM resident r JOIN household h ON h.id = "
           "r.household_id JOIN org o ON o.id = h.org_id WHERE r.person_id = p.id AND o.path >= ? "
           "AND o.path < ?))",
};
int delib_store_person_ok(struct db_conn *c, int64_t person_id, int64_t tenant, const char *path,
                          struct err *err)
{
    char upper[ORG_PATH_MAX];
    int64_t id;

    orgpath_upper(path, upper);

    return db_read_one_args(c, &SQL_PERSON_OK,
                            DB_ARGS(DB_INT(person_id), DB_INT(tenant), DB_TEXT(path),
                                    DB_TEXT(upper), DB_TEXT(path), DB_TEXT(upper)),
                            db_read_int, NULL, &id, "/person_id",
                            "议事机构所在组织范围内没有这名党员或居民", err);
}

/* ---- roster ---- */

static const struct db_sql SQL_ROSTER = {
    .name = "delib.roster",
    .sql = "SELECT s.id, s.body_id, s.person_id, p.name, s.role, s.joined_on, s.left_on, "
           "EXISTS (SELECT 1 FROM member m WHERE m.person_id = s.person_id "
           "AND m.status IN ('probationary', 'full')) "
           "FROM delib_seat s JOIN person p ON p.id = s.person_id "
           "WHERE s.body_id = ? AND " SEAT_ON " ORDER BY s.role, s.id",
};
static void read_seat(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_seat *s = row;

    s->id = db_col_int(st, 0);
    s->body_id = db_col_int(st, 1);
    s->person_id = db_col_int(st, 2);
    s->name = db_col_dup(st, 3, a);
    s->role = db_col_dup(st, 4, a);
    s->joined_on = db_col_dup(st, 5, a);
    s->left_on = db_col_dup(st, 6, a);
    s->party = db_col_int(st, 7) != 0;
}
int delib_store_roster(struct db_conn *c, int64_t body_id, const char *on, struct arena *a,
                       struct delib_seat **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ROSTER, DB_ARGS(DB_INT(body_id), DB_TEXT(on), DB_TEXT(on)),
                             read_seat, sizeof(**out), a, out, n_out, err);
}

static const struct db_sql SQL_SEAT_CURRENT = {
    .name = "delib.seat_current",
    .sql = "SELECT s.id FROM delib_seat s WHERE s.body_id = ? AND s.person_id = ? AND " SEAT_ON,
};
int delib_store_seat_current(struct db_conn *c, int64_t body_id, int64_t person_id, const char *on,
                             bool *found_out, struct err *err)
{
    int64_t id;

    return db_read_opt_args(c, &SQL_SEAT_CURRENT,
                            DB_ARGS(DB_INT(body_id), DB_INT(person_id), DB_TEXT(on), DB_TEXT(on)),
                            db_read_int, NULL, &id, found_out, err);
}

/* A seat of the person on the body that has not ended by `from` (a new seat runs open-ended
 * from `from`, so any such seat overlaps it). */
static const struct db_sql SQL_SEAT_OVERLAP = {
    .name = "delib.seat_overlap",
    .sql = "SELECT s.id FROM delib_seat s WHERE s.body_id = ? AND s.person_id = ? AND "
           "(s.left_on IS NULL OR s.left_on > ?)",
};
int delib_store_seat_overlap(struct db_conn *c, int64_t body_id, int64_t person_id,
                             const char *from, bool *found_out, struct err *err)
{
    int64_t id;

    return db_read_opt_args(c, &SQL_SEAT_OVERLAP,
                            DB_ARGS(DB_INT(body_id), DB_INT(person_id), DB_TEXT(from)), db_read_int,
                            NULL, &id, found_out, err);
}

/* The latest date of a meeting of the body that has opened (or closed) on or after `on`: a
 * roster change dated on or before it would change who counted there. NULL: none. */
static const struct db_sql SQL_HELD_SINCE = {
    .name = "delib.held_since",
    .sql = "SELECT MAX(held_on) FROM delib_meeting WHERE body_id = ? AND status <> 'planned' "
           "AND held_on >= ?",
};
int delib_store_held_since(struct db_conn *c, int64_t body_id, const char *on, struct arena *a,
                           const char **held_on_out, struct err *err)
{
    *held_on_out = NULL;
    return db_read_one_args(c, &SQL_HELD_SINCE, DB_ARGS(DB_INT(body_id), DB_TEXT(on)), db_read_text,
                            a, held_on_out, "", "", err);
}

static const struct db_sql SQL_SEAT_INSERT = {
    .name = "delib.seat_insert",
    .sql = "INSERT INTO delib_seat (body_id, person_id, role, joined_on) VALUES (?, ?, ?, ?) "
           "RETURNING id",
};
int delib_store_seat_insert(struct db_conn *c, int64_t body_id, const struct delib_seat_in *in,
                            int64_t *id_out, struct err *err)
{
    return db_run_id_args(
        c, &SQL_SEAT_INSERT,
        DB_ARGS(DB_INT(body_id), DB_INT(in->person_id), DB_TEXT(in->role), DB_TEXT(in->joined_on)),
        id_out, err);
}

static const struct db_sql SQL_SEAT = {
    .name = "delib.seat",
    .sql = "SELECT s.id, s.body_id, s.person_id, p.name, s.role, s.joined_on, s.left_on, 0 "
           "FROM delib_seat s JOIN person p ON p.id = s.person_id WHERE s.id = ?",
};
int delib_store_seat(struct db_conn *c, int64_t id, struct arena *a, struct delib_seat *out,
                     struct err *err)
{
    return db_read_by_id(c, &SQL_SEAT, id, read_seat, a, out, "", "没有这个席位", err);
}

static const struct db_sql SQL_SEAT_END = {
    .name = "delib.seat_end",
    .sql = "UPDATE delib_seat SET left_on = ? WHERE id = ?",
};
int delib_store_seat_end(struct db_conn *c, int64_t id, const char *left_on, struct err *err)
{
    return db_run_args(c, &SQL_SEAT_END, DB_ARGS(DB_TEXT(left_on), DB_INT(id)), err);
}

/* ---- meetings ---- */

static const struct db_sql SQL_MEETING_INSERT = {
    .name = "delib.meeting_insert",
    .sql = "INSERT INTO delib_meeting (body_id, held_on, place, agenda, status, created_by, "
           "created_at) VALUES (?, ?, ?, ?, 'planned', ?, ?) RETURNING id",
};
int delib_store_meeting_insert(struct db_conn *c, int64_t body_id,
                               const struct delib_meeting_in *in, int64_t by, int64_t now,
                               int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_MEETING_INSERT,
                          DB_ARGS(DB_INT(body_id), DB_TEXT(in->held_on), DB_TEXT(in->place),
                                  DB_TEXT(in->agenda), DB_OPT_ID(by), DB_INT(now)),
                          id_out, err);
}

#define MEETING_COLS                                                                               \
    "SELECT g.id, g.body_id, b.org_id, o.path, b.name, g.held_on, g.place, g.agenda, g.status, "   \
    "(SELECT COUNT(*) FROM delib_seat s WHERE s.body_id = g.body_id AND s.joined_on <= "           \
    "g.held_on AND (s.left_on IS NULL OR s.left_on > g.held_on)), "                                \
    "(SELECT COUNT(*) FROM delib_presence pr JOIN delib_seat s ON s.person_id = pr.person_id "     \
    "AND s.body_id = g.body_id AND s.joined_on <= g.held_on AND (s.left_on IS NULL OR "            \
    "s.left_on > g.held_on) WHERE pr.meeting_id = g.id) "                                          \
    "FROM delib_meeting g JOIN delib_body b ON b.id = g.body_id JOIN org o ON o.id = b.org_id "
static void read_meeting(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_meeting *m = row;

    m->id = db_col_int(st, 0);
    m->body_id = db_col_int(st, 1);
    m->org_id = db_col_int(st, 2);
    m->org_path = db_col_dup(st, 3, a);
    m->body_name = db_col_dup(st, 4, a);
    m->held_on = db_col_dup(st, 5, a);
    m->place = db_col_dup(st, 6, a);
    m->agenda = db_col_dup(st, 7, a);
    m->status = db_col_dup(st, 8, a);
    m->roster = db_col_int(st, 9);
    m->present = db_col_int(st, 10);
}
static const struct db_sql SQL_MEETING = {
    .name = "delib.meeting",
    .sql = MEETING_COLS "WHERE g.id = ?",
};
int delib_store_meeting(struct db_conn *c, int64_t id, struct arena *a, struct delib_meeting *out,
                        struct err *err)
{
    return db_read_by_id(c, &SQL_MEETING, id, read_meeting, a, out, "", "没有这次会议", err);
}
static const struct db_sql SQL_MEETINGS = {
    .name = "delib.meetings",
    .sql = MEETING_COLS "WHERE g.body_id = ? ORDER BY g.held_on DESC, g.id DESC",
};
int delib_store_meetings(struct db_conn *c, int64_t body_id, struct arena *a,
                         struct delib_meeting **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_MEETINGS, DB_ARGS(DB_INT(body_id)), read_meeting,
                             sizeof(**out), a, out, n_out, err);
}
static const struct db_sql SQL_MEETING_STATUS = {
    .name = "delib.meeting_status",
    .sql = "UPDATE delib_meeting SET status = ?, roster_n = COALESCE(?, roster_n) WHERE id = ?",
};
int delib_store_meeting_status(struct db_conn *c, int64_t id, const char *status, int64_t roster,
                               struct err *err)
{
    return db_run_args(c, &SQL_MEETING_STATUS,
                       DB_ARGS(DB_TEXT(status), DB_OPT_ID(roster), DB_INT(id)), err);
}

static const struct db_sql SQL_PRESENCE = {
    .name = "delib.presence",
    .sql = "SELECT s.person_id, p.name, s.role, pr.how FROM delib_seat s "
           "JOIN person p ON p.id = s.person_id "
           "LEFT JOIN delib_presence pr ON pr.meeting_id = ? AND pr.person_id = s.person_id "
           "WHERE s.body_id = ? AND " SEAT_ON " ORDER BY s.role, s.id",
};
static void read_presence(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_presence *p = row;

    p->person_id = db_col_int(st, 0);
    p->name = db_col_dup(st, 1, a);
    p->role = db_col_dup(st, 2, a);
    p->how = db_col_dup(st, 3, a);
}
int delib_store_presence(struct db_conn *c, int64_t meeting_id, int64_t body_id, const char *on,
                         struct arena *a, struct delib_presence **out, int64_t *n_out,
                         struct err *err)
{
    return db_read_rows_args(c, &SQL_PRESENCE,
                             DB_ARGS(DB_INT(meeting_id), DB_INT(body_id), DB_TEXT(on), DB_TEXT(on)),
                             read_presence, sizeof(**out), a, out, n_out, err);
}
static const struct db_sql SQL_PRESENCE_SET = {
    .name = "delib.presence_set",
    .sql = "INSERT INTO delib_presence (meeting_id, person_id, how) VALUES (?, ?, ?) "
           "ON CONFLICT (meeting_id, person_id) DO NOTHING",
};
int delib_store_presence_set(struct db_conn *c, int64_t meeting_id, int64_t person_id,
                             const char *how, struct err *err)
{
    return db_run_args(c, &SQL_PRESENCE_SET,
                       DB_ARGS(DB_INT(meeting_id), DB_INT(person_id), DB_TEXT(how)), err);
}
static const struct db_sql SQL_PRESENCE_DEL = {
    .name = "delib.presence_del",
    .sql = "DELETE FROM delib_presence WHERE meeting_id = ? AND person_id = ?",
};
int delib_store_presence_del(struct db_conn *c, int64_t meeting_id, int64_t person_id,
                             struct err *err)
{
    return db_run_args(c, &SQL_PRESENCE_DEL, DB_ARGS(DB_INT(meeting_id), DB_INT(person_id)), err);
}
static const struct db_sql SQL_PRESENT_COUNT = {
    .name = "delib.present_count",
    .sql = "SELECT COUNT(pr.person_id), COUNT(*) FROM delib_seat s "
           "LEFT JOIN delib_presence pr ON pr.meeting_id = ? AND pr.person_id = s.person_id "
           "WHERE s.body_id = ? AND " SEAT_ON,
};
struct two {
    int64_t a, b;
};
static void read_two(struct db_stmt *st, struct arena *a, void *row)
{
    struct two *t = row;

    UNUSED(a);
    t->a = db_col_int(st, 0);
    t->b = db_col_int(st, 1);
}
int delib_store_present_count(struct db_conn *c, int64_t meeting_id, int64_t body_id,
                              const char *on, int64_t *present_out, int64_t *roster_out,
                              struct err *err)
{
    struct two t;

    if (db_read_one_args(c, &SQL_PRESENT_COUNT,
                         DB_ARGS(DB_INT(meeting_id), DB_INT(body_id), DB_TEXT(on), DB_TEXT(on)),
                         read_two, NULL, &t, "", "", err) < 0)
        return -1;
    *present_out = t.a;
    *roster_out = t.b;
    return 0;
}

/* ---- ballots ---- */

static const struct db_sql SQL_BALLOT_INSERT = {
    .name = "delib.ballot_insert",
    .sql = "INSERT INTO delib_poll (meeting_id, title, method, max_choices, max_score, winners, "
           "budget_fen, secret, status, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
};
int delib_store_ballot_insert(struct db_conn *c, int64_t meeting_id,
                              const struct delib_ballot_in *in, int64_t by, int64_t now,
                              int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_BALLOT_INSERT,
                          DB_ARGS(DB_INT(meeting_id), DB_TEXT(in->title), DB_TEXT(in->method),
                                  DB_INT(in->max_choices), DB_INT(in->max_score),
                                  DB_INT(in->winners), DB_OPT_ID(in->budget_fen),
                                  DB_INT(in->secret ? 1 : 0), DB_OPT_ID(by), DB_INT(now)),
                          id_out, err);
}
static const struct db_sql SQL_OPTION_INSERT = {
    .name = "delib.option_insert",
    .sql = "INSERT INTO delib_option (ballot_id, pos, title, cost_fen, ref_kind, ref_id) "
           "VALUES (?, ?, ?, ?, ?, ?)",
};
int delib_store_options_insert(struct db_conn *c, int64_t ballot_id,
                               const struct delib_ballot_in *in, struct err *err)
{
    for (int64_t i = 0; i < in->noptions; i++) {
        const struct delib_option_in *o = &in->options[i];
        struct db_stmt *st = NULL;
        if (db_prepare(c, &SQL_OPTION_INSERT, &st, err) < 0)
            return -1;
        db_bind_int(st, 1, ballot_id);
        db_bind_int(st, 2, i + 1);
        db_bind_text(st, 3, o->title);
        if (in->budget_fen || o->cost_fen)
            db_bind_int(st, 4, o->cost_fen);
        else
            db_bind_null(st, 4);
        db_bind_opt_text(st, 5, o->ref_kind);
        db_bind_opt_id(st, 6, o->ref_id);
        if (db_run(&st, err) < 0)
            return -1;
    }
    return 0;
}
static const struct db_sql SQL_OPTIONS_DELETE = {
    .name = "delib.options_delete",
    .sql = "DELETE FROM delib_option WHERE ballot_id = ?",
};
int delib_store_options_delete(struct db_conn *c, int64_t ballot_id, struct err *err)
{
    return db_run_by_id(c, &SQL_OPTIONS_DELETE, ballot_id, err);
}

#define BALLOT_COLS                                                                                \
    "SELECT v.id, v.meeting_id, g.body_id, b.org_id, v.max_choices, v.max_score, v.winners, "      \
    "COALESCE(v.budget_fen, 0), v.voters, v.secret, o.path, v.title, v.method, v.status, "         \
    "g.held_on, v.override_ids, v.override_reason, COALESCE(v.override_by, 0), "                   \
    "COALESCE(v.override_at, 0) FROM delib_poll v "                                                \
    "JOIN delib_meeting g ON g.id = v.meeting_id JOIN delib_body b ON b.id = g.body_id "           \
    "JOIN org o ON o.id = b.org_id "
static void read_ballot(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_ballot *v = row;

    v->id = db_col_int(st, 0);
    v->meeting_id = db_col_int(st, 1);
    v->body_id = db_col_int(st, 2);
    v->org_id = db_col_int(st, 3);
    v->max_choices = db_col_int(st, 4);
    v->max_score = db_col_int(st, 5);
    v->winners = db_col_int(st, 6);
    v->budget_fen = db_col_int(st, 7);
    v->voters = db_col_int(st, 8);
    v->secret = db_col_int(st, 9) != 0;
    v->org_path = db_col_dup(st, 10, a);
    v->title = db_col_dup(st, 11, a);
    v->method = db_col_dup(st, 12, a);
    v->status = db_col_dup(st, 13, a);
    v->held_on = db_col_dup(st, 14, a);
    v->override_ids = db_col_dup(st, 15, a);
    v->override_reason = db_col_dup(st, 16, a);
    v->override_by = db_col_int(st, 17);
    v->override_at = db_col_int(st, 18);
}
static const struct db_sql SQL_BALLOT = {
    .name = "delib.ballot",
    .sql = BALLOT_COLS "WHERE v.id = ?",
};
int delib_store_ballot(struct db_conn *c, int64_t id, struct arena *a, struct delib_ballot *out,
                       struct err *err)
{
    return db_read_by_id(c, &SQL_BALLOT, id, read_ballot, a, out, "", "没有这项表决", err);
}
static const struct db_sql SQL_BALLOTS = {
    .name = "delib.ballots",
    .sql = BALLOT_COLS "WHERE v.meeting_id = ? ORDER BY v.id",
};
int delib_store_ballots(struct db_conn *c, int64_t meeting_id, struct arena *a,
                        struct delib_ballot **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_BALLOTS, DB_ARGS(DB_INT(meeting_id)), read_ballot,
                             sizeof(**out), a, out, n_out, err);
}
static const struct db_sql SQL_OPTIONS = {
    .name = "delib.options",
    .sql = "SELECT id, pos, COALESCE(cost_fen, -1), COALESCE(ref_id, 0), title, ref_kind, "
           "approvals, score_sum, borda_points FROM delib_option WHERE ballot_id = ? ORDER BY pos",
};
static void read_option(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_option *o = row;

    o->id = db_col_int(st, 0);
    o->pos = db_col_int(st, 1);
    o->cost_fen = db_col_int(st, 2);
    o->ref_id = db_col_int(st, 3);
    o->title = db_col_dup(st, 4, a);
    o->ref_kind = db_col_dup(st, 5, a);
    o->approvals = db_col_int(st, 6);
    o->score_sum = db_col_int(st, 7);
    o->borda_points = db_col_int(st, 8);
}
int delib_store_options(struct db_conn *c, int64_t ballot_id, struct arena *a,
                        struct delib_option **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_OPTIONS, DB_ARGS(DB_INT(ballot_id)), read_option,
                             sizeof(**out), a, out, n_out, err);
}
static const struct db_sql SQL_BALLOT_STATUS = {
    .name = "delib.ballot_status",
    .sql = "UPDATE delib_poll SET status = ? WHERE id = ? AND status = ? RETURNING id",
};
int delib_store_ballot_status(struct db_conn *c, int64_t id, const char *from, const char *to,
                              struct err *err)
{
    int64_t got;

    return db_read_one_args(c, &SQL_BALLOT_STATUS, DB_ARGS(DB_TEXT(to), DB_INT(id), DB_TEXT(from)),
                            db_read_int, NULL, &got, "", "表决状态已变化，请刷新", err);
}
static const struct db_sql SQL_CLOSE_BALLOTS = {
    .name = "delib.close_ballots",
    .sql = "UPDATE delib_poll SET status = 'closed' WHERE meeting_id = ? AND status = 'open'",
};
int delib_store_meeting_close_ballots(struct db_conn *c, int64_t meeting_id, struct err *err)
{
    return db_run_by_id(c, &SQL_CLOSE_BALLOTS, meeting_id, err);
}

/* ---- votes ---- */

static const struct db_sql SQL_VOTER_INSERT = {
    .name = "delib.voter_insert",
    .sql = "INSERT INTO delib_voter (ballot_id, person_id, voted_at) VALUES (?, ?, ?)",
};
static const struct db_sql SQL_VOTERS_BUMP = {
    .name = "delib.voters_bump",
    .sql = "UPDATE delib_poll SET voters = voters + 1 WHERE id = ?",
};
int delib_store_voter_insert(struct db_conn *c, int64_t ballot_id, int64_t person_id, int64_t now,
                             struct err *err)
{
    if (db_conflict_on(db_run_args(c, &SQL_VOTER_INSERT,
                                   DB_ARGS(DB_INT(ballot_id), DB_INT(person_id), DB_INT(now)), err),
                       "", "您已对本项表决投过票，不能重复投票", err) < 0)
        return -1;
    return db_run_by_id(c, &SQL_VOTERS_BUMP, ballot_id, err);
}
static const struct db_sql SQL_ADD_APPROVAL = {
    .name = "delib.add_approval",
    .sql = "UPDATE delib_option SET approvals = approvals + ? WHERE id = ?",
};
static const struct db_sql SQL_ADD_SCORE = {
    .name = "delib.add_score",
    .sql = "UPDATE delib_option SET score_sum = score_sum + ? WHERE id = ?",
};
static const struct db_sql SQL_ADD_BORDA = {
    .name = "delib.add_borda",
    .sql = "UPDATE delib_option SET borda_points = borda_points + ? WHERE id = ?",
};
int delib_store_option_add(struct db_conn *c, const char *method, int64_t option_id, int64_t value,
                           struct err *err)
{
    const struct db_sql *q = !strcmp(method, "approval") ? &SQL_ADD_APPROVAL
                             : !strcmp(method, "score")  ? &SQL_ADD_SCORE
                                                         : &SQL_ADD_BORDA;

    return db_run_args(c, q, DB_ARGS(DB_INT(value), DB_INT(option_id)), err);
}
static const struct db_sql SQL_CHOICE_INSERT = {
    .name = "delib.choice_insert",
    .sql = "INSERT INTO delib_choice (ballot_id, person_id, option_id, value) VALUES (?, ?, ?, ?)",
};
int delib_store_choice_insert(struct db_conn *c, int64_t ballot_id, int64_t person_id,
                              int64_t option_id, int64_t value, struct err *err)
{
    return db_run_args(
        c, &SQL_CHOICE_INSERT,
        DB_ARGS(DB_INT(ballot_id), DB_INT(person_id), DB_INT(option_id), DB_INT(value)), err);
}

static const struct db_sql SQL_OVERRIDE = {
    .name = "delib.override",
    .sql = "UPDATE delib_poll SET override_ids = ?, override_reason = ?, override_by = ?, "
           "override_at = ? WHERE id = ?",
};
int delib_store_override(struct db_conn *c, int64_t ballot_id, const char *ids, const char *reason,
                         int64_t by, int64_t now, struct err *err)
{
    return db_run_args(
        c, &SQL_OVERRIDE,
        DB_ARGS(DB_TEXT(ids), DB_TEXT(reason), DB_OPT_ID(by), DB_INT(now), DB_INT(ballot_id)), err);
}

static const struct db_sql SQL_MY_BALLOTS = {
    .name = "delib.my_ballots",
    .sql = "SELECT v.id, v.meeting_id, v.title, v.method, b.name, g.held_on, "
           "EXISTS (SELECT 1 FROM delib_voter x WHERE x.ballot_id = v.id AND x.person_id = ?) "
           "FROM delib_poll v JOIN delib_meeting g ON g.id = v.meeting_id "
           "JOIN delib_body b ON b.id = g.body_id JOIN delib_seat s ON s.body_id = b.id "
           "AND s.person_id = ? AND s.joined_on <= g.held_on AND (s.left_on IS NULL OR "
           "s.left_on > g.held_on) WHERE v.status = 'open' ORDER BY g.held_on DESC, v.id",
};
static void read_my(struct db_stmt *st, struct arena *a, void *row)
{
    struct delib_my_ballot *m = row;

    m->id = db_col_int(st, 0);
    m->meeting_id = db_col_int(st, 1);
    m->title = db_col_dup(st, 2, a);
    m->method = db_col_dup(st, 3, a);
    m->body_name = db_col_dup(st, 4, a);
    m->held_on = db_col_dup(st, 5, a);
    m->voted = db_col_int(st, 6) != 0;
}
int delib_store_my_ballots(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct delib_my_ballot **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_MY_BALLOTS, DB_ARGS(DB_INT(person_id), DB_INT(person_id)),
                             read_my, sizeof(**out), a, out, n_out, err);
}

/* ---- demo ---- */

static const struct db_sql SQL_DEMO_PARTY = {
    .name = "delib.demo_party",
    .sql = "SELECT m.person_id FROM member m JOIN org o ON o.path = m.org_path "
           "WHERE m.org_path LIKE (SELECT path FROM org WHERE id = ?) || '%' AND m.status = 'full' "
           "AND NOT EXISTS (SELECT 1 FROM user_account u WHERE u.person_id = m.person_id) "
           "ORDER BY m.id LIMIT ?",
};
static const struct db_sql SQL_DEMO_RESIDENTS = {
    .name = "delib.demo_residents",
    .sql = "SELECT r.person_id FROM resident r JOIN household h ON h.id = r.household_id "
           "WHERE h.org_id = ? AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = "
           "r.person_id) ORDER BY r.person_id LIMIT ?",
};
int delib_store_demo_people(struct db_conn *c, int64_t org_id, bool party, int64_t limit,
                            struct arena *a, int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, party ? &SQL_DEMO_PARTY : &SQL_DEMO_RESIDENTS,
                             DB_ARGS(DB_INT(org_id), DB_INT(limit)), db_read_int, sizeof(**out), a,
                             out, n_out, err);
}
