/* dev_store.c: the member-development area's SQL, as named statements, and the mapping of rows
 * to structs in the caller's arena: rule rows, orgs with approval power, applicants, steps and
 * the people they name. It checks no rule (dev_rules.c does) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/dev/dev_int.h"

static const struct db_sql SQL_ORG = {
    .name = "dev.org",
    .sql = "SELECT id, tenant_id, path, name, type, dissolved_on FROM org WHERE id = ?",
};
/* The nearest org with approval power at or above path (its path a prefix of it): a 街道党工委
 * has it (AUTH-APPROVE) unless a dev_org row says otherwise; another org only by a dev_org row. */
static const struct db_sql SQL_APPROVER = {
    .name = "dev.approver",
    .sql =
        "SELECT o.id, o.tenant_id, o.path, o.name, o.type, o.dissolved_on FROM org o "
        "LEFT JOIN dev_org d ON d.org_id = o.id "
        "WHERE COALESCE(d.can_approve_members, CASE WHEN o.type = 'street' THEN 1 ELSE 0 END) = 1 "
        "AND o.dissolved_on IS NULL AND substr(?, 1, length(o.path)) = o.path "
        "ORDER BY o.depth DESC LIMIT 1",
};
static const struct db_sql SQL_RULES = {
    .name = "dev.rules",
    .sql = "SELECT rule_id, rule_set, severity, param, valid_from, valid_to, confidence, source, "
           "enabled, id FROM dev_rule ORDER BY rule_id, valid_from",
};
static const struct db_sql SQL_SWITCHES = {
    .name = "dev.switches",
    .sql = "SELECT s.rule_row, s.org_id, s.set_at, o.path, o.name, s.note, s.enabled "
           "FROM dev_rule_switch s JOIN org o ON o.id = s.org_id ORDER BY o.depth, s.id",
};
static const struct db_sql SQL_SWITCH_UPSERT = {
    .name = "dev.switch_upsert",
    .sql = "INSERT INTO dev_rule_switch (rule_row, org_id, enabled, note, set_by, set_at) "
           "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rule_row, org_id) DO UPDATE SET "
           "enabled = excluded.enabled, note = excluded.note, set_by = excluded.set_by, "
           "set_at = excluded.set_at",
};
#define APPLICANT_COLS                                                                             \
    "a.id, a.tenant_id, a.org_id, a.member_id, a.stage, a.last_step, a.extensions, a.created_at, " \
    "a.org_path, o.name, a.name, a.gender, a.birth_date, a.id_number, a.applied_on, a.status, "    \
    "a.joined_on, a.probation_ends_on, a.person_id"
