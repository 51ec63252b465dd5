/* orglife_eval_http.c: HTTP adapter and module row of 民主评议 and 学习记录 (found by
 * tools/gen-modules.sh): evaluation rounds (list, open, read, a subject's record), a member's
 * and the caller's own evaluations, study materials, study records (a cadre's for members, a
 * member's own), yearly hours by name. It reuses orglife's permissions and declares none. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/modules.h"
#include "domain/orglife/orglife_eval.h"
#include "http/http.h"

static int64_t this_year(void)
{
    char today[11];
    int y, m, d;

    clock_today(today);
    date_parse(today, &y, &m, &d);
    return y;
}

static json_t *warnings_json(const struct orglife_warning *w, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:s, s:s}", "rule_id", w[i].rule_id, "message", w[i].message));
    return arr;
}

static json_t *grade_label(const char *code)
{
    return code ? jstr(enum_label(EVAL_GRADES, EVAL_GRADE_LABELS, code)) : json_null();
}

static json_t *subject_json(const struct eval_subject_view *s, bool history)
{
    json_t *o = json_pack(
        "{s:I, s:s, s:b, s:s?, s:{s:I, s:I, s:I, s:I}, s:s?, s:o, s:s?, s:o, s:o?, s:s?, s:o?, "
        "s:s?, s:I}",
        "person_id", (json_int_t)s->person_id, "name", s->name, "probationary", s->probationary,
        "self_text", s->self_text, "peer", "excellent", (json_int_t)s->peer.excellent, "qualified",
        (json_int_t)s->peer.qualified, "basic", (json_int_t)s->peer.basic, "unqualified",
        (json_int_t)s->peer.unqualified, "proposed_grade", s->proposed_grade,
        "proposed_grade_label", grade_label(s->proposed_grade), "final_grade", s->final_grade,
        "final_grade_label", grade_label(s->final_grade), "final_meeting_id",
        s->final_meeting_id ? jint(s->final_meeting_id) : NULL, "final_by_name", s->final_by_name,
        "final_at", s->final_at ? jint(s->final_at) : NULL, "note", s->note, "updated_at",
        (json_int_t)s->updated_at);

    if (history) {
        json_object_set_new(o, "round_id", jint(s->round_id));
        json_object_set_new(o, "year", jint(s->year));
        json_object_set_new(o, "org_id", jint(s->org_id));
        json_object_set_new(o, "org_name", jstr(s->org_name));
    }
    return o;
}

static json_t *grades_json(const char *grades)
{
    json_t *arr = json_array();

    for (size_t i = 0; EVAL_GRADES[i]; i++) {
        char key[40];

        snprintf(key, sizeof(key), ",%s,", EVAL_GRADES[i]);
        if (strstr(grades, key))
            json_array_append_new(arr, json_pack("{s:s, s:s}", "code", EVAL_GRADES[i], "label",
                                                 EVAL_GRADE_LABELS[i]));
    }
    return arr;
}

static json_t *round_json(const struct eval_round_view *v, bool full)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:{s:I, s:I}, s:o?, s:s?, s:I, s:I, s:I, "
        "s:I, s:I, s:I, s:I}",
        "id", (json_int_t)v->id, "org_id", (json_int_t)v->org_id, "org_name", v->org_name, "year",
        (json_int_t)v->year, "held_on", v->held_on, "grade_set", v->grade_set, "grade_set_label",
        enum_label(EVAL_GRADE_SETS, EVAL_GRADE_SET_LABELS, v->grade_set), "rule_id", v->rule_id,
        "grades", grades_json(v->grades), "excellent_quota", "num", (json_int_t)v->quota_num, "den",
        (json_int_t)v->quota_den, "meeting_id", v->meeting_id ? jint(v->meeting_id) : NULL, "note",
        v->note, "subjects_n", (json_int_t)v->subjects_n, "graded_n", (json_int_t)v->graded_n,
        "probationary_n", (json_int_t)v->probationary_n, "decided_n", (json_int_t)v->decided_n,
        "excellent_n", (json_int_t)v->excellent_n, "created_at", (json_int_t)v->created_at,
        "updated_at", (json_int_t)v->updated_at);

    if (full) {
        json_t *arr = json_array();

        for (int64_t i = 0; i < v->nsubjects; i++)
            json_array_append_new(arr, subject_json(&v->subjects[i], false));
        json_object_set_new(o, "subjects", arr);
        json_object_set_new(o, "warnings", warnings_json(v->warnings, v->nwarnings));
    }
    return o;
}

/* ---- rounds ---- */

