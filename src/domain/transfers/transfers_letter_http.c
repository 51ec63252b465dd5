/* transfers_letter_http.c: the HTTP handlers of introduction letters (介绍信) and the 口袋党员
 * list: decode, check the scope (the issuing org's), call one service function, encode. The
 * member's ID number is masked as the roster masks it, unless the caller holds
 * members.reveal_pii at the member's org and asks for it (?reveal=id_number, for the printed
 * letter): that view is audited as the roster's reveals are ("member.reveal"). */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/members/members.h"
#include "domain/transfers/transfers.h"
#include "domain/transfers/transfers_http_int.h"
#include "http/http.h"

static json_t *letter_json(const struct transfer_letter_view *l, unsigned reveal, struct arena *a)
{
    struct member_view mv = { 0 };
    json_t *o;

    mv.id_number = l->id_number;
    member_mask(&mv, reveal & MEMBER_REVEAL_ID, a);
    o = json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:b, "
                  "s:s, s:s}",
                  "id", (json_int_t)l->id, "number", l->number, "org_id", (json_int_t)l->org_id,
                  "org_name", l->org_name, "member_id", (json_int_t)l->member_id, "name", l->name,
                  "gender", l->gender, "member_org_name", l->member_org_name, "to_org_name",
                  l->to_org_name, "issued_on", l->issued_on, "valid_until", l->valid_until,
                  "valid_rule", l->valid_rule, "dues_paid_to", l->dues_paid_to, "print_count",
                  (json_int_t)l->print_count, "expired", l->expired, "member_status",
                  l->member_status, "member_status_label", member_status_label(l->member_status));
    json_object_set_new(o, "ethnicity", jstr(l->ethnicity));
    json_object_set_new(o, "id_number", jstr(mv.id_number));
    json_object_set_new(o, "age",
                        l->birth_date ? jint(date_years_between(l->birth_date, l->issued_on))
                                      : json_null());
    json_object_set_new(o, "note", jstr(l->note));
    json_object_set_new(o, "received_on", jstr(l->received_on));
    json_object_set_new(o, "receipt_note", jstr(l->receipt_note));
    return o;
}

