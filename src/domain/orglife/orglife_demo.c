/* orglife_demo.c: the organizational-life demo hook: meetings of every live branch-level org
 * and 党小组 of the demo street from January of last year to this month (主题党日 and 支委会
 * monthly, 党员大会 and 党课 quarterly, 组织生活会 with 民主评议 in December, 党小组会
 * monthly), attendance drawn from the roster, meetings later this month still planned, and the
 * 照搬照抄 check run over the last two months' minutes. About
 * one branch in seven falls behind (months skipped), and two branches filed the same
 * downloaded minutes for last month's 主题党日, for the reviewing level to find. The demo
 * branch's last two 支部党员大会 hold votes (orglife_vote_demo.c). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"
#include "domain/orglife/orglife_int.h"

/* Above this many members the demo writes meetings without attendance rows, minutes or the
 * copy check (a benchmark district would otherwise get tens of millions of rows). */
#define ATTENDANCE_MEMBERS_MAX 50000

static const char *const THEME_TOPICS[] = {
    "学习党的二十届三中全会精神", "开展“邻里守望”志愿服务",
    "重温入党誓词，讲述入党故事", "学习《中国共产党纪律处分条例》",
    "社区垃圾分类入户宣传",       "走访慰问困难党员和老党员",
    "参观区党史教育馆",           "学习习近平总书记关于基层治理的重要论述",
    "开展“清洁家园”环境整治",     "防范电信网络诈骗宣传进楼栋",
    "学习《中国共产党章程》总纲", "为居民办实事项目征集意见",
};
static const char *const CONGRESS_TOPICS[] = {
    "通报支部工作情况，讨论季度工作安排",
    "讨论发展党员工作和入党积极分子培养",
    "研究社区为民办实事项目推荐意见",
    "审议支部年度党费收缴使用情况",
};
static const char *const LECTURE_TOPICS[] = {
    "支部书记讲党课：践行全心全意为人民服务的根本宗旨",
    "党员教育专题党课：弘扬伟大建党精神",
    "专题党课：做新时代合格党员",
    "专题党课：以党建引领提升基层治理效能",
};
static const char *const COMMITTEE_TOPICS[] = {
    "研究本月主题党日安排",
    "研究困难党员帮扶事项",
    "研究党员教育计划",
    "研究居民诉求办理分工",
};
/* A sentence of demo minutes is a subject, what they did and how it ended, drawn apart, so
 * two honest records share phrases but not passages (the copy check must not flag them). */
static const char *const SUBJECTS[] = {
    "与会党员", "老党员代表", "年轻党员", "党小组长",     "组织委员",
    "宣传委员", "支部书记",   "在职党员", "流动党员代表", "网格党员",
};
static const char *const ACTIONS[] = {
    "结合本职工作谈了学习体会", "围绕居民关心的问题提出建议", "对照检查了自身存在的不足",
    "介绍了近期入户走访的情况", "交流了参加志愿服务的感受",   "就楼栋议事提出了具体办法",
    "通报了困难群众帮扶的进展", "回顾了上月会议决定的落实",   "分享了学习党章的笔记",
    "讲述了身边党员的先进事迹",
};
static const char *const OUTCOMES[] = {
    "大家认真记录并展开讨论", "会议逐条作了回应",       "提出下一步要抓好落实",
    "明确了责任人和完成时间", "得到与会人员的一致认可", "会后将形成书面材料",
    "支部汇总后报社区党委",   "会议要求持续跟踪",       "大家表示要学以致用",
    "会议对此作了补充完善",
};
static const char COPIED_MINUTES[] =
    "会议传达学习了上级有关文件精神。与会党员一致表示，要深刻领会精神实质，切实把思想和行动统一"
    "到上级决策部署上来。会议要求，全体党员要进一步提高政治站位，增强责任意识，立足本职岗位，"
    "充分发挥党员先锋模范作用，以实际行动推动各项工作落地见效。会议强调，要加强学习，学深悟透，"
    "做到学以致用、用以促学，不断提升为人民服务的能力和水平。";