static const struct db_sql SQL_APPLICANT = {
    .name = "dev.applicant",
    .sql = "SELECT " APPLICANT_COLS " FROM dev_applicant a JOIN org o ON o.id = a.org_id "
           "WHERE a.id = ?",
};
static const struct db_sql SQL_APPLICANTS = {
    .name = "dev.applicants",
    .sql = "SELECT " APPLICANT_COLS " FROM dev_applicant a JOIN org o ON o.id = a.org_id "
           "WHERE a.org_path LIKE ? || '%' AND (? IS NULL OR a.status = ?) ORDER BY a.id",
    .pg = "SELECT " APPLICANT_COLS " FROM dev_applicant a JOIN org o ON o.id = a.org_id "
          "WHERE a.org_path LIKE ? || '%' AND (?::text IS NULL OR a.status = ?) ORDER BY a.id",
};
static const struct db_sql SQL_APPLICANTS_OF_PERSON = {
    .name = "dev.applicants_of_person",
    .sql = "SELECT " APPLICANT_COLS " FROM dev_applicant a JOIN org o ON o.id = a.org_id "
           "WHERE a.person_id = ? ORDER BY a.id",
};
static const struct db_sql SQL_APPLICANT_INSERT = {
    .name = "dev.applicant_insert",
    .sql =
        "INSERT INTO dev_applicant (tenant_id, org_id, org_path, name, gender, birth_date, "
        "id_number, id_hash, applied_on, stage, last_step, status, person_id, created_by, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 'applicant', ?, ?, ?, ?) "
        "RETURNING id",
};
static const struct db_sql SQL_APPLICANT_UPDATE = {
    .name = "dev.applicant_update",
    .sql = "UPDATE dev_applicant SET stage = ?, last_step = ?, status = ?, member_id = ?, "
           "joined_on = ?, probation_ends_on = ?, extensions = ?, updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_ID_TAKEN = {
    .name = "dev.id_taken",
    .sql = "SELECT COUNT(*) FROM dev_applicant WHERE id_hash = ? AND status <> 'cancelled'",
};
static const struct db_sql SQL_VOTE_USED = {
    .name = "dev.vote_used",
    .sql = "SELECT a.name FROM dev_step s JOIN dev_applicant a ON a.id = s.applicant_id "
           "WHERE s.vote_id = ? AND s.applicant_id <> ? AND s.withdrawn_at IS NULL "
           "ORDER BY s.id LIMIT 1",
};
static const struct db_sql SQL_STEP_INSERT = {
    .name = "dev.step_insert",
    .sql = "INSERT INTO dev_step (applicant_id, step, done_on, org_id, body, decision, vote_id, "
           "meeting_id, training_days, training_hours, extend_months, override_reason, note, "
           "findings, recorded_by, created_at, prior) VALUES (?, ?, ?, ?, ?, ?, ?, "
           "(SELECT meeting_id FROM meeting_vote WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_STEP_WITHDRAW = {
    .name = "dev.step_withdraw",
    .sql = "UPDATE dev_step SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? "
           "WHERE id = ? AND withdrawn_at IS NULL",
};
static const struct db_sql SQL_PERSON_INSERT = {
    .name = "dev.person_insert",
    .sql = "INSERT INTO dev_person (step_id, role, member_id) VALUES (?, ?, ?)",
};
#define STEP_COLS                                                                                  \
    "s.id, s.applicant_id, s.step, s.org_id, s.vote_id, s.meeting_id, s.training_days, "           \
    "s.training_hours, s.extend_months, s.created_at, s.done_on, s.body, s.decision, s.note, "     \
    "s.override_reason, s.findings, s.withdrawn_at, s.withdraw_reason, s.prior"
static const struct db_sql SQL_STEPS = {
    .name = "dev.steps",
    .sql = "SELECT " STEP_COLS " FROM dev_step s WHERE s.applicant_id = ? ORDER BY s.id",
};
static const struct db_sql SQL_STEPS_PATH = {
    .name = "dev.steps_path",
    .sql = "SELECT " STEP_COLS " FROM dev_step s JOIN dev_applicant a ON a.id = s.applicant_id "
           "WHERE a.org_path LIKE ? || '%' AND s.withdrawn_at IS NULL "
           "ORDER BY s.applicant_id, s.id",
};
static const struct db_sql SQL_PEOPLE = {
    .name = "dev.people",
    .sql =
        "SELECT p.step_id, p.member_id, p.role, pe.name FROM dev_person p "
        "JOIN dev_step s ON s.id = p.step_id JOIN member m ON m.id = p.member_id "
        "JOIN person pe ON pe.id = m.person_id WHERE s.applicant_id = ? AND s.withdrawn_at IS NULL "
        "ORDER BY p.step_id, "
        "p.member_id",
};
static const struct db_sql SQL_DEMO_APPROVERS = {
    .name = "dev.demo_approvers",
    .sql = "INSERT INTO dev_org (org_id, can_approve_members) SELECT id, 1 FROM org "
           "WHERE type = 'street' AND id NOT IN (SELECT org_id FROM dev_org)",
};
static const struct db_sql SQL_DEMO_BRANCHES = {
    .name = "dev.demo_branches",
    .sql = "SELECT b.id FROM org b JOIN org s ON b.path LIKE s.path || '%' WHERE s.id = ? "
           "AND b.type = 'branch' AND b.dissolved_on IS NULL AND (SELECT COUNT(*) FROM member m "
           "WHERE m.org_id = b.id AND m.status = 'full') >= 2 ORDER BY b.id LIMIT ?",
};
static const struct db_sql SQL_DEMO_FULL = {
    .name = "dev.demo_full",
    .sql = "SELECT id FROM member WHERE org_id = ? AND status = 'full' ORDER BY id LIMIT ?",
};

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_org_ref *o = row;

    o->id = db_col_int(st, 0);
    o->tenant_id = db_col_int(st, 1);
    o->path = db_col_dup(st, 2, a);
    o->name = db_col_dup(st, 3, a);
    o->type = db_col_dup(st, 4, a);
    o->dissolved_on = db_col_dup(st, 5, a);
}

