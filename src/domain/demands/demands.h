/* demands.h: the demands area's service, the only header other areas may include: grid
 * geography (网格 → 楼栋 → 户 of a community, the grid workers who work a grid) and resident
 * demands (群众诉求, 接诉即办): intake with consent, the workflow (states with a class, one
 * transition table, a deadline per hop from versioned rule rows), and the 响应率 / 解决率 /
 * 满意率 statistics. It does not touch HTTP; SQL lives in demands_store.c. */
#pragma once

#include "core/compat.h"

struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct err;
struct app;

/* The area's change counter (migration 0023_demands): its tables' triggers move it. */
extern const struct change_counter DEMANDS_COUNTER;
/* The area's demo hook (demands_demo.c), listed in its module row. */
extern const struct demo_hook DEMANDS_DEMO;

/* Code and label tables (NULL-terminated, served at GET /api/meta). */
extern const char *const DEMAND_STATUSES[], *const DEMAND_STATUS_LABELS[];
extern const char *const DEMAND_ACTIONS[], *const DEMAND_ACTION_LABELS[];
extern const char *const DEMAND_CHANNELS[], *const DEMAND_CHANNEL_LABELS[];
extern const char *const DEMAND_ANSWERS[], *const DEMAND_ANSWER_LABELS[];
extern const char *const DEMAND_HANDLERS[], *const DEMAND_HANDLER_LABELS[];
extern const char *const DEMAND_CLASSES[], *const DEMAND_CLASS_LABELS[];

/* "open", "fixed" or "closed": the class of a state code (demands_flow.c). */
const char *demand_class_of(const char *status);

/* What a caller may see: the org subtree (path) and, for a caller who holds the permission
 * only as a grid worker, their own account id (worker_id): then only the grids they work and
 * the demands dispatched to them. worker_id 0: the whole subtree. */
struct demands_scope {
    const char *path;
    int64_t worker_id;
    int64_t person_id; /* a 居民's own demands only (0: any) */
};

/* ---- grids ---- */

struct grid_worker_ref {
    int64_t grid_id, user_id;
    const char *name;
};
struct grid_row {
    int64_t id, org_id;
    const char *org_name, *name, *note;
    int64_t buildings, households, residents, open_demands;
    struct grid_worker_ref *workers;
    int64_t nworkers;
};
struct grid_in {
    int64_t org_id;
    char *name, *note;
};
struct grid_worker_item {
    int64_t user_id;
};
struct grid_workers_in {
    struct grid_worker_item *workers;
    int64_t nworkers;
};
struct household_row {
    int64_t id, grid_id, building_id, residents;
    const char *building, *unit, *room, *address, *head_name;
};
struct account_ref {
    int64_t user_id;
    const char *name, *org_name;
};

int grids_list(struct app *app, const struct demands_scope *s, struct arena *a,
               struct grid_row **out, int64_t *n_out, struct err *err);
/* One grid (E_NOT_FOUND "/id" when it is missing or outside s). */
int grid_get(struct app *app, const struct demands_scope *s, int64_t id, struct arena *a,
             struct grid_row *out, struct err *err);
/* The org a grid belongs to, for the route's scope check (E_NOT_FOUND when none). */
int grid_org(struct app *app, int64_t grid_id, int64_t *org_id_out, struct err *err);
/* Creates a grid of a community org: E_INVALID "/org_id" for an org that is not a 社区,
 * E_CONFLICT "/name" for a name the community already has. Audited grid.create. */
int grid_create(struct app *app, const struct grid_in *in, const struct auth_actor *actor,
                struct arena *a, int64_t *id_out, struct err *err);
/* Replaces the grid's workers: each account must hold the 网格员 role at the grid's community
 * or above (E_INVALID "/workers/i/user_id"). One transaction, audited grid.workers. */
int grid_workers_set(struct app *app, int64_t grid_id, const struct grid_workers_in *in,
                     const struct auth_actor *actor, struct arena *a, struct err *err);
