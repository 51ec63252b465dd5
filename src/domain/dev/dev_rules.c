/* dev_rules.c: the member-development rule engine, the one place the rules of RULES.md §2.3
 * are evaluated: which row of a rule is in force on a date, the order and dates of the 25
 * steps, each step's date and count rules, and the deadlines a case has on a day. Pure: rows,
 * the case and the facts come in, findings go out; no database, no clock, no HTTP. Whether an
 * organizational decision is right is never decided here (RULES.md §0.3): only dates, counts
 * and prerequisites. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/json.h"
#include "domain/dev/dev_int.h"

static const char *const STEP_NAMES[26] = {
    "",
    "递交入党申请书",
    "党组织派人谈话",
    "推荐和确定入党积极分子",
    "上级党委备案",
    "指定培养联系人",
    "培养教育考察",
    "确定发展对象",
    "报上级党委备案",
    "确定入党介绍人",
    "进行政治审查",
    "开展集中培训",
    "支部委员会审查",
    "上级党委预审",
    "填写入党志愿书",
    "支部大会讨论",
    "上级党委派人谈话",
    "上级党委审批",
    "再上一级党委组织部门备案",
    "编入党支部和党小组",
    "入党宣誓",
    "继续教育考察",
    "提出转正申请",
    "支部大会讨论转正",
    "上级党委审批转正",
    "材料归档",
};

const char *dev_step_name(int64_t step)
{
    return step >= 1 && step <= 25 ? STEP_NAMES[step] : "";
}

int64_t dev_step_stage(int64_t step)
{
    return step <= 2 ? 1 : step <= 6 ? 2 : step <= 11 ? 3 : step <= 18 ? 4 : 5;
}

bool dev_step_by_approver(int64_t step)
{
    return step == 13 || step == 16 || step == 17 || step == 18 || step == 24;
}

/* The steps each rule is checked at by dev_rules_check below (kept beside it), for the step
 * form's "what will be checked". */
static const struct {
    const char *rule_id;
    int64_t steps[6];
} RULE_STEPS[] = {
    { "DEV-AGE", { 1 } },
    { "DEV-TALK", { 2 } },
    { "DEV-CONTACTS", { 5 } },
    { "DEV-ACT-REVIEW", { 6 } },
    { "DEV-OBJ-MIN", { 7 } },
    { "DEV-INTRO", { 9 } },
    { "DEV-TRAIN", { 11 } },
    { "DEV-POLREVIEW", { 12 } },
    { "DEV-LEAVING", { 13 } },
    { "DEV-VOTE", { 15, 23 } },
    { "DEV26-MEETING", { 15 } },
    { "DEV26-OATH", { 20 } },
    { "DEV-APPROVE", { 17 } },
    { "DEV-PROB-END", { 17, 23 } },
    { "DEV-EXTEND", { 23 } },
    { "DEV-CONV-APPROVE", { 24 } },
    { "AUTH-APPROVE", { 13, 16, 17, 18, 24 } },
};

size_t dev_rule_steps(const char *rule_id, int64_t out[25])
{
    size_t n = 0;

    if (!strcmp(rule_id, "DEV-STEP-ORDER") || !strcmp(rule_id, "DEV-STEP-DATE")) {
        for (int64_t k = 1; k <= 25; k++)
            out[n++] = k;
        return n;
    }
    for (size_t i = 0; i < ARRAY_LEN(RULE_STEPS); i++)
        if (!strcmp(RULE_STEPS[i].rule_id, rule_id))
            for (size_t j = 0; j < 6 && RULE_STEPS[i].steps[j]; j++)
                out[n++] = RULE_STEPS[i].steps[j];
    return n;
}

const struct dev_rule *dev_rule_in_force(const struct dev_rule *rules, size_t n,
                                         const char *rule_id, const char *date)
{
    const struct dev_rule *best = NULL;

    for (size_t i = 0; i < n; i++) {
        const struct dev_rule *r = &rules[i];
        if (!r->enabled || strcmp(r->rule_id, rule_id) || strcmp(r->valid_from, date) > 0 ||
            strcmp(date, r->valid_to) >= 0)
            continue;
        if (!best || strcmp(r->valid_from, best->valid_from) > 0)
            best = r;
    }
    return best;
}