int dev_store_org(struct db_conn *c, int64_t id, struct arena *a, struct dev_org_ref *out,
                  struct err *err)
{
    return db_read_by_id(c, &SQL_ORG, id, read_org, a, out, "/org_id", "党组织不存在", err);
}

int dev_store_approver(struct db_conn *c, const char *path, struct arena *a,
                       struct dev_org_ref *out, bool *found_out, struct err *err)
{
    return db_read_opt_args(c, &SQL_APPROVER, DB_ARGS(DB_TEXT(path)), read_org, a, out, found_out,
                            err);
}

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_rule *r = row;

    r->rule_id = db_col_dup(st, 0, a);
    r->rule_set = db_col_dup(st, 1, a);
    r->severity = db_col_dup(st, 2, a);
    r->param = db_col_dup(st, 3, a);
    r->valid_from = db_col_dup(st, 4, a);
    r->valid_to = db_col_dup(st, 5, a);
    r->confidence = db_col_dup(st, 6, a);
    r->source = db_col_dup(st, 7, a);
    r->enabled = db_col_int(st, 8) != 0;
    r->id = db_col_int(st, 9);
}

int dev_store_rules(struct db_conn *c, struct arena *a, struct dev_rule **out, int64_t *n_out,
                    struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RULES, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_rule, sizeof(**out), a, out, n_out, err);
}

static void read_switch(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_switch *w = row;

    w->rule_row = db_col_int(st, 0);
    w->org_id = db_col_int(st, 1);
    w->set_at = db_col_int(st, 2);
    w->org_path = db_col_dup(st, 3, a);
    w->org_name = db_col_dup(st, 4, a);
    w->note = db_col_dup(st, 5, a);
    w->enabled = db_col_int(st, 6) != 0;
}

int dev_store_switches(struct db_conn *c, struct arena *a, struct dev_switch **out, int64_t *n_out,
                       struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_SWITCHES, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_switch, sizeof(**out), a, out, n_out, err);
}

int dev_store_switch_upsert(struct db_conn *c, int64_t rule_row, int64_t org_id, bool enabled,
                            const char *note, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_SWITCH_UPSERT,
                       DB_ARGS(DB_INT(rule_row), DB_INT(org_id), DB_INT(enabled), DB_TEXT(note),
                               DB_OPT_ID(by), DB_INT(now)),
                       err);
}

static void read_applicant(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_applicant_view *v = row;

    v->id = db_col_int(st, 0);
    v->tenant_id = db_col_int(st, 1);
    v->org_id = db_col_int(st, 2);
    v->member_id = db_col_int(st, 3);
    v->stage = db_col_int(st, 4);
    v->last_step = db_col_int(st, 5);
    v->extensions = db_col_int(st, 6);
    v->created_at = db_col_int(st, 7);
    v->org_path = db_col_dup(st, 8, a);
    v->org_name = db_col_dup(st, 9, a);
    v->name = db_col_dup(st, 10, a);
    v->gender = db_col_dup(st, 11, a);
    v->birth_date = db_col_dup(st, 12, a);
    v->id_number = db_col_unseal(st, 13, a);
    v->applied_on = db_col_dup(st, 14, a);
    v->status = db_col_dup(st, 15, a);
    v->joined_on = db_col_dup(st, 16, a);
    v->probation_ends_on = db_col_dup(st, 17, a);
    v->person_id = db_col_int(st, 18);
}

