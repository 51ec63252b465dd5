/* orgs_http.c: HTTP handlers of the org network: decode with field specs, check scope (the
 * router checks the path org; creation checks the parent, a move the new parent), call one
 * service function, encode. Org JSON: id, parent_id, name, type, path (+ the rest). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/json.h"
#include "core/json_write.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/cache/cache_http.h"
#include "domain/orgs/orgs.h"
#include "domain/orgs/orgs_http.h"
#include "http/http.h"
#include "domain/modules.h"
#include "domain/orgs/orgs_cli.h"

static json_t *opt_id(int64_t v)
{
    return v ? jint(v) : json_null();
}

/* The types an org of this type may have directly below it, in the table's top-down order. */
static json_t *child_types_json(const char *type)
{
    json_t *a = json_array();

    for (const char *const *t = ORG_TYPES; *t; t++)
        if (org_type_fits(type, *t))
            json_array_append_new(a, jstr(*t));
    return a;
}

static json_t *org_json(const struct org_view *v)
{
    json_t *o = json_object();

    json_object_set_new(o, "id", jint(v->id));
    json_object_set_new(o, "parent_id", opt_id(v->parent_id));
    json_object_set_new(o, "path", jstr(v->path));
    json_object_set_new(o, "depth", jint(v->depth));
    json_object_set_new(o, "type", jstr(v->type));
    json_object_set_new(o, "type_label", jstr(v->type_label));
    json_object_set_new(o, "child_types", child_types_json(v->type));
    json_object_set_new(o, "name", jstr(v->name));
    json_object_set_new(o, "short_name", jstr(v->short_name));
    json_object_set_new(o, "code", jstr(v->code));
    json_object_set_new(o, "founded_on", jstr(v->founded_on));
    json_object_set_new(o, "dissolved_on", jstr(v->dissolved_on));
    json_object_set_new(o, "contact_name", jstr(v->contact_name));
    json_object_set_new(o, "contact_phone", jstr(v->contact_phone));
    json_object_set_new(o, "address", jstr(v->address));
    json_object_set_new(o, "area", jstr(v->area));
    json_object_set_new(o, "children", jint(v->children));
    json_object_set_new(o, "members", jint(v->members));
    json_object_set_new(o, "created_at", jint(v->created_at));
    json_object_set_new(o, "updated_at", jint(v->updated_at));
    return o;
}

static json_t *advisories_json(const struct org_advisory *v, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "org_id",
                                             (json_int_t)v[i].org_id, "org_name", v[i].org_name,
                                             "code", v[i].code, "rule", v[i].rule, "severity",
                                             "warning", "message", v[i].message));
    return arr;
}

static int respond_org(struct http_req *req, struct http_res *res, int64_t id, int status,
                       struct err *err)
{
    struct org_view v;

    if (org_get(req->app, id, req->arena, &v, err) < 0)
        return -1;
    http_res_json(res, status, org_json(&v));
    return 0;
}

struct list_query {
    int64_t org;
    char *q, *type;
    bool include_dissolved;
    int64_t page, size;
};
static const struct field LIST_QUERY[] = {
    FIELD_ID(struct list_query, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_STR(struct list_query, q, "q", "搜索词", FIELD_OPTIONAL, 0, 50),
    FIELD_ENUM(struct list_query, type, "type", "组织类型", FIELD_OPTIONAL, ORG_TYPES),
    FIELD_BOOL(struct list_query, include_dissolved, "include_dissolved", "含已撤销",
               FIELD_OPTIONAL),
    HTTP_PAGE_FIELDS(struct list_query),
    FIELD_END,
};

static int orgs_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_query in = { 0 };
    struct org_query q = { 0 };
    struct org_view *v;
    int64_t n, total;
    json_t *items;

    if (http_query_decode(req, LIST_QUERY, &in, NULL, err) < 0)
        return -1;
    http_page_defaults(&in.page, &in.size);
    if (http_scope_path(req, in.org, &q.path, err) < 0)
        return -1;
    q.q = in.q;
    q.type = in.type;
    q.include_dissolved = in.include_dissolved;
    q.page = in.page;
    q.size = in.size;
    if (org_list(req->app, &q, req->arena, &v, &n, &total, err) < 0)
        return -1;
    items = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(items, org_json(&v[i]));
    http_res_json(res, 200, http_list_json(items, total, in.page, in.size));
    return 0;
}