static const struct field ROUND_NEW[] = {
    FIELD_ID(struct eval_round_in, org_id, "org_id", "党支部", FIELD_REQUIRED),
    FIELD_INT(struct eval_round_in, year, "year", "评议年度", FIELD_REQUIRED, 1921, 2100),
    FIELD_ENUM(struct eval_round_in, grade_set, "grade_set", "评议等次", FIELD_OPTIONAL,
               EVAL_GRADE_SETS),
    FIELD_DATE(struct eval_round_in, held_on, "held_on", "评议日期", FIELD_OPTIONAL),
    FIELD_ID(struct eval_round_in, meeting_id, "meeting_id", "评议会议", FIELD_NULLABLE),
    FIELD_STR(struct eval_round_in, note, "note", "说明", FIELD_NULLABLE, 0, 1000),
    FIELD_END,
};

static int respond_round(struct http_req *req, struct http_res *res, int64_t id, int status,
                         struct err *err)
{
    struct eval_round_view v;

    if (eval_round_get(req->app, id, req->arena, &v, err) < 0)
        return -1;
    http_res_json(res, status, round_json(&v, true));
    return 0;
}

static int rounds_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct eval_round_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, ROUND_NEW, &in, NULL, err) < 0)
        return -1;
    if (http_require_org(req, in.org_id, err) < 0) {
        err_refine(err, "/org_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (eval_round_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return respond_round(req, res, id, 201, err);
}

/* Loads the round of path parameter 0 and checks the caller may act on its org. */
static int round_load(struct http_req *req, struct eval_round_view *v, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || eval_round_get(req->app, id, req->arena, v, err) < 0)
        return -1;
    return http_require_org(req, v->org_id, err);
}

static int rounds_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct eval_round_view v;

    if (round_load(req, &v, err) < 0)
        return -1;
    http_res_json(res, 200, round_json(&v, true));
    return 0;
}

struct round_q {
    int64_t org, year, page, size;
};
static const struct field ROUND_Q[] = {
    FIELD_ID(struct round_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct round_q, year, "year", "评议年度", FIELD_OPTIONAL, 1921, 2100),
    HTTP_PAGE_FIELDS(struct round_q),
    FIELD_END,
};

