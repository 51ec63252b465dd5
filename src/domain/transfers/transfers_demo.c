/* transfers_demo.c: the transfers area's demo hook: transfers in every state on the demo street.
 * Accepted and returned ones run between branches outside the demo community (the demo logins'
 * rolls and counts stay as the other areas' demos made them): one accepted 52 days ago (the
 * member moved, with the roster's history), one returned with a reason; a transfer out of the
 * demo branch still pending past its XFER-ONLINE-LIMIT deadline, one into it sent 5 days ago
 * and one more pending between two other branches. Introduction letters: one of the demo
 * branch issued 100 days ago and never receipted (past XFER-VALID: a 口袋党员), one receipted,
 * one still valid. 流动党员: one of the demo branch away for 5 months with its 活动证 and a meeting
 * at the destination each month, one of another branch staying in the demo branch (inflow,
 * 8 months: FLOW-DEF's case), one returned. 失联: a member of the demo branch not reached for 8
 * months after four attempts, with the committee's decision to keep helping. 在职党员报到: three
 * in-service members registered with the demo community 400 days ago — a member of another
 * branch of the street and two people whose relations lie in workplace orgs outside the
 * tree — with their services over the year and last year's evaluation. Written through the
 * store, deadlines by the rule rows as live ones get them. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/auth/auth.h"
#include "domain/demo/demo.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "domain/transfers/transfers_int.h"

static const struct auth_actor DEMO_ACTOR = { NULL, "cli:demo", NULL, NULL };

static void days_ago(const struct demo_ctx *ctx, int64_t n, char out[11])
{
    int y, m, d;

    date_from_days(ctx->today_days - n, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* A transfer of member to org sent n days ago, with its deadline from the rule rows; decided
 * (status not "pending") after k days: accepted moves the member, returned keeps reason. */
static int transfer(const struct demo_ctx *ctx, int64_t member, int64_t to, int64_t n,
                    const char *status, int64_t k, const char *reason, struct arena *a,
                    struct err *err)
{
    struct transfer_row row = { 0 };
    struct member_change_note note = { 0 };
    char sent[11], decided[11];
    int64_t id;

    days_ago(ctx, n, sent);
    days_ago(ctx, n - k, decided);
    row.member_id = member;
    row.to_org_id = to;
    row.member_status = "full";
    row.sent_on = sent;
    row.created_at = ctx->now - n * 86400;
    if (transfer_due(ctx->c, sent, a, &row, err) < 0 ||
        transfers_store_insert(ctx->c, &row, &id, err) < 0)
        return -1;
    if (!strcmp(status, "pending"))
        return transfers_demo_store_dates(ctx->c, id, sent, row.due_on, NULL, err);
    note.effective_on = decided;
    note.note = arena_printf(a, "组织关系转接（编号%" PRId64 "）", id);
    if (transfers_store_decide(ctx->c, id, status, decided, reason, row.findings, 0,
                               ctx->now - (n - k) * 86400, err) < 0 ||
        (!strcmp(status, "accepted") &&
         member_move(ctx->c, member, to, &note, &DEMO_ACTOR, err) < 0))
        return -1;
    return transfers_demo_store_dates(ctx->c, id, sent, row.due_on, decided, err);
}

/* A letter of member at org issued n days ago to a fictional org outside the system, valid by
 * the rule rows; receipted k days later when k > 0. */
static int letter(const struct demo_ctx *ctx, int64_t member, int64_t org, int64_t n,
                  const char *to, int64_t k, struct arena *a, struct err *err)
{
    struct transfer_letter_row row = { 0 };
    struct transfer_rule r;
    char issued[11], until[11], received[11];
    bool has = false;
    int64_t id;

    days_ago(ctx, n, issued);
    if (transfers_store_rule(ctx->c, "XFER-VALID", issued, a, &r, &has, err) < 0)
        return -1;
    date_add_months(issued, has ? (int)transfer_rule_param(&r, "months", 3) : 3, until);
    row.member_id = member;
    row.org_id = org;
    row.year = strtoll(issued, NULL, 10);
    row.to_org_name = to;
    row.issued_on = issued;
    row.valid_until = until;
    row.valid_rule = has ? arena_printf(a, "%s %s", r.rule_id, r.rule_set) : "XFER-VALID default";
    row.dues_paid_to = arena_printf(a, "%.7s", issued);
    row.member_status = "full";
    row.created_at = ctx->now - n * 86400;
    if (transfers_store_letter_insert(ctx->c, &row, &id, err) < 0)
        return -1;
    if (k <= 0)
        return 0;
    days_ago(ctx, n - k, received);
    return transfers_store_letter_receipt(ctx->c, id, received, "回执已寄回，附存根", 0, err);
}

/* A flow of member sent n days ago for the months given; org 0 for an outflow (the member's
 * own org registers it); a certificate and meetings at the destination each month so far;
 * returned k days after it started when k > 0. */