bool dev_rule_switchable(const struct dev_rule *r)
{
    return !strcmp(r->confidence, "unverified");
}

bool dev_rule_checked(const char *rule_id)
{
    int64_t at[25];

    return dev_rule_steps(rule_id, at) > 0;
}

void dev_rules_at(const struct dev_rule *rules, size_t n, const struct dev_switch *sw, size_t nsw,
                  const char *path, struct dev_rule *out, const struct dev_switch **by_out)
{
    for (size_t i = 0; i < n; i++) {
        const struct dev_switch *by = NULL;

        out[i] = rules[i];
        for (size_t k = 0; dev_rule_switchable(&rules[i]) && k < nsw; k++)
            if (sw[k].rule_row == rules[i].id &&
                !strncmp(path, sw[k].org_path, strlen(sw[k].org_path)))
                by = &sw[k]; /* shallowest first: the deepest ends up here */
        if (by)
            out[i].enabled = by->enabled;
        if (by_out)
            by_out[i] = by;
    }
}

int64_t dev_rule_param(const struct dev_rule *r, const char *key, int64_t def)
{
    json_t *o = r && r->param ? json_loads(r->param, 0, NULL) : NULL;
    json_t *v = o ? json_object_get(o, key) : NULL;
    int64_t x = json_is_integer(v) ? (int64_t)json_integer_value(v) : def;

    if (o)
        json_decref(o);
    return x;
}

/* Days from a to b (both YYYY-MM-DD); 0 when either is bad. */
static int64_t days_between(const char *a, const char *b)
{
    int y, m, d, y2, m2, d2;

    if (date_parse(a, &y, &m, &d) < 0 || date_parse(b, &y2, &m2, &d2) < 0)
        return 0;
    return date_to_days(y2, m2, d2) - date_to_days(y, m, d);
}

/* The latest recorded step k, NULL when there is none. */
static const struct dev_step_rec *last_of(const struct dev_case *c, int64_t k)
{
    for (size_t i = c->nsteps; i-- > 0;)
        if (c->steps[i].step == k)
            return &c->steps[i];
    return NULL;
}

/* The activist's last 考察 (step 6), else becoming an activist (step 3): DEV-ACT-REVIEW counts
 * from it. */
static const struct dev_step_rec *last_review(const struct dev_case *c)
{
    const struct dev_step_rec *s = last_of(c, 6);

    return s ? s : last_of(c, 3);
}

static bool is(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

void dev_case_of(const struct dev_applicant_view *v, const struct dev_step_view *s, int64_t ns,
                 struct arena *a, struct dev_case *c)
{
    struct dev_step_rec *r = ns ? arena_alloc(a, (size_t)ns * sizeof(*r)) : NULL;
    size_t n = 0;

    for (int64_t i = 0; i < ns; i++)
        if (!s[i].withdrawn_at)
            r[n++] =
                (struct dev_step_rec){ s[i].step, s[i].done_on, s[i].decision, s[i].extend_months };
    *c = (struct dev_case){ v->birth_date,        v->applied_on, v->status, v->joined_on,
                            v->probation_ends_on, v->extensions, r,         n };
}

size_t dev_next_steps(const struct dev_case *c, int64_t next[4])
{
    const struct dev_step_rec *last, *conv;

    if (!c->nsteps) {
        next[0] = 1;
        return 1;
    }
    if (is(c->status, "cancelled"))
        return 0;
    last = &c->steps[c->nsteps - 1];
    switch (last->step) {
    case 6:
        next[0] = 6, next[1] = 7;
        return 2;
    case 10:
        next[0] = is(last->decision, "failed") ? 10 : 11;
        return 1;
    case 17:
        if (is(last->decision, "rejected"))
            return 0;
        next[0] = 18;
        return 1;
    case 24:
        conv = last_of(c, 23);
        if (is(last->decision, "rejected")) {
            next[0] = 23;
            return 1;
        }
        if (conv && is(conv->decision, "extend")) {
            next[0] = 21, next[1] = 22, next[2] = 23;
            return 3;
        }
        if (conv && is(conv->decision, "cancel"))
            return 0;
        next[0] = 25;
        return 1;
    case 25:
        return 0;
    default:
        next[0] = last->step + 1;
        return 1;
    }
}

/* Collects findings in an arena array. */
struct out {
    struct arena *a;
    struct dev_finding *v;
    size_t n, cap, blocks;
    const char *date;
};

static struct dev_finding *add(struct out *o, const struct dev_rule *r, const char *result,
                               const char *message)
{
    struct dev_finding *f;

    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 8;
        struct dev_finding *v = arena_alloc(o->a, cap * sizeof(*v));
        if (o->n)
            memcpy(v, o->v, o->n * sizeof(*v));
        o->v = v, o->cap = cap;
    }
    f = &o->v[o->n++];
    memset(f, 0, sizeof(*f));
    f->rule_id = r->rule_id, f->rule_set = r->rule_set, f->severity = r->severity;
    f->result = result;
    f->message = message;
    if (!strcmp(result, "block"))
        o->blocks++;
    return f;
}

