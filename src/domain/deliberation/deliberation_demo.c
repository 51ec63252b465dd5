/* deliberation_demo.c: the deliberation area's demo hook: the demo community's 社区议事会 (7
 * Party members, among them an NPC deputy and a CPPCC member, and 4 resident representatives,
 * the demo resident one of them: the composition rules hold) and the street's 街道协商议事会
 * (9 Party members and 4 residents); last year's council meeting with a closed secret budget
 * ballot on five candidate projects (9 of 11 present) and the street's confirming meeting with
 * a closed score ballot; and this month's council meeting, open, with an open ballot the demo
 * resident can vote on (议事表决). Fictional and deterministic, written through the area's store;
 * papers go through the same counters as the API's votes. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"
#include "domain/deliberation/deliberation_int.h"

static const char *const PROJECTS[] = { "老旧小区加装电梯", "口袋公园改造", "非机动车充电车棚",
                                        "楼道适老扶手", "社区老年食堂" };
static const int64_t COSTS[] = { 18000000, 12000000, 8000000, 3000000, 15000000 };

struct run {
    const struct demo_ctx *ctx;
    struct arena *a;
    int64_t tenant;
};

static const char *day(const struct run *d, int64_t off)
{
    char s[11];

    demo_days_fmt(d->ctx->today_days + off, s);
    return arena_strdup(d->a, s);
}

static int body(struct run *d, int64_t org, const char *kind, const char *name,
                const int64_t *party, int64_t np, const int64_t *res, int64_t nr, int64_t *id_out,
                struct err *err)
{
    struct delib_body_in in = { .org_id = org, .kind = (char *)(uintptr_t)kind };
    struct delib_seat_in s = { .joined_on = (char *)(uintptr_t)day(d, -500) };
    int64_t sid;

    in.name = arena_strdup(d->a, name);
    if (delib_store_body_insert(d->ctx->c, &in, d->tenant, 0, d->ctx->now, id_out, err) < 0)
        return -1;
    for (int64_t i = 0; i < np + nr; i++) {
        s.person_id = i < np ? party[i] : res[i - np];
        s.role = arena_strdup(d->a, i >= np  ? "resident_rep"
                                    : i == 0 ? "npc_deputy"
                                    : i == 1 ? "cppcc_member"
                                             : "party_rep");
        if (delib_store_seat_insert(d->ctx->c, *id_out, &s, &sid, err) < 0)
            return -1;
    }
    return 0;
}

static int meeting(struct run *d, int64_t body_id, int64_t off, const char *agenda,
                   const char *status, int64_t *id_out, struct err *err)
{
    struct delib_meeting_in m = { .held_on = (char *)(uintptr_t)day(d, off) };

    m.place = arena_strdup(d->a, "社区党群服务中心");
    m.agenda = arena_strdup(d->a, agenda);
    if (delib_store_meeting_insert(d->ctx->c, body_id, &m, 0, d->ctx->now, id_out, err) < 0)
        return -1;
    return strcmp(status, "planned")
               ? delib_store_meeting_status(d->ctx->c, *id_out, status, 0, err)
               : 0;
}

static int ballot(struct run *d, int64_t meeting_id, const char *title, const char *method,
                  int64_t k, int64_t max_score, int64_t budget, int64_t *id_out, struct err *err)
{
    struct delib_option_in o[5];
    struct delib_ballot_in in = { .max_choices = k,
                                  .max_score = max_score,
                                  .winners = budget ? 0 : 3,
                                  .budget_fen = budget,
                                  .secret = true,
                                  .options = o,
                                  .noptions = 5 };

    in.title = arena_strdup(d->a, title);
    in.method = arena_strdup(d->a, method);
    for (int i = 0; i < 5; i++)
        o[i] = (struct delib_option_in){ .title = (char *)(uintptr_t)PROJECTS[i],
                                         .cost_fen = COSTS[i] };
    return delib_store_ballot_insert(d->ctx->c, meeting_id, &in, 0, d->ctx->now, id_out, err) < 0 ||
                   delib_store_options_insert(d->ctx->c, *id_out, &in, err) < 0
               ? -1
               : 0;
}

/* voters cast papers: approval of k options, or a score per option, drawn from rng. */
static int papers(struct run *d, struct rng *r, int64_t ballot_id, int64_t meeting_id,
                  const char *method, const int64_t *voters, int64_t n, struct err *err)
{
    struct delib_option *o;
    int64_t no;

    if (delib_store_options(d->ctx->c, ballot_id, d->a, &o, &no, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        if (delib_store_voter_insert(d->ctx->c, ballot_id, voters[i], d->ctx->now, err) < 0 ||
            delib_store_presence_set(d->ctx->c, meeting_id, voters[i], "onsite", err) < 0)
            return -1;
        int64_t chosen = 0;
        for (int64_t k = 0; k < no; k++) {
            /* Favour the first options a little, so the ranking reads like a real one; an
             * approval paper approves at most 3. */
            int64_t v = strcmp(method, "score") == 0 ? demo_rng_range(r, (int)(k < 2 ? 3 : 1), 5)
                        : chosen < 3 && demo_rng_chance(r, (int)(700 - 120 * k)) ? 1
                                                                                 : 0;
            chosen += v > 0;
            if (v && delib_store_option_add(d->ctx->c, method, o[k].id, v, err) < 0)
                return -1;
        }
    }
    return 0;
}

static int deliberation_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct arena a;
    struct run d = { .ctx = ctx, .a = &a };
    struct rng r;
    const char *path, *type;
    int64_t *party, *res, np, nr, council, assembly, m, b;
    int rc = -1;

    arena_init(&a, 16384);
    demo_rng_seed(&r, ctx->seed ^ 0x64656c6962ULL);
    if (delib_store_org(ctx->c, ctx->street->community_org_id, &a, &d.tenant, &path, &type, err) <
            0 ||
        delib_store_demo_people(ctx->c, ctx->street->community_org_id, true, 16, &a, &party, &np,
                                err) < 0 ||
        delib_store_demo_people(ctx->c, ctx->street->community_org_id, false, 8, &a, &res, &nr,
                                err) < 0)
        goto out;
    if (np < 16 || nr < 8) {
        rc = 0; /* a street too small for two bodies */
        goto out;
    }
    /* The demo resident (jumin) sits on the council. */
    res[0] = ctx->street->resident_person_id;
    if (body(&d, ctx->street->community_org_id, "community_council", "社区议事会", party, 7, res, 4,
             &council, err) < 0 ||
        body(&d, ctx->street->street_org_id, "street_assembly", "街道协商议事会", party + 7, 9,
             res + 4, 4, &assembly, err) < 0)
        goto out;
    /* Last year: the council ranks five candidate projects within 50 万元 (9 of 11 present). */
    if (meeting(&d, council, -365, "审议年度民生实事候选项目，在预算内排序", "closed", &m, err) <
            0 ||
        ballot(&d, m, "年度民生实事项目（预算 50 万元）", "approval", 3, 0, 50000000, &b, err) <
            0 ||
        delib_store_ballot_status(ctx->c, b, "draft", "closed", err) < 0)
        goto out;
    int64_t voters[9];
    for (int i = 0; i < 9; i++)
        voters[i] = i < 6 ? party[i] : res[i - 5];
    if (papers(&d, &r, b, m, "approval", voters, 9, err) < 0)
        goto out;
    /* The street's assembly confirms them by score (12 of 13 present). */
    if (meeting(&d, assembly, -350, "协商确认年度民生实事项目", "closed", &m, err) < 0 ||
        ballot(&d, m, "年度民生实事项目确认（评分）", "score", 5, 5, 0, &b, err) < 0 ||
        delib_store_ballot_status(ctx->c, b, "draft", "closed", err) < 0)
        goto out;
    int64_t street_voters[12];
    for (int i = 0; i < 12; i++)
        street_voters[i] = i < 9 ? party[7 + i] : res[4 + i - 9];
    if (papers(&d, &r, b, m, "score", street_voters, 12, err) < 0)
        goto out;
    /* This month: the council's meeting is open, its ballot waits for the representatives. */
    if (meeting(&d, council, 0, "本年度民生实事项目征集情况通报；候选项目排序", "open", &m, err) <
            0 ||
        ballot(&d, m, "本年度民生实事候选项目排序", "approval", 2, 0, 0, &b, err) < 0 ||
        delib_store_ballot_status(ctx->c, b, "draft", "open", err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook DELIBERATION_DEMO = { "deliberation", DEMO_PHASE_DONE,
                                             deliberation_demo_run };
