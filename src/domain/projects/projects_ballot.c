/* projects_ballot.c: the 问计 link between the 民生实事 area and the deliberation area. A
 * community's feasible proposals of one year are put to the vote of a deliberation meeting as a
 * budget ballot (each option points at its proposal: ref_kind "proposal", its title and cost
 * taken from the proposal, the budget from the year's), and a year's selection is taken from a
 * closed, valid ballot: its selected options, in rank order, become the selection's proposals
 * and the ballot is recorded with it. Nothing is typed twice. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/deliberation/deliberation.h"
#include "domain/orgpath.h"
#include "domain/projects/projects_int.h"

int proj_ballot_create(struct app *app, int64_t meeting_id, const struct proj_ballot_in *in,
                       const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                       struct err *err)
{
    struct delib_meeting m;
    struct delib_ballot_in b = { .title = in->title,
                                 .method = in->method,
                                 .max_choices = in->max_choices,
                                 .max_score = in->max_score,
                                 .winners = in->winners,
                                 .secret = in->secret };
    struct proj_proposal first = { 0 };
    int64_t budget = -1;

    if (deliberation_meeting_get(app, meeting_id, a, &m, err) < 0)
        return -1;
    b.options = arena_alloc(a, sizeof(*b.options) * (size_t)(in->nproposals ? in->nproposals : 1));
    b.noptions = in->nproposals;
    for (int64_t i = 0; i < in->nproposals; i++) {
        struct proj_proposal p;
        const char *path = arena_printf(a, "/proposals/%" PRId64 "/proposal_id", i);
        for (int64_t k = 0; k < i; k++)
            if (in->proposals[k].proposal_id == in->proposals[i].proposal_id)
                return err_set(err, E_INVALID, path, "第%" PRId64 "项建议重复", i + 1);
        if (proj_proposal_get(app, in->proposals[i].proposal_id, a, &p, err) < 0) {
            if (err->code == E_NOT_FOUND)
                err_set(err, E_INVALID, path, "第%" PRId64 "项建议不存在", i + 1);
            return -1;
        }
        if (i == 0)
            first = p;
        if (p.org_id != first.org_id || p.year != first.year)
            return err_set(err, E_INVALID, path, "表决的建议须属于同一社区的同一年度");
        if (strcmp(p.status, "feasible") || p.selected)
            return err_set(err, E_INVALID, path, "第%" PRId64 "项建议“%s”%s", i + 1, p.title,
                           p.selected ? "已列入实事清单" : "未经可行性审查认定可行");
        b.options[i] = (struct delib_option_in){ .title = arena_strdup(a, p.title),
                                                 .ref_kind = arena_strdup(a, "proposal"),
                                                 .cost_fen = p.cost_fen,
                                                 .ref_id = p.id };
    }
    if (in->nproposals) {
        struct proj_org o;
        if (projects_org_get(app, first.org_id, a, &o, err) < 0)
            return -1;
        if (!orgpath_within(o.path, m.org_path))
            return err_set(err, E_INVALID, "/proposals",
                           "这次会议的议事机构不在建议所属社区或其上级，不能表决这些建议");
    }
    if (in->nproposals && proj_budget_get(app, first.org_id, first.year, &budget, err) < 0)
        return -1;
    if (in->nproposals && budget < 0)
        return err_set(err, E_INVALID, "/proposals", "%" PRId64 "年度尚未设定民生实事预算",
                       first.year);
    b.budget_fen = budget > 0 ? budget : 0;
    return deliberation_ballot_create(app, meeting_id, &b, actor, id_out, err);
}

int proj_selection_from_ballot(struct app *app, struct proj_selection_in *in, struct arena *a,
                               struct err *err)
{
    struct delib_result r;

    if (in->nproposals)
        return err_set(err, E_INVALID, "/proposals", "依表决结果确定清单时不再另列项目");
    if (deliberation_ballot_result(app, in->ballot_id, a, &r, err) < 0) {
        if (err->code == E_NOT_FOUND)
            err_set(err, E_INVALID, "/ballot_id", "表决不存在");
        return -1;
    }
    if (strcmp(r.status, "closed"))
        return err_set(err, E_CONFLICT, "/ballot_id", "表决尚未结束，结束后才能据此确定清单");
    if (!r.quorum_met && !r.overridden)
        return err_set(err, E_CONFLICT, "/ballot_id",
                       "到会代表 %" PRId64 "/%" PRId64 " 人，未达到法定人数，表决无效", r.present,
                       r.roster);
    /* The selected options in their order (rank order, or an override's), proposals only. */
    in->proposals =
        arena_alloc(a, sizeof(*in->proposals) * (size_t)(r.nselected ? r.nselected : 1));
    for (int64_t k = 0; k < r.nselected; k++)
        for (int64_t i = 0; i < r.ntally; i++)
            if (r.tally[i].option_id == r.selected_ids[k] && r.tally[i].ref_kind &&
                !strcmp(r.tally[i].ref_kind, "proposal"))
                in->proposals[in->nproposals++].proposal_id = r.tally[i].ref_id;
    if (!in->nproposals)
        return err_set(err, E_CONFLICT, "/ballot_id", "这次表决没有入选的项目建议");
    return 0;
}