#define ORG_TEXT_FIELDS(req_name)                                                                  \
    FIELD_STR(struct org_in, short_name, "short_name", "简称", FIELD_OPTIONAL, 0, 50),             \
        FIELD_STR(struct org_in, code, "code", "组织编码", FIELD_ASCII, 0, 40),                    \
        FIELD_DATE(struct org_in, founded_on, "founded_on", "成立日期", FIELD_OPTIONAL),           \
        FIELD_STR(struct org_in, contact_name, "contact_name", "联系人", FIELD_OPTIONAL, 0, 50),   \
        FIELD_STR(struct org_in, contact_phone, "contact_phone", "联系电话", FIELD_ASCII, 0, 30),  \
        FIELD_STR(struct org_in, address, "address", "地址", FIELD_OPTIONAL, 0, 200),              \
        FIELD_STR(struct org_in, area, "area", "覆盖网格/区域", FIELD_OPTIONAL, 0, 200)

static const struct field ORG_NEW[] = {
    FIELD_ID(struct org_in, parent_id, "parent_id", "上级党组织", FIELD_REQUIRED),
    FIELD_ENUM(struct org_in, type, "type", "组织类型", FIELD_REQUIRED, ORG_TYPES),
    FIELD_STR(struct org_in, name, "name", "名称", FIELD_REQUIRED, 2, 100),
    ORG_TEXT_FIELDS(1),
    FIELD_STR(struct org_in, doc_no, "doc_no", "成立文号", FIELD_OPTIONAL, 0, 100),
    FIELD_END,
};

static int orgs_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, ORG_NEW, &in, NULL, err) < 0)
        return -1;
    if (http_require_org(req, in.parent_id, err) < 0) {
        err_refine(err, "/parent_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (org_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return respond_org(req, res, id, 201, err);
}

static int orgs_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_view v;
    struct org_advisory *adv;
    struct org_name *up;
    int64_t id, n, nup;
    json_t *o, *ups;

    if (http_param_id(req, 0, &id, err) < 0 || org_get(req->app, id, req->arena, &v, err) < 0 ||
        org_advisories(req->app, v.path, true, req->arena, &adv, &n, err) < 0 ||
        org_ancestors(req->app, v.path, req->arena, &up, &nup, err) < 0)
        return -1;
    /* The org's own advisories (the subtree's are at /advisories). */
    o = org_json(&v);
    json_object_set_new(o, "advisories", advisories_json(adv, n));
    /* Its ancestors' names, for holders of a grant here who may not read the orgs above. */
    ups = json_array();
    for (int64_t i = 0; i < nup; i++)
        json_array_append_new(
            ups, json_pack("{s:I, s:s}", "id", (json_int_t)up[i].id, "name", up[i].name));
    json_object_set_new(o, "ancestors", ups);
    json_object_set_new(o, "parent_name", nup ? jstr(up[nup - 1].name) : json_null());
    http_res_json(res, 200, o);
    return 0;
}

static const struct field ORG_PATCH[] = {
    FIELD_ID(struct org_in, parent_id, "parent_id", "上级党组织", FIELD_OPTIONAL),
    FIELD_ENUM(struct org_in, type, "type", "组织类型", FIELD_OPTIONAL, ORG_TYPES),
    FIELD_STR(struct org_in, name, "name", "名称", FIELD_OPTIONAL, 2, 100),
    ORG_TEXT_FIELDS(0),
    FIELD_END,
};

static int orgs_patch(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, ORG_PATCH, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (org_update(req->app, id, &in, &actor, err) < 0)
        return -1;
    return respond_org(req, res, id, 200, err);
}

