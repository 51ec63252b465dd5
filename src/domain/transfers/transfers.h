/* transfers.h: the transfers area's service (组织关系转接, RULES.md §7), the only header other
 * areas may include. A sending org transfers a member to any org of the tree (XFER-DIRECT);
 * the receiving org accepts (the member moves, through the roster) or returns it with a
 * reason; both see it in their queues with the deadline of the rule row in force
 * (XFER-ONLINE-LIMIT). It does not touch HTTP; SQL lives in transfers_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct db;
struct demo_hook;
struct err;

/* The area's change counter (migration 0024_transfers): the xfer table's triggers move it. */
extern const struct change_counter TRANSFERS_COUNTER;
/* The area's demo hook (transfers_demo.c), listed in its module row. */
extern const struct demo_hook TRANSFERS_DEMO;

/* Codes and zh-CN labels, NULL-terminated, same order. */
extern const char *const TRANSFER_STATUSES[];      /* pending accepted returned */
extern const char *const TRANSFER_STATUS_LABELS[]; /* 待接收 已接收 已退回 */
extern const char *const TRANSFER_BOXES[];         /* out in */

/* A transfer as typed: POST /api/transfers. */
struct transfer_in {
    int64_t member_id, to_org_id;
    char *note;
};

/* One transfer with the names a queue shows. findings is JSON text: the rules checked
 * ([{rule, version, severity, message}]). overdue: still pending after due_on. */
struct transfer_view {
    int64_t id, member_id, from_org_id, to_org_id, created_at, decided_at;
    const char *member_name, *from_org_name, *to_org_name, *from_path, *to_path, *status,
        *member_status, *sent_on, *due_on, *due_rule, *note, *decided_on, *reason, *findings;
    bool overdue;
};

/* Creates a pending transfer of in->member_id from the org the member is in to in->to_org_id,
 * with its deadline (XFER-ONLINE-LIMIT in force today; none when no row is). Refused with
 * E_INVALID "/to_org_id" when the receiving org is the member's own, dissolved or a 党小组,
 * E_INVALID "/member_id" when the member is not a current (预备/正式) member, E_CONFLICT
 * "/member_id" when the member has a pending transfer already; nothing written then. One
 * transaction, audited ("transfer.create"). The caller checks the actor may write at the
 * member's org. *due_on_out (may be NULL) gets the deadline or NULL, from a. */
int transfer_create(struct app *app, const struct transfer_in *in, const struct auth_actor *actor,
                    struct arena *a, int64_t *id_out, const char **due_on_out, struct err *err);

/* One transfer. E_NOT_FOUND when missing. Memory from a. */
int transfer_get(struct app *app, int64_t id, struct arena *a, struct transfer_view *out,
                 struct err *err);

/* The receiving org accepts transfer id: the member moves to the receiving org (the roster's
 * org change and member_event history, the date today, the transfer's number in the note)
 * in the same transaction as the transfer's status. A 预备党员 gets the
 * DEV-TRANSFER-IN finding (转正 discussion may be postponed ≤ 6 months, 转正 still dated from
 * the original 预备期 end). E_CONFLICT "/status" when it is no longer pending, E_CONFLICT
 * "/member_id" when the member has left the sending org meanwhile. Audited
 * ("transfer.accept"). The caller checks the actor may write at the receiving org.
 * *findings_out (may be NULL) gets the stored findings JSON from a. */
int transfer_accept(struct app *app, int64_t id, const struct auth_actor *actor, struct arena *a,
                    const char **findings_out, struct err *err);

/* The receiving org returns transfer id with reason (the member stays where they are).
 * E_CONFLICT "/status" when it is no longer pending. Audited ("transfer.return"). The caller
 * checks the actor may write at the receiving org. */
int transfer_return(struct app *app, int64_t id, const char *reason, const struct auth_actor *actor,
                    struct err *err);

/* A queue: the transfers sent from (box "out"), received into (box "in") or either (NULL) the
 * subtree at path, with status (NULL: all), pending first, newest first; one page (from 1)
 * with the total. Memory from a. */
struct transfer_query {
    const char *path, *box, *status;
    int64_t page, size;
};
int transfers_list(struct app *app, const struct transfer_query *q, struct arena *a,
                   struct transfer_view **out, int64_t *n_out, int64_t *total_out, struct err *err);

/* The orgs a transfer may go to (XFER-DIRECT: anywhere in the tree of the org at_org_id's
 * tenant, not dissolved, not a 党小组) whose name or short name contains q (all when q is
 * empty), by path, at most 20; for the sending org's picker. Memory from a. */
struct transfer_org {
    int64_t id;
    const char *name, *path;
};
int transfer_receivers(struct app *app, int64_t at_org_id, const char *q, struct arena *a,
                       struct transfer_org **out, int64_t *n_out, struct err *err);