struct plan {
    const struct demo_ctx *ctx;
    struct rng rng;
    struct arena *a;
    int64_t copied[2]; /* the two branches that file COPIED_MINUTES */
    int this_month;
    bool attendance;
};

static int month_of(const char *date)
{
    int y, m, d;

    return date_parse(date, &y, &m, &d) < 0 ? 0 : y * 12 + (m - 1);
}

static char *minutes_for(struct plan *p, const struct orglife_demo_org *o, const char *label,
                         const char *topic, const char *date)
{
    char *s = arena_printf(p->a, "%s，%s召开%s，主题为“%s”。", date, o->name, label, topic);

    for (int i = 0, n = demo_rng_range(&p->rng, 3, 5); i < n; i++)
        s = arena_printf(p->a, "%s%s%s，%s。", s,
                         SUBJECTS[demo_rng_below(&p->rng, (int)ARRAY_LEN(SUBJECTS))],
                         ACTIONS[demo_rng_below(&p->rng, (int)ARRAY_LEN(ACTIONS))],
                         OUTCOMES[demo_rng_below(&p->rng, (int)ARRAY_LEN(OUTCOMES))]);
    return s;
}

/* One meeting of o on day d of month ym at hh:mm; skipped when after the org's founding or
 * past this month. */
static int meeting_add(struct plan *p, const struct orglife_demo_org *o, const char *type,
                       const char *label, const char *topic, int ym, int day, int hh,
                       struct err *err)
{
    const struct demo_ctx *ctx = p->ctx;
    char date[40], starts[60], ends[60];
    struct orglife_demo_meeting in = { .type = type, .topic = topic, .meets_on = date };
    int y = ym / 12, m = ym % 12 + 1;
    int64_t id;

    if (day > date_days_in_month(y, m))
        day = date_days_in_month(y, m);
    snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, day);
    if ((o->founded_on && strcmp(date, o->founded_on) < 0) || ym > p->this_month)
        return 0;
    snprintf(starts, sizeof(starts), "%s %02d:00", date, hh);
    snprintf(ends, sizeof(ends), "%s %02d:30", date, hh + 1);
    in.starts_at = starts;
    in.ends_at = ends;
    in.place = !strcmp(type, "group") ? "楼栋党员议事点" : "社区党群服务中心会议室";
    in.host_person_id = o->secretary;
    in.recorder_person_id = o->committee_member;
    in.status = strcmp(date, ctx->today) > 0 ? "planned" : "held";
    if (!strcmp(in.status, "held") && p->attendance)
        in.minutes = (!strcmp(type, "theme_day") && ym == p->this_month - 1 &&
                      (o->id == p->copied[0] || o->id == p->copied[1]))
                         ? COPIED_MINUTES
                         : minutes_for(p, o, label, topic, date);
    if (orglife_demo_store_meeting(ctx->c, o, &in, ctx->now, &id, err) < 0)
        return -1;
    if (!p->attendance)
        return 0;
    return orglife_demo_store_attend(ctx->c, id, o->id, type, date, strcmp(in.status, "held"),
                                     id * 104729, ctx->now, err);
}

/* The meetings of one org in month ym; a branch that is behind skips some. */
static int month_plan(struct plan *p, const struct orglife_demo_org *o, int ym, bool behind,
                      struct err *err)
{
    int day = 8 + (int)(o->id % 15), month = ym % 12 + 1, q = (ym / 3) % 4;
    int skip = behind ? 450 : 30;

