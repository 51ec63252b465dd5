/* transfers_int.h: declarations only the transfers folder sees: the rule rows and the store
 * functions (transfers_store.c). Store functions take a connection and never begin or
 * commit. */
#pragma once

#include "domain/transfers/transfers.h"

struct db_conn;

/* A rule row (xfer_rule, RULES.md §13). */
struct transfer_rule {
    int64_t id;
    const char *rule_id, *rule_set, *severity, *param, *valid_from, *confidence, *source;
};

/* The enabled row of rule_id in force on date (YYYY-MM-DD): the latest valid_from on or before
 * it, valid_to after it. *found_out is false when none is. */
int transfers_store_rule(struct db_conn *c, const char *rule_id, const char *date, struct arena *a,
                         struct transfer_rule *out, bool *found_out, struct err *err);
/* The integer parameter key of r's param JSON, def when absent. */
int64_t transfer_rule_param(const struct transfer_rule *r, const char *key, int64_t def);

/* A new pending transfer; the path copies are read from the orgs. E_CONFLICT "/member_id"
 * when the member has a pending one already (xfer_open). */
struct transfer_row {
    int64_t tenant_id, member_id, from_org_id, to_org_id, created_by, created_at;
    const char *member_status, *sent_on, *due_on, *due_rule, *note, *findings;
};
/* Fills row's due_on, due_rule and findings for a transfer sent on sent_on: the
 * XFER-ONLINE-LIMIT row in force that day (none: no deadline). Text from a. */
int transfer_due(struct db_conn *c, const char *sent_on, struct arena *a, struct transfer_row *row,
                 struct err *err);
int transfers_store_insert(struct db_conn *c, const struct transfer_row *r, int64_t *id_out,
                           struct err *err);
/* Whether the member has a pending transfer (its id in *id_out, else 0). */
int transfers_store_open_of(struct db_conn *c, int64_t member_id, int64_t *id_out, struct err *err);
/* Transfer id as of today (its overdue flag); E_NOT_FOUND when missing. */
int transfers_store_get(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                        struct transfer_view *out, struct err *err);
/* Settles pending transfer id as status (accepted / returned) on decided_on; E_CONFLICT
 * "/status" when it is not pending any more. */
int transfers_store_decide(struct db_conn *c, int64_t id, const char *status,
                           const char *decided_on, const char *reason, const char *findings,
                           int64_t by, int64_t at, struct err *err);
int transfers_store_page(struct db_conn *c, const struct transfer_query *q, const char *today,
                         struct arena *a, struct transfer_view **out, int64_t *n_out,
                         int64_t *total_out, struct err *err);

int transfers_store_receivers(struct db_conn *c, int64_t at_org_id, const char *q, struct arena *a,
                              struct transfer_org **out, int64_t *n_out, struct err *err);

/* The demo hook's reads: up to n current members of org_id (by id) other than person
 * not_person's, and up to n branches not
 * dissolved in the subtree at path outside the subtree at not_path, by id. */
int transfers_demo_store_members(struct db_conn *c, int64_t org_id, int64_t not_person, int64_t n,
                                 struct arena *a, int64_t **out, int64_t *n_out, struct err *err);
int transfers_demo_store_branches(struct db_conn *c, const char *path, const char *not_path,
                                  int64_t n, struct arena *a, int64_t **out, int64_t *n_out,
                                  struct err *err);
/* Back-dates transfer id (demo): sent on, created at, due on, and the decision's date. */
int transfers_demo_store_dates(struct db_conn *c, int64_t id, const char *sent_on,
                               const char *due_on, const char *decided_on, struct err *err);

/* ---- letters (transfers_letter_store.c) ---- */

/* A new letter with the next sequence of org_id in year; *id_out and *seq_out. */
struct transfer_letter_row {
    int64_t member_id, org_id, year, created_by, created_at;
    const char *to_org_name, *issued_on, *valid_until, *valid_rule, *dues_paid_to, *member_status,
        *note;
};
int transfers_store_letter_insert(struct db_conn *c, const struct transfer_letter_row *r,
                                  int64_t *id_out, struct err *err);
/* The id of a letter of the member with no receipt still valid on today (0: none). */
int transfers_store_letter_open_of(struct db_conn *c, int64_t member_id, const char *today,
                                   int64_t *id_out, struct err *err);
int transfers_store_letter_get(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                               struct transfer_letter_view *out, struct err *err);
int transfers_store_letters(struct db_conn *c, const char *path, const char *status,
                            const char *today, int64_t page, int64_t size, struct arena *a,
                            struct transfer_letter_view **out, int64_t *n_out, int64_t *total_out,
                            struct err *err);
/* Sets the receipt of letter id unless it has one (E_CONFLICT "/received_on"). */
int transfers_store_letter_receipt(struct db_conn *c, int64_t id, const char *received_on,
                                   const char *note, int64_t by, struct err *err);
int transfers_store_letter_printed(struct db_conn *c, int64_t id, int64_t *count_out,
                                   struct err *err);
int transfers_store_pocket(struct db_conn *c, const char *path, const char *today, struct arena *a,
                           struct transfer_pocket **out, int64_t *n_out, struct err *err);

/* ---- flows (transfers_flow_store.c) ---- */

struct transfer_flow_row {
    int64_t member_id, org_id, dest_org_id, created_by, created_at;
    const char *direction, *dest_org_name, *place, *reason, *contact, *starts_on, *ends_on,
        *card_no, *card_valid_until, *findings;
};
/* The findings (JSON text from a) of a flow over starts_on..ends_on: FLOW-DEF's when the
 * period is its months or more (transfers_flow.c; the demo uses it too). */
int transfer_flow_findings(struct db_conn *c, const char *starts_on, const char *ends_on,
                           struct arena *a, const char **out, struct err *err);
