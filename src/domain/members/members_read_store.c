/* members_read_store.c: SQL of reading member records: the member view (by id, or a person's
 * current record) and the paged search, one statement per filter shape and sort, tags folded
 * in with group_concat so a page costs one query. It writes nothing. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/members/members_int.h"

#define VIEW_COLS                                                                                  \
    "m.id, m.person_id, m.org_id, o.name, m.org_path, p.name, p.former_name, p.gender, "           \
    "p.ethnicity, p.birth_date, p.id_number, p.phone, p.address, p.hukou, p.education, "           \
    "m.status, m.category, m.joined_on, m.full_member_on, m.work_unit, m.post, "                   \
    "(SELECT group_concat(t.tag, ',') FROM member_tag t WHERE t.member_id = m.id), "               \
    "m.created_at, m.updated_at, gr.group_id, gro.name, m.probation_extended_to"
#define VIEW_JOINS                                                                                 \
    "JOIN person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id "                           \
    "LEFT JOIN member_group gr ON gr.member_id = m.id LEFT JOIN org gro ON gro.id = gr.group_id"

static const struct db_sql SQL_GET = {
    .name = "members.get",
    .sql = "SELECT " VIEW_COLS " FROM member m " VIEW_JOINS " WHERE m.id = ?",
    .pg = NULL,
};
/* A person's member record: the current one when an older one ended (出党, then re-admitted). */
static const struct db_sql SQL_GET_BY_PERSON = {
    .name = "members.get_by_person",
    .sql = "SELECT " VIEW_COLS " FROM member m " VIEW_JOINS " WHERE m.person_id = ? "
           "ORDER BY m.status IN ('probationary', 'full') DESC, m.id DESC LIMIT 1",
    .pg = NULL,
};

static const struct db_sql SQL_HOUSEHOLD = {
    .name = "members.household_of_person",
    .sql = "SELECT h.org_id, o.name, h.address, h.grid, r.relation, r.moved_in_on FROM resident r "
           "JOIN household h ON h.id = r.household_id JOIN org o ON o.id = h.org_id "
           "WHERE r.person_id = ?",
};

static void read_household(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct member_household *)row = (struct member_household){
        db_col_int(st, 0),    db_col_dup(st, 1, a), db_col_dup(st, 2, a),
        db_col_dup(st, 3, a), db_col_dup(st, 4, a), db_col_dup(st, 5, a)
    };
}

int member_store_household(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct member_household *out, struct err *err)
{
    return db_read_by_id(c, &SQL_HOUSEHOLD, person_id, read_household, a, out, "", "不是登记的居民",
                         err);
}

/* ---- the search: one statement per (shape, sort) ---- */

const char *const MEMBER_SORTS[] = {
    "id", "-id", "joined_on", "-joined_on", "name", "-name", "birth_date", "-birth_date", NULL,
};
#define ORDER_ID       "m.id"
#define ORDER_ID_D     "m.id DESC"
#define ORDER_JOINED   "m.joined_on, m.id"
#define ORDER_JOINED_D "m.joined_on DESC, m.id DESC"
#define ORDER_NAME     "p.name_initials, p.name, m.id"
#define ORDER_NAME_D   "p.name_initials DESC, p.name DESC, m.id DESC"
#define ORDER_BIRTH    "p.birth_date, m.id"
#define ORDER_BIRTH_D  "p.birth_date DESC, m.id DESC"

/* Binds (in order): path, upper, category ×2, statuses ×2 (",full,"), tag ×2. */
#define WHERE_BASE                                                                                 \
    "m.org_path >= ? AND m.org_path < ? AND (? IS NULL OR m.category = ?) "                        \
    "AND (? IS NULL OR instr(?, ',' || m.status || ',') > 0) AND (? IS NULL OR EXISTS (SELECT 1 "  \
    "FROM member_tag t "                                                                           \
    "WHERE t.member_id = m.id AND t.tag = ?))"
/* Then: born_before ×2, born_after ×2, like_name ×2. */
#define WHERE_PERSON                                                                               \
    " AND (? IS NULL OR p.birth_date <= ?) AND (? IS NULL OR p.birth_date > ?) "                   \
    "AND (? IS NULL OR p.name LIKE ? ESCAPE '\\')"
/* Members only: the count and id order use the member(org_path, status, category) index. */
#define FROM_SIMPLE " FROM member m WHERE " WHERE_BASE
/* With the person: age, one-character name queries, sorts by name or birth date. */
#define FROM_FULL                                                                                  \
    " FROM member m JOIN person p ON p.id = m.person_id WHERE " WHERE_BASE WHERE_PERSON
/* Name substring of 3+ characters: the trigram index drives (first bind: the phrase). */
/* Two-character names and pinyin initials: the person_term index drives (first binds: the
 * term range). */
#define FROM_TERM                                                                                  \
    " FROM member m JOIN person p ON p.id = m.person_id WHERE m.person_id IN (SELECT person_id "   \
    "FROM person_term WHERE term >= ? AND term < ?) AND " WHERE_BASE WHERE_PERSON