struct children_query {
    bool include_dissolved;
};
static const struct field CHILDREN_QUERY[] = {
    FIELD_BOOL(struct children_query, include_dissolved, "include_dissolved", "含已撤销",
               FIELD_OPTIONAL),
    FIELD_END,
};

static int orgs_children(struct http_req *req, struct http_res *res, struct err *err)
{
    struct children_query in = { 0 };
    struct org_view *v;
    int64_t id, n;
    json_t *items;

    if (http_param_id(req, 0, &id, err) < 0 ||
        http_query_decode(req, CHILDREN_QUERY, &in, NULL, err) < 0 ||
        org_children(req->app, id, in.include_dissolved, req->arena, &v, &n, err) < 0)
        return -1;
    items = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(items, org_json(&v[i]));
    http_res_json(res, 200, http_list_json(items, n, 1, n));
    return 0;
}

static json_t *node_json(const struct org_node *x, bool with_members)
{
    json_t *o = json_object(), *kids = json_array();

    json_object_set_new(o, "id", jint(x->id));
    json_object_set_new(o, "parent_id", opt_id(x->parent_id));
    json_object_set_new(o, "type", jstr(x->type));
    json_object_set_new(o, "type_label", jstr(x->type_label));
    json_object_set_new(o, "name", jstr(x->name));
    json_object_set_new(o, "short_name", jstr(x->short_name));
    if (with_members)
        json_object_set_new(o, "members", jint(x->members));
    for (int64_t i = 0; i < x->nchildren; i++)
        json_array_append_new(kids, node_json(x->children[i], with_members));
    json_object_set_new(o, "children", kids);
    return o;
}

struct tree_query {
    char *as_of;
    int64_t depth;
};
static const struct field TREE_QUERY[] = {
    FIELD_DATE(struct tree_query, as_of, "as_of", "查询日期", FIELD_OPTIONAL),
    FIELD_INT(struct tree_query, depth, "depth", "层数", FIELD_OPTIONAL, 1, 20),
    FIELD_END,
};

static int orgs_tree(struct http_req *req, struct http_res *res, struct err *err)
{
    struct tree_query in = { 0 };
    struct org_node *root;
    int64_t id;
    json_t *o;

    if (http_param_id(req, 0, &id, err) < 0 ||
        http_query_decode(req, TREE_QUERY, &in, NULL, err) < 0 ||
        org_tree(req->app, id, in.as_of, in.depth, req->arena, &root, err) < 0)
        return -1;
    o = node_json(root, in.as_of == NULL);
    json_object_set_new(o, "as_of", jstr(in.as_of));
    http_res_json(res, 200, o);
    return 0;
}

static const struct field EVENT_IN[] = {
    FIELD_ENUM(struct org_event_in, kind, "kind", "变更类型", FIELD_REQUIRED, ORG_EVENT_KINDS),
    FIELD_DATE(struct org_event_in, effective_on, "effective_on", "生效日期", FIELD_REQUIRED),
    FIELD_STR(struct org_event_in, doc_no, "doc_no", "文号", FIELD_OPTIONAL, 0, 100),
    FIELD_STR(struct org_event_in, note, "note", "说明", FIELD_OPTIONAL, 0, 500),
    FIELD_STR(struct org_event_in, new_name, "new_name", "新名称", FIELD_OPTIONAL, 2, 100),
    FIELD_STR(struct org_event_in, new_short_name, "new_short_name", "新简称", FIELD_OPTIONAL, 0,
              50),
    FIELD_ID(struct org_event_in, new_parent_id, "new_parent_id", "新的上级党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static json_t *events_json(const struct org_event_view *v, int64_t n)
{
    json_t *items = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            items,
            json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
                      "id", (json_int_t)v[i].id, "org_id", (json_int_t)v[i].org_id, "kind",
                      v[i].kind, "kind_label", v[i].kind_label, "effective_on", v[i].effective_on,
                      "doc_no", jstr(v[i].doc_no), "note", jstr(v[i].note), "old_name",
                      jstr(v[i].old_name), "new_name", jstr(v[i].new_name), "old_parent_id",
                      opt_id(v[i].old_parent_id), "new_parent_id", opt_id(v[i].new_parent_id),
                      "old_parent_name", jstr(v[i].old_parent_name), "new_parent_name",
                      jstr(v[i].new_parent_name), "created_at", (json_int_t)v[i].created_at));
    return items;
}