/* Inserts a flow; the member's home org and the paths are read in the statement. */
int transfers_store_flow_insert(struct db_conn *c, const struct transfer_flow_row *r,
                                int64_t *id_out, struct err *err);
/* The id of the member's flow not returned (0: none). */
int transfers_store_flow_open_of(struct db_conn *c, int64_t member_id, int64_t *id_out,
                                 struct err *err);
int transfers_store_flow_get(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                             struct transfer_flow_view *out, struct err *err);
int transfers_store_flows(struct db_conn *c, const char *path, const char *today, struct arena *a,
                          struct transfer_flow_view **out, int64_t *n_out, struct err *err);
int transfers_store_flow_meetings(struct db_conn *c, int64_t flow_id, struct arena *a,
                                  struct transfer_flow_meeting **out, int64_t *n_out,
                                  struct err *err);
int transfers_store_flow_meeting_insert(struct db_conn *c, int64_t flow_id, const char *met_on,
                                        const char *topic, const char *dest_org_name,
                                        const char *note, int64_t by, int64_t at, int64_t *id_out,
                                        struct err *err);
/* Sets returned_on unless it is set (E_CONFLICT "/returned_on"). */
int transfers_store_flow_return(struct db_conn *c, int64_t id, const char *returned_on,
                                struct err *err);
int transfers_store_flow_records(struct db_conn *c, int64_t member_id, const char *from,
                                 const char *to, struct arena *a, struct transfer_flow_record **out,
                                 int64_t *n_out, struct err *err);

/* ---- 失联 (transfers_lost_store.c) ---- */

/* Members of the subtree with contact attempts: last reached, first unreached attempt since,
 * attempts; and the latest decision of members of the subtree. Rows fill struct
 * transfer_lost (rung fields NULL). */
int transfers_store_contacts(struct db_conn *c, const char *path, struct arena *a,
                             struct transfer_lost **out, int64_t *n_out, struct err *err);
int transfers_store_decisions(struct db_conn *c, const char *path, struct arena *a,
                              struct transfer_lost **out, int64_t *n_out, struct err *err);
/* The last meeting at a destination (xfer_flow_meeting) of each member of the subtree with
 * one, in last_attended. */
int transfers_store_flow_attended(struct db_conn *c, const char *path, struct arena *a,
                                  struct transfer_lost **out, int64_t *n_out, struct err *err);
/* Current members of the subtree away on an outflow not returned that started on or before
 * started_by, with no transfer sent since it started: the start in relation_since. */
int transfers_store_flows_long(struct db_conn *c, const char *path, const char *started_by,
                               struct arena *a, struct transfer_lost **out, int64_t *n_out,
                               struct err *err);
int transfers_store_contact_insert(struct db_conn *c, int64_t member_id, const char *tried_on,
                                   const char *method, bool reached, const char *note, int64_t by,
                                   int64_t at, int64_t *id_out, struct err *err);
int transfers_store_decision_insert(struct db_conn *c, int64_t member_id, const char *decision,
                                    const char *decided_on, const char *body, const char *doc_no,
                                    const char *note, int64_t by, int64_t at, int64_t *id_out,
                                    struct err *err);

/* ---- 在职党员报到 (transfers_report_store.c) ---- */

struct transfer_report_row {
    int64_t tenant_id, person_id, member_id, community_id, unit_org_id, created_by, created_at;
    const char *unit_org_name, *work_unit, *skills, *wishes, *reported_on;
};
int transfers_store_report_insert(struct db_conn *c, const struct transfer_report_row *r,
                                  int64_t *id_out, struct err *err);
int transfers_store_org_tenant(struct db_conn *c, int64_t org_id, int64_t *tenant_out,
                               struct err *err);
/* A member's person, org and org name (the demo's in-service member in the tree). */
int transfers_store_member_unit(struct db_conn *c, int64_t member_id, struct arena *a,
                                int64_t *person_out, int64_t *org_out, const char **org_name_out,
                                struct err *err);
/* The id of an open registration of a person from outside the tree with this name and
 * workplace org at the community (0: none). */
int transfers_store_report_open_outside(struct db_conn *c, int64_t community_id, const char *name,
                                        const char *unit_org_name, int64_t *id_out,
                                        struct err *err);
/* The id of the person's open registration (0: none). */
int transfers_store_report_open_of(struct db_conn *c, int64_t person_id, int64_t *id_out,
                                   struct err *err);
/* Registrations whose community or workplace org lies in path (path NULL and id: that one),
 * with the services of year. */
int transfers_store_reports(struct db_conn *c, const char *path, int64_t id, int year,
                            struct arena *a, struct transfer_report_view **out, int64_t *n_out,
                            struct err *err);
int transfers_store_report_service_insert(struct db_conn *c, int64_t report_id,
                                          const struct transfer_service *s, int64_t by, int64_t at,
                                          int64_t *id_out, struct err *err);
int transfers_store_report_services(struct db_conn *c, int64_t report_id, int year, struct arena *a,
                                    struct transfer_service **out, int64_t *n_out, struct err *err);
int transfers_store_report_review_set(struct db_conn *c, int64_t report_id, int year,
                                      const char *grade, const char *comment, int64_t by,
                                      int64_t at, struct err *err);
/* The review of year into *grade_out / *comment_out (NULL: none). */
int transfers_store_report_review_get(struct db_conn *c, int64_t report_id, int year,
                                      struct arena *a, const char **grade_out,
                                      const char **comment_out, struct err *err);
/* Sets ended_on unless it is set (E_CONFLICT "/ended_on"). */
int transfers_store_report_end(struct db_conn *c, int64_t id, const char *ended_on,
                               const char *reason, struct err *err);
