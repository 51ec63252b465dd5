/* orglife_vote_http.c: routes of votes inside a meeting and their module row (found by
 * tools/gen-modules.sh; the permissions are the orglife area's): list and open votes, record a
 * ballot (a cadre for an open vote or a written opinion; the voter's own for a secret one),
 * enter paper tallies, close with the computed result; a member's own open secret votes. A
 * cadre's call answers with the meeting's votes. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/modules.h"
#include "domain/orglife/orglife.h"
#include "http/http.h"

static json_t *vote_json(const struct vote_view *v)
{
    json_t *voters = json_array();
    json_t *o;

    for (int64_t i = 0; i < v->nvoters; i++)
        json_array_append_new(voters, json_pack("{s:I, s:s, s:s, s:s?}", "person_id",
                                                (json_int_t)v->voters[i].person_id, "name",
                                                v->voters[i].name, "how", v->voters[i].how,
                                                "choice", v->voters[i].choice));
    o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:o}",
                  "id", (json_int_t)v->id, "subject", v->subject, "kind", v->kind, "kind_label",
                  enum_label(VOTE_KINDS, VOTE_KIND_LABELS, v->kind), "method", v->method,
                  "method_label", enum_label(VOTE_METHODS, VOTE_METHOD_LABELS, v->method),
                  "expected_n", (json_int_t)v->expected_n, "present_n", (json_int_t)v->present_n,
                  "written_n", (json_int_t)v->written_n, "yes_n", (json_int_t)v->yes_n, "no_n",
                  (json_int_t)v->no_n, "abstain_n", (json_int_t)v->abstain_n, "invalid_n",
                  (json_int_t)v->invalid_n, "paper", v->paper, "voters", voters);
    json_object_set_new(o, "excluded",
                        v->excluded ? json_loads(v->excluded, 0, NULL) : json_array());
    json_object_set_new(o, "result", jstr(v->result));
    json_object_set_new(
        o, "result_label",
        jstr(v->result ? enum_label(VOTE_RESULTS, VOTE_RESULT_LABELS, v->result) : NULL));
    json_object_set_new(o, "quorum_rule", jstr(v->quorum_rule));
    json_object_set_new(o, "pass_rule", jstr(v->pass_rule));
    json_object_set_new(o, "resolution", jstr(v->resolution));
    json_object_set_new(o, "candidate_person_id",
                        v->candidate_person_id ? jint(v->candidate_person_id) : json_null());
    json_object_set_new(o, "candidate_name", jstr(v->candidate_name));
    return o;
}

static int respond_votes(struct http_req *req, struct http_res *res, int64_t meeting_id, int status,
                         struct err *err)
{
    struct vote_view *v;
    int64_t n;
    json_t *arr;

    if (meeting_votes(req->app, meeting_id, req->arena, &v, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, vote_json(&v[i]));
    http_res_json(res, status, json_pack("{s:o}", "items", arr));
    return 0;
}

/* The meeting of the path, its org checked against the route's permission. */
static int meeting_of(struct http_req *req, struct meeting_view *m, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || meeting_get(req->app, id, req->arena, m, err) < 0)
        return -1;
    return http_require_org(req, m->org_id, err);
}

static int votes_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;

    return meeting_of(req, &m, err) < 0 ? -1 : respond_votes(req, res, m.id, 200, err);
}

static const struct field EXCLUDED_IN[] = {
    FIELD_ID(struct vote_excluded_in, person_id, "person_id", "不计入人员", FIELD_REQUIRED),
    FIELD_STR(struct vote_excluded_in, reason, "reason", "不计入理由", FIELD_REQUIRED, 2, 100),
    FIELD_END,
};
static const struct field VOTE_IN[] = {
    FIELD_STR(struct vote_in, subject, "subject", "表决事项", FIELD_REQUIRED, 2, 200),
    FIELD_ENUM(struct vote_in, kind, "kind", "表决类型", FIELD_REQUIRED, VOTE_KINDS),
    FIELD_ENUM(struct vote_in, method, "method", "表决方式", FIELD_REQUIRED, VOTE_METHODS),
    FIELD_ID(struct vote_in, candidate_person_id, "candidate_person_id", "表决对象",
             FIELD_NULLABLE),
    FIELD_STR(struct vote_in, resolution, "resolution", "决议内容", FIELD_NULLABLE, 0, 2000),
    FIELD_ARRAY(struct vote_in, excluded, "excluded", "不计入应到会人数的党员", FIELD_OPTIONAL, 0,
                100, EXCLUDED_IN),
    FIELD_END,
};

