/* volunteer_demo.c: the volunteer area's demo hook: for the demo community, two teams, a year
 * of activities (two a month, 09:00-11:00) with sign-ups that ended completed with verified
 * hours (three backbone volunteers at every one; a few absent), three upcoming activities open for
 * sign-up (the demo member signed up for one), three public-welfare posts claimed for the year with
 * monthly record cards (some with the served person's feedback), and one self-logged record of the
 * demo member waiting for approval. Points follow from these records. Fictional, deterministic
 * (a stream of its own), written through the area's store. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"
#include "domain/volunteer/volunteer_int.h"

static const char *const TITLES[] = { "楼道清洁",     "敬老院探访",  "义务理发",     "垃圾分类宣传",
                                      "社区义诊协助", "防诈骗宣传",  "文明交通劝导", "关爱留守儿童",
                                      "绿地认养养护", "独居老人助餐" };
static const char *const PLACES[] = { "社区党群服务中心", "幸福里小区", "社区卫生服务站",
                                      "社区广场", "街道敬老院" };
#define NTITLES (sizeof(TITLES) / sizeof(TITLES[0]))
#define NPLACES (sizeof(PLACES) / sizeof(PLACES[0]))

struct demo_run {
    const struct demo_ctx *ctx;
    struct arena *a;
    struct rng r;
    int64_t tenant, community;
    const char *path;
    int64_t *people;
    int64_t npeople;
};

/* The day off days from today at hh:00 as text and minutes. */
static const char *slot(const struct demo_run *d, int64_t off, int hh, int64_t *min_out)
{
    char day[11];

    demo_days_fmt(d->ctx->today_days + off, day);
    *min_out = (d->ctx->today_days + off) * 1440 + hh * 60;
    return arena_printf(d->a, "%s %02d:00", day, hh);
}

static int activity(struct demo_run *d, int64_t team, int64_t off, int k, int64_t *id_out,
                    struct volunteer_activity *v, struct err *err)
{
    *v = (struct volunteer_activity){ .tenant_id = d->tenant,
                                      .org_id = d->community,
                                      .org_path = d->path,
                                      .team_id = team,
                                      .title = TITLES[k % NTITLES],
                                      .place = PLACES[k % NPLACES],
                                      .capacity = demo_rng_range(&d->r, 6, 10) };
    v->starts_at = slot(d, off, 9, &v->start_min);
    v->ends_at = slot(d, off, 11, &v->end_min);
    return volunteer_store_activity_insert(d->ctx->c, v, 0, d->ctx->now, id_out, err);
}

/* A past activity's sign-ups: most completed with their hours, one absent now and then. */
static int past_signups(struct demo_run *d, const struct volunteer_activity *v, struct err *err)
{
    int n = demo_rng_range(&d->r, 4, (int)v->capacity);
    int first = demo_rng_below(&d->r, (int)d->npeople);

    for (int i = 0; i < n && i < d->npeople; i++) {
        /* Three backbone volunteers serve at every activity (commendation candidates). */
        int64_t person = i < 3 ? d->people[i] : d->people[3 + (first + i * 7) % (d->npeople - 3)];
        int64_t sid, hid;
        bool absent = i >= 3 && demo_rng_chance(&d->r, 80);
        struct volunteer_hours h = { .person_id = person,
                                     .org_id = v->org_id,
                                     .activity_id = v->id,
                                     .start_at = v->starts_at,
                                     .end_at = v->ends_at,
                                     .source = "organizer",
                                     .status = "verified" };
        if (volunteer_store_signup_insert(d->ctx->c, v->id, person, absent ? "absent" : "completed",
                                          d->ctx->now, &sid, err) < 0)
            return -1;
        if (absent)
            continue;
        if (volunteer_store_hours_insert(d->ctx->c, &h, d->tenant, d->path, v->start_min,
                                         v->end_min, 0, d->ctx->now, &hid, err) < 0)
            return -1;
    }
    return 0;
}

