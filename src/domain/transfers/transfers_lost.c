/* transfers_lost.c: the 失联 ladder (RULES.md §10): members of a subtree whose dues are unpaid
 * for consecutive months (read through dues.h) reach the rungs LOST-R3 (tell the branch
 * 书记), LOST-R5 (the upper org) and LOST-R6 (a candidate for 自行脱党 review), and so do members
 * without organizational life for as many months (read through orglife.h, meetings at a flow's
 * destination counting); members not reached for LOST-R-CONTACT's months are 失联 candidates;
 * with the relation not transferred (口袋党员 letters, long outflows) they make the 三不 view.
 * Contact attempts and the decisions people take are recorded; nothing here changes anyone's
 * status (RULES.md §0.3). */
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
#include "domain/orglife/orglife.h"
#include "domain/transfers/transfers_int.h"

const char *const TRANSFER_CONTACT_METHODS[] = { "phone",  "visit",    "message",
                                                 "letter", "relative", NULL };
const char *const TRANSFER_CONTACT_METHOD_LABELS[] = { "电话", "上门",   "短信或微信",
                                                       "信函", "经亲属", NULL };
const char *const TRANSFER_LOST_DECISIONS[] = { "stop", "remove", "restore", "keep", NULL };
const char *const TRANSFER_LOST_DECISION_LABELS[] = { "停止党籍", "除名（自行脱党）", "恢复联系",
                                                      "继续教育帮助", NULL };

const char *const TRANSFER_RELATIONS[] = { "letter_expired", "flow_long", NULL };
const char *const TRANSFER_RELATION_LABELS[] = { "介绍信逾期未回执", "长期外出未转接组织关系",
                                                 NULL };

/* The growing list of members on the ladder. */
struct ladder {
    struct transfer_lost *v;
    int64_t n, cap;
    struct arena *a;
};

/* The row of member_id, appended (with from's member columns) when absent. */
static struct transfer_lost *slot(struct ladder *l, const struct transfer_lost *from)
{
    for (int64_t i = 0; i < l->n; i++)
        if (l->v[i].member_id == from->member_id)
            return &l->v[i];
    if (l->n == l->cap) {
        int64_t ncap = l->cap ? l->cap * 2 : 16;
        struct transfer_lost *nv = arena_alloc(l->a, sizeof(*nv) * (size_t)ncap);
        if (l->n)
            memcpy(nv, l->v, sizeof(*nv) * (size_t)l->n);
        l->v = nv;
        l->cap = ncap;
    }
    memset(&l->v[l->n], 0, sizeof(*l->v));
    l->v[l->n].member_id = from->member_id;
    l->v[l->n].org_id = from->org_id;
    l->v[l->n].name = from->name;
    l->v[l->n].org_name = from->org_name;
    return &l->v[l->n++];
}

/* The existing row of member_id, or NULL. */
static struct transfer_lost *find(struct ladder *l, int64_t member_id)
{
    for (int64_t i = 0; i < l->n; i++)
        if (l->v[i].member_id == member_id)
            return &l->v[i];
    return NULL;
}

/* Months without organizational life of the members of the subtree who missed a meeting
 * since they last took part (orglife.h), a destination meeting counting as taking part
 * (FLOW-CARD): rows of ab (orglife_absences) with absent_months, absent_since (the clock's
 * start) and last_attended. */
static int absences(struct db_conn *c, const struct orglife_absence *ab, int64_t nab,
                    const char *path, const char *today, struct arena *a,
                    struct transfer_lost **out, int64_t *n_out, struct err *err)
{
    struct transfer_lost *dest, *v;
    int64_t nd, n = 0;

