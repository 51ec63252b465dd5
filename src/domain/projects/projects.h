/* projects.h: the 民生实事 area's service, the only header other areas may include: the needs
 * pool (needs linked to demands, not copied; merging keeps every link), proposals with a
 * feasibility review and retire reasons, a community's yearly budget, the selection of a year
 * (ranked proposals within the budget; ballot_id left for the deliberation area) with its 公示
 * window (PROJ-PUBLICITY-DAYS) and answered objections, and the projects adoption creates:
 * milestones with a computed weighted progress, supervision notes, residents' evaluations and
 * 问责 records, walked as one chain. It does not touch HTTP; SQL lives in projects_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct err;

/* The area's change counter (migration 0032_projects): its tables' triggers move it. */
extern const struct change_counter PROJECTS_COUNTER;
/* The area's demo hook (projects_demo.c), listed in its module row. */
extern const struct demo_hook PROJECTS_DEMO;

/* Code and label tables (NULL-terminated, served at GET /api/meta). */
extern const char *const PROJ_SOURCES[], *const PROJ_SOURCE_LABELS[];
extern const char *const PROJ_NEED_STATUSES[], *const PROJ_NEED_STATUS_LABELS[];
extern const char *const PROJ_PROPOSAL_STATUSES[], *const PROJ_PROPOSAL_STATUS_LABELS[];
extern const char *const PROJ_RETIRE_REASONS[], *const PROJ_RETIRE_REASON_LABELS[];
extern const char *const PROJ_SELECTION_STATUSES[], *const PROJ_SELECTION_STATUS_LABELS[];
extern const char *const PROJ_STATUSES[], *const PROJ_STATUS_LABELS[];
extern const char *const PROJ_SATISFACTIONS[], *const PROJ_SATISFACTION_LABELS[];
extern const char *const PROJ_VERDICTS[]; /* feasibility verbs: "feasible", "unfeasible" */

/* The least number of evaluations before a breakdown is published (ANCHORS point 24). */
#define PROJ_EVAL_MIN_GROUP 3

/* A community org a record belongs to. */
struct proj_org {
    int64_t id, tenant_id;
    const char *path, *name, *type;
    bool community; /* a 社区党委 or 党总支 under a street */
};
int projects_org_get(struct app *app, int64_t id, struct arena *a, struct proj_org *out,
                     struct err *err);

/* ---- needs ---- */

struct proj_need_in {
    int64_t org_id, year, source_id;
    char *title, *description, *source_kind;
};
struct proj_need {
    int64_t id, org_id, year, source_id, demand_id, merged_into, created_at;
    const char *org_name, *title, *description, *source_kind, *status;
    /* the linked demand (demand_id), read from its own row: never copied */
    const char *demand_number, *demand_category, *demand_status;
    bool demand_no_publish;
    int64_t nmerged; /* needs merged into this one */
};
/* Takes a need in for a community org; a demand source (source_kind "demand", source_id the
 * demand) must exist in the org's subtree (E_INVALID "/source_id"). Audited proj.need. */
int proj_need_create(struct app *app, const struct proj_need_in *in, const struct auth_actor *actor,
                     int64_t *id_out, struct err *err);
/* Needs under path, by year (0: any) and status (NULL: any), newest first, at most 500. */
int proj_needs_list(struct app *app, const char *path, int64_t year, const char *status,
                    struct arena *a, struct proj_need **out, int64_t *n_out, struct err *err);
int proj_need_get(struct app *app, int64_t id, struct arena *a, struct proj_need *out,
                  struct err *err);
/* Merges need id into into (same org, both open, not itself: E_CONFLICT): id becomes
 * "merged" pointing at into, and needs merged into id follow to into; every source stays on
 * its own row. One transaction, audited proj.need_merge. */
int proj_need_merge(struct app *app, int64_t id, int64_t into, const struct auth_actor *actor,
                    struct err *err);
