/* demands_demo.c: the demands area's demo hook: attaches the street's households to grids and
 * buildings (the rule of migration 0023), then gives every grid a year of resident demands
 * walked through the workflow with the rule rows' time limits: most closed after a 回访,
 * some late to respond, some reopened after 不满意 (and a few sent on to 督办), and recent or
 * stuck ones still open, overdue among them. Demands are written through the area's store
 * with no acting account; demands_demo_logins (called by `dangjian demo` once the logins
 * exist) makes the 网格员 login the worker of two grids and the named actor of their steps. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"
#include "domain/demands/demands_int.h"

enum { HOUR = 3600 };

struct sim {
    const struct demo_ctx *ctx;
    struct rng *r;
    int64_t id, now;
    struct demand_state st;
    const struct demand_rule_row *rules;
    int64_t nrules;
    const char *category;
};

static int64_t hours_of(const struct sim *s, const char *rule_id, const char *category)
{
    int64_t h = 24;

    for (int64_t i = 0; i < s->nrules; i++)
        if (strcmp(s->rules[i].rule_id, rule_id) == 0 &&
            (category == NULL) == (s->rules[i].category == NULL) &&
            (!category || strcmp(category, s->rules[i].category) == 0))
            h = s->rules[i].hours;
    return h;
}

/* One step at time at: the event row, and the state it leads to. */
static int step(struct sim *s, const char *action, const char *to, int64_t at, const char *note,
                int64_t deadline, const char *rule_id, int64_t hours, struct err *err)
{
    struct demand_event_in e = {
        .demand_id = s->id,
        .deadline = deadline,
        .rule_hours = hours,
        .at = at,
        .action = action,
        .from_status = s->st.status,
        .to_status = to,
        .note = note,
        .rule_id = rule_id,
    };

    s->st.status = to;
    s->st.updated_at = at;
    return demands_store_event(s->ctx->c, &e, err);
}

static const char *const CATS[] = { "environment", "property", "facility", "neighbor",
                                    "safety",      "elderly",  "other" };
static const char *const TEXTS[][3] = {
    { "楼道堆放杂物，影响通行，请清理。", "垃圾分类点满溢，气味较大。",
      "小区绿化带有建筑垃圾未清运。" },
    { "物业维修电梯不及时，老人上下楼困难。", "地下车库照明不足，物业一直未处理。",
      "物业收费公示不清楚，希望说明。" },
    { "单元门禁损坏，外来人员随意进出。", "小区路灯不亮，晚上出行不安全。",
      "健身器材螺丝松动，存在隐患。" },
    { "楼上住户夜间噪音扰民，协商无果。", "邻居在公共走廊安装鞋柜，占用通道。",
      "两户因漏水赔偿产生纠纷，请求调解。" },
    { "电动车在楼道内充电，存在火灾隐患。", "消防通道被私家车长期占用。",
      "楼顶防护栏松动，担心坠落。" },
    { "独居老人希望提供助餐服务。", "残疾人家庭申请无障碍改造咨询。",
      "高龄老人希望定期上门探访。" },
    { "希望社区组织暑期青少年活动。", "咨询居住证办理流程。", "建议增设快递代收点。" },
};
static const char *const CLOSE_NOTES[] = { "已协调物业处理完毕，现场拍照留存。",
                                           "已联系相关单位整改，复查合格。",
                                           "已上门调解，双方达成一致。",
                                           "已办理完毕并电话告知居民。" };

/* Walks demand s through the workflow from t0 until now; stops where the next step would
 * lie in the future (or where a stuck demand waits). */
static int walk(struct sim *s, int64_t t0, struct err *err)
{
    struct rng *r = s->r;
    int64_t sla = hours_of(s, "DEM-SLA", s->category), hop = hours_of(s, "DEM-HOP", NULL),
            visit = hours_of(s, "DEM-VISIT", NULL), t;
    bool stuck = demo_rng_chance(r, 120);

    /* 受理: most within the response limit, about one in six late. */
    t = t0 +
        (demo_rng_chance(r, 170) ? demo_rng_range(r, 25, 60) : demo_rng_range(r, 1, 20)) * HOUR;
    if (t > s->now)
        return 0;
    s->st.first_response_at = t;
    if (step(s, "accept", "accepted", t, NULL, 0, NULL, 0, err) < 0)
        return -1;
    if (demo_rng_chance(r, 25)) /* waiting for the resident (no clock pause yet) */
        return 0;
    for (int round = 0; round < 2; round++) {
        t += demo_rng_range(r, 1, 6) * HOUR;
        if (t > s->now)
            return 0;
        s->st.hop_due = t + hop * HOUR;
        if (step(s, "dispatch", "dispatched", t, NULL, s->st.hop_due, "DEM-HOP", hop, err) < 0)
            return -1;
        if (demo_rng_chance(r, 120)) { /* 转办 once */
            t += demo_rng_range(r, 2, 20) * HOUR;
            if (t > s->now)
                return 0;
            s->st.hop_due = t + hop * HOUR;
            if (step(s, "transfer", "dispatched", t, "涉及物业管理范围，转物业服务中心办理",
                     s->st.hop_due, "DEM-HOP", hop, err) < 0)
                return -1;
        }
        if (stuck && round == 0) {
            /* A stuck one past its limits goes to 督办 about half the time. */
            if (s->st.due_at < s->now && demo_rng_chance(r, 500)) {
                t = s->st.due_at + demo_rng_range(r, 1, 24) * HOUR;
                if (t > s->now)
                    return 0;
                s->st.supervise_level++;
                s->st.hop_due = t + hop * HOUR;
                return step(s, "supervise", "supervised", t, "超期未办结，街道督办", s->st.hop_due,
                            "DEM-HOP", hop, err);
            }
            return 0;
        }
        t += demo_rng_range(r, 4, (int)(sla + sla / 4)) * HOUR;
        if (t > s->now)
            return 0;
        s->st.resolved_at = t;
        s->st.hop_due = t + visit * HOUR;
        if (step(s, "close", "resolved", t, CLOSE_NOTES[demo_rng_below(r, 4)], s->st.hop_due,
                 "DEM-VISIT", visit, err) < 0)
            return -1;
        t += demo_rng_range(r, 2, 60) * HOUR;
        if (t > s->now)
            return 0;
        s->st.hop_due = 0;
        if (round == 0 && demo_rng_chance(r, 90)) {
            s->st.satisfaction = "unsatisfied";
            s->st.satisfaction_reason = "问题反复出现，没有根本解决";
            s->st.reopen_count++;
            s->st.resolved_at = 0;
            s->st.due_at = t + sla * HOUR;
            if (step(s, "visit", "reopened", t, "不满意：问题反复出现，没有根本解决", s->st.due_at,
                     "DEM-SLA", sla, err) < 0)
                return -1;
            if (demo_rng_chance(r, 300)) /* still being redone */
                return 0;
            continue;
        }
        s->st.satisfaction = demo_rng_chance(r, 780)   ? "satisfied"
                             : demo_rng_chance(r, 800) ? "basically"
                                                       : "unsatisfied";
        s->st.satisfaction_reason = NULL;
        s->st.closed_at = t;
        return step(s, "visit", "closed", t,
                    strcmp(s->st.satisfaction, "satisfied") == 0   ? "满意"
                    : strcmp(s->st.satisfaction, "basically") == 0 ? "基本满意"
                                                                   : "不满意：办理太慢",
                    0, NULL, 0, err);
    }
    return 0;
}