static void input(struct dev_finding *f, const char *k, const char *v)
{
    for (int i = 0; i < DEV_INPUTS_MAX; i++)
        if (!f->in_k[i]) {
            f->in_k[i] = k, f->in_v[i] = v ? v : "";
            return;
        }
}

/* The rule's row on the step's date, NULL when it is not in force. */
static const struct dev_rule *rule(const struct dev_rule *rules, size_t n, const char *id,
                                   const struct out *o)
{
    return dev_rule_in_force(rules, n, id, o->date);
}

static void check_order(const struct dev_rule *rules, size_t nr, const struct dev_case *c,
                        const struct dev_step_in *in, const struct dev_facts *f, struct out *o)
{
    const struct dev_rule *r;
    const struct dev_step_rec *last = c->nsteps ? &c->steps[c->nsteps - 1] : NULL;
    struct dev_finding *x;
    int64_t next[4];
    size_t nn = dev_next_steps(c, next);
    bool ok = false;

    if ((r = rule(rules, nr, "DEV-STEP-ORDER", o))) {
        for (size_t i = 0; i < nn; i++)
            ok |= next[i] == in->step;
        if (ok)
            x = add(o, r, "pass", "步骤顺序符合要求");
        else if (!nn)
            x = add(o, r, "block",
                    arena_printf(o->a, "该发展程序已结束（%s），不能再记录第%" PRId64 "步",
                                 c->status, in->step));
        else
            x = add(o, r, "block",
                    arena_printf(o->a,
                                 "第%" PRId64 "步“%s”不能在此时记录：已记录到第%" PRId64
                                 "步“%s”（%s），下一步应为第%" PRId64 "步“%s”",
                                 in->step, dev_step_name(in->step), last ? last->step : 0,
                                 last ? dev_step_name(last->step) : "", last ? last->done_on : "",
                                 next[0], dev_step_name(next[0])));
        input(x, "step", arena_printf(o->a, "%" PRId64, in->step));
        input(x, "last_step", arena_printf(o->a, "%" PRId64, last ? last->step : 0));
    }
    if ((r = rule(rules, nr, "DEV-STEP-DATE", o))) {
        if (last && strcmp(in->date, last->done_on) < 0)
            x = add(o, r, "block",
                    arena_printf(o->a, "日期（%s）早于上一步骤第%" PRId64 "步“%s”的日期（%s）",
                                 in->date, last->step, dev_step_name(last->step), last->done_on));
        else if (strcmp(in->date, f->today) > 0)
            x = add(
                o, r, "block",
                arena_printf(o->a, "日期（%s）晚于今天（%s），不能预先记录", in->date, f->today));
        else
            x = add(o, r, "pass", "日期不早于上一步骤、不晚于今天");
        input(x, "date", in->date);
        input(x, "previous", last ? last->done_on : NULL);
        input(x, "today", f->today);
    }
}

/* DEV-AGE: 18 on the application date (the 18th birthday itself counts; as the roster counts
 * ages, date_years_between). */
