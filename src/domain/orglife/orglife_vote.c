/* orglife_vote.c: votes inside a 支部党员大会 or 支委会 (RULES.md §2.4): who may vote (the
 * meeting's expected 正式党员 on its date less the excluded), ballots (present or as a written
 * opinion, once each; a secret ballot cast by the voter adds to the tallies only), paper
 * tallies, and the result computed at closing from the quorum and pass rules in force on the
 * meeting date (vote_rule rows), never typed. */
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

const char *const VOTE_KINDS[] = { "admission", "full_member", "election", "decision", NULL };
const char *const VOTE_KIND_LABELS[] = { "接收预备党员", "预备党员转正", "选举", "议事决定", NULL };
const char *const VOTE_METHODS[] = { "secret", "open", NULL };
const char *const VOTE_METHOD_LABELS[] = { "无记名投票", "举手表决", NULL };
const char *const VOTE_CHOICES[] = { "yes", "no", "abstain", "invalid", NULL };
const char *const VOTE_CHOICE_LABELS[] = { "赞成", "反对", "弃权", "废票", NULL };
const char *const VOTE_HOWS[] = { "present", "written", NULL };
const char *const VOTE_HOW_LABELS[] = { "到会表决", "书面意见", NULL };
const char *const VOTE_RESULTS[] = { "passed", "failed_quorum", "rejected", NULL };
const char *const VOTE_RESULT_LABELS[] = { "通过", "到会人数不足", "未通过", NULL };

/* Who may vote, and who of them attends: the meeting's roll on its date (正式党员 only) less
 * the excluded of the vote (a JSON list, or the vote_in's list while opening). */
struct electorate {
    struct orglife_roll_row *roll;
    int64_t nroll;
    struct meeting_attendee *att;
    int64_t natt;
    json_t *excluded; /* NULL: none */
};

static bool excluded_has(json_t *ex, int64_t person_id)
{
    size_t i;
    json_t *e;

    json_array_foreach(ex, i, e)
    {
        if (json_integer_value(json_object_get(e, "person_id")) == person_id)
            return true;
    }
    return false;
}

/* 0: a voter; else why not (zh-CN). */
static const char *not_voter(const struct electorate *el, int64_t person_id)
{
    for (int64_t i = 0; i < el->nroll; i++)
        if (el->roll[i].person_id == person_id) {
            if (strcmp(el->roll[i].status, "full"))
                return "预备党员没有表决权";
            return el->excluded && excluded_has(el->excluded, person_id)
                       ? "此人已列为不计入应到会有表决权人数"
                       : NULL;
        }
    return "此人不是本次会议应到会的党员";
}

static bool attends(const struct electorate *el, int64_t person_id)
{
    for (int64_t i = 0; i < el->natt; i++)
        if (el->att[i].person_id == person_id)
            return el->att[i].status &&
                   (!strcmp(el->att[i].status, "present") || !strcmp(el->att[i].status, "online"));
    return false;
}

static int electorate_load(struct db_conn *c, const struct meeting_view *m, const char *excluded,
                           struct arena *a, struct electorate *el, struct err *err)
{
    *el = (struct electorate){ 0 };
    if (excluded)
        el->excluded = json_loads(excluded, 0, NULL);
    return orglife_store_roll(c, m->org_id, m->type, m->meets_on, a, &el->roll, &el->nroll, err) <
                       0 ||
                   orglife_store_attendees(c, m->id, a, &el->att, &el->natt, err) < 0
               ? -1
               : 0;
}

static void electorate_free(struct electorate *el)
{
    if (el->excluded)
        json_decref(el->excluded);
}

/* Voters and those of them present. */
static void electorate_count(const struct electorate *el, int64_t *n_out, int64_t *present_out)
{
    *n_out = *present_out = 0;
    for (int64_t i = 0; i < el->nroll; i++)
        if (!not_voter(el, el->roll[i].person_id)) {
            ++*n_out;
            *present_out += attends(el, el->roll[i].person_id);
        }
}

static int vote_audit(struct db_conn *c, const struct auth_actor *actor, const char *action,
                      int64_t vote_id, int64_t org_id, json_t *after, struct err *err)
{
    if (!actor) { /* the demo's own writes are audited once, as the demo */
        json_decref(after);
        return 0;
    }
    return auth_audit_change(c, actor, action, "meeting_vote", vote_id, org_id, after, err);
}

