/* funds_demo.c: the funds area's demo hook: this year's Party-building funds of the demo
 * street's communities: budgets (FUND-BUDGET, FUND-RESERVE), a plan per quarter so far with
 * two or three activities, the district's decisions (one activity adjusted per community, one
 * refused in the first community), allocations and spending for the quarters before this one
 * (the second community spends well under its allocation), this quarter's plans forwarded and
 * awaiting review, one still awaiting the street; every allocated activity's use recorded and
 * checked (the under-spender's as partly used). Deterministic (no random draw), written through
 * the area's store; and last year's budgets and 七一 commendations (demo_rewards). It writes
 * no photos. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/funds/funds_int.h"

static const struct {
    const char *title, *content, *category, *category2;
    int64_t fen, fen2;
} ACTS[] = {
    { "主题党日：重温入党誓词", "组织党员到社区党群服务中心重温入党誓词，学习党章", "materials",
      "venue", 80000, 40000 },
    { "党员志愿服务进小区", "在职党员和小区党员一起清理楼道、整治环境", "supplies", "transport",
      60000, 20000 },
    { "党史学习讲座", "邀请街道党校老师讲党史，居民代表列席", "materials", "other", 50000, 10000 },
    { "困难党员走访慰问", "走访慰问老党员、困难党员，送去慰问品", "honor", "transport", 120000,
      10000 },
    { "红色观影与座谈", "组织党员和青少年观看红色影片，座谈心得", "venue", "supplies", 40000,
      30000 },
    { "邻里节党群共建活动", "驻区单位和社区党组织共同举办邻里节", "venue", "supplies", 90000,
      50000 },
};
#define NACTS (sizeof(ACTS) / sizeof(ACTS[0]))

/* One plan of community ci for quarter q, moved as far as stage (1 submitted, 2 forwarded,
 * 3 reviewed and allocated with spending). */
static int demo_plan(const struct demo_ctx *ctx, struct arena *a, const struct funds_org *o,
                     int64_t ci, int64_t year, int64_t q, int stage, const char *deadline,
                     struct err *err)
{
    struct db_conn *c = ctx->c;
    struct funds_plan_in in = { .org_id = o->id, .year = year, .quarter = q };
    struct funds_plan p;
    int64_t nact = 2 + (ci + q) % 2, id;
    bool under = ci == 1;

