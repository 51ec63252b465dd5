/* demands_public_store.c: the SQL of the public board and the Open311 read API
 * (demands_public.c): published demands a page at a time, the names that must not appear in
 * one demand's published text, and the counts by community, grid and category. Published
 * means no_publish = 0; which states are listed is the caller's comma list. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/demands/demands_int.h"
#include "domain/orgpath.h"

/* The filter: path, upper, statuses (twice), category (twice), from, to, number (twice). */
#define PUBLIC_WHERE                                                                               \
    "WHERE d.no_publish = 0 AND d.org_path >= ? AND d.org_path < ? "                               \
    "AND (? IS NULL OR instr(?, ',' || d.status || ',') > 0) "                                     \
    "AND (? IS NULL OR d.category = ?) AND d.created_at >= ? AND d.created_at < ? "                \
    "AND (? IS NULL OR d.number = ?) "
#define PUBLIC_FROM                                                                                \
    "FROM demand d JOIN demand_category c ON c.code = d.category JOIN org o ON o.id = d.org_id "   \
    "LEFT JOIN grid g ON g.id = d.grid_id "

static const struct db_sql SQL_PUBLIC_COUNT = {
    .name = "demands.public_count",
    .sql = "SELECT COUNT(*) FROM demand d " PUBLIC_WHERE,
};
static const struct db_sql SQL_PUBLIC_PAGE = {
    .name = "demands.public_page",
    .sql = "SELECT d.id, d.org_id, d.reporter_person_id, d.created_at, d.first_response_at, "
           "d.resolved_at, d.closed_at, d.updated_at, d.due_at, d.number, d.category, c.name, "
           "o.name, o.path, g.name, d.status, d.description, d.reporter_name, d.satisfaction, "
           "(SELECT e.note FROM demand_event e WHERE e.demand_id = d.id AND e.action = 'close' "
           "ORDER BY e.id DESC LIMIT 1) " PUBLIC_FROM PUBLIC_WHERE
           "ORDER BY COALESCE(d.closed_at, d.updated_at) DESC, d.id DESC LIMIT ? OFFSET ?",
};

static void read_public(struct db_stmt *st, struct arena *a, void *row)
{
    struct demand_public *d = row;
    int k = 0;

    d->id = db_col_int(st, k++);
    d->org_id = db_col_int(st, k++);
    d->reporter_person_id = db_col_int(st, k++);
    d->created_at = db_col_int(st, k++);
    d->first_response_at = db_col_int(st, k++);
    d->resolved_at = db_col_int(st, k++);
    d->closed_at = db_col_int(st, k++);
    d->updated_at = db_col_int(st, k++);
    d->due_at = db_col_int(st, k++);
    d->number = db_col_dup(st, k++, a);
    d->category = db_col_dup(st, k++, a);
    d->category_name = db_col_dup(st, k++, a);
    d->org_name = db_col_dup(st, k++, a);
    d->org_path = db_col_dup(st, k++, a);
    d->grid_name = db_col_dup(st, k++, a);
    d->status = db_col_dup(st, k++, a);
    d->summary = db_col_dup(st, k++, a);
    d->reporter_name = db_col_dup(st, k++, a);
    d->satisfaction = db_col_dup(st, k++, a);
    d->reply = db_col_dup(st, k++, a);
}

struct public_arg {
    const struct demand_public_filter *f;
    const char *upper;
};

static void bind_public(struct db_stmt *st, int *k, const void *arg)
{
    const struct public_arg *p = arg;
    const struct demand_public_filter *f = p->f;

    db_bind_args(st, k,
                 DB_ARGS(DB_TEXT(f->path), DB_TEXT(p->upper), DB_TEXT(f->statuses),
                         DB_TEXT(f->statuses), DB_TEXT(f->category), DB_TEXT(f->category),
                         DB_INT(f->from_at), DB_INT(f->to_at), DB_TEXT(f->number),
                         DB_TEXT(f->number)));
}

int demands_store_public_page(struct db_conn *c, const struct demand_public_filter *f,
                              struct arena *a, struct demand_public **out, int64_t *n_out,
                              int64_t *total_out, struct err *err)
{
    static const struct db_list L = { &SQL_PUBLIC_COUNT, &SQL_PUBLIC_PAGE, read_public,
                                      sizeof(struct demand_public) };
    char upper[ORG_PATH_MAX];
    struct public_arg p = { f, upper };

    orgpath_upper(f->path, upper);
    return db_read_page(c, &L, &(struct db_page){ f->page, f->size, bind_public, &p }, a, out,
                        n_out, total_out, err);
}

/* Names that may appear in text about a demand of the community at path (org_id): the
 * reporter's, and those found in the text of the community's residents and members and of the
 * accounts the demand was dispatched to. The text is bound three times. */