static int flow(const struct demo_ctx *ctx, int64_t member, const char *direction, int64_t org,
                int64_t n, int months, const char *place, const char *dest, int64_t k,
                struct arena *a, struct err *err)
{
    static const char *const TOPICS[] = { "主题党日：学习党的二十届四中全会精神", "支部党员大会",
                                          "党课：新时代党员的责任与担当",
                                          "志愿服务：社区环境整治" };
    struct transfer_flow_row row = { 0 };
    char starts[11], ends[11], card[11], met[11], back[11];
    int64_t id, mid;

    days_ago(ctx, n, starts);
    date_add_months(starts, months, ends);
    date_add_months(starts, months < 6 ? months : 6, card);
    row.member_id = member;
    row.direction = direction;
    row.org_id = org;
    row.dest_org_name = dest;
    row.place = place;
    row.reason = !strcmp(direction, "out") ? "务工" : "随子女居住";
    row.contact = "微信联系";
    row.starts_on = starts;
    row.ends_on = ends;
    row.card_no = arena_printf(a, "宁流证〔%.4s〕%03" PRId64 "号", starts, member % 1000);
    row.card_valid_until = card;
    row.created_at = ctx->now - n * 86400;
    if (transfer_flow_findings(ctx->c, starts, ends, a, &row.findings, err) < 0 ||
        transfers_store_flow_insert(ctx->c, &row, &id, err) < 0)
        return -1;
    for (int64_t d = 20, i = 0; d < n && (k <= 0 || d < k); d += 30, i++) {
        days_ago(ctx, n - d, met);
        if (transfers_store_flow_meeting_insert(ctx->c, id, met, TOPICS[i % 4], dest, NULL, 0,
                                                ctx->now - (n - d) * 86400, &mid, err) < 0)
            return -1;
    }
    if (k <= 0)
        return 0;
    days_ago(ctx, n - k, back);
    return transfers_store_flow_return(ctx->c, id, back, err);
}

/* The 失联 ladder's contact record of member: reached 10 months ago, then not reached 8, 5 and 1
 * month ago (LOST-R-CONTACT), and the branch committee's decision to keep helping, 2 weeks ago. */
static int lost(const struct demo_ctx *ctx, int64_t member, struct err *err)
{
    static const struct {
        int64_t days;
        const char *method;
        bool reached;
        const char *note;
    } TRIES[] = {
        { 300, "visit", true, "本人在家，答应按时参加组织生活" },
        { 240, "phone", false, "电话停机" },
        { 150, "visit", false, "家中无人，邻居称已外出" },
        { 30, "relative", false, "经其姐联系，未回复" },
    };
    char on[11];
    int64_t id;

    for (size_t i = 0; i < sizeof(TRIES) / sizeof(TRIES[0]); i++) {
        days_ago(ctx, TRIES[i].days, on);
        if (transfers_store_contact_insert(ctx->c, member, on, TRIES[i].method, TRIES[i].reached,
                                           TRIES[i].note, 0, ctx->now - TRIES[i].days * 86400, &id,
                                           err) < 0)
            return -1;
    }
    days_ago(ctx, 14, on);
    return transfers_store_decision_insert(ctx->c, member, "keep", on, "党支部委员会", NULL,
                                           "继续联系本人和家属", 0, ctx->now - 14 * 86400, &id,
                                           err);
}

/* An in-service member (member in the tree, or a person of name/gender/unit outside it)
 * registered with community 400 days ago, with a service every k-th of the last 360 days
 * (offset by k) and last year's evaluation. */
static int report(const struct demo_ctx *ctx, int64_t community, int64_t member, const char *name,
                  const char *gender, const char *unit, const char *work, const char *skills, int k,
                  struct arena *a, struct err *err)
{
    static const struct {
        const char *kind, *content;
        int64_t minutes;
    } DONE[] = {
        { "wish", "认领微心愿：为独居老人更换门锁", 90 },
        { "governance", "参加楼栋议事会，协调加装电梯意见", 120 },
        { "skill", "为居民提供法律咨询", 150 },
        { "publicity", "在社区宣讲垃圾分类新规", 60 },
        { "pairing", "走访结对困难家庭，帮助申请临时救助", 120 },
    };
    struct transfer_report_row row = { .community_id = community, .member_id = member };
    struct transfer_service sv;
    char on[11], year[5];
    int64_t id, sid;

