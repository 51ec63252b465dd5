/* members_http.c: HTTP handlers of the member roster: decode with MEMBER_FIELDS and query
 * specs, check the record's org scope, call one service function, encode. Personal data is
 * masked here unless the caller holds members.reveal_pii for the member's org and asked for
 * ?reveal=; each reveal is audited by the service. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/cfg.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/json_write.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/cache/cache_http.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "domain/members/members_http.h"
#include "http/http.h"
#include "domain/modules.h"

/* A number that is -1 when unknown (age, party age): written as null then. */
static void write_opt_int(struct json_writer *w, const char *key, int64_t v)
{
    json_write_key(w, key);
    if (v >= 0)
        json_write_int(w, v);
    else
        json_write_null(w);
}

void member_view_write(struct json_writer *w, const struct member_view *v)
{
    const char *p = v->tags;

    json_write_object_begin(w);
    json_write_kint(w, "id", v->id);
    json_write_kint(w, "person_id", v->person_id);
    json_write_kint(w, "org_id", v->org_id);
    json_write_kstr(w, "org_name", v->org_name);
    json_write_kstr(w, "name", v->name);
    json_write_kstr(w, "former_name", v->former_name);
    json_write_kstr(w, "gender", v->gender);
    json_write_kstr(w, "gender_label",
                    !v->gender                    ? NULL
                    : strcmp(v->gender, "M") == 0 ? "男"
                                                  : "女");
    json_write_kstr(w, "ethnicity", v->ethnicity);
    json_write_kstr(w, "birth_date", v->birth_date);
    write_opt_int(w, "age", v->age);
    json_write_kstr(w, "id_number", v->id_number);
    json_write_kstr(w, "phone", v->phone);
    json_write_kstr(w, "address", v->address);
    json_write_kstr(w, "hukou", v->hukou);
    json_write_kstr(w, "education", v->education);
    json_write_kstr(w, "category", v->category);
    json_write_kstr(w, "category_label", v->category_label);
    json_write_kstr(w, "status", v->status);
    json_write_kstr(w, "status_label", v->status_label);
    json_write_kstr(w, "joined_on", v->joined_on);
    json_write_kstr(w, "full_member_on", v->full_member_on);
    write_opt_int(w, "party_age", v->party_age);
    json_write_kstr(w, "work_unit", v->work_unit);
    json_write_kstr(w, "post", v->post);
    json_write_key(w, "tags");
    json_write_array_begin(w);
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n)
            json_write_strn(w, p, n);
        p = end ? end + 1 : p + n;
    }
    json_write_array_end(w);
    json_write_key(w, "group_id");
    if (v->group_id)
        json_write_int(w, v->group_id);
    else
        json_write_null(w);
    json_write_kstr(w, "group_name", v->group_name);
    json_write_kstr(w, "probation_ends_on", v->probation_ends_on);
    /* Rule findings on this member (RULES.md IDs), shown wherever the member is. */
    json_write_key(w, "findings");
    json_write_array_begin(w);
    if (v->probation_overdue) {
        struct arena tmp;
        arena_init(&tmp, 512);
        json_write_object_begin(w);
        json_write_kstr(w, "rule_id", "DEV-PROB-END");
        json_write_kstr(w, "message", member_probation_message(v->probation_ends_on, &tmp));
        json_write_object_end(w);
        arena_release(&tmp);
    }
    json_write_array_end(w);
    json_write_kint(w, "created_at", v->created_at);
    json_write_kint(w, "updated_at", v->updated_at);
    json_write_object_end(w);
}

/* Answers with one member (already masked). */
static int member_res(struct http_req *req, struct http_res *res, int status,
                      const struct member_view *v, struct err *err)
{
    struct json_writer w;
    struct buf b;

    http_res_writer_begin(req, &w, &b);
    member_view_write(&w, v);
    return http_res_writer_end(res, status, &b, err);
}

