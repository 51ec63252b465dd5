/* orglife_vote_demo.c: votes for the demo branch (the demo logins' branch), so a newcomer sees
 * both results a 支部党员大会 meets most: in the latest held one a 举手表决 that passed, in the
 * one before a 无记名投票 (paper tallies) that failed quorum because most voters were away.
 * The votes go through the services' own work (orglife_vote_*), so the results are computed,
 * never written; other branches get none. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/orglife/orglife_int.h"

/* The services' inputs hold writable strings (they are decoded requests). */
#define S(a, lit) arena_strdup((a), (lit))

/* The voters of a meeting (正式党员 on its roll) and, of them, the ones recorded present. */
struct demo_voters {
    int64_t *ids, n, *present, npresent;
};

static int voters_of(struct db_conn *c, int64_t meeting_id, struct arena *a, struct demo_voters *v,
                     struct err *err)
{
    struct meeting_view m;
    struct orglife_roll_row *roll;
    struct meeting_attendee *att;
    int64_t nroll, natt;

    if (orglife_store_meeting_get(c, meeting_id, a, &m, err) < 0 ||
        orglife_store_roll(c, m.org_id, m.type, m.meets_on, a, &roll, &nroll, err) < 0 ||
        orglife_store_attendees(c, meeting_id, a, &att, &natt, err) < 0)
        return -1;
    *v = (struct demo_voters){ .ids = arena_alloc(a, sizeof(int64_t) * (size_t)(nroll + 1)),
                               .present = arena_alloc(a, sizeof(int64_t) * (size_t)(nroll + 1)) };
    for (int64_t i = 0; i < nroll; i++) {
        if (strcmp(roll[i].status, "full"))
            continue;
        v->ids[v->n++] = roll[i].person_id;
        for (int64_t k = 0; k < natt; k++)
            if (att[k].person_id == roll[i].person_id && att[k].status &&
                (!strcmp(att[k].status, "present") || !strcmp(att[k].status, "online")))
                v->present[v->npresent++] = roll[i].person_id;
    }
    return 0;
}

/* What a demo 支部党员大会 decides, by a word of its topic (orglife_demo.c's topics). */
static const struct {
    const char *word, *subject, *resolution;
} DECISIONS[] = {
    { "工作安排", "通过支部下季度工作安排", "按工作安排分工落实，每月支委会检查进度。" },
    { "发展党员", "通过支部年度发展党员工作计划", "报社区党委备案，指定培养联系人。" },
    { "为民办实事", "同意推荐“老旧楼道加装扶手”为社区为民办实事项目",
      "支部党员大会同意推荐，报社区党委研究。" },
    { "党费", "通过支部年度党费收缴使用情况报告", "在支部公开栏公示收缴使用情况。" },
};

/* A show of hands on what the meeting was about: all present in favour but one abstains. */
static int vote_passed(const struct demo_ctx *ctx, int64_t meeting_id, struct arena *a,
                       struct err *err)
{
    struct meeting_view m;
    struct vote_in in = { .subject = S(a, "通过本次会议决定事项"),
                          .kind = S(a, "decision"),
                          .method = S(a, "open") };
    struct demo_voters v;
    int64_t id;

    if (orglife_store_meeting_get(ctx->c, meeting_id, a, &m, err) < 0)
        return -1;
    for (size_t i = 0; i < ARRAY_LEN(DECISIONS); i++)
        if (m.topic && strstr(m.topic, DECISIONS[i].word)) {
            in.subject = S(a, DECISIONS[i].subject);
            in.resolution = S(a, DECISIONS[i].resolution);
        }
    if (voters_of(ctx->c, meeting_id, a, &v, err) < 0 ||
        orglife_vote_open(ctx->c, meeting_id, &in, NULL, a, &id, err) < 0)
        return -1;
    for (int64_t i = 0; i < v.npresent; i++) {
        struct ballot_in b = { .person_id = v.present[i],
                               .choice = S(a, i == 1 ? "abstain" : "yes"),
                               .how = S(a, "present") };
        if (orglife_vote_ballot(ctx->c, meeting_id, id, &b, false, NULL, a, err) < 0)
            return -1;
    }
    return orglife_vote_close(ctx->c, meeting_id, id, NULL, a, err);
}

/* Half the voters or fewer stay (the rest on approved leave, working away), the paper ballots
 * are counted, and closing finds the quorum not met. */
static int vote_failed_quorum(const struct demo_ctx *ctx, int64_t meeting_id, struct arena *a,
                              struct err *err)
{
    struct vote_in in = { .subject = S(a, "接收入党积极分子为预备党员"),
                          .kind = S(a, "admission"),
                          .method = S(a, "secret") };
    struct demo_voters v;
    struct tally_in t;
    int64_t id, keep;

    if (voters_of(ctx->c, meeting_id, a, &v, err) < 0)
        return -1;
    keep = v.n / 2 < v.npresent ? v.n / 2 : v.npresent;
    for (int64_t i = keep; i < v.npresent; i++) {
        struct attendance_in leave = { .person_id = v.present[i],
                                       .status = S(a, "leave"),
                                       .reason = S(a, "外出务工，已向支部书记请假"),
                                       .leave_approved = true };
        if (orglife_store_attend(ctx->c, meeting_id, &leave, 0, ctx->now, err) < 0)
            return -1;
    }
    t = (struct tally_in){ .yes = keep > 1 ? keep - 1 : keep, .abstain = keep > 1 ? 1 : 0 };
    return orglife_store_counts(ctx->c, meeting_id, false, err) < 0 ||
                   orglife_vote_open(ctx->c, meeting_id, &in, NULL, a, &id, err) < 0 ||
                   orglife_vote_tally(ctx->c, meeting_id, id, &t, NULL, a, err) < 0 ||
                   orglife_vote_close(ctx->c, meeting_id, id, NULL, a, err) < 0
               ? -1
               : 0;
}

int orglife_vote_demo(const struct demo_ctx *ctx, struct err *err)
{
    int64_t *ids, n;
    struct arena a;
    int rc = -1;

    if (!ctx->street->branch_org_id)
        return 0;
    arena_init(&a, 1 << 14);
    if (orglife_demo_store_congresses(ctx->c, ctx->street->branch_org_id, &a, &ids, &n, err) < 0)
        goto out;
    rc = (n >= 1 && vote_passed(ctx, ids[0], &a, err) < 0) ||
                 (n >= 2 && vote_failed_quorum(ctx, ids[1], &a, err) < 0)
             ? -1
             : 0;
out:
    arena_release(&a);
    return rc;
}
