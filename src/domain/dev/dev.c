/* dev.c: the member-development service: applications (step 1), recording steps 2-25 and what
 * a step changes (the case's stage and status, the roster on admission and 转正), each write
 * one transaction with its audit row. Every rule is evaluated by dev_rules.c on the rows in
 * force on the step's date; this file gathers the facts the rules look at and stores their
 * findings. Reads (timeline, pipeline, rules in force) are in dev_read.c. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/idcard.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/dev/dev_int.h"
#include "domain/members/members.h"
#include "domain/orglife/orglife.h"

const char *const DEV_STATUSES[] = { "applicant", "activist",  "candidate", "probationary",
                                     "full",      "cancelled", NULL };
const char *const DEV_STATUS_LABELS[] = { "入党申请人", "入党积极分子", "发展对象", "预备党员",
                                          "正式党员",   "已终止",       NULL };
const char *const DEV_DECISIONS[] = { "passed",  "failed", "approved", "rejected",
                                      "on_time", "extend", "cancel",   NULL };
const char *const DEV_DECISION_LABELS[] = {
    "合格", "不合格", "同意", "不同意", "按期转正", "延长预备期", "取消预备党员资格", NULL
};
const char *const DEV_STAGE_LABELS[] = { "",
                                         "申请入党",
                                         "入党积极分子的确定和培养教育",
                                         "发展对象的确定和考察",
                                         "预备党员的接收",
                                         "预备党员的教育考察和转正",
                                         NULL };

/* The decisions a step takes (NULL: none). */
static const char *const *step_decisions(int64_t step)
{
    static const char *const review[] = { "passed", "failed", NULL };
    static const char *const approve[] = { "approved", "rejected", NULL };
    static const char *const conv[] = { "on_time", "extend", "cancel", NULL };

    return step == 10 ? review : step == 17 || step == 24 ? approve : step == 23 ? conv : NULL;
}

static bool in_list(const char *const *list, const char *s)
{
    for (; list && *list; list++)
        if (s && !strcmp(*list, s))
            return true;
    return false;
}

/* Syntax the field spec cannot say: the decision of the step, its numbers and people. */
static int step_input_check(const struct dev_step_in *in, struct err *err)
{
    const char *const *d = step_decisions(in->step);

    if (d && !in_list(d, in->decision)) {
        char list[120] = "";
        size_t n = 0;
        for (; *d; d++)
            n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", n ? "、" : "",
                                  enum_label(DEV_DECISIONS, DEV_DECISION_LABELS, *d));
        return err_set(err, E_INVALID, "/decision", "第%" PRId64 "步的决定须为：%s", in->step,
                       list);
    }
    if (!d && in->decision)
        return err_set(err, E_INVALID, "/decision", "第%" PRId64 "步没有决定事项", in->step);
    if (in->step == 23 && !strcmp(in->decision, "extend") && !in->extend_months)
        return err_set(err, E_INVALID, "/extend_months", "延长预备期须填写延长的月数");
    if (in->extend_months && (in->step != 23 || strcmp(in->decision, "extend")))
        return err_set(err, E_INVALID, "/extend_months", "只有延长预备期的决定填写延长月数");
    if ((in->step == 5 || in->step == 9) && !in->npeople)
        return err_set(err, E_INVALID, "/people", "请选择%s",
                       in->step == 5 ? "培养联系人" : "入党介绍人");
    if (in->step != 5 && in->step != 9 && in->npeople)
        return err_set(err, E_INVALID, "/people", "第%" PRId64 "步不指定人员", in->step);
    if ((in->step == 15 || in->step == 23) && !in->vote_id)
        return err_set(err, E_INVALID, "/vote_id", "请关联支部党员大会的表决");
    if (in->step == 11 && !in->training_days && !in->training_hours)
        return err_set(err, E_INVALID, "/training_hours", "请填写集中培训的天数或学时");
    return 0;
}