/* The meeting and its vote, which must still be open. */
static int vote_load(struct db_conn *c, int64_t meeting_id, int64_t vote_id, struct arena *a,
                     struct meeting_view *m, struct vote_view *v, struct err *err)
{
    if (orglife_store_meeting_get(c, meeting_id, a, m, err) < 0 ||
        orglife_store_vote(c, meeting_id, vote_id, a, v, err) < 0)
        return -1;
    if (v->result)
        return err_set(err, E_CONFLICT, "", "表决已结束（%s）",
                       enum_label(VOTE_RESULTS, VOTE_RESULT_LABELS, v->result));
    return 0;
}

int orglife_vote_open(struct db_conn *c, int64_t meeting_id, const struct vote_in *in,
                      const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                      struct err *err)
{
    struct meeting_view m;
    struct orglife_org org;
    struct electorate el = { 0 };
    json_t *ex = json_array();
    char *ex_text = NULL;
    int64_t n, present;
    int rc = -1;

    if (orglife_store_meeting_get(c, meeting_id, a, &m, err) < 0 ||
        orglife_store_org(c, m.org_id, a, &org, err) < 0)
        goto out;
    if (strcmp(m.type, "party_congress") && strcmp(m.type, "committee")) {
        err_set(err, E_CONFLICT, "", "只有支部党员大会或支部委员会会议可以表决");
        goto out;
    }
    if (!strcmp(m.status, "cancelled")) {
        err_set(err, E_CONFLICT, "", "会议已取消");
        goto out;
    }
    if (electorate_load(c, &m, NULL, a, &el, err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nexcluded; i++) {
        const char *why = not_voter(&el, in->excluded[i].person_id);
        if (why) {
            err_set(err, E_INVALID, arena_printf(a, "/excluded/%" PRId64 "/person_id", i), "%s",
                    why);
            goto out;
        }
        json_array_append_new(ex, json_pack("{s:I, s:s}", "person_id",
                                            (json_int_t)in->excluded[i].person_id, "reason",
                                            in->excluded[i].reason));
    }
    el.excluded = json_incref(ex);
    electorate_count(&el, &n, &present);
    if (in->nexcluded)
        ex_text = json_dumps(ex, JSON_COMPACT);
    if (orglife_store_vote_insert(c, org.tenant_id, meeting_id, in, n, ex_text,
                                  auth_actor_user_id(actor), clock_now(), id_out, err) < 0 ||
        vote_audit(c, actor, "meeting.vote_open", *id_out, m.org_id,
                   json_pack("{s:s, s:s, s:s, s:I, s:O}", "subject", in->subject, "kind", in->kind,
                             "method", in->method, "expected_n", (json_int_t)n, "excluded", ex),
                   err) < 0)
        goto out;
    rc = 0;
out:
    free(ex_text);
    json_decref(ex);
    electorate_free(&el);
    return rc;
}

int meeting_vote_open(struct app *app, int64_t meeting_id, const struct vote_in *in,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) == 0 && db_tx_begin(c, err) == 0)
        rc = orglife_vote_open(c, meeting_id, in, actor, &a, id_out, err);
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int meeting_vote_meeting(struct app *app, int64_t vote_id, int64_t *meeting_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = orglife_store_vote_meeting(c, vote_id, meeting_id_out, err);
    db_release(app->db, &c);
    return rc;
}

