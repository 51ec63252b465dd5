/* dev_demo.c: the member-development area's demo hook. Gives the demo street's 街道党工委
 * approval power (AUTH-APPROVE) and walks invented applicants (fictional names, ID numbers
 * with the demo prefix 99) through the steps with dates relative to today, so the pipeline
 * shows every stage: a talk overdue, a candidate awaiting approval past 3 months, 预备党员 on
 * time, one extended, two forgotten past the 预备期 end, and 正式党员 made through 转正. Every
 * step goes through the rule engine and the same writers as the API (dev_step_write); the
 * 支部党员大会 votes of steps 15 and 23 are taken as passed on the step's date, without a
 * linked vote row (the organizational-life demo holds no such votes), and admission and 转正
 * leave the roster alone (the street's roster is generated whole, with its own history). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/idcard.h"
#include "domain/auth/auth.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"
#include "domain/dev/dev_int.h"

/* Day offsets of steps 1-25 from the application (step 7 a year and more after step 3, the
 * 转正 discussion a year after step 15). */
static const int OFFSET[26] = { 0,   0,   20,  60,  61,  62,  240, 430, 431, 432, 434, 444, 449,
                                454, 459, 474, 479, 494, 499, 504, 509, 600, 840, 844, 854, 859 };

/* One scenario: applied `ago` days before today, walked to step `last`; conv: the step-23
 * decision. */
static const struct {
    int ago, last;
    const char *conv;
} CASES[] = {
    { 10, 1, NULL },         /* talk due within the month */
    { 50, 1, NULL },         /* talk overdue (DEV-TALK) */
    { 300, 6, NULL },        /* 入党积极分子 */
    { 470, 11, NULL },       /* 发展对象 after training */
    { 580, 16, NULL },       /* awaiting approval past 3 months (DEV-APPROVE) */
    { 700, 21, NULL },       /* 预备党员 on time */
    { 900, 21, NULL },       /* forgotten past the 预备期 end */
    { 1000, 22, NULL },      /* forgotten, 转正 applied for but never discussed */
    { 900, 24, "extend" },   /* extended by 6 months */
    { 910, 23, "on_time" },  /* 转正 awaiting approval, due within 30 days */
    { 1200, 25, "on_time" }, /* 正式党员 */
    { 1300, 25, "on_time" }, /* 正式党员 */
};

static const char SURNAMES[] = "林周陈吴郑冯蒋沈韩杨朱秦许何吕施孔曹严华";
static const char GIVEN[] = "晓明思雨嘉若子宇欣浩文静佳博睿诗涵远航悦";

/* A fictional two- or three-character name from the lists (3 bytes a character). */
static char *demo_name(struct rng *r, struct arena *a)
{
    int s = demo_rng_below(r, (int)(sizeof(SURNAMES) - 1) / 3);
    int g1 = demo_rng_below(r, (int)(sizeof(GIVEN) - 1) / 3);
    int g2 = demo_rng_below(r, (int)(sizeof(GIVEN) - 1) / 3);

    return demo_rng_chance(r, 400)
               ? arena_printf(a, "%.3s%.3s", SURNAMES + 3 * s, GIVEN + 3 * g1)
               : arena_printf(a, "%.3s%.3s%.3s", SURNAMES + 3 * s, GIVEN + 3 * g1, GIVEN + 3 * g2);
}

/* A demo ID number (prefix 99, a county code no roster person uses) for birth, seq. */
static char *demo_id(const char *birth, int seq, struct arena *a)
{
    char first[18];

    demo_sfmt(first, sizeof(first), "999901%.4s%.2s%.2s%03d", birth, birth + 5, birth + 8,
              seq % 1000);
    return arena_printf(a, "%s%c", first, idcard_check_char(first));
}

static int walk(const struct demo_ctx *ctx, int64_t org, int k, struct rng *r, struct arena *a,
                struct err *err)
{
    static const struct auth_actor actor = { NULL, "cli:demo", NULL, NULL };
    struct dev_applicant_in in = { 0 };
    struct dev_person_in *people = arena_alloc(a, 2 * sizeof(*people));
    int64_t *full, nfull, id, step_id, start = ctx->today_days - CASES[k].ago;
    char birth[11], applied[11];
    int seq = demo_rng_range(r, 1, 499) * 2 + (k % 2);

    demo_days_fmt(start - 365 * demo_rng_range(r, 19, 40) - demo_rng_below(r, 365), birth);
    demo_days_fmt(start, applied);
    in.name = demo_name(r, a);
    in.id_number = demo_id(birth, seq, a);
    in.gender = arena_strdup(a, idcard_gender(in.id_number) == 'M' ? "M" : "F");
    in.birth_date = birth;
    in.applied_on = applied;
    in.org_id = org;
    if (dev_store_demo_full_members(ctx->c, org, 2, a, &full, &nfull, err) < 0 ||
        dev_applicant_write(ctx->c, &in, ctx->today, &actor, a, &id, err) < 0)
        return -1;
    people[0].member_id = full[0];
    people[1].member_id = full[1];
    for (int s = 2; s <= CASES[k].last; s++) {
        struct dev_step_in st = { 0 };
        struct dev_person_fact pf[2] = { { full[0], "", "full", false },
                                         { full[1], "", "full", false } };
        struct dev_facts f = { 0 };
        char date[11];

        demo_days_fmt(start + OFFSET[s], date);
        st.step = s;
        st.date = date;
        f.today = ctx->today;
        if (s == 5 || s == 9) {
            st.people = people;
            st.npeople = s == 5 ? 1 : 2;
            f.people = pf;
            f.npeople = (size_t)st.npeople;
        }
        if (s == 10)
            st.decision = arena_strdup(a, "passed");
        if (s == 11)
            st.training_days = 3;
        if (s == 17 || s == 24)
            st.decision = arena_strdup(a, "approved");
        if (s == 23) {
            st.decision = arena_strdup(a, CASES[k].conv);
            st.extend_months = strcmp(CASES[k].conv, "extend") ? 0 : 6;
        }
        if (s == 15 || s == 23) {
            f.vote_found = f.vote_same_org = true;
            f.vote_kind = s == 15 ? "admission" : "full_member";
            f.vote_result = "passed";
            f.vote_date = date;
        }
        if (dev_step_write(NULL, ctx->c, id, &st, &f, NULL, 0, &actor, a, &step_id, NULL, err) < 0)
            return err_detail(err, "demo applicant %d step %d", k, s);
    }
    return 0;
}

static int dev_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct arena a;
    struct rng r;
    int64_t *branches, nb;
    int rc = -1;

    arena_init(&a, 1 << 16);
    demo_rng_seed(&r, ctx->seed ^ UINT64_C(0x6465766465766465));
    if (dev_store_demo_approvers(ctx->c, err) < 0 ||
        dev_store_demo_branches(ctx->c, ctx->street->street_org_id, 6, &a, &branches, &nb, err) < 0)
        goto out;
    for (size_t k = 0; nb && k < ARRAY_LEN(CASES); k++)
        if (walk(ctx, branches[k % (size_t)nb], (int)k, &r, &a, err) < 0)
            goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook DEV_DEMO = { "dev", DEMO_PHASE_DONE, dev_demo_run };