static int orgs_events_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_event_in in = { 0 };
    struct org_event_view *v;
    struct auth_actor actor;
    int64_t id, eid, n;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, EVENT_IN, &in, NULL, err) < 0)
        return -1;
    if (!strcmp(in.kind, "move") && in.new_parent_id &&
        http_require_org(req, in.new_parent_id, err) < 0) {
        err_refine(err, "/new_parent_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (org_event_add(req->app, id, &in, &actor, &eid, err) < 0 ||
        org_events(req->app, id, req->arena, &v, &n, err) < 0)
        return -1;
    {
        /* The org's history as the list shows it, plus the id of the event just added. */
        json_t *o = http_list_json(events_json(v, n), n, 1, n);
        json_object_set_new(o, "event_id", jint(eid));
        http_res_json(res, 201, o);
    }
    return 0;
}

static int orgs_events_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_event_view *v;
    int64_t id, n;

    if (http_param_id(req, 0, &id, err) < 0 ||
        org_events(req->app, id, req->arena, &v, &n, err) < 0)
        return -1;
    http_res_json(res, 200, http_list_json(events_json(v, n), n, 1, n));
    return 0;
}

static json_t *terms_json(const struct org_term_view *t, int64_t n)
{
    json_t *items = json_array();

    for (int64_t i = 0; i < n; i++) {
        json_t *posts = json_array();
        for (int64_t k = 0; k < t[i].nposts; k++) {
            const struct org_post_view *p = &t[i].posts[k];
            json_array_append_new(posts, json_pack("{s:I, s:I, s:s, s:s, s:s, s:o}", "id",
                                                   (json_int_t)p->id, "member_id",
                                                   (json_int_t)p->member_id, "post", p->post,
                                                   "name", p->person_name, "started_on",
                                                   p->started_on, "ended_on", jstr(p->ended_on)));
        }
        json_array_append_new(items,
                              json_pack("{s:I, s:I, s:s, s:s, s:I, s:b, s:b, s:o, s:o, s:o}", "id",
                                        (json_int_t)t[i].id, "org_id", (json_int_t)t[i].org_id,
                                        "elected_on", t[i].elected_on, "ends_on", t[i].ends_on,
                                        "years", (json_int_t)t[i].years, "current", t[i].current,
                                        "expired", t[i].expired, "doc_no", jstr(t[i].doc_no),
                                        "note", jstr(t[i].note), "posts", posts));
    }
    return items;
}

static int orgs_terms_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_term_view *t;
    int64_t id, n;

    if (http_param_id(req, 0, &id, err) < 0 || org_terms(req->app, id, req->arena, &t, &n, err) < 0)
        return -1;
    http_res_json(res, 200, http_list_json(terms_json(t, n), n, 1, n));
    return 0;
}