static void check_age(const struct dev_rule *r, const struct dev_case *c,
                      const struct dev_step_in *in, struct out *o)
{
    int64_t years = dev_rule_param(r, "years", 18);
    char adult[11];
    struct dev_finding *x;

    date_anniversary(c->birth_date, (int)years, adult);
    if (strcmp(in->date, adult) < 0)
        x = add(o, r, "block",
                arena_printf(
                    o->a, "申请日期（%s）时未满%" PRId64 "周岁：出生日期%s，%s才满%" PRId64 "周岁",
                    in->date, years, c->birth_date, adult, years));
    else
        x = add(o, r, "pass",
                arena_printf(o->a, "申请时已满%" PRId64 "周岁（%s满）", years, adult));
    input(x, "birth_date", c->birth_date);
    input(x, "applied_on", in->date);
    input(x, "adult_on", arena_strdup(o->a, adult));
}

/* A deadline rule of kind overdue: the step is late when its date is after from + months. */
static void check_within(const struct dev_rule *r, const char *what, const char *from_label,
                         const char *from, const struct dev_step_in *in, struct out *o)
{
    int64_t months = dev_rule_param(r, "months", 1);
    char due[11];
    struct dev_finding *x;

    date_add_months(from, (int)months, due);
    if (strcmp(in->date, due) > 0)
        x = add(o, r, is(r->severity, "remind") ? "remind" : "overdue",
                arena_printf(o->a, "%s（%s）超过期限：应在%s（%s）后%" PRId64 "个月内，即%s前",
                             what, in->date, from_label, from, months, due));
    else
        x = add(
            o, r, "pass",
            arena_printf(o->a, "%s在%s（%s）后%" PRId64 "个月内", what, from_label, from, months));
    input(x, "from", from);
    input(x, "date", in->date);
    input(x, "due_on", arena_strdup(o->a, due));
}

static void check_people(const struct dev_rule *r, const char *role, int64_t lo, int64_t hi,
                         const struct dev_step_in *in, const struct dev_facts *f, struct out *o)
{
    const char *why = NULL;
    struct dev_finding *x;

    if ((int64_t)f->npeople < lo || (int64_t)f->npeople > hi)
        why = lo == hi ? arena_printf(o->a, "%s须为%" PRId64 "名正式党员，现为%zu名", role, lo,
                                      f->npeople)
                       : arena_printf(o->a, "%s须为%" PRId64 "至%" PRId64 "名正式党员，现为%zu名",
                                      role, lo, hi, f->npeople);
    for (size_t i = 0; !why && i < f->npeople; i++) {
        const struct dev_person_fact *p = &f->people[i];
        for (size_t j = 0; !why && j < i; j++)
            if (f->people[j].member_id == p->member_id)
                why = arena_printf(o->a, "%s“%s”重复", role, p->name);
        if (why)
            break;
        if (!p->status)
            why = arena_printf(o->a, "%s（党员编号%" PRId64 "）不在党员名册中", role, p->member_id);
        else if (p->is_applicant)
            why = arena_printf(o->a, "%s不能是申请人本人（%s）", role, p->name);
        else if (strcmp(p->status, "full"))
            why = arena_printf(o->a, "%s“%s”不是正式党员", role, p->name);
    }
    x = add(o, r, why ? "block" : "pass",
            why ? arena_printf(o->a, "%s（%s）", why, in->date)
                : arena_printf(o->a, "%s%zu名，均为正式党员", role, f->npeople));
    input(x, "count", arena_printf(o->a, "%zu", f->npeople));
}

static void check_train(const struct dev_rule *r, const struct dev_step_in *in,
                        const struct dev_facts *f, struct out *o)
{
    int64_t days = dev_rule_param(r, "days", 3), hours = dev_rule_param(r, "hours", 24);
    struct dev_finding *x;

    if (in->training_days >= days || in->training_hours >= hours)
        x = add(o, r, "pass",
                arena_printf(o->a, "集中培训%" PRId64 "天、%" PRId64 "学时，达到要求",
                             in->training_days, in->training_hours));
    else if (in->override_reason && *in->override_reason && f->may_override)
        x = add(o, r, "overridden",
                arena_printf(o->a,
                             "集中培训%" PRId64 "天、%" PRId64 "学时，不足%" PRId64 "天或%" PRId64
                             "学时；按特殊情况批准，理由：%s",
                             in->training_days, in->training_hours, days, hours,
                             in->override_reason));
    else
        x = add(o, r, "block",
                arena_printf(o->a,
                             "集中培训（%s）%" PRId64 "天、%" PRId64 "学时，不足%" PRId64
                             "天或%" PRId64 "学时%s",
                             in->date, in->training_days, in->training_hours, days, hours,
                             in->override_reason && *in->override_reason
                                 ? "；特殊情况须由有审批权限的上级党委确认"
                                 : ""));
    input(x, "days", arena_printf(o->a, "%" PRId64, in->training_days));
    input(x, "hours", arena_printf(o->a, "%" PRId64, in->training_hours));
    input(x, "override_reason", in->override_reason);
}