/* ---- introduction letters (介绍信): transfers outside the system (XFER-ONLINE) ---- */

/* A letter as typed: POST /api/transfer-letters. org_id: the issuing org (0: the member's own),
 * at or above the member's org; dues_paid_to: 党费交至 (YYYY-MM, XFER-DUES; NULL: from the dues
 * ledger, dues_paid_to in dues.h, E_INVALID "/dues_paid_to" when it has none), not after this
 * month; issued_on defaults to today. */
struct transfer_letter_in {
    int64_t member_id, org_id;
    char *to_org_name, *dues_paid_to, *issued_on, *note;
};

/* One letter with what its print shows. number is "YYYY-NNN" (year and sequence of the
 * issuing org). expired: no receipt and valid_until has passed. Member fields are unmasked
 * here; the HTTP layer masks them. */
struct transfer_letter_view {
    int64_t id, member_id, org_id, member_org_id, year, seq, print_count, created_at;
    const char *number, *org_name, *org_path, *member_org_name, *member_org_path, *to_org_name,
        *issued_on, *valid_until, *valid_rule, *dues_paid_to, *member_status, *note, *received_on,
        *receipt_note;
    const char *name, *gender, *birth_date, *ethnicity, *id_number;
    bool expired;
};

/* Issues a letter for a current member: the next number of the issuing org in the year of
 * issued_on, valid until issued_on + XFER-VALID's months (the row in force that day). Refused:
 * E_INVALID "/org_id" when the issuing org is not at or above the member's org, "/member_id"
 * for a member not 预备 or 正式, "/issued_on" in the future, "/dues_paid_to" for a bad month or
 * one after this month; E_CONFLICT "/member_id" when the member has a pending transfer or a
 * letter still valid and not receipted. One transaction, audited ("transfer.letter"). The
 * caller checks the actor may write at the issuing org. Memory of the outputs from a. */
int transfer_letter_create(struct app *app, const struct transfer_letter_in *in,
                           const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                           const char **number_out, const char **valid_until_out, struct err *err);
int transfer_letter_get(struct app *app, int64_t id, struct arena *a,
                        struct transfer_letter_view *out, struct err *err);
/* The letters issued in the subtree at path, status "open" (no receipt, still valid),
 * "received", "expired" or NULL (all); newest first; a page with the total. */
int transfer_letters_list(struct app *app, const char *path, const char *status, int64_t page,
                          int64_t size, struct arena *a, struct transfer_letter_view **out,
                          int64_t *n_out, int64_t *total_out, struct err *err);
/* Records the 回执 (XFER-RECEIPT) on received_on (NULL: today; not in the future, not before
 * the letter was issued: E_INVALID "/received_on"). E_CONFLICT "/received_on" when the
 * letter has its receipt already. Audited ("transfer.receipt"). */
int transfer_letter_receipt(struct app *app, int64_t id, const char *received_on, const char *note,
                            const struct auth_actor *actor, struct err *err);
/* Counts one more printed copy (the print page calls it when printing); *count_out the total. */
int transfer_letter_printed(struct app *app, int64_t id, int64_t *count_out, struct err *err);

/* 口袋党员 to follow up in the subtree at path (listed, never acted on): members of it, or of
 * letters it issued, whose letter is past its validity without a receipt (reason "letter_expired",
 * since the day after valid_until). Memory from a. */
struct transfer_pocket {
    int64_t member_id, org_id, letter_id;
    const char *name, *org_name, *reason, *since, *number, *to_org_name;
};
extern const char *const TRANSFER_POCKET_REASONS[], *const TRANSFER_POCKET_REASON_LABELS[];
int transfers_pocket(struct app *app, const char *path, struct arena *a,
                     struct transfer_pocket **out, int64_t *n_out, struct err *err);

/* ---- 流动党员 (RULES.md §8) ---- */

extern const char *const TRANSFER_FLOW_DIRECTIONS[], *const TRANSFER_FLOW_DIRECTION_LABELS[];

/* A 登记卡 as typed: POST /api/flows. direction "out": the member's home org registers the
 * member going away (dest_org_id in the system or dest_org_name outside it); "in": org_id (the
 * 流入地, not the member's own org) registers a member of another org staying here. */
struct transfer_flow_in {
    int64_t member_id, org_id, dest_org_id;
    char *direction, *dest_org_name, *place, *reason, *contact, *starts_on, *ends_on, *card_no,
        *card_valid_until;
};
struct transfer_flow_meeting {
    int64_t id, flow_id;
    const char *met_on, *topic, *dest_org_name, *note;
};
struct transfer_flow_view {
    int64_t id, member_id, org_id, home_org_id, dest_org_id, meetings;
    const char *direction, *name, *org_name, *org_path, *home_org_name, *home_path, *dest_org_name,
        *place, *reason, *contact, *starts_on, *ends_on, *card_no, *card_valid_until, *returned_on,
        *findings;
    bool card_expired; /* the 活动证 ran out while the member is still away */
};

