/* auth_http.c: the session routes (log in, who am I, log out, change own password) and user
 * management routes. Handlers decode, call one service function, encode. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/auth_http.h"
#include "http/http.h"
#include "domain/modules.h"
#include "domain/auth/auth_cli.h"

static json_t *grants_json(const struct auth_grant *g, int n)
{
    json_t *arr = json_array();

    for (int i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)g[i].id,
                                        "role", role_name(g[i].role), "role_label",
                                        role_label(g[i].role), "org_id", (json_int_t)g[i].org_id,
                                        "org_name", g[i].org_name, "org_path", g[i].org_path));
    return arr;
}

static json_t *session_json(const struct auth_user *u)
{
    json_t *perms = json_array(), *roles = json_array();

    for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++)
        if (auth_can_any(u, (enum perm)p))
            json_array_append_new(perms, jstr(perm_name((enum perm)p)));
    /* The roles this user may hand out (none without users.manage): the account dialogs
     * offer only these. */
    for (int r = 0; r < ROLE_COUNT; r++)
        if (auth_may_grant_somewhere(u, (enum role)r))
            json_array_append_new(roles, jstr(role_name((enum role)r)));
    return json_pack(
        "{s:{s:I, s:s, s:s, s:b, s:o, s:b, s:b}, s:o, s:o, s:o}", "user", "id", (json_int_t)u->id,
        "username", u->username, "display_name", u->display_name, "must_change_password",
        u->must_change_password, "person_id", u->person_id ? jint(u->person_id) : json_null(),
        "totp_enabled", u->totp_enabled, "totp_setup_required", u->totp_setup_required, "grants",
        grants_json(u->grants, u->ngrants), "permissions", perms, "grantable_roles", roles);
}

struct login_in {
    char *username, *password, *totp_code;
};
static const struct field LOGIN_IN[] = {
    FIELD_STR(struct login_in, username, "username", "用户名", FIELD_REQUIRED | FIELD_ASCII, 1, 64),
    FIELD_STR(struct login_in, password, "password", "密码", FIELD_REQUIRED | FIELD_VERBATIM, 1,
              128),
    FIELD_STR(struct login_in, totp_code, "totp_code", "动态验证码", FIELD_OPTIONAL | FIELD_ASCII,
              0, 20),
    FIELD_END,
};

static int session_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct login_in in = { 0 };
    struct login_result out = { 0 };
    struct auth_actor actor;
    json_t *body;

    if (http_body_decode(req, LOGIN_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_login(req->app, in.username, in.password, in.totp_code, http_cookie(req, "dj_session"),
                   &actor, req->arena, &out, err) < 0) {
        if (err->code == E_THROTTLED)
            http_res_header(res, "Retry-After",
                            arena_printf(req->arena, "%" PRId64, out.retry_after_s));
        return -1;
    }
    body = session_json(out.user);
    json_object_set_new(body, "csrf_token", jstr(out.csrf_token));
    http_res_header(res, "Set-Cookie",
                    http_session_cookie(req, out.token, req->app->cfg->session_ttl_s));
    http_res_json(res, 200, body);
    return 0;
}

/* Public: a caller without a (live) session gets {"user": null}, not a 401, so the web app
 * can ask on every load without an error in the browser's console. */
static int session_get(struct http_req *req, struct http_res *res, struct err *err)
{
    if (http_session_optional(req, res, err) < 0)
        return -1;
    http_res_json(res, 200, req->user ? session_json(req->user) : json_pack("{s:n}", "user"));
    return 0;
}

static int session_delete(struct http_req *req, struct http_res *res, struct err *err)
{
    struct auth_actor actor;

    http_actor(req, &actor);
    if (auth_logout(req->app, &actor, err) < 0)
        return -1;
    http_res_header(res, "Set-Cookie", http_session_cookie(req, "", 0));
    http_res_json(res, 200, json_object());
    return 0;
}

struct password_in {
    char *old_password, *new_password;
};
static const struct field PASSWORD_IN[] = {
    FIELD_STR(struct password_in, old_password, "old_password", "原密码",
              FIELD_REQUIRED | FIELD_VERBATIM, 1, 128),
    FIELD_STR(struct password_in, new_password, "new_password", "新密码",
              FIELD_REQUIRED | FIELD_VERBATIM, 1, 200),
    FIELD_END,
};
static const struct field RESET_IN[] = {
    FIELD_STR(struct password_in, new_password, "new_password", "新密码",
              FIELD_REQUIRED | FIELD_VERBATIM, 1, 200),
    FIELD_END,
};