static void check_vote(const struct dev_rule *r, const char *kind, const struct dev_step_in *in,
                       const struct dev_facts *f, struct out *o)
{
    const char *why = NULL;
    struct dev_finding *x;

    if (!f->vote_found)
        why = in->vote_id ? "关联的表决不存在" : "须关联支部党员大会的表决（vote_id）";
    else if (!f->vote_same_org)
        why = "关联的表决不是本支部党员大会的表决";
    else if (!is(f->vote_kind, kind))
        why = is(kind, "admission") ? "关联的表决不是“接收预备党员”表决"
                                    : "关联的表决不是“预备党员转正”表决";
    else if (f->vote_used_by)
        why = arena_printf(o->a, "该表决已用于%s的发展程序；每名发展对象须单独讨论、单独表决",
                           f->vote_used_by);
    else if (!is(f->vote_result, "passed"))
        why = f->vote_result ? "关联的表决未通过" : "关联的表决尚未结束";
    else if (!is(f->vote_date, in->date))
        why = arena_printf(o->a, "步骤日期（%s）须为表决会议的日期（%s）", in->date, f->vote_date);
    x = add(o, r, why ? "block" : "pass",
            why ? arena_printf(o->a, "%s（%s）", why, in->date)
                : arena_printf(o->a, "支部党员大会于%s表决通过", in->date));
    input(x, "vote_id", arena_printf(o->a, "%" PRId64, in->vote_id));
    input(x, "vote_result", f->vote_result);
    input(x, "meeting_date", f->vote_date);
}

/* DEV-APPROVE: overdue after months, refused after max_months. */
static void check_approve(const struct dev_rule *r, const char *from, const struct dev_step_in *in,
                          struct out *o)
{
    int64_t months = dev_rule_param(r, "months", 3), max = dev_rule_param(r, "max_months", 6);
    char due[11], last[11];
    struct dev_finding *x;

    date_add_months(from, (int)months, due);
    date_add_months(from, (int)max, last);
    if (strcmp(in->date, last) > 0)
        x = add(o, r, "block",
                arena_printf(o->a,
                             "审批日期（%s）超过支部大会通过接收（%s）后最长%" PRId64
                             "个月（%s），须重新履行程序",
                             in->date, from, max, last));
    else if (strcmp(in->date, due) > 0)
        x = add(o, r, "overdue",
                arena_printf(
                    o->a, "审批日期（%s）超过支部大会通过接收（%s）后%" PRId64 "个月（%s）的期限",
                    in->date, from, months, due));
    else
        x = add(
            o, r, "pass",
            arena_printf(o->a, "在支部大会通过接收（%s）后%" PRId64 "个月内审批", from, months));
    input(x, "resolution_on", from);
    input(x, "date", in->date);
    input(x, "due_on", arena_strdup(o->a, due));
    input(x, "max_on", arena_strdup(o->a, last));
}

static void check_extend(const struct dev_rule *r, const struct dev_case *c,
                         const struct dev_step_in *in, struct out *o)
{
    int64_t lo = dev_rule_param(r, "min_months", 6), hi = dev_rule_param(r, "max_months", 12);
    int64_t most = dev_rule_param(r, "max_count", 1);
    const char *why = NULL;
    struct dev_finding *x;

    if (c->extensions >= most)
        why = arena_printf(o->a, "预备期已延长过%" PRId64 "次，只能延长%" PRId64 "次",
                           c->extensions, most);
    else if (in->extend_months < lo || in->extend_months > hi)
        why = arena_printf(o->a, "延长预备期须为%" PRId64 "至%" PRId64 "个月，现为%" PRId64 "个月",
                           lo, hi, in->extend_months);
    x = add(o, r, why ? "block" : "pass",
            why ? arena_printf(o->a, "%s（%s）", why, in->date)
                : arena_printf(o->a, "延长预备期%" PRId64 "个月", in->extend_months));
    input(x, "months", arena_printf(o->a, "%" PRId64, in->extend_months));
    input(x, "extensions", arena_printf(o->a, "%" PRId64, c->extensions));
}

