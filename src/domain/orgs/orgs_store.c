/* orgs_store.c: SQL of the orgs area: org rows and their materialized paths, change events
 * and the tenant-wide rows the as-of-date tree replays. Terms are orgs_terms_store.c's, the
 * queries behind advisories and statistics orgs_stats_store.c's. No transactions are begun
 * here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/orgs/orgs_int.h"
#include "domain/orgpath.h"

#define ORG_COLS                                                                                   \
    "o.id, o.parent_id, o.path, o.depth, o.type, o.name, o.short_name, o.code, o.founded_on, "     \
    "o.dissolved_on, o.contact_name, o.contact_phone, o.address, o.area, "                         \
    "(SELECT count(*) FROM org k WHERE k.parent_id = o.id AND k.dissolved_on IS NULL), "           \
    "(SELECT count(*) FROM member m WHERE m.org_id = o.id AND m.status IN ('probationary', "       \
    "'full')), o.created_at, o.updated_at"

/* The message of a unique violation on org.code. */
#define ORG_CODE_TAKEN "组织编码已被其他党组织使用"

static const struct db_sql SQL_GET = {
    .name = "orgs.get",
    .sql = "SELECT " ORG_COLS " FROM org o WHERE o.id = ?",
};
static const struct db_sql SQL_ROW = {
    .name = "orgs.row",
    .sql = "SELECT id, tenant_id, parent_id, depth, path, type, name, short_name, founded_on, "
           "dissolved_on FROM org WHERE id = ?",
};
static const struct db_sql SQL_INSERT = {
    .name = "orgs.insert",
    .sql = "INSERT INTO org (tenant_id, parent_id, path, depth, type, name, short_name, code, "
           "founded_on, contact_name, contact_phone, address, area, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_SET_PATH = {
    .name = "orgs.set_path",
    .sql = "UPDATE org SET path = ?, depth = ?, tenant_id = ? WHERE id = ?",
};
#define KEEP(col) col " = NULLIF(COALESCE(?, " col "), '')"
static const struct db_sql SQL_UPDATE = {
    .name = "orgs.update",
    .sql =
        "UPDATE org SET type = COALESCE(?, type), " KEEP("short_name") ", " KEEP("code") ", " KEEP("founded_on") ", " KEEP(
            "contact_name") ", " KEEP("contact_phone") ", " KEEP("address") ", " KEEP("area") ", "
                                                                                              "upda"
                                                                                              "ted_"
                                                                                              "at "
                                                                                              "= ? "
                                                                                              "WHER"
                                                                                              "E "
                                                                                              "id "
                                                                                              "= ?",
};
static const struct db_sql SQL_RENAME = {
    .name = "orgs.rename",
    .sql = "UPDATE org SET name = ?, short_name = COALESCE(?, short_name), updated_at = ? "
           "WHERE id = ?",
};
static const struct db_sql SQL_MOVE_SELF = {
    .name = "orgs.move_self",
    .sql = "UPDATE org SET parent_id = ?, updated_at = ? WHERE id = ?",
};
/* Rewrites the path prefix of a subtree: new_path || the rest after old_path. */
static const struct db_sql SQL_MOVE_ORGS = {
    .name = "orgs.move_orgs",
    .sql = "UPDATE org SET path = ? || substr(path, ?), depth = depth + ? "
           "WHERE path >= ? AND path < ?",
};
static const struct db_sql SQL_MOVE_MEMBERS = {
    .name = "orgs.move_members",
    .sql = "UPDATE member SET org_path = ? || substr(org_path, ?), updated_at = ? "
           "WHERE org_path >= ? AND org_path < ?",
};
static const struct db_sql SQL_DISSOLVE = {
    .name = "orgs.dissolve",
    .sql = "UPDATE org SET dissolved_on = ?, updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_SUBTREE_BUSY = {
    .name = "orgs.subtree_busy",
    .sql = "SELECT (SELECT count(*) FROM member WHERE org_path >= ? AND org_path < ? "
           "AND status IN ('probationary', 'full')), (SELECT count(*) FROM org WHERE path >= ? "
           "AND path < ? AND id <> ? AND dissolved_on IS NULL)",
};
static const struct db_sql SQL_EVENT_INSERT = {
    .name = "orgs.event_insert",
    .sql = "INSERT INTO org_event (tenant_id, org_id, kind, effective_on, doc_no, note, "
           "old_name, new_name, old_short_name, new_short_name, old_parent_id, new_parent_id, "
           "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_LAST_EVENT = {
    .name = "orgs.last_event",
    .sql = "SELECT max(effective_on) FROM org_event WHERE org_id = ?",
};
static const struct db_sql SQL_EVENTS = {
    .name = "orgs.events",
    .sql = "SELECT e.id, e.org_id, e.kind, e.effective_on, e.doc_no, e.note, e.old_name, "
           "e.new_name, e.old_parent_id, e.new_parent_id, e.created_at, op.name, np.name "
           "FROM org_event e LEFT JOIN org op ON op.id = e.old_parent_id "
           "LEFT JOIN org np ON np.id = e.new_parent_id WHERE e.org_id = ? "
           "ORDER BY e.effective_on DESC, e.id DESC",
};
/* The orgs whose path is a proper prefix of the given one, root first. Paths hold only
 * digits and '/', so the path is a LIKE pattern without wildcards. */
