/* orgs_read.c: reading the organization network: one org, its path, names in scope, lists,
 * children and change events, and the tree today or as of a past date (the events after it
 * replayed backwards). It writes nothing; changes are orgs.c's. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs_int.h"

static const char *event_label(const char *kind)
{
    return enum_label(ORG_EVENT_KINDS, ORG_EVENT_KIND_LABELS, kind);
}

/* ---- reads ---- */

int org_get(struct app *app, int64_t id, struct arena *a, struct org_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_get(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int org_path_of(struct db_conn *c, int64_t id, struct arena *a, const char **path_out,
                struct err *err)
{
    struct org_row r;

    if (org_store_row(c, id, a, &r, err) < 0)
        return -1;
    *path_out = r.path;
    return 0;
}

int org_names_in_scope(struct db_conn *c, const char *scope_path, struct arena *a,
                       struct org_name **out, int64_t *n_out, struct err *err)
{
    char upper[ORG_PATH_MAX];

    if (!scope_path)
        scope_path = "/";
    orgpath_upper(scope_path, upper);
    return org_store_names(c, scope_path, upper, a, out, n_out, err);
}

int org_list(struct app *app, const struct org_query *q, struct arena *a, struct org_view **out,
             int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    char upper[ORG_PATH_MAX];
    const char *like = NULL;
    int rc;

    if (q->type && org_type_index(q->type) < 0)
        return err_set(err, E_INVALID, "/type", "组织类型无效：%s", q->type);
    orgpath_upper(q->path, upper);
    if (q->q && *q->q) {
        struct arena *aa = a;
        char *p = arena_alloc(aa, strlen(q->q) * 2 + 3), *w = p;
        *w++ = '%';
        for (const char *s = q->q; *s; s++) {
            if (*s == '%' || *s == '_' || *s == '\\')
                *w++ = '\\';
            *w++ = *s;
        }
        *w++ = '%';
        *w = '\0';
        like = p;
    }
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_page(c, q, upper, like, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}

int org_children(struct app *app, int64_t id, bool include_dissolved, struct arena *a,
                 struct org_view **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_children(c, id, include_dissolved, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int org_events(struct app *app, int64_t org_id, struct arena *a, struct org_event_view **out,
               int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_events(c, org_id, a, out, n_out, err);
    db_release(app->db, &c);
    if (rc == 0)
        for (int64_t i = 0; i < *n_out; i++)
            (*out)[i].kind_label = event_label((*out)[i].kind);
    return rc;
}

/* ---- the tree ---- */

static int cmp_node(const void *x, const void *y)
{
    const struct org_node *a = *(struct org_node *const *)x, *b = *(struct org_node *const *)y;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The index of the first of nodes[0..n) (in id order) whose id is not below id. */
static int64_t node_find(const struct org_node *nodes, int64_t n, int64_t id)
{
    int64_t lo = 0, hi = n;

    while (lo < hi) {
        int64_t mid = (lo + hi) / 2;
        if (nodes[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Undoes the events after the as-of date, newest first: names and parents go back, an org
 * founded since is not alive. */
static void tree_undo(struct org_node *nodes, bool *alive, int64_t n, const struct org_undo *undo,
                      int64_t nundo)
{
    for (int64_t k = 0; k < nundo; k++) {
        int64_t lo = node_find(nodes, n, undo[k].org_id);
        if (lo >= n || nodes[lo].id != undo[k].org_id)
            continue;
        if (!strcmp(undo[k].kind, "rename")) {
            if (undo[k].old_name)
                nodes[lo].name = undo[k].old_name;
            if (undo[k].old_short_name)
                nodes[lo].short_name = undo[k].old_short_name;
        } else if (!strcmp(undo[k].kind, "move") && undo[k].old_parent_id) {
            nodes[lo].parent_id = undo[k].old_parent_id;
        } else if (!strcmp(undo[k].kind, "found")) {
            alive[lo] = false;
        }
    }
}

/* Attaches living nodes to living parents (count children, then fill); returns root's index,
 * or -1 when root is not among the living. */
static int64_t tree_link(struct org_node *nodes, const bool *alive, int64_t n, int64_t root,
                         struct arena *a)
{
    int64_t ri = -1;
    int64_t *fill = arena_alloc(a, sizeof(*fill) * (size_t)(n ? n : 1));
    int64_t *pidx = arena_alloc(a, sizeof(*pidx) * (size_t)(n ? n : 1));

    for (int64_t i = 0; i < n; i++) {
        int64_t lo;
        pidx[i] = -1;
        if (nodes[i].id == root)
            ri = i;
        if (!alive[i] || !nodes[i].parent_id)
            continue;
        lo = node_find(nodes, n, nodes[i].parent_id);
        if (lo < n && nodes[lo].id == nodes[i].parent_id && alive[lo]) {
            pidx[i] = lo;
            nodes[lo].nchildren++;
        }
    }
    if (ri < 0 || !alive[ri])
        return -1;
    for (int64_t i = 0; i < n; i++) {
        if (nodes[i].nchildren)
            nodes[i].children =
                arena_alloc(a, sizeof(*nodes[i].children) * (size_t)nodes[i].nchildren);
        fill[i] = 0;
    }
    for (int64_t i = 0; i < n; i++)
        if (pidx[i] >= 0)
            nodes[pidx[i]].children[fill[pidx[i]]++] = &nodes[i];
    return ri;
}

/* Sorts children by id and cuts them below max_depth (iterative walk from top). */
static void tree_cut(struct org_node *top, int64_t n, int64_t max_depth, struct arena *a)
{
    struct org_node **stack = arena_alloc(a, sizeof(*stack) * (size_t)(n ? n : 1));
    int64_t *depth = arena_alloc(a, sizeof(*depth) * (size_t)(n ? n : 1)), nstack = 0;

    stack[nstack] = top;
    depth[nstack++] = 0;
    while (nstack > 0) {
        struct org_node *x = stack[--nstack];
        int64_t d = depth[nstack];
        if (x->nchildren > 1)
            qsort(x->children, (size_t)x->nchildren, sizeof(*x->children), cmp_node);
        if (max_depth > 0 && d >= max_depth) {
            x->nchildren = 0;
            continue;
        }
        for (int64_t i = 0; i < x->nchildren && nstack < n; i++) {
            stack[nstack] = x->children[i];
            depth[nstack++] = d + 1;
        }
    }
}

int org_tree(struct app *app, int64_t root, const char *as_of, int64_t max_depth, struct arena *a,
             struct org_node **out, struct err *err)
{
    struct db_conn *c = NULL;
    struct org_row r;
    struct org_tree_row *rows;
    struct org_undo *undo = NULL;
    struct org_node *nodes;
    int64_t n, nundo = 0, ri;
    bool *alive;
    char today[11];
    int rc = -1;

    clock_today(today);
    if (as_of && strcmp(as_of, today) > 0)
        return err_set(err, E_INVALID, "/as_of", "查询日期不能晚于今天");
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (org_store_row(c, root, a, &r, err) < 0 ||
        org_store_tenant_orgs(c, r.tenant_id, as_of == NULL, a, &rows, &n, err) < 0 ||
        (as_of && org_store_events_after(c, r.tenant_id, as_of, a, &undo, &nundo, err) < 0))
        goto out;
    nodes = arena_alloc(a, sizeof(*nodes) * (size_t)(n ? n : 1));
    alive = arena_alloc(a, sizeof(*alive) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++) {
        nodes[i] = (struct org_node){ .id = rows[i].id,
                                      .parent_id = rows[i].parent_id,
                                      .type = rows[i].type,
                                      .type_label = org_type_label(rows[i].type),
                                      .name = rows[i].name,
                                      .short_name = rows[i].short_name,
                                      .members = rows[i].members };
        if (as_of)
            alive[i] = (!rows[i].founded_on || strcmp(rows[i].founded_on, as_of) <= 0) &&
                       (!rows[i].dissolved_on || strcmp(rows[i].dissolved_on, as_of) > 0);
        else
            alive[i] = !rows[i].dissolved_on;
    }
    /* rows are in id order, so an org is found by binary search. */
    tree_undo(nodes, alive, n, undo, nundo);
    ri = tree_link(nodes, alive, n, root, a);
    if (ri < 0) {
        err_set(err, E_NOT_FOUND, "", as_of ? "该党组织在 %s 尚未成立或已撤销" : "党组织已撤销",
                as_of ? as_of : "");
        goto out;
    }
    tree_cut(&nodes[ri], n, max_depth, a);
    *out = &nodes[ri];
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int org_ancestors(struct app *app, const char *path, struct arena *a, struct org_name **out,
                  int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_ancestors(c, path, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}
