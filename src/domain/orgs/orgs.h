/* orgs.h: the organization network: the org tree (materialized paths), change history
 * events (成立, 更名, 隶属调整, 撤销) and the tree as of a past date, terms and posts with term
 * lengths from versioned rule rows, RULES.md §3.1 advisories and subtree statistics.
 * Nothing here knows about HTTP (orgs_http.c) or checks permissions: callers pass an org the
 * caller may see and check writes with auth_can. */
#pragma once

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct db_conn;
struct err;

/* The 'roster' change counter (migration 0005, domain/cache/cache.h): moved by every change to
 * the org network and the roster (org, org_term, org_post, member, member_tag, a member's
 * person). Answers derived from them (member lists, statistics, org paths) are kept under it. */
extern const struct change_counter ORGS_ROSTER;
/* The area's demo hooks: 成立 events, terms and posts, and subtree statistics once the demo
 * street is in (orgs_demo.c); the units linked to its streets and communities
 * (orgs_units_demo.c). */
struct demo_hook;
extern const struct demo_hook ORGS_DEMO_TERMS, ORGS_DEMO_STATS;
extern const struct demo_hook ORG_UNITS_DEMO;

/* Org types (codes) and their zh-CN labels, NULL-terminated, same order. */
extern const char *const ORG_TYPES[]; /* district street community_committee … group */
extern const char *const ORG_TYPE_LABELS[]; /* 区委组织部 街道党工委 社区党委 … 党小组 */
const char *org_type_label(const char *type);
/* Whether an org of type child may sit directly under one of type parent (the one rule that
 * org creation, moves and the page's 新建下级组织 choices follow). */
bool org_type_fits(const char *parent, const char *child);

struct org_view {
    int64_t id, parent_id; /* parent_id 0: a root */
    const char *path;
    int64_t depth;
    const char *type, *type_label, *name, *short_name, *code, *founded_on, *dissolved_on;
    const char *contact_name, *contact_phone, *address, *area;
    int64_t children; /* direct children not dissolved */
    int64_t members;  /* members whose org_id is this org (not the subtree) */
    int64_t created_at, updated_at;
};

/* One org (dissolved ones too). E_NOT_FOUND when missing. Memory from a. */
int org_get(struct app *app, int64_t id, struct arena *a, struct org_view *out, struct err *err);

/* Every org not dissolved in the subtree at scope_path (NULL: all), by id, with the names a
 * 所在党组织 cell may use (name or short name), for callers resolving many names at once (the
 * importer, one query instead of one per name). *out holds *n_out rows from a. */
struct org_name {
    int64_t id;
    const char *name, *short_name, *path; /* short_name NULL when none */
};
int org_names_in_scope(struct db_conn *c, const char *scope_path, struct arena *a,
                       struct org_name **out, int64_t *n_out, struct err *err);

/* The ancestors of the org at path, root first: id and name only (short_name, path NULL).
 * Whoever may read an org may read these names (a community's 上级组织), nothing more. */
int org_ancestors(struct app *app, const char *path, struct arena *a, struct org_name **out,
                  int64_t *n_out, struct err *err);

/* The path of an org, from a (E_NOT_FOUND). Usable inside a caller's transaction. */
int org_path_of(struct db_conn *c, int64_t id, struct arena *a, const char **path_out,
                struct err *err);

/* Input for create and change; strings arena-owned, NULL = absent / unchanged. */
struct org_in {
    int64_t parent_id;
    char *type, *name, *short_name, *code, *founded_on, *contact_name, *contact_phone, *address,
        *area;
    char *doc_no; /* 文号 of the founding document, recorded on the 成立 event */
};

/* Creates a child of in->parent_id (or a root when 0: platform admin only, checked by the
 * caller) and records its 成立 event; audited. Type must fit under the parent's type. */
int org_create(struct app *app, const struct org_in *in, const struct auth_actor *actor,
               int64_t *id_out, struct err *err);
