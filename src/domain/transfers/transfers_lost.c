/* transfers_lost.c: the 失联 ladder (RULES.md §10): members of a subtree whose dues are unpaid
 * for consecutive months (read through dues.h) reach the rungs LOST-R3 (tell the branch
 * 书记), LOST-R5 (the upper org) and LOST-R6 (a candidate for 自行脱党 review); members not
 * reached for LOST-R-CONTACT's months are 失联 candidates. Contact attempts and the decisions
 * people take are recorded; nothing here changes anyone's status (RULES.md §0.3). The "no
 * organizational life" condition is not read yet. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/dues/dues.h"
#include "domain/members/members.h"
#include "domain/transfers/transfers_int.h"

const char *const TRANSFER_CONTACT_METHODS[] = { "phone",  "visit",    "message",
                                                 "letter", "relative", NULL };
const char *const TRANSFER_CONTACT_METHOD_LABELS[] = { "电话", "上门",   "短信或微信",
                                                       "信函", "经亲属", NULL };
const char *const TRANSFER_LOST_DECISIONS[] = { "stop", "remove", "restore", "keep", NULL };
const char *const TRANSFER_LOST_DECISION_LABELS[] = { "停止党籍", "除名（自行脱党）", "恢复联系",
                                                      "继续教育帮助", NULL };

/* The row of members[] for member_id, appended when absent. */
static struct transfer_lost *slot(struct transfer_lost **v, int64_t *n, int64_t *cap,
                                  const struct transfer_lost *from, struct arena *a)
{
    for (int64_t i = 0; i < *n; i++)
        if ((*v)[i].member_id == from->member_id)
            return &(*v)[i];
    if (*n == *cap) {
        int64_t ncap = *cap ? *cap * 2 : 16;
        struct transfer_lost *nv = arena_alloc(a, sizeof(*nv) * (size_t)ncap);
        if (*n)
            memcpy(nv, *v, sizeof(*nv) * (size_t)*n);
        *v = nv;
        *cap = ncap;
    }
    memset(&(*v)[*n], 0, sizeof(**v));
    (*v)[*n].member_id = from->member_id;
    (*v)[*n].org_id = from->org_id;
    (*v)[*n].name = from->name;
    (*v)[*n].org_name = from->org_name;
    return &(*v)[(*n)++];
}

