/* cmd_org.c: `org add`: creates an org from the command line — how a new installation gets
 * its first (root) org before anyone can sign in; later orgs are usually created in the web
 * UI. Acts as the operator (audit source "cli:org add"). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/orgs/orgs.h"
#include "cli/cli.h"

static bool type_known(const char *type)
{
    for (const char *const *t = ORG_TYPES; *t; t++)
        if (strcmp(*t, type) == 0)
            return true;
    return false;
}

int cmd_org(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct auth_actor actor = { .source = "cli:org add" };
    const char *parent = cli_get(cmd, a, "parent");
    struct arena ar;
    struct org_in in = { 0 };
    int64_t id;
    int rc;

    if (strcmp(a->pos[0], "add") != 0) {
        fprintf(stderr, "dangjian org: 未知子命令 unknown subcommand: %s（可用 add）\n", a->pos[0]);
        return 2;
    }
    if (!cli_get(cmd, a, "name") || !cli_get(cmd, a, "type")) {
        fprintf(stderr, "dangjian org add: 缺少 --name 或 --type / missing --name or --type\n");
        return 2;
    }
    if (!type_known(cli_get(cmd, a, "type"))) {
        fprintf(stderr,
                "dangjian org add: --type 无效 invalid: %s（可用 valid:", cli_get(cmd, a, "type"));
        for (const char *const *t = ORG_TYPES; *t; t++)
            fprintf(stderr, " %s", *t);
        fprintf(stderr, "）\n");
        return 2;
    }
    if (parent && (parse_i64(parent, strlen(parent), &in.parent_id) < 0 || in.parent_id <= 0)) {
        fprintf(stderr, "dangjian org add: --parent 应为正整数编号\n");
        return 2;
    }
    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    arena_init(&ar, 1024);
    in.name = arena_strdup(&ar, cli_get(cmd, a, "name"));
    in.type = arena_strdup(&ar, cli_get(cmd, a, "type"));
    if (cli_get(cmd, a, "short-name"))
        in.short_name = arena_strdup(&ar, cli_get(cmd, a, "short-name"));
    if (cli_get(cmd, a, "code"))
        in.code = arena_strdup(&ar, cli_get(cmd, a, "code"));
    if (db_schema_check(env.db, &err) < 0 || org_create(&env.app, &in, &actor, &id, &err) < 0)
        rc = cli_fail(&err);
    else
        printf("已创建党组织 created org %s (id %" PRId64 ")\n", in.name, id);
    arena_release(&ar);
    cli_env_close(&env);
    return rc;
}
