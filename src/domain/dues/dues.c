/* dues.c: the dues service's writes: the calculator, a member's standard from a month on
 * (DUES-CHANGE), payments one by one or a whole branch's month in one transaction, and
 * reversals (a new entry, never an edit). Each write is one transaction with its audit rows.
 * Amounts and warnings come from the rule rows through dues_rules.c; reads (ledger grid,
 * arrears, a member's own dues) are in dues_read.c. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/dues/dues_int.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs.h"

const char *const DUES_CATEGORIES[] = { "employed", "retired",    "self_employed", "farmer",
                                        "student",  "unemployed", "relief",        NULL };
const char *const DUES_CATEGORY_LABELS[] = {
    "在职（按月领取工资）",     "离退休", "个体经营等无固定工资", "农民", "学生", "下岗失业",
    "依靠抚恤、救济或低保生活", NULL
};
const char *const DUES_METHODS[] = { "cash", "transfer", "proxy", NULL };
const char *const DUES_METHOD_LABELS[] = { "现金", "转账", "代缴", NULL };
const char *const DUES_ROUNDINGS[] = { "half_fen", "up_fen", "half_jiao", "up_jiao", NULL };
const char *const DUES_ROUNDING_LABELS[] = { "四舍五入到分", "进位到分", "四舍五入到角", "进位到角",
                                             NULL };
const char *const DUES_KINDS[] = { "payment", "extra", "reversal", NULL };
const char *const DUES_KIND_LABELS[] = { "交纳", "自愿多交", "冲正", NULL };

static void this_month(char out[8])
{
    char today[11];

    clock_today(today);
    memcpy(out, today, 7);
    out[7] = '\0';
}

int dues_standard_calc(struct app *app, const char *org_path, const char *category,
                       int64_t base_fen, const char *month, struct arena *a, struct dues_calc *out,
                       struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_rule *rules;
    const char *mode;
    size_t n;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (dues_store_rules(c, a, &rules, &n, err) < 0 ||
        dues_store_rounding(c, org_path, a, &mode, err) < 0 ||
        dues_rules_compute(rules, n, category, base_fen, month, mode, out, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int dues_settings_get(struct app *app, const char *org_path, struct arena *a,
                      struct dues_setting *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dues_store_setting(c, org_path, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int dues_settings_set(struct app *app, const struct dues_settings_in *in,
                      const struct auth_actor *actor, struct arena *a, struct err *err)
{
    struct db_conn *c = NULL;
    const char *type, *items;
    json_t *arr = json_array();
    char *s;
    int rc = -1;

    for (int64_t i = 0; i < in->ndeduct_items; i++)
        json_array_append_new(arr, jstr(in->deduct_items[i].name));
    s = json_dumps(arr, JSON_COMPACT);
    items = arena_strdup(a, s);
    free(s);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dues_store_org_type(c, in->org_id, a, &type, err) < 0)
        goto out;
    if (strcmp(type, "district") && strcmp(type, "street")) {
        err_set(err, E_INVALID, "/org_id", "党费的舍入方式和扣除项目在区或街道党组织一级设置");
        goto out;
    }
    if (dues_store_setting_put(c, in->org_id, in->rounding, items, auth_actor_user_id(actor),
                               clock_now(), err) < 0 ||
        auth_audit_change(c, actor, "dues.settings", "org", in->org_id, in->org_id,
                          json_pack("{s:s, s:O}", "rounding", in->rounding, "deduct_items", arr),
                          err) < 0)
        goto out;
    rc = 0;
out:
    json_decref(arr);
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int dues_member_org(struct app *app, int64_t member_id, struct arena *a, int64_t *org_id_out,
                    const char **name_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_member_ref m;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dues_store_member(c, member_id, a, &m, err);
    db_release(app->db, &c);
    if (rc < 0)
        return -1;
    *org_id_out = m.org_id;
    if (name_out)
        *name_out = m.name;
    return 0;
}

/* A month the service accepts: YYYY-MM, not after the current month. */
static int month_check(const char *month, const char *field, struct err *err)
{
    char now[8];

    if (dues_month_index(month) < 0)
        return err_set(err, E_INVALID, field, "月份须为“年-月”格式，例如 2026-03");
    this_month(now);
    if (strcmp(month, now) > 0)
        return err_set(err, E_INVALID, field, "不能登记未来月份（%s）的党费", month);
    return 0;
}

