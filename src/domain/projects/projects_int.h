/* projects_int.h: declarations only the projects folder sees: the store functions
 * (projects_store.c). They take a connection and never begin or commit. */
#pragma once

#include "domain/projects/projects.h"

struct db_conn;

int projects_store_org(struct db_conn *c, int64_t id, struct arena *a, struct proj_org *out,
                       struct err *err);
/* PROJ-PUBLICITY-DAYS (or another integer rule) in force on day. */
int projects_store_rule(struct db_conn *c, const char *rule_id, const char *day, int64_t *out,
                        struct err *err);

int projects_store_need_insert(struct db_conn *c, const struct proj_org *o,
                               const struct proj_need_in *in, int64_t demand_id, int64_t by,
                               int64_t now, int64_t *id_out, struct err *err);
int projects_store_needs(struct db_conn *c, const char *path, int64_t year, const char *status,
                         int64_t merged_into, struct arena *a, struct proj_need **out,
                         int64_t *n_out, struct err *err);
int projects_store_need(struct db_conn *c, int64_t id, struct arena *a, struct proj_need *out,
                        struct err *err);
int projects_store_need_merge(struct db_conn *c, int64_t id, int64_t into, int64_t now,
                              struct err *err);

int projects_store_proposal_insert(struct db_conn *c, const struct proj_org *o,
                                   const struct proj_proposal_in *in, int64_t by, int64_t now,
                                   int64_t *id_out, struct err *err);
int projects_store_proposal_need(struct db_conn *c, int64_t tenant_id, int64_t proposal_id,
                                 int64_t need_id, struct err *err);
int projects_store_proposals(struct db_conn *c, const char *path, int64_t year, const char *status,
                             struct arena *a, struct proj_proposal **out, int64_t *n_out,
                             struct err *err);
int projects_store_proposal(struct db_conn *c, int64_t id, struct arena *a,
                            struct proj_proposal *out, struct err *err);
int projects_store_proposal_needs(struct db_conn *c, int64_t id, struct arena *a, int64_t **out,
                                  int64_t *n_out, struct err *err);
int projects_store_proposal_selected(struct db_conn *c, int64_t id, bool *out, struct err *err);
int projects_store_review(struct db_conn *c, int64_t id, const char *status, int64_t cost_fen,
                          const char *note, int64_t by, int64_t now, struct err *err);
int projects_store_retire(struct db_conn *c, int64_t id, const char *reason, const char *note,
                          int64_t by, int64_t now, struct err *err);

int projects_store_budget_set(struct db_conn *c, const struct proj_org *o, int64_t year,
                              int64_t amount_fen, int64_t by, int64_t now, struct err *err);
int projects_store_budget(struct db_conn *c, int64_t org_id, int64_t year, int64_t *out,
                          struct err *err);

int projects_store_selection_insert(struct db_conn *c, const struct proj_org *o,
                                    const struct proj_selection_in *in, int64_t total_fen,
                                    int64_t budget_fen, int64_t by, int64_t now, int64_t *id_out,
                                    struct err *err);
int projects_store_selection_item(struct db_conn *c, int64_t tenant_id, int64_t selection_id,
                                  int64_t rank, int64_t proposal_id, int64_t cost_fen,
                                  struct err *err);
int projects_store_selection(struct db_conn *c, int64_t id, struct arena *a,
                             struct proj_selection *out, struct err *err);
int projects_store_selections(struct db_conn *c, const char *path, int64_t year, struct arena *a,
                              int64_t **ids_out, int64_t *n_out, struct err *err);
int projects_store_publish(struct db_conn *c, int64_t id, int64_t days, const char *from,
                           const char *until, int64_t by, int64_t now, struct err *err);
int projects_store_objection_insert(struct db_conn *c, int64_t tenant_id, int64_t selection_id,
                                    const char *content, const char *channel, int64_t by,
                                    int64_t now, int64_t *id_out, struct err *err);
int projects_store_objection_answer(struct db_conn *c, int64_t selection_id, int64_t id,
                                    const char *answer, int64_t by, int64_t now, bool *done_out,
                                    struct err *err);
int projects_store_adopt(struct db_conn *c, int64_t id, int64_t by, int64_t now, struct err *err);
int projects_store_project_insert(struct db_conn *c, const struct proj_selection *s,
                                  int64_t tenant_id, const struct proj_selection_item *it,
                                  int64_t now, struct err *err);

int projects_store_projects(struct db_conn *c, const char *path, int64_t year, bool adopted_only,
                            struct arena *a, struct proj_project **out, int64_t *n_out,
                            struct err *err);
int projects_store_project(struct db_conn *c, int64_t id, struct arena *a, struct proj_project *out,
                           struct err *err);
int projects_store_milestones(struct db_conn *c, int64_t project_id, struct arena *a,
                              struct proj_milestone **out, int64_t *n_out, struct err *err);
int projects_store_milestone_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                                    const struct proj_milestone_in *in, int64_t by, int64_t now,
                                    int64_t *id_out, struct err *err);
int projects_store_milestone_done(struct db_conn *c, int64_t project_id, int64_t id,
                                  const char *done_on, bool *found_out, struct err *err);
int projects_store_status(struct db_conn *c, int64_t id, const char *status, int64_t now,
                          struct err *err);
int projects_store_note_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                               const char *content, int64_t by, int64_t now, int64_t *id_out,
                               struct err *err);
int projects_store_notes(struct db_conn *c, int64_t project_id, struct arena *a,
                         struct proj_note **out, int64_t *n_out, struct err *err);
int projects_store_eval_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                               int64_t year, int64_t user_id, const struct proj_eval_in *in,
                               int64_t now, struct err *err);
/* Every evaluation of a project, ordered by year; years_out parallel to rows_out. */
int projects_store_evals(struct db_conn *c, int64_t project_id, struct arena *a,
                         struct proj_eval_row **rows_out, int64_t **years_out, int64_t *n_out,
                         struct err *err);
int projects_store_account_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                                  const struct proj_account_in *in, int64_t by, int64_t now,
                                  int64_t *id_out, struct err *err);
int projects_store_account_close(struct db_conn *c, int64_t project_id, int64_t id,
                                 const char *outcome, const char *closed_on, int64_t now,
                                 bool *found_out, struct err *err);
int projects_store_accounts(struct db_conn *c, int64_t project_id, struct arena *a,
                            struct proj_account **out, int64_t *n_out, struct err *err);
/* The demo: the latest n publishable demands under path taken in before the epoch second
 * before (their ids). */
int projects_store_demo_demands(struct db_conn *c, const char *path, int64_t before, int64_t n,
                                struct arena *a, int64_t **out, int64_t *n_out, struct err *err);
int projects_store_photo_insert(struct db_conn *c, int64_t tenant_id, const struct proj_photo *p,
                                int64_t by, int64_t *id_out, struct err *err);
int projects_store_photos(struct db_conn *c, int64_t project_id, struct arena *a,
                          struct proj_photo **out, int64_t *n_out, struct err *err);
int projects_store_photo(struct db_conn *c, int64_t project_id, int64_t id, struct arena *a,
                         struct proj_photo *out, struct err *err);