static int demands_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct arena a;
    struct rng r;
    struct grid_row *g;
    struct demand_rule_row *rules;
    int64_t n, nrules;
    int rc = -1;

    arena_init(&a, 1 << 16);
    demo_rng_seed(&r, ctx->seed ^ 0x64656d616e6473ULL);
    if (demands_store_attach(ctx->c, ctx->now, err) < 0 ||
        demands_store_grids(ctx->c, &(struct demands_scope){ "/", 0, 0 }, 0, &a, &g, &n, err) < 0 ||
        demands_store_rules(ctx->c, ctx->today, &a, &rules, &nrules, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        struct demands_org o;
        int k = demo_rng_range(&r, 8, 16);

        if (demands_store_org(ctx->c, g[i].org_id, &a, &o, err) < 0)
            goto out;
        for (int j = 0; j < k; j++) {
            int ci = demo_rng_below(&r, (int)ARRAY_LEN(CATS));
            /* Newer demands are more common: a third in the last month. */
            int64_t age = demo_rng_chance(&r, 330) ? demo_rng_range(&r, 0, 30 * 24)
                                                   : demo_rng_range(&r, 30 * 24, 365 * 24);
            int64_t t0 = ctx->now - age * HOUR - demo_rng_range(&r, 0, 3599);
            char number[32], day[11];
            bool named = demo_rng_chance(&r, 400);
            struct sim s = { .ctx = ctx,
                             .r = &r,
                             .now = ctx->now,
                             .rules = rules,
                             .nrules = nrules,
                             .category = CATS[ci] };
            struct demand_new d = {
                .tenant_id = o.tenant_id,
                .org_id = g[i].org_id,
                .grid_id = g[i].id,
                .org_path = o.path,
                .category = CATS[ci],
                .description = TEXTS[ci][demo_rng_below(&r, 3)],
                .channel =
                    (const char *const[]){ "visit", "phone", "walk_in" }[demo_rng_below(&r, 3)],
                .reporter_name = named ? "居民（演示）" : NULL,
                .reporter_phone =
                    named ? arena_printf(&a, "199%08d", demo_rng_range(&r, 0, 99999999)) : NULL,
                .consent = named,
                .consent_note = named ? "当面口头同意" : NULL,
                .no_publish = demo_rng_chance(&r, 100),
                .respond_due = t0 + hours_of(&s, "DEM-RESPOND", NULL) * HOUR,
                .due_at = t0 + hours_of(&s, "DEM-SLA", CATS[ci]) * HOUR,
                .now = t0,
            };

            if (demands_store_insert(ctx->c, &d, &s.id, err) < 0)
                goto out;
            demo_days_fmt((t0 + 8 * HOUR) / 86400, day);
            snprintf(number, sizeof(number), "SQ%.4s%.2s%.2s-%05lld", day, day + 5, day + 8,
                     (long long)s.id);
            s.st = (struct demand_state){ .status = "submitted",
                                          .due_at = d.due_at,
                                          .updated_at = t0 };
            if (demands_store_set_number(ctx->c, s.id, number, err) < 0 ||
                demands_store_event(
                    ctx->c,
                    &(struct demand_event_in){ .demand_id = s.id,
                                               .deadline = d.due_at,
                                               .rule_hours = d.due_at / HOUR - t0 / HOUR,
                                               .at = t0,
                                               .action = "intake",
                                               .to_status = "submitted",
                                               .rule_id = "DEM-SLA" },
                    err) < 0 ||
                walk(&s, t0, err) < 0 || demands_store_update(ctx->c, s.id, &s.st, err) < 0)
                goto out;
        }
    }
    rc = demands_store_demo_mark(ctx->c, err);
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook DEMANDS_DEMO = { "demands", DEMO_PHASE_DONE, demands_demo_run };

int demands_demo_logins(struct app *app, int64_t community_org_id, int64_t worker_id,
                        int64_t cadre_id, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        demands_store_demo_logins(c, community_org_id, worker_id, cadre_id, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}
