/* orglife_rules.c: the frequency rules as an org admin sees and sets them (RULES.md §4.2):
 * the rule in force below an org for each required type, the local overrides around it, a new
 * override for the org's subtree from the first day of a month, and the end of one. A local
 * rule may tighten a verified national default freely; loosening it needs an explicit
 * confirmation and is audited as a loosening. The defaults themselves are never edited here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/orglife/orglife_int.h"

/* The depth of a row's override (0: a default). */
static size_t depth_of(const struct orglife_rule_local *r)
{
    return r->v.org_id && r->org_path ? strlen(r->org_path) : 0;
}

/* Meetings a year a rule asks for. */
static int64_t per_year(int64_t min_count, const char *period)
{
    return min_count * (!strcmp(period, "year") ? 1 : !strcmp(period, "quarter") ? 4 : 12);
}

/* The row of type in rows that applies: the deepest override, the later between two of one
 * depth; with defaults_only, the default. NULL: none. */
static const struct orglife_rule_local *pick(const struct orglife_rule_local *rows, int64_t n,
                                             const char *type, bool defaults_only)
{
    const struct orglife_rule_local *best = NULL;

    for (int64_t i = 0; i < n; i++) {
        const struct orglife_rule_local *r = &rows[i];

        if (strcmp(r->v.type, type) || (defaults_only && r->v.org_id))
            continue;
        if (!best || depth_of(r) > depth_of(best) ||
            (depth_of(r) == depth_of(best) && strcmp(r->v.valid_from, best->v.valid_from) >= 0))
            best = r;
    }
    return best;
}

int orglife_rules_get(struct app *app, int64_t org_id, const char *on, struct arena *a,
                      struct orglife_rules *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct orglife_org org;
    struct orglife_rule_local *rows, *local;
    int64_t n, nlocal;
    char today[11];
    int rc = -1;

    if (!on) {
        clock_today(today);
        on = today;
    }
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (orglife_store_org(c, org_id, a, &org, err) < 0 ||
        orglife_store_rules_on(c, org.path, on, a, &rows, &n, err) < 0 ||
        orglife_store_rules_local(c, org.path, a, &local, &nlocal, err) < 0)
        goto out;
    *out = (struct orglife_rules){
        .in_force = arena_alloc(a, sizeof(*out->in_force) * (size_t)(n + 1)),
        .local = arena_alloc(a, sizeof(*out->local) * (size_t)(nlocal + 1)),
        .nlocal = nlocal,
    };
    for (size_t t = 0; MEETING_TYPES[t]; t++) {
        const struct orglife_rule_local *r = pick(rows, n, MEETING_TYPES[t], false);
        if (r)
            out->in_force[out->nin_force++] = r->v;
    }
    for (int64_t i = 0; i < nlocal; i++)
        out->local[i] = local[i].v;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

/* A date that is the first day of a month. */
static int month_start(const char *date, const char *field, struct err *err)
{
    int y, m, d;

    if (date_parse(date, &y, &m, &d) < 0)
        return err_set(err, E_INVALID, field, "日期格式应为 YYYY-MM-DD");
    if (d != 1)
        return err_set(err, E_INVALID, field, "规则按整月计算，日期须为某月1日");
    return 0;
}

int orglife_rule_set(struct app *app, const struct orglife_rule_in *in,
                     const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct orglife_org org;
    struct orglife_rule_local *rows;
    const struct orglife_rule_local *base;
    int64_t n;
    bool looser;
    struct arena a;
    int rc = -1;

    if (month_start(in->valid_from, "/valid_from", err) < 0)
        return -1;
    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    if (orglife_store_org(c, in->org_id, &a, &org, err) < 0) {
        err_refine(err, "/org_id", NULL);
        goto out;
    }
    if (org.dissolved_on) {
        err_set(err, E_CONFLICT, "/org_id", "党组织已撤销");
        goto out;
    }
    if (orglife_store_rules_on(c, org.path, in->valid_from, &a, &rows, &n, err) < 0)
        goto out;
    if (!(base = pick(rows, n, in->type, true))) {
        err_set(err, E_INVALID, "/type", "「%s」没有统一规定的召开频次，不能设定地方规则",
                enum_label(MEETING_TYPES, MEETING_TYPE_LABELS, in->type));
        goto out;
    }
    looser = per_year(in->min_count, in->period) < per_year(base->v.min_count, base->v.period);
    if (looser && !strcmp(base->v.confidence, "verified") && !in->loosen) {
        err_set(err, E_CONFLICT, "/min_count",
                "低于%s的规定（%s%s至少%" PRId64 "次）；确需放宽的，请勾选“确认放宽”并写明依据",
                base->v.rule_id, enum_label(RULE_PERIODS, RULE_PERIOD_LABELS, base->v.period),
                enum_label(MEETING_TYPES, MEETING_TYPE_LABELS, in->type), base->v.min_count);
        goto out;
    }
    if (orglife_store_rule_insert(c, in, &base->v, auth_actor_user_id(actor), clock_now(), id_out,
                                  err) < 0 ||
        auth_audit_change(c, actor, looser ? "orglife.rule_loosen" : "orglife.rule_set",
                          "orglife_rule", *id_out, in->org_id,
                          json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "rule_id", base->v.rule_id,
                                    "type", in->type, "period", in->period, "min_count",
                                    (json_int_t)in->min_count, "valid_from", in->valid_from,
                                    "source", in->source),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int orglife_rule_end(struct app *app, int64_t id, const char *valid_to,
                     const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct orglife_rule_local r;
    struct arena a;
    int rc = -1;

    if (month_start(valid_to, "/valid_to", err) < 0)
        return -1;
    arena_init(&a, 2048);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_rule_get(c, id, &a, &r, err) < 0)
        goto out;
    if (!r.v.org_id) {
        err_set(err, E_CONFLICT, "", "统一规定的规则不能结束；可为本组织设定地方规则");
        goto out;
    }
    if (strcmp(valid_to, r.v.valid_from) <= 0) {
        err_set(err, E_INVALID, "/valid_to", "结束日期须晚于生效日期 %s", r.v.valid_from);
        goto out;
    }
    if (strcmp(valid_to, r.v.valid_to) >= 0) {
        err_set(err, E_CONFLICT, "/valid_to", "规则已于 %s 结束，不能延长", r.v.valid_to);
        goto out;
    }
    if (orglife_store_rule_end(c, id, valid_to, err) < 0 ||
        auth_audit_change(c, actor, "orglife.rule_end", "orglife_rule", id, r.v.org_id,
                          json_pack("{s:s}", "valid_to", valid_to), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int orglife_rule_org(struct app *app, int64_t id, int64_t *org_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct orglife_rule_local r;
    struct arena a;
    int rc;

    arena_init(&a, 1024);
    if (db_acquire(app->db, &c, err) < 0) {
        arena_release(&a);
        return -1;
    }
    rc = orglife_store_rule_get(c, id, &a, &r, err);
    *org_id_out = rc < 0 ? 0 : r.v.org_id;
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}
