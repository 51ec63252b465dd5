/* orgs.c: the organization network service: creating and changing orgs (names and parents
 * change only through recorded events), the tree today or as of a past date (replaying
 * events backwards), terms with lengths from org_rule rows, RULES.md §3.1 advisories and
 * subtree statistics. Permission checks are the caller's (orgs_http.c). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs_int.h"

const char *const ORG_TYPES[] = { "district",       "street", "community_committee",
                                  "general_branch", "branch", "joint_branch",
                                  "mobile_branch",  "group",  NULL };
const char *const ORG_TYPE_LABELS[] = { "区委组织部",     "街道党工委", "社区党委",
                                        "社区党总支",     "党支部",     "联合党支部",
                                        "流动党员党支部", "党小组",     NULL };
const char *const ORG_EVENT_KINDS[] = { "found", "rename", "move", "dissolve", NULL };
const char *const ORG_EVENT_KIND_LABELS[] = { "成立", "更名", "隶属调整", "撤销", NULL };

/* Posts a term may name. */
static const char *const POSTS[] = { "书记",     "副书记",   "组织委员", "宣传委员", "纪检委员",
                                     "青年委员", "统战委员", "保密委员", "委员",     NULL };

static int type_index(const char *type)
{
    for (int i = 0; type && ORG_TYPES[i]; i++)
        if (!strcmp(ORG_TYPES[i], type))
            return i;
    return -1;
}

const char *org_type_label(const char *type)
{
    return enum_label(ORG_TYPES, ORG_TYPE_LABELS, type);
}

static const char *event_label(const char *kind)
{
    return enum_label(ORG_EVENT_KINDS, ORG_EVENT_KIND_LABELS, kind);
}

/* Whether a child of type child fits under a parent of type parent. */
static bool type_fits(const char *parent, const char *child)
{
    static const char *const allowed[][6] = {
        /* district */ { "street", NULL },
        /* street */
        { "community_committee", "general_branch", "branch", "joint_branch", "mobile_branch",
          NULL },
        /* community_committee */
        { "general_branch", "branch", "joint_branch", "mobile_branch", NULL },
        /* general_branch */ { "branch", "joint_branch", "mobile_branch", NULL },
        /* branch */ { "group", NULL },
        /* joint_branch */ { "group", NULL },
        /* mobile_branch */ { "group", NULL },
        /* group */ { NULL },
    };
    int p = type_index(parent);

    if (p < 0)
        return false;
    for (int i = 0; allowed[p][i]; i++)
        if (!strcmp(allowed[p][i], child))
            return true;
    return false;
}

static int64_t actor_user_id(const struct auth_actor *actor)
{
    return actor && actor->user ? actor->user->id : 0;
}

int audit_org(struct db_conn *c, const struct auth_actor *actor, const char *action,
              const char *target_type, int64_t target, int64_t org_id, json_t *before,
              json_t *after, struct err *err)
{
    char digest[65];
    struct audit_entry e = auth_audit_entry(actor, action, target_type, target, org_id);

    if (before || after) {
        audit_change_digest(before, after, digest);
        e.digest = digest;
    }
    return audit_append(c, &e, err);
}

/* "" as NULL: a cleared field reads as null in a digest. */
static const char *nz(const char *s)
{
    return s && *s ? s : NULL;
}

/* An org's plain fields as the audit digest sees them (org.create, org.update). */
static json_t *org_fields_json(int64_t parent_id, const char *type, const char *name,
                               const char *short_name, const char *code, const char *founded_on,
                               const char *contact_name, const char *contact_phone,
                               const char *address, const char *area)
{
    return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "parent_id",
                     (json_int_t)parent_id, "type", nz(type), "name", nz(name), "short_name",
                     nz(short_name), "code", nz(code), "founded_on", nz(founded_on), "contact_name",
                     nz(contact_name), "contact_phone", nz(contact_phone), "address", nz(address),
                     "area", nz(area));
}

