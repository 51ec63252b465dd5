/* funds.c: the funds service's writes: a community's quarterly plan (created as a draft,
 * submitted before FUND-DEADLINE), the street forwarding its communities' plans with comments,
 * the district's per-activity decisions, allocation of the approved amounts within the budget
 * left (or with a recorded override) and the yearly budget (FUND-BUDGET, FUND-RESERVE). Each
 * write is one transaction with its audit rows. Reads are in funds_read.c. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/funds/funds_int.h"

const char *const FUNDS_STATUSES[] = { "draft",    "submitted", "forwarded",
                                       "reviewed", "allocated", NULL };
const char *const FUNDS_STATUS_LABELS[] = { "草稿",   "已提交街道", "街道已报送",
                                            "已审核", "已分配",     NULL };
const char *const FUNDS_DECISIONS[] = { "approved", "adjusted", "refused", NULL };
const char *const FUNDS_DECISION_LABELS[] = { "同意", "调整金额", "不同意", NULL };
const char *const FUNDS_VERBS[] = { "approve", "adjust", "refuse", NULL };

const char *funds_yuan(struct arena *a, int64_t fen)
{
    return arena_printf(a, "%s%" PRId64 ".%02" PRId64, fen < 0 ? "-" : "",
                        (fen < 0 ? -fen : fen) / 100, (fen < 0 ? -fen : fen) % 100);
}

/* The deadline of the plan's quarter; E_INVALID "/quarter" when today is past it. */
static int deadline_check(struct db_conn *c, int64_t year, int64_t quarter, struct arena *a,
                          char out[11], struct err *err)
{
    struct funds_rule *rules;
    int64_t n;
    char today[11];

    clock_today(today);
    if (funds_store_rules(c, a, &rules, &n, err) < 0 ||
        funds_deadline(funds_rule_in_force(rules, n, "FUND-DEADLINE", today), year, quarter, out,
                       err) < 0)
        return -1;
    if (strcmp(today, out) > 0)
        return err_set(err, E_INVALID, "/quarter",
                       "%" PRId64 "年第%" PRId64 "季度的活动计划已过报送截止日期（%s，规则 "
                       "FUND-DEADLINE）",
                       year, quarter, out);
    return 0;
}

static bool category_known(const struct funds_category *k, int64_t n, const char *code)
{
    for (int64_t i = 0; i < n; i++)
        if (!strcmp(k[i].code, code))
            return true;
    return false;
}

