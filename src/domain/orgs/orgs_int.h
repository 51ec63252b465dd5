/* orgs_int.h: rows and store functions of the orgs area (orgs_store.c, orgs_terms_store.c,
 * orgs_stats_store.c) and the helpers its service files share (orgs.c, _read, _terms,
 * _stats, orgs_units.c); seen by src/domain/orgs only. Store functions take a connection;
 * the service owns the transaction. */
#pragma once

#include "core/json.h"

#include "domain/orgs/orgs.h"

struct org_row {
    int64_t id, tenant_id, parent_id, depth;
    const char *path, *type, *name, *short_name, *founded_on, *dissolved_on;
};

int org_store_get(struct db_conn *c, int64_t id, struct arena *a, struct org_view *out,
                  struct err *err);
int org_store_row(struct db_conn *c, int64_t id, struct arena *a, struct org_row *out,
                  struct err *err);
int org_store_insert(struct db_conn *c, const struct org_in *in, const struct org_row *parent,
                     int64_t now, int64_t *id_out, struct err *err);
/* Sets the path, depth and tenant of a freshly inserted org. */
int org_store_set_path(struct db_conn *c, int64_t id, const char *path, int64_t depth,
                       int64_t tenant_id, struct err *err);
int org_store_update(struct db_conn *c, int64_t id, const struct org_in *in, int64_t now,
                     struct err *err);
int org_store_rename(struct db_conn *c, int64_t id, const char *name, const char *short_name,
                     int64_t now, struct err *err);
/* Moves the subtree at old_path under new_parent: paths and depths of orgs and members. */
int org_store_move(struct db_conn *c, int64_t id, int64_t new_parent, const char *old_path,
                   const char *new_path, int64_t depth_delta, int64_t now, struct err *err);
int org_store_dissolve(struct db_conn *c, int64_t id, const char *on, int64_t now, struct err *err);
/* Active members (probationary, full) and undissolved descendants in the subtree at path. */
int org_store_subtree_busy(struct db_conn *c, const char *path, int64_t self, int64_t *members_out,
                           int64_t *orgs_out, struct err *err);
/* *id_out (may be NULL) receives the new event's id. */
int org_store_event_insert(struct db_conn *c, int64_t tenant_id, int64_t org_id,
                           const struct org_event_in *in, const char *old_name,
                           const char *old_short, int64_t old_parent, int64_t user_id, int64_t now,
                           int64_t *id_out, struct err *err);
int org_store_last_event_date(struct db_conn *c, int64_t org_id, struct arena *a, const char **out,
                              struct err *err);
/* The ancestors of the org at path (id and name only), root first. */
int org_store_ancestors(struct db_conn *c, const char *path, struct arena *a, struct org_name **out,
                        int64_t *n_out, struct err *err);
int org_store_events(struct db_conn *c, int64_t org_id, struct arena *a,
                     struct org_event_view **out, int64_t *n_out, struct err *err);

int org_store_page(struct db_conn *c, const struct org_query *q, const char *upper,
                   const char *like, struct arena *a, struct org_view **out, int64_t *n_out,
                   int64_t *total_out, struct err *err);
int org_store_children(struct db_conn *c, int64_t id, bool include_dissolved, struct arena *a,
                       struct org_view **out, int64_t *n_out, struct err *err);
int org_store_names(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                    struct org_name **out, int64_t *n_out, struct err *err);

/* Every org of a tenant (for the tree replay), and events after a date. */
struct org_tree_row {
    int64_t id, parent_id;
    const char *type, *name, *short_name, *founded_on, *dissolved_on;
    int64_t members;
};
int org_store_tenant_orgs(struct db_conn *c, int64_t tenant_id, bool with_members, struct arena *a,
                          struct org_tree_row **out, int64_t *n_out, struct err *err);
struct org_undo {
    int64_t org_id;
    const char *kind, *old_name, *old_short_name;
    int64_t old_parent_id;
};
/* Events of the tenant effective after date, newest first (to undo in order). */
int org_store_events_after(struct db_conn *c, int64_t tenant_id, const char *date, struct arena *a,
                           struct org_undo **out, int64_t *n_out, struct err *err);

/* Terms. */
int org_store_in_community(struct db_conn *c, const char *path, bool *out, struct err *err);
int org_store_rule(struct db_conn *c, const char *type, bool in_community, const char *on,
                   int64_t *rule_id_out, int64_t *years_out, struct err *err);