    if (transfers_store_flow_attended(c, path, a, &dest, &nd, err) < 0)
        return -1;
    v = arena_alloc(a, sizeof(*v) * (size_t)(nab ? nab : 1));
    for (int64_t k = 0; k < nab; k++) {
        const char *last = ab[k].last_took_part;
        for (int64_t j = 0; j < nd; j++)
            if (dest[j].member_id == ab[k].member_id &&
                (!last || strcmp(dest[j].last_attended, last) > 0))
                last = dest[j].last_attended;
        if (last && strcmp(last, ab[k].last_missed) >= 0)
            continue; /* took part at the destination after the last miss */
        v[n].member_id = ab[k].member_id;
        v[n].org_id = ab[k].org_id;
        v[n].name = ab[k].name;
        v[n].org_name = ab[k].org_name;
        v[n].last_attended = last;
        /* From the last taking part (at home or at the destination), else the first miss. */
        v[n].absent_since = last ? last : ab[k].first_missed;
        v[n].absent_months = date_months_between(v[n].absent_since, today);
        n++;
    }
    *out = v;
    *n_out = n;
    return 0;
}

/* The rung months reach: the index into the rungs (R6, R5, R3) or -1. */
static int rung_of(const struct transfer_rule *rung, const bool *has, int64_t months)
{
    for (int i = 0; i < 3; i++) {
        int64_t need = has[i] ? transfer_rule_param(&rung[i], "months", 0) : 0;
        if (need > 0 && months >= need)
            return i;
    }
    return -1;
}