/* The needs merged into id (their sources are the survivor's too). */
int proj_need_sources(struct app *app, int64_t id, struct arena *a, struct proj_need **out,
                      int64_t *n_out, struct err *err);

/* ---- proposals ---- */

struct proj_need_ref {
    int64_t need_id;
};
struct proj_proposal_in {
    int64_t org_id, year, cost_fen, body_org_id;
    char *title, *description, *body;
    struct proj_need_ref *needs;
    int64_t nneeds;
};
struct proj_proposal {
    int64_t id, org_id, year, cost_fen, body_org_id, created_at;
    const char *org_name, *title, *description, *body, *status, *feasibility_note, *retire_reason,
        *retire_note;
    int64_t *need_ids;
    int64_t nneeds;
    bool selected; /* listed in a selection: no more review or retirement */
};
/* A proposal of a community org from ≥ 1 open needs of that org and year (E_INVALID
 * "/needs/i/need_id"); status pending. Audited proj.proposal. */
int proj_proposal_create(struct app *app, const struct proj_proposal_in *in,
                         const struct auth_actor *actor, int64_t *id_out, struct err *err);
int proj_proposals_list(struct app *app, const char *path, int64_t year, const char *status,
                        struct arena *a, struct proj_proposal **out, int64_t *n_out,
                        struct err *err);
int proj_proposal_get(struct app *app, int64_t id, struct arena *a, struct proj_proposal *out,
                      struct err *err);
/* Feasibility review of a pending or reviewed (not retired, not selected) proposal: "feasible"
 * may set the reviewed cost (cost_fen >= 0; -1 keeps it), "unfeasible" needs note (E_INVALID
 * "/note"). Audited proj.review. */
int proj_proposal_review(struct app *app, int64_t id, const char *verdict, int64_t cost_fen,
                         const char *note, const struct auth_actor *actor, struct err *err);
/* Retires a proposal not in a selection with a reason (PROJ_RETIRE_REASONS) and a note. */
int proj_proposal_retire(struct app *app, int64_t id, const char *reason, const char *note,
                         const struct auth_actor *actor, struct err *err);

/* ---- budget ---- */

/* Sets the year's budget of a community org (replacing it). Audited proj.budget. */
int proj_budget_set(struct app *app, int64_t org_id, int64_t year, int64_t amount_fen,
                    const struct auth_actor *actor, struct err *err);
/* The year's budget, or -1 when none is set. */
int proj_budget_get(struct app *app, int64_t org_id, int64_t year, int64_t *amount_out,
                    struct err *err);

/* ---- selection and 公示 ---- */

struct proj_proposal_ref {
    int64_t proposal_id;
};
struct proj_selection_in {
    int64_t org_id, year, ballot_id; /* ballot_id: the proposals come from its result */
    char *basis;
    struct proj_proposal_ref *proposals;
    int64_t nproposals;
};
struct proj_selection_item {
    int64_t rank, proposal_id, cost_fen;
    const char *title;
};
struct proj_objection {
    int64_t id, selection_id, submitted_by, created_at, answered_by, answered_at;
    const char *content, *channel, *answer;
};
struct proj_selection {
    int64_t id, org_id, year, ballot_id, total_fen, budget_fen, publicity_days, created_at,
        adopted_at;
    const char *org_name, *basis, *status, *publicity_from, *publicity_until;
    struct proj_selection_item *items;
    int64_t nitems;
    struct proj_objection *objections;
    int64_t nobjections;
    bool window_open; /* today is inside the publicity window */
};
/* The selection of a community's year: proposals of that org and year, feasible, in rank
 * order (E_INVALID "/proposals/i/proposal_id"), listed or taken from a closed, valid ballot
 * (in->ballot_id: proj_selection_from_ballot, recorded with the selection); their costs summed must
 * not exceed the year's budget (E_INVALID "/proposals", nothing written; no budget set: E_INVALID
 * "/year"). E_CONFLICT "/year" when the year has one already. Audited proj.selection. */