/* The households of a grid, a page at a time, ordered by building and room. */
int grid_households(struct app *app, int64_t grid_id, int64_t page, int64_t size, struct arena *a,
                    struct household_row **out, int64_t *n_out, int64_t *total_out,
                    struct err *err);
/* Accounts holding the 网格员 role at an org in the subtree path or above it (candidates for a
 * grid, and handlers for a demand there). */
int grid_worker_accounts(struct app *app, const char *path, struct arena *a,
                         struct account_ref **out, int64_t *n_out, struct err *err);
/* Gives every household without a grid one from its grid and building text (the same rule
 * as migration 0023); the demo calls it after generating the street. */
int grids_attach_households(struct app *app, struct err *err);

/* ---- categories and rules ---- */

struct demand_rule_ref {
    const char *rule_id, *valid_from, *confidence, *source;
    int64_t hours;
};
struct demand_category {
    const char *code, *name, *default_handler;
    int64_t sort;
    bool enabled;
    struct demand_rule_ref sla; /* DEM-SLA in force today */
};
struct demand_category_in {
    char *name, *default_handler, *valid_from;
    int64_t sla_hours, sort;
    bool enabled;
};
/* The catalog with each category's DEM-SLA row in force today, and the general rules
 * (DEM-RESPOND, DEM-HOP, DEM-VISIT) in force today. */
int demand_categories(struct app *app, struct arena *a, struct demand_category **out,
                      int64_t *n_out, struct demand_rule_ref **rules_out, int64_t *nrules_out,
                      struct err *err);
/* Changes a category (present says which fields came): name, handler, order and on/off are
 * edited in place; a new sla_hours is a new DEM-SLA rule row from valid_from (default today,
 * E_CONFLICT "/valid_from" when that date already has a row). Audited demand.category. */
int demand_category_update(struct app *app, const char *code, const struct demand_category_in *in,
                           uint64_t present, const struct auth_actor *actor, struct arena *a,
                           struct err *err);

/* ---- demands ---- */

struct demand_in {
    char *category, *description, *address, *channel, *reporter_name, *reporter_phone,
        *consent_note;
    int64_t grid_id, building_id, org_id;
    int64_t reporter_person_id; /* set by demand_submit_own, never from a staff request */
    int64_t own_per_day;        /* demand_submit_own: the household's cap in 24 hours, 0: none */
    bool consent, no_publish;
};
struct demand_row {
    int64_t id, org_id, grid_id, building_id, intake_by, handler_user_id;
    const char *number, *org_name, *grid_name, *building_name, *address, *category, *category_name,
        *description, *status, *channel, *reporter_name, *reporter_phone, *consent_note,
        *intake_name, *handler_name, *satisfaction, *satisfaction_reason, *org_path;
    bool consent, no_publish;
    int64_t respond_due, hop_due, due_at, first_response_at, resolved_at, closed_at, reopen_count,
        supervise_level, created_at, updated_at;
    int64_t paused_at; /* clocks paused since (0: running) */
    bool overdue;      /* open, not paused, and past the hop or the whole deadline (on read) */
    bool respond_late; /* not yet responded and past respond_due */
};
struct demand_event {
    int64_t id, actor_user_id, handler_user_id, deadline, rule_hours, at;
    const char *action, *from_status, *to_status, *actor_name, *handler_name, *note, *rule_id;
};
struct demand_filter {
    int64_t grid_id, handler_user_id;
    const char *status, *category, *from, *to; /* from/to: YYYY-MM-DD of intake, inclusive */
    bool overdue;
    int64_t page, size;
};
struct demand_action_in {
    char *action, *note, *answer;
    int64_t handler_user_id;
};

/* Takes a demand in: the category must exist and be on (E_INVALID "/category"), a grid in
 * the caller's scope (E_NOT_FOUND "/grid_id") or a free address, a building of that grid;
 * a phone or name of the resident only with consent recorded (E_INVALID "/consent"). The
 * clocks come from the rule rows in force today. One transaction: the demand, its first
 * event (intake) and the audit row. Gives the new id and number. */