    days_ago(ctx, 400, on);
    row.reported_on = arena_strdup(a, on);
    row.created_at = ctx->now - 400 * 86400;
    if (transfers_store_org_tenant(ctx->c, community, &row.tenant_id, err) < 0)
        return -1;
    if (member) {
        if (transfers_store_member_unit(ctx->c, member, a, &row.person_id, &row.unit_org_id,
                                        &row.unit_org_name, err) < 0)
            return -1;
    } else {
        struct member_in p = { .name = arena_strdup(a, name), .gender = arena_strdup(a, gender) };
        if (person_add(ctx->c, row.tenant_id, &p, a, row.created_at, &row.person_id, err) < 0)
            return -1;
        row.unit_org_name = unit;
    }
    row.work_unit = work;
    row.skills = skills;
    row.wishes = "周末参加社区志愿服务";
    if (transfers_store_report_insert(ctx->c, &row, &id, err) < 0)
        return -1;
    for (int d = 360 - k * 7, i = 0; d > 3; d -= 30 + k, i++) {
        days_ago(ctx, d, on);
        sv = (struct transfer_service){ .served_on = on,
                                        .kind = DONE[(i + k) % 5].kind,
                                        .content = DONE[(i + k) % 5].content,
                                        .minutes = DONE[(i + k) % 5].minutes };
        if (transfers_store_report_service_insert(ctx->c, id, &sv, 0, ctx->now - d * 86400, &sid,
                                                  err) < 0)
            return -1;
    }
    snprintf(year, sizeof(year), "%.4s", ctx->today);
    return transfers_store_report_review_set(
        ctx->c, id, (int)strtol(year, NULL, 10) - 1, k == 1 ? "excellent" : "good",
        k == 1 ? "热心社区事务，带动楼栋居民参与议事，群众评价好"
               : "按时参加社区活动，认真完成认领的服务",
        0, ctx->now - 30 * 86400, err);
}

static int transfers_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    const struct demo_result *s = ctx->street;
    struct arena a;
    const char *street, *community;
    int64_t *b, nb, *m0, n0, *m1, n1, *home, nh, *m2, n2, *m3, n3;
    int rc = -1;

    arena_init(&a, 4096);
    if (org_path_of(ctx->c, s->street_org_id, &a, &street, err) < 0 ||
        org_path_of(ctx->c, s->community_org_id, &a, &community, err) < 0 ||
        transfers_demo_store_branches(ctx->c, street, community, 4, &a, &b, &nb, err) < 0)
        goto out;
    if (nb < 4) { /* a street too small for the example: nothing to show */
        rc = 0;
        goto out;
    }
    if (transfers_demo_store_members(ctx->c, b[0], 0, 2, &a, &m0, &n0, err) < 0 ||
        transfers_demo_store_members(ctx->c, b[1], 0, 2, &a, &m1, &n1, err) < 0 ||
        transfers_demo_store_members(ctx->c, b[2], 0, 2, &a, &m2, &n2, err) < 0 ||
        transfers_demo_store_members(ctx->c, b[3], 0, 3, &a, &m3, &n3, err) < 0 ||
        transfers_demo_store_members(ctx->c, s->branch_org_id, s->member_person_id, 4, &a, &home,
                                     &nh, err) < 0)
        goto out;
    if (n0 < 2 || n1 < 2 || n2 < 2 || n3 < 3 || nh < 4) {
        rc = 0;
        goto out;
    }
    if (transfer(ctx, m0[0], b[1], 60, "accepted", 8, NULL, &a, err) < 0 ||
        transfer(ctx, m0[1], b[2], 30, "returned", 5, "转出时所填接收党组织有误，请核实后重新办理",
                 &a, err) < 0 ||
        transfer(ctx, home[0], b[1], 40, "pending", 0, NULL, &a, err) < 0 ||
        transfer(ctx, m1[0], s->branch_org_id, 5, "pending", 0, NULL, &a, err) < 0 ||
        transfer(ctx, m1[1], b[3], 12, "pending", 0, NULL, &a, err) < 0 ||
        letter(ctx, home[1], s->branch_org_id, 100, "中共青溪县临河镇委员会", 0, &a, err) < 0 ||
        letter(ctx, m2[0], b[2], 50, "中共云岭市南湖区滨江街道工作委员会", 30, &a, err) < 0 ||
        letter(ctx, m3[0], b[3], 10, "中共江川县城关镇第二社区委员会", 0, &a, err) < 0 ||
        flow(ctx, home[2], "out", 0, 95, 5, "云岭市南湖区", "中共云岭市南湖区滨江街道工作委员会", 0,
             &a, err) < 0 ||
        flow(ctx, m2[1], "in", s->branch_org_id, 70, 8, "本社区", NULL, 0, &a, err) < 0 ||
        flow(ctx, m3[1], "out", 0, 200, 4, "江川县", "中共江川县城关镇委员会", 130, &a, err) < 0 ||
        lost(ctx, home[3], err) < 0 ||
        report(ctx, s->community_org_id, m3[2], NULL, NULL, NULL, NULL, "会计、税务咨询", 1, &a,
               err) < 0 ||
        report(ctx, s->community_org_id, 0, "韩立新", "M", "中共青溪区住房和城乡建设局机关委员会",
               "青溪区住房和城乡建设局", "建筑工程、物业管理", 2, &a, err) < 0 ||
        report(ctx, s->community_org_id, 0, "苏婉清", "F", "中共青溪区人民医院委员会",
               "青溪区人民医院", "护理、健康讲座", 3, &a, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook TRANSFERS_DEMO = { "transfers", DEMO_PHASE_DONE, transfers_demo_run };