static const struct db_sql SQL_ANCESTORS = {
    .name = "orgs.ancestors",
    .sql = "SELECT id, name FROM org WHERE ? LIKE path || '%' AND path <> ? ORDER BY depth",
};
#define PAGE_WHERE                                                                                 \
    "o.path >= ? AND o.path < ? AND (? IS NULL OR o.type = ?) AND (? IS NULL OR o.name LIKE ? "    \
    "ESCAPE '\\' OR o.short_name LIKE ? ESCAPE '\\') AND (? = 1 OR o.dissolved_on IS NULL)"
static const struct db_sql SQL_PAGE = {
    .name = "orgs.page",
    .sql = "SELECT " ORG_COLS " FROM org o WHERE " PAGE_WHERE " ORDER BY o.path LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_COUNT = {
    .name = "orgs.count",
    .sql = "SELECT count(*) FROM org o WHERE " PAGE_WHERE,
};
static const struct db_sql SQL_CHILDREN = {
    .name = "orgs.children",
    .sql = "SELECT " ORG_COLS " FROM org o WHERE o.parent_id = ? "
           "AND (? = 1 OR o.dissolved_on IS NULL) ORDER BY o.code, o.id",
};
static const struct db_sql SQL_NAMES = {
    .name = "orgs.names",
    .sql = "SELECT id, name, short_name, path FROM org WHERE path >= ? AND path < ? "
           "AND dissolved_on IS NULL ORDER BY id",
};
static const struct db_sql SQL_TENANT_ORGS = {
    .name = "orgs.tenant_orgs",
    .sql = "SELECT o.id, o.parent_id, o.type, o.name, o.short_name, o.founded_on, "
           "o.dissolved_on, 0 FROM org o WHERE o.tenant_id = ? ORDER BY o.id",
};
static const struct db_sql SQL_TENANT_ORGS_MEMBERS = {
    .name = "orgs.tenant_orgs_members",
    .sql = "SELECT o.id, o.parent_id, o.type, o.name, o.short_name, o.founded_on, "
           "o.dissolved_on, coalesce(c.n, 0) FROM org o LEFT JOIN (SELECT org_id, count(*) AS n "
           "FROM member WHERE tenant_id = ? AND status IN ('probationary', 'full') "
           "GROUP BY org_id) c ON c.org_id = o.id WHERE o.tenant_id = ? ORDER BY o.id",
};
static const struct db_sql SQL_EVENTS_AFTER = {
    .name = "orgs.events_after",
    .sql = "SELECT org_id, kind, old_name, old_short_name, old_parent_id FROM org_event "
           "WHERE tenant_id = ? AND effective_on > ? ORDER BY effective_on DESC, id DESC",
};

static void read_view(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_view *v = row;
    int k = 0;

    v->id = db_col_int(st, k++);
    v->parent_id = db_col_is_null(st, k) ? 0 : db_col_int(st, k);
    k++;
    v->path = db_col_dup(st, k++, a);
    v->depth = db_col_int(st, k++);
    v->type = db_col_dup(st, k++, a);
    v->name = db_col_dup(st, k++, a);
    v->short_name = db_col_dup(st, k++, a);
    v->code = db_col_dup(st, k++, a);
    v->founded_on = db_col_dup(st, k++, a);
    v->dissolved_on = db_col_dup(st, k++, a);
    v->contact_name = db_col_dup(st, k++, a);
    v->contact_phone = db_col_unseal(st, k++, a);
    v->address = db_col_dup(st, k++, a);
    v->area = db_col_dup(st, k++, a);
    v->children = db_col_int(st, k++);
    v->members = db_col_int(st, k++);
    v->created_at = db_col_int(st, k++);
    v->updated_at = db_col_int(st, k++);
    v->type_label = org_type_label(v->type);
}

