/* transfers_http.c: the transfers area's HTTP adapter, its permissions and its module row
 * (found by tools/gen-modules.sh; tools/gen-perms.sh reads the PERM_ROW lines): the queues,
 * one transfer, creating one at the sending org, accepting or returning it at the receiving
 * org. Handlers decode, check the scope, call one service function and encode. */
#include "core/compat.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/members/members.h"
#include "domain/modules.h"
#include "domain/orgpath.h"
#include "domain/transfers/transfers.h"
#include "domain/transfers/transfers_http_int.h"
#include "http/http.h"

static json_t *findings_json(const char *text)
{
    json_t *v = json_loads(text ? text : "[]", 0, NULL);

    if (!json_is_array(v)) {
        json_decref(v);
        v = json_array();
    }
    return v;
}

static json_t *view_json(const struct transfer_view *t)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o}",
                          "id", (json_int_t)t->id, "member_id", (json_int_t)t->member_id,
                          "member_name", t->member_name, "from_org_id", (json_int_t)t->from_org_id,
                          "from_org_name", t->from_org_name, "to_org_id", (json_int_t)t->to_org_id,
                          "to_org_name", t->to_org_name, "status", t->status, "status_label",
                          enum_label(TRANSFER_STATUSES, TRANSFER_STATUS_LABELS, t->status),
                          "member_status", t->member_status, "member_status_label",
                          member_status_label(t->member_status), "sent_on", t->sent_on, "overdue",
                          t->overdue, "findings", findings_json(t->findings));

    json_object_set_new(o, "due_on", jstr(t->due_on));
    json_object_set_new(o, "note", jstr(t->note));
    json_object_set_new(o, "decided_on", jstr(t->decided_on));
    json_object_set_new(o, "reason", jstr(t->reason));
    return o;
}

struct list_q {
    int64_t org, page, size;
    char *box, *status;
};
static const struct field LIST_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_ENUM(struct list_q, box, "box", "转出或转入", FIELD_OPTIONAL, TRANSFER_BOXES),
    FIELD_ENUM(struct list_q, status, "status", "状态", FIELD_OPTIONAL, TRANSFER_STATUSES),
    HTTP_PAGE_FIELDS(struct list_q),
    FIELD_END,
};

static int transfers_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct transfer_query tq = { 0 };
    struct transfer_view *items;
    int64_t n, total;
    json_t *arr;

    if (http_query_decode(req, LIST_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (http_scope_path(req, q.org, &tq.path, err) < 0)
        return -1;
    tq.box = q.box;
    tq.status = q.status;
    tq.page = q.page;
    tq.size = q.size;
    if (transfers_list(req->app, &tq, req->arena, &items, &n, &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, view_json(&items[i]));
    http_res_json(res, 200, http_list_json(arr, total, q.page, q.size));
    return 0;
}

struct receivers_q {
    int64_t org;
    char *q;
};
static const struct field RECEIVERS_Q[] = {
    FIELD_ID(struct receivers_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_STR(struct receivers_q, q, "q", "搜索词", FIELD_OPTIONAL, 0, 50),
    FIELD_END,
};

/* Org names only (no people): the receiving org may be anywhere in the tree. */
static int receivers_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct receivers_q q = { 0 };
    struct transfer_org *o;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, RECEIVERS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        transfer_receivers(req->app, orgpath_last_id(path), q.q, req->arena, &o, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)o[i].id, "name",
                                             o[i].name, "path", o[i].path));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

/* A transfer the caller may see: held at either end (else E_NOT_FOUND, revealing nothing). */
static int visible(struct http_req *req, int64_t id, struct transfer_view *t, struct err *err)
{
    struct err other = { 0 };

    if (transfer_get(req->app, id, req->arena, t, err) < 0)
        return -1;
    if (http_require_org(req, t->to_org_id, &other) == 0)
        return 0;
    return http_require_org(req, t->from_org_id, err);
}

static int transfers_get_one(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_view t;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || visible(req, id, &t, err) < 0)
        return -1;
    http_res_json(res, 200, view_json(&t));
    return 0;
}

