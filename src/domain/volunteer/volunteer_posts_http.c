/* volunteer_posts_http.c: the volunteer area's HTTP handlers for teams (队伍), public-welfare
 * posts (公益岗位), claims and record cards (记录卡). A member or resident claims a post and
 * writes its record card for themselves; an organizer may do both for someone (their record
 * entries count as confirmed). Route rows are in volunteer_http.c. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/volunteer/volunteer.h"
#include "domain/volunteer/volunteer_http_int.h"
#include "http/http.h"

int volunteer_http_teams(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_team *t;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, VOLUNTEER_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        volunteer_teams(req->app, path, req->arena, &t, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:I}", "id", (json_int_t)t[i].id, "org_id",
                              (json_int_t)t[i].org_id, "org_name", t[i].org_name, "name", t[i].name,
                              "members", (json_int_t)t[i].members);
        json_object_set_new(o, "leader_name", jstr(t[i].leader_name));
        json_object_set_new(o, "skills", jstr(t[i].skills));
        json_array_append_new(arr, o);
    }
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static const struct field TEAM_MEMBER_IN[] = {
    FIELD_ID(struct volunteer_team_member_in, person_id, "person_id", "队员", FIELD_REQUIRED),
    FIELD_END,
};
const struct field VOLUNTEER_TEAM_IN[] = {
    FIELD_ID(struct volunteer_team_in, org_id, "org_id", "所属党组织", FIELD_REQUIRED),
    FIELD_STR(struct volunteer_team_in, name, "name", "队伍名称", FIELD_REQUIRED, 2, 60),
    FIELD_ID(struct volunteer_team_in, leader_person_id, "leader_person_id", "队长",
             FIELD_OPTIONAL),
    FIELD_STR(struct volunteer_team_in, skills, "skills", "服务专长", FIELD_OPTIONAL, 0, 100),
    FIELD_ARRAY(struct volunteer_team_in, members, "members", "队员", FIELD_OPTIONAL, 0, 500,
                TEAM_MEMBER_IN),
    FIELD_END,
};

int volunteer_http_team_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_team_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, VOLUNTEER_TEAM_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_team_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

int volunteer_http_posts(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_post *p;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, VOLUNTEER_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        volunteer_posts(req->app, path, req->arena, &p, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o =
            json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id",
                      (json_int_t)p[i].id, "org_id", (json_int_t)p[i].org_id, "org_name",
                      p[i].org_name, "name", p[i].name, "kind", p[i].kind, "kind_label",
                      enum_label(VOLUNTEER_POST_KINDS, VOLUNTEER_POST_KIND_LABELS, p[i].kind),
                      "duties", p[i].duties, "starts_on", p[i].starts_on, "ends_on", p[i].ends_on,
                      "claims", (json_int_t)p[i].claims);
        json_object_set_new(o, "holder", jstr(p[i].holder));
        json_array_append_new(arr, o);
    }
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

const struct field VOLUNTEER_POST_IN[] = {
    FIELD_ID(struct volunteer_post_in, org_id, "org_id", "设岗党组织", FIELD_REQUIRED),
    FIELD_STR(struct volunteer_post_in, name, "name", "岗位名称", FIELD_REQUIRED, 2, 60),
    FIELD_ENUM(struct volunteer_post_in, kind, "kind", "岗位类别", FIELD_REQUIRED,
               VOLUNTEER_POST_KINDS),
    FIELD_STR(struct volunteer_post_in, duties, "duties", "岗位职责", FIELD_REQUIRED, 2, 1000),
    FIELD_DATE(struct volunteer_post_in, starts_on, "starts_on", "开始日期", FIELD_REQUIRED),
    FIELD_DATE(struct volunteer_post_in, ends_on, "ends_on", "结束日期", FIELD_REQUIRED),
    FIELD_END,
};

int volunteer_http_post_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_post_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, VOLUNTEER_POST_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_post_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

const struct field VOLUNTEER_CLAIM_IN[] = {
    FIELD_ID(struct volunteer_claim_in, person_id, "person_id", "认领人", FIELD_OPTIONAL),
    FIELD_DATE(struct volunteer_claim_in, from_on, "from_on", "认领开始日期", FIELD_REQUIRED),
    FIELD_DATE(struct volunteer_claim_in, to_on, "to_on", "认领结束日期", FIELD_REQUIRED),
    FIELD_END,
};

int volunteer_http_claim_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_claim_in in = { 0 };
    struct volunteer_post p;
    struct auth_actor actor;
    int64_t post_id, id;
    bool self;

    if (http_param_id(req, 0, &post_id, err) < 0 ||
        http_body_decode(req, VOLUNTEER_CLAIM_IN, &in, NULL, err) < 0 ||
        volunteer_post_get(req->app, post_id, req->arena, &p, err) < 0 ||
        volunteer_http_acting(req, in.person_id, p.org_path, "没有这个公益岗位", &in.person_id,
                              &self, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_claim_create(req->app, post_id, &in, &actor, req->arena, &id, err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:I, s:I}", "id", (json_int_t)id, "post_id", (json_int_t)post_id,
                            "person_id", (json_int_t)in.person_id));
    return 0;
}

const struct field VOLUNTEER_RECORD_IN[] = {
    FIELD_DATE(struct volunteer_record_in, done_on, "done_on", "履职日期", FIELD_REQUIRED),
    FIELD_STR(struct volunteer_record_in, content, "content", "履职内容", FIELD_REQUIRED, 2, 500),
    FIELD_STR(struct volunteer_record_in, served, "served", "服务对象", FIELD_OPTIONAL, 0, 40),
    FIELD_STR(struct volunteer_record_in, feedback, "feedback", "服务对象反馈", FIELD_OPTIONAL, 0,
              500),
    FIELD_ENUM(struct volunteer_record_in, satisfaction, "satisfaction", "满意度", FIELD_OPTIONAL,
               VOLUNTEER_SATISFACTIONS),
    FIELD_END,
};

int volunteer_http_record_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_record_in in = { 0 };
    struct volunteer_claim k;
    struct auth_actor actor;
    int64_t claim_id, id;
    bool organizer, confirmed;

    if (http_param_id(req, 0, &claim_id, err) < 0 ||
        http_body_decode(req, VOLUNTEER_RECORD_IN, &in, NULL, err) < 0 ||
        volunteer_claim_get(req->app, claim_id, req->arena, &k, err) < 0)
        return -1;
    /* The claimant writes their own card; an organizer's entry counts as confirmed, unless the
     * organizer is the claimant (nobody confirms their own record, as with self-logged hours). */
    organizer = auth_can(req->user, PERM_VOLUNTEER_WRITE, k.org_path);
    if (!organizer && req->user->person_id != k.person_id)
        return err_set(err, E_NOT_FOUND, "", "没有这条岗位认领记录");
    confirmed = organizer && req->user->person_id != k.person_id;
    http_actor(req, &actor);
    if (volunteer_record_create(req->app, claim_id, &in, confirmed, &actor, req->arena, &id, err) <
        0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I, s:b}", "id", (json_int_t)id, "confirmed", confirmed));
    return 0;
}