static int session_password(struct http_req *req, struct http_res *res, struct err *err)
{
    struct password_in in = { 0 };
    struct auth_actor actor;

    if (http_body_decode(req, PASSWORD_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_password_change(req->app, req->user->id, in.old_password, in.new_password, false,
                             &actor, err) < 0)
        return -1;
    http_res_json(res, 200, json_object());
    return 0;
}

static json_t *user_json(const struct user_view *v)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:o, s:I, s:o}", "id", (json_int_t)v->id,
                     "username", v->username, "display_name", v->display_name, "status", v->status,
                     "must_change_password", v->must_change_password, "person_id",
                     v->person_id ? jint(v->person_id) : json_null(), "last_login_at",
                     v->last_login_at ? jint(v->last_login_at) : json_null(), "created_at",
                     (json_int_t)v->created_at, "grants", grants_json(v->grants, v->ngrants));
}

struct users_query {
    int64_t org, page, size;
};
static const struct field USERS_QUERY[] = {
    FIELD_ID(struct users_query, org, "org", "党组织", FIELD_OPTIONAL),
    HTTP_PAGE_FIELDS(struct users_query),
    FIELD_END,
};

static int users_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct users_query q = { 0 };
    struct user_query uq;
    struct user_view *v;
    int64_t n, total;
    json_t *items;

    if (http_query_decode(req, USERS_QUERY, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    uq.page = q.page;
    uq.size = q.size;
    uq.viewer = req->user;
    if (http_scope_path(req, q.org, &uq.org_path, err) < 0 ||
        auth_user_list(req->app, &uq, req->arena, &v, &n, &total, err) < 0)
        return -1;
    items = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(items, user_json(&v[i]));
    http_res_json(res, 200, http_list_json(items, total, q.page, q.size));
    return 0;
}

static const struct field USER_NEW[] = {
    FIELD_STR(struct user_new, username, "username", "用户名", FIELD_REQUIRED | FIELD_ASCII, 3, 64),
    FIELD_STR(struct user_new, display_name, "display_name", "姓名", FIELD_REQUIRED, 1, 50),
    FIELD_STR(struct user_new, password, "password", "初始密码", FIELD_REQUIRED | FIELD_VERBATIM, 1,
              200),
    FIELD_ID(struct user_new, person_id, "person_id", "关联人员", FIELD_OPTIONAL),
    FIELD_ENUM(struct user_new, role, "role", "角色", FIELD_REQUIRED, ROLE_NAMES),
    FIELD_ID(struct user_new, org_id, "org_id", "授权组织", FIELD_REQUIRED),
    FIELD_END,
};

static int user_fetch(struct http_req *req, int64_t id, struct http_res *res, int status,
                      struct err *err)
{
    struct auth_actor actor;
    struct user_view v = { 0 };

    http_actor(req, &actor);
    if (auth_user_get(req->app, &actor, id, req->arena, &v, err) < 0)
        return -1;
    http_res_json(res, status, user_json(&v));
    return 0;
}

static int users_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct user_new in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, USER_NEW, &in, NULL, err) < 0)
        return -1;
    in.must_change_password = true;
    http_actor(req, &actor);
    if (auth_user_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return user_fetch(req, id, res, 201, err);
}

static int users_get(struct http_req *req, struct http_res *res, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0)
        return -1;
    return user_fetch(req, id, res, 200, err);
}

struct user_patch {
    char *display_name, *status;
};
static const char *const USER_STATUSES[] = { "active", "disabled", NULL };
static const struct field USER_PATCH[] = {
    FIELD_STR(struct user_patch, display_name, "display_name", "姓名", FIELD_OPTIONAL, 1, 50),
    FIELD_ENUM(struct user_patch, status, "status", "状态", FIELD_OPTIONAL, USER_STATUSES),
    FIELD_END,
};

static int users_patch(struct http_req *req, struct http_res *res, struct err *err)
{
    struct user_patch in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        http_body_decode(req, USER_PATCH, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_user_update(req->app, &actor, id, in.display_name, in.status, err) < 0)
        return -1;
    return user_fetch(req, id, res, 200, err);
}

static int users_password_reset(struct http_req *req, struct http_res *res, struct err *err)
{
    struct password_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, RESET_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_password_change(req->app, id, NULL, in.new_password, true, &actor, err) < 0)
        return -1;
    return user_fetch(req, id, res, 200, err);
}

struct grant_in {
    char *role;
    int64_t org_id;
};
static const struct field GRANT_IN[] = {
    FIELD_ENUM(struct grant_in, role, "role", "角色", FIELD_REQUIRED, ROLE_NAMES),
    FIELD_ID(struct grant_in, org_id, "org_id", "授权组织", FIELD_REQUIRED),
    FIELD_END,
};