static int votes_open(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct vote_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (meeting_of(req, &m, err) < 0 || http_body_decode(req, VOTE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (meeting_vote_open(req->app, m.id, &in, &actor, &id, err) < 0)
        return -1;
    return respond_votes(req, res, m.id, 201, err);
}

static const struct field BALLOT_IN[] = {
    FIELD_ID(struct ballot_in, person_id, "person_id", "表决人", FIELD_REQUIRED),
    FIELD_ENUM(struct ballot_in, choice, "choice", "表决意见", FIELD_REQUIRED, VOTE_CHOICES),
    FIELD_ENUM(struct ballot_in, how, "how", "表决形式", FIELD_REQUIRED, VOTE_HOWS),
    FIELD_END,
};

/* A cadre records a ballot of an open vote or a written opinion (a secret ballot is the
 * voter's own, POST /api/me/votes/{vote}/ballot). */
static int votes_ballot(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct ballot_in in = { 0 };
    struct auth_actor actor;
    int64_t vote;

    if (meeting_of(req, &m, err) < 0 || http_param_id(req, 1, &vote, err) < 0 ||
        http_body_decode(req, BALLOT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (meeting_vote_ballot(req->app, m.id, vote, &in, false, &actor, err) < 0)
        return -1;
    return respond_votes(req, res, m.id, 201, err);
}

struct my_ballot_in {
    char *choice, *how;
};
static const struct field MY_BALLOT_IN[] = {
    FIELD_ENUM(struct my_ballot_in, choice, "choice", "表决意见", FIELD_REQUIRED, VOTE_CHOICES),
    FIELD_ENUM(struct my_ballot_in, how, "how", "表决形式", FIELD_REQUIRED, VOTE_HOWS),
    FIELD_END,
};

/* The caller's own ballot in a vote they hold a vote in; a vote they have no part in reads as
 * not found. The answer says only that it was recorded. */
static int my_ballot(struct http_req *req, struct http_res *res, struct err *err)
{
    struct my_ballot_in in = { 0 };
    struct ballot_in b;
    struct auth_actor actor;
    int64_t vote, meeting_id;

    if (http_param_id(req, 0, &vote, err) < 0 ||
        http_body_decode(req, MY_BALLOT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    b = (struct ballot_in){ .person_id = actor.user->person_id,
                            .choice = in.choice,
                            .how = in.how };
    if (!b.person_id || meeting_vote_meeting(req->app, vote, &meeting_id, err) < 0)
        return err_set(err, E_NOT_FOUND, "", "表决事项不存在");
    if (meeting_vote_ballot(req->app, meeting_id, vote, &b, true, &actor, err) < 0) {
        if (err->code == E_INVALID && !strcmp(err->field, "/person_id"))
            err_set(err, E_NOT_FOUND, "", "表决事项不存在");
        return -1;
    }
    http_res_json(res, 201, json_pack("{s:b}", "recorded", 1));
    return 0;
}

/* The caller's open secret votes: whether they were recorded present (a ballot needs it) and
 * whether they voted; what they chose is stored nowhere. */
static int my_votes(struct http_req *req, struct http_res *res, struct err *err)
{
    struct auth_actor actor;
    struct vote_mine *v = NULL;
    int64_t n = 0;
    json_t *arr = json_array();

    http_actor(req, &actor);
    if (actor.user->person_id &&
        meeting_my_votes(req->app, actor.user->person_id, req->arena, &v, &n, err) < 0) {
        json_decref(arr);
        return -1;
    }
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "id",
                           (json_int_t)v[i].id, "meeting_id", (json_int_t)v[i].meeting_id,
                           "subject", v[i].subject, "kind", v[i].kind, "kind_label",
                           enum_label(VOTE_KINDS, VOTE_KIND_LABELS, v[i].kind), "topic", v[i].topic,
                           "starts_at", v[i].starts_at, "org_name", v[i].org_name, "present",
                           v[i].present, "voted", v[i].voted));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

static const struct field TALLY_IN[] = {
    FIELD_INT(struct tally_in, yes, "yes", "赞成票", FIELD_REQUIRED, 0, 100000),
    FIELD_INT(struct tally_in, no, "no", "反对票", FIELD_REQUIRED, 0, 100000),
    FIELD_INT(struct tally_in, abstain, "abstain", "弃权票", FIELD_REQUIRED, 0, 100000),
    FIELD_INT(struct tally_in, invalid, "invalid", "废票", FIELD_OPTIONAL, 0, 100000),
    FIELD_END,
};

static int votes_tally(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct tally_in in = { 0 };
    struct auth_actor actor;
    int64_t vote;

    if (meeting_of(req, &m, err) < 0 || http_param_id(req, 1, &vote, err) < 0 ||
        http_body_decode(req, TALLY_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (meeting_vote_tally(req->app, m.id, vote, &in, &actor, err) < 0)
        return -1;
    return respond_votes(req, res, m.id, 200, err);
}

static int votes_close(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct auth_actor actor;
    int64_t vote;

    if (meeting_of(req, &m, err) < 0 || http_param_id(req, 1, &vote, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (meeting_vote_close(req->app, m.id, vote, &actor, err) < 0)
        return -1;
    return respond_votes(req, res, m.id, 200, err);
}

static const struct route VOTE_ROUTES[] = {
    { HTTP_GET, "/api/meetings/{id}/votes", votes_list, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "会议中的表决事项（应到、实到、票数、结果）", NULL, NULL, NULL },
    { HTTP_POST, "/api/meetings/{id}/votes", votes_open, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "发起表决（应到会有表决权人数按会议当日名册计算，预备党员不计）", NULL, NULL, VOTE_IN },
    { HTTP_POST, "/api/meetings/{id}/votes/{vote}/ballots", votes_ballot, PERM_ORGLIFE_WRITE,
      SCOPE_RECORD, "登记举手表决或会前书面意见（记名）", NULL, NULL, BALLOT_IN },
    { HTTP_GET, "/api/me/votes", my_votes, PERM_SESSION, SCOPE_NONE,
      "本人可投的无记名表决（是否已到会、是否已投票；不含所投意见）", NULL, NULL, NULL },
    { HTTP_POST, "/api/me/votes/{vote}/ballot", my_ballot, PERM_SESSION, SCOPE_NONE,
      "本人投票（无记名投票只计入票数，不与投票人关联）", NULL, NULL, MY_BALLOT_IN },
    { HTTP_PUT, "/api/meetings/{id}/votes/{vote}/tally", votes_tally, PERM_ORGLIFE_WRITE,
      SCOPE_RECORD, "录入无记名纸质选票的计票结果", NULL, NULL, TALLY_IN },
    { HTTP_POST, "/api/meetings/{id}/votes/{vote}/close", votes_close, PERM_ORGLIFE_WRITE,
      SCOPE_RECORD, "结束表决并按规则计算结果（不可手填）", NULL, NULL, NULL },
    { 0 },
};

static const struct audit_action VOTE_AUDIT[] = {
    { "meeting.vote_open", "发起表决", "meeting_vote" },
    { "meeting.vote_ballot", "登记表决票", "meeting_vote" },
    { "meeting.vote_tally", "录入计票结果", "meeting_vote" },
    { "meeting.vote_close", "结束表决", "meeting_vote" },
    { NULL, NULL, NULL },
};

static const struct code_table VOTE_CODES[] = {
    { "vote_kind", VOTE_KINDS, VOTE_KIND_LABELS },
    { "vote_method", VOTE_METHODS, VOTE_METHOD_LABELS },
    { "vote_choice", VOTE_CHOICES, VOTE_CHOICE_LABELS },
    { "vote_how", VOTE_HOWS, VOTE_HOW_LABELS },
    { "vote_result", VOTE_RESULTS, VOTE_RESULT_LABELS },
    { NULL, NULL, NULL },
};

extern const struct module ORGLIFE_VOTE_MODULE;
const struct module ORGLIFE_VOTE_MODULE = {
    .name = "orglife_vote",
    .routes = VOTE_ROUTES,
    .audit_actions = VOTE_AUDIT,
    .codes = VOTE_CODES,
};