    in.nactivities = nact;
    in.activities = arena_alloc(a, sizeof(*in.activities) * (size_t)nact);
    memset(in.activities, 0, sizeof(*in.activities) * (size_t)nact);
    for (int64_t k = 0; k < nact; k++) {
        struct funds_activity_in *v = &in.activities[k];
        size_t t = (size_t)(ci + q * 2 + k) % NACTS;
        v->title = ACTS[t].title;
        v->content = ACTS[t].content;
        v->date = arena_printf(a, "%04d-%02d-%02d", (int)year, (int)((q - 1) * 3 + 1 + k),
                               (int)(8 + (ci * 3 + k * 5) % 18));
        v->participants = 20 + (ci * 7 + k * 11 + q * 3) % 40;
        v->nbudget_lines = 2;
        v->budget_lines = arena_alloc(a, sizeof(*v->budget_lines) * 2);
        v->budget_lines[0] = (struct funds_line_in){ ACTS[t].category, ACTS[t].fen };
        v->budget_lines[1] = (struct funds_line_in){ ACTS[t].category2, ACTS[t].fen2 };
    }
    if (funds_store_plan_insert(c, o, &in, deadline, 0, ctx->now, &id, err) < 0)
        return -1;
    for (int64_t k = 0; k < nact; k++) {
        const struct funds_activity_in *v = &in.activities[k];
        int64_t aid;
        if (funds_store_activity_insert(
                c, id, k + 1, v, v->budget_lines[0].amount_fen + v->budget_lines[1].amount_fen,
                &aid, err) < 0 ||
            funds_store_line_insert(c, aid, 1, v->budget_lines[0].category,
                                    v->budget_lines[0].amount_fen, err) < 0 ||
            funds_store_line_insert(c, aid, 2, v->budget_lines[1].category,
                                    v->budget_lines[1].amount_fen, err) < 0)
            return -1;
    }
    if (funds_store_plan_move(c, id, "draft", "submitted", 0, ctx->now, "", err) < 0)
        return -1;
    if (stage < 2)
        return 0;
    if (funds_store_plan_move(c, id, "submitted", "forwarded", 0, ctx->now, "", err) < 0 ||
        funds_store_plan(c, id, a, &p, err) < 0 || funds_store_plan_activities(c, &p, a, err) < 0)
        return -1;
    if (p.nactivities &&
        funds_store_comment(c, p.activities[0].id, "同意报送，注意控制宣传品支出", err) < 0)
        return -1;
    if (stage < 3)
        return 0;
    for (int64_t k = 0; k < p.nactivities; k++) {
        const struct funds_activity *v = &p.activities[k];
        const char *d = "approved", *why = NULL;
        int64_t fen = v->requested_fen;
        if (ci == 0 && q == 1 && k == p.nactivities - 1) {
            d = "refused";
            fen = 0;
            why = "与本季度其他活动内容重复，请合并开展";
        } else if (q == 1 + ci % 2 && k == 0) {
            d = "adjusted";
            fen = v->requested_fen * 4 / 5;
            why = "宣传资料可使用区里统一印发的材料，核减20%";
        }
        if (funds_store_decide(c, v->id, d, fen, why, 0, ctx->now, err) < 0)
            return -1;
        if (fen > 0) {
            struct funds_alloc_row r = { v->id, fen };
            int64_t spent = under ? fen * 2 / 5 : fen - (k * 1000);
            struct funds_use_in use = { .held_on = v->held_on,
                                        .participants = v->participants - (under ? 12 : k),
                                        .summary = under ? "受场地限制，活动规模缩小，结余经费留用"
                                                         : "按计划开展，活动照片和签到表已存档" };
            const char *receipt = arena_printf(a, "SJ%04d%05d", (int)year, (int)v->id);
            if (funds_store_allocation_insert(c, &p, o->path, o->tenant_id, &r, NULL, 0, ctx->now,
                                              err) < 0 ||
                funds_store_spend_insert(c, &p, o->path, o->tenant_id, v->id, v->lines[0].category,
                                         spent, v->held_on, receipt, 0, ctx->now, err) < 0 ||
                funds_store_use(c, v->id, &use, 0, ctx->now, err) < 0 ||
                funds_store_check(c, v->id, under ? "partly" : "as_planned",
                                  under ? "实际支出不足核定金额的一半，结余经费须说明用途" : NULL,
                                  0, ctx->now, err) < 0)
                return -1;
        }
    }
    return funds_store_plan_move(c, id, "forwarded", "reviewed", 0, ctx->now, "", err) < 0 ||
                   funds_store_plan_move(c, id, "reviewed", "allocated", 0, ctx->now, "", err) < 0
               ? -1
               : 0;
}

/* Last year's budgets and 七一 commendations: two communities commended as 先进基层党组织, the
 * demo member as 优秀共产党员, a share sent to every community, and the demo community's own
 * commendation of that member from its share. */
static int demo_rewards(const struct demo_ctx *ctx, struct arena *a, const struct funds_org *street,
                        const struct funds_ledger_row *comm, int64_t ncomm, int64_t year,
                        struct err *err)
{
    struct funds_org district, o;
    const char *day = arena_printf(a, "%04d-07-01", (int)year);
    int64_t id;

