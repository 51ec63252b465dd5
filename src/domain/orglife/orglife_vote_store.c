/* orglife_vote_store.c: SQL of votes inside a meeting (migration 0014_orglife): the vote with
 * its N and tallies, its voters, a ballot (voter row plus one on a tally; no ballot row), paper
 * tallies, the quorum and pass rules in force, closing with the computed result, and a
 * member's open secret votes. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_int.h"

#define VOTE_COLS                                                                                  \
    "v.id, v.meeting_id, COALESCE(v.candidate_person_id, 0), v.expected_n, v.present_n, "          \
    "v.written_n, v.yes_n, v.no_n, v.abstain_n, v.invalid_n, COALESCE(v.closed_at, 0), "           \
    "v.subject, v.kind, v.method, v.excluded, v.result, v.quorum_rule, v.pass_rule, "              \
    "v.resolution, p.name, v.paper FROM meeting_vote v LEFT JOIN person p "                        \
    "ON p.id = v.candidate_person_id "

static const struct db_sql SQL_INSERT = {
    .name = "orglife.vote_insert",
    .sql = "INSERT INTO meeting_vote (tenant_id, meeting_id, subject, kind, method, "
           "candidate_person_id, expected_n, excluded, resolution, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_ONE = {
    .name = "orglife.vote",
    .sql = "SELECT " VOTE_COLS "WHERE v.id = ? AND v.meeting_id = ?",
};
static const struct db_sql SQL_MEETING_OF = {
    .name = "orglife.vote_meeting",
    .sql = "SELECT meeting_id FROM meeting_vote WHERE id = ?",
};
static const struct db_sql SQL_OF_MEETING = {
    .name = "orglife.votes",
    .sql = "SELECT " VOTE_COLS "WHERE v.meeting_id = ? ORDER BY v.id",
};
static const struct db_sql SQL_VOTERS = {
    .name = "orglife.voters",
    .sql = "SELECT t.person_id, p.name, t.how, t.choice FROM meeting_voter t JOIN person p "
           "ON p.id = t.person_id WHERE t.vote_id = ? ORDER BY p.name_initials, t.person_id",
};
static const struct db_sql SQL_VOTER_INSERT = {
    .name = "orglife.voter_insert",
    .sql = "INSERT INTO meeting_voter (vote_id, person_id, how, choice) VALUES (?, ?, ?, ?)",
};
/* One more on the tally of ?choice (and on written_n when ?written). */
static const struct db_sql SQL_TALLY_ADD = {
    .name = "orglife.tally_add",
    .sql = "UPDATE meeting_vote SET yes_n = yes_n + (? = 'yes'), no_n = no_n + (? = 'no'), "
           "abstain_n = abstain_n + (? = 'abstain'), invalid_n = invalid_n + (? = 'invalid'), "
           "written_n = written_n + ? WHERE id = ?",
    .pg = "UPDATE meeting_vote SET yes_n = yes_n + (?::text = 'yes')::int, no_n = no_n + "
          "(?::text = 'no')::int, abstain_n = abstain_n + (?::text = 'abstain')::int, invalid_n "
          "= invalid_n + (?::text = 'invalid')::int, written_n = written_n + ? WHERE id = ?",
};
static const struct db_sql SQL_TALLY_SET = {
    .name = "orglife.tally_set",
    .sql = "UPDATE meeting_vote SET yes_n = ?, no_n = ?, abstain_n = ?, invalid_n = ?, paper = 1 "
           "WHERE id = ?",
};
static const struct db_sql SQL_RULE = {
    .name = "orglife.vote_rule",
    .sql = "SELECT rule_id, base, num, den, strict FROM vote_rule WHERE vote_kinds LIKE '%,' || ? "
           "|| ',%' AND measure = ? AND valid_from <= ? AND ? < valid_to "
           "ORDER BY valid_from DESC, id DESC LIMIT 1",
};
static const struct db_sql SQL_CLOSE = {
    .name = "orglife.vote_close",
    .sql = "UPDATE meeting_vote SET present_n = ?, result = ?, quorum_rule = ?, pass_rule = ?, "
           "closed_at = ? WHERE id = ?",
};

static const struct db_sql SQL_MINE = {
    .name = "orglife.my_votes",
    .sql = "SELECT v.id, v.meeting_id, m.org_id, v.subject, v.kind, m.topic, m.starts_at, o.name, "
           "v.excluded, CASE WHEN a.status IN ('present', 'online') THEN 1 ELSE 0 END, "
           "(SELECT COUNT(*) FROM meeting_voter t WHERE t.vote_id = v.id AND t.person_id = "
           "a.person_id) FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id "
           "JOIN meeting_vote v ON v.meeting_id = m.id JOIN org o ON o.id = m.org_id "
           "WHERE a.person_id = ? AND a.expected = 1 AND v.result IS NULL AND v.method = 'secret' "
           "AND v.paper = 0 AND m.status <> 'cancelled' ORDER BY m.starts_at DESC, v.id LIMIT 50",
};

int orglife_store_vote_insert(struct db_conn *c, int64_t tenant_id, int64_t meeting_id,
                              const struct vote_in *in, int64_t expected_n, const char *excluded,
                              int64_t user_id, int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_INSERT,
                          DB_ARGS(DB_INT(tenant_id), DB_INT(meeting_id), DB_TEXT(in->subject),
                                  DB_TEXT(in->kind), DB_TEXT(in->method),
                                  DB_OPT_ID(in->candidate_person_id), DB_INT(expected_n),
                                  DB_OPT_TEXT(excluded), DB_OPT_TEXT(in->resolution),
                                  DB_OPT_ID(user_id), DB_INT(now)),
                          id_out, err);
}