int transfers_lost(struct app *app, const char *path, struct arena *a, struct transfer_lost **out,
                   int64_t *n_out, struct err *err)
{
    static const char *const RUNGS[] = { "LOST-R6", "LOST-R5", "LOST-R3" };
    static const char *const RUNG_TEXT[] = { "列为自行脱党审查对象，由支部大会讨论决定",
                                             "报上级党组织", "提醒支部书记联系本人" };
    struct db_conn *c = NULL;
    struct dues_arrear *arr;
    struct transfer_lost *contacts, *decisions, *v = NULL;
    struct transfer_rule rung[3], contact;
    bool has[3] = { false, false, false }, has_contact = false;
    const char *rule;
    char today[11], since[11];
    int64_t narr, nc, nd, n = 0, cap = 0;
    int rc = -1;

    clock_today(today);
    if (dues_arrears(app, path, a, &arr, &narr, &rule, err) < 0 || db_acquire(app->db, &c, err) < 0)
        return -1;
    for (int i = 0; i < 3; i++)
        if (transfers_store_rule(c, RUNGS[i], today, a, &rung[i], &has[i], err) < 0)
            goto out;
    if (transfers_store_rule(c, "LOST-R-CONTACT", today, a, &contact, &has_contact, err) < 0 ||
        transfers_store_contacts(c, path, a, &contacts, &nc, err) < 0 ||
        transfers_store_decisions(c, path, a, &decisions, &nd, err) < 0)
        goto out;
    for (int64_t k = 0; k < narr; k++)
        for (int i = 0; i < 3; i++) {
            int64_t months = has[i] ? transfer_rule_param(&rung[i], "months", 0) : 0;
            if (months > 0 && arr[k].consecutive >= months) {
                struct transfer_lost from = { .member_id = arr[k].member_id,
                                              .org_id = arr[k].org_id,
                                              .name = arr[k].name,
                                              .org_name = arr[k].org_name };
                struct transfer_lost *l = slot(&v, &n, &cap, &from, a);
                l->unpaid_months = arr[k].consecutive;
                l->rung = RUNGS[i];
                l->rung_message = arena_printf(a, "连续%" PRId64 "个月未交党费：%s",
                                               arr[k].consecutive, RUNG_TEXT[i]);
                break;
            }
        }
    if (has_contact) {
        date_add_months(today, -(int)transfer_rule_param(&contact, "months", 6), since);
        for (int64_t k = 0; k < nc; k++) {
            struct transfer_lost *l;
            if (!contacts[k].unreached_since || strcmp(contacts[k].unreached_since, since) > 0)
                continue;
            l = slot(&v, &n, &cap, &contacts[k], a);
            l->attempts = contacts[k].attempts;
            l->last_reached = contacts[k].last_reached;
            l->unreached_since = contacts[k].unreached_since;
            l->contact_rule = "LOST-R-CONTACT";
            l->contact_message = arena_printf(
                a, "自%s起联系不上已满%" PRId64 "个月：列为失联党员候选，停止党籍由党组织决定",
                contacts[k].unreached_since, transfer_rule_param(&contact, "months", 6));
        }
    }
    /* Contact records and decisions of members on the ladder. */
    for (int64_t i = 0; i < n; i++) {
        for (int64_t k = 0; k < nc; k++)
            if (contacts[k].member_id == v[i].member_id && !v[i].contact_rule) {
                v[i].attempts = contacts[k].attempts;
                v[i].last_reached = contacts[k].last_reached;
                v[i].unreached_since = contacts[k].unreached_since;
            }
        for (int64_t k = 0; k < nd; k++)
            if (decisions[k].member_id == v[i].member_id) {
                v[i].decision = decisions[k].decision;
                v[i].decided_on = decisions[k].decided_on;
                v[i].doc_no = decisions[k].doc_no;
            }
    }
    *out = v;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int transfer_contact_add(struct app *app, int64_t member_id, const char *tried_on,
                         const char *method, bool reached, const char *note,
                         const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_view m;
    char today[11];
    int rc = -1;

    arena_init(&a, 2048);
    clock_today(today);
    if (member_get(app, member_id, &a, &m, err) < 0)
        goto out;
    if (strcmp(tried_on, today) > 0) {
        err_set(err, E_INVALID, "/tried_on", "联系日期（%s）不能晚于今天（%s）", tried_on, today);
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        transfers_store_contact_insert(c, member_id, tried_on, method, reached, note,
                                       auth_actor_user_id(actor), clock_now(), id_out, err) < 0 ||
        auth_audit_change(c, actor, "transfer.contact", "member", member_id, m.org_id,
                          json_pack("{s:s, s:s, s:b}", "tried_on", tried_on, "method", method,
                                    "reached", reached),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int transfer_lost_decide(struct app *app, int64_t member_id, const char *decision,
                         const char *decided_on, const char *body, const char *doc_no,
                         const char *note, const struct auth_actor *actor, int64_t *id_out,
                         struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_view m;
    char today[11];
    int rc = -1;

    arena_init(&a, 2048);
    clock_today(today);
    if (member_get(app, member_id, &a, &m, err) < 0)
        goto out;
    if (strcmp(decided_on, today) > 0) {
        err_set(err, E_INVALID, "/decided_on", "决定日期（%s）不能晚于今天（%s）", decided_on,
                today);
        goto out;
    }
    if ((!strcmp(decision, "stop") || !strcmp(decision, "remove")) && (!doc_no || !*doc_no)) {
        err_set(err, E_INVALID, "/doc_no", "%s须填写决定的文号",
                enum_label(TRANSFER_LOST_DECISIONS, TRANSFER_LOST_DECISION_LABELS, decision));
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        transfers_store_decision_insert(c, member_id, decision, decided_on, body, doc_no, note,
                                        auth_actor_user_id(actor), clock_now(), id_out, err) < 0 ||
        auth_audit_change(c, actor, "transfer.lost", "member", member_id, m.org_id,
                          json_pack("{s:s, s:s, s:s}", "decision", decision, "decided_on",
                                    decided_on, "body", body),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