int demand_create(struct app *app, const struct demands_scope *s, const struct demand_in *in,
                  const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                  const char **number_out, struct err *err);
/* A 居民's own demand (channel web): placed on the grid and building of the household the
 * person lives in (E_INVALID "" when they have none: a 网格员 takes it in instead), their
 * name recorded with consent given by submitting. E_THROTTLED when the household's people
 * submitted demands.own_per_day in the last 24 hours. */
int demand_submit_own(struct app *app, int64_t person_id, struct demand_in *in,
                      const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                      const char **number_out, struct err *err);
int demands_list(struct app *app, const struct demands_scope *s, const struct demand_filter *f,
                 struct arena *a, struct demand_row **out, int64_t *n_out, int64_t *total_out,
                 struct err *err);
/* One demand with its history (E_NOT_FOUND when missing or outside s). */
int demand_get(struct app *app, const struct demands_scope *s, int64_t id, struct arena *a,
               struct demand_row *out, struct demand_event **events_out, int64_t *nevents_out,
               struct err *err);
/* The org of a demand, for the route's scope check. */
int demand_org(struct app *app, int64_t id, int64_t *org_id_out, struct err *err);
/* Applies an action through the transition table (demands_flow.c): E_CONFLICT "/action" when
 * the demand's state does not allow it, E_INVALID with the field for a missing handler, note
 * or answer. One transaction: the demand, its event and the audit row. Gives the new state. */
int demand_act(struct app *app, const struct demands_scope *s, int64_t id,
               const struct demand_action_in *in, const struct auth_actor *actor, struct arena *a,
               const char **status_out, struct err *err);
/* The tick hook (demands_escalate.c): every demand overdue and not paused goes to 督办 at the
 * next level up from its community (the street first, then the district, ...), once per
 * level, by the system with the supervising org named in the step's note; a demand already
 * supervised by the top org is left. On when demands.auto_supervise is. */
extern const struct tick_hook DEMANDS_ESCALATE;
int demands_escalate(struct app *app, struct err *err);

/* Accounts a demand may be dispatched or transferred to: 网格员 and org admins (and the
 * platform admin) holding a grant at its community, above it or below it. */
int demand_handlers(struct app *app, int64_t id, struct arena *a, struct account_ref **out,
                    int64_t *n_out, struct err *err);

/* One 协办: a helper asked beside the main handler, with the reason, deadline and reply. */
struct demand_assist {
    int64_t id, demand_id, user_id, due_at, asked_by, asked_at, done_at;
    const char *note, *reply, *name, *asked_by_name;
};
/* The helpers asked on a demand, oldest first. */
int demand_assists(struct app *app, int64_t demand_id, struct arena *a, struct demand_assist **out,
                   int64_t *n_out, struct err *err);

/* ---- statistics ---- */

/* The counts behind the rates of one group (docs/demands.md has the definitions). */
struct demand_stat {
    int64_t id;       /* grid or org id; 0 for the total */
    const char *name; /* grid or org name */
    int64_t total, responded_in_time, resolved, visited, satisfied, overdue, closed, close_seconds;
};
/* The stats of demands taken in from..to (YYYY-MM-DD, inclusive) under s: the total, one row
 * per grid, one per child org of the scope root (rolled up over its subtree) and one per
 * category. */
struct demand_stats {
    struct demand_stat total, *grids, *orgs, *categories, *months;
    int64_t ngrids, norgs, ncategories, nmonths;
};
int demand_stats(struct app *app, const struct demands_scope *s, const char *from, const char *to,
                 struct arena *a, struct demand_stats *out, struct err *err);

/* `dangjian demo`, once its logins exist: the 网格员 login works the first two grids of the
 * demo community and is the handler and closer of their dispatched demands; the community's
 * cadre login is the actor of the other demo steps there. */
int demands_demo_logins(struct app *app, int64_t community_org_id, int64_t worker_id,
                        int64_t cadre_id, struct err *err);

/* ---- photos (demands_photo.c) ---- */