int org_store_get(struct db_conn *c, int64_t id, struct arena *a, struct org_view *out,
                  struct err *err)
{
    return db_read_by_id(c, &SQL_GET, id, read_view, a, out, "", "党组织不存在", err);
}

static void read_row(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_row *r = row;

    r->id = db_col_int(st, 0);
    r->tenant_id = db_col_int(st, 1);
    r->parent_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
    r->depth = db_col_int(st, 3);
    r->path = db_col_dup(st, 4, a);
    r->type = db_col_dup(st, 5, a);
    r->name = db_col_dup(st, 6, a);
    r->short_name = db_col_dup(st, 7, a);
    r->founded_on = db_col_dup(st, 8, a);
    r->dissolved_on = db_col_dup(st, 9, a);
}

int org_store_row(struct db_conn *c, int64_t id, struct arena *a, struct org_row *out,
                  struct err *err)
{
    return db_read_by_id(c, &SQL_ROW, id, read_row, a, out, "", "党组织不存在", err);
}

int org_store_insert(struct db_conn *c, const struct org_in *in, const struct org_row *parent,
                     int64_t now, int64_t *id_out, struct err *err)
{
    struct arena a;
    arena_init(&a, 0);
    /* The contact phone is often a person's mobile: sealed like theirs (core/seal.h). */
    const char *const text[] = { in->short_name,
                                 in->code,
                                 in->founded_on,
                                 in->contact_name,
                                 seal_text(in->contact_phone, &a),
                                 in->address,
                                 in->area };
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_INSERT, &st, err) < 0) {
        arena_release(&a);
        return -1;
    }
    db_bind_int(st, k++, parent->tenant_id); /* a root's is set with its path */
    if (parent->id)
        db_bind_int(st, k++, parent->id);
    else
        db_bind_null(st, k++);
    /* A placeholder path until the id is known (org_store_set_path follows at once). */
    db_bind_text(st, k++, "pending");
    db_bind_int(st, k++, parent->depth + 1);
    db_bind_text(st, k++, in->type);
    db_bind_text(st, k++, in->name);
    db_bind_opt_texts(st, &k, text, ARRAY_LEN(text));
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, now);
    int rc = db_conflict_on(db_run_id(&st, id_out, err), "/code", ORG_CODE_TAKEN, err);
    arena_release(&a);
    return rc;
}

int org_store_set_path(struct db_conn *c, int64_t id, const char *path, int64_t depth,
                       int64_t tenant_id, struct err *err)
{
    return db_run_args(c, &SQL_SET_PATH,
                       DB_ARGS(DB_TEXT(path), DB_INT(depth), DB_INT(tenant_id), DB_INT(id)), err);
}

int org_store_update(struct db_conn *c, int64_t id, const struct org_in *in, int64_t now,
                     struct err *err)
{
    struct arena a;
    arena_init(&a, 0);
    const char *const text[] = { in->type,       in->short_name,   in->code,
                                 in->founded_on, in->contact_name, seal_text(in->contact_phone, &a),
                                 in->address,    in->area };
    struct db_stmt *st = NULL;
    int k = 1, rc = -1;

    if (db_prepare(c, &SQL_UPDATE, &st, err) == 0) {
        db_bind_texts(st, &k, text, ARRAY_LEN(text));
        db_bind_int(st, k++, now);
        db_bind_int(st, k++, id);
        rc = db_conflict_on(db_run(&st, err), "/code", ORG_CODE_TAKEN, err);
    }
    arena_release(&a);
    return rc;
}

int org_store_rename(struct db_conn *c, int64_t id, const char *name, const char *short_name,
                     int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_RENAME,
                       DB_ARGS(DB_TEXT(name), DB_TEXT(short_name), DB_INT(now), DB_INT(id)), err);
}

