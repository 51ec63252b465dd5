/* orglife_eval_int.h: store functions of 民主评议 (orglife_eval_store.c) and 学习记录
 * (orglife_study_store.c, orglife_eval_demo_store.c), seen by src/domain/orglife only. They take a
 * connection and never begin or commit; the services (orglife_eval.c, orglife_study.c) own the
 * transaction. */
#pragma once

#include "domain/orglife/orglife_eval.h"
#include "domain/orglife/orglife_int.h"

struct db_stmt;

/* Reads the row's columns 0.. into dst[i] by kinds[i]: 'i' int64_t, 'b' bool, 't' text copied
 * into a (NULL for SQL NULL); kinds and dst have one entry per column. */
void eval_cols(struct db_stmt *st, struct arena *a, const char *kinds, void *const *dst);

/* A grade-set rule row (eval_rule). */
struct eval_rule_row {
    int64_t id, quota_num, quota_den;
    const char *rule_id, *grade_set, *grades;
};
/* The row of grade_set (NULL: the default) in force on date; E_INVALID on /grade_set when none. */
int eval_store_rule(struct db_conn *c, const char *grade_set, const char *date, struct arena *a,
                    struct eval_rule_row *out, struct err *err);
/* The org a meeting belongs to; E_INVALID on field when there is no such meeting. */
int eval_store_meeting_org(struct db_conn *c, int64_t meeting_id, const char *field,
                           int64_t *org_out, struct err *err);
int eval_store_round_insert(struct db_conn *c, const struct orglife_org *org,
                            const struct eval_round_in *in, const char *held_on, int64_t rule_row,
                            int64_t user_id, int64_t now, int64_t *id_out, struct err *err);
int eval_store_subject_insert(struct db_conn *c, int64_t round_id, int64_t person_id,
                              bool probationary, int64_t now, struct err *err);
int eval_store_round_get(struct db_conn *c, int64_t id, struct arena *a,
                         struct eval_round_view *out, struct err *err);
int eval_store_round_page(struct db_conn *c, const char *path, int64_t year, int64_t page,
                          int64_t size, struct arena *a, struct eval_round_view **out,
                          int64_t *n_out, int64_t *total_out, struct err *err);
int eval_store_subjects(struct db_conn *c, int64_t round_id, struct arena *a,
                        struct eval_subject_view **out, int64_t *n_out, struct err *err);
int eval_store_subject_get(struct db_conn *c, int64_t round_id, int64_t person_id, struct arena *a,
                           struct eval_subject_view *out, struct err *err);
/* Writes the subject's fields; with decided, final_meeting_id/final_by/final_at too. */
int eval_store_subject_update(struct db_conn *c, int64_t round_id, int64_t person_id,
                              const struct eval_subject_in *in, bool decided, int64_t user_id,
                              int64_t now, struct err *err);
int eval_store_touch(struct db_conn *c, int64_t round_id, int64_t now, struct err *err);
int eval_store_history(struct db_conn *c, int64_t person_id, struct arena *a,
                       struct eval_subject_view **out, int64_t *n_out, struct err *err);
int eval_store_member(struct db_conn *c, int64_t member_id, int64_t *person_out, int64_t *org_out,
                      struct err *err);

/* ---- study (orglife_study_store.c) ---- */

int study_store_material_insert(struct db_conn *c, const struct orglife_org *org,
                                const struct study_material_in *in, bool synthetic, int64_t user_id,
                                int64_t now, int64_t *id_out, struct err *err);
int study_store_material_get(struct db_conn *c, int64_t id, const char *field, struct arena *a,
                             struct study_material_view *out, struct err *err);
int study_store_material_page(struct db_conn *c, const char *path, bool above, int64_t year,
                              int64_t page, int64_t size, struct arena *a,
                              struct study_material_view **out, int64_t *n_out, int64_t *total_out,
                              struct err *err);
/* A person who is now a 正式 or 预备 member, under path (NULL: anywhere). */
struct study_member {
    int64_t member_id, org_id, tenant_id;
    const char *org_path;
};
int study_store_member(struct db_conn *c, int64_t person_id, const char *path, bool *found_out,
                       struct arena *a, struct study_member *out, struct err *err);
int study_store_record_insert(struct db_conn *c, const struct study_member *m,
                              const struct study_record_in *in, bool self, int64_t user_id,
                              int64_t now, struct err *err);
int study_store_records(struct db_conn *c, int64_t person_id, const char *from, const char *to,
                        struct arena *a, struct study_record_view **out, int64_t *n_out,
                        struct err *err);
/* Hours of the person in [from, to] and whether they held a post in office then. */
int study_store_year(struct db_conn *c, int64_t person_id, const char *from, const char *to,
                     int64_t *hours_out, bool *leader_out, struct err *err);
/* The LIFE-TRAIN targets in force on date (0 when no row). */
int study_store_targets(struct db_conn *c, const char *date, int64_t *member_out,
                        int64_t *leader_out, struct err *err);
int study_store_hours_page(struct db_conn *c, const char *path, const char *from, const char *to,
                           int64_t page, int64_t size, struct arena *a,
                           struct study_hours_row **out, int64_t *n_out, int64_t *total_out,
                           struct err *err);

/* The roll of org on date as the round's subjects (orglife_eval.c, shared with the demo):
 * 正式党员 graded, 预备党员 listed only; *n_out subjects. */
int eval_subjects_add(struct db_conn *c, int64_t round_id, int64_t org_id, const char *date,
                      struct arena *a, int64_t *n_out, struct err *err);

/* Demo (orglife_eval_demo_store.c): a material's study records for the members under its org,
 * drawn from salt (leaders: only members holding a post now). */
int study_demo_store_records(struct db_conn *c, int64_t material_id, int64_t salt, bool leaders,
                             int64_t now, struct err *err);