int dev_store_applicant_insert(struct db_conn *c, const struct dev_applicant_in *in,
                               const struct dev_org_ref *org, int64_t person_id, int64_t by,
                               int64_t now, int64_t *id_out, struct err *err)
{
    char idx[SEAL_INDEX_CHARS + 1];
    struct arena a;

    arena_init(&a, 0);
    int rc = db_run_id_args(
        c, &SQL_APPLICANT_INSERT,
        DB_ARGS(DB_INT(org->tenant_id), DB_INT(org->id), DB_TEXT(org->path), DB_TEXT(in->name),
                DB_TEXT(in->gender), DB_TEXT(in->birth_date), DB_TEXT(seal_text(in->id_number, &a)),
                DB_TEXT(seal_index(in->id_number, idx)), DB_TEXT(in->applied_on),
                DB_OPT_ID(person_id), DB_OPT_ID(by), DB_INT(now), DB_INT(now)),
        id_out, err);
    arena_release(&a);
    return rc;
}

int dev_store_applicant(struct db_conn *c, int64_t id, struct arena *a,
                        struct dev_applicant_view *out, struct err *err)
{
    return db_read_by_id(c, &SQL_APPLICANT, id, read_applicant, a, out, "", "申请人不存在", err);
}

int dev_store_applicants(struct db_conn *c, const char *path, const char *status, struct arena *a,
                         struct dev_applicant_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_APPLICANTS,
                             DB_ARGS(DB_TEXT(path), DB_TEXT(status), DB_TEXT(status)),
                             read_applicant, sizeof(**out), a, out, n_out, err);
}

int dev_store_applicants_of_person(struct db_conn *c, int64_t person_id, struct arena *a,
                                   struct dev_applicant_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_APPLICANTS_OF_PERSON, DB_ARGS(DB_INT(person_id)),
                             read_applicant, sizeof(**out), a, out, n_out, err);
}

int dev_store_applicant_update(struct db_conn *c, const struct dev_applicant_view *v, int64_t now,
                               struct err *err)
{
    return db_run_args(c, &SQL_APPLICANT_UPDATE,
                       DB_ARGS(DB_INT(v->stage), DB_INT(v->last_step), DB_TEXT(v->status),
                               DB_OPT_ID(v->member_id), DB_TEXT(v->joined_on),
                               DB_TEXT(v->probation_ends_on), DB_INT(v->extensions), DB_INT(now),
                               DB_INT(v->id)),
                       err);
}

int dev_store_id_taken(struct db_conn *c, const char *id_number, bool *taken_out, struct err *err)
{
    char idx[SEAL_INDEX_CHARS + 1];
    int64_t n = 0;

    if (db_read_one_args(c, &SQL_ID_TAKEN, DB_ARGS(DB_TEXT(seal_index(id_number, idx))),
                         db_read_int, NULL, &n, "", "", err) < 0)
        return -1;
    *taken_out = n > 0;
    return 0;
}

int dev_store_vote_used(struct db_conn *c, int64_t vote_id, int64_t applicant_id, struct arena *a,
                        const char **name_out, struct err *err)
{
    *name_out = NULL;
    return db_read_opt_args(c, &SQL_VOTE_USED, DB_ARGS(DB_INT(vote_id), DB_INT(applicant_id)),
                            db_read_text, a, name_out, NULL, err);
}