int org_store_move(struct db_conn *c, int64_t id, int64_t new_parent, const char *old_path,
                   const char *new_path, int64_t depth_delta, int64_t now, struct err *err)
{
    char upper[ORG_PATH_MAX];
    int64_t cut = (int64_t)strlen(old_path) + 1; /* substr() from here keeps the path's tail */

    ASSERT(cut > 2);
    orgpath_upper(old_path, upper);
    if (db_run_args(c, &SQL_MOVE_SELF, DB_ARGS(DB_INT(new_parent), DB_INT(now), DB_INT(id)), err) <
            0 ||
        db_run_args(c, &SQL_MOVE_ORGS,
                    DB_ARGS(DB_TEXT(new_path), DB_INT(cut), DB_INT(depth_delta), DB_TEXT(old_path),
                            DB_TEXT(upper)),
                    err) < 0)
        return -1;
    return db_run_args(
        c, &SQL_MOVE_MEMBERS,
        DB_ARGS(DB_TEXT(new_path), DB_INT(cut), DB_INT(now), DB_TEXT(old_path), DB_TEXT(upper)),
        err);
}

int org_store_dissolve(struct db_conn *c, int64_t id, const char *on, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_DISSOLVE, DB_ARGS(DB_TEXT(on), DB_INT(now), DB_INT(id)), err);
}

int org_store_subtree_busy(struct db_conn *c, const char *path, int64_t self, int64_t *members_out,
                           int64_t *orgs_out, struct err *err)
{
    struct db_stmt *st = NULL;
    char upper[ORG_PATH_MAX];
    int rc;

    orgpath_upper(path, upper);
    if (db_prepare_args(
            c, &SQL_SUBTREE_BUSY,
            DB_ARGS(DB_TEXT(path), DB_TEXT(upper), DB_TEXT(path), DB_TEXT(upper), DB_INT(self)),
            &st, err) < 0)
        return -1;
    rc = db_step_one(st, "", "党组织不存在", err);
    if (rc == 0) {
        *members_out = db_col_int(st, 0);
        *orgs_out = db_col_int(st, 1);
    }
    db_stmt_free(&st);
    return rc;
}

int org_store_event_insert(struct db_conn *c, int64_t tenant_id, int64_t org_id,
                           const struct org_event_in *in, const char *old_name,
                           const char *old_short, int64_t old_parent, int64_t user_id, int64_t now,
                           int64_t *id_out, struct err *err)
{
    int64_t id;

    if (db_run_id_args(c, &SQL_EVENT_INSERT,
                       DB_ARGS(DB_INT(tenant_id), DB_INT(org_id), DB_TEXT(in->kind),
                               DB_TEXT(in->effective_on), DB_OPT_TEXT(in->doc_no),
                               DB_OPT_TEXT(in->note), DB_TEXT(old_name), DB_OPT_TEXT(in->new_name),
                               DB_TEXT(old_short), DB_OPT_TEXT(in->new_short_name),
                               DB_OPT_ID(old_parent), DB_OPT_ID(in->new_parent_id),
                               DB_OPT_ID(user_id), DB_INT(now)),
                       &id, err) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int org_store_last_event_date(struct db_conn *c, int64_t org_id, struct arena *a, const char **out,
                              struct err *err)
{
    *out = NULL;
    return db_read_opt_args(c, &SQL_LAST_EVENT, DB_ARGS(DB_INT(org_id)), db_read_text, a, out, NULL,
                            err);
}

static void read_event(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_event_view *e = row;

    e->id = db_col_int(st, 0);
    e->org_id = db_col_int(st, 1);
    e->kind = db_col_dup(st, 2, a);
    e->effective_on = db_col_dup(st, 3, a);
    e->doc_no = db_col_dup(st, 4, a);
    e->note = db_col_dup(st, 5, a);
    e->old_name = db_col_dup(st, 6, a);
    e->new_name = db_col_dup(st, 7, a);
    e->old_parent_id = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
    e->new_parent_id = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
    e->created_at = db_col_int(st, 10);
    e->old_parent_name = db_col_dup(st, 11, a);
    e->new_parent_name = db_col_dup(st, 12, a);
}

int org_store_events(struct db_conn *c, int64_t org_id, struct arena *a,
                     struct org_event_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_EVENTS, DB_ARGS(DB_INT(org_id)), read_event, sizeof(**out), a,
                             out, n_out, err);
}

/* What an orgs page binds (count and page alike). */
struct page_filter {
    const struct org_query *q;
    const char *upper, *like;
};

static void bind_page_filter(struct db_stmt *st, int *k, const void *arg)
{
    const struct page_filter *f = arg;

    db_bind_text(st, (*k)++, f->q->path);
    db_bind_text(st, (*k)++, f->upper);
    db_bind_text(st, (*k)++, f->q->type);
    db_bind_text(st, (*k)++, f->q->type);
    for (int i = 0; i < 3; i++)
        db_bind_text(st, (*k)++, f->like);
    db_bind_int(st, (*k)++, f->q->include_dissolved ? 1 : 0);
}

static const struct db_list PAGE = { &SQL_COUNT, &SQL_PAGE, read_view, sizeof(struct org_view) };

int org_store_page(struct db_conn *c, const struct org_query *q, const char *upper,
                   const char *like, struct arena *a, struct org_view **out, int64_t *n_out,
                   int64_t *total_out, struct err *err)
{
    struct page_filter f = { .q = q, .upper = upper, .like = like };
    struct db_page p = { q->page, q->size, bind_page_filter, &f };

    return db_read_page(c, &PAGE, &p, a, out, n_out, total_out, err);
}

int org_store_children(struct db_conn *c, int64_t id, bool include_dissolved, struct arena *a,
                       struct org_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_CHILDREN,
                             DB_ARGS(DB_INT(id), DB_INT(include_dissolved ? 1 : 0)), read_view,
                             sizeof(**out), a, out, n_out, err);
}