static int posts(struct demo_run *d, struct err *err)
{
    static const struct {
        const char *name, *kind, *duties;
    } P[] = {
        { "独居老人关爱岗", "care", "每周探望结对的独居老人，了解需求，协助就医购药" },
        { "就业帮扶岗", "employment", "收集辖区招聘信息，帮助失业居民登记求职意向" },
        { "楼栋党员先锋岗", "pioneer", "巡查楼道消防通道，收集楼栋居民意见" },
    };
    char from[11], to[11], on[11];

    demo_days_fmt(d->ctx->today_days - 360, from);
    demo_days_fmt(d->ctx->today_days + 5, to);
    for (size_t i = 0; i < sizeof(P) / sizeof(P[0]); i++) {
        struct volunteer_post_in in = { .org_id = d->community,
                                        .name = arena_strdup(d->a, P[i].name),
                                        .kind = arena_strdup(d->a, P[i].kind),
                                        .duties = arena_strdup(d->a, P[i].duties),
                                        .starts_on = from,
                                        .ends_on = to };
        int64_t post, claim, rid;
        int64_t holder =
            i == 0 ? d->ctx->street->member_person_id : d->people[(i * 5) % d->npeople];
        if (volunteer_store_post_insert(d->ctx->c, &in, d->tenant, d->path, 0, d->ctx->now, &post,
                                        err) < 0 ||
            volunteer_store_claim_insert(d->ctx->c, post, holder, from, to, 0, d->ctx->now, &claim,
                                         err) < 0)
            return -1;
        for (int m = 11; m >= 0; m--) {
            struct volunteer_record_in rec = { .content = arena_strdup(d->a, P[i].duties) };
            demo_days_fmt(d->ctx->today_days - m * 30 - 3, on);
            rec.done_on = on;
            if (m % 3 == 0) {
                rec.served = arena_strdup(d->a, "结对居民");
                rec.feedback = arena_strdup(d->a, "服务及时，态度很好");
                rec.satisfaction = arena_strdup(d->a, "satisfied");
            }
            if (volunteer_store_record_insert(d->ctx->c, claim, &rec, m != 0, 0, d->ctx->now, &rid,
                                              err) < 0)
                return -1;
        }
    }
    return 0;
}

static int volunteer_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct arena a;
    struct demo_run d = { .ctx = ctx, .a = &a, .community = ctx->street->community_org_id };
    struct volunteer_team_in team = { .org_id = d.community };
    struct volunteer_activity v;
    int64_t teams[2], sid, hid, pend_min, pend_end;
    struct volunteer_hours pend;
    int rc = -1;

    arena_init(&a, 16384);
    demo_rng_seed(&d.r, ctx->seed ^ 0x766f6c756e746565ULL);
    if (volunteer_store_org(ctx->c, d.community, &a, &d.tenant, &d.path, err) < 0 ||
        volunteer_store_demo_people(ctx->c, d.path, 40, &a, &d.people, &d.npeople, err) < 0)
        goto out;
    if (d.npeople < 10) {
        rc = 0;
        goto out;
    }
    team.name = arena_strdup(&a, "社区党员志愿服务队");
    team.leader_person_id = ctx->street->member_person_id;
    team.skills = arena_strdup(&a, "环境整治、文明宣传");
    if (volunteer_store_team_insert(ctx->c, &team, d.tenant, d.path, 0, ctx->now, &teams[0], err) <
        0)
        goto out;
    team.name = arena_strdup(&a, "为老服务队");
    team.leader_person_id = d.people[1];
    team.skills = arena_strdup(&a, "助老、理发、义诊");
    if (volunteer_store_team_insert(ctx->c, &team, d.tenant, d.path, 0, ctx->now, &teams[1], err) <
        0)
        goto out;
    for (int i = 0; i < 24; i++)
        if (volunteer_store_team_member(ctx->c, teams[i % 2], d.people[i], ctx->now, err) < 0)
            goto out;
    /* A year back, every 15 days; the last one 10 days ago. */
    for (int k = 0; k < 24; k++) {
        if (activity(&d, teams[k % 2], -10 - 15 * (23 - k), k, &v.id, &v, err) < 0 ||
            past_signups(&d, &v, err) < 0)
            goto out;
    }
    for (int k = 0; k < 3; k++) {
        if (activity(&d, teams[k % 2], 3 + 7 * k, k + 3, &v.id, &v, err) < 0)
            goto out;
        for (int i = 0; i < 2; i++)
            if (volunteer_store_signup_insert(ctx->c, v.id, d.people[10 + 3 * k + i], "signed",
                                              ctx->now, &sid, err) < 0)
                goto out;
        if (k == 0 && volunteer_store_signup_insert(ctx->c, v.id, ctx->street->member_person_id,
                                                    "signed", ctx->now, &sid, err) < 0)
            goto out;
    }
    if (posts(&d, err) < 0)
        goto out;
    /* The demo member's own record of an hour on the care post, waiting for approval. */
    pend = (struct volunteer_hours){ .person_id = ctx->street->member_person_id,
                                     .org_id = d.community,
                                     .source = "self",
                                     .status = "pending",
                                     .note = "陪同独居老人复诊" };
    pend.start_at = slot(&d, -8, 19, &pend_min);
    pend.end_at = slot(&d, -8, 20, &pend_end);
    pend.post_id = volunteer_store_demo_first_post(ctx->c, d.community, err);
    if (pend.post_id <= 0 || volunteer_store_hours_insert(ctx->c, &pend, d.tenant, d.path, pend_min,
                                                          pend_end, 0, ctx->now, &hid, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook VOLUNTEER_DEMO = { "volunteer", DEMO_PHASE_DONE, volunteer_demo_run };