static int rounds_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct round_q q = { 0 };
    struct eval_round_view *v;
    const char *path;
    int64_t n = 0, total = 0;
    json_t *arr;

    if (http_query_decode(req, ROUND_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (http_scope_path(req, q.org, &path, err) < 0 ||
        eval_round_list(req->app, path, q.year, q.page, q.size, req->arena, &v, &n, &total, err) <
            0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, round_json(&v[i], false));
    http_res_json(res, 200, http_list_json(arr, total, q.page, q.size));
    return 0;
}

static const struct field TALLY_IN[] = {
    FIELD_INT(struct eval_tally, excellent, "excellent", "优秀票数", FIELD_OPTIONAL, 0, 100000),
    FIELD_INT(struct eval_tally, qualified, "qualified", "合格票数", FIELD_OPTIONAL, 0, 100000),
    FIELD_INT(struct eval_tally, basic, "basic", "基本合格票数", FIELD_OPTIONAL, 0, 100000),
    FIELD_INT(struct eval_tally, unqualified, "unqualified", "不合格票数", FIELD_OPTIONAL, 0,
              100000),
    FIELD_END,
};
static const struct field SUBJECT_IN[] = {
    FIELD_STR(struct eval_subject_in, self_text, "self_text", "个人自评", FIELD_NULLABLE, 0, 5000),
    FIELD_OBJECT(struct eval_subject_in, peer, "peer", "互评和民主测评票数", FIELD_OPTIONAL,
                 TALLY_IN),
    FIELD_ENUM(struct eval_subject_in, proposed_grade, "proposed_grade", "支委会评定意见",
               FIELD_NULLABLE, EVAL_GRADES),
    FIELD_ENUM(struct eval_subject_in, final_grade, "final_grade", "支部大会评定等次",
               FIELD_NULLABLE, EVAL_GRADES),
    FIELD_ID(struct eval_subject_in, meeting_id, "meeting_id", "评定会议", FIELD_NULLABLE),
    FIELD_STR(struct eval_subject_in, note, "note", "不足与整改措施", FIELD_NULLABLE, 0, 2000),
    FIELD_END,
};

/* PUT lays the body over the stored record: what it leaves out stays, null clears (the bits
 * of present follow SUBJECT_IN's order). */
static void subject_merge(const struct eval_subject_view *cur, uint64_t present,
                          struct eval_subject_in *in)
{
#define KEEP(bit, dst, src)                                                                        \
    if (!(present & (1ull << (bit))))                                                              \
    in->dst = cur->src
    KEEP(0, self_text, self_text);
    KEEP(1, peer, peer);
    KEEP(2, proposed_grade, proposed_grade);
    KEEP(3, final_grade, final_grade);
    KEEP(4, meeting_id, final_meeting_id);
    KEEP(5, note, note);
#undef KEEP
}

static int subject_put(struct http_req *req, struct http_res *res, struct err *err)
{
    struct eval_round_view r;
    struct eval_subject_view cur;
    struct eval_subject_in in = { 0 };
    struct auth_actor actor;
    uint64_t present = 0;
    json_t *o;
    int64_t person;

    if (round_load(req, &r, err) < 0 || http_param_id(req, 1, &person, err) < 0 ||
        eval_subject_get(req->app, r.id, person, req->arena, &cur, err) < 0)
        return -1;
    in.peer = cur.peer; /* a partial peer object keeps the other counts */
    if (http_body_decode(req, SUBJECT_IN, &in, &present, err) < 0)
        return -1;
    subject_merge(&cur, present, &in);
    http_actor(req, &actor);
    if (eval_subject_set(req->app, r.id, person, &in, &actor, err) < 0 ||
        eval_round_get(req->app, r.id, req->arena, &r, err) < 0 ||
        eval_subject_get(req->app, r.id, person, req->arena, &cur, err) < 0)
        return -1;
    o = subject_json(&cur, false);
    json_object_set_new(o, "warnings", warnings_json(r.warnings, r.nwarnings));
    http_res_json(res, 200, o);
    return 0;
}

static int respond_history(struct http_req *req, struct http_res *res, int64_t person,
                           struct err *err)
{
    struct eval_subject_view *v = NULL;
    int64_t n = 0;
    json_t *arr = json_array();

    if (person && eval_member_history(req->app, person, req->arena, &v, &n, err) < 0) {
        json_decref(arr);
        return -1;
    }
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, subject_json(&v[i], true));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

static int member_evaluations(struct http_req *req, struct http_res *res, struct err *err)
{
    int64_t id, person, org;

    if (http_param_id(req, 0, &id, err) < 0 ||
        eval_member_person(req->app, id, &person, &org, err) < 0 ||
        http_require_org(req, org, err) < 0)
        return -1;
    return respond_history(req, res, person, err);
}

static int my_evaluations(struct http_req *req, struct http_res *res, struct err *err)
{
    struct auth_actor actor;

    http_actor(req, &actor);
    return respond_history(req, res, actor.user->person_id, err);
}

/* ---- study ---- */

static const struct field MATERIAL_NEW[] = {
    FIELD_ID(struct study_material_in, org_id, "org_id", "发布组织", FIELD_REQUIRED),
    FIELD_STR(struct study_material_in, title, "title", "材料名称", FIELD_REQUIRED, 2, 200),
    FIELD_ENUM(struct study_material_in, kind, "kind", "材料类型", FIELD_REQUIRED, STUDY_KINDS),
    FIELD_INT(struct study_material_in, hours, "hours", "学时", FIELD_REQUIRED, 1, 100),
    FIELD_DATE(struct study_material_in, published_on, "published_on", "发布日期", FIELD_REQUIRED),
    FIELD_STR(struct study_material_in, note, "note", "说明", FIELD_NULLABLE, 0, 1000),
    FIELD_END,
};

static json_t *material_json(const struct study_material_view *m)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s?, s:I}", "id", (json_int_t)m->id,
                     "org_id", (json_int_t)m->org_id, "org_name", m->org_name, "title", m->title,
                     "kind", m->kind, "kind_label",
                     enum_label(STUDY_KINDS, STUDY_KIND_LABELS, m->kind), "hours",
                     (json_int_t)m->hours, "published_on", m->published_on, "note", m->note,
                     "created_at", (json_int_t)m->created_at);
}