/* Changes plain fields (short name, code, contact, address, area, founded_on, type). A name
 * change or a move goes through org_event_add so the history stays complete; E_INVALID
 * ("/name", "/parent_id") if asked here. Audited. */
int org_update(struct app *app, int64_t id, const struct org_in *in, const struct auth_actor *actor,
               struct err *err);

/* Lists: the orgs in the subtree at path (search by q in name, type filter), paged. */
struct org_query {
    const char *path;
    const char *q, *type;
    bool include_dissolved;
    int64_t page, size;
};
int org_list(struct app *app, const struct org_query *q, struct arena *a, struct org_view **out,
             int64_t *n_out, int64_t *total_out, struct err *err);
/* Direct children of id (not dissolved, unless include_dissolved), by name. */
int org_children(struct app *app, int64_t id, bool include_dissolved, struct arena *a,
                 struct org_view **out, int64_t *n_out, struct err *err);

/* A node of the tree; children in name order. */
struct org_node {
    int64_t id, parent_id;
    const char *type, *type_label, *name, *short_name;
    int64_t members; /* in this org's own roster (today's tree only; 0 for past dates) */
    struct org_node **children;
    int64_t nchildren;
};
/* The subtree under root as it was at the end of as_of (YYYY-MM-DD; NULL: today): names
 * and parents replayed from org_event, orgs founded later or dissolved by then left out.
 * max_depth limits the levels below root (0: all). E_NOT_FOUND when root did not exist on
 * that date. */
int org_tree(struct app *app, int64_t root, const char *as_of, int64_t max_depth, struct arena *a,
             struct org_node **out, struct err *err);

/* Change events. kind: "found" 成立, "rename" 更名, "move" 隶属调整, "dissolve" 撤销. */
extern const char *const ORG_EVENT_KINDS[];
extern const char *const ORG_EVENT_KIND_LABELS[]; /* zh-CN, same order */
struct org_event_in {
    char *kind, *effective_on, *doc_no, *note;
    char *new_name, *new_short_name; /* rename */
    int64_t new_parent_id;           /* move; the caller checks write access at the target */
};
/* Applies the event to the org (rename / move with its subtree and members' org_path /
 * dissolve when no active member or child remains) and records it; audited. */
int org_event_add(struct app *app, int64_t org_id, const struct org_event_in *in,
                  const struct auth_actor *actor, int64_t *event_id_out, struct err *err);
struct org_event_view {
    int64_t id, org_id;
    const char *kind, *kind_label, *effective_on, *doc_no, *note;
    const char *old_name, *new_name;
    int64_t old_parent_id, new_parent_id;
    int64_t created_at;
    const char *old_parent_name, *new_parent_name; /* names only; NULL when no parent */
};
int org_events(struct app *app, int64_t org_id, struct arena *a, struct org_event_view **out,
               int64_t *n_out, struct err *err);

/* Terms (换届) and posts. The term length comes from the org_rule row in force on the
 * election date for the org's type (RULES.md §3.2: 5 years community orgs, 3 other). */
struct org_post_view {
    int64_t id, term_id, member_id;
    const char *post, *person_name; /* post: 书记 副书记 组织委员 宣传委员 纪检委员 … */
    const char *started_on, *ended_on;
};
struct org_term_view {
    int64_t id, org_id;
    const char *elected_on, *ends_on, *doc_no, *note;
    int64_t years;
    bool current, expired;
    struct org_post_view *posts;
    int64_t nposts;
};
struct org_post_in {
    char *post;
    int64_t member_id;
};
struct org_term_in {
    char *elected_on, *doc_no, *note;
    struct org_post_in *posts;
    int64_t nposts;
};
/* Records a new term (ending the current one) with its posts; members must belong to the
 * org's subtree. Audited. */
int org_term_add(struct app *app, int64_t org_id, const struct org_term_in *in,
                 const struct auth_actor *actor, int64_t *term_id_out, struct err *err);