/* The findings as stored (JSON text from a): [{rule, version, severity, result, message,
 * inputs, value?}]. */
static const char *findings_json(const struct dev_finding *f, size_t n, struct arena *a)
{
    json_t *arr = json_array();
    char *s, *out;

    for (size_t i = 0; i < n; i++) {
        json_t *in = json_object();
        for (int k = 0; k < DEV_INPUTS_MAX && f[i].in_k[k]; k++)
            json_object_set_new(in, f[i].in_k[k], jstr(f[i].in_v[k][0] ? f[i].in_v[k] : NULL));
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "rule", f[i].rule_id, "version",
                              f[i].rule_set, "severity", f[i].severity, "result", f[i].result,
                              "message", f[i].message, "inputs", in);
        if (f[i].value)
            json_object_set_new(o, "value", jstr(f[i].value));
        json_array_append_new(arr, o);
    }
    s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    out = arena_strdup(a, s);
    free(s);
    return out;
}

/* Refuses with every blocking finding. */
static int refuse(const struct dev_finding *f, size_t n, struct arena *a, struct err *err)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f[i].result, "block"))
            err_rule_add(err, a, f[i].rule_id, f[i].message);
    return -1;
}

/* Name, gender, birth date and ID number as the roster normalizes and checks them
 * (member_normalize: full-width input, 男/女/m/f, the ID number's check digit and region, birth
 * date and gender agreeing with it, or taken from it when not given). */
static int applicant_normalize(struct app *app, struct dev_applicant_in *in, struct arena *a,
                               struct err *err)
{
    struct member_in m = { .name = in->name,
                           .gender = in->gender,
                           .birth_date = in->birth_date,
                           .id_number = in->id_number };

    if (member_normalize(app, &m, a, err) < 0)
        return -1;
    if (!m.birth_date || !m.gender)
        return err_set(err, E_INVALID, m.birth_date ? "/gender" : "/birth_date",
                       "身份证号中没有%s，请填写", m.birth_date ? "性别" : "出生日期");
    in->name = m.name, in->gender = m.gender, in->birth_date = m.birth_date;
    in->id_number = m.id_number;
    return 0;
}

int dev_applicant_write(struct db_conn *c, const struct dev_applicant_in *in, const char *today,
                        const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                        struct err *err)
{
    struct dev_org_ref org;
    struct dev_rule *rules;
    struct dev_finding *f;
    struct dev_step_in step1 = { 0 };
    struct dev_facts facts = { 0 };
    struct dev_case cs = { 0 };
    struct member_in m = { 0 };
    struct member_match match;
    size_t nr, nf;
    bool taken;
    int64_t now = clock_now(), uid = auth_actor_user_id(actor), step_id;

    if (dev_store_org(c, in->org_id, a, &org, err) < 0)
        return -1;
    if (org.dissolved_on || !strcmp(org.type, "group"))
        return err_set(err, E_INVALID, "/org_id", "%s不能受理入党申请（%s）", org.name,
                       org.dissolved_on ? "已撤销" : "党小组");
    m.id_number = in->id_number;
    if (dev_store_id_taken(c, in->id_number, &taken, err) < 0 ||
        member_match_id_number(c, &m, a, &match, err) < 0)
        return -1;
    if (taken || match.member_id)
        return err_set(err, E_CONFLICT, "/id_number", "%s",
                       taken ? "该身份证号已有入党申请记录" : "该身份证号已登记为党员");
    step1.step = 1;
    step1.date = in->applied_on;
    facts.today = today;
    cs.birth_date = in->birth_date;
    cs.applied_on = in->applied_on;
    cs.status = "applicant";
    if (dev_rules_load(c, org.path, a, &rules, &nr, err) < 0)
        return -1;
    if (dev_rules_check(rules, nr, &cs, &step1, &facts, a, &f, &nf))
        return refuse(f, nf, a, err);
    char keyed[SEAL_INDEX_CHARS + 1]; /* the ID number in the digest: keyed, like the roster's */
    return dev_store_applicant_insert(c, in, &org, match.person_id, uid, now, id_out, err) < 0 ||
                   dev_store_step_insert(c, *id_out, &step1, org.id, findings_json(f, nf, a), NULL,
                                         uid, now, &step_id, err) < 0 ||
                   auth_audit_change(c, actor, "dev.apply", "dev_applicant", *id_out, org.id,
                                     json_pack("{s:s, s:s, s:s, s:I}", "name", in->name,
                                               "id_number", seal_index(in->id_number, keyed),
                                               "applied_on", in->applied_on, "org_id",
                                               (json_int_t)org.id),
                                     err) < 0
               ? -1
               : 0;
}

