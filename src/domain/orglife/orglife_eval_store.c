/* orglife_eval_store.c: SQL of 民主评议 rounds and their subjects (migration 0015_orglife_eval):
 * the grade-set rule in force, rounds (insert, read with counts, page of a subtree), subjects
 * (insert, read, update) and a person's history. No rule is checked here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_eval_int.h"

void eval_cols(struct db_stmt *st, struct arena *a, const char *kinds, void *const *dst)
{
    for (int i = 0; kinds[i]; i++) {
        if (kinds[i] == 'i')
            *(int64_t *)dst[i] = db_col_int(st, i);
        else if (kinds[i] == 'b')
            *(bool *)dst[i] = db_col_int(st, i) != 0;
        else
            *(char **)dst[i] = db_col_dup(st, i, a);
    }
}

static const struct db_sql SQL_RULE = {
    .name = "eval.rule",
    .sql = "SELECT id, rule_id, grade_set, grades, quota_num, quota_den FROM eval_rule "
           "WHERE valid_from <= ? AND valid_to > ? AND (grade_set = ? OR (? IS NULL AND "
           "is_default = 1)) ORDER BY valid_from DESC, id DESC LIMIT 1",
    .pg = "SELECT id, rule_id, grade_set, grades, quota_num, quota_den FROM eval_rule "
          "WHERE valid_from <= ? AND valid_to > ? AND (grade_set = ?::text OR (?::text IS NULL "
          "AND is_default = 1)) ORDER BY valid_from DESC, id DESC LIMIT 1",
};
static const struct db_sql SQL_MEETING_ORG = {
    .name = "eval.meeting_org",
    .sql = "SELECT org_id FROM meeting WHERE id = ?",
};
static const struct db_sql SQL_ROUND_INSERT = {
    .name = "eval.round_insert",
    .sql = "INSERT INTO eval_round (tenant_id, org_id, org_path, year, held_on, rule_row, "
           "meeting_id, note, created_by, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_SUBJECT_INSERT = {
    .name = "eval.subject_insert",
    .sql = "INSERT INTO eval_subject (round_id, person_id, probationary, updated_at) "
           "VALUES (?, ?, ?, ?)",
};
/* The round's counts: subjects, graded (正式), probationary, decided, 优秀. */
#define ROUND_COUNTS                                                                               \
    "COUNT(s.person_id), COALESCE(SUM(1 - s.probationary), 0), COALESCE(SUM(s.probationary), 0), " \
    "COUNT(s.final_grade), COALESCE(SUM(CASE WHEN s.final_grade = 'excellent' THEN 1 ELSE 0 "      \
    "END), 0) "
#define ROUND_COLS                                                                                 \
    "r.id, r.org_id, o.name, r.year, r.held_on, e.grade_set, e.grades, e.rule_id, e.quota_num, "   \
    "e.quota_den, COALESCE(r.meeting_id, 0), r.note, r.created_at, r.updated_at, " ROUND_COUNTS    \
    "FROM eval_round r JOIN org o ON o.id = r.org_id JOIN eval_rule e ON e.id = r.rule_row "       \
    "LEFT JOIN eval_subject s ON s.round_id = r.id "
#define ROUND_GROUP                                                                                \
    "GROUP BY r.id, r.org_id, o.name, o.path, r.year, r.held_on, e.grade_set, e.grades, "          \
    "e.rule_id, e.quota_num, e.quota_den, r.meeting_id, r.note, r.created_at, r.updated_at "
static const struct db_sql SQL_ROUND_GET = {
    .name = "eval.round_get",
    .sql = "SELECT " ROUND_COLS "WHERE r.id = ? " ROUND_GROUP,
};
static const struct db_sql SQL_ROUND_PAGE = {
    .name = "eval.round_page",
    .sql =
        "SELECT " ROUND_COLS "WHERE r.org_path LIKE ? || '%' AND (? = 0 OR r.year = ?) " ROUND_GROUP
        "ORDER BY r.year DESC, o.path, r.id LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_ROUND_COUNT = {
    .name = "eval.round_count",
    .sql = "SELECT COUNT(*) FROM eval_round r WHERE r.org_path LIKE ? || '%' AND (? = 0 OR "
           "r.year = ?)",
};
static const struct db_sql SQL_TOUCH = {
    .name = "eval.round_touch",
    .sql = "UPDATE eval_round SET updated_at = ? WHERE id = ?",
};
#define SUBJECT_COLS                                                                               \
    "s.round_id, s.person_id, p.name, s.probationary, s.self_text, s.peer_excellent, "             \
    "s.peer_qualified, s.peer_basic, s.peer_unqualified, s.proposed_grade, s.final_grade, "        \
    "COALESCE(s.final_meeting_id, 0), COALESCE(s.final_by, 0), u.display_name, "                   \
    "COALESCE(s.final_at, 0), s.note, s.updated_at, r.year, r.org_id, o.name "                     \
    "FROM eval_subject s JOIN person p ON p.id = s.person_id JOIN eval_round r "                   \
    "ON r.id = s.round_id JOIN org o ON o.id = r.org_id LEFT JOIN user_account u "                 \
    "ON u.id = s.final_by "