struct demand_photo {
    int64_t id, demand_id, size, stripped_bytes, uploaded_by, uploaded_at;
    const char *file_name, *kind, *content_type, *uploaded_by_name;
    const void *data; /* NULL in lists */
};
/* Keeps a photo of demand_id (in s; E_NOT_FOUND otherwise): PNG or JPEG read from the bytes
 * (E_INVALID "/file"), at most demands.photo_max_bytes (E_LIMIT), its metadata stripped
 * (demand_photo_strip) before it is stored. Audited demand.photo with the stored bytes' hash. */
int demand_photo_add(struct app *app, const struct demands_scope *s, int64_t demand_id,
                     const char *file_name, const void *data, size_t n,
                     const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                     struct err *err);
/* The photos of a demand without their bytes, oldest first. */
int demand_photos(struct app *app, int64_t demand_id, struct arena *a, struct demand_photo **out,
                  int64_t *n_out, struct err *err);
/* One photo with its bytes (E_NOT_FOUND "/photo_id"). */
int demand_photo_get(struct app *app, int64_t demand_id, int64_t photo_id, struct arena *a,
                     struct demand_photo *out, struct err *err);
/* The image of kind ("jpeg", "png") at data without its metadata, into a new buffer from a:
 * JPEG APP1-APP15 (an ICC profile in APP2 kept) and comments, PNG eXIf, tEXt, zTXt, iTXt and
 * tIME chunks; E_INVALID "/file" for a damaged file. Pure. */
int demand_photo_strip(const char *kind, const void *data, size_t n, struct arena *a,
                       const void **out, size_t *n_out, struct err *err);

/* ---- the public board and the Open311 read API (demands_public.c) ---- */

/* A demand as published: nothing that names or reaches a person. summary and reply are the
 * description and the latest 办结 note after demand_redact; the reporter's fields are read
 * only to redact and never published. */
struct demand_public {
    int64_t id, org_id, reporter_person_id, created_at, first_response_at, resolved_at, closed_at,
        updated_at, due_at;
    const char *number, *category, *category_name, *org_name, *org_path, *grid_name, *status,
        *summary, *reporter_name, *satisfaction, *reply;
};
/* Which published demands (no_publish 0): the subtree path, the states as a comma list
 * (",closed," — NULL: any), a category and a number (NULL: any), created in [from_at, to_at). */
struct demand_public_filter {
    const char *path, *statuses, *category, *number;
    int64_t from_at, to_at, page, size;
};
enum demand_public_key { DEMAND_BY_ORG, DEMAND_BY_GRID, DEMAND_BY_CATEGORY };
/* One cell of a published breakdown. suppressed: total under the board's minimum (or hidden
 * so that a lone small cell cannot be worked out from the rest); rate_hidden: fewer 回访
 * answers than the minimum, so no 满意率. Hidden numbers are zeroed, not just flagged. */
struct demand_public_count {
    int64_t id, total, visited, satisfied;
    const char *code, *name;
    bool suppressed, rate_hidden;
};

/* A page of published demands, newest first, each redacted (demand_redact with the names of
 * the reporter, the community's residents and members and staff found in its text). */
int demands_public_list(struct app *app, const struct demand_public_filter *f, struct arena *a,
                        struct demand_public **out, int64_t *n_out, int64_t *total_out,
                        struct err *err);
/* The filter's demands counted by community, grid or category, cells under min_count
 * suppressed (demand_public_suppress). */
int demands_public_counts(struct app *app, const struct demand_public_filter *f,
                          enum demand_public_key key, int64_t min_count, struct arena *a,
                          struct demand_public_count **out, int64_t *n_out, struct err *err);
/* The path and name of an org that exists (E_NOT_FOUND "/org" otherwise). */
int demands_public_org(struct app *app, int64_t org_id, struct arena *a, const char **path_out,
                       const char **name_out, struct err *err);
/* Epoch seconds of 00:00 in Asia/Shanghai on day (YYYY-MM-DD); def when day is NULL or no date. */
int64_t demands_day_start(const char *day, int64_t def);