/* org_fields_json of an org as read, with the non-NULL fields of patch laid over it. */
static json_t *org_view_json(const struct org_view *v, const struct org_in *patch)
{
#define OVER(f) (patch && patch->f ? patch->f : v->f)
    return org_fields_json(v->parent_id, OVER(type), v->name, OVER(short_name), OVER(code),
                           OVER(founded_on), OVER(contact_name), OVER(contact_phone), OVER(address),
                           OVER(area));
#undef OVER
}

/* The fields an org event changes, as the audit digest sees them (org.event). */
static json_t *org_state_json(const char *name, const char *short_name, int64_t parent_id,
                              const char *dissolved_on)
{
    return json_pack("{s:s?, s:s?, s:I, s:s?}", "name", nz(name), "short_name", nz(short_name),
                     "parent_id", (json_int_t)parent_id, "dissolved_on", nz(dissolved_on));
}

/* Date d plus n years (29 Feb → 28 Feb), into out[11]. */
static void date_add_years(const char *d, int64_t n, char out[11])
{
    int y, m, dd;

    if (date_parse(d, &y, &m, &dd) < 0) {
        snprintf(out, 11, "%s", d);
        return;
    }
    y += (int)n;
    if (m == 2 && dd == 29 && !date_is_leap(y))
        dd = 28;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, dd);
}

static void date_add_months(const char *d, int n, char out[11])
{
    int y, m, dd;

    if (date_parse(d, &y, &m, &dd) < 0) {
        snprintf(out, 11, "%s", d);
        return;
    }
    m += n;
    while (m > 12) {
        m -= 12;
        y++;
    }
    if (dd > date_days_in_month(y, m))
        dd = date_days_in_month(y, m);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, dd);
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

    if (q->type && type_index(q->type) < 0)
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