const struct field TRANSFER_LETTER_IN[] = {
    FIELD_ID(struct transfer_letter_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_ID(struct transfer_letter_in, org_id, "org_id", "开具介绍信的党组织", FIELD_OPTIONAL),
    FIELD_STR(struct transfer_letter_in, to_org_name, "to_org_name", "接收党组织", FIELD_REQUIRED,
              2, 100),
    FIELD_STR(struct transfer_letter_in, dues_paid_to, "dues_paid_to", "党费交至",
              FIELD_OPTIONAL | FIELD_ASCII, 7, 7),
    FIELD_DATE(struct transfer_letter_in, issued_on, "issued_on", "开具日期", FIELD_OPTIONAL),
    FIELD_STR(struct transfer_letter_in, note, "note", "备注", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int transfer_letters_http_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_letter_in in = { 0 };
    struct member_view m;
    struct auth_actor actor;
    const char *number, *until;
    int64_t id;

    if (http_body_decode(req, TRANSFER_LETTER_IN, &in, NULL, err) < 0 ||
        member_get(req->app, in.member_id, req->arena, &m, err) < 0 ||
        http_require_org(req, in.org_id ? in.org_id : m.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_letter_create(req->app, &in, &actor, req->arena, &id, &number, &until, err) < 0)
        return -1;
    http_res_json(
        res, 201,
        json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "number", number, "valid_until", until));
    return 0;
}

static const char *const LETTER_STATUSES[] = { "open", "received", "expired", NULL };
struct letters_q {
    int64_t org, page, size;
    char *status;
};
const struct field TRANSFER_LETTERS_Q[] = {
    FIELD_ID(struct letters_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_ENUM(struct letters_q, status, "status", "状态", FIELD_OPTIONAL, LETTER_STATUSES),
    HTTP_PAGE_FIELDS(struct letters_q),
    FIELD_END,
};

int transfer_letters_http_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct letters_q q = { 0 };
    struct transfer_letter_view *items;
    const char *path;
    int64_t n, total;
    json_t *arr;

    if (http_query_decode(req, TRANSFER_LETTERS_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (http_scope_path(req, q.org, &path, err) < 0 ||
        transfer_letters_list(req->app, path, q.status, q.page, q.size, req->arena, &items, &n,
                              &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, letter_json(&items[i], 0, req->arena));
    http_res_json(res, 200, http_list_json(arr, total, q.page, q.size));
    return 0;
}

/* A letter of the caller's scope (its issuing org), else E_NOT_FOUND. */
static int letter_in_scope(struct http_req *req, int64_t *id_out, struct transfer_letter_view *l,
                           struct err *err)
{
    if (http_param_id(req, 0, id_out, err) < 0 ||
        transfer_letter_get(req->app, *id_out, req->arena, l, err) < 0)
        return -1;
    return http_require_org(req, l->org_id, err);
}

struct letter_q {
    char *reveal;
};
const struct field TRANSFER_LETTER_Q[] = {
    FIELD_STR(struct letter_q, reveal, "reveal", "查看完整信息", FIELD_ASCII, 1, 60),
    FIELD_END,
};

int transfer_letters_http_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct letter_q q = { 0 };
    struct transfer_letter_view l;
    struct member_view m;
    struct auth_actor actor;
    unsigned reveal = 0;
    int64_t id;

    if (http_query_decode(req, TRANSFER_LETTER_Q, &q, NULL, err) < 0 ||
        member_reveal_parse(q.reveal, &reveal, err) < 0 || letter_in_scope(req, &id, &l, err) < 0)
        return -1;
    reveal &= MEMBER_REVEAL_ID; /* a letter shows no phone or address */
    if (reveal) {
        if (member_get(req->app, l.member_id, req->arena, &m, err) < 0)
            return -1;
        if (!auth_can(req->user, PERM_MEMBERS_REVEAL_PII, m.org_path))
            return err_set(err, E_FORBIDDEN, "/reveal", "您没有查看完整个人信息的权限（%s）",
                           perm_label(PERM_MEMBERS_REVEAL_PII));
        http_actor(req, &actor);
        if (member_reveal_audit(req->app, &m, reveal, &actor, err) < 0)
            return -1;
    }
    http_res_json(res, 200, letter_json(&l, reveal, req->arena));
    return 0;
}

struct receipt_in {
    char *received_on, *note;
};
const struct field TRANSFER_RECEIPT_IN[] = {
    FIELD_DATE(struct receipt_in, received_on, "received_on", "回执日期", FIELD_OPTIONAL),
    FIELD_STR(struct receipt_in, note, "note", "回执说明", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int transfer_letters_http_receipt(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_letter_view l;
    struct receipt_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (letter_in_scope(req, &id, &l, err) < 0 ||
        http_body_decode(req, TRANSFER_RECEIPT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_letter_receipt(req->app, id, in.received_on, in.note, &actor, err) < 0 ||
        transfer_letter_get(req->app, id, req->arena, &l, err) < 0)
        return -1;
    http_res_json(res, 200, letter_json(&l, 0, req->arena));
    return 0;
}

int transfer_letters_http_printed(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_letter_view l;
    int64_t id, count;

    if (letter_in_scope(req, &id, &l, err) < 0 ||
        transfer_letter_printed(req->app, id, &count, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:I}", "id", (json_int_t)id, "print_count", (json_int_t)count));
    return 0;
}

struct pocket_q {
    int64_t org;
};
const struct field TRANSFER_POCKET_Q[] = {
    FIELD_ID(struct pocket_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

int transfers_http_pocket(struct http_req *req, struct http_res *res, struct err *err)
{
    struct pocket_q q = { 0 };
    struct transfer_pocket *p;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, TRANSFER_POCKET_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        transfers_pocket(req->app, path, req->arena, &p, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            arr,
            json_pack(
                "{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "member_id",
                (json_int_t)p[i].member_id, "name", p[i].name, "org_id", (json_int_t)p[i].org_id,
                "org_name", p[i].org_name, "reason", p[i].reason, "reason_label",
                enum_label(TRANSFER_POCKET_REASONS, TRANSFER_POCKET_REASON_LABELS, p[i].reason),
                "since", p[i].since, "letter_id", (json_int_t)p[i].letter_id, "number", p[i].number,
                "to_org_name", p[i].to_org_name));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}