#define FROM_FTS                                                                                   \
    " FROM person_fts f JOIN person p ON p.id = f.rowid JOIN member m ON m.person_id = p.id "      \
    "WHERE person_fts MATCH '\"' || replace(?, '\"', '\"\"') || '\"' AND " WHERE_BASE WHERE_PERSON
/* PostgreSQL: the pg_trgm index on person.name serves the same substring as a LIKE. */
#define FROM_FTS_PG                                                                                \
    " FROM person p JOIN member m ON m.person_id = p.id WHERE p.name LIKE '%' || "                 \
    "replace(replace(replace(?, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AND " WHERE_BASE    \
        WHERE_PERSON

#define PAGE(from, order)                                                                          \
    "WITH pg AS (SELECT m.id AS id" from " ORDER BY " order " LIMIT ? OFFSET ?) SELECT " VIEW_COLS \
    " FROM pg JOIN member m ON m.id = pg.id " VIEW_JOINS " ORDER BY " order

#define SQL_ROW(nm, from, order)                                                                   \
    {                                                                                              \
        .name = nm, .sql = PAGE(from, order), .pg = NULL                                           \
    }
#define SQL_ROW_FTS(nm, from, order)                                                               \
    {                                                                                              \
        .name = nm, .sql = PAGE(from, order), .pg = PAGE(FROM_FTS_PG, order)                       \
    }
/* One shape's sorts, each up and down, as ROW(name, from, order): those on member columns
 * (id, joined_on) and those that need the person (name, birth date). */
#define SORTS_MEMBER(ROW, shape, from)                                                             \
    ROW("members.page_" shape "_id", from, ORDER_ID),                                              \
        ROW("members.page_" shape "_id_d", from, ORDER_ID_D),                                      \
        ROW("members.page_" shape "_joined", from, ORDER_JOINED),                                  \
        ROW("members.page_" shape "_joined_d", from, ORDER_JOINED_D)
#define SORTS_PERSON(ROW, shape, from)                                                             \
    ROW("members.page_" shape "_name", from, ORDER_NAME),                                          \
        ROW("members.page_" shape "_name_d", from, ORDER_NAME_D),                                  \
        ROW("members.page_" shape "_birth", from, ORDER_BIRTH),                                    \
        ROW("members.page_" shape "_birth_d", from, ORDER_BIRTH_D)

enum shape { SHAPE_SIMPLE, SHAPE_FULL, SHAPE_FTS, SHAPE_TERM };

static const struct db_sql SQL_PAGE[4][8] = {
    /* Name and birth-date sorts need the person: SHAPE_FULL. */
    { SORTS_MEMBER(SQL_ROW, "simple", FROM_SIMPLE), { 0 }, { 0 }, { 0 }, { 0 } },
    { SORTS_MEMBER(SQL_ROW, "full", FROM_FULL), SORTS_PERSON(SQL_ROW, "full", FROM_FULL) },
    { SORTS_MEMBER(SQL_ROW_FTS, "fts", FROM_FTS), SORTS_PERSON(SQL_ROW_FTS, "fts", FROM_FTS) },
    { SORTS_MEMBER(SQL_ROW, "term", FROM_TERM), SORTS_PERSON(SQL_ROW, "term", FROM_TERM) },
};
static const struct db_sql SQL_COUNT[4] = {
    { .name = "members.count_simple", .sql = "SELECT count(*)" FROM_SIMPLE },
    { .name = "members.count_full", .sql = "SELECT count(*)" FROM_FULL },
    { .name = "members.count_fts",
      .sql = "SELECT count(*)" FROM_FTS,
      .pg = "SELECT count(*)" FROM_FTS_PG },
    { .name = "members.count_term", .sql = "SELECT count(*)" FROM_TERM },
};

static void read_view(struct db_stmt *st, struct arena *a, void *row)
{
    struct member_view *v = row;
    int k = 0;

    v->id = db_col_int(st, k++);
    v->person_id = db_col_int(st, k++);
    v->org_id = db_col_int(st, k++);
    v->org_name = db_col_dup(st, k++, a);
    v->org_path = db_col_dup(st, k++, a);
    v->name = db_col_dup(st, k++, a);
    v->former_name = db_col_dup(st, k++, a);
    v->gender = db_col_dup(st, k++, a);
    v->ethnicity = db_col_dup(st, k++, a);
    v->birth_date = db_col_dup(st, k++, a);
    v->id_number = db_col_unseal(st, k++, a);
    v->phone = db_col_unseal(st, k++, a);
    v->address = db_col_dup(st, k++, a);
    v->hukou = db_col_dup(st, k++, a);
    v->education = db_col_dup(st, k++, a);
    v->status = db_col_dup(st, k++, a);
    v->category = db_col_dup(st, k++, a);
    v->joined_on = db_col_dup(st, k++, a);
    v->full_member_on = db_col_dup(st, k++, a);
    v->work_unit = db_col_dup(st, k++, a);
    v->post = db_col_dup(st, k++, a);
    v->tags = db_col_dup(st, k++, a);
    if (!v->tags)
        v->tags = "";
    v->created_at = db_col_int(st, k++);
    v->updated_at = db_col_int(st, k++);
    v->group_id = db_col_int(st, k++);
    v->group_name = db_col_dup(st, k++, a);
    v->probation_extended_to = db_col_dup(st, k++, a);
}