int meeting_votes(struct app *app, int64_t meeting_id, struct arena *a, struct vote_view **out,
                  int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    *n_out = 0;
    if (db_acquire(app->db, &c, err) < 0 ||
        orglife_store_votes(c, meeting_id, a, out, n_out, err) < 0)
        goto out;
    for (int64_t i = 0; i < *n_out; i++)
        if (orglife_store_voters(c, (*out)[i].id, a, &(*out)[i].voters, &(*out)[i].nvoters, err) <
            0)
            goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int meeting_my_votes(struct app *app, int64_t person_id, struct arena *a, struct vote_mine **out,
                     int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct vote_mine *v;
    int64_t n, kept = 0;
    int rc = -1;

    *n_out = 0;
    if (db_acquire(app->db, &c, err) < 0 ||
        orglife_store_my_votes(c, person_id, a, &v, &n, err) < 0)
        goto out;
    /* Expected is not enough: a 预备党员 or an excluded member has no vote (few rows: one roll
     * read each). */
    for (int64_t i = 0; i < n; i++) {
        struct meeting_view m;
        struct electorate el = { 0 };
        bool voter;

        if (orglife_store_meeting_get(c, v[i].meeting_id, a, &m, err) < 0 ||
            electorate_load(c, &m, v[i].excluded, a, &el, err) < 0) {
            electorate_free(&el);
            goto out;
        }
        voter = !not_voter(&el, person_id);
        electorate_free(&el);
        if (voter)
            v[kept++] = v[i];
    }
    *out = v;
    *n_out = kept;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

/* The ballot's checks against the electorate (see meeting_vote_ballot). */
static int ballot_check(const struct vote_view *v, const struct electorate *el,
                        const struct ballot_in *in, bool self, struct err *err)
{
    const char *why = not_voter(el, in->person_id);
    bool here = attends(el, in->person_id);

    if (why)
        return err_set(err, E_INVALID, "/person_id", "%s", why);
    if (v->paper)
        return err_set(err, E_CONFLICT, "", "本表决已按纸质选票录入计票结果");
    if (!strcmp(in->how, "present") && !here)
        return err_set(err, E_CONFLICT, "/how", "此人未登记到会，不能现场表决；会前可提交书面意见");
    if (!strcmp(in->how, "written") && here)
        return err_set(err, E_CONFLICT, "/how", "此人已到会，应现场表决");
    if (!strcmp(v->method, "secret") && !strcmp(in->how, "present") && !self)
        return err_set(err, E_CONFLICT, "/person_id",
                       "无记名投票须由本人投票，或由计票人录入纸质选票的计票结果");
    return 0;
}

int orglife_vote_ballot(struct db_conn *c, int64_t meeting_id, int64_t vote_id,
                        const struct ballot_in *in, bool self, const struct auth_actor *actor,
                        struct arena *a, struct err *err)
{
    struct meeting_view m;
    struct vote_view v;
    struct electorate el = { 0 };
    bool secret;
    int rc = -1;

    if (vote_load(c, meeting_id, vote_id, a, &m, &v, err) < 0 ||
        electorate_load(c, &m, v.excluded, a, &el, err) < 0 ||
        ballot_check(&v, &el, in, self, err) < 0)
        goto out;
    secret = !strcmp(v.method, "secret") && !strcmp(in->how, "present");
    if (orglife_store_ballot(c, vote_id, in, !secret, err) < 0 ||
        vote_audit(
            c, actor, "meeting.vote_ballot", vote_id, m.org_id,
            secret ? json_pack("{s:I, s:s}", "person_id", (json_int_t)in->person_id, "how", in->how)
                   : json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)in->person_id, "how",
                               in->how, "choice", in->choice),
            err) < 0)
        goto out;
    rc = 0;
out:
    electorate_free(&el);
    return rc;
}

int meeting_vote_ballot(struct app *app, int64_t meeting_id, int64_t vote_id,
                        const struct ballot_in *in, bool self, const struct auth_actor *actor,
                        struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) == 0 && db_tx_begin(c, err) == 0)
        rc = orglife_vote_ballot(c, meeting_id, vote_id, in, self, actor, &a, err);
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int orglife_vote_tally(struct db_conn *c, int64_t meeting_id, int64_t vote_id,
                       const struct tally_in *in, const struct auth_actor *actor, struct arena *a,
                       struct err *err)
{
    struct meeting_view m;
    struct vote_view v;
    struct electorate el = { 0 };
    struct vote_voter *voters;
    int64_t counts[4] = { in->yes, in->no, in->abstain, in->invalid }, n, present, nvoters;
    int rc = -1;