struct list_query {
    int64_t org;
    struct member_filter f;
    int64_t page, size;
};
static const struct field LIST_QUERY[] = {
    FIELD_ID(struct list_query, org, "org", "党组织", FIELD_OPTIONAL),
    MEMBER_FILTER_FIELDS(struct list_query, f),
    HTTP_PAGE_FIELDS(struct list_query),
    FIELD_END,
};

static int members_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_query in = { 0 };
    struct member_query q = { 0 };
    struct member_view *v;
    struct json_writer w;
    struct buf b;
    struct http_cache_slot slot;
    int64_t n, total;
    const char *key;
    int rc;

    if (http_query_decode(req, LIST_QUERY, &in, NULL, err) < 0)
        return -1;
    http_page_defaults(&in.page, &in.size);
    if (http_scope_path(req, in.org, &q.org_path, err) < 0)
        return -1;
    q.f = in.f;
    q.page = in.page;
    q.size = in.size;
    /* List pages are always masked, so one answer serves every caller whose scope covers
     * the path; the key holds everything else the page depends on. Free text (q, tag) is
     * length-prefixed so no value can imitate the separators. */
    key = arena_printf(
        req->arena,
        "members|%s|%zu:%s|%zu:%s|%s|%s|%" PRId64 "|%" PRId64 "|%s|%" PRId64 "|%" PRId64,
        q.org_path, q.f.q ? strlen(q.f.q) : 0, q.f.q ? q.f.q : "", q.f.tag ? strlen(q.f.tag) : 0,
        q.f.tag ? q.f.tag : "", q.f.category ? q.f.category : "", q.f.status ? q.f.status : "",
        q.f.age_min, q.f.age_max, q.f.sort ? q.f.sort : "", q.page, q.size);
    rc = http_cache_answer(req, res, &ORGS_ROSTER, key, &slot, err);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    if (member_search(req->app, &q, req->arena, &v, &n, &total, err) < 0)
        return -1;
    http_res_writer_begin(req, &w, &b);
    http_list_write_begin(&w);
    for (int64_t i = 0; i < n; i++) {
        member_mask(&v[i], 0, req->arena);
        member_view_write(&w, &v[i]);
    }
    http_list_write_end(&w, total, in.page, in.size);
    return http_res_writer_end_cached(req, res, &b, &slot, err);
}

/* Loads member id and checks the caller's route permission covers its org (else 404). */
static int member_load(struct http_req *req, int64_t id, struct member_view *v, struct err *err)
{
    if (member_get(req->app, id, req->arena, v, err) < 0) {
        if (err->code == E_NOT_FOUND) {
            err_clear(err);
            return err_set(err, E_NOT_FOUND, "", "党员不存在");
        }
        return -1;
    }
    return http_require_org(req, v->org_id, err);
}

static int respond_member(struct http_req *req, struct http_res *res, int64_t id, int status,
                          struct err *err)
{
    struct member_view v;

    if (member_get(req->app, id, req->arena, &v, err) < 0)
        return -1;
    member_mask(&v, 0, req->arena);
    return member_res(req, res, status, &v, err);
}

static int members_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, MEMBER_NEW_FIELDS, &in, NULL, err) < 0)
        return -1;
    if (http_require_org(req, in.org_id, err) < 0) {
        err_refine(err, "/org_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (member_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return respond_member(req, res, id, 201, err);
}

struct get_query {
    char *reveal;
};
static const struct field GET_QUERY[] = {
    FIELD_STR(struct get_query, reveal, "reveal", "查看完整信息", FIELD_ASCII, 1, 60),
    FIELD_END,
};

static int members_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct get_query in = { 0 };
    struct member_view v;
    struct auth_actor actor;
    unsigned reveal = 0;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        http_query_decode(req, GET_QUERY, &in, NULL, err) < 0 ||
        member_reveal_parse(in.reveal, &reveal, err) < 0 || member_load(req, id, &v, err) < 0)
        return -1;
    if (reveal) {
        if (!auth_can(req->user, PERM_MEMBERS_REVEAL_PII, v.org_path))
            return err_set(err, E_FORBIDDEN, "/reveal",
                           "您没有查看完整个人信息的权限（members.reveal_pii）");
        http_actor(req, &actor);
        if (member_reveal_audit(req->app, &v, reveal, &actor, err) < 0)
            return -1;
    }
    member_mask(&v, reveal, req->arena);
    return member_res(req, res, 200, &v, err);
}

