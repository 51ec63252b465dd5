/* dev_int.h: declarations only the dev folder sees: the rule engine (dev_rules.c, pure: no
 * database, no clock) and the store functions (dev_store.c), which take a connection and never
 * begin or commit. */
#pragma once

#include "domain/dev/dev.h"

struct db_conn;

/* ---- the rule engine (dev_rules.c) ---- */

/* One rule row of dev_rule (RULES.md §13). param is its JSON text ({"months": 12}). */
struct dev_rule {
    const char *rule_id, *rule_set, *severity, *param, *valid_from, *valid_to, *confidence, *source;
    bool enabled;
    int64_t id;
};

/* An org's switch of a switchable row (dev_rule_switch) for its subtree. */
struct dev_switch {
    int64_t rule_row, org_id, set_at;
    const char *org_path, *org_name, *note;
    bool enabled;
};
/* Whether a row may be switched by an org: the unverified overlay rows only (RULES.md §1.2);
 * baseline rows are the 细则 and stay as shipped. */
bool dev_rule_switchable(const struct dev_rule *r);
/* Whether the engine checks rule_id at some step (an unbuilt rule, DEV26-PUBLICITY, which needs
 * a working-day calendar, is not, and is not switched on). */
bool dev_rule_checked(const char *rule_id);
/* The rows as they apply to a case at org path: rules copied into out (n rows), each
 * switchable row's enabled taken from the deepest switch on the path (sw ordered by depth),
 * else as shipped. *by_out (may be NULL; n entries) gets the switch used per row or NULL. */
void dev_rules_at(const struct dev_rule *rules, size_t n, const struct dev_switch *sw, size_t nsw,
                  const char *path, struct dev_rule *out, const struct dev_switch **by_out);

/* The enabled row of rule_id in force on date (valid_from <= date < valid_to); of several, the
 * one with the latest valid_from (an overlay replaces its baseline from its own date on). NULL:
 * the rule is not in force, nothing is checked. */
const struct dev_rule *dev_rule_in_force(const struct dev_rule *rules, size_t n,
                                         const char *rule_id, const char *date);
/* The steps rule_id is checked at (into out, at most 25); 0 when none (a pipeline-only or
 * unbuilt rule). */
size_t dev_rule_steps(const char *rule_id, int64_t out[25]);
/* The integer key of a rule's param, def when absent. */
int64_t dev_rule_param(const struct dev_rule *r, const char *key, int64_t def);

/* A step as recorded (the engine's view of the timeline), in the order recorded. */
struct dev_step_rec {
    int64_t step;
    const char *done_on, *decision; /* decision NULL when the step has none */
    int64_t extend_months;
};

/* The case as recorded before the step being checked. */
struct dev_case {
    const char *birth_date, *applied_on, *status;
    const char *joined_on, *probation_ends_on; /* NULL before step 17 */
    int64_t extensions;
    const struct dev_step_rec *steps;
    size_t nsteps;
};

/* A 培养联系人 or 入党介绍人 named for step 5 or 9, as the service found them on the roster. */
struct dev_person_fact {
    int64_t member_id;
    const char *name, *status; /* status NULL: no such member */
    bool is_applicant;         /* the member's ID number is the applicant's */
};

/* What the service found out before the check: today, the people named, the linked vote,
 * whether an approving committee sits above the case's org and whether the actor may
 * override DEV-TRAIN. */
struct dev_facts {
    const char *today;
    struct dev_person_fact *people;
    size_t npeople;
    bool vote_found, vote_same_org;
    const char *vote_kind, *vote_result, *vote_date;
    const char *vote_used_by; /* the applicant of another case that links the vote, or NULL */
    bool approver_found, may_override;
};

/* One rule checked: its row, what it looked at and what came out. result is "pass", "block",
 * "warn", "overdue", "remind" (a late step of a remind rule), "computed" or "overridden" (DEV-TRAIN
 * with a reason); message is zh-CN
 * and names the dates involved; value is a computed date (DEV-PROB-END) or NULL. Inputs are
 * up to DEV_INPUTS_MAX key/value pairs. */
#define DEV_INPUTS_MAX 4
struct dev_finding {
    const char *rule_id, *rule_set, *severity, *result, *message, *value;
    const char *in_k[DEV_INPUTS_MAX], *in_v[DEV_INPUTS_MAX];
};

/* Checks the step in against case c with the rules in force on in->date: order and dates
 * first, then the rules of that step (RULES.md §2.3). Every rule checked gives one finding in
 * *out (from a), refused or not. Returns how many findings refused the step (result "block"). */
size_t dev_rules_check(const struct dev_rule *rules, size_t nrules, const struct dev_case *c,
                       const struct dev_step_in *in, const struct dev_facts *f, struct arena *a,
                       struct dev_finding **out, size_t *n_out);

/* The engine's view of an applicant and its ns recorded steps s (from a), withdrawn steps left
 * out. */
void dev_case_of(const struct dev_applicant_view *v, const struct dev_step_view *s, int64_t ns,
                 struct arena *a, struct dev_case *c);

/* The steps that may come next (at most 4 into next[]), or none when the case is closed. */
size_t dev_next_steps(const struct dev_case *c, int64_t next[4]);

/* A deadline of the case on today: the rule, the date due, whether it is past (overdue) or
 * within 30 days, and a zh-CN message. forgotten: a 预备党员 past the 预备期 end without a 转正
 * decision. */
struct dev_deadline {
    const char *rule_id, *due_on, *message;
    bool overdue, forgotten;
};
/* The deadlines of case c on today (at most 4 into out[]), from the rules in force today: the
 * rows that would check the step were it recorded today, so the pipeline and the step form
 * agree. Only those past or due within 30 days are given. */
