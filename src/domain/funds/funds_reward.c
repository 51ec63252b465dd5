/* funds_reward.c: the reward fund (奖励基金) of seed 004: the reserves held back from the
 * communities' budgets are the district's pool, from which it pays its 七一 commendations of
 * outstanding branches and members and sends shares down to communities; a community pays its
 * own members' commendations from the shares it received. A payout never exceeds what is left
 * of the payer's pool. One transaction per payout with its audit row. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/funds/funds_int.h"
#include "domain/orgpath.h"

const char *const FUNDS_REWARD_KINDS[] = { "branch", "member", "share", NULL };
const char *const FUNDS_REWARD_KIND_LABELS[] = { "表彰先进党组织", "表彰优秀党员",
                                                 "下拨社区奖励基金", NULL };

/* The pool of a payer: the reserves under a district, or the shares a community received. */
static int pool_of(struct db_conn *c, const struct funds_org *o, int64_t year, int64_t *pool_out,
                   struct err *err)
{
    if (!strcmp(o->type, "district"))
        return funds_store_reserves(c, o->path, year, pool_out, err);
    return funds_store_shares(c, o->id, year, pool_out, err);
}

/* The recipient fits the kind and lies under the payer. */
static int recipient_check(struct db_conn *c, const struct funds_org *payer,
                           const struct funds_reward_in *in, struct arena *a, struct err *err)
{
    struct funds_org r;
    int64_t n;

    if (!strcmp(in->kind, "member")) {
        if (!in->person_id)
            return err_set(err, E_INVALID, "/person_id", "请选择受表彰的党员");
        if (funds_store_member_under(c, in->person_id, payer->path, &n, err) < 0)
            return -1;
        return n ? 0
                 : err_set(err, E_INVALID, "/person_id", "受表彰的人不是%s的在册党员", payer->name);
    }
    if (!in->recipient_org_id)
        return err_set(err, E_INVALID, "/recipient_org_id", "请选择受表彰或受领的党组织");
    if (funds_store_org(c, in->recipient_org_id, a, &r, err) < 0)
        return -1;
    if (!orgpath_within(r.path, payer->path) || r.id == payer->id)
        return err_set(err, E_INVALID, "/recipient_org_id", "该党组织不在%s之下", payer->name);
    if (!strcmp(in->kind, "share") && !r.community)
        return err_set(err, E_INVALID, "/recipient_org_id", "奖励基金只下拨给社区党组织");
    return 0;
}

int funds_reward_add(struct app *app, const struct funds_reward_in *in,
                     const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_org o;
    int64_t pool, paid;
    bool district;
    int rc = -1;

    arena_init(&a, 1u << 14);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        funds_store_org(c, in->org_id, &a, &o, err) < 0)
        goto out;
    district = !strcmp(o.type, "district");
    if (!district && !o.community) {
        err_set(err, E_INVALID, "/org_id", "奖励基金由区委组织部或社区党组织支出");
        goto out;
    }
    if (!district && strcmp(in->kind, "member")) {
        err_set(err, E_INVALID, "/kind", "社区用下拨的奖励基金表彰党员");
        goto out;
    }
    if (recipient_check(c, &o, in, &a, err) < 0 || pool_of(c, &o, in->year, &pool, err) < 0 ||
        funds_store_reward_paid(c, o.id, in->year, &paid, err) < 0)
        goto out;
    if (in->amount_fen > pool - paid) {
        err_set(err, E_CONFLICT, "/amount_fen",
                "%s %" PRId64 "年奖励基金余额 %s 元，不够支出 %s 元", o.name, in->year,
                funds_yuan(&a, pool - paid), funds_yuan(&a, in->amount_fen));
        goto out;
    }
    if (funds_store_reward_insert(c, &o, in, auth_actor_user_id(actor), clock_now(), id_out, err) <
            0 ||
        auth_audit_change(c, actor, "funds.reward", "fund_reward", *id_out, o.id,
                          json_pack("{s:s, s:s, s:I, s:I}", "kind", in->kind, "title", in->title,
                                    "amount_fen", (json_int_t)in->amount_fen, "year",
                                    (json_int_t)in->year),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_rewards(struct app *app, int64_t org_id, int64_t year, struct arena *a, int64_t *pool_out,
                  int64_t *paid_out, struct funds_reward **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct funds_org o;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (funds_store_org(c, org_id, a, &o, err) < 0 || pool_of(c, &o, year, pool_out, err) < 0 ||
        funds_store_reward_paid(c, org_id, year, paid_out, err) < 0 ||
        funds_store_rewards(c, org_id, year, a, out, n_out, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}
