/* orglife_eval.h: 民主评议党员 (RULES.md §5) and 学习记录 (LIFE-TRAIN, §4.1) of the
 * organizational-life area, beside orglife.h so the meetings' author and this part do not edit
 * one file. Rounds of a branch for a year with their subjects and the grades people decided;
 * study materials, study records and yearly hours against the targets. The software never
 * picks a grade and ranks nobody. No HTTP here; SQL lives in orglife_eval_store.c and
 * orglife_study_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct demo_hook;
struct err;

extern const struct demo_hook ORGLIFE_EVAL_DEMO;

/* Codes and zh-CN labels, NULL-terminated, in the order the UI lists them. */
extern const char *const EVAL_GRADES[], *const EVAL_GRADE_LABELS[];
extern const char *const EVAL_GRADE_SETS[], *const EVAL_GRADE_SET_LABELS[];
extern const char *const STUDY_KINDS[], *const STUDY_KIND_LABELS[];
extern const char *const STUDY_SOURCES[], *const STUDY_SOURCE_LABELS[];

/* A warning of a rule that flags and never refuses (RULES.md §0.2 warn). */
struct orglife_warning {
    const char *rule_id, *message;
};

struct eval_round_in {
    int64_t org_id, year, meeting_id; /* meeting_id 0: none */
    const char *grade_set;            /* NULL: the default row in force */
    const char *held_on;              /* NULL: today, or 12-31 of a past year */
    const char *note;
};

/* Peer-evaluation totals (党员互评/民主测评), one count per grade. */
struct eval_tally {
    int64_t excellent, qualified, basic, unqualified;
};

struct eval_subject_view {
    int64_t round_id, person_id, final_meeting_id, final_by, final_at, updated_at;
    const char *name, *self_text, *proposed_grade, *final_grade, *note, *final_by_name;
    bool probationary;
    struct eval_tally peer;
    /* In a member's history (eval_member_history) only: */
    int64_t year, org_id;
    const char *org_name;
};

struct eval_round_view {
    int64_t id, org_id, year, meeting_id, created_at, updated_at;
    const char *org_name, *held_on, *grade_set, *grades, *rule_id, *note;
    int64_t quota_num, quota_den;
    int64_t subjects_n, graded_n, probationary_n, decided_n, excellent_n;
    struct eval_subject_view *subjects; /* eval_round_get only */
    int64_t nsubjects;
    struct orglife_warning *warnings; /* EVAL-QUOTA, EVAL-BASIC; eval_round_get only */
    int64_t nwarnings;
};

/* Opens a round: org is a live branch-level org on held_on, the year not in the future, held_on
 * within the year or the first half of the next, no round of that org and year yet (E_CONFLICT
 * on /year), the grade set one in force on held_on (E_INVALID on /grade_set), a given meeting
 * one of the org's. Every 正式党员 of the branch on held_on is a subject, every 预备党员 is listed
 * as probationary. One transaction, audited. */
int eval_round_create(struct app *app, const struct eval_round_in *in,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* The round with its subjects (by name) and its warnings; E_NOT_FOUND when there is none. */
int eval_round_get(struct app *app, int64_t id, struct arena *a, struct eval_round_view *out,
                   struct err *err);
/* Rounds of the subtree at path, newest year first; year 0: any. */
int eval_round_list(struct app *app, const char *path, int64_t year, int64_t page, int64_t size,
                    struct arena *a, struct eval_round_view **out, int64_t *n_out,
                    int64_t *total_out, struct err *err);

/* What one PUT sets: the adapter lays the body over the stored subject. */
struct eval_subject_in {
    const char *self_text, *proposed_grade, *final_grade, *note;
    struct eval_tally peer;
    int64_t meeting_id; /* the branch meeting that decided the final grade; 0: none */
};
/* Records a subject's evaluation. A grade must be one of the round's set; a 预备党员 gets none
 * (E_CONFLICT); 不合格 as final grade needs a note (E_INVALID on /note); a meeting must be one
 * of the round's org. A changed final grade records who recorded it and when. Audited. */
int eval_subject_set(struct app *app, int64_t round_id, int64_t person_id,
                     const struct eval_subject_in *in, const struct auth_actor *actor,
                     struct err *err);
int eval_subject_get(struct app *app, int64_t round_id, int64_t person_id, struct arena *a,
                     struct eval_subject_view *out, struct err *err);
/* A person's evaluations, newest year first (year, org_name set). */
int eval_member_history(struct app *app, int64_t person_id, struct arena *a,
                        struct eval_subject_view **out, int64_t *n_out, struct err *err);
/* The person and org of a member (for GET /api/members/{id}/evaluations). */
int eval_member_person(struct app *app, int64_t member_id, int64_t *person_out, int64_t *org_out,
                       struct err *err);

/* ---- study ---- */

struct study_material_in {
    int64_t org_id, hours;
    const char *title, *kind, *published_on, *note;
};
struct study_material_view {
    int64_t id, org_id, hours, created_at;
    const char *org_name, *title, *kind, *published_on, *note;
};
/* Publishes a material of an org alive on published_on. Audited. */
int study_material_create(struct app *app, const struct study_material_in *in,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err);
int study_material_get(struct app *app, int64_t id, struct arena *a,
                       struct study_material_view *out, struct err *err);
/* Materials published by orgs of the subtree at path (or, with above, by orgs above or at
 * it), newest first; year 0: any. */
int study_material_list(struct app *app, const char *path, bool above, int64_t year, int64_t page,
                        int64_t size, struct arena *a, struct study_material_view **out,
                        int64_t *n_out, int64_t *total_out, struct err *err);

struct study_record_in {
    int64_t person_id, material_id, hours; /* material_id 0: free entry; hours 0: the material's */
    const char *title, *kind, *studied_on, *note;
    bool delivered; /* 送学上门 */
};
/* Records study: by a cadre for members (正式 or 预备, now) of the org's subtree (self false),
 * or by a member for themselves (self true, org_id 0). Dates not in the future; a free entry
 * needs a title; a material is credited once per person (E_CONFLICT). One transaction for all
 * items, audited; errors name /items/N/... */
int study_record_add(struct app *app, int64_t org_id, const struct study_record_in *in, int64_t n,
                     bool self, const struct auth_actor *actor, struct err *err);

struct study_record_view {
    int64_t id, person_id, material_id, hours;
    const char *title, *kind, *studied_on, *source, *note;
    bool delivered;
};
/* A person's study in a year, and the hours, target and whether it is met. */
struct study_year {
    int64_t hours, target;
    bool leader, met;
    const char *rule_id;
};
int study_person_year(struct app *app, int64_t person_id, int64_t year, struct arena *a,
                      struct study_record_view **out, int64_t *n_out, struct study_year *sum_out,
                      struct err *err);

/* The org path of the person's member row now (正式 or 预备), NULL when they are no member;
 * memory from a. */
int study_my_path(struct app *app, int64_t person_id, struct arena *a, const char **path_out,
                  struct err *err);

/* One member in the yearly hours list, ordered by name (never by hours). */
struct study_hours_row {
    int64_t person_id, org_id;
    const char *name, *org_name, *status;
    struct study_year y;
};
int study_hours(struct app *app, const char *path, int64_t year, int64_t page, int64_t size,
                struct arena *a, struct study_hours_row **out, int64_t *n_out, int64_t *total_out,
                struct err *err);
