/* deliberation_http.c: the deliberation area's HTTP adapter, its permissions and its module row
 * (found by tools/gen-modules.sh; tools/gen-perms.sh reads the PERM_ROW lines). Bodies, rosters,
 * meetings and ballots are managed with deliberation.write at the body's org; voting needs only
 * a session, and the handler's service checks the caller's person is on the roster (a
 * representative may be a resident). The override is the platform admin's. Handlers decode,
 * check the scope, call one service function and encode. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/deliberation/deliberation.h"
#include "domain/modules.h"
#include "http/http.h"

static json_t *check_json(const struct delib_check *ck)
{
    json_t *w = json_array();

    for (int64_t i = 0; i < ck->nwarnings; i++)
        json_array_append_new(w, jstr(ck->warnings[i]));
    return json_pack("{s:I, s:I, s:I, s:o}", "roster", (json_int_t)ck->roster, "party",
                     (json_int_t)ck->party, "residents", (json_int_t)ck->residents, "warnings", w);
}

static json_t *body_json(const struct delib_body *b)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)b->id, "org_id",
                     (json_int_t)b->org_id, "org_name", b->org_name, "kind", b->kind, "kind_label",
                     enum_label(DELIB_BODY_KINDS, DELIB_BODY_KIND_LABELS, b->kind), "name", b->name,
                     "seats", (json_int_t)b->seats);
}

static json_t *meeting_json(const struct delib_meeting *m)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)m->id,
                     "body_id", (json_int_t)m->body_id, "body_name", m->body_name, "held_on",
                     m->held_on, "place", m->place, "agenda", m->agenda, "status", m->status,
                     "status_label",
                     enum_label(DELIB_MEETING_STATUSES, DELIB_MEETING_STATUS_LABELS, m->status),
                     "roster", (json_int_t)m->roster, "present", (json_int_t)m->present);
}

static json_t *ballot_json(const struct delib_ballot *b)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:b, s:s, s:s, s:I}", "id", (json_int_t)b->id,
        "meeting_id", (json_int_t)b->meeting_id, "title", b->title, "method", b->method,
        "method_label", enum_label(DELIB_METHODS, DELIB_METHOD_LABELS, b->method), "max_choices",
        (json_int_t)b->max_choices, "max_score", (json_int_t)b->max_score, "winners",
        (json_int_t)b->winners, "secret", b->secret, "status", b->status, "status_label",
        enum_label(DELIB_BALLOT_STATUSES, DELIB_BALLOT_STATUS_LABELS, b->status), "voters",
        (json_int_t)b->voters);

    json_object_set_new(o, "budget_fen", b->budget_fen ? jint(b->budget_fen) : json_null());
    return o;
}

static json_t *options_json(const struct delib_option *o, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++) {
        json_t *x = json_pack("{s:I, s:I, s:s}", "id", (json_int_t)o[i].id, "pos",
                              (json_int_t)o[i].pos, "title", o[i].title);
        json_object_set_new(x, "cost_fen", o[i].cost_fen >= 0 ? jint(o[i].cost_fen) : json_null());
        json_object_set_new(x, "ref_kind", jstr(o[i].ref_kind));
        json_object_set_new(x, "ref_id", o[i].ref_id ? jint(o[i].ref_id) : json_null());
        json_array_append_new(arr, x);
    }
    return arr;
}

/* ---- bodies ---- */