/* PATCH body: the member fields plus, at the same level, how the change is recorded in the
 * history. */
struct member_patch {
    struct member_in m;
    struct member_change_note note;
};
static const struct field NOTE_FIELDS[] = {
    FIELD_DATE(struct member_change_note, effective_on, "effective_on", "生效日期", FIELD_OPTIONAL),
    FIELD_STR(struct member_change_note, doc_no, "doc_no", "文号", FIELD_OPTIONAL, 0, 100),
    FIELD_STR(struct member_change_note, note, "note", "说明", FIELD_OPTIONAL, 0, 500),
    FIELD_END,
};
static const struct field MEMBER_PATCH[] = {
    FIELD_INLINE(struct member_patch, m, MEMBER_FIELDS),
    FIELD_INLINE(struct member_patch, note, NOTE_FIELDS),
    FIELD_END,
};

static int members_patch(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_patch in = { 0 };
    struct member_view v;
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || member_load(req, id, &v, err) < 0 ||
        http_body_decode(req, MEMBER_PATCH, &in, NULL, err) < 0)
        return -1;
    if (in.m.org_id && in.m.org_id != v.org_id && http_require_org(req, in.m.org_id, err) < 0) {
        err_refine(err, "/org_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (member_update(req->app, id, &in.m, &in.note, &actor, err) < 0)
        return -1;
    return respond_member(req, res, id, 200, err);
}

/* The history's name for an event: a status change is named for its act (转正, 停止党籍,
 * 恢复党籍 …; member_status_change_label), other changes by their kind. */
static const char *event_label(const char *kind, const char *old_value, const char *new_value)
{
    if (!strcmp(kind, "create"))
        return "登记";
    if (!strcmp(kind, "status")) {
        const char *l = member_status_change_label(old_value, new_value);
        return l ? l : "党员状态变更";
    }
    if (!strcmp(kind, "category"))
        return "党员类别变更";
    return "组织关系变更";
}

static int members_events(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_view v;
    struct member_event_view *ev;
    int64_t id, n;
    json_t *items;

    if (http_param_id(req, 0, &id, err) < 0 || member_load(req, id, &v, err) < 0 ||
        member_events(req->app, id, req->arena, &ev, &n, err) < 0)
        return -1;
    items = json_array();
    for (int64_t i = 0; i < n; i++) {
        const char *ov = ev[i].old_value, *nv = ev[i].new_value;
        if (!strcmp(ev[i].kind, "status") || !strcmp(ev[i].kind, "create")) {
            ov = ov ? member_status_label(ov) : NULL;
            nv = nv ? member_status_label(nv) : NULL;
        } else if (!strcmp(ev[i].kind, "category")) {
            ov = member_category_label(ov);
            nv = member_category_label(nv);
        }
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:I}", "id",
                             (json_int_t)ev[i].id, "kind", ev[i].kind, "kind_label",
                             event_label(ev[i].kind, ev[i].old_value, ev[i].new_value),
                             "effective_on", ev[i].effective_on, "old_value", jstr(ev[i].old_value),
                             "new_value", jstr(ev[i].new_value), "old_label", jstr(ov), "new_label",
                             jstr(nv), "doc_no", jstr(ev[i].doc_no), "note", jstr(ev[i].note),
                             "created_at", (json_int_t)ev[i].created_at));
    }
    http_res_json(res, 200, http_list_json(items, n, 1, n));
    return 0;
}