static void read_name(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_name *r = row;

    r->id = db_col_int(st, 0);
    r->name = db_col_dup(st, 1, a);
    r->short_name = db_col_is_null(st, 2) ? NULL : db_col_dup(st, 2, a);
    r->path = db_col_dup(st, 3, a);
}

int org_store_names(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                    struct org_name **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_NAMES, DB_ARGS(DB_TEXT(path), DB_TEXT(upper)), read_name,
                             sizeof(**out), a, out, n_out, err);
}

static void read_tree_row(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_tree_row *r = row;

    r->id = db_col_int(st, 0);
    r->parent_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    r->type = db_col_dup(st, 2, a);
    r->name = db_col_dup(st, 3, a);
    r->short_name = db_col_dup(st, 4, a);
    r->founded_on = db_col_dup(st, 5, a);
    r->dissolved_on = db_col_dup(st, 6, a);
    r->members = db_col_int(st, 7);
}

int org_store_tenant_orgs(struct db_conn *c, int64_t tenant_id, bool with_members, struct arena *a,
                          struct org_tree_row **out, int64_t *n_out, struct err *err)
{
    if (with_members)
        return db_read_rows_args(c, &SQL_TENANT_ORGS_MEMBERS,
                                 DB_ARGS(DB_INT(tenant_id), DB_INT(tenant_id)), read_tree_row,
                                 sizeof(**out), a, out, n_out, err);
    return db_read_rows_args(c, &SQL_TENANT_ORGS, DB_ARGS(DB_INT(tenant_id)), read_tree_row,
                             sizeof(**out), a, out, n_out, err);
}

static void read_undo(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_undo *u = row;

    u->org_id = db_col_int(st, 0);
    u->kind = db_col_dup(st, 1, a);
    u->old_name = db_col_dup(st, 2, a);
    u->old_short_name = db_col_dup(st, 3, a);
    u->old_parent_id = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
}

int org_store_events_after(struct db_conn *c, int64_t tenant_id, const char *date, struct arena *a,
                           struct org_undo **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_EVENTS_AFTER, DB_ARGS(DB_INT(tenant_id), DB_TEXT(date)),
                             read_undo, sizeof(**out), a, out, n_out, err);
}

static void read_ancestor(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct org_name *)row =
        (struct org_name){ .id = db_col_int(st, 0), .name = db_col_dup(st, 1, a) };
}

int org_store_ancestors(struct db_conn *c, const char *path, struct arena *a, struct org_name **out,
                        int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ANCESTORS, DB_ARGS(DB_TEXT(path), DB_TEXT(path)),
                             read_ancestor, sizeof(**out), a, out, n_out, err);
}
