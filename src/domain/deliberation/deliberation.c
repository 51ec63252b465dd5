/* deliberation.c: the deliberation service: bodies, rosters, meetings, ballots, votes, results
 * and overrides, each write one transaction with its audit row (a vote writes no audit row: the
 * voter list is its record, and an audit row must not carry a choice). Composition and quorum
 * rules are read for the date they apply to (today for a roster change, the meeting's date for
 * opening it and for its quorum). A vote adds to the options' counters in the same transaction
 * as its voter row, so a secret ballot keeps no paper that could be linked to the voter. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/deliberation/deliberation_int.h"

const char *const DELIB_BODY_KINDS[] = { "community_council", "street_assembly", NULL };
const char *const DELIB_BODY_KIND_LABELS[] = { "社区议事会", "街道协商议事会", NULL };
const char *const DELIB_ROLES[] = { "npc_deputy", "cppcc_member", "resident_rep",
                                    "party_rep",  "unit_rep",     NULL };
const char *const DELIB_ROLE_LABELS[] = { "人大代表", "政协委员",     "居民代表",
                                          "党员代表", "驻区单位代表", NULL };
const char *const DELIB_METHODS[] = { "approval", "score", "borda", NULL };
const char *const DELIB_METHOD_LABELS[] = { "赞成票（限选）", "评分", "排序（博尔达计分）", NULL };
const char *const DELIB_BALLOT_STATUSES[] = { "draft", "open", "closed", NULL };
const char *const DELIB_BALLOT_STATUS_LABELS[] = { "准备中", "投票中", "已结束", NULL };
const char *const DELIB_MEETING_STATUSES[] = { "planned", "open", "closed", NULL };
const char *const DELIB_MEETING_STATUS_LABELS[] = { "未开始", "进行中", "已结束", NULL };

/* The composition of body_id's roster on date `on` and what the rules of that date say. */
static int check_roster(struct db_conn *c, int64_t body_id, const char *on, struct arena *a,
                        struct delib_seat **seats_out, int64_t *n_out, struct delib_check *ck,
                        struct err *err)
{
    struct delib_rule party, resident;
    struct delib_seat *s;
    int64_t n;

    if (delib_store_roster(c, body_id, on, a, &s, &n, err) < 0 ||
        delib_store_rule(c, "DELIB-PARTY-SHARE", on, a, &party, err) < 0 ||
        delib_store_rule(c, "DELIB-RESIDENT-MIN", on, a, &resident, err) < 0)
        return -1;
    memset(ck, 0, sizeof(*ck));
    ck->roster = n;
    for (int64_t i = 0; i < n; i++) {
        ck->party += s[i].party;
        ck->residents += strcmp(s[i].role, "resident_rep") == 0;
    }
    delib_rules_composition(&party, &resident, ck, a);
    if (seats_out) {
        *seats_out = s;
        *n_out = n;
    }
    return 0;
}

