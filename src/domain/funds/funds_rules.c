/* funds_rules.c: the funds area's pure rule code (no database, no clock): the rule row in force
 * on a date, a rule's integer parameters, a quarter's submission deadline (FUND-DEADLINE),
 * whether a date lies in a quarter, and the grouping of community ledger rows into the rows of
 * an org's children. Every number comes from the rule rows it is given. */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/funds/funds_int.h"

const struct funds_rule *funds_rule_in_force(const struct funds_rule *rules, int64_t n,
                                             const char *rule_id, const char *date)
{
    const struct funds_rule *best = NULL;

    for (int64_t i = 0; i < n; i++) {
        const struct funds_rule *r = &rules[i];
        if (strcmp(r->rule_id, rule_id) || strcmp(r->valid_from, date) > 0 ||
            strcmp(date, r->valid_to) >= 0)
            continue;
        if (!best || strcmp(r->valid_from, best->valid_from) > 0)
            best = r;
    }
    return best;
}

int64_t funds_rule_int(const struct funds_rule *r, const char *key, int64_t def)
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

int funds_deadline(const struct funds_rule *r, int64_t year, int64_t quarter, char out[11],
                   struct err *err)
{
    char key[4], buf[16];
    json_t *p = r ? json_loads(r->param, 0, NULL) : NULL;
    const char *day = NULL;
    int y, m, d;

    if (quarter >= 1 && quarter <= 4) {
        snprintf(key, sizeof(key), "q%d", (int)quarter);
        day = json_string_value(json_object_get(p, key));
    }
    if (day && strlen(day) == 5)
        snprintf(buf, sizeof(buf), "%04d-%s", (int)year, day);
    if (!day || strlen(day) != 5 || date_parse(buf, &y, &m, &d) < 0) {
        json_decref(p);
        return err_set(err, E_INTERNAL, "", "经费规则 FUND-DEADLINE 缺少第%d季度的截止日期",
                       (int)quarter);
    }
    memcpy(out, buf, 11);
    json_decref(p);
    return 0;
}

bool funds_date_in_quarter(const char *date, int64_t year, int64_t quarter)
{
    int y, m, d;

    if (!date || date_parse(date, &y, &m, &d) < 0)
        return false;
    return y == year && (m - 1) / 3 + 1 == quarter;
}

static void add_row(struct funds_ledger_row *to, const struct funds_ledger_row *r)
{
    to->budget_fen += r->budget_fen;
    to->reserve_fen += r->reserve_fen;
    to->allocated_fen += r->allocated_fen;
    to->spent_fen += r->spent_fen;
    to->remaining_fen += r->remaining_fen;
}

void funds_ledger_group(const char *org_path, const struct funds_ledger_row *comm, int64_t ncomm,
                        struct funds_ledger_row *items, int64_t n, struct funds_ledger_row *total,
                        int64_t *missed_out)
{
    size_t plen = strlen(org_path);
    int64_t missed = 0;

    for (int64_t i = 0; i < ncomm; i++) {
        const struct funds_ledger_row *r = &comm[i];
        int64_t hit = -1;

        add_row(total, r);
        for (int64_t k = 0; k < n && hit < 0; k++) {
            /* A child's path is org_path plus one id: the community lies under it when its
             * path starts with it (the child itself included). */
            size_t clen = strlen(items[k].org_path);
            if (clen >= plen && !strncmp(r->org_path, items[k].org_path, clen))
                hit = k;
        }
        if (hit >= 0)
            add_row(&items[hit], r);
        else
            missed++;
    }
    *missed_out = missed;
}

/* part / whole in basis points, rounded down; 0 for an empty whole. */
static int64_t bp(int64_t part, int64_t whole)
{
    return whole > 0 ? part * 10000 / whole : 0;
}

int funds_incentive_compute(const struct funds_rule *r, const struct funds_incentive_in *in,
                            struct funds_incentive *out, struct err *err)
{
    struct funds_incentive k = { 0 };

    k.w_held = funds_rule_int(r, "held_bp", -1);
    k.w_evidence = funds_rule_int(r, "evidence_bp", -1);
    k.w_participation = funds_rule_int(r, "participation_bp", -1);
    k.norm = funds_rule_int(r, "participants_per_activity", -1);
    k.spread_bp = funds_rule_int(r, "spread_bp", -1);
    if (!r || k.w_held < 0 || k.w_evidence < 0 || k.w_participation < 0 || k.norm <= 0 ||
        k.spread_bp < 0 || k.spread_bp > 10000 ||
        k.w_held + k.w_evidence + k.w_participation != 10000)
        return err_set(err, E_INTERNAL, "", "激励规则 FUND-INCENTIVE 的权重之和须为 10000");
    k.held_bp = bp(in->held, in->planned);
    k.evidence_bp = bp(2 * in->as_planned + in->partly, 2 * in->planned);
    k.participation_bp = bp(in->participants, in->held * k.norm);
    if (k.participation_bp > 10000)
        k.participation_bp = 10000;
    k.score_bp = (k.w_held * k.held_bp + k.w_evidence * k.evidence_bp +
                  k.w_participation * k.participation_bp) /
                 10000;
    k.factor_bp = 10000 - k.spread_bp + 2 * k.spread_bp * k.score_bp / 10000;
    k.suggested_fen = in->planned > 0 ? in->base_fen * k.factor_bp / 10000 : 0;
    *out = k;
    return 0;
}