/* DEV-PROB-END at step 23: 转正 (on time or with an extension) is discussed once the 预备期
 * is over (细则第三十二条: 预备期满); 取消预备党员资格 may come at any time. */
static void check_probation_over(const struct dev_rule *r, const struct dev_case *c,
                                 const struct dev_step_in *in, struct out *o)
{
    struct dev_finding *x;

    if (strcmp(in->date, c->probation_ends_on) < 0)
        x = add(o, r, "block",
                arena_printf(o->a, "预备期至%s期满，支部大会讨论%s（%s）须在期满之日或以后",
                             c->probation_ends_on,
                             is(in->decision, "extend") ? "延长预备期" : "转正", in->date));
    else
        x = add(o, r, "pass", arena_printf(o->a, "预备期已于%s期满", c->probation_ends_on));
    input(x, "ends_on", c->probation_ends_on);
    input(x, "date", in->date);
}

/* DEV-LEAVING: expected to leave the unit within months of the 预审 (a warning). */
static void check_leaving(const struct dev_rule *r, const struct dev_step_in *in, struct out *o)
{
    int64_t months = dev_rule_param(r, "months", 3);
    char until[11];
    struct dev_finding *x;

    date_add_months(in->date, (int)months, until);
    if (in->leaving_on && strcmp(in->leaving_on, until) <= 0)
        x = add(o, r, "warn",
                arena_printf(o->a,
                             "预计%s离开本单位，在预审（%s）后%" PRId64 "个月内，一般不再继续发展",
                             in->leaving_on, in->date, months));
    else
        x = add(o, r, "pass", arena_printf(o->a, "预审后%" PRId64 "个月内不离开本单位", months));
    input(x, "leaving_on", in->leaving_on);
    input(x, "date", in->date);
}

size_t dev_rules_check(const struct dev_rule *rules, size_t nr, const struct dev_case *c,
                       const struct dev_step_in *in, const struct dev_facts *f, struct arena *a,
                       struct dev_finding **out, size_t *n_out)
{
    struct out o = { a, NULL, 0, 0, 0, in->date };
    const struct dev_rule *r;
    const struct dev_step_rec *s;
    struct dev_finding *x;

