/* transfers_lost_http.c: the HTTP handlers of the 失联 ladder: the list of a subtree, a contact
 * attempt and a decision recorded at the member's org. Decode, check the scope, call one
 * service function, encode. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/members/members.h"
#include "domain/transfers/transfers.h"
#include "domain/transfers/transfers_http_int.h"
#include "http/http.h"

struct lost_q {
    int64_t org;
};
const struct field TRANSFER_LOST_Q[] = {
    FIELD_ID(struct lost_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

int transfers_http_lost(struct http_req *req, struct http_res *res, struct err *err)
{
    struct lost_q q = { 0 };
    struct transfer_lost *l;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, TRANSFER_LOST_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        transfers_lost(req->app, path, req->arena, &l, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack(
            "{s:I, s:s, s:I, s:s, s:I, s:I}", "member_id", (json_int_t)l[i].member_id, "name",
            l[i].name, "org_id", (json_int_t)l[i].org_id, "org_name", l[i].org_name,
            "unpaid_months", (json_int_t)l[i].unpaid_months, "attempts", (json_int_t)l[i].attempts);
        json_object_set_new(o, "absent_months", json_integer(l[i].absent_months));
        json_object_set_new(o, "absent_since", jstr(l[i].absent_since));
        json_object_set_new(o, "last_attended", jstr(l[i].last_attended));
        json_object_set_new(o, "relation", jstr(l[i].relation));
        json_object_set_new(
            o, "relation_label",
            l[i].relation
                ? jstr(enum_label(TRANSFER_RELATIONS, TRANSFER_RELATION_LABELS, l[i].relation))
                : json_null());
        json_object_set_new(o, "relation_since", jstr(l[i].relation_since));
        json_object_set_new(o, "no_dues", json_boolean(l[i].no_dues));
        json_object_set_new(o, "no_orglife", json_boolean(l[i].no_orglife));
        json_object_set_new(o, "sanbu",
                            json_integer(l[i].no_dues + l[i].no_orglife + (l[i].relation != NULL)));
        json_object_set_new(o, "rung", jstr(l[i].rung));
        json_object_set_new(o, "rung_message", jstr(l[i].rung_message));
        json_object_set_new(o, "last_reached", jstr(l[i].last_reached));
        json_object_set_new(o, "unreached_since", jstr(l[i].unreached_since));
        json_object_set_new(o, "contact_rule", jstr(l[i].contact_rule));
        json_object_set_new(o, "contact_message", jstr(l[i].contact_message));
        json_object_set_new(o, "decision", jstr(l[i].decision));
        json_object_set_new(o, "decision_label",
                            l[i].decision
                                ? jstr(enum_label(TRANSFER_LOST_DECISIONS,
                                                  TRANSFER_LOST_DECISION_LABELS, l[i].decision))
                                : json_null());
        json_object_set_new(o, "decided_on", jstr(l[i].decided_on));
        json_object_set_new(o, "doc_no", jstr(l[i].doc_no));
        json_object_set_new(o, "stop_rule", jstr(l[i].stop_rule));
        json_object_set_new(o, "stop_message", jstr(l[i].stop_message));
        json_array_append_new(arr, o);
    }
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

/* The member of a body, its org checked against the route's permission. */
static int member_in_scope(struct http_req *req, int64_t member_id, struct err *err)
{
    struct member_view m;

    if (member_get(req->app, member_id, req->arena, &m, err) < 0)
        return -1;
    return http_require_org(req, m.org_id, err);
}

struct contact_in {
    int64_t member_id;
    char *tried_on, *method, *note;
    bool reached;
};
const struct field TRANSFER_CONTACT_IN[] = {
    FIELD_ID(struct contact_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_DATE(struct contact_in, tried_on, "tried_on", "联系日期", FIELD_REQUIRED),
    FIELD_ENUM(struct contact_in, method, "method", "联系方式", FIELD_REQUIRED,
               TRANSFER_CONTACT_METHODS),
    FIELD_BOOL(struct contact_in, reached, "reached", "是否联系上", FIELD_REQUIRED),
    FIELD_STR(struct contact_in, note, "note", "情况", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int transfers_http_contact(struct http_req *req, struct http_res *res, struct err *err)
{
    struct contact_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, TRANSFER_CONTACT_IN, &in, NULL, err) < 0 ||
        member_in_scope(req, in.member_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_contact_add(req->app, in.member_id, in.tried_on, in.method, in.reached, in.note,
                             &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

struct decision_in {
    int64_t member_id;
    char *decision, *decided_on, *body, *doc_no, *note;
};
const struct field TRANSFER_DECISION_IN[] = {
    FIELD_ID(struct decision_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_ENUM(struct decision_in, decision, "decision", "决定", FIELD_REQUIRED,
               TRANSFER_LOST_DECISIONS),
    FIELD_DATE(struct decision_in, decided_on, "decided_on", "决定日期", FIELD_REQUIRED),
    FIELD_STR(struct decision_in, body, "body", "决定机关", FIELD_REQUIRED, 2, 60),
    FIELD_STR(struct decision_in, doc_no, "doc_no", "文号", FIELD_OPTIONAL, 0, 60),
    FIELD_STR(struct decision_in, note, "note", "说明", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int transfers_http_decision(struct http_req *req, struct http_res *res, struct err *err)
{
    struct decision_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, TRANSFER_DECISION_IN, &in, NULL, err) < 0 ||
        member_in_scope(req, in.member_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_lost_decide(req->app, in.member_id, in.decision, in.decided_on, in.body, in.doc_no,
                             in.note, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}
