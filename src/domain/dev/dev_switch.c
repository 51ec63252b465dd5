/* dev_switch.c: the rule rows as they apply at an org, and an org's switches of the unverified
 * 2026 overlay (RULES.md §1.2, §13: enabled per tenant once the 街道党工委 has confirmed it).
 * A switch holds for the org's subtree; the deepest on a case's path wins (dev_rules_at). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/dev/dev_int.h"

int dev_rules_get(struct app *app, const char *path, const char *date, struct arena *a,
                  struct dev_rules_at *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dev_rule *rules, *at;
    struct dev_switch *sw;
    const struct dev_switch **by;
    int64_t nr, nsw;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    if (db_acquire(app->db, &c, err) < 0 || dev_store_rules(c, a, &rules, &nr, err) < 0 ||
        dev_store_switches(c, a, &sw, &nsw, err) < 0)
        goto out;
    at = arena_alloc(a, (size_t)(nr + 1) * sizeof(*at));
    by = arena_alloc(a, (size_t)(nr + 1) * sizeof(*by));
    dev_rules_at(rules, (size_t)nr, sw, (size_t)nsw, path, at, by);
    out->in_force = arena_alloc(a, (size_t)(nr + 1) * sizeof(*out->in_force));
    out->switchable = arena_alloc(a, (size_t)(nr + 1) * sizeof(*out->switchable));
    out->switched_by = arena_alloc(a, (size_t)(nr + 1) * sizeof(*out->switched_by));
    /* Rows come ordered by rule_id: one answer per rule_id. */
    for (int64_t i = 0; i < nr; i++) {
        const struct dev_rule *r;
        if (dev_rule_switchable(&at[i])) {
            out->switchable[out->nswitchable] = &at[i];
            out->switched_by[out->nswitchable++] = by[i];
        }
        if (i && !strcmp(at[i].rule_id, at[i - 1].rule_id))
            continue;
        if ((r = dev_rule_in_force(at, (size_t)nr, at[i].rule_id, date)))
            out->in_force[out->nin_force++] = r;
    }
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int dev_rule_switch_set(struct app *app, int64_t org_id, int64_t rule_row, bool enabled,
                        const char *note, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct dev_org_ref org;
    struct dev_rule *rules, *row = NULL;
    struct audit_entry e;
    char digest[65];
    int64_t nr;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dev_store_org(c, org_id, &a, &org, err) < 0 || dev_store_rules(c, &a, &rules, &nr, err) < 0)
        goto out;
    for (int64_t i = 0; i < nr; i++)
        if (rules[i].id == rule_row)
            row = &rules[i];
    if (!row) {
        err_set(err, E_NOT_FOUND, "/rule_row", "没有这条规则");
        goto out;
    }
    if (!dev_rule_switchable(row)) {
        err_set(err, E_CONFLICT, "/rule_row", "%s（%s）是现行细则的规定，不能启用或停用",
                row->rule_id, row->rule_set);
        goto out;
    }
    if (enabled && !dev_rule_checked(row->rule_id)) {
        err_set(err, E_CONFLICT, "/rule_row", "%s（%s）的检查尚未实现，不能启用", row->rule_id,
                row->rule_set);
        goto out;
    }
    if (!strcmp(org.type, "group") || org.dissolved_on) {
        err_set(err, E_INVALID, "/org_id", "%s不能设定发展党员规则（%s）", org.name,
                org.dissolved_on ? "已撤销" : "党小组");
        goto out;
    }
    e = auth_audit_entry(actor, "dev.rule_switch", "dev_rule", rule_row, org_id);
    audit_change_digest(NULL,
                        json_pack("{s:s, s:s, s:b, s:s}", "rule", row->rule_id, "version",
                                  row->rule_set, "enabled", enabled, "note", note),
                        digest);
    e.digest = digest;
    if (dev_store_switch_upsert(c, rule_row, org_id, enabled, note, auth_actor_user_id(actor),
                                clock_now(), err) < 0 ||
        audit_append(c, &e, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