static int materials_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct study_material_in in = { 0 };
    struct study_material_view m;
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, MATERIAL_NEW, &in, NULL, err) < 0)
        return -1;
    if (http_require_org(req, in.org_id, err) < 0) {
        err_refine(err, "/org_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (study_material_create(req->app, &in, &actor, &id, err) < 0 ||
        study_material_get(req->app, id, req->arena, &m, err) < 0)
        return -1;
    http_res_json(res, 201, material_json(&m));
    return 0;
}

static json_t *materials_json(const struct study_material_view *m, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, material_json(&m[i]));
    return arr;
}

struct year_q {
    int64_t org, year, page, size;
    bool above;
};
/* above: the materials of the org and of the orgs over it (what its members may study), instead
 * of those its subtree published; every member already sees these on GET /api/me/study. */
static const struct field MATERIAL_Q[] = {
    FIELD_ID(struct year_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct year_q, year, "year", "年度", FIELD_OPTIONAL, 1921, 2100),
    FIELD_BOOL(struct year_q, above, "above", "含上级组织发布的", FIELD_OPTIONAL),
    HTTP_PAGE_FIELDS(struct year_q),
    FIELD_END,
};

static int materials_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct year_q q = { 0 };
    struct study_material_view *m;
    const char *path;
    int64_t n = 0, total = 0;

    if (http_query_decode(req, MATERIAL_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (http_scope_path(req, q.org, &path, err) < 0 ||
        study_material_list(req->app, path, q.above, q.year, q.page, q.size, req->arena, &m, &n,
                            &total, err) < 0)
        return -1;
    http_res_json(res, 200, http_list_json(materials_json(m, n), total, q.page, q.size));
    return 0;
}

#define RECORD_FIELDS(T)                                                                           \
    FIELD_ID(T, material_id, "material_id", "学习材料", FIELD_NULLABLE),                           \
        FIELD_STR(T, title, "title", "学习内容", FIELD_NULLABLE, 2, 200),                          \
        FIELD_ENUM(T, kind, "kind", "学习形式", FIELD_NULLABLE, STUDY_KINDS),                      \
        FIELD_DATE(T, studied_on, "studied_on", "学习日期", FIELD_REQUIRED),                       \
        FIELD_INT(T, hours, "hours", "学时", FIELD_OPTIONAL, 1, 24),                               \
        FIELD_BOOL(T, delivered, "delivered", "送学上门", FIELD_OPTIONAL),                         \
        FIELD_STR(T, note, "note", "备注", FIELD_NULLABLE, 0, 500)
static const struct field RECORD_ITEM[] = {
    FIELD_ID(struct study_record_in, person_id, "person_id", "党员", FIELD_REQUIRED),
    RECORD_FIELDS(struct study_record_in),
    FIELD_END,
};
static const struct field MY_RECORD[] = { RECORD_FIELDS(struct study_record_in), FIELD_END };

struct study_body {
    int64_t org_id;
    struct study_record_in *items;
    int64_t nitems;
};
static const struct field STUDY_BODY[] = {
    FIELD_ID(struct study_body, org_id, "org_id", "登记组织", FIELD_REQUIRED),
    FIELD_ARRAY(struct study_body, items, "items", "学习记录", FIELD_REQUIRED, 1, 500, RECORD_ITEM),
    FIELD_END,
};

static int study_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct study_body in = { 0 };
    struct auth_actor actor;

    if (http_body_decode(req, STUDY_BODY, &in, NULL, err) < 0)
        return -1;
    if (http_require_org(req, in.org_id, err) < 0) {
        err_refine(err, "/org_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (study_record_add(req->app, in.org_id, in.items, in.nitems, false, &actor, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "created", (json_int_t)in.nitems));
    return 0;
}

static json_t *year_json(const struct study_year *y, int64_t year)
{
    return json_pack("{s:I, s:I, s:I, s:b, s:b, s:s}", "year", (json_int_t)year, "hours",
                     (json_int_t)y->hours, "target", (json_int_t)y->target, "met", y->met, "leader",
                     y->leader, "rule_id", y->rule_id ? y->rule_id : "LIFE-TRAIN");
}

static const struct field HOURS_Q[] = {
    FIELD_ID(struct year_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct year_q, year, "year", "年度", FIELD_OPTIONAL, 1921, 2100),
    HTTP_PAGE_FIELDS(struct year_q),
    FIELD_END,
};

static int study_hours_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct year_q q = { 0 };
    struct study_hours_row *r;
    const char *path;
    int64_t n = 0, total = 0;
    json_t *arr;

    if (http_query_decode(req, HOURS_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    q.year = q.year ? q.year : this_year();
    if (http_scope_path(req, q.org, &path, err) < 0 ||
        study_hours(req->app, path, q.year, q.page, q.size, req->arena, &r, &n, &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = year_json(&r[i].y, q.year);

        json_object_set_new(o, "person_id", jint(r[i].person_id));
        json_object_set_new(o, "name", jstr(r[i].name));
        json_object_set_new(o, "org_id", jint(r[i].org_id));
        json_object_set_new(o, "org_name", jstr(r[i].org_name));
        json_object_set_new(o, "probationary", json_boolean(!strcmp(r[i].status, "probationary")));
        json_array_append_new(arr, o);
    }
    http_res_json(res, 200, http_list_json(arr, total, q.page, q.size));
    return 0;
}

static json_t *record_json(const struct study_record_view *r)
{
    return json_pack("{s:I, s:o?, s:s, s:s, s:s, s:s, s:I, s:b, s:s, s:s, s:s?}", "id",
                     (json_int_t)r->id, "material_id", r->material_id ? jint(r->material_id) : NULL,
                     "title", r->title, "kind", r->kind, "kind_label",
                     enum_label(STUDY_KINDS, STUDY_KIND_LABELS, r->kind), "studied_on",
                     r->studied_on, "hours", (json_int_t)r->hours, "delivered", r->delivered,
                     "source", r->source, "source_label",
                     enum_label(STUDY_SOURCES, STUDY_SOURCE_LABELS, r->source), "note", r->note);
}

struct my_q {
    int64_t year;
};
static const struct field MY_Q[] = {
    FIELD_INT(struct my_q, year, "year", "年度", FIELD_OPTIONAL, 1921, 2100),
    FIELD_END,
};

/* 我的学习: the caller's records of the year, the total against the target, and the materials
 * the orgs on the way to their branch published that year (to pick from). */
static int my_study(struct http_req *req, struct http_res *res, struct err *err)
{
    struct my_q q = { 0 };
    struct auth_actor actor;
    struct study_record_view *r = NULL;
    struct study_material_view *m = NULL;
    struct study_year y = { 0 };
    const char *path = NULL;
    int64_t n = 0, nm = 0, total;
    json_t *arr = json_array();

    if (http_query_decode(req, MY_Q, &q, NULL, err) < 0)
        goto fail;
    q.year = q.year ? q.year : this_year();
    http_actor(req, &actor);
    if (actor.user->person_id &&
        (study_person_year(req->app, actor.user->person_id, q.year, req->arena, &r, &n, &y, err) <
             0 ||
         study_my_path(req->app, actor.user->person_id, req->arena, &path, err) < 0 ||
         (path && study_material_list(req->app, path, true, q.year, 1, 200, req->arena, &m, &nm,
                                      &total, err) < 0)))
        goto fail;
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, record_json(&r[i]));
    http_res_json(res, 200,
                  json_pack("{s:o, s:o, s:o}", "summary", year_json(&y, q.year), "items", arr,
                            "materials", materials_json(m, nm)));
    return 0;
fail:
    json_decref(arr);
    return -1;
}

static int my_study_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct study_record_in in = { 0 };
    struct auth_actor actor;

    if (http_body_decode(req, MY_RECORD, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    in.person_id = actor.user->person_id;
    if (!in.person_id)
        return err_set(err, E_CONFLICT, "", "此账号未关联党员，不能登记学习");
    if (study_record_add(req->app, 0, &in, 1, true, &actor, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "created", (json_int_t)1));
    return 0;
}

static const struct route ORGLIFE_EVAL_ROUTES[] = {
    { HTTP_GET, "/api/orglife/evaluations", rounds_list, PERM_ORGLIFE_READ, SCOPE_CALLER,
      "民主评议党员列表（按组织、年度）", NULL, ROUND_Q, NULL },
    { HTTP_POST, "/api/orglife/evaluations", rounds_create, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "开展民主评议（评议对象按评议日期名册生成，预备党员参加不评等次）", NULL, NULL, ROUND_NEW },
    { HTTP_GET, "/api/orglife/evaluations/{id}", rounds_get, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "民主评议详情（评议对象、等次、提示）", NULL, NULL, NULL },
    { HTTP_PUT, "/api/orglife/evaluations/{id}/members/{person_id}", subject_put,
      PERM_ORGLIFE_WRITE, SCOPE_RECORD, "登记党员的自评、互评测评票数、评定意见和评定等次", NULL,
      NULL, SUBJECT_IN },
    { HTTP_GET, "/api/members/{id}/evaluations", member_evaluations, PERM_ORGLIFE_READ,
      SCOPE_RECORD, "党员历年民主评议结果", NULL, NULL, NULL },
    { HTTP_GET, "/api/me/evaluations", my_evaluations, PERM_SESSION, SCOPE_NONE, "我的民主评议结果",
      NULL, NULL, NULL },
    { HTTP_GET, "/api/orglife/materials", materials_list, PERM_ORGLIFE_READ, SCOPE_CALLER,
      "学习材料列表", NULL, MATERIAL_Q, NULL },
    { HTTP_POST, "/api/orglife/materials", materials_create, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "发布学习材料", NULL, NULL, MATERIAL_NEW },
    { HTTP_POST, "/api/orglife/study", study_create, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "登记党员学习（可一次登记多人，含送学上门）", NULL, NULL, STUDY_BODY },
    { HTTP_GET, "/api/orglife/study-hours", study_hours_get, PERM_ORGLIFE_READ, SCOPE_CALLER,
      "党员年度学时（按姓名排列，不排名）", NULL, HOURS_Q, NULL },
    { HTTP_GET, "/api/me/study", my_study, PERM_SESSION, SCOPE_NONE, "我的学习记录和年度学时", NULL,
      MY_Q, NULL },
    { HTTP_POST, "/api/me/study", my_study_add, PERM_SESSION, SCOPE_NONE, "本人登记学习", NULL,
      NULL, MY_RECORD },
    { 0 },
};

static const struct audit_action ORGLIFE_EVAL_AUDIT[] = {
    { "eval.create", "开展民主评议", "eval_round" },
    { "eval.subject", "登记民主评议结果", "eval_round" },
    { "study.material", "发布学习材料", "study_material" },
    { "study.record", "登记党员学习", "org" },
    { "study.self", "本人登记学习", "person" },
    { NULL, NULL, NULL },
};

static const struct code_table ORGLIFE_EVAL_CODES[] = {
    { "eval_grade", EVAL_GRADES, EVAL_GRADE_LABELS },
    { "eval_grade_set", EVAL_GRADE_SETS, EVAL_GRADE_SET_LABELS },
    { "study_kind", STUDY_KINDS, STUDY_KIND_LABELS },
    { "study_source", STUDY_SOURCES, STUDY_SOURCE_LABELS },
    { NULL, NULL, NULL },
};

static const struct demo_hook *const ORGLIFE_EVAL_DEMOS[] = { &ORGLIFE_EVAL_DEMO, NULL };

extern const struct module ORGLIFE_EVAL_MODULE;
const struct module ORGLIFE_EVAL_MODULE = {
    .name = "orglife_eval",
    .routes = ORGLIFE_EVAL_ROUTES,
    .audit_actions = ORGLIFE_EVAL_AUDIT,
    .codes = ORGLIFE_EVAL_CODES,
    .demo = ORGLIFE_EVAL_DEMOS,
};
