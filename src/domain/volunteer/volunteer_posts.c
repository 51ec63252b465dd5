/* volunteer_posts.c: public-welfare posts (公益岗位, 设岗定责): a post defined by an org with
 * duties and a period, claimed by a person for part of it (two claims of one post never
 * overlap), the record card (记录卡) with the served person's feedback, and the numbered yearly
 * service certificate. Each write is one transaction with its audit row. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/volunteer/volunteer_int.h"

const char *const VOLUNTEER_POST_KINDS[] = { "care",    "employment", "relief",
                                             "pioneer", "other",      NULL };
const char *const VOLUNTEER_POST_KIND_LABELS[] = { "关爱老弱岗", "帮助就业岗", "帮贫济困岗",
                                                   "党员先锋岗", "其他公益岗", NULL };
const char *const VOLUNTEER_SATISFACTIONS[] = { "satisfied", "basically", "unsatisfied", NULL };
const char *const VOLUNTEER_SATISFACTION_LABELS[] = { "满意", "基本满意", "不满意", NULL };

int volunteer_post_create(struct app *app, const struct volunteer_post_in *in,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar;
    const char *path;
    int64_t tenant, id;
    int rc = -1;

    arena_init(&ar, 1024);
    if (strcmp(in->ends_on, in->starts_on) < 0) {
        err_set(err, E_INVALID, "/ends_on", "岗位期限的结束日期不能早于开始日期");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_org(c, in->org_id, &ar, &tenant, &path, err) < 0 ||
        volunteer_store_post_insert(c, in, tenant, path, auth_actor_user_id(actor), clock_now(),
                                    &id, err) < 0 ||
        auth_audit_change(c, actor, "volunteer.post", "volunteer_post", id, in->org_id,
                          json_pack("{s:s, s:s, s:s, s:s}", "name", in->name, "kind", in->kind,
                                    "starts_on", in->starts_on, "ends_on", in->ends_on),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &ar, rc, err);
}

int volunteer_claim_create(struct app *app, int64_t post_id, const struct volunteer_claim_in *in,
                           const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                           struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_post p;
    struct volunteer_person who;
    struct volunteer_claim other;
    bool found = false;
    char today[11];
    int64_t id;
    int rc = -1;

    clock_today(today);
    if (strcmp(in->to_on, in->from_on) < 0)
        return err_set(err, E_INVALID, "/to_on", "认领期限的结束日期不能早于开始日期");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_post(c, post_id, today, a, &p, err) < 0 ||
        volunteer_store_person(c, in->person_id, a, &who, err) < 0)
        goto out;
    if (strcmp(in->from_on, p.starts_on) < 0 || strcmp(in->to_on, p.ends_on) > 0) {
        err_set(err, E_INVALID, "/from_on", "认领期限须在岗位期限（%s 至 %s）之内", p.starts_on,
                p.ends_on);
        goto out;
    }
    if (volunteer_store_claim_overlap(c, post_id, in->from_on, in->to_on, a, &other, &found, err) <
        0)
        goto out;
    if (found) {
        err_set(err, E_CONFLICT, "/from_on", "“%s”在%s至%s已由%s认领，同一岗位同一期间只能认领一次",
                p.name, other.from_on, other.to_on, other.name);
        goto out;
    }
    if (volunteer_store_claim_insert(c, post_id, who.id, in->from_on, in->to_on,
                                     auth_actor_user_id(actor), clock_now(), &id, err) < 0 ||
        auth_audit_change(c, actor, "volunteer.claim", "volunteer_claim", id, p.org_id,
                          json_pack("{s:I, s:I, s:s, s:s}", "post_id", (json_int_t)post_id,
                                    "person_id", (json_int_t)who.id, "from_on", in->from_on,
                                    "to_on", in->to_on),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int volunteer_record_create(struct app *app, int64_t claim_id, const struct volunteer_record_in *in,
                            bool confirmed, const struct auth_actor *actor, struct arena *a,
                            int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_claim k;
    char today[11];
    int64_t id;
    int rc = -1;

    clock_today(today);
    if (strcmp(in->done_on, today) > 0)
        return err_set(err, E_INVALID, "/done_on", "不能登记未来日期的履职记录");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_claim(c, claim_id, a, &k, err) < 0)
        goto out;
    if (strcmp(in->done_on, k.from_on) < 0 || strcmp(in->done_on, k.to_on) > 0) {
        err_set(err, E_INVALID, "/done_on", "履职日期须在认领期限（%s 至 %s）之内", k.from_on,
                k.to_on);
        goto out;
    }
    if (volunteer_store_record_insert(c, claim_id, in, confirmed, auth_actor_user_id(actor),
                                      clock_now(), &id, err) < 0 ||
        auth_audit_change(c, actor, "volunteer.record", "volunteer_post_record", id, k.org_id,
                          json_pack("{s:I, s:s, s:b}", "claim_id", (json_int_t)claim_id, "done_on",
                                    in->done_on, "confirmed", confirmed),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int volunteer_certificate_issue(struct app *app, int64_t person_id, int year,
                                const struct auth_actor *actor, struct arena *a,
                                const char **number_out, bool *created_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_person p;
    struct volunteer_hours *h;
    const char *number;
    char from[24], to[24];
    int64_t n, minutes = 0, m0, issued;
    bool found = false;
    int rc = -1;

    snprintf(from, sizeof(from), "%04d-01-01", year);
    snprintf(to, sizeof(to), "%04d-01-01", year + 1);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        volunteer_store_person(c, person_id, a, &p, err) < 0 ||
        volunteer_store_certificate(c, person_id, year, a, &number, &m0, &issued, &found, err) < 0)
        goto out;
    if (found) {
        *number_out = number;
        *created_out = false;
        rc = 0;
        goto out;
    }
    if (volunteer_store_hours_of(c, person_id, from, to, a, &h, &n, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++)
        if (!strcmp(h[i].status, "verified"))
            minutes += h[i].minutes;
    if (!minutes) {
        err_set(err, E_INVALID, "/year", "%s在%d年没有经核实的服务时长，不能出具证明", p.name,
                year);
        goto out;
    }
    if (volunteer_store_certificate_insert(c, p.tenant_id, person_id, year, minutes,
                                           auth_actor_user_id(actor), clock_now(), a, &number,
                                           err) < 0 ||
        auth_audit_change(c, actor, "volunteer.certificate", "person", person_id, p.org_id,
                          json_pack("{s:s, s:i, s:I}", "number", number, "year", year, "minutes",
                                    (json_int_t)minutes),
                          err) < 0)
        goto out;
    *number_out = number;
    *created_out = true;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}