int org_store_term_close(struct db_conn *c, int64_t org_id, const char *on, struct err *err);
int org_store_term_insert(struct db_conn *c, int64_t tenant_id, int64_t org_id,
                          const struct org_term_in *in, int64_t years, const char *ends_on,
                          int64_t rule_id, int64_t now, int64_t *id_out, struct err *err);
int org_store_post_insert(struct db_conn *c, int64_t term_id, int64_t org_id, int64_t member_id,
                          const char *post, const char *started_on, int64_t now, struct err *err);
/* The org path of an active member; E_NOT_FOUND otherwise. */
int org_store_member_path(struct db_conn *c, int64_t member_id, struct arena *a, const char **out,
                          struct err *err);
int org_store_terms(struct db_conn *c, int64_t org_id, struct arena *a, struct org_term_view **out,
                    int64_t *n_out, struct err *err);

/* Advisories and statistics. */
struct org_branch_size {
    int64_t id;
    const char *name;
    int64_t full, active;
    bool committee;
};
int org_store_branch_sizes(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                           struct org_branch_size **out, int64_t *n_out, struct err *err);
struct org_term_due {
    int64_t org_id;
    const char *org_name, *ends_on;
};
/* Current terms in the subtree ending before `before`. */
int org_store_terms_ending(struct db_conn *c, const char *path, const char *upper,
                           const char *before, struct arena *a, struct org_term_due **out,
                           int64_t *n_out, struct err *err);
/* One subtree counter of member_stat: how many members have key in dimension dim ("status",
 * "category", "gender", "education", "age" — a0 … a6 by the six birth-date bounds, newest
 * first, or "unknown" — and "joined", the year). */
struct org_stat_row {
    const char *dim, *key;
    int64_t n;
};
/* The subtree counters of org_id (rows with n > 0). */
int org_store_stat_read(struct db_conn *c, int64_t org_id, const char *const bounds[6],
                        struct arena *a, struct org_stat_row **out, int64_t *n_out,
                        struct err *err);
/* Recomputes every counter from the members (in the caller's transaction). */
int org_store_stat_rebuild(struct db_conn *c, struct err *err);
/* Up to limit counters whose stored value differs from a recount. */
int org_store_stat_diff(struct db_conn *c, int64_t limit, struct arena *a,
                        struct org_stat_diff **out, int64_t *n_out, struct err *err);
/* Undissolved orgs of the subtree by type (key = type, label = type until labelled). */
int org_store_type_counts(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                          struct org_count **out, int64_t *n_out, struct err *err);

/* One audit row for a change in the orgs area (orgs.c), in the caller's transaction, with
 * the digest of before and after (audit_change_digest; it takes both references; both NULL:
 * no digest). */
int audit_org(struct db_conn *c, const struct auth_actor *actor, const char *action,
              const char *target_type, int64_t target, int64_t org_id, json_t *before,
              json_t *after, struct err *err);

/* Unit links (orgs_units_store.c). */
int org_store_units(struct db_conn *c, int64_t org_id, struct arena *a, struct org_unit_view **out,
                    int64_t *n_out, struct err *err);
/* E_NOT_FOUND unless link id belongs to org_id. */
int org_store_unit_get(struct db_conn *c, int64_t org_id, int64_t id, struct arena *a,
                       struct org_unit_view *out, struct err *err);
/* Whether org_id already has a current (not left) link of this kind to a unit of this name. */
int org_store_unit_active(struct db_conn *c, int64_t org_id, const char *kind, const char *name,
                          bool *out, struct err *err);
int org_store_unit_insert(struct db_conn *c, int64_t org_id, const struct org_unit_in *in,
                          int64_t now, int64_t *id_out, struct err *err);
int org_store_unit_leave(struct db_conn *c, int64_t id, const char *left_on, struct err *err);
/* The orgs the demo links units to (streets, community committees, general branches), by id;
 * short_name "" when unset; from a. */
struct org_unit_demo_org {
    int64_t id;
    const char *type, *short_name, *founded_on;
};
int org_store_unit_demo_orgs(struct db_conn *c, struct arena *a, struct org_unit_demo_org **out,
                             int64_t *n_out, struct err *err);
/* The demo street's 成立 events, current terms, their 书记 and committee posts, set-based
 * (orgs_demo_store.c); terms are elected on a spread of dates up to today. */
int org_store_demo_terms(struct db_conn *c, const char *today, int64_t now, struct err *err);

/* orgs.c: the index of a type in ORG_TYPES (-1: none); "" as NULL, so that a cleared field
 * reads as null in an audit digest. */
int org_type_index(const char *type);
const char *org_nz(const char *s);
