/* cmd_user.c: `user add|list|passwd` and `audit verify`: account administration and the
 * audit-chain check from the command line (the operator's own tools; they act as the CLI,
 * not as a signed-in user, and are audited as "cli:..."). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "cli/cli.h"

static int need(const struct cli_cmd *cmd, const struct cli_args *a, const char *opt)
{
    if (cli_get(cmd, a, opt))
        return 0;
    fprintf(stderr, "dangjian %s %s: 缺少 --%s / missing --%s\n", cmd->name, a->pos[0], opt, opt);
    return 2;
}

static int user_add(const struct cli_cmd *cmd, const struct cli_args *a, struct cli_env *env)
{
    struct err err = { 0 };
    struct auth_actor actor = { .source = "cli:user add" };
    const char *org = cli_get(cmd, a, "org"), *person = cli_get(cmd, a, "person");
    struct arena ar;
    struct user_new u;
    int64_t id;
    int rc;

    arena_init(&ar, 1024);
    u = (struct user_new){
        .username = arena_strdup(&ar, cli_get(cmd, a, "username")),
        .display_name =
            arena_strdup(&ar, cli_get(cmd, a, "display-name") ? cli_get(cmd, a, "display-name")
                                                              : cli_get(cmd, a, "username")),
        .password = arena_strdup(&ar, cli_get(cmd, a, "password")),
        .role = arena_strdup(&ar, cli_get(cmd, a, "role")),
        .must_change_password = !cli_get(cmd, a, "keep-password"),
    };
    if (parse_i64(org, strlen(org), &u.org_id) < 0 || u.org_id <= 0 ||
        (person && (parse_i64(person, strlen(person), &u.person_id) < 0 || u.person_id <= 0))) {
        fprintf(stderr, "dangjian user add: --org 和 --person 应为正整数编号\n");
        arena_release(&ar);
        return 2;
    }
    rc = auth_user_create(&env->app, &u, &actor, &id, &err);
    if (rc < 0)
        rc = cli_fail(&err);
    else
        printf("已创建账号 created user %s (id %" PRId64 ")%s\n", u.username, id,
               u.must_change_password ? "；首次登录须修改密码 / must change password at first login"
                                      : "");
    arena_release(&ar);
    return rc;
}

static int user_list(struct cli_env *env)
{
    struct err err = { 0 };
    struct arena ar;
    struct user_query q = { .org_path = NULL, .page = 1, .size = 200 };
    struct user_view *v;
    int64_t n, total;

    arena_init(&ar, 8192);
    printf("%-6s %-16s %-20s %-9s %s\n", "id", "username", "姓名 name", "status", "授权 grants");
    do {
        if (auth_user_list(&env->app, &q, &ar, &v, &n, &total, &err) < 0) {
            arena_release(&ar);
            return cli_fail(&err);
        }
        for (int64_t i = 0; i < n; i++) {
            printf("%-6" PRId64 " %-16s %-20s %-9s", v[i].id, v[i].username, v[i].display_name,
                   v[i].status);
            for (int g = 0; g < v[i].ngrants; g++)
                printf(" %s@%" PRId64, role_name(v[i].grants[g].role), v[i].grants[g].org_id);
            putchar('\n');
        }
        q.page++;
    } while ((q.page - 1) * q.size < total);
    arena_release(&ar);
    return 0;
}

static int user_passwd(const struct cli_cmd *cmd, const struct cli_args *a, struct cli_env *env)
{
    struct err err = { 0 };
    struct auth_actor actor = { .source = "cli:user passwd" };
    int64_t id;

    if (auth_user_find_by_name(&env->app, cli_get(cmd, a, "username"), &id, &err) < 0 ||
        auth_password_change(&env->app, id, NULL, cli_get(cmd, a, "password"),
                             !cli_get(cmd, a, "keep-password"), &actor, &err) < 0)
        return cli_fail(&err);
    printf("已设置新密码 password set for %s\n", cli_get(cmd, a, "username"));
    return 0;
}

int cmd_user(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    const char *sub = a->pos[0];
    enum role role;
    int rc;

    static const char *const add_needs[] = { "username", "password", "role", "org", NULL };
    static const char *const passwd_needs[] = { "username", "password", NULL };
    const char *const *needs = NULL;

    if (strcmp(sub, "add") == 0)
        needs = add_needs;
    else if (strcmp(sub, "passwd") == 0)
        needs = passwd_needs;
    else if (strcmp(sub, "list") != 0) {
        fprintf(stderr,
                "dangjian user: 未知子命令 unknown subcommand: %s（可用 add、list、passwd）\n",
                sub);
        return 2;
    }
    for (rc = 0; needs && *needs && !rc; needs++)
        rc = need(cmd, a, *needs);
    if (rc)
        return rc;
    if (strcmp(sub, "add") == 0 && role_parse(cli_get(cmd, a, "role"), &role) < 0) {
        fprintf(stderr,
                "dangjian user add: --role 无效 invalid: %s（可用 valid:", cli_get(cmd, a, "role"));
        for (const char *const *r = ROLE_NAMES; *r; r++)
            fprintf(stderr, " %s", *r);
        fprintf(stderr, "）\n");
        return 2;
    }
    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    {
        struct err err = { 0 };
        if (db_schema_check(env.db, &err) < 0) {
            cli_env_close(&env);
            return cli_fail(&err);
        }
    }
    if (strcmp(sub, "add") == 0)
        rc = user_add(cmd, a, &env);
    else if (strcmp(sub, "passwd") == 0)
        rc = user_passwd(cmd, a, &env);
    else
        rc = user_list(&env);
    cli_env_close(&env);
    return rc;
}

int cmd_audit(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct audit_verify_result r;
    int rc;

    if (strcmp(a->pos[0], "verify") != 0) {
        fprintf(stderr, "dangjian audit: 未知子命令 unknown subcommand: %s（可用 verify）\n",
                a->pos[0]);
        return 2;
    }
    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    if (audit_verify(env.db, &r, &err) < 0) {
        rc = cli_fail(&err);
    } else if (r.bad_id) {
        printf("审计链已损坏 audit chain BROKEN at row %" PRId64 ": %s\n", r.bad_id, r.reason);
        rc = 1;
    } else {
        printf("审计链完整 audit chain intact: %" PRId64 " rows, head %s\n", r.rows, r.head_hash);
    }
    cli_env_close(&env);
    return rc;
}