int dev_applicant_create(struct app *app, struct dev_applicant_in *in,
                         const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                         struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc = -1;

    clock_today(today);
    if (applicant_normalize(app, in, a, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0 || dev_applicant_write(c, in, today, actor, a, id_out, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

/* The people named by the step, looked up on the roster before the transaction. */
static int people_facts(struct app *app, const struct dev_step_in *in, struct arena *a,
                        struct dev_person_fact **out, const char ***ids_out, struct err *err)
{
    struct dev_person_fact *p =
        in->npeople ? arena_alloc(a, (size_t)in->npeople * sizeof(*p)) : NULL;
    const char **ids = in->npeople ? arena_alloc(a, (size_t)in->npeople * sizeof(*ids)) : NULL;

    for (int64_t i = 0; i < in->npeople; i++) {
        struct member_view v;
        p[i] = (struct dev_person_fact){ in->people[i].member_id, "", NULL, false };
        ids[i] = NULL;
        if (member_get(app, in->people[i].member_id, a, &v, err) < 0) {
            if (err->code != E_NOT_FOUND)
                return -1;
            err_clear(err);
            continue;
        }
        p[i].name = v.name;
        p[i].status = v.status;
        ids[i] = v.id_number;
    }
    *out = p;
    *ids_out = ids;
    return 0;
}

/* The linked vote (steps 15 and 23), looked up before the transaction. */
static int vote_facts(struct app *app, int64_t vote_id, struct arena *a, struct dev_facts *f,
                      int64_t *org_out, struct err *err)
{
    struct meeting_view m;
    struct vote_view *v;
    int64_t mid, n;

    *org_out = 0;
    if (!vote_id)
        return 0;
    if (meeting_vote_meeting(app, vote_id, &mid, err) < 0 ||
        meeting_get(app, mid, a, &m, err) < 0 || meeting_votes(app, mid, a, &v, &n, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        return 0;
    }
    for (int64_t i = 0; i < n; i++)
        if (v[i].id == vote_id) {
            f->vote_found = true;
            f->vote_kind = v[i].kind;
            f->vote_result = v[i].result;
            f->vote_date = m.meets_on;
            *org_out = m.org_id;
        }
    return 0;
}

/* What a step changes on the case, as it was before the step (dev_step.prior), so a step
 * withdrawn puts it back. */
static const char *prior_json(const struct dev_applicant_view *v, struct arena *a)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s?, s:s?, s:I}", "stage", (json_int_t)v->stage,
                          "last_step", (json_int_t)v->last_step, "status", v->status, "joined_on",
                          v->joined_on, "probation_ends_on", v->probation_ends_on, "extensions",
                          (json_int_t)v->extensions);
    char *text = json_dumps(o, JSON_COMPACT);
    const char *out = arena_strdup(a, text);

    free(text);
    json_decref(o);
    return out;
}

/* The case back as prior says (prior_json); false when prior is not such an object. */
static bool prior_restore(struct dev_applicant_view *v, const char *prior, struct arena *a)
{
    json_t *o = prior ? json_loads(prior, 0, NULL) : NULL;
    json_t *stage = json_object_get(o, "stage"), *last = json_object_get(o, "last_step"),
           *status = json_object_get(o, "status"), *ext = json_object_get(o, "extensions"),
           *joined = json_object_get(o, "joined_on"),
           *ends = json_object_get(o, "probation_ends_on");
    bool ok = json_is_integer(stage) && json_is_integer(last) && json_is_string(status) &&
              json_is_integer(ext);

    if (ok) {
        v->stage = json_integer_value(stage), v->last_step = json_integer_value(last);
        v->extensions = json_integer_value(ext);
        v->status = arena_strdup(a, json_string_value(status));
        v->joined_on = json_is_string(joined) ? arena_strdup(a, json_string_value(joined)) : NULL;
        v->probation_ends_on =
            json_is_string(ends) ? arena_strdup(a, json_string_value(ends)) : NULL;
    }
    if (o)
        json_decref(o);
    return ok;
}

/* Whether step s changed the roster when it was recorded (apply_step below): an approval by
 * the upper committee, 17 (admission) or 24 (转正, 出党 or the extended 预备期 end). */
static bool changed_roster(const struct dev_step_view *s)
{
    return (s->step == 17 || s->step == 24) && s->decision && !strcmp(s->decision, "approved");
}

/* The roster change of steps 17 and 24, inside the step's transaction. */
static int roster_change(struct app *app, struct db_conn *c, struct dev_applicant_view *v,
                         const char *status, const char *full_on, const struct auth_actor *actor,
                         struct arena *a, struct err *err)
{
    struct member_in m = { 0 };
    bool created;

    /* The demo (app NULL) leaves the roster alone: the demo street's roster is generated
     * whole, with its own history and checks (docs/dev.md). */
    if (!app)
        return 0;
    m.id_number = arena_strdup(a, v->id_number);
    m.status = arena_strdup(a, status);
    m.joined_on = arena_strdup(a, v->joined_on);
    if (!v->member_id) {
        m.name = arena_strdup(a, v->name);
        m.gender = arena_strdup(a, v->gender);
        m.birth_date = arena_strdup(a, v->birth_date);
        m.org_id = v->org_id;
        m.category = arena_strdup(a, "community");
    }
    if (full_on)
        m.full_member_on = arena_strdup(a, full_on);
    if (member_normalize(app, &m, a, err) < 0 ||
        member_upsert(c, &m, actor, &v->member_id, &created, err) < 0)
        return -1;
    return 0;
}

/* What the step changes on the case (and the roster). */
static int apply_step(struct app *app, struct db_conn *c, struct dev_applicant_view *v,
                      const struct dev_case *cs, const struct dev_step_in *in,
                      const struct dev_finding *f, size_t nf, const struct auth_actor *actor,
                      struct arena *a, struct err *err)
{
    const struct dev_step_rec *conv = NULL;

    v->last_step = in->step;
    v->stage = dev_step_stage(in->step);
    switch (in->step) {
    case 3:
        v->status = "activist";
        break;
    case 7:
        v->status = "candidate";
        break;
    case 15:
        v->joined_on = in->date;
        break;
    case 17:
        if (!strcmp(in->decision, "rejected")) {
            v->status = "cancelled";
            break;
        }
        v->status = "probationary";
        for (size_t i = 0; i < nf; i++)
            if (f[i].value && !strcmp(f[i].rule_id, "DEV-PROB-END"))
                v->probation_ends_on = f[i].value;
        return roster_change(app, c, v, "probationary", NULL, actor, a, err);
    case 24:
        for (size_t i = cs->nsteps; i-- > 0 && !conv;)
            if (cs->steps[i].step == 23)
                conv = &cs->steps[i];
        if (!conv || strcmp(in->decision, "approved"))
            break;
        if (!strcmp(conv->decision, "extend")) {
            char until[11];
            date_add_months(v->probation_ends_on, (int)conv->extend_months, until);
            v->probation_ends_on = arena_strdup(a, until);
            v->extensions++;
            v->stage = 5;
            /* The roster's 预备期 end follows (the demo, app NULL, leaves the roster alone). */
            if (app && v->member_id)
                return member_probation_extend(c, v->member_id, v->probation_ends_on, actor, err);
        } else if (!strcmp(conv->decision, "cancel")) {
            v->status = "cancelled";
            return roster_change(app, c, v, "left", NULL, actor, a, err);
        } else {
            /* DEV-PARTYAGE: 党龄 counts from the day the 预备期 ends. */
            v->status = "full";
            return roster_change(app, c, v, "full", v->probation_ends_on, actor, a, err);
        }
        break;
    default:
        break;
    }
    return 0;
}

int dev_step_write(struct app *app, struct db_conn *c, int64_t applicant_id,
                   const struct dev_step_in *in, struct dev_facts *facts, const char **people_ids,
                   int64_t vote_org, const struct auth_actor *actor, struct arena *a,
                   int64_t *id_out, const char **findings_out, struct err *err)
{
    struct dev_applicant_view v;
    struct dev_step_view *steps;
    struct dev_org_ref approver;
    struct dev_rule *rules;
    struct dev_finding *f;
    struct dev_case cs;
    const char *findings;
    size_t nr, nf;
    int64_t ns, now = clock_now(), uid = auth_actor_user_id(actor), rec_org;

    if (dev_store_applicant(c, applicant_id, a, &v, err) < 0 ||
        dev_store_steps(c, applicant_id, NULL, a, &steps, &ns, err) < 0 ||
        dev_store_approver(c, v.org_path, a, &approver, &facts->approver_found, err) < 0 ||
        dev_rules_load(c, v.org_path, a, &rules, &nr, err) < 0)
        return -1;
    rec_org = v.org_id;
    if (dev_step_by_approver(in->step) && facts->approver_found) {
        /* AUTH-APPROVE: only the approving committee records its steps. */
        if (actor->user && !auth_can(actor->user, PERM_DEV_APPROVE, approver.path))
            return err_set(err, E_FORBIDDEN, "",
                           "第%" PRId64 "步“%s”须由具有审批权限的上级党委（%s）记录", in->step,
                           dev_step_name(in->step), approver.name);
        rec_org = approver.id;
    }
    facts->may_override = facts->approver_found &&
                          (!actor->user || auth_can(actor->user, PERM_DEV_APPROVE, approver.path));
    if (in->vote_id) {
        facts->vote_same_org = vote_org == v.org_id;
        /* VOTE-ONE-BY-ONE: a vote decides one candidate's case. */
        if (dev_store_vote_used(c, in->vote_id, applicant_id, a, &facts->vote_used_by, err) < 0)
            return -1;
    }
    for (size_t i = 0; i < facts->npeople; i++)
        facts->people[i].is_applicant =
            people_ids && people_ids[i] && !strcmp(people_ids[i], v.id_number);
    dev_case_of(&v, steps, ns, a, &cs);
    if (dev_rules_check(rules, nr, &cs, in, facts, a, &f, &nf))
        return refuse(f, nf, a, err);
    findings = findings_json(f, nf, a);
    if (dev_store_step_insert(c, applicant_id, in, rec_org, findings, prior_json(&v, a), uid, now,
                              id_out, err) < 0)
        return -1;
    for (int64_t i = 0; i < in->npeople; i++)
        if (dev_store_person_insert(c, *id_out, in->step == 5 ? "contact" : "introducer",
                                    in->people[i].member_id, err) < 0)
            return -1;
    if (apply_step(app, c, &v, &cs, in, f, nf, actor, a, err) < 0 ||
        dev_store_applicant_update(c, &v, now, err) < 0 ||
        auth_audit_change(c, actor, "dev.step", "dev_applicant", applicant_id, v.org_id,
                          json_pack("{s:I, s:s, s:s?, s:s?, s:s}", "step", (json_int_t)in->step,
                                    "date", in->date, "decision", in->decision, "override_reason",
                                    in->override_reason, "findings", findings),
                          err) < 0)
        return -1;
    if (findings_out)
        *findings_out = findings;
    return 0;
}

int dev_step_record(struct app *app, int64_t applicant_id, const struct dev_step_in *in,
                    const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                    const char **findings_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dev_person_fact *people;
    struct dev_facts facts = { 0 };
    const char **people_ids;
    int64_t vote_org;
    bool demo;
    char today[11];
    int rc = -1;

    clock_today(today);
    facts.today = today;
    /* Facts from other areas first, each on a connection of its own, and the demo flag the
     * roster's checks read, so the transaction below holds the only connection. */
    if (step_input_check(in, err) < 0 || member_demo_instance(app, &demo, err) < 0 ||
        people_facts(app, in, a, &people, &people_ids, err) < 0 ||
        vote_facts(app, in->vote_id, a, &facts, &vote_org, err) < 0)
        goto out;
    facts.people = people;
    facts.npeople = (size_t)in->npeople;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dev_step_write(app, c, applicant_id, in, &facts, people_ids, vote_org, actor, a, id_out,
                       findings_out, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int dev_step_withdraw(struct app *app, int64_t applicant_id, int64_t step_id, const char *reason,
                      const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct dev_applicant_view v;
    struct dev_step_view *steps, *last = NULL;
    struct dev_org_ref approver;
    bool found;
    int64_t ns, now = clock_now();
    int rc = -1;

    arena_init(&a, 8192);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dev_store_applicant(c, applicant_id, &a, &v, err) < 0 ||
        dev_store_steps(c, applicant_id, NULL, &a, &steps, &ns, err) < 0 ||
        dev_store_approver(c, v.org_path, &a, &approver, &found, err) < 0)
        goto out;
    for (int64_t i = 0; i < ns; i++)
        if (!steps[i].withdrawn_at)
            last = &steps[i];
    if (!last || last->id != step_id) {
        bool known = false;
        for (int64_t i = 0; i < ns; i++)
            known |= steps[i].id == step_id;
        if (!known)
            err_set(err, E_NOT_FOUND, "/step_id", "该申请人没有这条步骤记录");
        else
            err_set(err, E_CONFLICT, "/step_id", "只能撤回最后记录的一步（第%" PRId64 "步“%s”）",
                    last->step, dev_step_name(last->step));
        goto out;
    }
    if (last->step == 1) {
        err_set(err, E_CONFLICT, "/step_id", "入党申请本身不能撤回；不再继续发展的，请按程序终止");
        goto out;
    }
    if (changed_roster(last)) {
        err_set(err, E_CONFLICT, "/step_id",
                "第%" PRId64 "步“%s”已变更党员名册，不能在此撤回；请在党员名册中更正", last->step,
                dev_step_name(last->step));
        goto out;
    }
    if (dev_step_by_approver(last->step) && found && actor->user &&
        !auth_can(actor->user, PERM_DEV_APPROVE, approver.path)) {
        err_set(err, E_FORBIDDEN, "", "第%" PRId64 "步“%s”须由%s撤回", last->step,
                dev_step_name(last->step), approver.name);
        goto out;
    }
    if (!prior_restore(&v, last->prior, &a)) {
        err_set(err, E_CONFLICT, "/step_id", "该步骤记录于撤回功能启用之前，不能撤回");
        goto out;
    }
    if (dev_store_step_withdraw(c, last->id, reason, auth_actor_user_id(actor), now, err) < 0 ||
        dev_store_applicant_update(c, &v, now, err) < 0 ||
        auth_audit_change(c, actor, "dev.withdraw", "dev_applicant", applicant_id, v.org_id,
                          json_pack("{s:I, s:I, s:s, s:s}", "step_id", (json_int_t)last->id, "step",
                                    (json_int_t)last->step, "date", last->done_on, "reason",
                                    reason),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