/* Registers a flow. Refused: E_INVALID "/ends_on" when the period ends before it starts,
 * "/card_valid_until" for a certificate number without a validity or one ending before the
 * period starts, "/dest_org_name" for an outflow without a destination, "/org_id" for an
 * inflow into the member's own org, "/member_id" for a member not 预备 or 正式; E_CONFLICT
 * "/member_id" when the member has an open flow (not returned) already. A period of FLOW-DEF's
 * months or more gets its finding (transfer the relation instead, XFER-WHEN). One
 * transaction, audited ("transfer.flow"). The caller checks the actor may write at the
 * registering org (the home org for "out", org_id for "in"). */
int transfer_flow_create(struct app *app, const struct transfer_flow_in *in,
                         const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                         const char **findings_out, struct err *err);
int transfer_flow_get(struct app *app, int64_t id, struct arena *a, struct transfer_flow_view *out,
                      struct transfer_flow_meeting **meetings_out, int64_t *n_out, struct err *err);
/* The flows registered in the subtree at path or of its members (home org in it), open first,
 * then newest. Memory from a. */
int transfer_flows_list(struct app *app, const char *path, struct arena *a,
                        struct transfer_flow_view **out, int64_t *n_out, struct err *err);
/* Records organizational life at the destination (either side): met_on within the flow's
 * period as far as it has run (not before starts_on, not after today or the return:
 * E_INVALID "/met_on"). Audited ("transfer.flow_meeting"). */
int transfer_flow_meeting_add(struct app *app, int64_t flow_id, const char *met_on,
                              const char *topic, const char *note, const struct auth_actor *actor,
                              int64_t *id_out, struct err *err);
/* The return registration: returned_on (NULL: today) not before starts_on nor after today
 * (E_INVALID "/returned_on"); E_CONFLICT "/returned_on" when already returned. Audited
 * ("transfer.flow_return"). */
int transfer_flow_return(struct app *app, int64_t id, const char *returned_on,
                         const struct auth_actor *actor, struct err *err);

/* The organizational life recorded at destinations for member_id's flows with met_on in
 * [from, to] (民主评议: FLOW-IN-DUTY, the 流入地's record counts in the member's round), by date.
 * Memory from a. */
struct transfer_flow_record {
    int64_t flow_id;
    const char *direction, *met_on, *topic, *dest_org_name, *note;
};
int transfer_flow_records(struct app *app, int64_t member_id, const char *from, const char *to,
                          struct arena *a, struct transfer_flow_record **out, int64_t *n_out,
                          struct err *err);

/* ---- 失联 and 自行脱党 review (RULES.md §10): warnings only, people decide ---- */

extern const char *const TRANSFER_CONTACT_METHODS[], *const TRANSFER_CONTACT_METHOD_LABELS[];
extern const char *const TRANSFER_LOST_DECISIONS[], *const TRANSFER_LOST_DECISION_LABELS[];

/* One member on the ladder and in the 三不 view (RULES.md §10, LOST-TUODANG): consecutive unpaid
 * dues months up to last month (dues.h), whole months without organizational life since the
 * member last took part (orglife.h, or a meeting at a flow's destination: FLOW-CARD; from the
 * first miss when they never did), the rung the longer of the two reached (LOST-R3 / R5 / R6,
 * the highest; NULL below R3), the relation not transferred (a letter past its validity
 * without a receipt, "letter_expired", or an outflow away FLOW-DEF's months or more without a
 * transfer, "flow_long", since that day), the contact record (last reached, unreached since:
 * LOST-R-CONTACT when that is N months ago or more), the latest decision people recorded and,
 * when it is 停止党籍 taken LOST-R-STOP's months ago or more, a 除名 review reminder.
 * no_dues / no_orglife: that condition has lasted LOST-R3's months; with relation_open they
 * are the three marks of the 三不 view. */
struct transfer_lost {
    int64_t member_id, org_id, unpaid_months, absent_months, attempts;
    const char *name, *org_name, *rung, *rung_message, *last_attended, *absent_since, *relation,
        *relation_since, *last_reached, *unreached_since, *contact_rule, *contact_message,
        *decision, *decided_on, *doc_no, *stop_rule, *stop_message;
    bool no_dues, no_orglife;
};
extern const char *const TRANSFER_RELATIONS[], *const TRANSFER_RELATION_LABELS[];
int transfers_lost(struct app *app, const char *path, struct arena *a, struct transfer_lost **out,
                   int64_t *n_out, struct err *err);