static int grants_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct grant_in in = { 0 };
    struct auth_actor actor;
    int64_t id, gid;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, GRANT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_grant_add(req->app, &actor, id, in.role, in.org_id, &gid, err) < 0)
        return -1;
    return user_fetch(req, id, res, 201, err);
}

static int grants_remove(struct http_req *req, struct http_res *res, struct err *err)
{
    struct auth_actor actor;
    int64_t id, gid;

    if (http_param_id(req, 0, &id, err) < 0 || http_param_id(req, 1, &gid, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_grant_remove(req->app, &actor, id, gid, err) < 0)
        return -1;
    return user_fetch(req, id, res, 200, err);
}

/* ---------- two-factor login ---------- */

static int totp_get(struct http_req *req, struct http_res *res, struct err *err)
{
    int64_t left = 0;

    if (req->user->totp_enabled && auth_totp_codes_left(req->app, req->user->id, &left, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:b, s:b, s:I}", "enabled", req->user->totp_enabled, "required",
                            req->user->totp_setup_required, "recovery_codes_left",
                            (json_int_t)left));
    return 0;
}

static int totp_setup(struct http_req *req, struct http_res *res, struct err *err)
{
    struct totp_setup t;

    if (auth_totp_setup(req->app, req->user, req->arena, &t, err) < 0)
        return -1;
    http_res_json(
        res, 200,
        json_pack("{s:s, s:s, s:s}", "secret", t.secret, "uri", t.uri, "qr_svg", t.qr_svg));
    return 0;
}

struct totp_code_in {
    char *code;
};
static const struct field TOTP_CODE_IN[] = {
    FIELD_STR(struct totp_code_in, code, "code", "验证码", FIELD_REQUIRED | FIELD_ASCII, 6, 8),
    FIELD_END,
};