int transfers_lost(struct app *app, const char *path, struct arena *a, struct transfer_lost **out,
                   int64_t *n_out, struct err *err)
{
    static const char *const RUNGS[] = { "LOST-R6", "LOST-R5", "LOST-R3" };
    static const char *const RUNG_TEXT[] = { "列为自行脱党审查对象，由支部大会讨论决定",
                                             "报上级党组织", "提醒支部书记联系本人" };
    struct db_conn *c = NULL;
    struct dues_arrear *arr;
    struct orglife_absence *ab;
    struct transfer_pocket *pocket;
    struct transfer_lost *absent, *flows, *contacts, *decisions, *l;
    struct ladder lad = { .a = a };
    struct transfer_rule rung[3], contact, flow_def, stop;
    bool has[3] = { false, false, false }, has_contact = false, has_flow = false, has_stop = false;
    const char *rule;
    char today[11], since[11];
    int64_t narr, nab0, nab, npocket, nflows = 0, nc, nd, r3;
    int rc = -1;

    clock_today(today);
    if (dues_arrears(app, path, a, &arr, &narr, &rule, err) < 0 ||
        orglife_absences(app, path, a, &ab, &nab0, err) < 0 ||
        transfers_pocket(app, path, a, &pocket, &npocket, err) < 0 ||
        db_acquire(app->db, &c, err) < 0)
        return -1;
    for (int i = 0; i < 3; i++)
        if (transfers_store_rule(c, RUNGS[i], today, a, &rung[i], &has[i], err) < 0)
            goto out;
    if (transfers_store_rule(c, "LOST-R-CONTACT", today, a, &contact, &has_contact, err) < 0 ||
        transfers_store_rule(c, "FLOW-DEF", today, a, &flow_def, &has_flow, err) < 0 ||
        transfers_store_rule(c, "LOST-R-STOP", today, a, &stop, &has_stop, err) < 0 ||
        absences(c, ab, nab0, path, today, a, &absent, &nab, err) < 0 ||
        transfers_store_contacts(c, path, a, &contacts, &nc, err) < 0 ||
        transfers_store_decisions(c, path, a, &decisions, &nd, err) < 0)
        goto out;
    if (has_flow) {
        date_add_months(today, -(int)transfer_rule_param(&flow_def, "months", 6), since);
        if (transfers_store_flows_long(c, path, since, a, &flows, &nflows, err) < 0)
            goto out;
    }
    r3 = has[2] ? transfer_rule_param(&rung[2], "months", 0) : 0;
    /* 不交党费 (consecutive unpaid months) and 不参加组织生活 (months since taking part). */
    for (int64_t k = 0; k < narr; k++) {
        struct transfer_lost from = { .member_id = arr[k].member_id,
                                      .org_id = arr[k].org_id,
                                      .name = arr[k].name,
                                      .org_name = arr[k].org_name };
        if (rung_of(rung, has, arr[k].consecutive) < 0)
            continue;
        l = slot(&lad, &from);
        l->unpaid_months = arr[k].consecutive;
    }
    for (int64_t k = 0; k < nab; k++) {
        if (rung_of(rung, has, absent[k].absent_months) < 0)
            continue;
        l = slot(&lad, &absent[k]);
        l->absent_months = absent[k].absent_months;
        l->absent_since = absent[k].absent_since;
        l->last_attended = absent[k].last_attended;
    }
    for (int64_t i = 0; i < lad.n; i++) {
        struct transfer_lost *x = &lad.v[i];
        int dues_ri = rung_of(rung, has, x->unpaid_months);
        int life_ri = rung_of(rung, has, x->absent_months);
        int ri = dues_ri < 0 ? life_ri : life_ri < 0 || dues_ri < life_ri ? dues_ri : life_ri;
        const char *what;
        x->no_dues = r3 > 0 && x->unpaid_months >= r3;
        x->no_orglife = r3 > 0 && x->absent_months >= r3;
        /* The text names the conditions that reached a rung. */
        if (dues_ri >= 0 && life_ri >= 0)
            what = arena_printf(a, "连续%" PRId64 "个月未交党费、%" PRId64 "个月未参加组织生活",
                                x->unpaid_months, x->absent_months);
        else if (life_ri >= 0)
            what = arena_printf(a, "%" PRId64 "个月未参加组织生活", x->absent_months);
        else
            what = arena_printf(a, "连续%" PRId64 "个月未交党费", x->unpaid_months);
        x->rung = RUNGS[ri];
        x->rung_message = arena_printf(a, "%s：%s", what, RUNG_TEXT[ri]);
    }
    /* 组织关系未转: a letter past its validity without a receipt, a long outflow. */
    for (int64_t k = 0; k < npocket; k++) {
        struct transfer_lost from = { .member_id = pocket[k].member_id,
                                      .org_id = pocket[k].org_id,
                                      .name = pocket[k].name,
                                      .org_name = pocket[k].org_name };
        l = slot(&lad, &from);
        if (!l->relation)
            l->relation = "letter_expired", l->relation_since = pocket[k].since;
    }
    for (int64_t k = 0; k < nflows; k++) {
        l = slot(&lad, &flows[k]);
        if (!l->relation)
            l->relation = flows[k].relation, l->relation_since = flows[k].relation_since;
    }
    if (has_contact) {
        date_add_months(today, -(int)transfer_rule_param(&contact, "months", 6), since);
        for (int64_t k = 0; k < nc; k++) {
            if (!contacts[k].unreached_since || strcmp(contacts[k].unreached_since, since) > 0)
                continue;
            l = slot(&lad, &contacts[k]);
            l->contact_rule = "LOST-R-CONTACT";
            l->contact_message = arena_printf(
                a, "自%s起联系不上已满%" PRId64 "个月：列为失联党员候选，停止党籍由党组织决定",
                contacts[k].unreached_since, transfer_rule_param(&contact, "months", 6));
        }
    }
    /* 停止党籍 LOST-R-STOP's months ago, no decision since: a 除名 review reminder. */
    if (has_stop) {
        int64_t months = transfer_rule_param(&stop, "months", 24);
        date_add_months(today, -(int)months, since);
        for (int64_t k = 0; k < nd; k++) {
            if (strcmp(decisions[k].decision, "stop") || strcmp(decisions[k].decided_on, since) > 0)
                continue;
            l = slot(&lad, &decisions[k]);
            l->stop_rule = "LOST-R-STOP";
            l->stop_message = arena_printf(
                a, "自%s停止党籍已满%" PRId64 "个月：仍无联系的，列为除名审查对象，由党组织决定",
                decisions[k].decided_on, months);
        }
    }
    /* Contact records and decisions of members on the ladder. */
    for (int64_t k = 0; k < nc; k++)
        if ((l = find(&lad, contacts[k].member_id))) {
            l->attempts = contacts[k].attempts;
            l->last_reached = contacts[k].last_reached;
            l->unreached_since = contacts[k].unreached_since;
        }
    for (int64_t k = 0; k < nd; k++)
        if ((l = find(&lad, decisions[k].member_id))) {
            l->decision = decisions[k].decision;
            l->decided_on = decisions[k].decided_on;
            l->doc_no = decisions[k].doc_no;
        }
    *out = lad.v;
    *n_out = lad.n;
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
