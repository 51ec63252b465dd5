/* orglife_eval_demo.c: the 民主评议 and 学习记录 demo hook: last year's round for each live
 * branch-level org (on the day of its December 民主评议 meeting, not linked to it: the meetings
 * hook runs after this one; grades
 * mostly 合格, some 优秀 within a third, one 基本合格 with improvement measures in larger
 * branches, no 不合格) and this year's monthly materials of the street with study records,
 * so most members are near their LIFE-TRAIN target and some below. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"
#include "domain/orglife/orglife_eval_int.h"

/* Above this many members the demo writes no rounds (one row update per subject). */
#define EVAL_MEMBERS_MAX 50000

static const char *const SELF_TEXTS[] = {
    "本年度认真参加组织生活，按时交纳党费，积极参与社区志愿服务。",
    "坚持学习党的理论，参加主题党日活动，在楼栋议事中发挥作用。",
    "能够履行党员义务，但学习的主动性还不够，今后要加强。",
    "参与垃圾分类宣传和邻里帮扶，联系群众还需更加主动。",
};
static const char *const MATERIALS[] = {
    "《中国共产党章程》学习辅导",
    "党的二十届三中全会精神学习材料",
    "《中国共产党纪律处分条例》解读",
    "习近平总书记关于基层治理的重要论述摘编",
    "红色电影《觉醒年代》选段",
    "《中国共产党党员教育管理工作条例》",
    "社区治理典型案例选编",
    "专题党课：做新时代合格党员",
    "《习近平新时代中国特色社会主义思想学习纲要》",
    "防范电信网络诈骗专题讲座",
    "《中国共产党支部工作条例（试行）》",
    "年度党员冬训学习材料",
};
static const char *const KINDS[] = { "document", "document", "document", "book",
                                     "video",    "document", "book",     "lecture",
                                     "book",     "video",    "document", "lecture" };

static int year_of(const char *date)
{
    int y, m, d;

    return date_parse(date, &y, &m, &d) < 0 ? 0 : y;
}

/* The grades of one round: 优秀 for about a quarter, never above a third of the graded, one
 * 基本合格 (with measures) where eight or more are graded, the rest 合格. */
static int round_grades(struct db_conn *c, int64_t round_id, int64_t meeting_id, int64_t now,
                        struct rng *rng, struct arena *a, struct err *err)
{
    struct eval_subject_view *s;
    int64_t n, graded = 0, excellent = 0, basic_at = -1;

