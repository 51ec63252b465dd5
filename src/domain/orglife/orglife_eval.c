/* orglife_eval.c: 民主评议党员 (RULES.md §5): opening a branch's round for a year with its
 * subjects from the roster on the round's date, recording each subject's self-evaluation, peer
 * totals and the grades people decided, the warnings of rules that flag (EVAL-QUOTA,
 * EVAL-BASIC, EVAL-FAIL) and a person's history. It never picks or suggests a grade. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/orglife/orglife_eval_int.h"

const char *const EVAL_GRADES[] = { "excellent", "qualified", "basic", "unqualified", NULL };
const char *const EVAL_GRADE_LABELS[] = { "优秀", "合格", "基本合格", "不合格", NULL };
const char *const EVAL_GRADE_SETS[] = { "four", "three", NULL };
const char *const EVAL_GRADE_SET_LABELS[] = { "四个等次（优秀、合格、基本合格、不合格）",
                                              "三个等次（优秀、合格、不合格）", NULL };

static const char *const BRANCH_TYPES[] = { "branch", "joint_branch", "mobile_branch",
                                            "general_branch" };

static bool is_branch(const char *type)
{
    for (size_t i = 0; i < ARRAY_LEN(BRANCH_TYPES); i++)
        if (!strcmp(type, BRANCH_TYPES[i]))
            return true;
    return false;
}

/* Whether code is one of the ",a,b,c," list of a grade set. */
static bool grade_in(const char *grades, const char *code)
{
    char key[40];

    snprintf(key, sizeof(key), ",%s,", code);
    return strstr(grades, key) != NULL;
}

static bool same_text(const char *x, const char *y)
{
    return (!x || !*x) ? (!y || !*y) : (y && !strcmp(x, y));
}

/* The round's date: held_on as given (within the year or the first half of the next, not in
 * the future), else today for this year and 12-31 for a past one. */
static int round_date(const struct eval_round_in *in, char out[11], struct err *err)
{
    char today[11], lo[24], hi[24];
    int this_year, m, d;

    clock_today(today);
    date_parse(today, &this_year, &m, &d);
    if (in->year > this_year)
        return err_set(err, E_INVALID, "/year", "不能为尚未到来的年度开展民主评议");
    if (!in->held_on) {
        if (in->year == this_year)
            memcpy(out, today, 11);
        else
            snprintf(out, 11, "%04d-12-31", (int)in->year);
        return 0;
    }
    snprintf(lo, sizeof(lo), "%04d-01-01", (int)in->year);
    snprintf(hi, sizeof(hi), "%04d-06-30", (int)in->year + 1);
    if (strcmp(in->held_on, lo) < 0 || strcmp(in->held_on, hi) > 0)
        return err_set(err, E_INVALID, "/held_on", "评议日期应在评议年度内或次年上半年");
    if (strcmp(in->held_on, today) > 0)
        return err_set(err, E_INVALID, "/held_on", "评议日期不能晚于今天");
    memcpy(out, in->held_on, 11);
    return 0;
}

/* The org checks of a new round: branch-level, alive on the date, a meeting of its own. */
static int round_check(struct db_conn *c, const struct eval_round_in *in,
                       const struct orglife_org *org, const char *held_on, struct err *err)
{
    int64_t meeting_org;

    if (!is_branch(org->type))
        return err_set(err, E_INVALID, "/org_id", "民主评议党员以党支部（党总支）为单位开展");
    if ((org->founded_on && strcmp(held_on, org->founded_on) < 0) ||
        (org->dissolved_on && strcmp(held_on, org->dissolved_on) >= 0))
        return err_set(err, E_CONFLICT, "/held_on", "%s在评议日期不存在", org->name);
    if (!in->meeting_id)
        return 0;
    if (eval_store_meeting_org(c, in->meeting_id, "/meeting_id", &meeting_org, err) < 0)
        return -1;
    if (meeting_org != org->id)
        return err_set(err, E_INVALID, "/meeting_id", "会议不是%s召开的", org->name);
    return 0;
}

static int eval_audit(struct db_conn *c, const struct auth_actor *actor, const char *action,
                      int64_t id, int64_t org_id, json_t *before, json_t *after, struct err *err)
{
    char digest[65];
    struct audit_entry e = auth_audit_entry(actor, action, "eval_round", id, org_id);

    audit_change_digest(before, after, digest);
    e.digest = digest;
    return audit_append(c, &e, err);
}