int dues_standard_set(struct app *app, const struct dues_standard_in *in,
                      const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                      struct dues_calc *calc_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_member_ref m;
    struct dues_rule *rules;
    struct dues_calc k;
    const char *mode;
    size_t n;
    int rc = -1;

    if (dues_month_index(in->from_month) < 0)
        return err_set(err, E_INVALID, "/from_month", "起始月份须为“年-月”格式，例如 2026-03");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    if (dues_store_member(c, in->member_id, a, &m, err) < 0 ||
        dues_store_rules(c, a, &rules, &n, err) < 0 ||
        dues_store_rounding(c, m.org_path, a, &mode, err) < 0 ||
        dues_rules_compute(rules, n, in->category, in->base_fen, in->from_month, mode, &k, err) < 0)
        goto out;
    /* A rate applies to a base: without one the standard would be 0 and every payment an
     * overpayment. */
    if (k.rate_bp && in->base_fen <= 0) {
        err_set(err, E_INVALID, "/base_fen", "请填写计算基数（按比例交纳的类别须有月收入基数）");
        goto out;
    }
    if ((!strcmp(m.status, "left") || !strcmp(m.status, "deceased"))) {
        err_set(err, E_CONFLICT, "/member_id", "%s已不是党员，不能核定党费", m.name);
        goto out;
    }
    if (dues_store_standard_insert(c, &m, in, &k, auth_actor_user_id(actor), clock_now(), id_out,
                                   err) < 0 ||
        auth_audit_change(c, actor, "dues.standard", "member", m.id, m.org_id,
                          json_pack("{s:s, s:s, s:I, s:I, s:s, s:s}", "from_month", in->from_month,
                                    "category", in->category, "base_fen", (json_int_t)in->base_fen,
                                    "amount_fen", (json_int_t)k.amount_fen, "rule", k.rule_id,
                                    "rule_set", k.rule_set),
                          err) < 0)
        goto out;
    *calc_out = k;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

const char *dues_warnings_json(const struct dues_warning *w, size_t n, struct arena *a)
{
    json_t *arr = json_array();
    char *s, *out;

    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:s, s:s}", "rule", w[i].rule_id, "message", w[i].message));
    s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    out = arena_strdup(a, s);
    free(s);
    return out;
}

/* One payment inside the caller's transaction: checks, warnings, the entry and its audit row.
 * Errors name fields of the payment ("/amount_fen"); the batch prefixes them. */
static int pay_one(struct db_conn *c, const struct dues_rule *rules, size_t nrules,
                   const struct dues_member_ref *m, const struct dues_pay_in *in,
                   const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                   struct dues_warning *w, size_t *nw_out, struct err *err)
{
    struct dues_std_row std;
    struct dues_entry e = { 0 };
    char now[8], today[11];
    bool found = false;
    int64_t paid = 0;
    size_t nw;

    clock_today(today);
    if (month_check(in->month, "/month", err) < 0)
        return -1;
    if (in->paid_on && strcmp(in->paid_on, today) > 0)
        return err_set(err, E_INVALID, "/paid_on", "交纳日期不能晚于今天");
    if (in->amount_fen <= 0)
        return err_set(err, E_INVALID, "/amount_fen", "金额须大于 0（单位：分）");
    if (!strcmp(in->method, "proxy") && (!in->paid_by || !in->paid_by[0]))
        return err_set(err, E_INVALID, "/paid_by", "代缴须填写代缴人");
    if (strcmp(m->status, "probationary") && strcmp(m->status, "full"))
        return err_set(err, E_CONFLICT, "/member_id", "%s不是预备党员或正式党员", m->name);
    if (dues_store_standard_at(c, m->id, in->month, a, &std, &found, err) < 0)
        return -1;
    if (!found && !in->extra)
        return err_set(err, E_CONFLICT, "/member_id", "%s在 %s 没有核定的党费标准，请先核定标准",
                       m->name, in->month);
    if (found) { /* an approved 少交 / 免交 lowers what the month expects (DUES-HARDSHIP) */
        struct dues_relief_row *rl;
        int64_t nrl;
        if (dues_store_relief_rows(c, NULL, m->id, a, &rl, &nrl, err) < 0)
            return -1;
        std.amount_fen = dues_relief_amount(rl, nrl, dues_month_index(in->month), std.amount_fen);
    }
    if (!in->extra) {
        if (dues_store_month_paid(c, m->id, in->month, &paid, err) < 0)
            return -1;
        if (paid + in->amount_fen > std.amount_fen)
            return err_set(err, E_CONFLICT, "/amount_fen",
                           "%s %s 应交 %" PRId64 ".%02" PRId64 " 元，已交 %" PRId64 ".%02" PRId64
                           " 元，本次会多交；自愿多交请标记为“自愿多交”",
                           m->name, in->month, std.amount_fen / 100, std.amount_fen % 100,
                           paid / 100, paid % 100);
    }
    this_month(now);
    nw = dues_rules_warnings(rules, nrules, in->month, now, in->amount_fen, in->extra, a, w);
    e.month = in->month;
    e.kind = in->extra ? "extra" : "payment";
    e.amount_fen = in->amount_fen;
    e.method = in->method;
    e.paid_by = in->paid_by;
    e.receipt_no = in->receipt_no;
    e.paid_on = in->paid_on ? in->paid_on : arena_strdup(a, today);
    e.reason = in->note;
    e.warnings = dues_warnings_json(w, nw, a);
    if (dues_store_entry_insert(c, m, &e, found ? &std : NULL, auth_actor_user_id(actor),
                                clock_now(), id_out, err) < 0 ||
        auth_audit_change(c, actor, "dues.pay", "dues_entry", *id_out, m->org_id,
                          json_pack("{s:I, s:s, s:s, s:I, s:s}", "member_id", (json_int_t)m->id,
                                    "month", in->month, "kind", e.kind, "amount_fen",
                                    (json_int_t)in->amount_fen, "method", in->method),
                          err) < 0)
        return -1;
    *nw_out = nw;
    return 0;
}

