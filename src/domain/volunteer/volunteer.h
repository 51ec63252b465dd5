/* volunteer.h: the volunteer service area (志愿服务, issue 22), the only header other areas may
 * include: teams, activities with capacity and a waitlist, sign-ups moved through one
 * transition table, service hours (recorded by the organizer, or self-logged and approved;
 * never overlapping), public-welfare posts (公益岗位) with their record cards, a person's yearly
 * record and numbered certificate, points from verified records (versioned rule rows) and
 * commendation candidates with their evidence. A volunteer is a person row (member or
 * resident). It does not touch HTTP; SQL lives in volunteer_store.c. Every write is one
 * transaction with its audit row. Strings returned come from the caller's arena. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct err;

/* The area's change counter (migration 0027_volunteer): its tables' triggers move it. */
extern const struct change_counter VOLUNTEER_COUNTER;
/* The area's demo hook (volunteer_demo.c), listed in its module row. */
extern const struct demo_hook VOLUNTEER_DEMO;

/* Code lists (NULL-ended) and their zh-CN labels, served at /api/meta. */
extern const char *const VOLUNTEER_SIGNUP_STATUSES[], *const VOLUNTEER_SIGNUP_STATUS_LABELS[];
extern const char *const VOLUNTEER_ACTIONS[], *const VOLUNTEER_ACTION_LABELS[];
extern const char *const VOLUNTEER_HOURS_STATUSES[], *const VOLUNTEER_HOURS_STATUS_LABELS[];
extern const char *const VOLUNTEER_POST_KINDS[], *const VOLUNTEER_POST_KIND_LABELS[];
extern const char *const VOLUNTEER_SATISFACTIONS[], *const VOLUNTEER_SATISFACTION_LABELS[];
extern const char *const VOLUNTEER_DECISIONS[];

/* A person who can serve: a current member (their org) or a resident (their household's
 * community). */
struct volunteer_person {
    int64_t id, tenant_id, org_id;
    const char *name, *org_path;
};

struct volunteer_team_member_in {
    int64_t person_id;
};
struct volunteer_team_in {
    int64_t org_id, leader_person_id;
    char *name, *skills;
    struct volunteer_team_member_in *members;
    int64_t nmembers;
};
struct volunteer_team {
    int64_t id, org_id, members;
    const char *name, *org_name, *leader_name, *skills;
};

struct volunteer_activity_in {
    int64_t org_id, team_id, capacity;
    char *title, *place, *skills, *description, *starts_at, *ends_at;
};
struct volunteer_activity {
    int64_t id, tenant_id, org_id, team_id, capacity, start_min, end_min, taken, waiting;
    const char *org_path, *org_name, *team_name, *title, *place, *skills, *description, *starts_at,
        *ends_at, *status;
    int64_t my_signup_id; /* the caller's own sign-up (0: none), in the "my" lists */
    const char *my_status;
};
struct volunteer_signup {
    int64_t id, activity_id, person_id, checkin_at, checkout_at, created_at;
    const char *name, *status;
};

/* A service-hours record; start and end are 'YYYY-MM-DD HH:MM' (Asia/Shanghai). */
struct volunteer_hours_in {
    int64_t person_id, activity_id, post_id;
    char *start, *end, *note;
};
struct volunteer_hours {
    int64_t id, person_id, org_id, activity_id, post_id, minutes;
    const char *name, *what, *start_at, *end_at, *source, *status, *note, *review_note;
};

struct volunteer_post_in {
    int64_t org_id;
    char *name, *kind, *duties, *starts_on, *ends_on;
};
struct volunteer_post {
    int64_t id, org_id, claims;
    const char *org_path, *org_name, *name, *kind, *duties, *starts_on, *ends_on;
    const char *holder; /* who holds it today, NULL when nobody */
};
struct volunteer_claim_in {
    int64_t person_id;
    char *from_on, *to_on;
};
struct volunteer_claim {
    int64_t id, post_id, person_id, org_id, records;
    const char *post_name, *kind, *name, *from_on, *to_on, *org_path;
};
struct volunteer_record_in {
    char *done_on, *content, *served, *feedback, *satisfaction;
};
struct volunteer_post_record {
    int64_t id, claim_id, person_id;
    bool confirmed;
    const char *post_name, *name, *done_on, *content, *served, *feedback, *satisfaction;
};

/* A person's year: every hours record (refused ones included, marked), the verified and
 * pending totals, the post record cards and the certificate when one was issued. */
struct volunteer_record {
    struct volunteer_person person;
    int year;
    struct volunteer_hours *hours;
    int64_t nhours, verified_minutes, pending_minutes, activities;
    struct volunteer_claim *claims;
    int64_t nclaims;
    struct volunteer_post_record *records;
    int64_t nrecords;
    const char *cert_number; /* NULL: none issued */
    int64_t cert_minutes, cert_issued_at;
};

/* Points of one person under one rule (VOL-PTS-*): how much was counted, the points before
 * and after the yearly cap, and the rule row's version. */
struct volunteer_points_item {
    const char *rule_id, *version, *action;
    int64_t qty, raw, points, cap;
};
struct volunteer_points_row {
    int64_t person_id, total;
    const char *name;
    struct volunteer_points_item items[4];
    int nitems;
};

/* A commendation candidate: the yearly verified minutes at or above VOL-COMMEND-HOURS, with
 * the evidence (hours and post records) and the points. People decide. */
struct volunteer_candidate {
    struct volunteer_person person;
    int64_t verified_minutes, activities, records, points;
    struct volunteer_hours *hours;
    int64_t nhours;
    struct volunteer_post_record *post_records;
    int64_t npost_records;
};