size_t dev_deadlines(const struct dev_rule *rules, size_t nrules, const struct dev_case *c,
                     const char *today, struct arena *a, struct dev_deadline out[4]);

/* The stage (1-5) a step belongs to; the status the case has after step (with decision). */
int64_t dev_step_stage(int64_t step);
const char *dev_step_name(int64_t step);
/* Whether step is recorded by the approving committee (13, 16, 17, 18, 24; AUTH-APPROVE). */
bool dev_step_by_approver(int64_t step);

/* ---- writers inside the caller's transaction on c (dev.c; the service and the demo) ---- */

/* Checks and writes an application with its step 1 (in normalized). */
int dev_applicant_write(struct db_conn *c, const struct dev_applicant_in *in, const char *today,
                        const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                        struct err *err);
/* Checks and writes a step with the facts gathered (people_ids: the ID numbers of the people
 * named, NULL entries for unknown members; vote_org: the linked vote's meeting org). app NULL
 * (the demo) leaves the roster unchanged on admission and 转正. */
int dev_step_write(struct app *app, struct db_conn *c, int64_t applicant_id,
                   const struct dev_step_in *in, struct dev_facts *facts, const char **people_ids,
                   int64_t vote_org, const struct auth_actor *actor, struct arena *a,
                   int64_t *id_out, const char **findings_out, struct err *err);

/* ---- the store (dev_store.c) ---- */

struct dev_org_ref {
    int64_t id, tenant_id;
    const char *path, *name, *type, *dissolved_on;
};
int dev_store_org(struct db_conn *c, int64_t id, struct arena *a, struct dev_org_ref *out,
                  struct err *err);
/* The nearest org with approval power at or above the org at path, found false when none. */
int dev_store_approver(struct db_conn *c, const char *path, struct arena *a,
                       struct dev_org_ref *out, bool *found_out, struct err *err);
int dev_store_rules(struct db_conn *c, struct arena *a, struct dev_rule **out, int64_t *n_out,
                    struct err *err);
/* Every switch, shallowest org first. */
int dev_store_switches(struct db_conn *c, struct arena *a, struct dev_switch **out, int64_t *n_out,
                       struct err *err);
int dev_store_switch_upsert(struct db_conn *c, int64_t rule_row, int64_t org_id, bool enabled,
                            const char *note, int64_t by, int64_t now, struct err *err);
/* The rules and switches read once, as they apply at path (dev_rules_at); from a. */
int dev_rules_load(struct db_conn *c, const char *path, struct arena *a, struct dev_rule **out,
                   size_t *n_out, struct err *err);
/* person_id: the registered person with the ID number (0: none). */
int dev_store_applicant_insert(struct db_conn *c, const struct dev_applicant_in *in,
                               const struct dev_org_ref *org, int64_t person_id, int64_t by,
                               int64_t now, int64_t *id_out, struct err *err);
/* The applications of a registered person, by id. */
int dev_store_applicants_of_person(struct db_conn *c, int64_t person_id, struct arena *a,
                                   struct dev_applicant_view **out, int64_t *n_out,
                                   struct err *err);
int dev_store_applicant(struct db_conn *c, int64_t id, struct arena *a,
                        struct dev_applicant_view *out, struct err *err);
/* Applicants of the subtree at path (status NULL: every one), by id. */
int dev_store_applicants(struct db_conn *c, const char *path, const char *status, struct arena *a,
                         struct dev_applicant_view **out, int64_t *n_out, struct err *err);
int dev_store_applicant_update(struct db_conn *c, const struct dev_applicant_view *v, int64_t now,
                               struct err *err);
/* Whether an applicant has this ID number already. */
int dev_store_id_taken(struct db_conn *c, const char *id_number, bool *taken_out, struct err *err);
/* The applicant (name) of another case whose step links vote_id, NULL when none. */
int dev_store_vote_used(struct db_conn *c, int64_t vote_id, int64_t applicant_id, struct arena *a,
                        const char **name_out, struct err *err);
int dev_store_step_insert(struct db_conn *c, int64_t applicant_id, const struct dev_step_in *in,
                          int64_t org_id, const char *findings, const char *prior, int64_t by,
                          int64_t now, int64_t *id_out, struct err *err);
int dev_store_step_withdraw(struct db_conn *c, int64_t step_id, const char *reason, int64_t by,
                            int64_t now, struct err *err);
int dev_store_person_insert(struct db_conn *c, int64_t step_id, const char *role, int64_t member_id,
                            struct err *err);
/* The steps of one applicant (applicant_id > 0) or of every applicant of the subtree at path,
 * in the order recorded. */
int dev_store_steps(struct db_conn *c, int64_t applicant_id, const char *path, struct arena *a,
                    struct dev_step_view **out, int64_t *n_out, struct err *err);
int dev_store_people(struct db_conn *c, int64_t applicant_id, struct arena *a,
                     struct dev_person_view **out, int64_t *n_out, struct err *err);
/* Demo: gives every street approval power. */
int dev_store_demo_approvers(struct db_conn *c, struct err *err);
/* Demo: up to n branches of the street with at least two 正式党员. */
int dev_store_demo_branches(struct db_conn *c, int64_t street_id, int64_t n, struct arena *a,
                            int64_t **out, int64_t *n_out, struct err *err);
/* Demo: up to n 正式党员 member ids of the org. */
int dev_store_demo_full_members(struct db_conn *c, int64_t org_id, int64_t n, struct arena *a,
                                int64_t **out, int64_t *n_out, struct err *err);