    check_order(rules, nr, c, in, f, &o);
    switch (in->step) {
    case 1:
        if ((r = rule(rules, nr, "DEV-AGE", &o)))
            check_age(r, c, in, &o);
        break;
    case 2:
        if ((r = rule(rules, nr, "DEV-TALK", &o)))
            check_within(r, "谈话日期", "收到入党申请书", c->applied_on, in, &o);
        break;
    case 5:
        if ((r = rule(rules, nr, "DEV-CONTACTS", &o)))
            check_people(r, "培养联系人", dev_rule_param(r, "min", 1), dev_rule_param(r, "max", 2),
                         in, f, &o);
        break;
    case 6:
        if ((r = rule(rules, nr, "DEV-ACT-REVIEW", &o)) && (s = last_review(c)))
            check_within(r, "考察日期", s->step == 3 ? "确定为入党积极分子" : "上次考察",
                         s->done_on, in, &o);
        break;
    case 7:
        if ((r = rule(rules, nr, "DEV-OBJ-MIN", &o)) && (s = last_of(c, 3))) {
            int64_t months = dev_rule_param(r, "months", 12);
            char min[11];
            date_add_months(s->done_on, (int)months, min);
            if (strcmp(in->date, min) < 0)
                x = add(&o, r, "block",
                        arena_printf(a,
                                     "确定发展对象（%s）须在确定为入党积极分子（%s）满%" PRId64
                                     "个月后，即%s或以后",
                                     in->date, s->done_on, months, min));
            else
                x = add(&o, r, "pass",
                        arena_printf(a, "确定为入党积极分子（%s）已满%" PRId64 "个月", s->done_on,
                                     months));
            input(x, "activist_on", s->done_on);
            input(x, "date", in->date);
            input(x, "min_on", arena_strdup(a, min));
        }
        break;
    case 9:
        if ((r = rule(rules, nr, "DEV-INTRO", &o))) {
            int64_t k = dev_rule_param(r, "count", 2);
            check_people(r, "入党介绍人", k, k, in, f, &o);
        }
        break;
    case 11:
        if ((r = rule(rules, nr, "DEV-TRAIN", &o)))
            check_train(r, in, f, &o);
        break;
    case 12:
        if ((r = rule(rules, nr, "DEV-POLREVIEW", &o))) {
            s = last_of(c, 10);
            if (s && is(s->decision, "passed"))
                x = add(&o, r, "pass", arena_printf(a, "政治审查%s合格", s->done_on));
            else
                x = add(&o, r, "block",
                        arena_printf(a, "支部委员会审查（%s）前须有合格的政治审查结论%s", in->date,
                                     s ? arena_printf(a, "（%s的结论为不合格）", s->done_on)
                                       : "（尚未记录政治审查）"));
            input(x, "polreview_on", s ? s->done_on : NULL);
            input(x, "decision", s ? s->decision : NULL);
        }
        break;
    case 13:
        if ((r = rule(rules, nr, "DEV-LEAVING", &o)))
            check_leaving(r, in, &o);
        break;
    case 15:
    case 23:
        if ((r = rule(rules, nr, "DEV-VOTE", &o)))
            check_vote(r, in->step == 15 ? "admission" : "full_member", in, f, &o);
        if (in->step == 15 && (r = rule(rules, nr, "DEV26-MEETING", &o)) && (s = last_of(c, 13)))
            check_within(r, "支部党员大会讨论日期", "上级党委预审", s->done_on, in, &o);
        if (in->step == 23 && !is(in->decision, "cancel") && c->probation_ends_on &&
            (r = rule(rules, nr, "DEV-PROB-END", &o)))
            check_probation_over(r, c, in, &o);
        if (in->step == 23 && is(in->decision, "extend") && (r = rule(rules, nr, "DEV-EXTEND", &o)))
            check_extend(r, c, in, &o);
        break;
    case 17:
        if ((r = rule(rules, nr, "DEV-APPROVE", &o)) && (s = last_of(c, 15)))
            check_approve(r, s->done_on, in, &o);
        if (is(in->decision, "approved") && (r = rule(rules, nr, "DEV-PROB-END", &o)) &&
            (s = last_of(c, 15))) {
            char end[11];
            int64_t months = dev_rule_param(r, "months", 12);
            date_add_months(s->done_on, (int)months, end);
            x = add(&o, r, "computed",
                    arena_printf(a, "预备期%" PRId64 "个月，自支部大会通过之日（%s）起，至%s期满",
                                 months, s->done_on, end));
            x->value = arena_strdup(a, end);
            input(x, "resolution_on", s->done_on);
            input(x, "ends_on", x->value);
        }
        break;
    case 20:
        if ((r = rule(rules, nr, "DEV26-OATH", &o)) && (s = last_of(c, 17)))
            check_within(r, "入党宣誓日期", "上级党委审批", s->done_on, in, &o);
        break;
    case 24:
        if ((r = rule(rules, nr, "DEV-CONV-APPROVE", &o)) && (s = last_of(c, 23)))
            check_within(r, "转正审批日期", "支部大会讨论转正", s->done_on, in, &o);
        break;
    default:
        break;
    }
    if (dev_step_by_approver(in->step) && (r = rule(rules, nr, "AUTH-APPROVE", &o))) {
        x = add(&o, r, f->approver_found ? "pass" : "block",
                f->approver_found ? "由具有审批权限的上级党委记录"
                                  : arena_printf(a,
                                                 "第%" PRId64 "步“%s”须由具有审批权限的上级党委"
                                                 "（街道党工委）记录，该党组织上级没有这样的党委",
                                                 in->step, dev_step_name(in->step)));
        input(x, "step", arena_printf(a, "%" PRId64, in->step));
    }
    *out = o.v;
    *n_out = o.n;
    return o.blocks;
}