static int card_res(struct http_req *req, struct http_res *res, int64_t id, struct err *err)
{
    struct member_card k;

    if (member_card_get(req->app, id, req->arena, &k, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:s, s:s, s:s, s:s, s:o}", "skills", k.skills, "pledge", k.pledge,
                            "households", k.households, "service_time", k.service_time,
                            "updated_at", k.updated_at ? jint(k.updated_at) : json_null()));
    return 0;
}

/* 党员联系卡: GET shows it (empty fields until first filled), PATCH changes what it names. */
static int members_card_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_view v;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || member_load(req, id, &v, err) < 0)
        return -1;
    return card_res(req, res, id, err);
}

static int members_card_patch(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_view v;
    struct member_card in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || member_load(req, id, &v, err) < 0 ||
        http_body_decode(req, MEMBER_CARD_FIELDS, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (member_card_update(req->app, id, v.org_id, &in, &actor, err) < 0)
        return -1;
    return card_res(req, res, id, err);
}

/* 我的: the caller's own member record, {"member": …} or {"member": null} for an account
 * without one (a resident, a cadre whose account is not linked to a person). Masked like
 * every view; the member sees their own org without needing members.read. */
static int me_member(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_view v;
    struct json_writer w;
    struct buf b;
    bool found = false;

    if (req->user->person_id) {
        if (member_of_person(req->app, req->user->person_id, req->arena, &v, err) == 0)
            found = true;
        else if (err->code == E_NOT_FOUND)
            err_clear(err);
        else
            return -1;
    }
    http_res_writer_begin(req, &w, &b);
    json_write_object_begin(&w);
    json_write_key(&w, "member");
    if (found) {
        member_mask(&v, 0, req->arena);
        member_view_write(&w, &v);
    } else
        json_write_null(&w);
    json_write_object_end(&w);
    return http_res_writer_end(res, 200, &b, err);
}

/* 党小组: PUT {"group_id": N} puts the member in a 党小组 of its own org, 0 takes it out. */
struct member_group_in {
    int64_t group_id;
};
static const struct field MEMBER_GROUP_FIELDS[] = {
    FIELD_INT(struct member_group_in, group_id, "group_id", "党小组", FIELD_REQUIRED, 0, INT64_MAX),
    FIELD_END,
};

static int members_group_put(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_view v;
    struct member_group_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || member_load(req, id, &v, err) < 0 ||
        http_body_decode(req, MEMBER_GROUP_FIELDS, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (member_group_set(req->app, id, in.group_id, &actor, err) < 0)
        return -1;
    return respond_member(req, res, id, 200, err);
}

/* 我的 of a 居民: the caller's household, {"household": …} or {"household": null} for an
 * account that is no registered resident. The caller's own; no permission beyond a session. */
static int me_household(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_household h;

    if (!req->user->person_id ||
        member_household_of_person(req->app, req->user->person_id, req->arena, &h, err) < 0) {
        if (req->user->person_id && err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        http_res_json(res, 200, json_pack("{s:n}", "household"));
        return 0;
    }
    http_res_json(res, 200,
                  json_pack("{s:{s:I, s:s, s:s, s:o, s:s, s:o}}", "household", "org_id",
                            (json_int_t)h.org_id, "org_name", h.org_name, "address", h.address,
                            "grid", jstr(h.grid), "relation", h.relation, "moved_in_on",
                            jstr(h.moved_in_on)));
    return 0;
}

static const struct route MEMBERS_ROUTES[] = {
    { HTTP_GET, "/api/me/household", me_household, PERM_SESSION, SCOPE_NONE,
      "我的住户：居民本人所在的住户（地址、网格、与户主关系）", NULL, NULL, NULL },
    { HTTP_GET, "/api/me/member", me_member, PERM_SESSION, SCOPE_NONE,
      "我的党员信息（本人账号关联的党员档案，已脱敏）", NULL, NULL, NULL },
    { HTTP_GET, "/api/members", members_list, PERM_MEMBERS_READ, SCOPE_CALLER,
      "党员名册：搜索（姓名、拼音首字母）、筛选、分页（个人信息已脱敏）", NULL, LIST_QUERY, NULL },
    { HTTP_POST, "/api/members", members_create, PERM_MEMBERS_WRITE, SCOPE_RECORD, "登记党员", NULL,
      NULL, MEMBER_NEW_FIELDS },
    { HTTP_GET, "/api/members/{id}", members_get, PERM_MEMBERS_READ, SCOPE_RECORD,
      "党员详情（?reveal=id_number,phone,address 查看完整信息，需授权并记录审计）", NULL, GET_QUERY,
      NULL },
    { HTTP_PATCH, "/api/members/{id}", members_patch, PERM_MEMBERS_WRITE, SCOPE_RECORD,
      "修改党员信息（状态、类别、组织关系变更记入历史）", NULL, NULL, MEMBER_PATCH },
    { HTTP_PUT, "/api/members/{id}/group", members_group_put, PERM_MEMBERS_WRITE, SCOPE_RECORD,
      "编入党小组（group_id 为本人所在党组织下设的党小组，0 为移出；组织关系不变）", NULL, NULL,
      MEMBER_GROUP_FIELDS },
    { HTTP_GET, "/api/members/{id}/events", members_events, PERM_MEMBERS_READ, SCOPE_RECORD,
      "党员状态变更历史", NULL, NULL, NULL },
    { HTTP_GET, "/api/members/{id}/card", members_card_get, PERM_MEMBERS_READ, SCOPE_RECORD,
      "党员联系卡", NULL, NULL, NULL },
    { HTTP_PATCH, "/api/members/{id}/card", members_card_patch, PERM_MEMBERS_WRITE, SCOPE_RECORD,
      "修改党员联系卡（服务专长、服务承诺、联系户、服务时间）", NULL, NULL, MEMBER_CARD_FIELDS },
    { 0 },
};

static const struct perm_row MEMBERS_PERMS[] = {
    PERM_ROW(PERM_MEMBERS_READ, "members.read", "查看党员名册",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROW(PERM_MEMBERS_WRITE, "members.write", "管理党员名册",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY)),
    PERM_ROW(PERM_MEMBERS_REVEAL_PII, "members.reveal_pii", "查看党员完整个人信息",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY)),
    PERM_ROWS_END,
};

static const struct audit_action MEMBERS_AUDIT[] = {
    { "member.create", "新增党员", "member" },
    { "member.update", "修改党员信息", "member" },
    { "member.reveal", "查看完整个人信息", "member" },
    { "member.card", "修改党员联系卡", "member" },
    { "member.group", "调整党小组", "member" },
    { "member.probation", "延长预备期", "member" },
    { NULL, NULL, NULL },
};

static const struct code_table MEMBERS_CODES[] = {
    { "member_status", MEMBER_STATUSES, MEMBER_STATUS_LABELS },
    { "member_category", MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS },
    { "member_education", MEMBER_EDUCATIONS, MEMBER_EDUCATIONS },
    { NULL, NULL, NULL },
};

static const struct demo_hook *const MEMBERS_DEMOS[] = { &MEMBERS_DEMO_CARDS, &MEMBERS_DEMO_GROUPS,
                                                         NULL };

/* Personal data sealed at rest (members_store.c seals and indexes, members_read_store.c
 * opens). */
static const struct sealed_column MEMBERS_SEALED[] = {
    { "person", "id_number", "id_hash" },
    { "person", "phone", NULL },
    { NULL, NULL, NULL },
};

const struct module MEMBERS_MODULE = {
    .name = "members",
    .sealed = MEMBERS_SEALED,
    .routes = MEMBERS_ROUTES,
    .perms = MEMBERS_PERMS,
    .audit_actions = MEMBERS_AUDIT,
    .codes = MEMBERS_CODES,
    .demo = MEMBERS_DEMOS,
};