static const struct field POST_IN[] = {
    FIELD_STR(struct org_post_in, post, "post", "职务", FIELD_REQUIRED, 1, 20),
    FIELD_ID(struct org_post_in, member_id, "member_id", "任职党员", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field TERM_IN[] = {
    FIELD_DATE(struct org_term_in, elected_on, "elected_on", "选举日期", FIELD_REQUIRED),
    FIELD_STR(struct org_term_in, doc_no, "doc_no", "批复文号", FIELD_OPTIONAL, 0, 100),
    FIELD_STR(struct org_term_in, note, "note", "说明", FIELD_OPTIONAL, 0, 500),
    FIELD_ARRAY(struct org_term_in, posts, "posts", "班子职务", FIELD_OPTIONAL, 0, 20, POST_IN),
    FIELD_END,
};

static int orgs_terms_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_term_in in = { 0 };
    struct org_term_view *t;
    struct auth_actor actor;
    int64_t id, tid, n;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, TERM_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (org_term_add(req->app, id, &in, &actor, &tid, err) < 0 ||
        org_terms(req->app, id, req->arena, &t, &n, err) < 0)
        return -1;
    http_res_json(res, 201, http_list_json(terms_json(t, n), n, 1, n));
    return 0;
}

static int orgs_advisories(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_view v;
    struct org_advisory *adv;
    int64_t id, n;

    if (http_param_id(req, 0, &id, err) < 0 || org_get(req->app, id, req->arena, &v, err) < 0 ||
        org_advisories(req->app, v.path, false, req->arena, &adv, &n, err) < 0)
        return -1;
    http_res_json(res, 200, http_list_json(advisories_json(adv, n), n, 1, n));
    return 0;
}

static void write_counts(struct json_writer *w, const char *key, const struct org_count *v,
                         int64_t n)
{
    json_write_key(w, key);
    json_write_array_begin(w);
    for (int64_t i = 0; i < n; i++) {
        json_write_object_begin(w);
        json_write_kstr(w, "key", v[i].key);
        json_write_kstr(w, "label", v[i].label);
        json_write_kint(w, "count", v[i].n);
        json_write_object_end(w);
    }
    json_write_array_end(w);
}

/* The dashboard of a subtree, from its counters; the answer is still cached until the roster
 * changes (or the day does: ages, terms expiring), as advisories read the org network. */
static int orgs_stats(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_view v;
    struct org_stats s;
    struct json_writer w;
    struct buf b;
    struct http_cache_slot slot;
    int64_t id;
    int rc;

    if (http_param_id(req, 0, &id, err) < 0)
        return -1;
    rc = http_cache_answer(req, res, &ORGS_ROSTER, arena_printf(req->arena, "stats|%" PRId64, id),
                           &slot, err);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    if (org_get(req->app, id, req->arena, &v, err) < 0 ||
        org_stats(req->app, id, v.path, req->arena, &s, err) < 0)
        return -1;
    http_res_writer_begin(req, &w, &b);
    json_write_object_begin(&w);
    json_write_kint(&w, "org_id", id);
    json_write_kstr(&w, "org_name", v.name);
    json_write_kint(&w, "members", s.members);
    json_write_kint(&w, "probationary", s.probationary);
    json_write_kint(&w, "new_this_year", s.new_this_year);
    json_write_kint(&w, "terms_expiring", s.terms_expiring);
    json_write_kint(&w, "terms_expired", s.terms_expired);
    json_write_kint(&w, "terms_due", s.terms_due);
    json_write_kint(&w, "advisories", s.advisories);
    write_counts(&w, "by_category", s.by_category, s.n_category);
    write_counts(&w, "by_status", s.by_status, s.n_status);
    write_counts(&w, "departures", s.departures, s.n_departures);
    write_counts(&w, "by_gender", s.by_gender, s.n_gender);
    write_counts(&w, "by_age", s.by_age, s.n_age);
    write_counts(&w, "by_education", s.by_education, s.n_education);
    write_counts(&w, "orgs_by_type", s.orgs_by_type, s.n_orgs_by_type);
    json_write_object_end(&w);
    return http_res_writer_end_cached(req, res, &b, &slot, err);
}

static const struct route ORGS_ROUTES[] = {
    { HTTP_GET, "/api/orgs", orgs_list, PERM_ORGS_READ, SCOPE_CALLER, "管辖范围内的党组织", NULL,
      LIST_QUERY, NULL },
    { HTTP_POST, "/api/orgs", orgs_create, PERM_ORGS_WRITE, SCOPE_RECORD,
      "新建下级党组织（记录“成立”事件）", NULL, NULL, ORG_NEW },
    { HTTP_GET, "/api/orgs/{id}", orgs_get, PERM_ORGS_READ, SCOPE_PATH_ORG,
      "党组织详情（含本组织提醒）", NULL, NULL, NULL },
    { HTTP_PATCH, "/api/orgs/{id}", orgs_patch, PERM_ORGS_WRITE, SCOPE_PATH_ORG,
      "修改党组织信息（更名、隶属调整须登记事件）", NULL, NULL, ORG_PATCH },
    { HTTP_GET, "/api/orgs/{id}/children", orgs_children, PERM_ORGS_READ, SCOPE_PATH_ORG,
      "直属下级党组织", NULL, CHILDREN_QUERY, NULL },
    { HTTP_GET, "/api/orgs/{id}/tree", orgs_tree, PERM_ORGS_READ, SCOPE_PATH_ORG,
      "组织树（?as_of=YYYY-MM-DD 查看历史某日的组织树）", NULL, TREE_QUERY, NULL },
    { HTTP_GET, "/api/orgs/{id}/events", orgs_events_list, PERM_ORGS_READ, SCOPE_PATH_ORG,
      "党组织变更历史", NULL, NULL, NULL },
    { HTTP_POST, "/api/orgs/{id}/events", orgs_events_add, PERM_ORGS_WRITE, SCOPE_PATH_ORG,
      "登记更名、隶属调整、撤销", NULL, NULL, EVENT_IN },
    { HTTP_GET, "/api/orgs/{id}/terms", orgs_terms_list, PERM_ORGS_READ, SCOPE_PATH_ORG,
      "历届班子与职务", NULL, NULL, NULL },
    { HTTP_POST, "/api/orgs/{id}/terms", orgs_terms_add, PERM_ORGS_WRITE, SCOPE_PATH_ORG,
      "登记换届（任期按规则自动计算）", NULL, NULL, TERM_IN },
    { HTTP_GET, "/api/orgs/{id}/advisories", orgs_advisories, PERM_ORGS_READ, SCOPE_PATH_ORG,
      "组织设置提醒（支部人数、支委会、任期届满）", NULL, NULL, NULL },
    { HTTP_GET, "/api/orgs/{id}/stats", orgs_stats, PERM_MEMBERS_READ, SCOPE_PATH_ORG,
      "党员统计看板（本组织及下级）", NULL, NULL, NULL },
    { 0 },
};

static const struct perm_row ORGS_PERMS[] = {
    PERM_ROW(PERM_ORGS_READ, "orgs.read", "查看党组织",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE) |
                 ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_ORGS_WRITE, "orgs.write", "管理党组织", ROLES_MANAGERS),
    PERM_ROWS_END,
};