static int totp_enable(struct http_req *req, struct http_res *res, struct err *err)
{
    struct totp_code_in in = { 0 };
    struct auth_actor actor;
    const char **codes;
    json_t *arr;

    if (http_body_decode(req, TOTP_CODE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_totp_enable(req->app, req->user, in.code, &actor, req->arena, &codes, err) < 0)
        return -1;
    arr = json_array();
    for (size_t i = 0; codes[i]; i++)
        json_array_append_new(arr, jstr(codes[i]));
    http_res_json(res, 200, json_pack("{s:b, s:o}", "enabled", 1, "recovery_codes", arr));
    return 0;
}

struct totp_off_in {
    char *password;
};
static const struct field TOTP_OFF_IN[] = {
    FIELD_STR(struct totp_off_in, password, "password", "密码", FIELD_REQUIRED | FIELD_VERBATIM, 1,
              128),
    FIELD_END,
};

static int totp_disable(struct http_req *req, struct http_res *res, struct err *err)
{
    struct totp_off_in in = { 0 };
    struct auth_actor actor;
    unsigned roles = 0;

    if (http_body_decode(req, TOTP_OFF_IN, &in, NULL, err) < 0)
        return -1;
    if (auth_totp_roles(req->app->cfg, &roles, err) < 0)
        return -1;
    for (int i = 0; i < req->user->ngrants; i++)
        if (roles & ROLE_BIT(req->user->grants[i].role))
            return err_set(err, E_CONFLICT, "",
                           "您的角色须使用双因素认证，不能停用；更换手机请联系管理员重置");
    http_actor(req, &actor);
    if (auth_totp_disable(req->app, req->user->id, in.password, &actor, err) < 0)
        return -1;
    http_res_json(res, 200, json_pack("{s:b}", "enabled", 0));
    return 0;
}

static int users_totp_reset(struct http_req *req, struct http_res *res, struct err *err)
{
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (auth_totp_disable(req->app, id, NULL, &actor, err) < 0)
        return -1;
    return user_fetch(req, id, res, 200, err);
}

static const struct route AUTH_ROUTES[] = {
    { HTTP_POST, "/api/session", session_create, PERM_PUBLIC, SCOPE_NONE, "登录", NULL, NULL,
      LOGIN_IN },
    { HTTP_GET, "/api/session", session_get, PERM_PUBLIC, SCOPE_NONE,
      "当前用户、授权与权限（未登录时 user 为 null）", NULL, NULL, NULL },
    { HTTP_DELETE, "/api/session", session_delete, PERM_SESSION, SCOPE_NONE, "退出登录", NULL, NULL,
      NULL },
    { HTTP_POST, "/api/session/password", session_password, PERM_SESSION, SCOPE_NONE,
      "修改自己的密码", NULL, NULL, PASSWORD_IN },
    { HTTP_GET, "/api/session/totp", totp_get, PERM_SESSION, SCOPE_NONE,
      "双因素认证状态（是否启用、是否必须、剩余恢复码）", NULL, NULL, NULL },
    { HTTP_POST, "/api/session/totp/setup", totp_setup, PERM_SESSION, SCOPE_NONE,
      "开始启用双因素认证：生成密钥与二维码（确认前不生效）", NULL, NULL, NULL },
    { HTTP_POST, "/api/session/totp/enable", totp_enable, PERM_SESSION, SCOPE_NONE,
      "输入身份验证器的验证码以启用双因素认证，返回一次性恢复码", NULL, NULL, TOTP_CODE_IN },
    { HTTP_POST, "/api/session/totp/disable", totp_disable, PERM_SESSION, SCOPE_NONE,
      "停用自己的双因素认证（须输入密码）", NULL, NULL, TOTP_OFF_IN },
    { HTTP_GET, "/api/users", users_list, PERM_USERS_MANAGE, SCOPE_CALLER, "管辖范围内的账号", NULL,
      USERS_QUERY, NULL },
    { HTTP_POST, "/api/users", users_create, PERM_USERS_MANAGE, SCOPE_RECORD, "创建账号", NULL,
      NULL, USER_NEW },
    { HTTP_GET, "/api/users/{id}", users_get, PERM_USERS_MANAGE, SCOPE_RECORD, "账号详情", NULL,
      NULL, NULL },
    { HTTP_PATCH, "/api/users/{id}", users_patch, PERM_USERS_MANAGE, SCOPE_RECORD,
      "修改姓名、停用或启用账号", NULL, NULL, USER_PATCH },
    { HTTP_POST, "/api/users/{id}/password", users_password_reset, PERM_USERS_MANAGE, SCOPE_RECORD,
      "重置密码（下次登录须修改）", NULL, NULL, RESET_IN },
    { HTTP_POST, "/api/users/{id}/grants", grants_add, PERM_USERS_MANAGE, SCOPE_RECORD, "增加授权",
      NULL, NULL, GRANT_IN },
    { HTTP_DELETE, "/api/users/{id}/grants/{grant_id}", grants_remove, PERM_USERS_MANAGE,
      SCOPE_RECORD, "撤销授权", NULL, NULL, NULL },
    { HTTP_POST, "/api/users/{id}/totp-reset", users_totp_reset, PERM_USERS_MANAGE, SCOPE_RECORD,
      "重置双因素认证（用户丢失手机时）", NULL, NULL, NULL },
    { 0 },
};

/* residents.* have no area of their own yet; the grid worker role carries them. */
static const struct perm_row AUTH_PERMS[] = {
    PERM_ROW(PERM_USERS_MANAGE, "users.manage", "管理账号与授权", ROLES_MANAGERS),
    PERM_ROW(PERM_RESIDENTS_READ, "residents.read", "查看居民信息",
             ROLES_MANAGERS | ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_RESIDENTS_WRITE, "residents.write", "管理居民信息",
             ROLES_MANAGERS | ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROWS_END,
};

static const struct audit_action AUTH_AUDIT[] = {
    { "session.login", "登录", "user" },
    { "session.logout", "退出登录", "user" },
    { "user.create", "创建账号", "user" },
    { "user.update", "修改账号", "user" },
    { "user.disable", "停用账号", "user" },
    { "user.enable", "启用账号", "user" },
    { "user.password_change", "修改密码", "user" },
    { "user.totp_enable", "启用双因素认证", "user" },
    { "user.totp_disable", "停用双因素认证", "user" },
    { "user.totp_reset", "重置双因素认证", "user" },
    { "user.password_reset", "重置密码", "user" },
    { "grant.add", "增加授权", "user" },
    { "grant.remove", "撤销授权", "user" },
    { NULL, NULL, NULL },
};

static const struct code_table AUTH_CODES[] = {
    { "role", ROLE_NAMES, ROLE_LABELS },
    { NULL, NULL, NULL },
};

static const struct change_counter *const AUTH_COUNTERS[] = { &AUTH_COUNTER, NULL };

const struct module AUTH_MODULE = {
    .name = "auth",
    .routes = AUTH_ROUTES,
    .perms = AUTH_PERMS,
    .audit_actions = AUTH_AUDIT,
    .codes = AUTH_CODES,
    .counters = AUTH_COUNTERS,
    .commands = AUTH_COMMANDS,
};