    if (vote_load(c, meeting_id, vote_id, a, &m, &v, err) < 0 ||
        electorate_load(c, &m, v.excluded, a, &el, err) < 0 ||
        orglife_store_voters(c, vote_id, a, &voters, &nvoters, err) < 0)
        goto out;
    if (strcmp(v.method, "secret")) {
        err_set(err, E_CONFLICT, "", "举手表决请逐人登记，不录入纸质选票");
        goto out;
    }
    electorate_count(&el, &n, &present);
    if (in->yes + in->no + in->abstain + in->invalid > present) {
        err_set(err, E_CONFLICT, "/yes", "票数（%" PRId64 "）多于到会有表决权的人数（%" PRId64 "）",
                in->yes + in->no + in->abstain + in->invalid, present);
        goto out;
    }
    for (int64_t i = 0; i < nvoters; i++) {
        if (!strcmp(voters[i].how, "present")) {
            err_set(err, E_CONFLICT, "", "已有党员本人投票，不能再录入纸质选票");
            goto out;
        }
        for (int k = 0; k < 4; k++)
            counts[k] += !strcmp(voters[i].choice, VOTE_CHOICES[k]);
    }
    if (orglife_store_tally(c, vote_id, counts, err) < 0 ||
        vote_audit(c, actor, "meeting.vote_tally", vote_id, m.org_id,
                   json_pack("{s:I, s:I, s:I, s:I}", "yes", (json_int_t)in->yes, "no",
                             (json_int_t)in->no, "abstain", (json_int_t)in->abstain, "invalid",
                             (json_int_t)in->invalid),
                   err) < 0)
        goto out;
    rc = 0;
out:
    electorate_free(&el);
    return rc;
}

int meeting_vote_tally(struct app *app, int64_t meeting_id, int64_t vote_id,
                       const struct tally_in *in, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) == 0 && db_tx_begin(c, err) == 0)
        rc = orglife_vote_tally(c, meeting_id, vote_id, in, actor, &a, err);
    return db_tx_finish(app->db, &c, &a, rc, err);
}

/* Whether count reaches the rule's share of base. */
static bool meets(const struct orglife_vote_rule *r, int64_t count, int64_t base)
{
    return r->strict ? count * r->den > base * r->num : count * r->den >= base * r->num;
}

int orglife_vote_close(struct db_conn *c, int64_t meeting_id, int64_t vote_id,
                       const struct auth_actor *actor, struct arena *a, struct err *err)
{
    struct meeting_view m;
    struct vote_view v;
    struct electorate el = { 0 };
    struct orglife_vote_rule quorum, pass;
    int64_t n, present, in_room;
    const char *result;
    int rc = -1;

    if (vote_load(c, meeting_id, vote_id, a, &m, &v, err) < 0)
        goto out;
    if (strcmp(m.status, "held")) {
        err_set(err, E_CONFLICT, "", "会议尚未登记为已召开，不能结束表决");
        goto out;
    }
    if (electorate_load(c, &m, v.excluded, a, &el, err) < 0 ||
        orglife_store_vote_rule(c, v.kind, "quorum", m.meets_on, a, &quorum, err) < 0 ||
        orglife_store_vote_rule(c, v.kind, "pass", m.meets_on, a, &pass, err) < 0)
        goto out;
    electorate_count(&el, &n, &present);
    in_room = v.yes_n + v.no_n + v.abstain_n + v.invalid_n - v.written_n;
    if (in_room > present) {
        err_set(err, E_CONFLICT, "",
                "现场票数（%" PRId64 "）多于到会有表决权的人数（%" PRId64 "），请核对出席登记",
                in_room, present);
        goto out;
    }
    /* N was fixed when the vote was opened; who attends is read now. */
    n = v.expected_n;
    result = !meets(&quorum, present, n)                                          ? "failed_quorum"
             : meets(&pass, v.yes_n, !strcmp(pass.base, "present") ? present : n) ? "passed"
                                                                                  : "rejected";
    if (orglife_store_vote_close(c, vote_id, present, result, quorum.rule_id, pass.rule_id,
                                 clock_now(), err) < 0 ||
        vote_audit(c, actor, "meeting.vote_close", vote_id, m.org_id,
                   json_pack("{s:s, s:I, s:I, s:I}", "result", result, "expected_n", (json_int_t)n,
                             "present_n", (json_int_t)present, "yes_n", (json_int_t)v.yes_n),
                   err) < 0)
        goto out;
    rc = 0;
out:
    electorate_free(&el);
    return rc;
}

int meeting_vote_close(struct app *app, int64_t meeting_id, int64_t vote_id,
                       const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) == 0 && db_tx_begin(c, err) == 0)
        rc = orglife_vote_close(c, meeting_id, vote_id, actor, &a, err);
    return db_tx_finish(app->db, &c, &a, rc, err);
}