int proj_selection_create(struct app *app, const struct proj_selection_in *in,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err);
int proj_selection_get(struct app *app, int64_t id, struct arena *a, struct proj_selection *out,
                       struct err *err);
int proj_selections_list(struct app *app, const char *path, int64_t year, struct arena *a,
                         struct proj_selection **out, int64_t *n_out, struct err *err);
/* Publishes a draft: the window runs PROJ-PUBLICITY-DAYS (the row in force today) calendar
 * days from today, both ends included. Audited proj.publish. */
int proj_selection_publish(struct app *app, int64_t id, const struct auth_actor *actor,
                           struct err *err);
/* An objection to a published selection while its window is open (E_CONFLICT otherwise,
 * nothing written); channel "self" (the resident) or "staff" (entered on their behalf). */
int proj_objection_add(struct app *app, int64_t selection_id, const char *content,
                       const char *channel, const struct auth_actor *actor, int64_t *id_out,
                       struct err *err);
/* Records the answer to an objection (once: E_CONFLICT when it has one). */
int proj_objection_answer(struct app *app, int64_t selection_id, int64_t objection_id,
                          const char *answer, const struct auth_actor *actor, struct err *err);
/* Adopts a published selection once its window has closed and every objection is answered
 * (E_CONFLICT otherwise): one project per selected proposal, in one transaction. */
int proj_selection_adopt(struct app *app, int64_t id, const struct auth_actor *actor,
                         struct err *err);

/* ---- projects ---- */

struct proj_milestone {
    int64_t id, project_id, weight;
    const char *title, *planned_on, *done_on;
};
struct proj_milestone_in {
    char *title, *planned_on, *done_on;
    int64_t weight;
};
struct proj_note {
    int64_t id, author_id, created_at;
    const char *content, *author_name;
};
struct proj_eval_summary {
    int64_t year, responses;
    int64_t satisfaction[3]; /* satisfied, basically, unsatisfied */
    /* mean per rubric item in hundredths (quality, timeliness, benefit); published only when
     * responses >= PROJ_EVAL_MIN_GROUP */
    int64_t mean_x100[3];
    bool published;
};
struct proj_eval_in {
    int64_t quality, timeliness, benefit;
    char *satisfaction, *comment;
};
struct proj_account {
    int64_t id, project_id, created_at;
    const char *failure, *responsible, *deadline, *outcome, *closed_on;
};
struct proj_account_in {
    char *failure, *responsible, *deadline, *outcome, *closed_on;
};
struct proj_project {
    int64_t id, org_id, year, selection_id, proposal_id, rank, cost_fen, created_at;
    const char *org_name, *title, *body, *status;
    int64_t progress; /* percent, the weighted roll-up of milestones (computed) */
    struct proj_milestone *milestones;
    int64_t nmilestones;
};

/* Progress in percent (0-100, rounded down): done weight over all weight, 0 with no
 * milestones. A milestone counts once done_on is set. */
int64_t proj_progress(const struct proj_milestone *m, int64_t n);
/* The evaluation summary of evaluations e (satisfaction codes s, rubric q/t/b) of one year. */
struct proj_eval_row {
    int64_t quality, timeliness, benefit;
    const char *satisfaction;
};
void proj_eval_summarize(const struct proj_eval_row *e, int64_t n, int64_t year,
                         struct proj_eval_summary *out);

int proj_projects_list(struct app *app, const char *path, int64_t year, bool adopted_only,
                       struct arena *a, struct proj_project **out, int64_t *n_out, struct err *err);
int proj_project_get(struct app *app, int64_t id, struct arena *a, struct proj_project *out,
                     struct err *err);