int deliberation_body_create(struct app *app, const struct delib_body_in *in,
                             const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    const char *path, *type;
    int64_t tenant, id;
    int rc = -1;

    arena_init(a, 2048);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_org(c, in->org_id, a, &tenant, &path, &type, err) < 0)
        goto out;
    if (strcmp(in->kind, "community_council") == 0 ? strcmp(type, "community_committee") != 0
                                                   : strcmp(type, "street") != 0) {
        err_set(err, E_INVALID, "/org_id",
                strcmp(in->kind, "community_council") == 0 ? "社区议事会应设在社区党组织"
                                                           : "街道协商议事会应设在街道党组织");
        goto out;
    }
    if (delib_store_body_insert(c, in, tenant, auth_actor_user_id(actor), clock_now(), &id, err) <
            0 ||
        auth_audit_change(c, actor, "delib.body", "delib_body", id, in->org_id,
                          json_pack("{s:s, s:s}", "kind", in->kind, "name", in->name), err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_bodies(struct app *app, const char *org_path, struct arena *a,
                        struct delib_body **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = delib_store_bodies(c, org_path, today, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int deliberation_body_get(struct app *app, int64_t id, struct arena *a, struct delib_body *out,
                          struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = delib_store_body(c, id, today, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int deliberation_roster(struct app *app, int64_t body_id, const char *on, struct arena *a,
                        struct delib_seat **out, int64_t *n_out, struct delib_check *check_out,
                        struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = check_roster(c, body_id, on ? on : today, a, out, n_out, check_out, err);
    db_release(app->db, &c);
    return rc;
}

/* E_CONFLICT when a roster change dated `on` would reach back to a meeting that has opened:
 * its quorum and votes were counted on the roster of its date, which stays as it was. */
static int roster_frozen(struct db_conn *c, int64_t body_id, const char *on, const char *field,
                         struct arena *a, struct err *err)
{
    const char *held = NULL;

    if (delib_store_held_since(c, body_id, on, a, &held, err) < 0)
        return -1;
    if (held && *held)
        return err_set(err, E_CONFLICT, field,
                       "%s 已开过会，名册在那天及以前不能再变动（请从会后的日期起调整）", held);
    return 0;
}

int deliberation_seat_add(struct app *app, int64_t body_id, const struct delib_seat_in *in,
                          const struct auth_actor *actor, struct arena *out_a, int64_t *id_out,
                          struct delib_check *check_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_body b;
    char today[11];
    bool found;
    int64_t id;
    int rc = -1;

    arena_init(a, 2048);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_body(c, body_id, today, a, &b, err) < 0 ||
        delib_store_person_ok(c, in->person_id, b.tenant_id, b.org_path, err) < 0 ||
        delib_store_seat_overlap(c, body_id, in->person_id, in->joined_on, &found, err) < 0)
        goto out;
    if (found) { /* two seats at once would count one person twice */
        err_set(err, E_CONFLICT, "/person_id", "此人在这段时间已在本议事机构的代表名册中");
        goto out;
    }
    if (roster_frozen(c, body_id, in->joined_on, "/joined_on", a, err) < 0)
        goto out;
    if (delib_store_seat_insert(c, body_id, in, &id, err) < 0 ||
        auth_audit_change(c, actor, "delib.seat", "delib_seat", id, b.org_id,
                          json_pack("{s:I, s:I, s:s, s:s}", "body_id", (json_int_t)body_id,
                                    "person_id", (json_int_t)in->person_id, "role", in->role,
                                    "joined_on", in->joined_on),
                          err) < 0 ||
        check_roster(c, body_id, today, out_a, NULL, NULL, check_out, err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_seat_body(struct app *app, int64_t seat_id, int64_t *body_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar;
    struct delib_seat s;
    int rc;

    arena_init(&ar, 1024);
    if (db_acquire(app->db, &c, err) < 0) {
        arena_release(&ar);
        return -1;
    }
    rc = delib_store_seat(c, seat_id, &ar, &s, err);
    if (rc == 0)
        *body_out = s.body_id;
    db_release(app->db, &c);
    arena_release(&ar);
    return rc;
}

int deliberation_seat_end(struct app *app, int64_t seat_id, const char *left_on,
                          const struct auth_actor *actor, struct arena *out_a,
                          struct delib_check *check_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_seat s;
    struct delib_body b;
    char today[11];
    int rc = -1;

    arena_init(a, 2048);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_seat(c, seat_id, a, &s, err) < 0 ||
        delib_store_body(c, s.body_id, today, a, &b, err) < 0)
        goto out;
    if (s.left_on) {
        err_set(err, E_CONFLICT, "", "该代表已于 %s 退出名册", s.left_on);
        goto out;
    }
    if (strcmp(left_on, s.joined_on) < 0) {
        err_set(err, E_INVALID, "/left_on", "退出日期不能早于加入日期 %s", s.joined_on);
        goto out;
    }
    if (roster_frozen(c, s.body_id, left_on, "/left_on", a, err) < 0 ||
        delib_store_seat_end(c, seat_id, left_on, err) < 0 ||
        auth_audit_change(c, actor, "delib.seat_end", "delib_seat", seat_id, b.org_id,
                          json_pack("{s:s}", "left_on", left_on), err) < 0 ||
        check_roster(c, s.body_id, today, out_a, NULL, NULL, check_out, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

/* ---- meetings ---- */

int deliberation_meeting_create(struct app *app, int64_t body_id, const struct delib_meeting_in *in,
                                const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_body b;
    char today[11];
    int64_t id;
    int rc = -1;

    arena_init(a, 2048);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_body(c, body_id, today, a, &b, err) < 0 ||
        delib_store_meeting_insert(c, body_id, in, auth_actor_user_id(actor), clock_now(), &id,
                                   err) < 0 ||
        auth_audit_change(c, actor, "delib.meeting", "delib_meeting", id, b.org_id,
                          json_pack("{s:I, s:s, s:s}", "body_id", (json_int_t)body_id, "held_on",
                                    in->held_on, "place", in->place),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_meeting_get(struct app *app, int64_t id, struct arena *a,
                             struct delib_meeting *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = delib_store_meeting(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int deliberation_meetings(struct app *app, int64_t body_id, struct arena *a,
                          struct delib_meeting **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = delib_store_meetings(c, body_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int deliberation_presence(struct app *app, int64_t meeting_id, struct arena *a,
                          struct delib_presence **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct delib_meeting m;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (delib_store_meeting(c, meeting_id, a, &m, err) == 0)
        rc = delib_store_presence(c, meeting_id, m.body_id, m.held_on, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int deliberation_presence_set(struct app *app, int64_t meeting_id, int64_t person_id, bool present,
                              const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_meeting m;
    bool found;
    int rc = -1;

    arena_init(a, 2048);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_meeting(c, meeting_id, a, &m, err) < 0 ||
        delib_store_seat_current(c, m.body_id, person_id, m.held_on, &found, err) < 0)
        goto out;
    if (strcmp(m.status, "closed") == 0) {
        err_set(err, E_CONFLICT, "", "会议已结束，不能再登记到会");
        goto out;
    }
    if (!found) {
        err_set(err, E_NOT_FOUND, "/person_id", "此人不在本次会议的代表名册中");
        goto out;
    }
    if ((present ? delib_store_presence_set(c, meeting_id, person_id, "onsite", err)
                 : delib_store_presence_del(c, meeting_id, person_id, err)) < 0 ||
        auth_audit_change(
            c, actor, "delib.presence", "delib_meeting", meeting_id, m.org_id,
            json_pack("{s:I, s:b}", "person_id", (json_int_t)person_id, "present", present),
            err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_meeting_move(struct app *app, int64_t id, const char *action,
                              const struct auth_actor *actor, struct arena *out_a, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_meeting m;
    struct delib_check ck;
    bool open = strcmp(action, "open") == 0;
    int rc = -1;

    UNUSED(out_a);
    arena_init(a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_meeting(c, id, a, &m, err) < 0)
        goto out;
    if (strcmp(m.status, open ? "planned" : "open") != 0) {
        err_set(err, E_CONFLICT, "", open ? "会议已开始或已结束" : "会议尚未开始或已结束");
        goto out;
    }
    if (open) {
        if (check_roster(c, m.body_id, m.held_on, a, NULL, NULL, &ck, err) < 0)
            goto out;
        if (ck.roster == 0) {
            err_set(err, E_CONFLICT, "", "代表名册为空，不能开会");
            goto out;
        }
        if (ck.nwarnings) {
            struct buf_like {
                char s[900];
                size_t n;
            } msg = { "代表构成不符合议事规则，不能开会：", 0 };
            msg.n = strlen(msg.s);
            for (int64_t i = 0; i < ck.nwarnings; i++)
                msg.n += (size_t)snprintf(msg.s + msg.n, sizeof(msg.s) - msg.n, "%s%s",
                                          i ? "；" : "", ck.warnings[i]);
            err_set(err, E_CONFLICT, "", "%s", msg.s);
            goto out;
        }
    }
    if (delib_store_meeting_status(c, id, open ? "open" : "closed", open ? ck.roster : 0, err) <
            0 ||
        (!open && delib_store_meeting_close_ballots(c, id, err) < 0) ||
        auth_audit_change(c, actor, open ? "delib.meeting_open" : "delib.meeting_close",
                          "delib_meeting", id, m.org_id, NULL, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

/* ---- ballots ---- */

/* The ballot's parameters and options against its method; defaults filled in. */
static int ballot_check(struct delib_ballot_in *in, struct err *err)
{
    char field[64];

    if (strcmp(in->method, "score") == 0) {
        if (in->max_score < 1)
            return err_set(err, E_INVALID, "/max_score", "评分表决须填写满分（1 到 100）");
        in->max_choices = in->noptions;
    } else {
        if (!in->max_choices)
            in->max_choices = strcmp(in->method, "borda") == 0 ? in->noptions : 1;
        if (in->max_choices > in->noptions)
            return err_set(err, E_INVALID, "/max_choices", "可选项数不能多于选项数 %" PRId64,
                           in->noptions);
        in->max_score = 0;
    }
    if (!in->budget_fen && !in->winners)
        in->winners = 1;
    if (in->winners > in->noptions)
        return err_set(err, E_INVALID, "/winners", "入选名额不能多于选项数 %" PRId64, in->noptions);
    for (int64_t i = 0; i < in->noptions; i++) {
        const struct delib_option_in *o = &in->options[i];
        if (in->budget_fen && o->cost_fen <= 0) {
            snprintf(field, sizeof(field), "/options/%" PRId64 "/cost_fen", i);
            return err_set(err, E_INVALID, field,
                           "有预算的表决，第 %" PRId64 " 个选项须填写估算费用", i + 1);
        }
        if ((o->ref_kind && *o->ref_kind) != (o->ref_id != 0)) {
            snprintf(field, sizeof(field), "/options/%" PRId64 "/ref_id", i);
            return err_set(err, E_INVALID, field, "关联记录的类别和编号须同时填写");
        }
        for (int64_t j = 0; j < i; j++)
            if (strcmp(in->options[j].title, o->title) == 0) {
                snprintf(field, sizeof(field), "/options/%" PRId64 "/title", i);
                return err_set(err, E_INVALID, field, "选项“%s”重复", o->title);
            }
    }
    return 0;
}

int deliberation_ballot_create(struct app *app, int64_t meeting_id,
                               const struct delib_ballot_in *in0, const struct auth_actor *actor,
                               int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_ballot_in in = *in0;
    struct delib_meeting m;
    int64_t id;
    int rc = -1;

    arena_init(a, 2048);
    if (ballot_check(&in, err) < 0 || db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_meeting(c, meeting_id, a, &m, err) < 0)
        goto out;
    if (strcmp(m.status, "closed") == 0) {
        err_set(err, E_CONFLICT, "", "会议已结束，不能再设表决");
        goto out;
    }
    if (delib_store_ballot_insert(c, meeting_id, &in, auth_actor_user_id(actor), clock_now(), &id,
                                  err) < 0 ||
        delib_store_options_insert(c, id, &in, err) < 0 ||
        auth_audit_change(c, actor, "delib.ballot", "delib_poll", id, m.org_id,
                          json_pack("{s:s, s:s, s:I, s:I}", "title", in.title, "method", in.method,
                                    "options", (json_int_t)in.noptions, "budget_fen",
                                    (json_int_t)in.budget_fen),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_ballot_options_set(struct app *app, int64_t ballot_id,
                                    const struct delib_ballot_in *in0,
                                    const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_ballot_in in = *in0;
    struct delib_ballot b;
    int rc = -1;

    arena_init(a, 2048);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_ballot(c, ballot_id, a, &b, err) < 0)
        goto out;
    if (strcmp(b.status, "draft") != 0) {
        err_set(err, E_CONFLICT, "", "投票已开始，选项已固定，不能修改");
        goto out;
    }
    in.method = arena_strdup(a, b.method);
    in.max_choices = b.max_choices > in.noptions ? 0 : b.max_choices;
    in.max_score = b.max_score;
    in.winners = b.winners > in.noptions ? in.noptions : b.winners;
    in.budget_fen = b.budget_fen;
    if (ballot_check(&in, err) < 0 || delib_store_options_delete(c, ballot_id, err) < 0 ||
        delib_store_options_insert(c, ballot_id, &in, err) < 0 ||
        auth_audit_change(c, actor, "delib.options", "delib_poll", ballot_id, b.org_id,
                          json_pack("{s:I}", "options", (json_int_t)in.noptions), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_ballot_get(struct app *app, int64_t id, struct arena *a, struct delib_ballot *out,
                            struct delib_option **opts_out, int64_t *nopts_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (delib_store_ballot(c, id, a, out, err) == 0)
        rc = opts_out ? delib_store_options(c, id, a, opts_out, nopts_out, err) : 0;
    db_release(app->db, &c);
    return rc;
}

int deliberation_ballots(struct app *app, int64_t meeting_id, struct arena *a,
                         struct delib_ballot **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = delib_store_ballots(c, meeting_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int deliberation_ballot_move(struct app *app, int64_t id, const char *action,
                             const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_ballot b;
    struct delib_meeting m;
    bool open = strcmp(action, "open") == 0;
    int rc = -1;

    arena_init(a, 2048);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_ballot(c, id, a, &b, err) < 0 ||
        delib_store_meeting(c, b.meeting_id, a, &m, err) < 0)
        goto out;
    if (open && strcmp(m.status, "open") != 0) {
        err_set(err, E_CONFLICT, "", "会议开始后才能开始投票");
        goto out;
    }
    if (strcmp(b.status, open ? "draft" : "open") != 0) {
        err_set(err, E_CONFLICT, "", open ? "表决已开始或已结束" : "表决尚未开始或已结束");
        goto out;
    }
    if (delib_store_ballot_status(c, id, b.status, open ? "open" : "closed", err) < 0 ||
        auth_audit_change(c, actor, open ? "delib.ballot_open" : "delib.ballot_close", "delib_poll",
                          id, b.org_id, NULL, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_vote(struct app *app, int64_t ballot_id, int64_t person_id,
                      const struct delib_vote_in *in, const struct auth_actor *actor,
                      struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_ballot b;
    struct delib_option *o;
    int64_t n, *value;
    bool found;
    int rc = -1;

    UNUSED(actor);
    arena_init(a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_ballot(c, ballot_id, a, &b, err) < 0)
        goto out;
    if (strcmp(b.status, "open") != 0) {
        err_set(err, E_CONFLICT, "",
                strcmp(b.status, "closed") == 0 ? "表决已结束，不能再投票" : "表决尚未开始投票");
        goto out;
    }
    /* The ballot's row carries its meeting's body and date: no meeting read (and none of its
     * roster counts) on the hot path. */
    if (delib_store_seat_current(c, b.body_id, person_id, b.held_on, &found, err) < 0)
        goto out;
    if (!found) {
        err_set(err, E_FORBIDDEN, "", "您不在本议事机构的代表名册中，不能参加表决");
        goto out;
    }
    if (delib_store_options(c, ballot_id, a, &o, &n, err) < 0)
        goto out;
    value = arena_alloc(a, sizeof(*value) * (size_t)(n ? n : 1));
    if (delib_rules_vote(&b, o, n, in, value, err) < 0 ||
        delib_store_voter_insert(c, ballot_id, person_id, clock_now(), err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        if (value[i] && delib_store_option_add(c, b.method, o[i].id, value[i], err) < 0)
            goto out;
        if (!b.secret) {
            bool chosen = false;
            for (int64_t j = 0; j < in->nchoices; j++)
                chosen |= in->choices[j].option_id == o[i].id;
            if (chosen &&
                delib_store_choice_insert(c, ballot_id, person_id, o[i].id, value[i], err) < 0)
                goto out;
        }
    }
    /* Voting online counts as present; one marked on site stays so. */
    if (delib_store_presence_set(c, b.meeting_id, person_id, "online", err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

/* ---- results ---- */

static int64_t option_value(const char *method, const struct delib_option *o)
{
    return !strcmp(method, "approval") ? o->approvals
           : !strcmp(method, "score")  ? o->score_sum
                                       : o->borda_points;
}

int deliberation_ballot_result(struct app *app, int64_t ballot_id, struct arena *a,
                               struct delib_result *r, struct err *err)
{
    struct db_conn *c = NULL;
    struct delib_ballot b;
    struct delib_option *o;
    struct delib_rule q;
    int64_t n, *pos;
    char line[300];
    int rc = -1;

    memset(r, 0, sizeof(*r));
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (delib_store_ballot(c, ballot_id, a, &b, err) < 0 ||
        delib_store_options(c, ballot_id, a, &o, &n, err) < 0 ||
        delib_store_present_count(c, b.meeting_id, b.body_id, b.held_on, &r->present, &r->roster,
                                  err) < 0 ||
        delib_store_rule(c, "DELIB-QUORUM", b.held_on, a, &q, err) < 0)
        goto out;
    r->ballot_id = ballot_id;
    r->method = b.method;
    r->status = b.status;
    r->voters = b.voters;
    r->budget_fen = b.budget_fen;
    r->quorum_met = delib_rules_quorum(&q, r->present, r->roster);
    r->tally = arena_alloc(a, sizeof(*r->tally) * (size_t)(n ? n : 1));
    pos = arena_alloc(a, sizeof(*pos) * (size_t)(n ? n : 1));
    snprintf(line, sizeof(line),
             "到会 %" PRId64 " 人，代表名册 %" PRId64 " 人；%s 要求到会不少于 %" PRId64 "/%" PRId64
             "：%s",
             r->present, r->roster, q.rule_id, q.num, q.den,
             r->quorum_met ? "达到法定人数"
                           : "未达到法定人数，会议不能形成有效决定，不产生入选结果");
    r->lines = arena_alloc(a, sizeof(*r->lines));
    r->lines[0] = arena_strdup(a, line);
    r->nlines = 1;
    /* While a ballot is open nothing of its tally is shown: watching it move after each vote
     * would tell who chose what. */
    if (strcmp(b.status, "closed") != 0) {
        r->lines[0] =
            strcmp(b.status, "open") == 0 ? "投票进行中，结束后公布计票结果" : "表决尚未开始";
        rc = 0;
        goto out;
    }
    for (int64_t i = 0; i < n; i++) {
        r->tally[i] = (struct delib_tally){ .option_id = o[i].id,
                                            .ref_id = o[i].ref_id,
                                            .cost_fen = o[i].cost_fen,
                                            .value = option_value(b.method, &o[i]),
                                            .title = o[i].title,
                                            .ref_kind = o[i].ref_kind };
        pos[i] = o[i].pos;
    }
    r->ntally = n;
    delib_rules_select(r, pos, b.winners, a);
    if (b.override_ids && r->quorum_met) {
        const char *p = b.override_ids;
        r->overridden = true;
        r->override_reason = b.override_reason;
        r->nselected = 0;
        r->spent_fen = 0;
        for (int64_t i = 0; i < n; i++)
            r->tally[i].selected = false;
        while (*p) {
            char *end;
            int64_t id = strtoll(p, &end, 10);
            if (end == p)
                break;
            for (int64_t i = 0; i < n; i++)
                if (r->tally[i].option_id == id) {
                    r->tally[i].selected = true;
                    r->selected_ids[r->nselected] = id;
                    r->selected_refs[r->nselected++] = r->tally[i].ref_id;
                    if (r->tally[i].cost_fen > 0)
                        r->spent_fen += r->tally[i].cost_fen;
                }
            p = *end == ',' ? end + 1 : end;
        }
        snprintf(line, sizeof(line), "入选名单经管理员改定，理由：%s", b.override_reason);
        const char **v = arena_alloc(a, sizeof(*v) * (size_t)(r->nlines + 1));
        memcpy(v, r->lines, sizeof(*v) * (size_t)r->nlines);
        v[r->nlines++] = arena_strdup(a, line);
        r->lines = v;
    }
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int deliberation_ballot_override(struct app *app, int64_t ballot_id, const int64_t *ids,
                                 int64_t nids, const char *reason, const struct auth_actor *actor,
                                 struct err *err)
{
    struct db_conn *c = NULL;
    struct arena ar, *a = &ar;
    struct delib_ballot b;
    struct delib_option *o;
    struct delib_rule q;
    int64_t n, present, roster;
    char *list;
    size_t len = 0;
    int rc = -1;

    arena_init(a, 4096);
    list = arena_alloc(a, (size_t)nids * 21 + 1);
    list[0] = '\0';
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        delib_store_ballot(c, ballot_id, a, &b, err) < 0 ||
        delib_store_options(c, ballot_id, a, &o, &n, err) < 0 ||
        delib_store_present_count(c, b.meeting_id, b.body_id, b.held_on, &present, &roster, err) <
            0 ||
        delib_store_rule(c, "DELIB-QUORUM", b.held_on, a, &q, err) < 0)
        goto out;
    if (strcmp(b.status, "closed") != 0) {
        err_set(err, E_CONFLICT, "", "表决结束后才能改定入选名单");
        goto out;
    }
    if (!delib_rules_quorum(&q, present, roster)) {
        err_set(err, E_CONFLICT, "", "会议未达到法定人数，没有可改定的入选结果");
        goto out;
    }
    for (int64_t i = 0; i < nids; i++) {
        bool on = false;
        char field[48];
        for (int64_t k = 0; k < n; k++)
            on |= o[k].id == ids[i];
        for (int64_t j = 0; j < i; j++)
            on &= ids[j] != ids[i];
        if (!on) {
            snprintf(field, sizeof(field), "/option_ids/%" PRId64 "/id", i);
            err_set(err, E_INVALID, field, "第 %" PRId64 " 项不是本次表决的选项或重复", i + 1);
            goto out;
        }
        len += (size_t)snprintf(list + len, 22, "%s%" PRId64, i ? "," : "", ids[i]);
    }
    if (delib_store_override(c, ballot_id, list, reason, auth_actor_user_id(actor), clock_now(),
                             err) < 0 ||
        auth_audit_change(c, actor, "delib.override", "delib_poll", ballot_id, b.org_id,
                          json_pack("{s:s, s:s}", "selected", list, "reason", reason), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, a, rc, err);
}

int deliberation_my_ballots(struct app *app, int64_t person_id, struct arena *a,
                            struct delib_my_ballot **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = delib_store_my_ballots(c, person_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}