struct org_q {
    int64_t org;
};
static const struct field ORG_Q[] = {
    FIELD_ID(struct org_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static int bodies_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_q q = { 0 };
    struct delib_body *b;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        deliberation_bodies(req->app, path, req->arena, &b, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, body_json(&b[i]));
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static const struct field BODY_IN[] = {
    FIELD_ID(struct delib_body_in, org_id, "org_id", "所属组织", FIELD_REQUIRED),
    FIELD_ENUM(struct delib_body_in, kind, "kind", "类别", FIELD_REQUIRED, DELIB_BODY_KINDS),
    FIELD_STR(struct delib_body_in, name, "name", "名称", FIELD_REQUIRED, 2, 60),
    FIELD_END,
};

static int body_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_body_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, BODY_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_body_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

/* The body of path parameter 0, in the caller's scope. */
static int body_scoped(struct http_req *req, struct delib_body *b, struct err *err)
{
    int64_t id;

    return http_param_id(req, 0, &id, err) < 0 ||
                   deliberation_body_get(req->app, id, req->arena, b, err) < 0 ||
                   http_require_org(req, b->org_id, err) < 0
               ? -1
               : 0;
}

static int body_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_body b;
    struct delib_seat *s;
    struct delib_meeting *m;
    struct delib_check ck;
    int64_t n, nm;
    json_t *o, *seats, *meetings;

    if (body_scoped(req, &b, err) < 0 ||
        deliberation_roster(req->app, b.id, NULL, req->arena, &s, &n, &ck, err) < 0 ||
        deliberation_meetings(req->app, b.id, req->arena, &m, &nm, err) < 0)
        return -1;
    seats = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            seats,
            json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)s[i].id, "person_id",
                      (json_int_t)s[i].person_id, "name", s[i].name, "role", s[i].role,
                      "role_label", enum_label(DELIB_ROLES, DELIB_ROLE_LABELS, s[i].role),
                      "joined_on", s[i].joined_on, "party", s[i].party));
    meetings = json_array();
    for (int64_t i = 0; i < nm; i++)
        json_array_append_new(meetings, meeting_json(&m[i]));
    o = body_json(&b);
    json_object_set_new(o, "roster", seats);
    json_object_set_new(o, "check", check_json(&ck));
    json_object_set_new(o, "meetings", meetings);
    http_res_json(res, 200, o);
    return 0;
}

static const struct field SEAT_IN[] = {
    FIELD_ID(struct delib_seat_in, person_id, "person_id", "代表", FIELD_REQUIRED),
    FIELD_ENUM(struct delib_seat_in, role, "role", "代表身份", FIELD_REQUIRED, DELIB_ROLES),
    FIELD_DATE(struct delib_seat_in, joined_on, "joined_on", "加入日期", FIELD_REQUIRED),
    FIELD_END,
};