int funds_plan_create(struct app *app, const struct funds_plan_in *in,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_org o;
    struct funds_category *cats;
    int64_t ncats, plan_id, total = 0;
    char deadline[11];
    int rc = -1;

    arena_init(&a, 1u << 14);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        funds_store_org(c, in->org_id, &a, &o, err) < 0)
        goto out;
    if (!o.community) {
        err_set(err, E_INVALID, "/org_id", "活动计划由社区党组织（街道下的社区党委或党总支）填报");
        goto out;
    }
    if (deadline_check(c, in->year, in->quarter, &a, deadline, err) < 0 ||
        funds_store_categories(c, &a, &cats, &ncats, err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nactivities; i++) {
        const struct funds_activity_in *v = &in->activities[i];
        if (!funds_date_in_quarter(v->date, in->year, in->quarter))
            err_set(err, E_INVALID, arena_printf(&a, "/activities/%" PRId64 "/date", i),
                    "第%" PRId64 "项活动的日期须在%" PRId64 "年第%" PRId64 "季度内", i + 1,
                    in->year, in->quarter);
        for (int64_t k = 0; k < v->nbudget_lines; k++)
            if (!category_known(cats, ncats, v->budget_lines[k].category))
                err_set(err, E_INVALID,
                        arena_printf(
                            &a, "/activities/%" PRId64 "/budget_lines/%" PRId64 "/category", i, k),
                        "第%" PRId64 "项活动第%" PRId64 "条预算的类别不存在", i + 1, k + 1);
    }
    if (err->code)
        goto out;
    if (funds_store_plan_insert(c, &o, in, deadline, auth_actor_user_id(actor), clock_now(),
                                &plan_id, err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nactivities; i++) {
        const struct funds_activity_in *v = &in->activities[i];
        int64_t sum = 0, aid;
        for (int64_t k = 0; k < v->nbudget_lines; k++)
            sum += v->budget_lines[k].amount_fen;
        if (funds_store_activity_insert(c, plan_id, i + 1, v, sum, &aid, err) < 0)
            goto out;
        for (int64_t k = 0; k < v->nbudget_lines; k++)
            if (funds_store_line_insert(c, aid, k + 1, v->budget_lines[k].category,
                                        v->budget_lines[k].amount_fen, err) < 0)
                goto out;
        total += sum;
    }
    if (auth_audit_change(c, actor, "funds.plan", "fund_plan", plan_id, o.id,
                          json_pack("{s:I, s:I, s:I, s:I}", "year", (json_int_t)in->year, "quarter",
                                    (json_int_t)in->quarter, "activities",
                                    (json_int_t)in->nactivities, "requested_fen",
                                    (json_int_t)total),
                          err) < 0)
        goto out;
    *id_out = plan_id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_plan_submit(struct app *app, int64_t plan_id, const struct auth_actor *actor,
                      struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_plan p;
    char deadline[11];
    int rc = -1;

    arena_init(&a, 1u << 14);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        funds_store_plan(c, plan_id, &a, &p, err) < 0 ||
        funds_store_plan_activities(c, &p, &a, err) < 0)
        goto out;
    if (strcmp(p.status, "draft")) {
        err_set(err, E_CONFLICT, "/status", "只有草稿可以提交（当前：%s）",
                enum_label(FUNDS_STATUSES, FUNDS_STATUS_LABELS, p.status));
        goto out;
    }
    if (!p.nactivities) {
        err_set(err, E_INVALID, "/activities", "计划中没有活动，不能提交");
        goto out;
    }
    if (deadline_check(c, p.year, p.quarter, &a, deadline, err) < 0 ||
        funds_store_plan_move(c, plan_id, "draft", "submitted", 0, clock_now(), "只有草稿可以提交",
                              err) < 0 ||
        auth_audit_change(c, actor, "funds.submit", "fund_plan", plan_id, p.org_id,
                          json_pack("{s:s}", "status", "submitted"), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_plans_forward(struct app *app, const int64_t *ids, int64_t n,
                        const struct funds_comment_in *comments, int64_t ncomments,
                        const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_plan *plans;
    int64_t by = auth_actor_user_id(actor), now = clock_now();
    int rc = -1;

    arena_init(&a, 1u << 14);
    plans = arena_alloc(&a, sizeof(*plans) * (size_t)(n ? n : 1));
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++)
        if (funds_store_plan(c, ids[i], &a, &plans[i], err) < 0 ||
            funds_store_plan_activities(c, &plans[i], &a, err) < 0)
            goto out;
    /* Every comment names an activity of one of the plans. */
    for (int64_t k = 0; k < ncomments; k++) {
        bool hit = false;
        for (int64_t i = 0; i < n && !hit; i++)
            for (int64_t j = 0; j < plans[i].nactivities && !hit; j++)
                hit = plans[i].activities[j].id == comments[k].activity_id;
        if (!hit) {
            err_set(err, E_INVALID, arena_printf(&a, "/comments/%" PRId64 "/activity_id", k),
                    "第%" PRId64 "条意见所指的活动不在报送的计划中", k + 1);
            goto out;
        }
        if (funds_store_comment(c, comments[k].activity_id, comments[k].comment, err) < 0)
            goto out;
    }
    for (int64_t i = 0; i < n; i++)
        if (funds_store_plan_move(
                c, ids[i], "submitted", "forwarded", by, now,
                arena_printf(&a, "%s的计划尚未提交或已报送，不能报送", plans[i].org_name),
                err) < 0 ||
            auth_audit_change(
                c, actor, "funds.forward", "fund_plan", ids[i], plans[i].org_id,
                json_pack("{s:s, s:I}", "status", "forwarded", "comments", (json_int_t)ncomments),
                err) < 0)
            goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_plans_submitted(struct app *app, const char *street_path, int64_t year, int64_t quarter,
                          struct arena *a, int64_t **ids_out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = funds_store_submitted(c, street_path, year, quarter, a, ids_out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

/* One decision's checks; the activity's approved amount into *fen_out. */
static int decision_check(const struct funds_decision_in *d, const struct funds_activity *v,
                          int64_t i, struct arena *a, const char **decision_out, int64_t *fen_out,
                          struct err *err)
{
    const char *field = arena_printf(a, "/decisions/%" PRId64 "/", i);
    bool reason = d->reason && d->reason[0];

    if (!strcmp(d->decision, "approve")) {
        *decision_out = "approved";
        *fen_out = v->requested_fen;
        return 0;
    }
    if (!reason)
        return err_set(err, E_INVALID, arena_printf(a, "%sreason", field),
                       "第%" PRId64 "项决定须说明理由（调整金额或不同意时必填）", i + 1);
    if (!strcmp(d->decision, "refuse")) {
        *decision_out = "refused";
        *fen_out = 0;
        return 0;
    }
    if (d->amount_fen <= 0)
        return err_set(err, E_INVALID, arena_printf(a, "%samount_fen", field),
                       "第%" PRId64 "项调整后的金额须大于 0（单位：分）；不予安排请选择不同意",
                       i + 1);
    *decision_out = "adjusted";
    *fen_out = d->amount_fen;
    return 0;
}

int funds_plan_review(struct app *app, int64_t plan_id, const struct funds_decision_in *d,
                      int64_t n, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_plan p;
    int64_t left, by = auth_actor_user_id(actor), now = clock_now();
    json_t *log = json_array();
    int rc = -1;

    arena_init(&a, 1u << 14);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        funds_store_plan(c, plan_id, &a, &p, err) < 0 ||
        funds_store_plan_activities(c, &p, &a, err) < 0)
        goto out;
    if (strcmp(p.status, "forwarded") && strcmp(p.status, "reviewed")) {
        err_set(err, E_CONFLICT, "/status",
                "计划须经街道报送后才能审核，已分配的不能再改（当前：%s）",
                enum_label(FUNDS_STATUSES, FUNDS_STATUS_LABELS, p.status));
        goto out;
    }
    for (int64_t i = 0; i < n; i++) {
        const struct funds_activity *v = NULL;
        const char *decision = NULL;
        int64_t fen = 0;
        for (int64_t j = 0; j < p.nactivities && !v; j++)
            if (p.activities[j].id == d[i].activity_id)
                v = &p.activities[j];
        if (!v) {
            err_set(err, E_INVALID, arena_printf(&a, "/decisions/%" PRId64 "/activity_id", i),
                    "第%" PRId64 "项决定所指的活动不在这份计划中", i + 1);
            goto out;
        }
        if (decision_check(&d[i], v, i, &a, &decision, &fen, err) < 0 ||
            funds_store_decide(c, v->id, decision, fen, d[i].reason, by, now, err) < 0)
            goto out;
        json_array_append_new(log,
                              json_pack("{s:I, s:s, s:I}", "activity_id", (json_int_t)v->id,
                                        "decision", decision, "approved_fen", (json_int_t)fen));
    }
    if (funds_store_undecided(c, plan_id, &left, err) < 0)
        goto out;
    if (!left && !strcmp(p.status, "forwarded") &&
        funds_store_plan_move(c, plan_id, "forwarded", "reviewed", by, now, "计划状态已变化", err) <
            0)
        goto out;
    if (auth_audit_change(c, actor, "funds.review", "fund_plan", plan_id, p.org_id,
                          json_pack("{s:O, s:I}", "decisions", log, "undecided", (json_int_t)left),
                          err) < 0)
        goto out;
    rc = 0;
out:
    json_decref(log);
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_plan_allocate(struct app *app, int64_t plan_id, const char *override_reason,
                        const struct auth_actor *actor, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_plan p;
    struct funds_org o;
    struct funds_budget b;
    struct funds_alloc_row *rows;
    int64_t n, total = 0, allocated, left, by = auth_actor_user_id(actor), now = clock_now();
    bool found = false, over;
    int rc = -1;

    arena_init(&a, 1u << 14);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        funds_store_plan(c, plan_id, &a, &p, err) < 0 ||
        funds_store_org(c, p.org_id, &a, &o, err) < 0)
        goto out;
    if (strcmp(p.status, "reviewed")) {
        err_set(err, E_CONFLICT, "/status", "每项活动都审核后才能分配经费（当前：%s）",
                enum_label(FUNDS_STATUSES, FUNDS_STATUS_LABELS, p.status));
        goto out;
    }
    if (funds_store_budget(c, p.org_id, p.year, &a, &b, &found, err) < 0 ||
        funds_store_allocated(c, p.org_id, p.year, &allocated, err) < 0 ||
        funds_store_approved(c, plan_id, &a, &rows, &n, err) < 0)
        goto out;
    if (!found) {
        err_set(err, E_CONFLICT, "/org_id", "%s尚未设定%" PRId64 "年度党建经费预算", o.name,
                p.year);
        goto out;
    }
    for (int64_t i = 0; i < n; i++)
        total += rows[i].amount_fen;
    left = b.amount_fen - b.reserve_fen - allocated;
    over = total > left;
    if (over && (!override_reason || !override_reason[0])) {
        err_set(err, E_CONFLICT, "/override_reason",
                "分配 %s 元超过%s本年度剩余预算 %s 元；确需超出，请填写超预算说明",
                funds_yuan(&a, total), o.name, funds_yuan(&a, left));
        goto out;
    }
    for (int64_t i = 0; i < n; i++)
        if (funds_store_allocation_insert(c, &p, o.path, o.tenant_id, &rows[i],
                                          over ? override_reason : NULL, by, now, err) < 0)
            goto out;
    if (funds_store_plan_move(c, plan_id, "reviewed", "allocated", by, now, "计划状态已变化", err) <
            0 ||
        auth_audit_change(c, actor, "funds.allocate", "fund_plan", plan_id, p.org_id,
                          json_pack("{s:I, s:I, s:s?}", "allocated_fen", (json_int_t)total,
                                    "left_before_fen", (json_int_t)left, "override_reason",
                                    over ? override_reason : NULL),
                          err) < 0)
        goto out;
    *total_out = total;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_budget_set(struct app *app, const struct funds_budget_in *in,
                     const struct auth_actor *actor, struct arena *a, struct funds_budget *out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct funds_org o;
    struct funds_rule *rules;
    const struct funds_rule *rb, *rr;
    struct funds_budget b = { 0 };
    int64_t n, allocated;
    char day[11];
    int rc = -1;

    snprintf(day, sizeof(day), "%04d-01-01", (int)in->year);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        funds_store_org(c, in->org_id, a, &o, err) < 0 ||
        funds_store_rules(c, a, &rules, &n, err) < 0 ||
        funds_store_allocated(c, in->org_id, in->year, &allocated, err) < 0)
        goto out;
    if (!o.community) {
        err_set(err, E_INVALID, "/org_id", "党建经费预算按社区设定");
        goto out;
    }
    rb = funds_rule_in_force(rules, n, "FUND-BUDGET", day);
    rr = funds_rule_in_force(rules, n, "FUND-RESERVE", day);
    b.org_id = o.id;
    b.year = in->year;
    b.amount_fen = in->amount_fen >= 0 ? in->amount_fen : funds_rule_int(rb, "amount_fen", 0);
    b.reserve_fen = in->reserve_fen >= 0 ? in->reserve_fen : funds_rule_int(rr, "reserve_fen", 0);
    b.source = in->source && in->source[0] ? in->source : "区委组织部党建经费";
    b.rule_id = rb ? rb->rule_id : "FUND-BUDGET";
    b.rule_set = rb ? rb->rule_set : "";
    if (b.reserve_fen > b.amount_fen) {
        err_set(err, E_INVALID, "/reserve_fen", "预留奖励基金不能超过预算总额");
        goto out;
    }
    if (allocated > b.amount_fen - b.reserve_fen) {
        err_set(err, E_CONFLICT, "/amount_fen",
                "%s本年度已分配 %s 元，预算扣除奖励基金后不能少于已分配金额", o.name,
                funds_yuan(a, allocated));
        goto out;
    }
    if (funds_store_budget_put(c, &o, &b, auth_actor_user_id(actor), clock_now(), err) < 0)
        goto out;
    /* A lowered reserve must leave the district's reward pool at least what it has paid out. */
    {
        int64_t left = 0;
        if (funds_store_pool_left(c, o.path, in->year, &left, err) < 0)
            goto out;
        if (left < 0) {
            err_set(err, E_CONFLICT, "/reserve_fen",
                    "区奖励基金本年度已支出的金额多于调整后的预留总额（差 %s 元），不能这样调低",
                    funds_yuan(a, -left));
            goto out;
        }
    }
    if (auth_audit_change(c, actor, "funds.budget", "org", o.id, o.id,
                          json_pack("{s:I, s:I, s:I, s:s, s:s}", "year", (json_int_t)b.year,
                                    "amount_fen", (json_int_t)b.amount_fen, "reserve_fen",
                                    (json_int_t)b.reserve_fen, "source", b.source, "rule",
                                    b.rule_id),
                          err) < 0)
        goto out;
    *out = b;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}