static void read_vote(struct db_stmt *st, struct arena *a, void *row)
{
    struct vote_view *v = row;
    int64_t *num[] = { &v->id,         &v->meeting_id, &v->candidate_person_id,
                       &v->expected_n, &v->present_n,  &v->written_n,
                       &v->yes_n,      &v->no_n,       &v->abstain_n,
                       &v->invalid_n,  &v->closed_at };
    char **text[] = { &v->subject,     &v->kind,      &v->method,     &v->excluded,      &v->result,
                      &v->quorum_rule, &v->pass_rule, &v->resolution, &v->candidate_name };
    int col = 0;

    for (size_t i = 0; i < ARRAY_LEN(num); i++)
        *num[i] = db_col_int(st, col++);
    for (size_t i = 0; i < ARRAY_LEN(text); i++)
        *text[i] = db_col_dup(st, col++, a);
    v->paper = db_col_int(st, col) != 0;
}

int orglife_store_vote(struct db_conn *c, int64_t meeting_id, int64_t vote_id, struct arena *a,
                       struct vote_view *out, struct err *err)
{
    return db_read_one_args(c, &SQL_ONE, DB_ARGS(DB_INT(vote_id), DB_INT(meeting_id)), read_vote, a,
                            out, "", "表决事项不存在", err);
}

int orglife_store_vote_meeting(struct db_conn *c, int64_t vote_id, int64_t *meeting_id_out,
                               struct err *err)
{
    return db_read_by_id(c, &SQL_MEETING_OF, vote_id, db_read_int, NULL, meeting_id_out, "",
                         "表决事项不存在", err);
}

int orglife_store_votes(struct db_conn *c, int64_t meeting_id, struct arena *a,
                        struct vote_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_OF_MEETING, DB_ARGS(DB_INT(meeting_id)), read_vote,
                             sizeof(**out), a, out, n_out, err);
}

static void read_voter(struct db_stmt *st, struct arena *a, void *row)
{
    struct vote_voter *v = row;

    v->person_id = db_col_int(st, 0);
    v->name = db_col_dup(st, 1, a);
    v->how = db_col_dup(st, 2, a);
    v->choice = db_col_dup(st, 3, a);
}

int orglife_store_voters(struct db_conn *c, int64_t vote_id, struct arena *a,
                         struct vote_voter **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_VOTERS, DB_ARGS(DB_INT(vote_id)), read_voter, sizeof(**out), a,
                             out, n_out, err);
}

int orglife_store_ballot(struct db_conn *c, int64_t vote_id, const struct ballot_in *in,
                         bool keep_choice, struct err *err)
{
    int rc = db_run_args(c, &SQL_VOTER_INSERT,
                         DB_ARGS(DB_INT(vote_id), DB_INT(in->person_id), DB_TEXT(in->how),
                                 DB_TEXT(keep_choice ? in->choice : NULL)),
                         err);

    if (db_conflict_on(rc, "/person_id", "此人已投过票，每人只能投一票", err) < 0)
        return -1;
    return db_run_args(c, &SQL_TALLY_ADD,
                       DB_ARGS(DB_TEXT(in->choice), DB_TEXT(in->choice), DB_TEXT(in->choice),
                               DB_TEXT(in->choice), DB_INT(!strcmp(in->how, "written")),
                               DB_INT(vote_id)),
                       err);
}

int orglife_store_tally(struct db_conn *c, int64_t vote_id, const int64_t counts[4],
                        struct err *err)
{
    return db_run_args(c, &SQL_TALLY_SET,
                       DB_ARGS(DB_INT(counts[0]), DB_INT(counts[1]), DB_INT(counts[2]),
                               DB_INT(counts[3]), DB_INT(vote_id)),
                       err);
}

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_vote_rule *r = row;

    r->rule_id = db_col_dup(st, 0, a);
    r->base = db_col_dup(st, 1, a);
    r->num = db_col_int(st, 2);
    r->den = db_col_int(st, 3);
    r->strict = db_col_int(st, 4) != 0;
}

int orglife_store_vote_rule(struct db_conn *c, const char *kind, const char *measure,
                            const char *date, struct arena *a, struct orglife_vote_rule *out,
                            struct err *err)
{
    return db_read_one_args(c, &SQL_RULE,
                            DB_ARGS(DB_TEXT(kind), DB_TEXT(measure), DB_TEXT(date), DB_TEXT(date)),
                            read_rule, a, out, "", "没有适用于该日期的表决规则", err);
}

int orglife_store_vote_close(struct db_conn *c, int64_t vote_id, int64_t present_n,
                             const char *result, const char *quorum_rule, const char *pass_rule,
                             int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_CLOSE,
                       DB_ARGS(DB_INT(present_n), DB_TEXT(result), DB_TEXT(quorum_rule),
                               DB_TEXT(pass_rule), DB_INT(now), DB_INT(vote_id)),
                       err);
}

static void read_mine(struct db_stmt *st, struct arena *a, void *row)
{
    struct vote_mine *v = row;
    char **text[] = { &v->subject, &v->kind, &v->topic, &v->starts_at, &v->org_name, &v->excluded };

    v->id = db_col_int(st, 0);
    v->meeting_id = db_col_int(st, 1);
    v->org_id = db_col_int(st, 2);
    for (size_t i = 0; i < ARRAY_LEN(text); i++)
        *text[i] = db_col_dup(st, 3 + (int)i, a);
    v->present = db_col_int(st, 9) != 0;
    v->voted = db_col_int(st, 10) != 0;
}

int orglife_store_my_votes(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct vote_mine **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_MINE, DB_ARGS(DB_INT(person_id)), read_mine, sizeof(**out), a,
                             out, n_out, err);
}