static int seat_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_seat_in in = { 0 };
    struct delib_body b;
    struct delib_check ck;
    struct auth_actor actor;
    int64_t id;

    if (body_scoped(req, &b, err) < 0 || http_body_decode(req, SEAT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_seat_add(req->app, b.id, &in, &actor, req->arena, &id, &ck, err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:o}", "id", (json_int_t)id, "check", check_json(&ck)));
    return 0;
}

struct seat_end_in {
    char *left_on;
};
static const struct field SEAT_END_IN[] = {
    FIELD_DATE(struct seat_end_in, left_on, "left_on", "退出日期", FIELD_REQUIRED),
    FIELD_END,
};

static int seat_end(struct http_req *req, struct http_res *res, struct err *err)
{
    struct seat_end_in in = { 0 };
    struct delib_body b;
    struct delib_check ck;
    struct auth_actor actor;
    int64_t id, body_id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        deliberation_seat_body(req->app, id, &body_id, err) < 0 ||
        deliberation_body_get(req->app, body_id, req->arena, &b, err) < 0 ||
        http_require_org(req, b.org_id, err) < 0 ||
        http_body_decode(req, SEAT_END_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_seat_end(req->app, id, in.left_on, &actor, req->arena, &ck, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:o}", "id", (json_int_t)id, "check", check_json(&ck)));
    return 0;
}

/* ---- meetings ---- */

static const struct field MEETING_IN[] = {
    FIELD_DATE(struct delib_meeting_in, held_on, "held_on", "会议日期", FIELD_REQUIRED),
    FIELD_STR(struct delib_meeting_in, place, "place", "地点", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct delib_meeting_in, agenda, "agenda", "议程", FIELD_REQUIRED, 2, 2000),
    FIELD_END,
};

static int meeting_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_meeting_in in = { 0 };
    struct delib_body b;
    struct auth_actor actor;
    int64_t id;

    if (body_scoped(req, &b, err) < 0 || http_body_decode(req, MEETING_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_meeting_create(req->app, b.id, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

static int meeting_scoped(struct http_req *req, struct delib_meeting *m, struct err *err)
{
    int64_t id;

    return http_param_id(req, 0, &id, err) < 0 ||
                   deliberation_meeting_get(req->app, id, req->arena, m, err) < 0 ||
                   http_require_org(req, m->org_id, err) < 0
               ? -1
               : 0;
}

static int meeting_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_meeting m;
    struct delib_presence *p;
    struct delib_ballot *b;
    int64_t n, nb;
    json_t *o, *pres, *ballots;

    if (meeting_scoped(req, &m, err) < 0 ||
        deliberation_presence(req->app, m.id, req->arena, &p, &n, err) < 0 ||
        deliberation_ballots(req->app, m.id, req->arena, &b, &nb, err) < 0)
        return -1;
    pres = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *x = json_pack("{s:I, s:s, s:s, s:s, s:b}", "person_id", (json_int_t)p[i].person_id,
                              "name", p[i].name, "role", p[i].role, "role_label",
                              enum_label(DELIB_ROLES, DELIB_ROLE_LABELS, p[i].role), "present",
                              p[i].how != NULL);
        json_object_set_new(x, "how", jstr(p[i].how));
        json_array_append_new(pres, x);
    }
    ballots = json_array();
    for (int64_t i = 0; i < nb; i++)
        json_array_append_new(ballots, ballot_json(&b[i]));
    o = meeting_json(&m);
    json_object_set_new(o, "presence", pres);
    json_object_set_new(o, "ballots", ballots);
    http_res_json(res, 200, o);
    return 0;
}

struct presence_in {
    int64_t person_id;
    bool present;
};
static const struct field PRESENCE_IN[] = {
    FIELD_ID(struct presence_in, person_id, "person_id", "代表", FIELD_REQUIRED),
    FIELD_BOOL(struct presence_in, present, "present", "到会", FIELD_REQUIRED),
    FIELD_END,
};

static int presence_set(struct http_req *req, struct http_res *res, struct err *err)
{
    struct presence_in in = { 0 };
    struct delib_meeting m;
    struct auth_actor actor;

    if (meeting_scoped(req, &m, err) < 0 || http_body_decode(req, PRESENCE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_presence_set(req->app, m.id, in.person_id, in.present, &actor, err) < 0)
        return -1;
    http_res_json(
        res, 200,
        json_pack("{s:I, s:b}", "person_id", (json_int_t)in.person_id, "present", in.present));
    return 0;
}

static const char *const MOVE_ACTIONS[] = { "open", "close", NULL };
struct move_in {
    char *action;
};
static const struct field MOVE_IN[] = {
    FIELD_ENUM(struct move_in, action, "action", "操作", FIELD_REQUIRED, MOVE_ACTIONS),
    FIELD_END,
};

static int meeting_move(struct http_req *req, struct http_res *res, struct err *err)
{
    struct move_in in = { 0 };
    struct delib_meeting m;
    struct auth_actor actor;

    if (meeting_scoped(req, &m, err) < 0 || http_body_decode(req, MOVE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_meeting_move(req->app, m.id, in.action, &actor, req->arena, err) < 0 ||
        deliberation_meeting_get(req->app, m.id, req->arena, &m, err) < 0)
        return -1;
    http_res_json(res, 200, meeting_json(&m));
    return 0;
}

/* ---- ballots ---- */

static const struct field OPTION_IN[] = {
    FIELD_STR(struct delib_option_in, title, "title", "选项", FIELD_REQUIRED, 1, 100),
    FIELD_INT(struct delib_option_in, cost_fen, "cost_fen", "估算费用（分）", FIELD_OPTIONAL, 0,
              INT64_C(100000000000)),
    FIELD_STR(struct delib_option_in, ref_kind, "ref_kind", "关联记录类别",
              FIELD_OPTIONAL | FIELD_ASCII, 1, 30),
    FIELD_ID(struct delib_option_in, ref_id, "ref_id", "关联记录编号", FIELD_OPTIONAL),
    FIELD_END,
};
static const struct field BALLOT_IN[] = {
    FIELD_STR(struct delib_ballot_in, title, "title", "表决事项", FIELD_REQUIRED, 2, 100),
    FIELD_ENUM(struct delib_ballot_in, method, "method", "表决方式", FIELD_REQUIRED, DELIB_METHODS),
    FIELD_INT(struct delib_ballot_in, max_choices, "max_choices", "限选（排序）项数",
              FIELD_OPTIONAL, 1, 100),
    FIELD_INT(struct delib_ballot_in, max_score, "max_score", "满分", FIELD_OPTIONAL, 1, 100),
    FIELD_INT(struct delib_ballot_in, winners, "winners", "入选名额", FIELD_OPTIONAL, 1, 100),
    FIELD_INT(struct delib_ballot_in, budget_fen, "budget_fen", "预算（分）", FIELD_OPTIONAL, 1,
              INT64_C(1000000000000)),
    FIELD_BOOL(struct delib_ballot_in, secret, "secret", "无记名投票", FIELD_OPTIONAL),
    FIELD_ARRAY(struct delib_ballot_in, options, "options", "选项", FIELD_REQUIRED, 2, 100,
                OPTION_IN),
    FIELD_END,
};
static const struct field OPTIONS_IN[] = {
    FIELD_ARRAY(struct delib_ballot_in, options, "options", "选项", FIELD_REQUIRED, 2, 100,
                OPTION_IN),
    FIELD_END,
};

static int ballot_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_ballot_in in = { 0 };
    struct delib_meeting m;
    struct auth_actor actor;
    int64_t id;

    if (meeting_scoped(req, &m, err) < 0 || http_body_decode(req, BALLOT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_ballot_create(req->app, m.id, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

static int ballot_scoped(struct http_req *req, struct delib_ballot *b, struct delib_option **o,
                         int64_t *n, struct err *err)
{
    int64_t id;

    return http_param_id(req, 0, &id, err) < 0 ||
                   deliberation_ballot_get(req->app, id, req->arena, b, o, n, err) < 0 ||
                   http_require_org(req, b->org_id, err) < 0
               ? -1
               : 0;
}

static int ballot_options_put(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_ballot_in in = { 0 };
    struct delib_ballot b;
    struct auth_actor actor;

    if (ballot_scoped(req, &b, NULL, NULL, err) < 0 ||
        http_body_decode(req, OPTIONS_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_ballot_options_set(req->app, b.id, &in, &actor, err) < 0)
        return -1;
    http_res_json(res, 200, json_pack("{s:I}", "id", (json_int_t)b.id));
    return 0;
}

static int ballot_move(struct http_req *req, struct http_res *res, struct err *err)
{
    struct move_in in = { 0 };
    struct delib_ballot b;
    struct auth_actor actor;

    if (ballot_scoped(req, &b, NULL, NULL, err) < 0 ||
        http_body_decode(req, MOVE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (deliberation_ballot_move(req->app, b.id, in.action, &actor, err) < 0 ||
        deliberation_ballot_get(req->app, b.id, req->arena, &b, NULL, NULL, err) < 0)
        return -1;
    http_res_json(res, 200, ballot_json(&b));
    return 0;
}

static int ballot_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_ballot b;
    struct delib_option *o;
    int64_t n;
    json_t *x;

    if (ballot_scoped(req, &b, &o, &n, err) < 0)
        return -1;
    x = ballot_json(&b);
    json_object_set_new(x, "options", options_json(o, n));
    http_res_json(res, 200, x);
    return 0;
}

static const struct field CHOICE_IN[] = {
    FIELD_ID(struct delib_choice_in, option_id, "option_id", "选项", FIELD_REQUIRED),
    FIELD_INT(struct delib_choice_in, score, "score", "评分", FIELD_OPTIONAL, -1000, 1000),
    FIELD_END,
};
static const struct field VOTE_IN[] = {
    FIELD_ARRAY(struct delib_vote_in, choices, "choices", "选择", FIELD_REQUIRED, 0, 100,
                CHOICE_IN),
    FIELD_END,
};

static int vote_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_vote_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, VOTE_IN, &in, NULL, err) < 0)
        return -1;
    if (!req->user->person_id)
        return err_set(err, E_FORBIDDEN, "", "当前账号未关联党员或居民，不能参加表决");
    http_actor(req, &actor);
    if (deliberation_vote(req->app, id, req->user->person_id, &in, &actor, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I, s:b}", "ballot_id", (json_int_t)id, "voted", 1));
    return 0;
}

static int result_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_ballot b;
    struct delib_result r;
    json_t *o, *tally, *sel, *lines, *sel_ids;

    if (ballot_scoped(req, &b, NULL, NULL, err) < 0 ||
        deliberation_ballot_result(req->app, b.id, req->arena, &r, err) < 0)
        return -1;
    tally = json_array();
    for (int64_t i = 0; i < r.ntally; i++) {
        const struct delib_tally *t = &r.tally[i];
        json_t *x = json_pack("{s:I, s:I, s:s, s:I, s:b}", "option_id", (json_int_t)t->option_id,
                              "rank", (json_int_t)t->rank, "title", t->title, "value",
                              (json_int_t)t->value, "selected", t->selected);
        json_object_set_new(x, "cost_fen", t->cost_fen >= 0 ? jint(t->cost_fen) : json_null());
        json_object_set_new(x, "ref_kind", jstr(t->ref_kind));
        json_object_set_new(x, "ref_id", t->ref_id ? jint(t->ref_id) : json_null());
        json_array_append_new(tally, x);
    }
    sel = json_array();
    sel_ids = json_array();
    for (int64_t i = 0; i < r.nselected; i++) {
        json_array_append_new(sel_ids, jint(r.selected_ids[i]));
        json_array_append_new(sel, r.selected_refs[i] ? jint(r.selected_refs[i]) : json_null());
    }
    lines = json_array();
    for (int64_t i = 0; i < r.nlines; i++)
        json_array_append_new(lines, jstr(r.lines[i]));
    o = json_pack("{s:I, s:s, s:s, s:b, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:b}", "ballot_id",
                  (json_int_t)r.ballot_id, "method", r.method, "status", r.status, "quorum_met",
                  r.quorum_met, "present", (json_int_t)r.present, "roster", (json_int_t)r.roster,
                  "voters", (json_int_t)r.voters, "tally", tally, "selected", sel_ids,
                  "selected_refs", sel, "lines", lines, "overridden", r.overridden);
    json_object_set_new(o, "tie_rule", jstr(r.tie_rule));
    json_object_set_new(o, "budget_fen", r.budget_fen ? jint(r.budget_fen) : json_null());
    json_object_set_new(o, "spent_fen",
                        r.budget_fen || r.overridden ? jint(r.spent_fen) : json_null());
    json_object_set_new(o, "override_reason", jstr(r.override_reason));
    json_object_set_new(o, "title", jstr(b.title));
    http_res_json(res, 200, o);
    return 0;
}

struct override_item {
    int64_t id;
};
struct override_in {
    struct override_item *option_ids;
    int64_t noption_ids;
    char *reason;
};
static const struct field OVERRIDE_ITEM[] = {
    FIELD_ID(struct override_item, id, "id", "选项", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field OVERRIDE_IN[] = {
    FIELD_ARRAY(struct override_in, option_ids, "option_ids", "改定后的入选选项", FIELD_REQUIRED, 0,
                100, OVERRIDE_ITEM),
    FIELD_STR(struct override_in, reason, "reason", "改定理由", FIELD_REQUIRED, 5, 500),
    FIELD_END,
};

static int override_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct override_in in = { 0 };
    struct delib_ballot b;
    struct auth_actor actor;
    int64_t *ids;

    if (ballot_scoped(req, &b, NULL, NULL, err) < 0 ||
        http_body_decode(req, OVERRIDE_IN, &in, NULL, err) < 0)
        return -1;
    ids = arena_alloc(req->arena, sizeof(*ids) * (size_t)(in.noption_ids + 1));
    for (int64_t i = 0; i < in.noption_ids; i++)
        ids[i] = in.option_ids[i].id;
    http_actor(req, &actor);
    if (deliberation_ballot_override(req->app, b.id, ids, in.noption_ids, in.reason, &actor, err) <
        0)
        return -1;
    return result_get(req, res, err);
}

static int my_ballots_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct delib_my_ballot *m = NULL;
    int64_t n = 0;
    json_t *arr = json_array();

    if (req->user->person_id &&
        deliberation_my_ballots(req->app, req->user->person_id, req->arena, &m, &n, err) < 0) {
        json_decref(arr);
        return -1;
    }
    for (int64_t i = 0; i < n; i++) {
        struct delib_ballot b;
        struct delib_option *o;
        int64_t no;
        json_t *x;
        if (deliberation_ballot_get(req->app, m[i].id, req->arena, &b, &o, &no, err) < 0) {
            json_decref(arr);
            return -1;
        }
        x = ballot_json(&b);
        json_object_set_new(x, "options", options_json(o, no));
        json_object_set_new(x, "body_name", jstr(m[i].body_name));
        json_object_set_new(x, "held_on", jstr(m[i].held_on));
        json_object_set_new(x, "voted", json_boolean(m[i].voted));
        json_array_append_new(arr, x);
    }
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static const struct route DELIBERATION_ROUTES[] = {
    { HTTP_GET, "/api/bodies", bodies_get, PERM_DELIBERATION_READ, SCOPE_CALLER,
      "议事机构（社区议事会、街道协商议事会），管辖范围内", NULL, ORG_Q, NULL },
    { HTTP_POST, "/api/bodies", body_create, PERM_DELIBERATION_WRITE, SCOPE_RECORD,
      "设立议事机构（社区议事会设在社区，街道协商议事会设在街道）", NULL, NULL, BODY_IN },
    { HTTP_GET, "/api/bodies/{id}", body_get, PERM_DELIBERATION_READ, SCOPE_RECORD,
      "议事机构：现任代表名册、构成规则检查和会议", NULL, NULL, NULL },
    { HTTP_POST, "/api/bodies/{id}/seats", seat_create, PERM_DELIBERATION_WRITE, SCOPE_RECORD,
      "代表名册增加一人（党员或居民）及其身份；答复带构成规则提示", NULL, NULL, SEAT_IN },
    { HTTP_POST, "/api/deliberation/seats/{id}/end", seat_end, PERM_DELIBERATION_WRITE,
      SCOPE_RECORD, "代表退出名册（退出日期）；答复带构成规则提示", NULL, NULL, SEAT_END_IN },
    { HTTP_POST, "/api/bodies/{id}/meetings", meeting_create, PERM_DELIBERATION_WRITE, SCOPE_RECORD,
      "召集议事会议：日期、地点、议程", NULL, NULL, MEETING_IN },
    { HTTP_GET, "/api/deliberation/meetings/{id}", meeting_get, PERM_DELIBERATION_READ,
      SCOPE_RECORD, "一次议事会议：到会情况和表决事项", NULL, NULL, NULL },
    { HTTP_POST, "/api/deliberation/meetings/{id}/presence", presence_set, PERM_DELIBERATION_WRITE,
      SCOPE_RECORD, "现场登记代表到会（或取消）", NULL, NULL, PRESENCE_IN },
    { HTTP_POST, "/api/deliberation/meetings/{id}/actions", meeting_move, PERM_DELIBERATION_WRITE,
      SCOPE_RECORD, "开会（代表构成不符合规则时拒绝并列出规则）或结束会议", NULL, NULL, MOVE_IN },
    { HTTP_POST, "/api/deliberation/meetings/{id}/ballots", ballot_create, PERM_DELIBERATION_WRITE,
      SCOPE_RECORD, "设立表决：方式（赞成票、评分、排序）、选项、预算或名额、是否无记名", NULL,
      NULL, BALLOT_IN },
    { HTTP_GET, "/api/ballots/{id}", ballot_get, PERM_DELIBERATION_READ, SCOPE_RECORD,
      "一项表决及其选项", NULL, NULL, NULL },
    { HTTP_PUT, "/api/ballots/{id}/options", ballot_options_put, PERM_DELIBERATION_WRITE,
      SCOPE_RECORD, "修改表决选项（投票开始后选项固定，返回 409）", NULL, NULL, OPTIONS_IN },
    { HTTP_POST, "/api/ballots/{id}/actions", ballot_move, PERM_DELIBERATION_WRITE, SCOPE_RECORD,
      "开始投票（会议须已开始）或结束投票", NULL, NULL, MOVE_IN },
    { HTTP_POST, "/api/ballots/{id}/votes", vote_create, PERM_SESSION, SCOPE_NONE,
      "代表投票（每人一票，重复投票返回 409；不在名册、选项不符拒绝）", NULL, NULL, VOTE_IN },
    { HTTP_GET, "/api/ballots/{id}/result", result_get, PERM_DELIBERATION_READ, SCOPE_RECORD,
      "表决结果：是否达到法定人数、计票、入选及逐条说明", NULL, NULL, NULL },
    { HTTP_POST, "/api/ballots/{id}/override", override_create, PERM_DELIBERATION_OVERRIDE,
      SCOPE_RECORD, "管理员改定入选名单（须写明理由，记入审计）", NULL, NULL, OVERRIDE_IN },
    { HTTP_GET, "/api/me/ballots", my_ballots_get, PERM_SESSION, SCOPE_NONE,
      "我的表决：本人所在议事机构正在进行的表决及其选项（手机投票页）", NULL, NULL, NULL },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/deliberation.js). Voting needs no permission: the roster decides. */
static const struct perm_row DELIBERATION_PERMS[] = {
    PERM_ROW(PERM_DELIBERATION_READ, "deliberation.read", "查看议事协商：议事机构、会议和表决结果",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY)),
    PERM_ROW(PERM_DELIBERATION_WRITE, "deliberation.write",
             "组织议事协商：代表名册、会议、到会登记和表决", ROLES_MANAGERS),
    PERM_ROW(PERM_DELIBERATION_OVERRIDE, "deliberation.override", "改定表决入选名单（须写明理由）",
             ROLE_BIT(ROLE_ADMIN)),
    PERM_ROWS_END,
};

static const struct audit_action DELIBERATION_AUDIT[] = {
    { "delib.body", "设立议事机构", "delib_body" },
    { "delib.seat", "代表名册增加代表", "delib_seat" },
    { "delib.seat_end", "代表退出名册", "delib_seat" },
    { "delib.meeting", "召集议事会议", "delib_meeting" },
    { "delib.presence", "登记代表到会", "delib_meeting" },
    { "delib.meeting_open", "议事会议开始", "delib_meeting" },
    { "delib.meeting_close", "议事会议结束", "delib_meeting" },
    { "delib.ballot", "设立表决", "delib_poll" },
    { "delib.options", "修改表决选项", "delib_poll" },
    { "delib.ballot_open", "开始投票", "delib_poll" },
    { "delib.ballot_close", "结束投票", "delib_poll" },
    { "delib.override", "改定入选名单", "delib_poll" },
    { NULL, NULL, NULL },
};

static const struct code_table DELIBERATION_CODES[] = {
    { "delib_body_kind", DELIB_BODY_KINDS, DELIB_BODY_KIND_LABELS },
    { "delib_role", DELIB_ROLES, DELIB_ROLE_LABELS },
    { "delib_method", DELIB_METHODS, DELIB_METHOD_LABELS },
    { "delib_poll_status", DELIB_BALLOT_STATUSES, DELIB_BALLOT_STATUS_LABELS },
    { "delib_meeting_status", DELIB_MEETING_STATUSES, DELIB_MEETING_STATUS_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter DELIBERATION_COUNTER = { "deliberation", "议事协商" };
static const struct change_counter *const DELIBERATION_COUNTERS[] = { &DELIBERATION_COUNTER, NULL };
static const struct demo_hook *const DELIBERATION_DEMOS[] = { &DELIBERATION_DEMO, NULL };

extern const struct module DELIBERATION_MODULE;
const struct module DELIBERATION_MODULE = {
    .name = "deliberation",
    .routes = DELIBERATION_ROUTES,
    .perms = DELIBERATION_PERMS,
    .audit_actions = DELIBERATION_AUDIT,
    .codes = DELIBERATION_CODES,
    .counters = DELIBERATION_COUNTERS,
    .demo = DELIBERATION_DEMOS,
};