static const struct db_sql SQL_PUBLIC_NAMES = {
    .name = "demands.public_names",
    .sql = "SELECT p.name FROM person p WHERE p.id = ? "
           "UNION SELECT p.name FROM resident r JOIN household h ON h.id = r.household_id "
           "JOIN person p ON p.id = r.person_id WHERE h.org_id = ? AND instr(?, p.name) > 0 "
           "UNION SELECT p.name FROM member m JOIN person p ON p.id = m.person_id "
           "WHERE m.org_path >= ? AND m.org_path < ? AND instr(?, p.name) > 0 "
           "UNION SELECT u.display_name FROM demand_event e JOIN user_account u ON u.id = "
           "e.handler_user_id WHERE e.demand_id = ? AND instr(?, u.display_name) > 0",
};

static void read_name(struct db_stmt *st, struct arena *a, void *row)
{
    *(const char **)row = db_col_dup(st, 0, a);
}

int demands_store_public_names(struct db_conn *c, const struct demand_public *d, const char *text,
                               struct arena *a, const char ***out, int64_t *n_out, struct err *err)
{
    char upper[ORG_PATH_MAX];

    orgpath_upper(d->org_path, upper);
    return db_read_rows_args(c, &SQL_PUBLIC_NAMES,
                             DB_ARGS(DB_INT(d->reporter_person_id), DB_INT(d->org_id),
                                     DB_TEXT(text), DB_TEXT(d->org_path), DB_TEXT(upper),
                                     DB_TEXT(text), DB_INT(d->id), DB_TEXT(text)),
                             read_name, sizeof(const char *), a, out, n_out, err);
}

/* Counts of the filter's demands by one key: id (0 for a category), code, name, count,
 * answered 回访, 满意 or 基本满意. */
#define PUBLIC_SUMS                                                                                \
    "COUNT(d.id), "                                                                                \
    "CAST(COALESCE(SUM(CASE WHEN d.satisfaction IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), "   \
    "CAST(COALESCE(SUM(CASE WHEN d.satisfaction IN ('satisfied', 'basically') THEN 1 ELSE 0 "      \
    "END), 0) AS BIGINT) "
static const struct db_sql SQL_PUBLIC_BY_ORG = {
    .name = "demands.public_by_org",
    .sql = "SELECT o.id, '', o.name, " PUBLIC_SUMS PUBLIC_FROM PUBLIC_WHERE
           "GROUP BY o.id, o.name, o.path ORDER BY o.path",
};
static const struct db_sql SQL_PUBLIC_BY_GRID = {
    .name = "demands.public_by_grid",
    .sql = "SELECT g.id, '', o.name || ' ' || g.name, " PUBLIC_SUMS PUBLIC_FROM PUBLIC_WHERE
           "AND g.id IS NOT NULL GROUP BY g.id, o.name, g.name, o.path ORDER BY o.path, g.id",
};
static const struct db_sql SQL_PUBLIC_BY_CATEGORY = {
    .name = "demands.public_by_category",
    .sql = "SELECT 0, c.code, c.name, " PUBLIC_SUMS PUBLIC_FROM PUBLIC_WHERE
           "GROUP BY c.code, c.name, c.sort ORDER BY c.sort, c.code",
};

static void read_count(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demand_public_count *)row = (struct demand_public_count){
        .id = db_col_int(st, 0),
        .code = db_col_dup(st, 1, a),
        .name = db_col_dup(st, 2, a),
        .total = db_col_int(st, 3),
        .visited = db_col_int(st, 4),
        .satisfied = db_col_int(st, 5),
    };
}

int demands_store_public_counts(struct db_conn *c, const struct demand_public_filter *f,
                                enum demand_public_key key, struct arena *a,
                                struct demand_public_count **out, int64_t *n_out, struct err *err)
{
    static const struct db_sql *const SQL[] = { &SQL_PUBLIC_BY_ORG, &SQL_PUBLIC_BY_GRID,
                                                &SQL_PUBLIC_BY_CATEGORY };
    char upper[ORG_PATH_MAX];
    struct public_arg p = { f, upper };
    struct db_stmt *st = NULL;
    int k = 1;

    orgpath_upper(f->path, upper);
    if (db_prepare(c, SQL[key], &st, err) < 0)
        return -1;
    bind_public(st, &k, &p);
    return db_read_rows(&st, read_count, sizeof(struct demand_public_count), a, out, n_out, err);
}

static const struct db_sql SQL_PUBLIC_ORG = {
    .name = "demands.public_org",
    .sql = "SELECT path, name FROM org WHERE id = ?",
};

struct org_name {
    const char *path, *name;
};

static void read_org_name(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct org_name *)row = (struct org_name){ db_col_dup(st, 0, a), db_col_dup(st, 1, a) };
}

int demands_store_public_org(struct db_conn *c, int64_t org_id, struct arena *a,
                             const char **path_out, const char **name_out, struct err *err)
{
    struct org_name o;

    if (db_read_by_id(c, &SQL_PUBLIC_ORG, org_id, read_org_name, a, &o, "/org", "党组织不存在",
                      err) < 0)
        return -1;
    *path_out = o.path;
    *name_out = o.name;
    return 0;
}