    if (eval_store_subjects(c, round_id, a, &s, &n, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++)
        graded += !s[i].probationary;
    if (graded >= 8)
        basic_at = demo_rng_below(rng, (int)graded);
    for (int64_t i = 0, k = 0; i < n; i++) {
        struct eval_subject_in in = { .self_text = SELF_TEXTS[(s[i].person_id) % 4],
                                      .meeting_id = meeting_id };
        int64_t v = graded;
        bool top = k != basic_at && demo_rng_chance(rng, 250) && (excellent + 1) * 3 <= graded;

        if (!s[i].probationary) {
            in.final_grade = k == basic_at ? "basic" : top ? "excellent" : "qualified";
            in.proposed_grade = in.final_grade;
            excellent += top;
            in.peer = top             ? (struct eval_tally){ v * 6 / 10, v - v * 6 / 10, 0, 0 }
                      : k == basic_at ? (struct eval_tally){ 0, v / 2, v - v / 2, 0 }
                                      : (struct eval_tally){ v / 10, v - v / 10, 0, 0 };
            if (k++ == basic_at)
                in.note = "参加组织生活次数偏少，支部指定党员结对帮扶，每月参加主题党日，"
                          "次年三月前由支委会谈话了解整改情况";
        }
        if (eval_store_subject_update(c, round_id, s[i].person_id, &in, !s[i].probationary, 0, now,
                                      err) < 0)
            return -1;
    }
    return 0;
}

/* Last year's round of one branch-level org, graded. */
static int round_demo(const struct demo_ctx *ctx, const struct orglife_demo_org *o,
                      const char *held_on, struct rng *rng, struct err *err)
{
    struct orglife_org org = { .id = o->id, .tenant_id = o->tenant_id, .path = o->path };
    struct eval_round_in in = { .org_id = o->id, .year = year_of(held_on) };
    struct eval_rule_row rule;
    int64_t id, subjects;
    struct arena a;
    int rc;

    arena_init(&a, 1 << 14);
    rc = eval_store_rule(ctx->c, NULL, held_on, &a, &rule, err) < 0 ||
                 eval_store_round_insert(ctx->c, &org, &in, held_on, rule.id, 0, ctx->now, &id,
                                         err) < 0 ||
                 eval_subjects_add(ctx->c, id, o->id, held_on, &a, &subjects, err) < 0 ||
                 round_grades(ctx->c, id, 0, ctx->now, rng, &a, err) < 0
             ? -1
             : 0;
    arena_release(&a);
    return rc;
}

static int rounds_demo(const struct demo_ctx *ctx, struct rng *rng, struct err *err)
{
    struct orglife_demo_org *orgs;
    struct arena a;
    char held_on[24];
    int64_t n;
    int rc;

    snprintf(held_on, sizeof(held_on), "%04d-12-20", year_of(ctx->today) - 1);
    arena_init(&a, 1 << 16);
    rc = orglife_demo_store_orgs(ctx->c, &a, &orgs, &n, err);
    for (int64_t i = 0; rc == 0 && i < n; i++)
        if (strcmp(orgs[i].type, "group") &&
            (!orgs[i].founded_on || strcmp(orgs[i].founded_on, held_on) <= 0))
            rc = round_demo(ctx, &orgs[i], held_on, rng, err);
    arena_release(&a);
    return rc;
}

/* One material of the street on date, and its records (leaders: only members holding a post). */
static int material_add(const struct demo_ctx *ctx, const struct orglife_org *street,
                        const struct study_material_in *in, bool leaders, struct err *err)
{
    int64_t id;

    if (strcmp(in->published_on, ctx->today) > 0)
        return 0;
    return study_store_material_insert(ctx->c, street, in, true, 0, ctx->now, &id, err) < 0 ||
                   study_demo_store_records(ctx->c, id, (int64_t)(ctx->seed % 1000) + id * 104729,
                                            leaders, ctx->now, err) < 0
               ? -1
               : 0;
}

/* The street's monthly materials of this year so far (3 学时 each) and, in March and
 * September, a 12-学时 course for 书记 and 班子成员. */
static int materials_demo(const struct demo_ctx *ctx, const struct orglife_org *street,
                          struct err *err)
{
    char date[32];
    int year = year_of(ctx->today);

    for (int m = 1; m <= 12; m++) {
        struct study_material_in in = { .org_id = street->id,
                                        .title = MATERIALS[m - 1],
                                        .kind = KINDS[m - 1],
                                        .hours = 3,
                                        .published_on = date };

        snprintf(date, sizeof(date), "%04d-%02d-05", year, m);
        if (material_add(ctx, street, &in, false, err) < 0)
            return -1;
        if (m % 6 != 3)
            continue;
        in.title = m == 3 ? "基层党组织书记和班子成员春季专题培训班"
                          : "基层党组织书记和班子成员秋季专题培训班";
        in.kind = "lecture";
        in.hours = 12;
        snprintf(date, sizeof(date), "%04d-%02d-15", year, m);
        if (material_add(ctx, street, &in, true, err) < 0)
            return -1;
    }
    return 0;
}

static int study_demo(const struct demo_ctx *ctx, struct err *err)
{
    struct orglife_org street;
    struct arena a;
    int rc;

    arena_init(&a, 4096);
    rc = orglife_store_org(ctx->c, ctx->street->street_org_id, &a, &street, err) < 0
             ? -1
             : materials_demo(ctx, &street, err);
    arena_release(&a);
    return rc;
}

static int orglife_eval_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct rng rng;

    demo_rng_seed(&rng, ctx->seed ^ UINT64_C(0x6576616c));
    if (ctx->street->members <= EVAL_MEMBERS_MAX && rounds_demo(ctx, &rng, err) < 0)
        return -1;
    return study_demo(ctx, err);
}

const struct demo_hook ORGLIFE_EVAL_DEMO = { "orglife.eval", DEMO_PHASE_DONE,
                                             orglife_eval_demo_run };
