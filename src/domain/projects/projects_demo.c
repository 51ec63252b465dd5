/* projects_demo.c: the 民生实事 demo hook, at the demo street's own community: last year's
 * projects adopted, completed and evaluated at the residents' assembly (paper forms, no
 * account), with one 问责 case closed; this year's at the 问效 stage (needs from real demo
 * demands taken in before the list was published, proposals reviewed, the list published and
 * adopted, projects in progress with milestones and supervision notes). Deterministic (no random
 * draw), written through the area's store in the demo's transaction; a few dozen rows. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/projects/projects_int.h"

/* One project of a year: its need (from demand k of the community, or a meeting), its
 * proposal and cost, and its milestones' titles and weights. */
static const struct demo_proj {
    const char *need, *source, *title, *body;
    int64_t cost_fen;
    const char *ms[3];
    int64_t w[3];
} LAST[] = {
    { "老旧小区楼道照明不足", "demand", "楼道声控灯更换", "社区居委会", 3600000,
      { "摸底排查", "集中更换", "验收" }, { 2, 6, 2 } },
    { "增设老年助餐点", "meeting", "社区老年助餐点", "街道民政科", 8500000,
      { "选址", "装修改造", "开业运营" }, { 2, 5, 3 } },
}, THIS[] = {
    { "小区路面坑洼积水", "demand", "小区道路修缮", "街道城管科", 9800000,
      { "方案设计", "施工", "验收" }, { 2, 6, 2 } },
    { "健身器材老化", "demand", "健身器材更新", "社区居委会", 2400000,
      { "采购", "安装", "验收" }, { 3, 5, 2 } },
    { "非机动车充电难", "demand", "电动自行车集中充电棚", "物业公司", 4600000,
      { "选址公示", "建设", "投入使用" }, { 2, 6, 2 } },
};