/* Subjects of a round (?round), one (?round, ?person) or a person's history (?person): an
 * argument 0 does not filter. */
static const struct db_sql SQL_SUBJECTS = {
    .name = "eval.subjects",
    .sql = "SELECT " SUBJECT_COLS "WHERE (? = 0 OR s.round_id = ?) AND (? = 0 OR s.person_id = ?) "
           "ORDER BY r.year DESC, r.id DESC, s.probationary, p.name_initials, p.id",
};
static const struct db_sql SQL_SUBJECT_UPDATE = {
    .name = "eval.subject_update",
    .sql = "UPDATE eval_subject SET self_text = ?, peer_excellent = ?, peer_qualified = ?, "
           "peer_basic = ?, peer_unqualified = ?, proposed_grade = ?, final_grade = ?, note = ?, "
           "updated_by = ?, updated_at = ?, "
           "final_meeting_id = CASE WHEN ? = 1 THEN ? ELSE final_meeting_id END, "
           "final_by = CASE WHEN ? = 1 THEN ? ELSE final_by END, "
           "final_at = CASE WHEN ? = 1 THEN ? ELSE final_at END "
           "WHERE round_id = ? AND person_id = ?",
};
static const struct db_sql SQL_MEMBER = {
    .name = "eval.member",
    .sql = "SELECT person_id, org_id FROM member WHERE id = ?",
};

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct eval_rule_row *r = row;
    void *const dst[] = { &r->id,     &r->rule_id,   &r->grade_set,
                          &r->grades, &r->quota_num, &r->quota_den };

    eval_cols(st, a, "itttii", dst);
}

int eval_store_rule(struct db_conn *c, const char *grade_set, const char *date, struct arena *a,
                    struct eval_rule_row *out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RULE, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, date);
    db_bind_text(st, 2, date);
    db_bind_text(st, 3, grade_set);
    db_bind_text(st, 4, grade_set);
    if (db_read_one(&st, read_rule, a, out, "/grade_set", "该日期没有可用的评议等次规则", err) == 0)
        return 0;
    if (err->code == E_NOT_FOUND)
        err->code = E_INVALID;
    return -1;
}

int eval_store_meeting_org(struct db_conn *c, int64_t meeting_id, const char *field,
                           int64_t *org_out, struct err *err)
{
    struct arena a;
    int rc;

    arena_init(&a, 256);
    rc = db_read_by_id(c, &SQL_MEETING_ORG, meeting_id, db_read_int, &a, org_out, field,
                       "会议不存在", err);
    arena_release(&a);
    if (rc < 0 && err->code == E_NOT_FOUND)
        err->code = E_INVALID;
    return rc;
}

int eval_store_round_insert(struct db_conn *c, const struct orglife_org *org,
                            const struct eval_round_in *in, const char *held_on, int64_t rule_row,
                            int64_t user_id, int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_ROUND_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, k++, org->tenant_id);
    db_bind_int(st, k++, org->id);
    db_bind_text(st, k++, org->path);
    db_bind_int(st, k++, in->year);
    db_bind_text(st, k++, held_on);
    db_bind_int(st, k++, rule_row);
    db_bind_opt_id(st, k++, in->meeting_id);
    db_bind_opt_text(st, k++, in->note);
    db_bind_opt_id(st, k++, user_id);
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, now);
    return db_conflict_on(db_run_id(&st, id_out, err), "/year", "该党组织本年度已有民主评议", err);
}

int eval_store_subject_insert(struct db_conn *c, int64_t round_id, int64_t person_id,
                              bool probationary, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_SUBJECT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, round_id);
    db_bind_int(st, 2, person_id);
    db_bind_int(st, 3, probationary);
    db_bind_int(st, 4, now);
    return db_run(&st, err);
}

static void read_round(struct db_stmt *st, struct arena *a, void *row)
{
    struct eval_round_view *v = row;
    void *const dst[] = {
        &v->id,         &v->org_id,         &v->org_name,   &v->year,       &v->held_on,
        &v->grade_set,  &v->grades,         &v->rule_id,    &v->quota_num,  &v->quota_den,
        &v->meeting_id, &v->note,           &v->created_at, &v->updated_at, &v->subjects_n,
        &v->graded_n,   &v->probationary_n, &v->decided_n,  &v->excellent_n
    };

    *v = (struct eval_round_view){ 0 };
    eval_cols(st, a, "iitittttiiitiiiiiii", dst);
}

int eval_store_round_get(struct db_conn *c, int64_t id, struct arena *a,
                         struct eval_round_view *out, struct err *err)
{
    return db_read_by_id(c, &SQL_ROUND_GET, id, read_round, a, out, "", "民主评议不存在", err);
}

static void bind_page(struct db_stmt *st, const char *path, int64_t year)
{
    db_bind_text(st, 1, path);
    db_bind_int(st, 2, year);
    db_bind_int(st, 3, year);
}

