/* auth_users.c: account and grant management inside the caller's scope. A caller may see a
 * user when one of the user's grants lies in the caller's users.manage scope, and may change
 * the user only when all of them do; a role can be handed out only by someone who holds
 * every permission of that role at that org (and `admin` only by an admin). Every change is
 * audited in its own transaction. */
#include "core/compat.h"
#include <sodium.h>
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_int.h"

static int audit_user(struct db_conn *c, const struct auth_actor *actor, const char *action,
                      int64_t target, int64_t org_id, const char *digest_of, struct err *err)
{
    char digest[65];
    struct audit_entry e = auth_audit_entry(actor, action, "user", target, org_id);

    if (digest_of) {
        audit_digest(digest_of, strlen(digest_of), digest);
        e.digest = digest;
    }
    return audit_append(c, &e, err);
}

static bool may_grant(const struct auth_actor *actor, enum role role, const char *org_path);

bool auth_may_grant_somewhere(const struct auth_user *u, enum role role)
{
    const struct auth_actor actor = { .user = u };

    for (int i = 0; i < u->ngrants; i++)
        if (may_grant(&actor, role, u->grants[i].org_path))
            return true;
    return false;
}

/* Whether the actor may hand out role at org_path. The CLI (no user) may do anything. */
static bool may_grant(const struct auth_actor *actor, enum role role, const char *org_path)
{
    const struct auth_user *u = actor->user;

    if (!u)
        return true;
    if (!auth_can(u, PERM_USERS_MANAGE, org_path))
        return false;
    if (role == ROLE_ADMIN) {
        for (int i = 0; i < u->ngrants; i++)
            if (u->grants[i].role == ROLE_ADMIN && auth_can(u, PERM_USERS_MANAGE, org_path))
                return true;
        return false;
    }
    for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++)
        if (role_has(role, (enum perm)p) && !auth_can(u, (enum perm)p, org_path))
            return false;
    return true;
}

int auth_target_in_scope(struct db_conn *c, const struct auth_actor *actor, int64_t user_id,
                         bool all, struct arena *a, struct auth_grant **g_out, int *n_out,
                         struct err *err)
{
    struct auth_grant *g;
    int n, inside = 0;