    if (!street->district_id || funds_store_org(ctx->c, street->district_id, a, &district, err) < 0)
        return street->district_id ? -1 : 0;
    for (int64_t i = 0; i < ncomm; i++) {
        struct funds_budget b = { .year = year,
                                  .amount_fen = 1000000,
                                  .reserve_fen = 150000,
                                  .source = "区委组织部党建经费",
                                  .rule_id = "FUND-BUDGET",
                                  .rule_set = "funds-2012" };
        struct funds_reward_in share = { .year = year,
                                         .kind = "share",
                                         .recipient_org_id = comm[i].org_id,
                                         .title = "下拨社区奖励基金",
                                         .amount_fen = 50000,
                                         .awarded_on = day };
        if (funds_store_org(ctx->c, comm[i].org_id, a, &o, err) < 0 ||
            funds_store_budget_put(ctx->c, &o, &b, 0, ctx->now, err) < 0 ||
            funds_store_reward_insert(ctx->c, &district, &share, 0, ctx->now, &id, err) < 0)
            return -1;
        if (i % 3 == 0) {
            struct funds_reward_in best = { .year = year,
                                            .kind = "branch",
                                            .recipient_org_id = comm[i].org_id,
                                            .title = "先进基层党组织",
                                            .amount_fen = 200000,
                                            .awarded_on = day,
                                            .evidence =
                                                "全年开展主题党日12次，组织生活会按期召开" };
            if (funds_store_reward_insert(ctx->c, &district, &best, 0, ctx->now, &id, err) < 0)
                return -1;
        }
        if (comm[i].org_id == ctx->street->community_org_id && ctx->street->member_person_id) {
            struct funds_reward_in own = { .year = year,
                                           .kind = "member",
                                           .person_id = ctx->street->member_person_id,
                                           .title = "社区优秀党员",
                                           .amount_fen = 20000,
                                           .awarded_on = day,
                                           .evidence = "带头参加环境整治志愿服务" };
            if (funds_store_reward_insert(ctx->c, &o, &own, 0, ctx->now, &id, err) < 0)
                return -1;
        }
    }
    if (ctx->street->member_person_id) {
        struct funds_reward_in star = { .year = year,
                                        .kind = "member",
                                        .person_id = ctx->street->member_person_id,
                                        .title = "优秀共产党员",
                                        .amount_fen = 50000,
                                        .awarded_on = day,
                                        .evidence = "全年按时交纳党费，参加志愿服务40小时" };
        if (funds_store_reward_insert(ctx->c, &district, &star, 0, ctx->now, &id, err) < 0)
            return -1;
    }
    return 0;
}

static int funds_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct arena a;
    struct funds_org street;
    struct funds_ledger_row *comm;
    struct funds_rule *rules;
    int64_t ncomm, nrules, year = strtoll(ctx->today, NULL, 10),
                           cur_q = (strtoll(ctx->today + 5, NULL, 10) - 1) / 3 + 1;
    char day[11];
    const struct funds_rule *rd;
    int rc = -1;

    arena_init(&a, 1u << 16);
    snprintf(day, sizeof(day), "%04d-01-01", (int)year);
    if (funds_store_org(ctx->c, ctx->street->street_org_id, &a, &street, err) < 0 ||
        funds_store_ledger(ctx->c, street.path, year, &a, &comm, &ncomm, err) < 0 ||
        funds_store_rules(ctx->c, &a, &rules, &nrules, err) < 0)
        goto out;
    rd = funds_rule_in_force(rules, nrules, "FUND-DEADLINE", day);
    for (int64_t i = 0; i < ncomm; i++) {
        struct funds_org o;
        struct funds_budget b = { .year = year,
                                  .amount_fen = 1000000,
                                  .reserve_fen = 150000,
                                  .source = "区委组织部党建经费",
                                  .rule_id = "FUND-BUDGET",
                                  .rule_set = "funds-2012" };
        if (funds_store_org(ctx->c, comm[i].org_id, &a, &o, err) < 0 ||
            funds_store_budget_put(ctx->c, &o, &b, 0, ctx->now, err) < 0)
            goto out;
        for (int64_t q = 1; q <= cur_q; q++) {
            char deadline[11];
            int stage = q < cur_q ? 3 : (i == ncomm - 1 ? 1 : 2);
            if (funds_deadline(rd, year, q, deadline, err) < 0 ||
                demo_plan(ctx, &a, &o, i, year, q, stage, deadline, err) < 0)
                goto out;
        }
    }
    if (demo_rewards(ctx, &a, &street, comm, ncomm, year - 1, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook FUNDS_DEMO = { "funds", DEMO_PHASE_DONE, funds_demo_run };