int member_store_get(struct db_conn *c, int64_t id, bool by_person, struct arena *a,
                     struct member_view *out, struct err *err)
{
    return db_read_by_id(c, by_person ? &SQL_GET_BY_PERSON : &SQL_GET, id, read_view, a, out, "",
                         "党员不存在", err);
}

static void bind_twice(struct db_stmt *st, int *k, const char *s)
{
    db_bind_text(st, (*k)++, s);
    db_bind_text(st, (*k)++, s);
}

/* What a search binds: its arguments and the statement shape they chose. */
struct search_filter {
    const struct member_search_args *s;
    enum shape shape;
};

/* A db_bind_fn for a search_filter: the parameters the count and the page take alike. */
static void bind_search(struct db_stmt *st, int *kp, const void *arg)
{
    const struct search_filter *f = arg;
    const struct member_search_args *s = f->s;
    enum shape shape = f->shape;
    int k = *kp;

    if (shape == SHAPE_FTS)
        db_bind_text(st, k++, s->fts);
    if (shape == SHAPE_TERM) {
        db_bind_text(st, k++, s->term_lo);
        db_bind_text(st, k++, s->term_hi);
    }
    db_bind_text(st, k++, s->q->org_path);
    db_bind_text(st, k++, s->upper);
    bind_twice(st, &k, s->q->f.category);
    bind_twice(st, &k, s->statuses);
    bind_twice(st, &k, s->q->f.tag);
    if (shape != SHAPE_SIMPLE) {
        bind_twice(st, &k, s->born_before);
        bind_twice(st, &k, s->born_after);
        bind_twice(st, &k, s->like_name);
    }
    *kp = k;
}

int member_store_search(struct db_conn *c, const struct member_search_args *s, struct arena *a,
                        struct member_view **out, int64_t *n_out, int64_t *total_out,
                        struct err *err)
{
    struct search_filter f = { .s = s, .shape = SHAPE_SIMPLE };
    struct db_page p = { s->q->page, s->q->size > 0 ? s->q->size : 0, bind_search, &f };
    struct db_list l = { .read = read_view, .size = sizeof(**out) };

    if (s->fts)
        f.shape = SHAPE_FTS;
    else if (s->term_lo)
        f.shape = SHAPE_TERM;
    else if (s->born_before || s->born_after || s->like_name || s->sort >= 4)
        f.shape = SHAPE_FULL;
    ASSERT(s->sort >= 0 && s->sort < 8 && SQL_PAGE[f.shape][s->sort].sql);
    l.count = &SQL_COUNT[f.shape];
    l.rows = &SQL_PAGE[f.shape][s->sort];
    return db_read_page(c, &l, &p, a, out, n_out, total_out, err);
}

/* ---- rule rows and the 预备党员 they are checked against ---- */

static const struct db_sql SQL_RULES = {
    .name = "members.rules",
    .sql = "SELECT valid_from, valid_to, months FROM member_rule WHERE rule_id = ? "
           "ORDER BY valid_from",
};
static const struct db_sql SQL_PROBATIONARY = {
    .name = "members.probationary",
    .sql =
        "SELECT m.id, m.org_id, o.name, p.name, m.joined_on, m.probation_extended_to FROM member m "
        "JOIN person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id "
        "WHERE m.org_path >= ? AND m.org_path < ? AND m.status = 'probationary' "
        "AND m.joined_on IS NOT NULL ORDER BY m.org_id, m.joined_on, m.id",
};

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct member_rule_row *r = row;

    r->valid_from = db_col_dup(st, 0, a);
    r->valid_to = db_col_dup(st, 1, a);
    r->months = db_col_int(st, 2);
}

int member_store_rules(struct db_conn *c, const char *rule_id, struct arena *a,
                       struct member_rules *out, struct err *err)
{
    memset(out, 0, sizeof(*out));
    return db_read_rows_args(c, &SQL_RULES, DB_ARGS(DB_TEXT(rule_id)), read_rule, sizeof(*out->v),
                             a, &out->v, &out->n, err);
}

static void read_overdue(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct member_overdue *)row = (struct member_overdue){ .member_id = db_col_int(st, 0),
                                                             .org_id = db_col_int(st, 1),
                                                             .org_name = db_col_dup(st, 2, a),
                                                             .name = db_col_dup(st, 3, a),
                                                             .joined_on = db_col_dup(st, 4, a),
                                                             .ends_on = db_col_dup(st, 5, a) };
}

int member_store_probationary(struct db_conn *c, const char *path, const char *upper,
                              struct arena *a, struct member_overdue **out, int64_t *n_out,
                              struct err *err)
{
    return db_read_rows_args(c, &SQL_PROBATIONARY, DB_ARGS(DB_TEXT(path), DB_TEXT(upper)),
                             read_overdue, sizeof(**out), a, out, n_out, err);
}