int dues_pay(struct app *app, const struct dues_pay_in *in, const struct auth_actor *actor,
             struct arena *a, int64_t *id_out, struct dues_warning **w_out, int64_t *nw_out,
             struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_member_ref m;
    struct dues_rule *rules;
    struct dues_warning *w = arena_alloc(a, 2 * sizeof(*w));
    size_t n, nw = 0;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    if (dues_store_member(c, in->member_id, a, &m, err) < 0 ||
        dues_store_rules(c, a, &rules, &n, err) < 0 ||
        pay_one(c, rules, n, &m, in, actor, a, id_out, w, &nw, err) < 0)
        goto out;
    *w_out = w;
    *nw_out = (int64_t)nw;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int dues_pay_batch(struct app *app, const char *org_path, struct dues_batch_in *in,
                   const struct auth_actor *actor, struct arena *a, int64_t **ids_out,
                   int64_t *nwarn_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_rule *rules;
    int64_t *ids = arena_alloc(a, (size_t)(in->nitems + 1) * sizeof(*ids)), nwarn = 0;
    size_t n;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dues_store_rules(c, a, &rules, &n, err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nitems; i++) {
        struct dues_pay_in *it = &in->items[i];
        struct dues_member_ref m;
        struct dues_warning w[2];
        size_t nw = 0;

        it->month = in->month;
        it->paid_on = it->paid_on ? it->paid_on : in->paid_on;
        it->method = it->method ? it->method : in->method ? in->method : arena_strdup(a, "cash");
        if (dues_store_member(c, it->member_id, a, &m, err) < 0 && err->code != E_NOT_FOUND)
            goto out;
        if (err->code == E_NOT_FOUND || !orgpath_within(m.org_path, org_path)) {
            err_clear(err);
            err_set(err, E_NOT_FOUND, arena_printf(a, "/items/%" PRId64 "/member_id", i),
                    "第 %" PRId64 " 项：党员不存在或不属于本组织", i + 1);
            goto out;
        }
        if (pay_one(c, rules, n, &m, it, actor, a, &ids[i], w, &nw, err) < 0) {
            /* "/month" is the batch's own; the rest belongs to the item. */
            if (strcmp(err->field, "/month"))
                err_refine(err, arena_printf(a, "/items/%" PRId64 "%s", i, err->field),
                           "第 %" PRId64 " 项（%s）：%s", i + 1, m.name, arena_strdup(a, err->msg));
            goto out;
        }
        nwarn += (int64_t)nw;
    }
    *ids_out = ids;
    *nwarn_out = nwarn;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int dues_entry_get(struct app *app, int64_t id, struct arena *a, struct dues_entry *out,
                   struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dues_store_entry(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int dues_reverse(struct app *app, int64_t id, const char *reason, const struct auth_actor *actor,
                 struct arena *a, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_entry old, e = { 0 };
    struct dues_member_ref m;
    char today[11];
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dues_store_entry(c, id, a, &old, err) < 0 ||
        dues_store_member(c, old.member_id, a, &m, err) < 0)
        goto out;
    if (!strcmp(old.kind, "reversal")) {
        err_set(err, E_CONFLICT, "/id", "冲正记录不能再冲正；如需更正请重新登记交纳");
        goto out;
    }
    if (old.reversed_by) {
        err_set(err, E_CONFLICT, "/id", "这笔记录已经冲正过（冲正记录 %" PRId64 "）",
                old.reversed_by);
        goto out;
    }
    clock_today(today);
    /* The reversal is booked where the entry was (its receipt list), even if the member moved
     * since. */
    m.org_id = old.org_id;
    if (org_path_of(c, old.org_id, a, &m.org_path, err) < 0)
        goto out;
    e.month = old.month;
    e.kind = "reversal";
    e.amount_fen = -old.amount_fen;
    e.method = old.method;
    e.paid_on = today;
    e.reverses_id = old.id;
    e.reason = reason;
    if (dues_store_entry_insert(c, &m, &e, NULL, auth_actor_user_id(actor), clock_now(), id_out,
                                err) < 0 ||
        auth_audit_change(c, actor, "dues.reverse", "dues_entry", *id_out, old.org_id,
                          json_pack("{s:I, s:I, s:s}", "reverses_id", (json_int_t)old.id,
                                    "amount_fen", (json_int_t)e.amount_fen, "reason", reason),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}
