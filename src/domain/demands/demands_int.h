/* demands_int.h: declarations only the demands folder sees: the workflow table
 * (demands_flow.c, pure: no database, no clock) and the store functions (demands_store.c),
 * which take a connection and never begin or commit. */
#pragma once

#include "domain/demands/demands.h"

struct db_conn;

/* ---- the workflow (demands_flow.c) ---- */

enum demand_class { DEMAND_OPEN, DEMAND_FIXED, DEMAND_CLOSED };

/* What an action needs besides an allowed state. */
#define DEMAND_NEED_HANDLER (1u << 0) /* handler_user_id */
#define DEMAND_NEED_NOTE    (1u << 1) /* a reason or the evidence note */
#define DEMAND_NEED_ANSWER  (1u << 2) /* 满意 / 基本满意 / 不满意 */
#define DEMAND_NEED_OVERDUE (1u << 3) /* only an overdue demand */

/* The class of a state code (open for an unknown one). */
enum demand_class demand_status_class(const char *status);
/* The state an action leads to from status, given the answer of a 回访 (NULL otherwise) and
 * how often the demand was reopened and supervised: 不满意 reopens once, then goes to 督办,
 * and after a 督办 closes with the answer recorded. E_CONFLICT "/action" when the state does
 * not allow the action; *needs_out says what the action requires. to_out is static. */
int demand_flow_next(const char *status, const char *action, const char *answer,
                     int64_t reopen_count, int64_t supervise_level, const char **to_out,
                     unsigned *needs_out, struct err *err);
/* Whether d is overdue at now: open and past its whole deadline or the current hop's, or not
 * yet responded to and past the response deadline. */
bool demand_is_overdue(const struct demand_row *d, int64_t now);

/* ---- the store (demands_store.c) ---- */

struct demand_rule_row {
    const char *rule_id, *category, *valid_from, *confidence, *source;
    int64_t hours;
};
struct demands_org {
    const char *type, *path;
    int64_t tenant_id;
};
/* The mutable part of a demand, written back after an action. */
struct demand_state {
    const char *status, *satisfaction, *satisfaction_reason;
    int64_t handler_user_id, hop_due, due_at, first_response_at, resolved_at, closed_at,
        reopen_count, supervise_level, paused_at, updated_at;
};
struct demand_event_in {
    int64_t demand_id, actor_user_id, handler_user_id, deadline, rule_hours, at;
    const char *action, *from_status, *to_status, *note, *rule_id;
};
struct demand_new {
    int64_t tenant_id, org_id, grid_id, building_id, intake_by, respond_due, due_at, now,
        reporter_person_id;
    const char *org_path, *address, *category, *description, *channel, *reporter_name,
        *reporter_phone, *consent_note;
    bool consent, no_publish;
};

struct demands_home {
    int64_t grid_id, building_id;
    const char *name;
};
/* The grid and building of the household person_id lives in, and their name; E_NOT_FOUND
 * when they are no registered resident or the household has no grid. */
int demands_store_home(struct db_conn *c, int64_t person_id, struct arena *a,
                       struct demands_home *out, struct err *err);
/* How many demands the people of person_id's household submitted themselves since since. */
int demands_store_household_recent(struct db_conn *c, int64_t person_id, int64_t since,
                                   int64_t *n_out, struct err *err);
int demands_store_org(struct db_conn *c, int64_t org_id, struct arena *a, struct demands_org *out,
                      struct err *err);
int demands_store_grids(struct db_conn *c, const struct demands_scope *s, int64_t id,
                        struct arena *a, struct grid_row **out, int64_t *n_out, struct err *err);
int demands_store_grid_org(struct db_conn *c, int64_t grid_id, int64_t *org_id_out,
                           struct err *err);
int demands_store_grid_insert(struct db_conn *c, int64_t tenant_id, const struct grid_in *in,
                              const char *org_path, int64_t now, int64_t *id_out, struct err *err);
int demands_store_workers_clear(struct db_conn *c, int64_t grid_id, struct err *err);
int demands_store_worker_add(struct db_conn *c, int64_t grid_id, int64_t user_id, int64_t now,
                             struct err *err);
/* Whether user_id is an active account holding the 网格员 role at an org on path (the
 * community's path) or above it. */
int demands_store_worker_eligible(struct db_conn *c, int64_t user_id, const char *path,
                                  bool *ok_out, struct err *err);
int demands_store_households(struct db_conn *c, int64_t grid_id, int64_t page, int64_t size,
                             struct arena *a, struct household_row **out, int64_t *n_out,
                             int64_t *total_out, struct err *err);
int demands_store_worker_accounts(struct db_conn *c, const char *path, struct arena *a,
                                  struct account_ref **out, int64_t *n_out, struct err *err);
int demands_store_handlers(struct db_conn *c, const char *path, struct arena *a,
                           struct account_ref **out, int64_t *n_out, struct err *err);
int demands_store_attach(struct db_conn *c, int64_t now, struct err *err);
/* Whether building_id belongs to grid_id. */
int demands_store_building_in_grid(struct db_conn *c, int64_t building_id, int64_t grid_id,
                                   bool *ok_out, struct err *err);

int demands_store_categories(struct db_conn *c, struct arena *a, struct demand_category **out,
                             int64_t *n_out, struct err *err);
/* The enabled rule rows in force on day (valid_from <= day), oldest first. */
int demands_store_rules(struct db_conn *c, const char *day, struct arena *a,
                        struct demand_rule_row **out, int64_t *n_out, struct err *err);
