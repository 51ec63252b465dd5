/* projects_ballot_http.c: the 问计 route and its module row: a community's feasible proposals
 * put to the vote of a deliberation meeting (projects_ballot.c). It needs deliberation.write at
 * the meeting's org; the proposals must lie at or under it. The selection is then taken from
 * the closed ballot by POST /api/selections {ballot_id} (projects_http.c). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/deliberation/deliberation.h"
#include "domain/modules.h"
#include "domain/projects/projects.h"
#include "http/http.h"

static const struct field PROPOSAL_ITEM[] = {
    FIELD_ID(struct proj_proposal_ref, proposal_id, "proposal_id", "项目建议", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field PROPOSAL_BALLOT_IN[] = {
    FIELD_STR(struct proj_ballot_in, title, "title", "表决事项", FIELD_REQUIRED, 2, 100),
    FIELD_ENUM(struct proj_ballot_in, method, "method", "表决方式", FIELD_REQUIRED, DELIB_METHODS),
    FIELD_INT(struct proj_ballot_in, max_choices, "max_choices", "限选（排序）项数", FIELD_OPTIONAL,
              1, 100),
    FIELD_INT(struct proj_ballot_in, max_score, "max_score", "满分", FIELD_OPTIONAL, 1, 100),
    FIELD_INT(struct proj_ballot_in, winners, "winners", "入选名额", FIELD_OPTIONAL, 1, 100),
    FIELD_BOOL(struct proj_ballot_in, secret, "secret", "无记名投票", FIELD_OPTIONAL),
    FIELD_ARRAY(struct proj_ballot_in, proposals, "proposals", "表决的项目建议", FIELD_REQUIRED, 2,
                100, PROPOSAL_ITEM),
    FIELD_END,
};

static int proposal_ballot_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_ballot_in in = { 0 };
    struct delib_meeting m;
    struct auth_actor actor;
    int64_t meeting_id, id;

    if (http_param_id(req, 0, &meeting_id, err) < 0 ||
        deliberation_meeting_get(req->app, meeting_id, req->arena, &m, err) < 0 ||
        http_require_org(req, m.org_id, err) < 0 ||
        http_body_decode(req, PROPOSAL_BALLOT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_ballot_create(req->app, meeting_id, &in, &actor, req->arena, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

static const struct route PROJECTS_BALLOT_ROUTES[] = {
    { HTTP_POST, "/api/deliberation/meetings/{id}/proposal-ballots", proposal_ballot_create,
      PERM_DELIBERATION_WRITE, SCOPE_RECORD,
      "把一个社区同一年度可行的民生实事建议提交议事会议表决（预算即年度预算）", NULL, NULL,
      PROPOSAL_BALLOT_IN },
    { 0 },
};

const struct module PROJECTS_BALLOT_MODULE = {
    .name = "projects_ballot",
    .routes = PROJECTS_BALLOT_ROUTES,
};