static char *day(const struct demo_ctx *ctx, int64_t off, struct arena *a)
{
    int y, m, d;

    date_from_days(ctx->today_days + off, &y, &m, &d);
    return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

/* Needs, proposals (reviewed feasible), a selection published from pub_off days ago and
 * adopted, projects with milestones; done_upto: milestones done per project (3: all). */
static int demo_year(const struct demo_ctx *ctx, struct arena *a, const struct proj_org *o,
                     int64_t year, const struct demo_proj *ps, int64_t n, const int64_t *demands,
                     int64_t ndemands, int64_t pub_off, const int *done_upto,
                     struct proj_project *out, struct err *err)
{
    struct db_conn *c = ctx->c;
    struct proj_selection_in sin = { .org_id = o->id, .year = year };
    struct proj_selection s;
    int64_t total = 0, sid, dk = 0;
    int64_t *pids = arena_alloc(a, sizeof(*pids) * (size_t)n);

    for (int64_t i = 0; i < n; i++) {
        struct proj_need_in nin = { .org_id = o->id, .year = year };
        struct proj_proposal_in pin = { .org_id = o->id, .year = year };
        int64_t nid, demand = 0;
        nin.title = arena_strdup(a, ps[i].need);
        nin.source_kind = arena_strdup(a, ps[i].source);
        if (!strcmp(ps[i].source, "demand")) {
            if (dk >= ndemands)
                nin.source_kind = arena_strdup(a, "resident");
            else
                demand = nin.source_id = demands[dk++];
        }
        pin.title = arena_strdup(a, ps[i].title);
        pin.body = arena_strdup(a, ps[i].body);
        pin.cost_fen = ps[i].cost_fen;
        if (projects_store_need_insert(c, o, &nin, demand, 0, ctx->now, &nid, err) < 0 ||
            projects_store_proposal_insert(c, o, &pin, 0, ctx->now, &pids[i], err) < 0 ||
            projects_store_proposal_need(c, o->tenant_id, pids[i], nid, err) < 0 ||
            projects_store_review(c, pids[i], "feasible", ps[i].cost_fen, NULL, 0, ctx->now, err) <
                0)
            return -1;
        total += ps[i].cost_fen;
    }
    sin.basis =
        arena_strdup(a, year < strtoll(ctx->today, NULL, 10)
                            ? "社区议事协商会议排序，街道民生实事协商会确定"
                            : "社区党委召集人大代表、政协委员和居民代表议事会排序，街道协商会确定");
    if (projects_store_budget_set(c, o, year, total + 1500000, 0, ctx->now, err) < 0 ||
        projects_store_selection_insert(c, o, &sin, total, total + 1500000, 0, ctx->now, &sid,
                                        err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++)
        if (projects_store_selection_item(c, o->tenant_id, sid, i + 1, pids[i], ps[i].cost_fen,
                                          err) < 0)
            return -1;
    if (projects_store_publish(c, sid, 7, day(ctx, pub_off, a), day(ctx, pub_off + 6, a), 0,
                               ctx->now, err) < 0 ||
        projects_store_adopt(c, sid, 0, ctx->now, err) < 0 ||
        projects_store_selection(c, sid, a, &s, err) < 0)
        return -1;
    for (int64_t i = 0; i < s.nitems; i++)
        if (projects_store_project_insert(c, &s, o->tenant_id, &s.items[i], ctx->now, err) < 0)
            return -1;
    {
        struct proj_project *pj;
        int64_t np;
        if (projects_store_projects(c, o->path, year, true, a, &pj, &np, err) < 0)
            return -1;
        for (int64_t i = 0; i < np && i < n; i++) {
            out[i] = pj[i];
            for (int k = 0; k < 3; k++) {
                struct proj_milestone_in m = { .weight = ps[i].w[k] };
                int64_t mid;
                m.title = arena_strdup(a, ps[i].ms[k]);
                m.planned_on = day(ctx, pub_off + 40 + k * 70 + i * 9, a);
                if (k < done_upto[i])
                    m.done_on = day(ctx, pub_off + 43 + k * 70 + i * 9, a);
                if (projects_store_milestone_insert(c, o->tenant_id, pj[i].id, &m, 0, ctx->now,
                                                    &mid, err) < 0)
                    return -1;
            }
        }
    }
    return 0;
}

static int projects_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    static const struct proj_eval_row FORMS[] = {
        { 5, 4, 5, "satisfied" }, { 4, 4, 5, "satisfied" }, { 4, 3, 4, "basically" },
        { 5, 5, 5, "satisfied" }, { 3, 2, 4, "basically" }, { 2, 2, 3, "unsatisfied" },
        { 4, 4, 4, "satisfied" }, { 5, 4, 4, "satisfied" },
    };
    struct arena a;
    struct proj_org o;
    struct proj_project last[2], now[3];
    int64_t *dem, ndem, *old, nold, year = strtoll(ctx->today, NULL, 10), id;
    const int all[] = { 3, 3 }, some[] = { 2, 1, 1 };
    int rc = -1;

    if (!ctx->street->community_org_id)
        return 0;
    arena_init(&a, 1u << 15);
    if (projects_store_org(ctx->c, ctx->street->community_org_id, &a, &o, err) < 0 ||
        /* A need links only demands taken in before its list was published. */
        projects_store_demo_demands(ctx->c, o.path, ctx->now - (365 + 330) * 86400LL, 1, &a, &old,
                                    &nold, err) < 0 ||
        projects_store_demo_demands(ctx->c, o.path, ctx->now - 150 * 86400LL, 3, &a, &dem, &ndem,
                                    err) < 0 ||
        demo_year(ctx, &a, &o, year - 1, LAST, 2, old, nold, -365 - 300, all, last, err) < 0 ||
        demo_year(ctx, &a, &o, year, THIS, 3, dem, ndem, -120, some, now, err) < 0)
        goto out;
    /* Last year: completed, evaluated on paper at the assembly, one 问责 case closed. */
    for (int i = 0; i < 2; i++) {
        if (projects_store_status(ctx->c, last[i].id, "done", ctx->now, err) < 0)
            goto out;
        for (size_t k = 0; k < sizeof(FORMS) / sizeof(FORMS[0]) - (size_t)i * 3; k++) {
            struct proj_eval_in e = { FORMS[k].quality, FORMS[k].timeliness, FORMS[k].benefit,
                                      arena_strdup(&a, FORMS[k].satisfaction), NULL };
            if (projects_store_eval_insert(ctx->c, o.tenant_id, last[i].id, year - 1, 0, &e,
                                           ctx->now, err) < 0)
                goto out;
        }
    }
    {
        struct proj_account_in x = {
            arena_strdup(&a, "装修改造延误一个月，开业推迟"),
            arena_strdup(&a, "施工单位及街道民政科"),
            day(ctx, -365 - 60, &a),
            arena_strdup(&a, "约谈施工单位，扣减尾款；民政科作出书面说明"),
            day(ctx, -365 - 70, &a),
        };
        if (projects_store_account_insert(ctx->c, o.tenant_id, last[1].id, &x, 0, ctx->now, &id,
                                          err) < 0)
            goto out;
    }
    /* This year: supervision notes on the projects under way. */
    if (projects_store_note_insert(ctx->c, o.tenant_id, now[0].id,
                                   "人大代表现场查看：施工围挡规范，提醒夜间降噪", 0, ctx->now, &id,
                                   err) < 0 ||
        projects_store_note_insert(ctx->c, o.tenant_id, now[2].id,
                                   "居民代表反映充电棚选址靠近窗户，已转物业调整", 0, ctx->now, &id,
                                   err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook PROJECTS_DEMO = { "projects", DEMO_PHASE_DONE, projects_demo_run };