/* Adds a deadline due on due when it is past or within 30 days of today. */
static void deadline(struct dev_deadline *out, size_t *n, const char *rule_id, const char *due,
                     const char *today, const char *message, bool forgotten, struct arena *a)
{
    int64_t left = days_between(today, due);

    if (*n >= 4 || left > 30)
        return;
    out[*n] = (struct dev_deadline){ rule_id, arena_strdup(a, due), message, left < 0,
                                     forgotten && left < 0 };
    ++*n;
}

size_t dev_deadlines(const struct dev_rule *rules, size_t nr, const struct dev_case *c,
                     const char *today, struct arena *a, struct dev_deadline out[4])
{
    const struct dev_step_rec *last = c->nsteps ? &c->steps[c->nsteps - 1] : NULL;
    const struct dev_rule *r;
    const struct dev_step_rec *s;
    char due[11];
    size_t n = 0;

    if (!last || is(c->status, "cancelled") || is(c->status, "full"))
        return 0;
    if (last->step == 1 && (r = dev_rule_in_force(rules, nr, "DEV-TALK", today))) {
        date_add_months(c->applied_on, (int)dev_rule_param(r, "months", 1), due);
        deadline(out, &n, r->rule_id, due, today,
                 arena_printf(a, "收到入党申请书（%s）后应在%s前派人谈话", c->applied_on, due),
                 false, a);
    }
    if (last->step >= 3 && last->step <= 6 && (s = last_review(c)) &&
        (r = dev_rule_in_force(rules, nr, "DEV-ACT-REVIEW", today))) {
        date_add_months(s->done_on, (int)dev_rule_param(r, "months", 6), due);
        deadline(out, &n, r->rule_id, due, today,
                 arena_printf(a, "%s（%s）后应在%s前对入党积极分子进行一次考察",
                              s->step == 3 ? "确定为入党积极分子" : "上次考察", s->done_on, due),
                 false, a);
    }
    if ((last->step == 13 || last->step == 14) &&
        (r = dev_rule_in_force(rules, nr, "DEV26-MEETING", today)) && (s = last_of(c, 13))) {
        date_add_months(s->done_on, (int)dev_rule_param(r, "months", 1), due);
        deadline(out, &n, r->rule_id, due, today,
                 arena_printf(a, "预审（%s）后应在%s前提交支部党员大会讨论", s->done_on, due),
                 false, a);
    }
    if ((last->step == 15 || last->step == 16) && (s = last_of(c, 15)) &&
        (r = dev_rule_in_force(rules, nr, "DEV-APPROVE", today))) {
        date_add_months(s->done_on, (int)dev_rule_param(r, "months", 3), due);
        deadline(out, &n, r->rule_id, due, today,
                 arena_printf(a, "支部大会通过接收（%s）后应在%s前由上级党委审批", s->done_on, due),
                 false, a);
    }
    if (last->step >= 17 && last->step <= 19 && (s = last_of(c, 17)) &&
        is(s->decision, "approved") && (r = dev_rule_in_force(rules, nr, "DEV26-OATH", today))) {
        date_add_months(s->done_on, (int)dev_rule_param(r, "months", 1), due);
        deadline(out, &n, r->rule_id, due, today,
                 arena_printf(a, "上级党委审批（%s）后一般应在%s前组织入党宣誓", s->done_on, due),
                 false, a);
    }
    if (last->step == 23 && (r = dev_rule_in_force(rules, nr, "DEV-CONV-APPROVE", today))) {
        date_add_months(last->done_on, (int)dev_rule_param(r, "months", 3), due);
        deadline(
            out, &n, r->rule_id, due, today,
            arena_printf(a, "支部大会讨论转正（%s）后应在%s前由上级党委审批", last->done_on, due),
            false, a);
    } else if (is(c->status, "probationary") && c->probation_ends_on) {
        bool past = strcmp(c->probation_ends_on, today) < 0;
        deadline(out, &n, "DEV-PROB-END", c->probation_ends_on, today,
                 past ? arena_printf(a, "预备期已于%s期满，尚未作出转正决定", c->probation_ends_on)
                      : arena_printf(a, "预备期将于%s期满，应及时讨论转正", c->probation_ends_on),
                 true, a);
    }
    return n;
}