int eval_subjects_add(struct db_conn *c, int64_t round_id, int64_t org_id, const char *date,
                      struct arena *a, int64_t *n_out, struct err *err)
{
    struct orglife_roll_row *roll;
    int64_t now = clock_now();

    if (orglife_store_roll(c, org_id, "party_congress", date, a, &roll, n_out, err) < 0)
        return -1;
    for (int64_t i = 0; i < *n_out; i++)
        if (eval_store_subject_insert(c, round_id, roll[i].person_id,
                                      !strcmp(roll[i].status, "probationary"), now, err) < 0)
            return -1;
    return 0;
}

int eval_round_create(struct app *app, const struct eval_round_in *in,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct orglife_org org;
    struct eval_rule_row rule;
    char held_on[11];
    struct arena a;
    int64_t n;
    int rc = -1;

    arena_init(&a, 4096);
    if (round_date(in, held_on, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0 || orglife_store_org(c, in->org_id, &a, &org, err) < 0 ||
        round_check(c, in, &org, held_on, err) < 0 ||
        eval_store_rule(c, in->grade_set, held_on, &a, &rule, err) < 0 ||
        eval_store_round_insert(c, &org, in, held_on, rule.id, auth_actor_user_id(actor),
                                clock_now(), id_out, err) < 0 ||
        eval_subjects_add(c, *id_out, org.id, held_on, &a, &n, err) < 0 ||
        eval_audit(c, actor, "eval.create", *id_out, org.id, NULL,
                   json_pack("{s:I, s:s, s:s, s:I}", "year", (json_int_t)in->year, "held_on",
                             held_on, "grade_set", rule.grade_set, "subjects", (json_int_t)n),
                   err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

static void warn(struct eval_round_view *v, struct arena *a, const char *rule_id,
                 const char *message)
{
    struct orglife_warning *w = arena_alloc(a, sizeof(*w) * (size_t)(v->nwarnings + 1));

    if (v->nwarnings)
        memcpy(w, v->warnings, sizeof(*w) * (size_t)v->nwarnings);
    w[v->nwarnings++] = (struct orglife_warning){ rule_id, message };
    v->warnings = w;
}

/* The warnings of the round as recorded so far: the 优秀 share (proposed or final) over the
 * advisory quota, 基本合格 without improvement measures, 不合格 to be handled by the org. */
static void round_warnings(struct eval_round_view *v, struct arena *a)
{
    int64_t proposed = 0, final = 0;

    for (int64_t i = 0; i < v->nsubjects; i++) {
        const struct eval_subject_view *s = &v->subjects[i];

        proposed += s->proposed_grade && !strcmp(s->proposed_grade, "excellent");
        final += s->final_grade && !strcmp(s->final_grade, "excellent");
        if (s->final_grade && !strcmp(s->final_grade, "basic") && same_text(s->note, NULL))
            warn(v, a, "EVAL-BASIC",
                 arena_printf(a, "%s评为基本合格，请写明存在的不足和整改措施", s->name));
        if (s->final_grade && !strcmp(s->final_grade, "unqualified"))
            warn(v, a, "EVAL-FAIL",
                 arena_printf(a, "%s评为不合格：经教育仍不改正的，由党组织按规定处置", s->name));
    }
    if (final * v->quota_den > v->graded_n * v->quota_num)
        warn(v, a, "EVAL-QUOTA",
             arena_printf(a,
                          "评为优秀的有 %" PRId64 " 人，超过正式党员 %" PRId64 " 人的 %" PRId64
                          "/%" PRId64 "（地方做法，仅作提示，由支部决定）",
                          final, v->graded_n, v->quota_num, v->quota_den));
    else if (proposed * v->quota_den > v->graded_n * v->quota_num)
        warn(v, a, "EVAL-QUOTA",
             arena_printf(a,
                          "建议评为优秀的有 %" PRId64 " 人，超过正式党员 %" PRId64 " 人的 %" PRId64
                          "/%" PRId64 "（地方做法，仅作提示，由支部决定）",
                          proposed, v->graded_n, v->quota_num, v->quota_den));
}

int eval_round_get(struct app *app, int64_t id, struct arena *a, struct eval_round_view *out,
                   struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = eval_store_round_get(c, id, a, out, err) < 0 ||
                 eval_store_subjects(c, id, a, &out->subjects, &out->nsubjects, err) < 0
             ? -1
             : 0;
    db_release(app->db, &c);
    if (rc == 0)
        round_warnings(out, a);
    return rc;
}

int eval_round_list(struct app *app, const char *path, int64_t year, int64_t page, int64_t size,
                    struct arena *a, struct eval_round_view **out, int64_t *n_out,
                    int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = eval_store_round_page(c, path, year, page, size, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}

/* The rules a subject's record must pass (RULES.md §5); the grades themselves are people's. */
static int subject_check(struct db_conn *c, const struct eval_round_view *r,
                         const struct eval_subject_view *cur, const struct eval_subject_in *in,
                         struct err *err)
{
    const char *const fields[] = { "/proposed_grade", "/final_grade" };
    const char *const grades[] = { in->proposed_grade, in->final_grade };
    int64_t meeting_org;

    for (size_t i = 0; i < ARRAY_LEN(grades); i++) {
        if (!grades[i])
            continue;
        if (cur->probationary)
            return err_set(err, E_CONFLICT, fields[i],
                           "预备党员参加民主评议，但不评定等次（EVAL-PROBATION）");
        if (!grade_in(r->grades, grades[i]))
            return err_set(err, E_INVALID, fields[i], "本轮评议不使用该等次");
    }
    if (in->peer.basic && !grade_in(r->grades, "basic"))
        return err_set(err, E_INVALID, "/peer/basic", "本轮评议不使用基本合格等次");
    if (in->final_grade && !strcmp(in->final_grade, "unqualified") && same_text(in->note, NULL))
        return err_set(err, E_INVALID, "/note", "评定为不合格的，须写明整改措施（EVAL-FAIL）");
    if (!in->meeting_id || in->meeting_id == cur->final_meeting_id)
        return 0;
    if (eval_store_meeting_org(c, in->meeting_id, "/meeting_id", &meeting_org, err) < 0)
        return -1;
    if (meeting_org != r->org_id)
        return err_set(err, E_INVALID, "/meeting_id", "会议不是%s召开的", r->org_name);
    return 0;
}

static json_t *subject_json(const char *proposed, const char *final, int64_t meeting_id,
                            const struct eval_tally *t)
{
    return json_pack("{s:s?, s:s?, s:I, s:[I,I,I,I]}", "proposed_grade", proposed, "final_grade",
                     final, "meeting_id", (json_int_t)meeting_id, "peer", (json_int_t)t->excellent,
                     (json_int_t)t->qualified, (json_int_t)t->basic, (json_int_t)t->unqualified);
}

int eval_subject_set(struct app *app, int64_t round_id, int64_t person_id,
                     const struct eval_subject_in *in, const struct auth_actor *actor,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct eval_round_view r;
    struct eval_subject_view cur;
    struct arena a;
    bool decided;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        eval_store_round_get(c, round_id, &a, &r, err) < 0 ||
        eval_store_subject_get(c, round_id, person_id, &a, &cur, err) < 0 ||
        subject_check(c, &r, &cur, in, err) < 0)
        goto out;
    decided = !same_text(in->final_grade, cur.final_grade) ||
              (in->final_grade && in->meeting_id != cur.final_meeting_id);
    if (eval_store_subject_update(c, round_id, person_id, in, decided, auth_actor_user_id(actor),
                                  clock_now(), err) < 0 ||
        eval_store_touch(c, round_id, clock_now(), err) < 0 ||
        eval_audit(
            c, actor, "eval.subject", round_id, r.org_id,
            subject_json(cur.proposed_grade, cur.final_grade, cur.final_meeting_id, &cur.peer),
            subject_json(in->proposed_grade, in->final_grade, in->meeting_id, &in->peer), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int eval_subject_get(struct app *app, int64_t round_id, int64_t person_id, struct arena *a,
                     struct eval_subject_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = eval_store_subject_get(c, round_id, person_id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int eval_member_history(struct app *app, int64_t person_id, struct arena *a,
                        struct eval_subject_view **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = eval_store_history(c, person_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int eval_member_person(struct app *app, int64_t member_id, int64_t *person_out, int64_t *org_out,
                       struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = eval_store_member(c, member_id, person_out, org_out, err);
    db_release(app->db, &c);
    return rc;
}