/* Records an attempt to reach member_id: tried_on not in the future (E_INVALID "/tried_on").
 * Audited ("transfer.contact"). The caller checks the actor may write at the member's org. */
int transfer_contact_add(struct app *app, int64_t member_id, const char *tried_on,
                         const char *method, bool reached, const char *note,
                         const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Records a decision people took (停止党籍 "stop", 除名 "remove", 恢复联系 "restore", 继续教育
 * "keep") with its date (not in the future: "/decided_on"), body and document number (required
 * for stop and remove: "/doc_no"). Nothing on the roster changes. Audited ("transfer.lost"). */
int transfer_lost_decide(struct app *app, int64_t member_id, const char *decision,
                         const char *decided_on, const char *body, const char *doc_no,
                         const char *note, const struct auth_actor *actor, int64_t *id_out,
                         struct err *err);

/* ---- 在职党员到社区报到 (RULES.md §9): two-way registration, services, yearly summary ---- */

extern const char *const TRANSFER_SERVICE_KINDS[], *const TRANSFER_SERVICE_KIND_LABELS[];
extern const char *const TRANSFER_REVIEW_GRADES[], *const TRANSFER_REVIEW_GRADE_LABELS[];

/* A registration as typed: POST /api/in-service. community_id: the 社区党组织 reported to.
 * member_id: a member of the tree whose relation lies elsewhere (the workplace org is then
 * theirs); otherwise a person outside the tree: name, gender, phone (optional) and the
 * workplace Party org's name. */
struct transfer_report_in {
    int64_t community_id, member_id;
    char *name, *gender, *phone, *unit_org_name, *work_unit, *skills, *wishes, *reported_on;
};
struct transfer_report_view {
    int64_t id, person_id, member_id, community_id, unit_org_id, services, minutes;
    const char *name, *community_name, *community_path, *unit_org_name, *unit_org_path, *work_unit,
        *skills, *wishes, *reported_on, *ended_on, *end_reason;
};
/* Registers. Refused (nothing written): E_INVALID "/community_id" for an org that is not a
 * 社区党组织 (community_committee) or is dissolved, "/member_id" for a member not 预备 or 正式
 * or whose relation already lies in that community, "/unit_org_name" without the workplace
 * org of a person outside the tree, "/reported_on" in the future; E_CONFLICT "/member_id" (or
 * "/name") when the person reports to a community already. One transaction, audited
 * ("transfer.report"). The caller checks the actor may write at the member's org (a member
 * of the tree) or at community_id (a person from outside). A person from outside with the same
 * name and workplace org open at the community already is E_CONFLICT "/name". */
int transfer_report_create(struct app *app, const struct transfer_report_in *in,
                           const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                           struct err *err);
/* Registrations seen from the subtree at path: reporting to a community in it, or working
 * in a workplace org in it (双报到: both sides see the link); active ones first; with the
 * services recorded in year (count and minutes). Memory from a. */
int transfer_reports_list(struct app *app, const char *path, int year, struct arena *a,
                          struct transfer_report_view **out, int64_t *n_out, struct err *err);
int transfer_report_get(struct app *app, int64_t id, int year, struct arena *a,
                        struct transfer_report_view *out, struct err *err);
/* A service (服务登记卡): served_on from reported_on to today (or the end), E_INVALID
 * "/served_on"; audited ("transfer.report_service"). */
struct transfer_service {
    int64_t id, minutes;
    const char *served_on, *kind, *content;
};
int transfer_report_service_add(struct app *app, int64_t id, const struct transfer_service *in,
                                const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* The community's evaluation of year (RPT-EVAL), replaced when given again: a year from the
 * registration's to this one (E_INVALID "/year"). Audited ("transfer.report_review"). */
int transfer_report_review(struct app *app, int64_t id, int year, const char *grade,
                           const char *comment, const struct auth_actor *actor, struct err *err);
/* Ends the registration (moved away, retired): ended_on (NULL: today) not before it began nor
 * after today (E_INVALID "/ended_on"); E_CONFLICT "/ended_on" when ended already. Audited. */
int transfer_report_end(struct app *app, int64_t id, const char *ended_on, const char *reason,
                        const struct auth_actor *actor, struct err *err);
/* The yearly summary (反馈表) for the workplace: the registration, the year's services by
 * date, the volunteer service verified in the volunteer area that year (read through
 * volunteer.h, not typed again: vservices, each a service with kind "volunteer") and the
 * evaluation (grade NULL when none). */
struct transfer_report_summary {
    struct transfer_report_view r;
    struct transfer_service *services, *vservices;
    int64_t nservices, nvservices;
    const char *grade, *comment;
};
int transfer_report_summary(struct app *app, int64_t id, int year, struct arena *a,
                            struct transfer_report_summary *out, struct err *err);