int eval_store_round_page(struct db_conn *c, const char *path, int64_t year, int64_t page,
                          int64_t size, struct arena *a, struct eval_round_view **out,
                          int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_ROUND_COUNT, &st, err) < 0)
        return -1;
    bind_page(st, path, year);
    if (db_read_one(&st, db_read_int, a, total_out, "", "", err) < 0 ||
        db_prepare(c, &SQL_ROUND_PAGE, &st, err) < 0)
        return -1;
    bind_page(st, path, year);
    db_bind_int(st, 4, size);
    db_bind_int(st, 5, (page - 1) * size);
    return db_read_rows(&st, read_round, sizeof(**out), a, out, n_out, err);
}

static void read_subject(struct db_stmt *st, struct arena *a, void *row)
{
    struct eval_subject_view *v = row;
    void *const dst[] = { &v->round_id,       &v->person_id,     &v->name,
                          &v->probationary,   &v->self_text,     &v->peer.excellent,
                          &v->peer.qualified, &v->peer.basic,    &v->peer.unqualified,
                          &v->proposed_grade, &v->final_grade,   &v->final_meeting_id,
                          &v->final_by,       &v->final_by_name, &v->final_at,
                          &v->note,           &v->updated_at,    &v->year,
                          &v->org_id,         &v->org_name };

    eval_cols(st, a, "iitbtiiiittiititiiit", dst);
}

static int subjects_read(struct db_conn *c, int64_t round_id, int64_t person_id,
                         struct db_stmt **st, struct err *err)
{
    if (db_prepare(c, &SQL_SUBJECTS, st, err) < 0)
        return -1;
    db_bind_int(*st, 1, round_id);
    db_bind_int(*st, 2, round_id);
    db_bind_int(*st, 3, person_id);
    db_bind_int(*st, 4, person_id);
    return 0;
}

int eval_store_subjects(struct db_conn *c, int64_t round_id, struct arena *a,
                        struct eval_subject_view **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    return subjects_read(c, round_id, 0, &st, err) < 0
               ? -1
               : db_read_rows(&st, read_subject, sizeof(**out), a, out, n_out, err);
}

int eval_store_subject_get(struct db_conn *c, int64_t round_id, int64_t person_id, struct arena *a,
                           struct eval_subject_view *out, struct err *err)
{
    struct db_stmt *st = NULL;

    return subjects_read(c, round_id, person_id, &st, err) < 0
               ? -1
               : db_read_one(&st, read_subject, a, out, "", "此人不在本轮民主评议名单中", err);
}

int eval_store_subject_update(struct db_conn *c, int64_t round_id, int64_t person_id,
                              const struct eval_subject_in *in, bool decided, int64_t user_id,
                              int64_t now, struct err *err)
{
    const int64_t tally[] = { in->peer.excellent, in->peer.qualified, in->peer.basic,
                              in->peer.unqualified };
    const char *const grades[] = { in->proposed_grade, in->final_grade, in->note };
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_SUBJECT_UPDATE, &st, err) < 0)
        return -1;
    db_bind_opt_text(st, k++, in->self_text);
    for (size_t i = 0; i < ARRAY_LEN(tally); i++)
        db_bind_int(st, k++, tally[i]);
    db_bind_opt_texts(st, &k, grades, ARRAY_LEN(grades));
    db_bind_opt_id(st, k++, user_id);
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, decided);
    db_bind_opt_id(st, k++, in->meeting_id);
    db_bind_int(st, k++, decided);
    db_bind_opt_id(st, k++, in->final_grade ? user_id : 0);
    db_bind_int(st, k++, decided);
    if (in->final_grade)
        db_bind_int(st, k++, now);
    else
        db_bind_null(st, k++);
    db_bind_int(st, k++, round_id);
    db_bind_int(st, k++, person_id);
    return db_run(&st, err);
}

int eval_store_touch(struct db_conn *c, int64_t round_id, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_TOUCH, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, round_id);
    return db_run(&st, err);
}

int eval_store_history(struct db_conn *c, int64_t person_id, struct arena *a,
                       struct eval_subject_view **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    return subjects_read(c, 0, person_id, &st, err) < 0
               ? -1
               : db_read_rows(&st, read_subject, sizeof(**out), a, out, n_out, err);
}

static void read_member(struct db_stmt *st, struct arena *a, void *row)
{
    int64_t *v = row;
    void *const dst[] = { &v[0], &v[1] };

    eval_cols(st, a, "ii", dst);
}

int eval_store_member(struct db_conn *c, int64_t member_id, int64_t *person_out, int64_t *org_out,
                      struct err *err)
{
    struct arena a;
    int64_t v[2];
    int rc;

    arena_init(&a, 256);
    rc = db_read_by_id(c, &SQL_MEMBER, member_id, read_member, &a, v, "", "党员不存在", err);
    arena_release(&a);
    if (rc == 0) {
        *person_out = v[0];
        *org_out = v[1];
    }
    return rc;
}