int org_tree(struct app *app, int64_t root, const char *as_of, int64_t max_depth, struct arena *a,
             struct org_node **out, struct err *err)
{
    struct db_conn *c = NULL;
    struct org_row r;
    struct org_tree_row *rows;
    struct org_undo *undo = NULL;
    struct org_node *nodes, **stack;
    int64_t n, nundo = 0, nstack = 0, *depth;
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
    /* Undo the events after as_of, newest first: names and parents go back. rows are in id
     * order, so an org is found by binary search. */
    for (int64_t k = 0; k < nundo; k++) {
        int64_t lo = 0, hi = n;
        while (lo < hi) {
            int64_t mid = (lo + hi) / 2;
            if (nodes[mid].id < undo[k].org_id)
                lo = mid + 1;
            else
                hi = mid;
        }
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
    /* Attach living nodes to living parents: count children, then fill. */
    {
        int64_t ri = -1;
        int64_t *fill = arena_alloc(a, sizeof(*fill) * (size_t)(n ? n : 1));
        int64_t *pidx = arena_alloc(a, sizeof(*pidx) * (size_t)(n ? n : 1));
        for (int64_t i = 0; i < n; i++) {
            int64_t lo = 0, hi = n;
            pidx[i] = -1;
            if (nodes[i].id == root)
                ri = i;
            if (!alive[i] || !nodes[i].parent_id)
                continue;
            while (lo < hi) {
                int64_t mid = (lo + hi) / 2;
                if (nodes[mid].id < nodes[i].parent_id)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < n && nodes[lo].id == nodes[i].parent_id && alive[lo]) {
                pidx[i] = lo;
                nodes[lo].nchildren++;
            }
        }
        if (ri < 0 || !alive[ri]) {
            err_set(err, E_NOT_FOUND, "", as_of ? "该党组织在 %s 尚未成立或已撤销" : "党组织已撤销",
                    as_of ? as_of : "");
            goto out;
        }
        for (int64_t i = 0; i < n; i++) {
            if (nodes[i].nchildren)
                nodes[i].children =
                    arena_alloc(a, sizeof(*nodes[i].children) * (size_t)nodes[i].nchildren);
            fill[i] = 0;
        }
        for (int64_t i = 0; i < n; i++)
            if (pidx[i] >= 0)
                nodes[pidx[i]].children[fill[pidx[i]]++] = &nodes[i];
        /* Depth limit: cut children below max_depth (iterative walk). */
        stack = arena_alloc(a, sizeof(*stack) * (size_t)(n ? n : 1));
        depth = arena_alloc(a, sizeof(*depth) * (size_t)(n ? n : 1));
        stack[nstack] = &nodes[ri];
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
        *out = &nodes[ri];
    }
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

/* ---- writes ---- */

int org_create(struct app *app, const struct org_in *in, const struct auth_actor *actor,
               int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row parent;
    struct org_event_in ev = { 0 };
    char today[11], *path;
    int64_t now = clock_now();
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (type_index(in->type) < 0) {
        err_set(err, E_INVALID, "/type", "组织类型无效");
        goto out;
    }
    if (in->founded_on && strcmp(in->founded_on, today) > 0) {
        err_set(err, E_INVALID, "/founded_on", "成立日期不能晚于今天");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    if (!in->parent_id) {
        /* A root (a district's 区委组织部): its own tenant, path "/<id>/", depth 0. */
        if (strcmp(in->type, "district") != 0) {
            err_set(err, E_INVALID, "/type", "没有上级的根组织只能是区委组织部（district）");
            goto out;
        }
        memset(&parent, 0, sizeof(parent));
        parent.path = "/";
        parent.depth = -1;
    } else if (org_store_row(c, in->parent_id, &a, &parent, err) < 0) {
        err_refine(err, "/parent_id", NULL);
        goto out;
    }
    if (parent.dissolved_on) {
        err_set(err, E_INVALID, "/parent_id", "上级党组织已撤销");
        goto out;
    }
    if (in->parent_id && !type_fits(parent.type, in->type)) {
        err_set(err, E_INVALID, "/type", "%s下不能设立%s", org_type_label(parent.type),
                org_type_label(in->type));
        goto out;
    }
    if (org_store_insert(c, in, &parent, now, id_out, err) < 0)
        goto out;
    path = arena_printf(&a, "%s%" PRId64 "/", parent.path, *id_out);
    if (strlen(path) >= ORG_PATH_MAX) {
        err_set(err, E_INVALID, "/parent_id", "组织层级太深");
        goto out;
    }
    ev.kind = arena_strdup(&a, "found");
    ev.effective_on = in->founded_on ? in->founded_on : today;
    ev.doc_no = in->doc_no;
    ev.new_name = in->name;
    ev.new_short_name = in->short_name;
    ev.new_parent_id = parent.id;
    if (org_store_set_path(c, *id_out, path, parent.depth + 1,
                           parent.tenant_id ? parent.tenant_id : *id_out, err) < 0 ||
        org_store_event_insert(c, parent.tenant_id ? parent.tenant_id : *id_out, *id_out, &ev, NULL,
                               NULL, 0, actor_user_id(actor), now, NULL, err) < 0 ||
        audit_org(c, actor, "org.create", "org", *id_out, *id_out, NULL,
                  org_fields_json(parent.id, in->type, in->name, in->short_name, in->code,
                                  ev.effective_on, in->contact_name, in->contact_phone, in->address,
                                  in->area),
                  err) < 0 ||
        db_tx_commit(c, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

int org_update(struct app *app, int64_t id, const struct org_in *in, const struct auth_actor *actor,
               struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row cur, parent;
    struct org_view was;
    char today[11];
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (in->name)
        return arena_release(&a),
               err_set(err, E_INVALID, "/name",
                       "更名请登记“更名”事件（POST /api/orgs/{id}/events），以便保留历史");
    if (in->parent_id)
        return arena_release(&a),
               err_set(err, E_INVALID, "/parent_id",
                       "调整隶属关系请登记“隶属调整”事件（POST /api/orgs/{id}/events）");
    if (in->type && type_index(in->type) < 0)
        return arena_release(&a), err_set(err, E_INVALID, "/type", "组织类型无效");
    if (in->founded_on && *in->founded_on && strcmp(in->founded_on, today) > 0)
        return arena_release(&a), err_set(err, E_INVALID, "/founded_on", "成立日期不能晚于今天");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_row(c, id, &a, &cur, err) < 0 || org_store_get(c, id, &a, &was, err) < 0)
        goto out;
    if (in->type && cur.parent_id) {
        if (org_store_row(c, cur.parent_id, &a, &parent, err) < 0)
            goto out;
        if (!type_fits(parent.type, in->type)) {
            err_set(err, E_INVALID, "/type", "%s下不能设立%s", org_type_label(parent.type),
                    org_type_label(in->type));
            goto out;
        }
    }
    if (org_store_update(c, id, in, clock_now(), err) < 0 ||
        audit_org(c, actor, "org.update", "org", id, id, org_view_json(&was, NULL),
                  org_view_json(&was, in), err) < 0 ||
        db_tx_commit(c, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

int org_event_add(struct app *app, int64_t org_id, const struct org_event_in *in,
                  const struct auth_actor *actor, int64_t *event_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row cur, np;
    const char *last = NULL;
    char today[11];
    int64_t now = clock_now(), eid = 0;
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    *event_id_out = 0;
    if (strcmp(in->effective_on, today) > 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期不能晚于今天");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_row(c, org_id, &a, &cur, err) < 0 ||
        org_store_last_event_date(c, org_id, &a, &last, err) < 0)
        goto out;
    if (cur.dissolved_on) {
        err_set(err, E_CONFLICT, "", "该党组织已于 %s 撤销", cur.dissolved_on);
        goto out;
    }
    if (last && strcmp(in->effective_on, last) < 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期不能早于该组织上一次变更（%s）", last);
        goto out;
    }
    if (cur.founded_on && strcmp(in->effective_on, cur.founded_on) < 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期不能早于成立日期（%s）", cur.founded_on);
        goto out;
    }
    if (!strcmp(in->kind, "found")) {
        err_set(err, E_INVALID, "/kind", "“成立”在创建党组织时自动记录");
        goto out;
    } else if (!strcmp(in->kind, "rename")) {
        if (!in->new_name || !*in->new_name) {
            err_set(err, E_INVALID, "/new_name", "请填写新名称");
            goto out;
        }
        if (org_store_rename(c, org_id, in->new_name, in->new_short_name, now, err) < 0)
            goto out;
    } else if (!strcmp(in->kind, "move")) {
        char *new_path;
        if (!in->new_parent_id) {
            err_set(err, E_INVALID, "/new_parent_id", "请选择新的上级党组织");
            goto out;
        }
        if (in->new_parent_id == cur.parent_id) {
            err_set(err, E_INVALID, "/new_parent_id", "新的上级党组织与现在相同");
            goto out;
        }
        if (org_store_row(c, in->new_parent_id, &a, &np, err) < 0) {
            err_refine(err, "/new_parent_id", NULL);
            goto out;
        }
        if (orgpath_within(np.path, cur.path)) {
            err_set(err, E_INVALID, "/new_parent_id", "不能把党组织调整到它自己的下级组织之下");
            goto out;
        }
        if (np.dissolved_on || !type_fits(np.type, cur.type)) {
            err_set(err, E_INVALID, "/new_parent_id", "%s下不能设立%s", org_type_label(np.type),
                    org_type_label(cur.type));
            goto out;
        }
        new_path = arena_printf(&a, "%s%" PRId64 "/", np.path, org_id);
        if (org_store_move(c, org_id, np.id, cur.path, new_path, np.depth + 1 - cur.depth, now,
                           err) < 0)
            goto out;
    } else if (!strcmp(in->kind, "dissolve")) {
        int64_t members, orgs;
        if (org_store_subtree_busy(c, cur.path, org_id, &members, &orgs, err) < 0)
            goto out;
        if (members || orgs) {
            err_set(err, E_CONFLICT, "",
                    "该党组织下还有 %" PRId64 " 名党员、%" PRId64
                    " 个下级组织，请先转出党员、撤销下级组织",
                    members, orgs);
            goto out;
        }
        if (org_store_dissolve(c, org_id, in->effective_on, now, err) < 0)
            goto out;
    } else {
        err_set(err, E_INVALID, "/kind", "变更类型应为 rename、move 或 dissolve");
        goto out;
    }
    if (org_store_event_insert(c, cur.tenant_id, org_id, in, cur.name, cur.short_name,
                               !strcmp(in->kind, "move") ? cur.parent_id : 0, actor_user_id(actor),
                               now, &eid, err) < 0 ||
        audit_org(
            c, actor, "org.event", "org", org_id, org_id,
            org_state_json(cur.name, cur.short_name, cur.parent_id, cur.dissolved_on),
            org_state_json(!strcmp(in->kind, "rename") ? in->new_name : cur.name,
                           !strcmp(in->kind, "rename") && in->new_short_name ? in->new_short_name
                                                                             : cur.short_name,
                           !strcmp(in->kind, "move") ? in->new_parent_id : cur.parent_id,
                           !strcmp(in->kind, "dissolve") ? in->effective_on : cur.dissolved_on),
            err) < 0 ||
        db_tx_commit(c, err) < 0)
        goto out;
    *event_id_out = eid;
    rc = 0;
out:
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

/* ---- terms ---- */

int org_term_add(struct app *app, int64_t org_id, const struct org_term_in *in,
                 const struct auth_actor *actor, int64_t *term_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row cur;
    char today[11], ends[11];
    json_t *posts;
    bool community;
    int64_t rule_id, years, now = clock_now();
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (strcmp(in->elected_on, today) > 0) {
        err_set(err, E_INVALID, "/elected_on", "选举日期不能晚于今天");
        goto out;
    }
    for (int64_t i = 0; i < in->nposts; i++) {
        bool ok = false;
        for (int k = 0; POSTS[k]; k++)
            ok |= !strcmp(POSTS[k], in->posts[i].post);
        if (!ok) {
            err_set(err, E_INVALID, arena_printf(&a, "/posts/%" PRId64 "/post", i),
                    "职务应为 书记、副书记、组织委员、宣传委员、纪检委员、青年委员、统战委员、"
                    "保密委员 或 委员");
            goto out;
        }
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_row(c, org_id, &a, &cur, err) < 0 ||
        org_store_in_community(c, cur.path, &community, err) < 0)
        goto out;
    if (cur.dissolved_on) {
        err_set(err, E_CONFLICT, "", "该党组织已撤销");
        goto out;
    }
    if (org_store_rule(c, cur.type, community, in->elected_on, &rule_id, &years, err) < 0) {
        err_clear(err);
        err_set(err, E_INVALID, "", "%s不实行任期制，不登记换届", org_type_label(cur.type));
        goto out;
    }
    date_add_years(in->elected_on, years, ends);
    if (org_store_term_close(c, org_id, in->elected_on, err) < 0 ||
        org_store_term_insert(c, cur.tenant_id, org_id, in, years, ends, rule_id, now, term_id_out,
                              err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nposts; i++) {
        const char *mpath;
        if (org_store_member_path(c, in->posts[i].member_id, &a, &mpath, err) < 0 ||
            !orgpath_within(mpath, cur.path)) {
            err_clear(err);
            err_set(err, E_INVALID, arena_printf(&a, "/posts/%" PRId64 "/member_id", i),
                    "任职党员应是本组织（含下级组织）的在册党员");
            goto out;
        }
        if (org_store_post_insert(c, *term_id_out, org_id, in->posts[i].member_id,
                                  in->posts[i].post, in->elected_on, now, err) < 0)
            goto out;
    }
    posts = json_array();
    for (int64_t i = 0; i < in->nposts; i++)
        json_array_append_new(posts, json_pack("{s:I, s:s}", "member_id",
                                               (json_int_t)in->posts[i].member_id, "post",
                                               in->posts[i].post));
    if (audit_org(c, actor, "org.term", "org_term", *term_id_out, org_id, NULL,
                  json_pack("{s:I, s:s, s:I, s:s, s:s?, s:s?, s:o}", "org_id", (json_int_t)org_id,
                            "elected_on", in->elected_on, "term_years", (json_int_t)years,
                            "ends_on", ends, "doc_no", nz(in->doc_no), "note", nz(in->note),
                            "posts", posts),
                  err) < 0 ||
        db_tx_commit(c, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

int org_terms(struct app *app, int64_t org_id, struct arena *a, struct org_term_view **out,
              int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_terms(c, org_id, a, out, n_out, err);
    db_release(app->db, &c);
    clock_today(today);
    if (rc == 0)
        for (int64_t i = 0; i < *n_out; i++)
            (*out)[i].expired = (*out)[i].current && strcmp((*out)[i].ends_on, today) < 0;
    return rc;
}

/* ---- advisories and statistics ---- */

static void advise(struct org_advisory **v, int64_t *n, int64_t *cap, struct arena *a,
                   int64_t org_id, const char *name, const char *code, char *msg)
{
    *v = arena_grow(a, *v, *n, cap, sizeof(**v));
    (*v)[*n] = (struct org_advisory){ org_id, name, code, msg };
    (*n)++;
}

/* The advisories of the subtree at path. Terms are read up to horizon (today or later) in one
 * query: those already past their end are advised, and with expiring_out non-NULL the others
 * (ending between today and horizon) are counted for the dashboard, and the expired ones in
 * *expired_out. */
static int advisories_on(struct db_conn *c, const char *path, const char *horizon, struct arena *a,
                         struct org_advisory **out, int64_t *n_out, int64_t *expiring_out,
                         int64_t *expired_out, struct err *err)
{
    struct org_branch_size *b;
    struct org_term_due *t;
    struct org_advisory *v = NULL;
    char upper[ORG_PATH_MAX], today[11];
    int64_t nb, nt, n = 0, cap = 0;

    clock_today(today);
    orgpath_upper(path, upper);
    if (org_store_branch_sizes(c, path, upper, a, &b, &nb, err) < 0 ||
        org_store_terms_ending(c, path, upper, horizon, a, &t, &nt, err) < 0)
        return -1;
    for (int64_t i = 0; i < nb; i++) {
        if (b[i].full < 3)
            advise(&v, &n, &cap, a, b[i].id, b[i].name, "BRANCH-TOO-SMALL",
                   arena_printf(
                       a, "正式党员 %" PRId64 " 名，不足 3 名（ORG-BRANCH）：可考虑组建联合党支部",
                       b[i].full));
        if (b[i].full >= 7 && !b[i].committee)
            advise(&v, &n, &cap, a, b[i].id, b[i].name, "BRANCH-NEEDS-COMMITTEE",
                   arena_printf(a,
                                "正式党员 %" PRId64
                                " 名（≥ 7），应设立支部委员会（ORG-COMMITTEE），当前届次未登记委员",
                                b[i].full));
        if (b[i].active > 50)
            advise(&v, &n, &cap, a, b[i].id, b[i].name, "BRANCH-TOO-LARGE",
                   arena_printf(
                       a, "党员 %" PRId64 " 名，超过 50 名（ORG-SIZE）：可考虑分设支部或成立党总支",
                       b[i].active));
    }
    if (expiring_out)
        *expiring_out = 0;
    if (expired_out)
        *expired_out = 0;
    for (int64_t i = 0; i < nt; i++) {
        if (strcmp(t[i].ends_on, today) < 0) {
            advise(&v, &n, &cap, a, t[i].org_id, t[i].org_name, "TERM-EXPIRED",
                   arena_printf(a, "本届任期已于 %s 届满，应按期换届（TERM-SHIFT）", t[i].ends_on));
            if (expired_out)
                (*expired_out)++;
        } else if (expiring_out)
            (*expiring_out)++;
    }
    *out = v;
    *n_out = n;
    return 0;
}

int org_advisories(struct app *app, const char *path, struct arena *a, struct org_advisory **out,
                   int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    clock_today(today);
    rc = advisories_on(c, path, today, a, out, n_out, NULL, NULL, err);
    db_release(app->db, &c);
    return rc;
}

/* Adds k to key's count in the breakdown v (a handful of keys: a linear search). */
static void tally(struct org_count **v, int64_t *n, int64_t *cap, struct arena *a, const char *key,
                  int64_t k)
{
    for (int64_t i = 0; i < *n; i++) {
        if (!strcmp((*v)[i].key, key)) {
            (*v)[i].n += k;
            return;
        }
    }
    *v = arena_grow(a, *v, *n, cap, sizeof(**v));
    (*v)[(*n)++] = (struct org_count){ key, key, k };
}

static int by_key(const void *x, const void *y)
{
    return strcmp(((const struct org_count *)x)->key, ((const struct org_count *)y)->key);
}

/* Most common first, then by key. */
static int by_count(const void *x, const void *y)
{
    const struct org_count *a = x, *b = y;
    return a->n != b->n ? (a->n < b->n ? 1 : -1) : strcmp(a->key, b->key);
}

static void sort_counts(struct org_count *v, int64_t n, int (*cmp)(const void *, const void *))
{
    if (n > 1) /* an empty breakdown has no array at all */
        qsort(v, (size_t)n, sizeof(*v), cmp);
}

/* The age band ("a0" 30 or under … "a6" 81 and over, "unknown") of a birth date, by the
 * bounds b[i] = today minus (31 + 10 i) years: born after b[i] is aged 30 + 10 i or less. */
static const char *age_band(const char *birth, char bounds[6][11])
{
    static const char *const BANDS[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6" };
    int i = 0;

    if (!*birth)
        return "unknown";
    while (i < 6 && strcmp(birth, bounds[i]) <= 0)
        i++;
    return BANDS[i];
}

/* The dashboard's breakdowns from the subtree counters: status over every member; the totals
 * and the other breakdowns over active members (预备 and 正式) only, as the counters are. */
static void tally_stats(const struct org_stat_row *r, int64_t n, const char *since,
                        char bounds[6][11], struct arena *a, struct org_stats *s)
{
    int64_t cap[5] = { 0 };

    for (int64_t i = 0; i < n; i++) {
        const char *d = r[i].dim, *k = r[i].key;

        if (!strcmp(d, "status")) {
            tally(&s->by_status, &s->n_status, &cap[0], a, k, r[i].n);
            if (!strcmp(k, "probationary") || !strcmp(k, "full"))
                s->members += r[i].n;
            if (!strcmp(k, "probationary"))
                s->probationary += r[i].n;
        } else if (!strcmp(d, "category")) {
            tally(&s->by_category, &s->n_category, &cap[1], a, k, r[i].n);
        } else if (!strcmp(d, "gender")) {
            tally(&s->by_gender, &s->n_gender, &cap[2], a, k, r[i].n);
        } else if (!strcmp(d, "birth")) {
            tally(&s->by_age, &s->n_age, &cap[3], a, age_band(k, bounds), r[i].n);
        } else if (!strcmp(d, "education")) {
            tally(&s->by_education, &s->n_education, &cap[4], a, k, r[i].n);
        } else if (!strcmp(d, "joined") && *k && strncmp(k, since, 4) >= 0) {
            s->new_this_year += r[i].n;
        }
    }
    sort_counts(s->by_status, s->n_status, by_key);
    sort_counts(s->by_category, s->n_category, by_key);
    sort_counts(s->by_gender, s->n_gender, by_key);
    sort_counts(s->by_age, s->n_age, by_key);
    sort_counts(s->by_education, s->n_education, by_count);
}

static void label_counts(struct org_count *v, int64_t n, const char *kind)
{
    static const char *const AGE_KEYS[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "unknown" };
    static const char *const AGE_LABELS[] = { "30岁及以下", "31–40岁", "41–50岁",    "51–60岁",
                                              "61–70岁",    "71–80岁", "81岁及以上", "未知" };
    for (int64_t i = 0; i < n; i++) {
        if (!strcmp(kind, "category")) {
            static const char *const k[] = { "community",  "mobile_out", "in_service", "retired",
                                             "unemployed", "new_org",    "student",    "other" };
            static const char *const l[] = { "组织关系在社区", "外出流动", "在职党员报到", "离退休",
                                             "下岗失业",       "两新组织", "学生",         "其他" };
            for (size_t j = 0; j < ARRAY_LEN(k); j++)
                if (!strcmp(v[i].key, k[j]))
                    v[i].label = l[j];
        } else if (!strcmp(kind, "status")) {
            static const char *const k[] = { "probationary", "full", "suspended", "left",
                                             "deceased" };
            static const char *const l[] = { "预备党员", "正式党员", "停止党籍", "出党", "死亡" };
            for (size_t j = 0; j < ARRAY_LEN(k); j++)
                if (!strcmp(v[i].key, k[j]))
                    v[i].label = l[j];
        } else if (!strcmp(kind, "gender")) {
            v[i].label = !strcmp(v[i].key, "M") ? "男" : "女";
        } else if (!strcmp(kind, "age")) {
            for (size_t j = 0; j < ARRAY_LEN(AGE_KEYS); j++)
                if (!strcmp(v[i].key, AGE_KEYS[j]))
                    v[i].label = AGE_LABELS[j];
        } else if (!strcmp(kind, "org_type")) {
            v[i].label = org_type_label(v[i].key);
        } else if (!strcmp(kind, "education") && !*v[i].key) {
            v[i].label = "未填写";
        }
    }
}

int org_stats(struct app *app, int64_t org_id, const char *path, struct arena *a,
              struct org_stats *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct org_advisory *adv;
    char upper[ORG_PATH_MAX], today[11], since[11], horizon[11], bounds[6][11];
    struct org_stat_row *rows;
    int64_t nadv, nrows;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    clock_today(today);
    snprintf(since, sizeof(since), "%.4s-01-01", today);
    date_add_months(today, 6, horizon);
    for (int i = 0; i < 6; i++) {
        int y, m, d;
        /* Born after today minus (31 + 10 i) years = aged 30 + 10 i or less. */
        if (date_parse(today, &y, &m, &d) == 0) {
            y -= 31 + 10 * i;
            if (m == 2 && d == 29 && !date_is_leap(y))
                d = 28;
            snprintf(bounds[i], sizeof(bounds[i]), "%04d-%02d-%02d", y, m, d);
        }
    }
    orgpath_upper(path, upper);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (org_store_stat_read(c, org_id, a, &rows, &nrows, err) < 0 ||
        org_store_type_counts(c, path, upper, a, &out->orgs_by_type, &out->n_orgs_by_type, err) <
            0 ||
        advisories_on(c, path, horizon, a, &adv, &nadv, &out->terms_expiring, &out->terms_expired,
                      err) < 0)
        goto out;
    out->terms_due = out->terms_expiring + out->terms_expired;
    tally_stats(rows, nrows, since, bounds, a, out);
    label_counts(out->by_category, out->n_category, "category");
    label_counts(out->by_status, out->n_status, "status");
    label_counts(out->by_gender, out->n_gender, "gender");
    label_counts(out->by_age, out->n_age, "age");
    label_counts(out->by_education, out->n_education, "education");
    label_counts(out->orgs_by_type, out->n_orgs_by_type, "org_type");
    out->advisories = nadv;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int org_stats_rebuild(struct db_conn *c, struct err *err)
{
    return org_store_stat_rebuild(c, err);
}

int org_stats_verify(struct app *app, int64_t limit, struct arena *a, struct org_stat_diff **out,
                     int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_stat_diff(c, limit, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}