int demands_store_category_update(struct db_conn *c, const char *code,
                                  const struct demand_category *v, int64_t by, int64_t now,
                                  struct err *err);
int demands_store_rule_insert(struct db_conn *c, const char *category, int64_t hours,
                              const char *valid_from, int64_t by, int64_t now, struct err *err);

int demands_store_insert(struct db_conn *c, const struct demand_new *d, int64_t *id_out,
                         struct err *err);
int demands_store_set_number(struct db_conn *c, int64_t id, const char *number, struct err *err);
int demands_store_event(struct db_conn *c, const struct demand_event_in *e, struct err *err);
/* The active accounts of the person who raised demand id (a 居民's own demand): up to 4. */
int demands_store_reporter_accounts(struct db_conn *c, int64_t id, struct arena *a, int64_t **out,
                                    int64_t *n_out, struct err *err);
/* Demands taken in since: by account user_id (address NULL) or at the free address. */
int demands_store_intake_recent(struct db_conn *c, int64_t user_id, const char *address,
                                int64_t since, int64_t *n_out, struct err *err);
struct demand_overdue {
    int64_t id, supervise_level;
    const char *org_path;
};
/* Up to 200 demands overdue at now (open, not paused), oldest first. */
int demands_store_overdue(struct db_conn *c, int64_t now, struct arena *a,
                          struct demand_overdue **out, int64_t *n_out, struct err *err);
int demands_store_assist_insert(struct db_conn *c, const struct demand_assist *x, struct err *err);
/* Records user_id's reply to their open 协办 of demand_id; *found_out false when there is none. */
int demands_store_assist_reply(struct db_conn *c, int64_t demand_id, int64_t user_id,
                               const char *reply, int64_t now, bool *found_out, struct err *err);
int demands_store_assists(struct db_conn *c, int64_t demand_id, struct arena *a,
                          struct demand_assist **out, int64_t *n_out, struct err *err);
/* Whether grid worker worker_id handles demand id (its handler, or it lies on their grid), not
 * only helps with it (协办). */
int demands_store_worker_handles(struct db_conn *c, int64_t id, int64_t worker_id, bool *out,
                                 struct err *err);
int demands_store_update(struct db_conn *c, int64_t id, const struct demand_state *s,
                         struct err *err);
int demands_store_get(struct db_conn *c, const struct demands_scope *s, int64_t id, struct arena *a,
                      struct demand_row *out, struct err *err);
int demands_store_org_of(struct db_conn *c, int64_t id, int64_t *org_id_out, struct err *err);
int demands_store_events(struct db_conn *c, int64_t id, struct arena *a, struct demand_event **out,
                         int64_t *n_out, struct err *err);
int demands_store_page(struct db_conn *c, const struct demands_scope *s,
                       const struct demand_filter *f, int64_t from_at, int64_t to_at, int64_t now,
                       struct arena *a, struct demand_row **out, int64_t *n_out, int64_t *total_out,
                       struct err *err);
/* Stats grouped by mode: 0 the total, 1 per grid, 2 per child org of the scope root (root_id),
 * 3 per category (id: its sort order, name: its name), 4 per month of intake (id 202612, name
 * "2026-12", Beijing time). */
int demands_store_stats(struct db_conn *c, const struct demands_scope *s, int mode, int64_t root_id,
                        int64_t from_at, int64_t to_at, int64_t now, struct arena *a,
                        struct demand_stat **out, int64_t *n_out, struct err *err);

/* ---- the demo (demands_demo.c) ---- */

/* Marks every demand as demo data (DATA.md DEMO-FLAG). */
int demands_store_demo_mark(struct db_conn *c, struct err *err);
int demands_store_demo_logins(struct db_conn *c, int64_t community_org_id, int64_t worker_id,
                              int64_t cadre_id, struct err *err);

/* ---- photos ---- */

int demands_store_photo_insert(struct db_conn *c, const struct demand_photo *p, int64_t *id_out,
                               struct err *err);
/* The photos of demand_id (photo_id 0: all, without bytes; else that one with its bytes). */
int demands_store_photos(struct db_conn *c, int64_t demand_id, int64_t photo_id, struct arena *a,
                         struct demand_photo **out, int64_t *n_out, struct err *err);

/* ---- the public board (demands_redact.c, demands_public_store.c) ---- */

/* text with the given names, a surname before a form of address, and numbers that reach a
 * person or a door replaced (see demands_redact.c); full-width digits are folded first.
 * NULL for NULL. Pure. */
char *demand_redact(const char *text, const char *const *names, size_t nnames, struct arena *a);
/* Hides every cell with total under min_count, and when that hides exactly one cell of
 * several, the next smallest too (the published total would give the lone one away); hides
 * the rate of a cell with fewer answers than min_count. Pure. */
void demand_public_suppress(struct demand_public_count *c, int64_t n, int64_t min_count);

int demands_store_public_page(struct db_conn *c, const struct demand_public_filter *f,
                              struct arena *a, struct demand_public **out, int64_t *n_out,
                              int64_t *total_out, struct err *err);
/* Names that must not appear in text published about d (see the SQL). */
int demands_store_public_names(struct db_conn *c, const struct demand_public *d, const char *text,
                               struct arena *a, const char ***out, int64_t *n_out, struct err *err);
int demands_store_public_counts(struct db_conn *c, const struct demand_public_filter *f,
                                enum demand_public_key key, struct arena *a,
                                struct demand_public_count **out, int64_t *n_out, struct err *err);
int demands_store_public_org(struct db_conn *c, int64_t org_id, struct arena *a,
                             const char **path_out, const char **name_out, struct err *err);