static const struct audit_action ORGS_AUDIT[] = {
    { "org.create", "新建组织", "org" },
    { "org.update", "修改组织信息", "org" },
    { "org.event", "登记组织沿革", "org" },
    { "org.term", "登记班子任期", "org_term" },
    { NULL, NULL, NULL },
};

static const struct code_table ORGS_CODES[] = {
    { "org_type", ORG_TYPES, ORG_TYPE_LABELS },
    { "org_event_kind", ORG_EVENT_KINDS, ORG_EVENT_KIND_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter ORGS_ROSTER = {
    "roster", "党员名册与组织网络（组织、班子、职务、党员、标签、党员的个人信息）"
};
static const struct change_counter *const ORGS_COUNTERS[] = { &ORGS_ROSTER, NULL };
static const struct demo_hook *const ORGS_DEMOS[] = { &ORGS_DEMO_TERMS, &ORGS_DEMO_STATS, NULL };

/* The contact phone, sealed at rest (orgs_store.c). */
static const struct sealed_column ORGS_SEALED[] = {
    { "org", "contact_phone", NULL },
    { NULL, NULL, NULL },
};

const struct module ORGS_MODULE = {
    .name = "orgs",
    .sealed = ORGS_SEALED,
    .routes = ORGS_ROUTES,
    .perms = ORGS_PERMS,
    .audit_actions = ORGS_AUDIT,
    .codes = ORGS_CODES,
    .counters = ORGS_COUNTERS,
    .demo = ORGS_DEMOS,
    .commands = ORGS_COMMANDS,
};