/* Terms of the org, newest first, each with its posts. */
int org_terms(struct app *app, int64_t org_id, struct arena *a, struct org_term_view **out,
              int64_t *n_out, struct err *err);

/* RULES.md §3.1 advisories for the subtree at path (warnings, never errors). */
struct org_advisory {
    int64_t org_id;
    const char *org_name;
    const char *code;    /* "BRANCH-TOO-SMALL", "BRANCH-NEEDS-COMMITTEE", "BRANCH-TOO-LARGE",
                            "TERM-EXPIRED" */
    const char *rule;    /* the RULES.md rule: "ORG-BRANCH", "ORG-COMMITTEE", "ORG-SIZE",
                            "TERM-SHIFT" */
    const char *message; /* zh-CN, in words (no rule code) */
};
/* self_only: the org's own advisories only (its page), not its subtree's. */
int org_advisories(struct app *app, const char *path, bool self_only, struct arena *a,
                   struct org_advisory **out, int64_t *n_out, struct err *err);

/* Dashboard numbers for the subtree at path. Each breakdown is (key, label, count). */
struct org_count {
    const char *key, *label;
    int64_t n;
};
/* terms_expiring: current terms of live orgs ending from today to six months ahead;
 * terms_expired: current terms already past their end (TERM-EXPIRED advisories);
 * terms_due: both together (the dashboard's 即将或已到期换届). */
struct org_stats {
    int64_t members, probationary, new_this_year, terms_expiring, terms_expired, terms_due,
        advisories;
    /* by_status: the roll (在册: 预备, 正式), summing to members like every breakdown;
     * departures: 出党, 停止党籍 and 死亡 (labelled 去世), a figure of its own. */
    struct org_count *by_category, *by_status, *by_gender, *by_age, *by_education, *orgs_by_type,
        *departures;
    int64_t n_category, n_status, n_gender, n_age, n_education, n_orgs_by_type, n_departures;
};
int org_stats(struct app *app, int64_t org_id, const char *path, struct arena *a,
              struct org_stats *out, struct err *err);

/* The subtree counters behind org_stats (member_stat, kept by triggers). rebuild recomputes
 * them all in the caller's transaction (the demo generator's bulk load, which runs without
 * triggers); verify recounts and lists up to limit counters that differ (none: *n_out = 0). */
struct org_stat_diff {
    int64_t org_id;
    const char *dim, *key;
    int64_t recount, stored;
};
int org_stats_rebuild(struct db_conn *c, struct err *err);
int org_stats_verify(struct app *app, int64_t limit, struct arena *a, struct org_stat_diff **out,
                     int64_t *n_out, struct err *err);

/* Units linked to an org: the street/community 大党委's member units and the co-building
 * (共建) units of the "1+N" model. unit_name is free text until the unit registry exists;
 * a link is never deleted: a unit that withdraws gets left_on. */
extern const char *const ORG_UNIT_KINDS[];       /* committee_member_unit, co_building */
extern const char *const ORG_UNIT_KIND_LABELS[]; /* 大党委成员单位, 共建单位 */
struct org_unit_in {
    char *unit_name, *kind, *joined_on;
};
struct org_unit_view {
    int64_t id, org_id;
    const char *unit_name, *kind, *kind_label, *joined_on, *left_on;
    int64_t created_at;
};
int org_units(struct app *app, int64_t org_id, struct arena *a, struct org_unit_view **out,
              int64_t *n_out, struct err *err);
/* Links a unit (E_CONFLICT when the same unit is already a current one of that kind; the
 * org must not be dissolved); audited. */
int org_unit_add(struct app *app, int64_t org_id, const struct org_unit_in *in,
                 const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Records that a linked unit withdrew on left_on (not before it joined, not in the future,
 * only once); audited. */
int org_unit_leave(struct app *app, int64_t org_id, int64_t id, const char *left_on,
                   const struct auth_actor *actor, struct err *err);
