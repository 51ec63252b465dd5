/* orgs_units.c: the units linked to an org (大党委成员单位, 共建单位): list, link, withdraw.
 * Business rules here; SQL in orgs_units_store.c. Links are history: withdrawing sets
 * left_on and keeps the row. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/orgs/orgs_int.h"

const char *const ORG_UNIT_KINDS[] = { "committee_member_unit", "co_building", NULL };
const char *const ORG_UNIT_KIND_LABELS[] = { "大党委成员单位", "共建单位", NULL };

static const char *kind_label(const char *kind)
{
    return enum_label(ORG_UNIT_KINDS, ORG_UNIT_KIND_LABELS, kind);
}

int org_units(struct app *app, int64_t org_id, struct arena *a, struct org_unit_view **out,
              int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_units(c, org_id, a, out, n_out, err);
    db_release(app->db, &c);
    if (rc == 0)
        for (int64_t i = 0; i < *n_out; i++)
            (*out)[i].kind_label = kind_label((*out)[i].kind);
    return rc;
}

int org_unit_add(struct app *app, int64_t org_id, const struct org_unit_in *in,
                 const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row org;
    char today[11];
    bool dup = false;
    int rc = -1;

    arena_init(&a, 512);
    clock_today(today);
    if (in->joined_on && strcmp(in->joined_on, today) > 0) {
        err_set(err, E_INVALID, "/joined_on", "加入日期不能晚于今天");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_row(c, org_id, &a, &org, err) < 0 ||
        org_store_unit_active(c, org_id, in->kind, in->unit_name, &dup, err) < 0)
        goto out;
    if (org.dissolved_on) {
        err_set(err, E_CONFLICT, "", "该党组织已于 %s 撤销", org.dissolved_on);
        goto out;
    }
    if (dup) {
        err_set(err, E_CONFLICT, "/unit_name", "“%s”已是本组织的%s", in->unit_name,
                kind_label(in->kind));
        goto out;
    }
    if (org_store_unit_insert(c, org_id, in, clock_now(), id_out, err) < 0 ||
        audit_org(c, actor, "org.unit_add", "org_unit_link", *id_out, org_id, NULL,
                  json_pack("{s:s, s:s, s:s?, s:n}", "unit_name", in->unit_name, "kind", in->kind,
                            "joined_on", in->joined_on, "left_on"),
                  err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int org_unit_leave(struct app *app, int64_t org_id, int64_t id, const char *left_on,
                   const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_unit_view u;
    char today[11];
    int rc = -1;

    arena_init(&a, 512);
    clock_today(today);
    if (strcmp(left_on, today) > 0) {
        err_set(err, E_INVALID, "/left_on", "退出日期不能晚于今天");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_unit_get(c, org_id, id, &a, &u, err) < 0)
        goto out;
    if (u.left_on) {
        err_set(err, E_CONFLICT, "", "该单位已于 %s 退出", u.left_on);
        goto out;
    }
    if (u.joined_on && strcmp(left_on, u.joined_on) < 0) {
        err_set(err, E_INVALID, "/left_on", "退出日期不能早于加入日期 %s", u.joined_on);
        goto out;
    }
    if (org_store_unit_leave(c, id, left_on, err) < 0 ||
        audit_org(c, actor, "org.unit_leave", "org_unit_link", id, org_id,
                  json_pack("{s:s, s:s, s:s?, s:n}", "unit_name", u.unit_name, "kind", u.kind,
                            "joined_on", u.joined_on, "left_on"),
                  json_pack("{s:s, s:s, s:s?, s:s}", "unit_name", u.unit_name, "kind", u.kind,
                            "joined_on", u.joined_on, "left_on", left_on),
                  err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
