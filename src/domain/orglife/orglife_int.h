/* orglife_int.h: rows and store functions of the orglife area (orglife_store.c,
 * orglife_roll_store.c, orglife_rules_store.c), seen by src/domain/orglife only. Store
 * functions take a connection and never begin or commit; the service owns the transaction. */
#pragma once

#include "domain/orglife/orglife.h"

struct db_conn;

/* The SET list that recounts a meeting's expected_n, present_n, leave_n, absent_n and
 * delivered_n from its attendance rows (SQL text shared by the store files). */
#define ORGLIFE_COUNT_OF(cond)                                                                     \
    "(SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = meeting.id AND " cond ")"
#define ORGLIFE_COUNTS_SET                                                                                                                                 \
    "expected_n = " ORGLIFE_COUNT_OF(                                                                                                                      \
        "a.expected = 1") ", "                                                                                                                             \
                          "present_n = " ORGLIFE_COUNT_OF(                                                                                                 \
                              "a.status IN ('present', 'online')") ", "                                                                                    \
                                                                   "leave_n = " ORGLIFE_COUNT_OF(                                                          \
                                                                       "a.status = 'leave'") ", "                                                          \
                                                                                             "abs"                                                         \
                                                                                             "ent"                                                         \
                                                                                             "_n "                                                         \
                                                                                             "="                                                           \
                                                                                             " " ORGLIFE_COUNT_OF(                                         \
                                                                                                 "a.status = 'absent'") ", "                               \
                                                                                                                        "delivered_n = " ORGLIFE_COUNT_OF( \
                                                                                                                            "a.status = 'delivered'")

/* The org a meeting belongs to, as the checks need it. */
struct orglife_org {
    int64_t id, tenant_id;
    const char *path, *name, *type, *founded_on, *dissolved_on;
};
int orglife_store_org(struct db_conn *c, int64_t id, struct arena *a, struct orglife_org *out,
                      struct err *err);

int orglife_store_meeting_insert(struct db_conn *c, const struct orglife_org *org,
                                 const struct meeting_in *in, const char *meets_on, int64_t user_id,
                                 int64_t now, int64_t *id_out, struct err *err);
int orglife_store_meeting_update(struct db_conn *c, int64_t id, const struct meeting_in *in,
                                 const char *meets_on, int64_t now, struct err *err);
int orglife_store_agenda_replace(struct db_conn *c, int64_t id,
                                 const struct meeting_agenda_item *ag, int64_t n, struct err *err);
int orglife_store_meeting_get(struct db_conn *c, int64_t id, struct arena *a,
                              struct meeting_view *out, struct err *err);
int orglife_store_meeting_page(struct db_conn *c, const struct meeting_query *q, struct arena *a,
                               struct meeting_view **out, int64_t *n_out, int64_t *total_out,
                               struct err *err);

/* One person on a roll (orglife_roll_store.c). */
struct orglife_roll_row {
    int64_t person_id;
    const char *name, *status;
};
/* The expected attendees of a meeting of type at org on date (see meeting_create). */
int orglife_store_roll(struct db_conn *c, int64_t org_id, const char *type, const char *date,
                       struct arena *a, struct orglife_roll_row **out, int64_t *n_out,
                       struct err *err);
/* Whether person is a 正式 or 预备 member of org (for a 党小组: of the group) on date. */
int orglife_store_member_on(struct db_conn *c, int64_t org_id, bool group, int64_t person_id,
                            const char *date, bool *yes_out, struct err *err);
/* Marks the roll as the meeting's expected attendees: rows recorded for persons off the roll
 * stay (not expected), unrecorded ones go. */
int orglife_store_expected_set(struct db_conn *c, int64_t meeting_id,
                               const struct orglife_roll_row *roll, int64_t n, struct err *err);
int orglife_store_attendees(struct db_conn *c, int64_t meeting_id, struct arena *a,
                            struct meeting_attendee **out, int64_t *n_out, struct err *err);
int orglife_store_attend(struct db_conn *c, int64_t meeting_id, const struct attendance_in *in,
                         int64_t user_id, int64_t now, struct err *err);
/* Recounts the meeting's expected_n, present_n, ... from its attendance rows; with held, a
 * planned meeting becomes held. */
int orglife_store_counts(struct db_conn *c, int64_t meeting_id, bool held, struct err *err);

/* Compliance inputs (orglife_rules_store.c). */
struct orglife_rule_row {
    int64_t org_id; /* 0: default */
    const char *rule_id, *type, *period, *org_types, *valid_from, *valid_to, *org_path;
    int64_t min_count;
};
struct orglife_branch_row {
    int64_t id, groups;
    const char *name, *path, *type, *founded_on, *dissolved_on;
    bool committee; /* a committee in office (ORG-NO-COMMITTEE exempts from LIFE-ZHIWEI) */
};
/* Held meetings counted per org (a group's under its branch), type and month. */
struct orglife_held_row {
    int64_t org_id, held, expected_sum, present_sum, study_sum;
    const char *type, *month; /* "YYYY-MM" */
};
int orglife_store_rules(struct db_conn *c, const char *from, const char *to, struct arena *a,
                        struct orglife_rule_row **out, int64_t *n_out, struct err *err);
int orglife_store_branches(struct db_conn *c, const char *path, const char *from, const char *to,
                           struct arena *a, struct orglife_branch_row **out, int64_t *n_out,
                           struct err *err);
int orglife_store_held(struct db_conn *c, const char *path, const char *from, const char *to,
                       struct arena *a, struct orglife_held_row **out, int64_t *n_out,
                       struct err *err);

/* Demo (orglife_demo_store.c): the street's live branch-level orgs and groups with their
 * 书记 (0: none), meetings marked is_synthetic, their attendance drawn from the roster as it is
 * now, and the counts of every demo meeting in one pass. */
struct orglife_demo_org {
    int64_t id, tenant_id, parent_id, secretary, committee_member;
    const char *path, *type, *name, *founded_on;
    bool committee;
};
int orglife_demo_store_orgs(struct db_conn *c, struct arena *a, struct orglife_demo_org **out,
                            int64_t *n_out, struct err *err);
struct orglife_demo_meeting {
    const char *type, *topic, *meets_on, *starts_at, *ends_at, *place, *status, *minutes;
    int64_t host_person_id, recorder_person_id;
};
int orglife_demo_store_meeting(struct db_conn *c, const struct orglife_demo_org *org,
                               const struct orglife_demo_meeting *in, int64_t now, int64_t *id_out,
                               struct err *err);
/* Attendance of a held demo meeting: about 85 in 100 出席, the rest 请假, 缺席 or 送学上门,
 * drawn from salt. */
int orglife_demo_store_attend(struct db_conn *c, int64_t meeting_id, int64_t org_id,
                              const char *type, const char *meets_on, int64_t salt, int64_t now,
                              struct err *err);
int orglife_demo_store_counts(struct db_conn *c, struct err *err);