int dev_store_step_insert(struct db_conn *c, int64_t applicant_id, const struct dev_step_in *in,
                          int64_t org_id, const char *findings, const char *prior, int64_t by,
                          int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_STEP_INSERT,
                          DB_ARGS(DB_INT(applicant_id), DB_INT(in->step), DB_TEXT(in->date),
                                  DB_INT(org_id), DB_OPT_TEXT(in->body), DB_OPT_TEXT(in->decision),
                                  DB_OPT_ID(in->vote_id), DB_INT(in->vote_id),
                                  DB_OPT_ID(in->training_days), DB_OPT_ID(in->training_hours),
                                  DB_OPT_ID(in->extend_months), DB_OPT_TEXT(in->override_reason),
                                  DB_OPT_TEXT(in->note), DB_TEXT(findings), DB_OPT_ID(by),
                                  DB_INT(now), DB_OPT_TEXT(prior)),
                          id_out, err);
}

int dev_store_step_withdraw(struct db_conn *c, int64_t step_id, const char *reason, int64_t by,
                            int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_STEP_WITHDRAW,
                       DB_ARGS(DB_INT(now), DB_OPT_ID(by), DB_TEXT(reason), DB_INT(step_id)), err);
}

int dev_store_person_insert(struct db_conn *c, int64_t step_id, const char *role, int64_t member_id,
                            struct err *err)
{
    return db_run_args(c, &SQL_PERSON_INSERT,
                       DB_ARGS(DB_INT(step_id), DB_TEXT(role), DB_INT(member_id)), err);
}

static void read_step(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_step_view *s = row;

    s->id = db_col_int(st, 0);
    s->applicant_id = db_col_int(st, 1);
    s->step = db_col_int(st, 2);
    s->org_id = db_col_int(st, 3);
    s->vote_id = db_col_int(st, 4);
    s->meeting_id = db_col_int(st, 5);
    s->training_days = db_col_int(st, 6);
    s->training_hours = db_col_int(st, 7);
    s->extend_months = db_col_int(st, 8);
    s->created_at = db_col_int(st, 9);
    s->done_on = db_col_dup(st, 10, a);
    s->body = db_col_dup(st, 11, a);
    s->decision = db_col_dup(st, 12, a);
    s->note = db_col_dup(st, 13, a);
    s->override_reason = db_col_dup(st, 14, a);
    s->findings = db_col_dup(st, 15, a);
    s->withdrawn_at = db_col_int(st, 16);
    s->withdraw_reason = db_col_dup(st, 17, a);
    s->prior = db_col_dup(st, 18, a);
}

int dev_store_steps(struct db_conn *c, int64_t applicant_id, const char *path, struct arena *a,
                    struct dev_step_view **out, int64_t *n_out, struct err *err)
{
    if (applicant_id)
        return db_read_rows_args(c, &SQL_STEPS, DB_ARGS(DB_INT(applicant_id)), read_step,
                                 sizeof(**out), a, out, n_out, err);
    return db_read_rows_args(c, &SQL_STEPS_PATH, DB_ARGS(DB_TEXT(path)), read_step, sizeof(**out),
                             a, out, n_out, err);
}

static void read_person(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_person_view *p = row;

    p->step_id = db_col_int(st, 0);
    p->member_id = db_col_int(st, 1);
    p->role = db_col_dup(st, 2, a);
    p->name = db_col_dup(st, 3, a);
}

int dev_store_people(struct db_conn *c, int64_t applicant_id, struct arena *a,
                     struct dev_person_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_PEOPLE, DB_ARGS(DB_INT(applicant_id)), read_person,
                             sizeof(**out), a, out, n_out, err);
}

int dev_store_demo_approvers(struct db_conn *c, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_DEMO_APPROVERS, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

int dev_store_demo_branches(struct db_conn *c, int64_t street_id, int64_t n, struct arena *a,
                            int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_DEMO_BRANCHES, DB_ARGS(DB_INT(street_id), DB_INT(n)),
                             db_read_int, sizeof(**out), a, out, n_out, err);
}

int dev_store_demo_full_members(struct db_conn *c, int64_t org_id, int64_t n, struct arena *a,
                                int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_DEMO_FULL, DB_ARGS(DB_INT(org_id), DB_INT(n)), db_read_int,
                             sizeof(**out), a, out, n_out, err);
}