int proj_milestone_add(struct app *app, int64_t project_id, const struct proj_milestone_in *in,
                       const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Sets or clears a milestone's done date. */
int proj_milestone_done(struct app *app, int64_t project_id, int64_t milestone_id,
                        const char *done_on, const struct auth_actor *actor, struct err *err);
int proj_status_set(struct app *app, int64_t project_id, const char *status,
                    const struct auth_actor *actor, struct err *err);
int proj_note_add(struct app *app, int64_t project_id, const char *content,
                  const struct auth_actor *actor, int64_t *id_out, struct err *err);
int proj_notes(struct app *app, int64_t project_id, struct arena *a, struct proj_note **out,
               int64_t *n_out, struct err *err);
/* One evaluation per account, project and year (E_CONFLICT on a second). */
int proj_evaluate(struct app *app, int64_t project_id, int64_t year, int64_t user_id,
                  const struct proj_eval_in *in, const struct auth_actor *actor, struct err *err);
/* The summaries of a project's evaluations, one per year, oldest first. */
int proj_eval_summaries(struct app *app, int64_t project_id, struct arena *a,
                        struct proj_eval_summary **out, int64_t *n_out, struct err *err);
int proj_account_add(struct app *app, int64_t project_id, const struct proj_account_in *in,
                     const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Records the outcome and closing date of a 问责 record. */
int proj_account_close(struct app *app, int64_t project_id, int64_t id, const char *outcome,
                       const char *closed_on, const struct auth_actor *actor, struct err *err);
int proj_accounts(struct app *app, int64_t project_id, struct arena *a, struct proj_account **out,
                  int64_t *n_out, struct err *err);

/* ---- photos ---- */

struct proj_photo {
    int64_t id, project_id, size, stripped_bytes, uploaded_at;
    const char *file_name, *kind, *content_type;
    const void *data; /* NULL in lists */
};
/* Keeps a photo of a project: JPEG or PNG read from the bytes (upload_check, E_INVALID or
 * E_LIMIT "/file"), its metadata (EXIF position, camera) stripped by the demands area's
 * demand_photo_strip before it is stored. Audited proj.photo. */
int proj_photo_add(struct app *app, int64_t project_id, const char *file_name, const void *data,
                   size_t n, int64_t max_bytes, const struct auth_actor *actor, struct arena *a,
                   int64_t *id_out, struct err *err);
/* The photos of a project without their bytes, oldest first. */
int proj_photos(struct app *app, int64_t project_id, struct arena *a, struct proj_photo **out,
                int64_t *n_out, struct err *err);
/* One photo with its bytes (E_NOT_FOUND "/photo_id"). */
int proj_photo_get(struct app *app, int64_t project_id, int64_t photo_id, struct arena *a,
                   struct proj_photo *out, struct err *err);

/* ---- 问计: proposals put to the vote of a deliberation meeting (projects_ballot.c) ---- */

struct proj_ballot_in {
    char *title, *method;
    int64_t max_choices, max_score, winners;
    bool secret;
    struct proj_proposal_ref *proposals;
    int64_t nproposals;
};
/* A budget ballot in deliberation meeting meeting_id over feasible proposals not yet selected,
 * all of one community and year (E_INVALID "/proposals/i/proposal_id"), the meeting's body at
 * that community or above (E_INVALID "/proposals"); each option carries its proposal's title,
 * cost and id, the budget is the year's (none set: E_INVALID "/proposals"). The deliberation
 * area's checks apply (deliberation_ballot_create). */
int proj_ballot_create(struct app *app, int64_t meeting_id, const struct proj_ballot_in *in,
                       const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                       struct err *err);
/* Fills in->proposals from ballot in->ballot_id's selected proposal options in order: the
 * ballot must be closed and valid (quorum met; E_CONFLICT "/ballot_id"), with at least one
 * proposal selected; listing proposals as well is E_INVALID "/proposals". */
int proj_selection_from_ballot(struct app *app, struct proj_selection_in *in, struct arena *a,
                               struct err *err);
