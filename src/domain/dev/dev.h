/* dev.h: the member-development area's service (发展党员, RULES.md §2), the only header other
 * areas may include. Applicants and the 25 steps they pass through, each step checked by the
 * versioned rule rows in force on its date (dev_rules.c, the one place rules are evaluated);
 * admission (step 17) and 转正 (step 24) change the roster through the members area. It does
 * not touch HTTP; SQL lives in dev_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct err;

/* The area's change counter (migration 0017_dev). */
extern const struct change_counter DEV_COUNTER;
/* The area's demo hook (dev_demo.c), listed in its module row. */
extern const struct demo_hook DEV_DEMO;

/* Codes and zh-CN labels, NULL-terminated, same order. */
extern const char *const DEV_STATUSES[], *const DEV_STATUS_LABELS[];
extern const char *const DEV_DECISIONS[], *const DEV_DECISION_LABELS[];
extern const char *const DEV_STAGE_LABELS[]; /* [0] unused, 1-5 */

/* An application (step 1) as typed. gender "M"/"F" (男/女 accepted). */
struct dev_applicant_in {
    char *name, *gender, *birth_date, *id_number, *applied_on;
    int64_t org_id;
};

struct dev_applicant_view {
    int64_t id, tenant_id, org_id, person_id, member_id, stage, last_step, extensions, created_at;
    const char *org_path, *org_name, *name, *gender, *birth_date, *id_number, *applied_on, *status,
        *joined_on, *probation_ends_on;
};

/* One person named by a step (培养联系人, 入党介绍人). */
struct dev_person_in {
    int64_t member_id;
};
/* A step as typed: POST /api/dev/applicants/{id}/steps. decision by step: 10 passed|failed,
 * 17 and 24 approved|rejected, 23 on_time|extend|cancel. */
struct dev_step_in {
    int64_t step;
    char *date, *body, *decision, *note, *override_reason, *leaving_on;
    int64_t vote_id, training_days, training_hours, extend_months;
    struct dev_person_in *people;
    int64_t npeople;
};

struct dev_step_view {
    int64_t id, applicant_id, step, org_id, vote_id, meeting_id, training_days, training_hours,
        extend_months, created_at;
    const char *done_on, *body, *decision, *note, *override_reason, *findings; /* JSON */
    int64_t withdrawn_at; /* 0: part of the case; else withdrawn then, for withdraw_reason */
    const char *withdraw_reason, *prior; /* prior: the case before the step (JSON), or NULL */
};
struct dev_person_view {
    int64_t step_id, member_id;
    const char *role, *name;
};

/* Creates the applicant and records step 1 (递交入党申请书) on applied_on, checked by DEV-AGE
 * and the step-date rule: ID number normalized and checked as the roster does (check digit,
 * region, birth date and gender agree), org alive and not a 党小组. E_INVALID with the field,
 * E_CONFLICT with err rules when a rule refuses, E_CONFLICT "/id_number" when an applicant
 * has the number already (or it is a member's). One transaction, audited ("dev.apply"). The
 * caller checks the actor may write at in->org_id. Refusals and normalized text use a (the
 * request's arena: err's rule list lives there). */
int dev_applicant_create(struct app *app, struct dev_applicant_in *in,
                         const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                         struct err *err);

/* An applicant with the timeline (steps in the order recorded, with findings), the people
 * named, the steps that may come next and the deadlines on today. Memory from a. */
struct dev_deadline;
struct dev_detail {
    struct dev_applicant_view a;
    struct dev_step_view *steps;
    int64_t nsteps;
    struct dev_person_view *people;
    int64_t npeople;
    int64_t next[4];
    size_t nnext;
    struct dev_deadline *deadlines;
    size_t ndeadlines;
};
int dev_applicant_get(struct app *app, int64_t id, struct arena *a, struct dev_detail *out,
                      struct err *err);
/* The applications of the person signed in (person_id), each with its timeline, for the
 * applicant's own page: *out holds *n_out details from a (people named are left out: they are
 * other people's data). */
int dev_my_applications(struct app *app, int64_t person_id, struct arena *a,
                        struct dev_detail **out, int64_t *n_out, struct err *err);
int dev_applicants(struct app *app, const char *path, const char *status, struct arena *a,
                   struct dev_applicant_view **out, int64_t *n_out, struct err *err);

/* Records a step: the rules in force on in->date check it (dev_rules_check) and every finding
 * is stored with the step; a refusal is E_CONFLICT with each refusing rule and its zh-CN
 * explanation in err (err_rule_add) and nothing written. Steps of the approving committee (13,
 * 16, 17, 18, 24) need the dev.approve permission at the nearest org with approval power above
 * the case's org (E_FORBIDDEN otherwise). Step 17 approved puts the person on the roster as a
 * 预备党员 from the step-15 resolution date; step 24 approving 按期转正 makes them 正式党员
 * from the 预备期 end; each in the same transaction with member_event history. Audited
 * ("dev.step"). *findings_out (may be NULL) gets the stored findings JSON text from a. */
int dev_step_record(struct app *app, int64_t applicant_id, const struct dev_step_in *in,
                    const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                    const char **findings_out, struct err *err);

/* Withdraws step_id, the last step of the case still standing, recorded by mistake: the case
 * goes back to where it was before it (the step's prior), the step stays, marked withdrawn
 * with the reason. Refused (E_CONFLICT) for step 1 (the application itself), a step that is
 * not the last, one recorded before steps kept their prior, and one that changed the roster
 * (an admission, 转正 or 出党: corrected on the roster). The approving committee's steps need
 * dev.approve there, as recording them does. Audited ("dev.withdraw"). */
int dev_step_withdraw(struct app *app, int64_t applicant_id, int64_t step_id, const char *reason,
                      const struct auth_actor *actor, struct err *err);

/* The pipeline of a subtree on today: applicants per stage, overdue items, deadlines within 30
 * days and 预备党员 past the 预备期 end without a 转正 decision. */
struct dev_item {
    int64_t applicant_id, org_id;
    const char *name, *org_name, *rule_id, *due_on, *message;
};
struct dev_pipeline {
    int64_t stage_n[6]; /* [1..5] */
    struct dev_item *overdue, *due_soon, *forgotten;
    int64_t noverdue, ndue_soon, nforgotten;
};
int dev_pipeline_get(struct app *app, const char *path, struct arena *a, struct dev_pipeline *out,
                     struct err *err);

/* The rule rows as they apply at the org at path on date: one per rule_id in force (with the
 * switches of the orgs on the path applied), and the switchable rows (the unverified overlay)
 * with their state there and the switch that set it. Memory from a. */
struct dev_rule;
struct dev_switch;
struct dev_rules_at {
    const struct dev_rule **in_force;
    int64_t nin_force;
    const struct dev_rule **switchable;
    const struct dev_switch **switched_by; /* per switchable row: the switch used, or NULL */
    int64_t nswitchable;
};
int dev_rules_get(struct app *app, const char *path, const char *date, struct arena *a,
                  struct dev_rules_at *out, struct err *err);

/* Turns a switchable row (dev_rule_switchable) on or off for the subtree of org_id, with the
 * confirmation note (RULES.md §13 confirmed_by / confirmed_at: the user and time are kept). A
 * baseline row is E_CONFLICT; an unknown row E_NOT_FOUND "/rule_row"; a 党小组 E_INVALID
 * "/org_id". Audited ("dev.rule_switch"). The caller checks the actor may set rules at org_id. */
int dev_rule_switch_set(struct app *app, int64_t org_id, int64_t rule_row, bool enabled,
                        const char *note, const struct auth_actor *actor, struct err *err);