    if (auth_store_grants(c, user_id, a, &g, &n, err) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        inside += !actor->user || auth_can(actor->user, PERM_USERS_MANAGE, g[i].org_path);
    if (actor->user && inside == 0)
        return err_set(err, E_NOT_FOUND, "", "账号不存在");
    if (all && inside < n)
        return err_set(err, E_FORBIDDEN, "", "该账号在您的管辖范围之外也有授权，不能由您修改");
    *g_out = g;
    *n_out = n;
    return 0;
}

void auth_username_fold(char *s)
{
    utf8_halfwidth(s, true);
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

int auth_username_check(const char *username, struct err *err)
{
    size_t n = strlen(username);

    if (n < 3 || n > 64)
        return err_set(err, E_INVALID, "/username", "用户名应为 3 到 64 个字符");
    for (const char *p = username; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '-')
            return err_set(err, E_INVALID, "/username", "用户名只能包含字母、数字和 _ . -");
    return 0;
}

/* Prefixes the field of the error just set with "/<i>" when the input is a batch. */
static int at_index(struct err *err, bool indexed, size_t i)
{
    char f[sizeof(err->field) + 24];

    if (indexed) {
        snprintf(f, sizeof(f), "/%zu%s", i, err->field);
        err_refine(err, f, NULL);
    }
    return -1;
}

/* Checks one new account against the actor's rights and the password rules. */
static int user_new_check(struct db_conn *c, const struct user_new *in,
                          const struct auth_actor *actor, struct arena *a, struct err *err)
{
    const char *path = NULL, *idn = NULL;
    enum role role;

    auth_username_fold(in->username);
    if (auth_username_check(in->username, err) < 0)
        return -1;
    if (role_parse(in->role, &role) < 0)
        return err_set(err, E_INVALID, "/role", "角色无效：%s", in->role);
    if (auth_store_org_path(c, in->org_id, a, &path, err) < 0)
        return err_refine(err, "/org_id", NULL);
    if (!may_grant(actor, role, path))
        return err_set(err, E_FORBIDDEN, "/org_id", "您不能在该组织授予“%s”角色", role_label(role));
    if (in->person_id && auth_store_person_id_number(c, in->person_id, a, &idn, err) < 0)
        return err_refine(err, "/person_id", NULL);
    if (auth_password_check(in->password, in->username, idn, err) < 0)
        return err_refine(err, "/password", NULL);
    return 0;
}

static int user_insert(struct db_conn *c, const struct user_new *in, const char *hash,
                       const struct auth_actor *actor, int64_t now, int64_t history,
                       struct arena *a, int64_t *id_out, struct err *err)
{
    int64_t gid;

    if (auth_store_user_insert(c, in, hash, now, id_out, err) < 0 ||
        auth_store_password_history_add(c, *id_out, hash, now, history, err) < 0 ||
        auth_store_grant_insert(c, *id_out, in->role, in->org_id, now, &gid, err) < 0)
        return -1;
    return audit_user(
        c, actor, "user.create", *id_out, in->org_id,
        audit_change_text(NULL,
                          json_pack("{s:s, s:s?, s:s, s:I, s:I, s:b}", "username", in->username,
                                    "display_name", in->display_name, "role", in->role, "org_id",
                                    (json_int_t)in->org_id, "person_id", (json_int_t)in->person_id,
                                    "must_change_password", in->must_change_password),
                          a),
        err);
}

/* Checks all n accounts, hashes each distinct password once, then writes them in one
 * transaction. indexed: report errors as "/<i>/field" (a batch) rather than "/field". */
static int users_create(struct app *app, const struct user_new *in, size_t n,
                        const struct auth_actor *actor, int64_t *ids_out, bool indexed,
                        struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    char(*hash)[crypto_pwhash_STRBYTES];
    int64_t now = clock_now();
    size_t i, j;
    int rc = -1;

    arena_init(&a, 4096);
    hash = arena_alloc(&a, (n ? n : 1) * sizeof(*hash));
    if (db_acquire(app->db, &c, err) < 0)
        goto done;
    for (i = 0; i < n; i++)
        if (user_new_check(c, &in[i], actor, &a, err) < 0) {
            at_index(err, indexed, i);
            goto done;
        }
    for (i = 0; i < n; i++) {
        for (j = 0; j < i && strcmp(in[j].password, in[i].password) != 0; j++)
            ;
        if (j < i)
            memcpy(hash[i], hash[j], sizeof(hash[i]));
        else if (auth_password_hash(in[i].password, hash[i], err) < 0)
            goto done;
    }
    if (db_tx_begin(c, err) < 0)
        goto done;
    for (i = 0; i < n; i++)
        if (user_insert(c, &in[i], hash[i], actor, now, app->cfg->auth_password_history, &a,
                        &ids_out[i], err) < 0) {
            at_index(err, indexed, i);
            goto done; /* db_release rolls the batch back */
        }
    if (db_tx_commit(c, err) < 0)
        goto done;
    rc = 0;
done:
    sodium_memzero(hash, (n ? n : 1) * sizeof(*hash));
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

int auth_user_create(struct app *app, const struct user_new *in, const struct auth_actor *actor,
                     int64_t *id_out, struct err *err)
{
    return users_create(app, in, 1, actor, id_out, false, err);
}

int auth_user_create_many(struct app *app, const struct user_new *in, size_t n,
                          const struct auth_actor *actor, int64_t *ids_out, struct err *err)
{
    return users_create(app, in, n, actor, ids_out, true, err);
}

/* Refuses new_password when it is one of u's last `history` passwords: the hashes kept in
 * password_history, and the one in use (accounts from before that table have no rows). */
/* current_checked: the caller has already compared new_password with the one in use (a change
 * of one's own password), which saves an argon2 verification. */
static int history_check(struct db_conn *c, const struct user_row *u, const char *new_password,
                         int64_t history, bool current_checked, struct arena *a, struct err *err)
{
    const char **h;
    int n;

    if (history <= 0)
        return 0;
    if (!current_checked && auth_password_matches(u->password_hash, new_password))
        goto repeated;
    if (auth_store_password_history(c, u->id, history, a, &h, &n, err) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(h[i], u->password_hash) != 0 && auth_password_matches(h[i], new_password))
            goto repeated;
    return 0;
repeated:
    return err_set(err, E_INVALID, "/new_password",
                   "新密码不能与最近 %" PRId64 " 次使用过的密码相同", history);
}

int auth_password_change(struct app *app, int64_t user_id, const char *old_password,
                         const char *new_password, bool must_change, const struct auth_actor *actor,
                         struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct user_row u;
    struct auth_grant *g;
    const char *idn = NULL;
    char hash[crypto_pwhash_STRBYTES];
    bool self = actor->user && actor->user->id == user_id;
    int64_t now = clock_now();
    int n, rc = -1;

    arena_init(&a, 1024);
    if (db_acquire(app->db, &c, err) < 0)
        goto done;
    if (auth_store_user_by_id(c, user_id, &a, &u, err) < 0)
        goto done;
    if (!self && auth_target_in_scope(c, actor, user_id, true, &a, &g, &n, err) < 0)
        goto done;
    if (self) {
        if (!old_password || !auth_password_matches(u.password_hash, old_password)) {
            err_set(err, E_INVALID, "/old_password", "原密码不正确");
            goto done;
        }
        if (strcmp(old_password, new_password) == 0) {
            err_set(err, E_INVALID, "/new_password", "新密码不能与原密码相同");
            goto done;
        }
    }
    if (u.person_id && auth_store_person_id_number(c, u.person_id, &a, &idn, err) < 0)
        goto done;
    if (auth_password_check(new_password, u.username, idn, err) < 0 ||
        history_check(c, &u, new_password, app->cfg->auth_password_history, self, &a, err) < 0 ||
        auth_password_hash(new_password, hash, err) < 0 || db_tx_begin(c, err) < 0)
        goto done;
    if (auth_store_user_password(c, user_id, hash, self ? false : must_change, now, err) < 0 ||
        auth_store_password_history_add(c, user_id, hash, now, app->cfg->auth_password_history,
                                        err) < 0 ||
        (self ? auth_store_session_delete_others(c, user_id, actor->user->session_id, err)
              : auth_store_session_delete_user(c, user_id, err)) < 0 ||
        audit_user(c, actor, self ? "user.password_change" : "user.password_reset", user_id, 0,
                   NULL, err) < 0)
        goto done;
    rc = 0;
done:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int auth_user_find_by_name(struct app *app, const char *username, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct user_row u;
    int rc;

    arena_init(&a, 512);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = auth_store_user_by_name(c, username, &a, &u, err);
    if (rc == 0)
        *id_out = u.id;
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

/* Keeps only the grants whose org lies in viewer's users.manage scope, in order: a grant
 * elsewhere (another community's org_admin, say) is not the viewer's business. A NULL viewer
 * (the CLI) sees all. */
static void visible_grants(const struct auth_user *viewer, struct auth_grant *g, int *n)
{
    int kept = 0;

    if (!viewer)
        return;
    for (int i = 0; i < *n; i++)
        if (auth_can(viewer, PERM_USERS_MANAGE, g[i].org_path))
            g[kept++] = g[i];
    *n = kept;
}

static void to_view(const struct user_row *u, struct user_view *v)
{
    v->id = u->id;
    v->username = u->username;
    v->display_name = u->display_name;
    v->status = u->status;
    v->person_id = u->person_id;
    v->last_login_at = u->last_login_at;
    v->created_at = u->created_at;
    v->must_change_password = u->must_change_password;
}

int auth_user_list(struct app *app, const struct user_query *q, struct arena *a,
                   struct user_view **out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct user_row *rows;
    struct user_view *views;
    int64_t n;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (auth_store_user_page(c, q, a, &rows, &n, total_out, err) < 0)
        goto out;
    views = arena_alloc(a, sizeof(*views) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++) {
        to_view(&rows[i], &views[i]);
        if (auth_store_grants(c, rows[i].id, a, &views[i].grants, &views[i].ngrants, err) < 0)
            goto out;
        visible_grants(q->viewer, views[i].grants, &views[i].ngrants);
    }
    *out = views;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int auth_user_get(struct app *app, const struct auth_actor *actor, int64_t id, struct arena *a,
                  struct user_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct user_row u;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (auth_store_user_by_id(c, id, a, &u, err) < 0 ||
        auth_target_in_scope(c, actor, id, false, a, &out->grants, &out->ngrants, err) < 0)
        goto out;
    visible_grants(actor->user, out->grants, &out->ngrants);
    to_view(&u, out);
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int auth_user_update(struct app *app, const struct auth_actor *actor, int64_t id,
                     const char *display_name, const char *status, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct user_row u;
    struct auth_grant *g;
    int n, rc = -1;

    arena_init(&a, 1024);
    if (db_acquire(app->db, &c, err) < 0)
        goto done;
    if (auth_store_user_by_id(c, id, &a, &u, err) < 0 ||
        auth_target_in_scope(c, actor, id, true, &a, &g, &n, err) < 0)
        goto done;
    if (status && actor->user && actor->user->id == id && strcmp(status, "active") != 0) {
        err_set(err, E_CONFLICT, "/status", "不能停用自己的账号");
        goto done;
    }
    if (db_tx_begin(c, err) < 0)
        goto done;
    if (auth_store_user_update(c, id, display_name, status, clock_now(), err) < 0 ||
        (status && strcmp(status, "disabled") == 0 &&
         auth_store_session_delete_user(c, id, err) < 0) ||
        audit_user(c, actor,
                   status ? (strcmp(status, "disabled") == 0 ? "user.disable" : "user.enable")
                          : "user.update",
                   id, n ? g[0].org_id : 0,
                   audit_change_text(json_pack("{s:s?, s:s?}", "display_name", u.display_name,
                                               "status", u.status),
                                     json_pack("{s:s?, s:s?}", "display_name",
                                               display_name ? display_name : u.display_name,
                                               "status", status ? status : u.status),
                                     &a),
                   err) < 0)
        goto done;
    rc = 0;
done:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int auth_grant_add(struct app *app, const struct auth_actor *actor, int64_t user_id,
                   const char *role_s, int64_t org_id, int64_t *grant_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct user_row u;
    struct auth_grant *g;
    const char *path;
    enum role role;
    int n, rc = -1;

    arena_init(&a, 1024);
    if (role_parse(role_s, &role) < 0)
        return err_set(err, E_INVALID, "/role", "角色无效：%s", role_s);
    if (db_acquire(app->db, &c, err) < 0)
        goto done;
    if (auth_store_user_by_id(c, user_id, &a, &u, err) < 0 ||
        auth_target_in_scope(c, actor, user_id, false, &a, &g, &n, err) < 0)
        goto done;
    if (auth_store_org_path(c, org_id, &a, &path, err) < 0) {
        err_refine(err, "/org_id", NULL);
        goto done;
    }
    if (!may_grant(actor, role, path)) {
        err_set(err, E_FORBIDDEN, "/org_id", "您不能在该组织授予“%s”角色", role_label(role));
        goto done;
    }
    if (db_tx_begin(c, err) < 0)
        goto done;
    if (auth_store_grant_insert(c, user_id, role_s, org_id, clock_now(), grant_id_out, err) < 0 ||
        audit_user(c, actor, "grant.add", user_id, org_id, role_s, err) < 0)
        goto done;
    rc = 0;
done:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int auth_grant_remove(struct app *app, const struct auth_actor *actor, int64_t user_id,
                      int64_t grant_id, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct auth_grant *g, *target = NULL;
    int n, rc = -1;

    arena_init(&a, 1024);
    if (db_acquire(app->db, &c, err) < 0)
        goto done;
    if (auth_target_in_scope(c, actor, user_id, false, &a, &g, &n, err) < 0)
        goto done;
    for (int i = 0; i < n; i++)
        if (g[i].id == grant_id)
            target = &g[i];
    if (!target || (actor->user && !auth_can(actor->user, PERM_USERS_MANAGE, target->org_path))) {
        err_set(err, E_NOT_FOUND, "", "授权不存在");
        goto done;
    }
    if (n == 1) {
        err_set(err, E_CONFLICT, "", "这是该账号的最后一个授权；如不再使用请停用账号");
        goto done;
    }
    if (db_tx_begin(c, err) < 0)
        goto done;
    if (auth_store_grant_delete(c, user_id, grant_id, err) < 0 ||
        audit_user(c, actor, "grant.remove", user_id, target->org_id, role_name(target->role),
                   err) < 0)
        goto done;
    rc = 0;
done:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
