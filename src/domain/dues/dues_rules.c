/* dues_rules.c: the dues rule engine, pure (no database, no clock): months as YYYY-MM, the
 * rounding modes (DUES-ROUND), the bracket table of a category chosen by month (DUES-FLAT: the
 * whole base at the bracket's rate, not progressive) and the warnings of a payment
 * (DUES-BACKPAY, DUES-EXTRA). Every number comes from the rule rows it is given. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/dues/dues_int.h"

int dues_month_index(const char *s)
{
    int y, m;

    if (!s || strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    if (y < 1900 || m < 1 || m > 12)
        return -1;
    return y * 12 + m - 1;
}

void dues_month_fmt(int idx, char out[8])
{
    unsigned y = (unsigned)(idx / 12) % 10000u, m = (unsigned)(idx % 12) % 12u + 1u;

    snprintf(out, 8, "%04u-%02u", y, m);
}

int64_t dues_round(int64_t base_fen, int64_t rate_bp, const char *mode)
{
    int64_t x = base_fen * rate_bp; /* in 1/10000 fen */

    if (!mode)
        return -1;
    if (!strcmp(mode, "half_fen"))
        return (x + 5000) / 10000;
    if (!strcmp(mode, "up_fen"))
        return (x + 9999) / 10000;
    if (!strcmp(mode, "half_jiao"))
        return (x + 50000) / 100000 * 10;
    if (!strcmp(mode, "up_jiao"))
        return (x + 99999) / 100000 * 10;
    return -1;
}

static bool in_force(const struct dues_rule *r, const char *month)
{
    return r->enabled && strcmp(r->valid_from, month) <= 0 && strcmp(month, r->valid_to) < 0;
}

int dues_rules_compute(const struct dues_rule *rules, size_t n, const char *category,
                       int64_t base_fen, const char *month, const char *rounding,
                       struct dues_calc *out, struct err *err)
{
    const char *latest = NULL;
    const struct dues_rule *pick = NULL;
    bool known = false;

    if (dues_month_index(month) < 0)
        return err_set(err, E_INVALID, "/month", "月份须为“年-月”格式，例如 2026-03");
    if (base_fen < 0)
        return err_set(err, E_INVALID, "/base_fen", "计算基数不能为负数");
    for (size_t i = 0; i < n; i++) {
        if (!rules[i].category || strcmp(rules[i].category, category))
            continue;
        known = true;
        if (in_force(&rules[i], month) && (!latest || strcmp(rules[i].valid_from, latest) > 0))
            latest = rules[i].valid_from;
    }
    if (!known)
        return err_set(err, E_INVALID, "/category", "未知的党员类别：%s", category);
    if (!latest)
        return err_set(err, E_NOT_FOUND, "/month", "%s 没有施行中的党费标准", month);
    /* The bracket: the smallest upper bound at or above the base; no bound is the top. */
    for (size_t i = 0; i < n; i++) {
        const struct dues_rule *r = &rules[i];
        if (!r->category || strcmp(r->category, category) || !in_force(r, month) ||
            strcmp(r->valid_from, latest))
            continue;
        if (r->amount_fen >= 0) {
            pick = r;
            break;
        }
        if (r->upto_fen >= 0 && base_fen > r->upto_fen)
            continue;
        if (!pick || (r->upto_fen >= 0 && (pick->upto_fen < 0 || r->upto_fen < pick->upto_fen)))
            pick = r;
    }
    if (!pick)
        return err_set(err, E_NOT_FOUND, "/base_fen", "计算基数不在%s的任何档次内", category);
    *out = (struct dues_calc){
        .base_fen = base_fen,
        .upto_fen = pick->amount_fen >= 0 ? -1 : pick->upto_fen,
        .rate_bp = pick->amount_fen >= 0 ? 0 : pick->rate_bp,
        .rule_id = pick->rule_id,
        .rule_set = pick->rule_set,
        .rounding = rounding,
        .valid_from = pick->valid_from,
    };
    if (pick->amount_fen >= 0) {
        out->amount_fen = pick->amount_fen;
        return 0;
    }
    out->amount_fen = dues_round(base_fen, pick->rate_bp, rounding);
    if (out->amount_fen < 0)
        return err_set(err, E_INVALID, "/rounding", "未知的舍入方式：%s", rounding);
    return 0;
}

const struct dues_rule *dues_rule_in_force(const struct dues_rule *rules, size_t n,
                                           const char *rule_id, const char *month)
{
    const struct dues_rule *best = NULL;

    for (size_t i = 0; i < n; i++)
        if (!strcmp(rules[i].rule_id, rule_id) && in_force(&rules[i], month) &&
            (!best || strcmp(rules[i].valid_from, best->valid_from) > 0))
            best = &rules[i];
    return best;
}

int64_t dues_rule_param(const struct dues_rule *r, const char *key, int64_t def)
{
    json_t *p, *v;
    int64_t out = def;

    if (!r || !(p = json_loads(r->param, 0, NULL)))
        return def;
    v = json_object_get(p, key);
    if (json_is_integer(v))
        out = (int64_t)json_integer_value(v);
    json_decref(p);
    return out;
}

size_t dues_rules_warnings(const struct dues_rule *rules, size_t n, const char *month,
                           const char *paid_month, int64_t amount_fen, bool extra, struct arena *a,
                           struct dues_warning w[2])
{
    const struct dues_rule *back = dues_rule_in_force(rules, n, "DUES-BACKPAY", paid_month);
    const struct dues_rule *big = dues_rule_in_force(rules, n, "DUES-EXTRA", paid_month);
    int64_t months = dues_rule_param(back, "months", -1),
            flag = dues_rule_param(big, "flag_fen", -1);
    int late = dues_month_index(paid_month) - dues_month_index(month);
    size_t k = 0;

    if (back && months >= 0 && late > months)
        w[k++] = (struct dues_warning){
            back->rule_id,
            arena_printf(a, "补交 %s 的党费，距今 %d 个月（补交一般不超过 %" PRId64 " 个月）",
                         month, late, months)
        };
    if (extra && big && flag >= 0 && amount_fen >= flag)
        w[k++] =
            (struct dues_warning){ big->rule_id,
                                   arena_printf(a,
                                                "一次自愿多交 %" PRId64 ".%02" PRId64
                                                " 元，达到 %" PRId64 " 元：全部上缴中央",
                                                amount_fen / 100, amount_fen % 100, flag / 100) };
    return k;
}