/* ---- writes (volunteer.c, volunteer_posts.c); each one transaction with its audit row ---- */

int volunteer_team_create(struct app *app, const struct volunteer_team_in *in,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* E_INVALID with the field (/starts_at, /ends_at, /team_id); returns the new id. */
int volunteer_activity_create(struct app *app, const struct volunteer_activity_in *in,
                              const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Signs person_id up for the activity: a seat while fewer than capacity hold one, else the
 * waitlist; never more seats than capacity, however many sign up at once (the count and the
 * insert are one transaction, and writers run one at a time). E_CONFLICT when already signed
 * up; E_INVALID when the activity was cancelled or has started. */
int volunteer_signup(struct app *app, int64_t activity_id, int64_t person_id,
                     const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                     const char **status_out, struct err *err);
/* Moves a sign-up by action (VOLUNTEER_ACTIONS) through the transition table: checkout
 * records the slot's hours (verified) and cancelling a seat gives it to the first on the
 * waitlist. E_CONFLICT when the status does not allow the action or the hours overlap. */
int volunteer_signup_move(struct app *app, int64_t signup_id, const char *action,
                          const struct auth_actor *actor, struct arena *a, const char **status_out,
                          struct err *err);
/* Records hours: verified when the organizer records them, pending when self_logged. */
int volunteer_hours_log(struct app *app, const struct volunteer_hours_in *in, bool self_logged,
                        const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                        struct err *err);
/* Approves ("approve") or refuses ("refuse") a pending record. */
int volunteer_hours_review(struct app *app, int64_t id, const char *decision, const char *note,
                           const struct auth_actor *actor, struct arena *a, struct err *err);
int volunteer_post_create(struct app *app, const struct volunteer_post_in *in,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* E_CONFLICT when another claim of the post overlaps the period. */
int volunteer_claim_create(struct app *app, int64_t post_id, const struct volunteer_claim_in *in,
                           const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                           struct err *err);
/* A record-card entry; confirmed when the organizer writes it (only confirmed ones count for
 * points). */
int volunteer_record_create(struct app *app, int64_t claim_id, const struct volunteer_record_in *in,
                            bool confirmed, const struct auth_actor *actor, struct arena *a,
                            int64_t *id_out, struct err *err);
/* The certificate of a person's year: issued (numbered YYYY-NNNNNN) the first time, the same
 * one after; *created_out says which. */
int volunteer_certificate_issue(struct app *app, int64_t person_id, int year,
                                const struct auth_actor *actor, struct arena *a,
                                const char **number_out, bool *created_out, struct err *err);

/* ---- reads (volunteer_read.c) ---- */

int volunteer_person_get(struct app *app, int64_t person_id, struct arena *a,
                         struct volunteer_person *out, struct err *err);
int volunteer_activity_get(struct app *app, int64_t id, struct arena *a,
                           struct volunteer_activity *out, struct err *err);
int volunteer_signup_get(struct app *app, int64_t id, struct arena *a, struct volunteer_signup *out,
                         struct err *err);
int volunteer_hours_get(struct app *app, int64_t id, struct arena *a, struct volunteer_hours *out,
                        struct err *err);
int volunteer_post_get(struct app *app, int64_t id, struct arena *a, struct volunteer_post *out,
                       struct err *err);
int volunteer_claim_get(struct app *app, int64_t id, struct arena *a, struct volunteer_claim *out,
                        struct err *err);
int volunteer_teams(struct app *app, const char *org_path, struct arena *a,
                    struct volunteer_team **out, int64_t *n_out, struct err *err);
/* The activities of the subtree in the year (0: every year), soonest last. */
int volunteer_activities(struct app *app, const char *org_path, int year, struct arena *a,
                         struct volunteer_activity **out, int64_t *n_out, struct err *err);
/* The activities open to a person (at an org on the person's path, or below it) from today
 * on, with the person's own sign-up. */
int volunteer_activities_for(struct app *app, const struct volunteer_person *p, struct arena *a,
                             struct volunteer_activity **out, int64_t *n_out, struct err *err);
int volunteer_roster(struct app *app, int64_t activity_id, struct arena *a,
                     struct volunteer_signup **out, int64_t *n_out, struct err *err);
/* Hours of the subtree with status (NULL: any) in the year. */
int volunteer_hours_list(struct app *app, const char *org_path, const char *status, int year,
                         struct arena *a, struct volunteer_hours **out, int64_t *n_out,
                         struct err *err);
int volunteer_posts(struct app *app, const char *org_path, struct arena *a,
                    struct volunteer_post **out, int64_t *n_out, struct err *err);
/* The posts open to a person (as volunteer_activities_for). */
int volunteer_posts_for(struct app *app, const struct volunteer_person *p, struct arena *a,
                        struct volunteer_post **out, int64_t *n_out, struct err *err);
int volunteer_record(struct app *app, int64_t person_id, int year, struct arena *a,
                     struct volunteer_record *out, struct err *err);
/* Points of every person with verified records in the subtree's year, by name (never ranked). */
int volunteer_points(struct app *app, const char *org_path, int year, struct arena *a,
                     struct volunteer_points_row **out, int64_t *n_out, struct err *err);
int volunteer_candidates(struct app *app, const char *org_path, int year, struct arena *a,
                         struct volunteer_candidate **out, int64_t *n_out, int64_t *threshold_out,
                         struct err *err);
/* The current year in Asia/Shanghai, or y when given. */
int volunteer_year_or_now(int64_t y);
