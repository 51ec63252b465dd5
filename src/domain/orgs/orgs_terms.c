/* orgs_terms.c: an org's terms (换届): a new term with its posts, its length from the
 * org_rule rows for the org's type and place, the previous term closed; and the list of
 * terms with the expired one flagged. Permission checks are the caller's (orgs_http.c). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs_int.h"

/* Posts a term may name. */
static const char *const POSTS[] = { "书记",     "副书记",   "组织委员", "宣传委员", "纪检委员",
                                     "青年委员", "统战委员", "保密委员", "委员",     NULL };

/* ---- terms ---- */

int org_term_add(struct app *app, int64_t org_id, const struct org_term_in *in,
                 const struct auth_actor *actor, int64_t *term_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row cur;
    char today[11], ends[11];
    json_t *posts;
    bool community;
    int64_t rule_id, years, now = clock_now();
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (strcmp(in->elected_on, today) > 0) {
        err_set(err, E_INVALID, "/elected_on", "选举日期不能晚于今天");
        goto out;
    }
    for (int64_t i = 0; i < in->nposts; i++) {
        bool ok = false;
        for (int k = 0; POSTS[k]; k++)
            ok |= !strcmp(POSTS[k], in->posts[i].post);
        if (!ok) {
            err_set(err, E_INVALID, arena_printf(&a, "/posts/%" PRId64 "/post", i),
                    "职务应为 书记、副书记、组织委员、宣传委员、纪检委员、青年委员、统战委员、"
                    "保密委员 或 委员");
            goto out;
        }
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_row(c, org_id, &a, &cur, err) < 0 ||
        org_store_in_community(c, cur.path, &community, err) < 0)
        goto out;
    if (cur.dissolved_on) {
        err_set(err, E_CONFLICT, "", "该党组织已撤销");
        goto out;
    }
    if (org_store_rule(c, cur.type, community, in->elected_on, &rule_id, &years, err) < 0) {
        err_clear(err);
        err_set(err, E_INVALID, "", "%s不实行任期制，不登记换届", org_type_label(cur.type));
        goto out;
    }
    date_add_months(in->elected_on, (int)(12 * years), ends); /* 29 Feb → 28 Feb */
    if (org_store_term_close(c, org_id, in->elected_on, err) < 0 ||
        org_store_term_insert(c, cur.tenant_id, org_id, in, years, ends, rule_id, now, term_id_out,
                              err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nposts; i++) {
        const char *mpath;
        if (org_store_member_path(c, in->posts[i].member_id, &a, &mpath, err) < 0 ||
            !orgpath_within(mpath, cur.path)) {
            err_clear(err);
            err_set(err, E_INVALID, arena_printf(&a, "/posts/%" PRId64 "/member_id", i),
                    "任职党员应是本组织（含下级组织）的在册党员");
            goto out;
        }
        if (org_store_post_insert(c, *term_id_out, org_id, in->posts[i].member_id,
                                  in->posts[i].post, in->elected_on, now, err) < 0)
            goto out;
    }
    posts = json_array();
    for (int64_t i = 0; i < in->nposts; i++)
        json_array_append_new(posts, json_pack("{s:I, s:s}", "member_id",
                                               (json_int_t)in->posts[i].member_id, "post",
                                               in->posts[i].post));
    if (audit_org(c, actor, "org.term", "org_term", *term_id_out, org_id, NULL,
                  json_pack("{s:I, s:s, s:I, s:s, s:s?, s:s?, s:o}", "org_id", (json_int_t)org_id,
                            "elected_on", in->elected_on, "term_years", (json_int_t)years,
                            "ends_on", ends, "doc_no", org_nz(in->doc_no), "note", org_nz(in->note),
                            "posts", posts),
                  err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int org_terms(struct app *app, int64_t org_id, struct arena *a, struct org_term_view **out,
              int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_terms(c, org_id, a, out, n_out, err);
    db_release(app->db, &c);
    clock_today(today);
    if (rc == 0)
        for (int64_t i = 0; i < *n_out; i++)
            (*out)[i].expired = (*out)[i].current && strcmp((*out)[i].ends_on, today) < 0;
    return rc;
}