    if (!strcmp(o->type, "group"))
        return demo_rng_chance(&p->rng, behind ? 400 : 80)
                   ? 0
                   : meeting_add(p, o, "group", "党小组会", "学习本月主题党日材料", ym, day + 3, 19,
                                 err);
    if (!demo_rng_chance(&p->rng, behind ? skip : 0) &&
        meeting_add(p, o, "theme_day", "主题党日活动", THEME_TOPICS[ym % 12], ym, day, 14, err) < 0)
        return -1;
    if (o->committee && !demo_rng_chance(&p->rng, skip) &&
        meeting_add(p, o, "committee", "支部委员会会议", COMMITTEE_TOPICS[ym % 4], ym, day - 3, 18,
                    err) < 0)
        return -1;
    if (month % 3 == 2 && !demo_rng_chance(&p->rng, behind ? 500 : 0) &&
        meeting_add(p, o, "party_congress", "支部党员大会", CONGRESS_TOPICS[q], ym, day + 1, 15,
                    err) < 0)
        return -1;
    if (month % 3 == 0 && !demo_rng_chance(&p->rng, behind ? 600 : 100) &&
        meeting_add(p, o, "lecture", "党课", LECTURE_TOPICS[q], ym, day + 5, 15, err) < 0)
        return -1;
    if (month == 12 && !behind &&
        (meeting_add(p, o, "life_meeting", "组织生活会",
                     "年度组织生活会：对照检查，开展批评和自我批评", ym, 20, 14, err) < 0 ||
         meeting_add(p, o, "evaluation", "民主评议党员会议", "年度民主评议党员", ym, 20, 16, err) <
             0))
        return -1;
    return 0;
}

/* The copy check over the minutes of last month and this one, in the order they were written
 * (older months are left unindexed to keep the demo quick; a saved meeting is always checked). */
static int copy_index(const struct demo_ctx *ctx, int since_month, struct err *err)
{
    struct orglife_copy_rule rule;
    struct arena a;
    char since[40];
    int64_t *ids, n;
    int rc = -1;

    orglife_copy_rule_of(NULL, &rule);
    snprintf(since, sizeof(since), "%04d-%02d-01", since_month / 12, since_month % 12 + 1);
    arena_init(&a, 1 << 16);
    if (orglife_demo_store_recent(ctx->c, since, &a, &ids, &n, err) < 0 ||
        orglife_copy_check_ids(ctx->c, ids, n, &rule, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

static int orglife_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct orglife_demo_org *orgs;
    struct plan p = { .ctx = ctx, .this_month = month_of(ctx->today) };
    struct arena a, scratch;
    int64_t n, branches = 0;
    char since[11];
    int rc = -1;

    arena_init(&a, 1 << 16);
    p.attendance = ctx->street->members <= ATTENDANCE_MEMBERS_MAX;
    demo_rng_seed(&p.rng, ctx->seed ^ UINT64_C(0x6f72676c696665));
    if (orglife_demo_store_orgs(ctx->c, &a, &orgs, &n, err) < 0)
        goto out;
    for (int64_t i = 0; i < n && branches < 6; i++)
        if (strcmp(orgs[i].type, "group") && ++branches >= 5)
            p.copied[branches - 5] = orgs[i].id;
    for (int64_t i = 0; i < n; i++) {
        bool behind = i % 7 == 3; /* about one in seven, whatever the seed */
        int bad = 0;

        arena_init(&scratch, 1 << 14);
        p.a = &scratch;
        for (int ym = (p.this_month / 12 - 1) * 12; ym <= p.this_month && !bad; ym++)
            bad = month_plan(&p, &orgs[i], ym, behind, err);
        arena_release(&scratch);
        if (bad)
            goto out;
    }
    /* One member of the demo branch stopped taking part 7 months ago (the 三不 view). */
    date_add_months(ctx->today, -7, since);
    rc = (p.attendance &&
          (orglife_demo_store_drifting(ctx->c, ctx->street->branch_org_id,
                                       ctx->street->member_person_id, since, err) < 0 ||
           orglife_demo_store_counts(ctx->c, err) < 0 || orglife_vote_demo(ctx, err) < 0)) ||
                 orglife_store_years_rebuild(ctx->c, err) < 0 ||
                 (p.attendance && copy_index(ctx, p.this_month - 1, err) < 0)
             ? -1
             : 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook ORGLIFE_DEMO = { "orglife", DEMO_PHASE_DONE, orglife_demo_run };