static const struct field CREATE_IN[] = {
    FIELD_ID(struct transfer_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_ID(struct transfer_in, to_org_id, "to_org_id", "接收党组织", FIELD_REQUIRED),
    FIELD_STR(struct transfer_in, note, "note", "备注", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

static int transfers_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_in in = { 0 };
    struct member_view m;
    struct auth_actor actor;
    const char *due_on = NULL;
    int64_t id;

    if (http_body_decode(req, CREATE_IN, &in, NULL, err) < 0)
        return -1;
    /* The sending org creates it: the caller writes where the member is. */
    if (member_get(req->app, in.member_id, req->arena, &m, err) < 0 ||
        http_require_org(req, m.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_create(req->app, &in, &actor, req->arena, &id, &due_on, err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id, "status", "pending", "due_on",
                            jstr(due_on)));
    return 0;
}

/* The receiving org decides. A caller who holds only the sending side is told so (nothing
 * is revealed: they see the transfer in their out queue already); anyone else sees nothing. */
static int receiver(struct http_req *req, int64_t *id_out, struct transfer_view *t, struct err *err)
{
    struct err other = { 0 };

    if (http_param_id(req, 0, id_out, err) < 0 ||
        transfer_get(req->app, *id_out, req->arena, t, err) < 0)
        return -1;
    if (http_require_org(req, t->to_org_id, &other) == 0)
        return 0;
    if (http_require_org(req, t->from_org_id, err) < 0)
        return -1;
    return err_set(err, E_INVALID, "/to_org_id",
                   "只有接收党组织（%s）可以接收或退回此转接；转出党组织请等待对方办理",
                   t->to_org_name);
}

static int transfers_accept(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_view t;
    struct auth_actor actor;
    const char *findings = NULL;
    int64_t id;

    if (receiver(req, &id, &t, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_accept(req->app, id, &actor, req->arena, &findings, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id, "status", "accepted",
                            "findings", findings_json(findings)));
    return 0;
}

struct return_in {
    char *reason;
};
static const struct field RETURN_IN[] = {
    FIELD_STR(struct return_in, reason, "reason", "退回原因", FIELD_REQUIRED, 2, 200),
    FIELD_END,
};

static int transfers_return(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_view t;
    struct return_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (receiver(req, &id, &t, err) < 0 || http_body_decode(req, RETURN_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_return(req->app, id, in.reason, &actor, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "status", "returned", "reason",
                            in.reason));
    return 0;
}

static const struct route TRANSFERS_ROUTES[] = {
    { HTTP_GET, "/api/transfers", transfers_get, PERM_TRANSFERS_READ, SCOPE_CALLER,
      "组织关系转接队列：转出（box=out）、转入（box=in）或全部，待接收的在前，含接收期限", NULL,
      LIST_Q, NULL },
    { HTTP_GET, "/api/transfers/receivers", receivers_get, PERM_TRANSFERS_WRITE, SCOPE_CALLER,
      "可接收组织关系的党组织（全区任一未撤销的非党小组组织，按名称搜索，最多20个）", NULL,
      RECEIVERS_Q, NULL },
    { HTTP_GET, "/api/transfers/pocket", transfers_http_pocket, PERM_TRANSFERS_READ, SCOPE_CALLER,
      "口袋党员：介绍信逾期未回执的党员（只列出，供跟进，系统不作处理）", NULL, TRANSFER_POCKET_Q,
      NULL },
    { HTTP_GET, "/api/transfer-letters", transfer_letters_http_list, PERM_TRANSFERS_READ,
      SCOPE_CALLER, "介绍信（系统外转接）：管辖范围内开具的，可按状态筛选（有效、已回执、逾期）",
      NULL, TRANSFER_LETTERS_Q, NULL },
    { HTTP_POST, "/api/transfer-letters", transfer_letters_http_create, PERM_TRANSFERS_WRITE,
      SCOPE_RECORD, "开具介绍信：按开具组织逐年编号，有效期按 XFER-VALID，党费交至（XFER-DUES）",
      NULL, NULL, TRANSFER_LETTER_IN },
    { HTTP_GET, "/api/transfer-letters/{id}", transfer_letters_http_get, PERM_TRANSFERS_READ,
      SCOPE_RECORD,
      "一封介绍信（打印用：存根、介绍信、回执；?reveal=id_number "
      "显示完整身份证号，需授权并记录审计）",
      NULL, TRANSFER_LETTER_Q, NULL },
    { HTTP_POST, "/api/transfer-letters/{id}/receipt", transfer_letters_http_receipt,
      PERM_TRANSFERS_WRITE, SCOPE_RECORD, "登记介绍信回执（XFER-RECEIPT），只能登记一次", NULL,
      NULL, TRANSFER_RECEIPT_IN },
    { HTTP_POST, "/api/transfer-letters/{id}/printed", transfer_letters_http_printed,
      PERM_TRANSFERS_WRITE, SCOPE_RECORD, "记录介绍信打印一份（打印次数）", NULL, NULL, NULL },
    { HTTP_GET, "/api/flows", transfer_flows_http_list, PERM_TRANSFERS_READ, SCOPE_CALLER,
      "流动党员：管辖范围内登记的或其党员的登记卡（外出与流入），未返回的在前", NULL,
      TRANSFER_FLOWS_Q, NULL },
    { HTTP_POST, "/api/flows", transfer_flows_http_create, PERM_TRANSFERS_WRITE, SCOPE_RECORD,
      "登记流动党员（登记卡、《流动党员活动证》；外出由所在党组织、流入由流入地党组织登记）", NULL,
      NULL, TRANSFER_FLOW_IN },
    { HTTP_GET, "/api/flows/records", transfer_flows_http_records, PERM_TRANSFERS_READ,
      SCOPE_RECORD, "党员在流入地参加组织生活的记录（某期间，供民主评议参考，FLOW-IN-DUTY）", NULL,
      TRANSFER_FLOW_RECORDS_Q, NULL },
    { HTTP_GET, "/api/flows/{id}", transfer_flows_http_get, PERM_TRANSFERS_READ, SCOPE_RECORD,
      "一份流动党员登记卡及其在流入地参加组织生活的记录", NULL, NULL, NULL },
    { HTTP_POST, "/api/flows/{id}/meetings", transfer_flows_http_meeting, PERM_TRANSFERS_WRITE,
      SCOPE_RECORD, "记录流动党员在流入地参加的组织生活（流出地或流入地均可登记）", NULL, NULL,
      TRANSFER_FLOW_MEETING_IN },
    { HTTP_POST, "/api/flows/{id}/return", transfer_flows_http_return, PERM_TRANSFERS_WRITE,
      SCOPE_RECORD, "流动党员返回登记", NULL, NULL, TRANSFER_FLOW_RETURN_IN },
    { HTTP_GET, "/api/lost", transfers_http_lost, PERM_TRANSFERS_READ, SCOPE_CALLER,
      "失联与三不：连续未交党费或未参加组织生活的月数（LOST-R3/R5/R6）、组织关系未转、"
      "联系不上的时长（LOST-R-CONTACT）、停止党籍满期（LOST-R-STOP），只提示，由党组织决定",
      NULL, TRANSFER_LOST_Q, NULL },
    { HTTP_POST, "/api/lost/contacts", transfers_http_contact, PERM_TRANSFERS_WRITE, SCOPE_RECORD,
      "记录一次联系党员的情况（是否联系上）", NULL, NULL, TRANSFER_CONTACT_IN },
    { HTTP_POST, "/api/lost/decisions", transfers_http_decision, PERM_TRANSFERS_WRITE, SCOPE_RECORD,
      "记录党组织作出的决定（停止党籍、除名等，日期、决定机关和文号；不改名册）", NULL, NULL,
      TRANSFER_DECISION_IN },
    { HTTP_GET, "/api/in-service", transfer_reports_http_list, PERM_TRANSFERS_READ, SCOPE_CALLER,
      "在职党员到社区报到（双报到）：报到到本辖区社区的，或组织关系在本辖区单位党组织的；含本年度服"
      "务次数和时长",
      NULL, TRANSFER_REPORTS_Q, NULL },
    { HTTP_POST, "/api/in-service", transfer_reports_http_create, PERM_TRANSFERS_WRITE,
      SCOPE_RECORD,
      "登记在职党员到社区报到：系统内党员由其所在党组织（或上级）登记，组织关系在系统外单位的由社区"
      "党组织登记",
      NULL, NULL, TRANSFER_REPORT_IN },
    { HTTP_GET, "/api/in-service/{id}/summary", transfer_reports_http_summary, PERM_TRANSFERS_READ,
      SCOPE_RECORD, "在职党员年度服务情况反馈表（社区和工作单位党组织均可查看、打印）", NULL,
      TRANSFER_SUMMARY_Q, NULL },
    { HTTP_POST, "/api/in-service/{id}/services", transfer_reports_http_service,
      PERM_TRANSFERS_WRITE, SCOPE_RECORD, "登记在职党员为社区服务一次（服务登记卡）", NULL, NULL,
      TRANSFER_SERVICE_IN },
    { HTTP_PUT, "/api/in-service/{id}/review", transfer_reports_http_review, PERM_TRANSFERS_WRITE,
      SCOPE_RECORD, "社区党组织对在职党员的年度评价（RPT-EVAL，再次填写即更新）", NULL, NULL,
      TRANSFER_REVIEW_IN },
    { HTTP_POST, "/api/in-service/{id}/end", transfer_reports_http_end, PERM_TRANSFERS_WRITE,
      SCOPE_RECORD, "登记在职党员停止报到（迁出、退休等）", NULL, NULL, TRANSFER_REPORT_END_IN },
    { HTTP_GET, "/api/transfers/{id}", transfers_get_one, PERM_TRANSFERS_READ, SCOPE_RECORD,
      "一笔组织关系转接（转出或接收党组织可见）", NULL, NULL, NULL },
    { HTTP_POST, "/api/transfers", transfers_create, PERM_TRANSFERS_WRITE, SCOPE_RECORD,
      "转出党组织发起组织关系转接（系统内任一党组织，XFER-DIRECT），接收前党员仍在原组织", NULL,
      NULL, CREATE_IN },
    { HTTP_POST, "/api/transfers/{id}/accept", transfers_accept, PERM_TRANSFERS_WRITE, SCOPE_RECORD,
      "接收党组织接收：党员转入，同一事务记入党员变动历史（预备党员 DEV-TRANSFER-IN）", NULL, NULL,
      NULL },
    { HTTP_POST, "/api/transfers/{id}/return", transfers_return, PERM_TRANSFERS_WRITE, SCOPE_RECORD,
      "接收党组织退回（须说明原因），党员留在原组织", NULL, NULL, RETURN_IN },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/transfers.js). The branch committee (组织委员) handles
 * relations with the secretary. */
static const struct perm_row TRANSFERS_PERMS[] = {
    PERM_ROW(PERM_TRANSFERS_READ, "transfers.read", "查看组织关系转接",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROW(PERM_TRANSFERS_WRITE, "transfers.write", "办理组织关系转接（转出、接收、退回）",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROWS_END,
};

static const struct audit_action TRANSFERS_AUDIT[] = {
    { "transfer.create", "发起组织关系转接", "transfer" },
    { "transfer.accept", "接收组织关系转接", "transfer" },
    { "transfer.return", "退回组织关系转接", "transfer" },
    { "transfer.letter", "开具组织关系介绍信", "transfer_letter" },
    { "transfer.receipt", "登记介绍信回执", "transfer_letter" },
    { "transfer.flow", "登记流动党员", "transfer_flow" },
    { "transfer.flow_meeting", "记录流动党员参加组织生活", "transfer_flow" },
    { "transfer.flow_return", "流动党员返回登记", "transfer_flow" },
    { "transfer.contact", "记录联系党员情况", "member" },
    { "transfer.lost", "记录失联党员处理决定", "member" },
    { "transfer.report", "登记在职党员报到", "transfer_report" },
    { "transfer.report_service", "登记在职党员服务", "transfer_report" },
    { "transfer.report_review", "评价在职党员年度表现", "transfer_report" },
    { "transfer.report_end", "登记在职党员停止报到", "transfer_report" },
    { NULL, NULL, NULL },
};

static const struct code_table TRANSFERS_CODES[] = {
    { "transfer_status", TRANSFER_STATUSES, TRANSFER_STATUS_LABELS },
    { "transfer_pocket_reason", TRANSFER_POCKET_REASONS, TRANSFER_POCKET_REASON_LABELS },
    { "transfer_flow_direction", TRANSFER_FLOW_DIRECTIONS, TRANSFER_FLOW_DIRECTION_LABELS },
    { "transfer_contact_method", TRANSFER_CONTACT_METHODS, TRANSFER_CONTACT_METHOD_LABELS },
    { "transfer_lost_decision", TRANSFER_LOST_DECISIONS, TRANSFER_LOST_DECISION_LABELS },
    { "transfer_relation", TRANSFER_RELATIONS, TRANSFER_RELATION_LABELS },
    { "transfer_service_kind", TRANSFER_SERVICE_KINDS, TRANSFER_SERVICE_KIND_LABELS },
    { "transfer_review_grade", TRANSFER_REVIEW_GRADES, TRANSFER_REVIEW_GRADE_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter TRANSFERS_COUNTER = { "transfers", "组织关系转接" };
static const struct change_counter *const TRANSFERS_COUNTERS[] = { &TRANSFERS_COUNTER, NULL };
static const struct demo_hook *const TRANSFERS_DEMOS[] = { &TRANSFERS_DEMO, NULL };

extern const struct module TRANSFERS_MODULE;
/* A 流动党员's contact, sealed at rest (transfers_flow_store.c). */
static const struct sealed_column TRANSFERS_SEALED[] = {
    { "xfer_flow", "contact", NULL },
    { NULL, NULL, NULL },
};

const struct module TRANSFERS_MODULE = {
    .name = "transfers",
    .sealed = TRANSFERS_SEALED,
    .routes = TRANSFERS_ROUTES,
    .perms = TRANSFERS_PERMS,
    .audit_actions = TRANSFERS_AUDIT,
    .codes = TRANSFERS_CODES,
    .counters = TRANSFERS_COUNTERS,
    .demo = TRANSFERS_DEMOS,
};
