/* orgs_cli.c: the orgs area's commands. `org add` creates an org from the command line — how
 * a new installation gets its first (root) org before anyone can sign in; later orgs are
 * usually created in the web UI. Acts as the operator (audit source "cli:org add").
 * `stats verify` recounts the subtree statistics (member_stat, kept by triggers in every
 * writing transaction) from the members and lists any counter that differs (exit 1); it
 * changes nothing. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/orgs/orgs.h"
#include "domain/orgs/orgs_cli.h"
#include "cli/cli.h"

static bool type_known(const char *type)
{
    for (const char *const *t = ORG_TYPES; *t; t++)
        if (strcmp(*t, type) == 0)
            return true;
    return false;
}

static int cmd_org(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct auth_actor actor = { .source = "cli:org add" };
    const char *parent = cli_get(cmd, a, "parent");
    struct arena ar;
    struct org_in in = { 0 };
    int64_t id;
    int rc;

    if (strcmp(a->pos[0], "add") != 0)
        return cli_bad_sub(cmd, a->pos[0], "add");
    if (!cli_get(cmd, a, "name") || !cli_get(cmd, a, "type")) {
        fprintf(stderr, "dangjian org add: 缺少 --name 或 --type / missing --name or --type\n");
        return 2;
    }
    if (!type_known(cli_get(cmd, a, "type")))
        return cli_bad_choice(cmd, a, "type", ORG_TYPES);
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

enum { SHOWN_MAX = 20 };

static int cmd_stats(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct org_stat_diff *d;
    struct arena ar;
    int64_t n = 0;
    int rc;

    rc = cli_env_open_verb(cmd, a, "verify", &env);
    if (rc)
        return rc;
    arena_init(&ar, 0);
    if (org_stats_verify(&env.app, SHOWN_MAX, &ar, &d, &n, &err) < 0) {
        rc = cli_fail(&err);
    } else if (n > 0) {
        printf("统计计数与重新计数不符 stats differ from a recount%s:\n",
               n == SHOWN_MAX ? "（仅列前 20 项 first 20 shown）" : "");
        for (int64_t i = 0; i < n; i++)
            printf("  org %" PRId64 " %s=%s: 存储 stored %" PRId64 "，重新计数 recount %" PRId64
                   "\n",
                   d[i].org_id, d[i].dim, d[i].key, d[i].stored, d[i].recount);
        rc = 1;
    } else {
        printf("统计计数与重新计数一致 stats match a recount\n");
    }
    arena_release(&ar);
    cli_env_close(&env);
    return rc;
}

static const struct cli_opt OPTS_ORG[] = {
    CLI_OPTS_DB_ROWS,
    { "name", "NAME", "全称，如 中共某某街道工作委员会", "full name" },
    { "type", "TYPE",
      "类型：district street community_committee general_branch branch joint_branch "
      "mobile_branch group",
      "org type (one of the above)" },
    { "parent", "ORG_ID", "上级党组织编号（不给则建立根组织）",
      "parent org id (none: a root org)" },
    { "short-name", "NAME", "简称", "short name" },
    { "code", "CODE", "组织编码", "org code" },
    CLI_OPT_END,
};

static const struct cli_cmd COMMANDS[] = {
    { "org", cmd_org, "党组织：add 新建（新安装时先建根组织）",
      "orgs: add (a new installation starts with its root org)",
      "add --db FILE --name NAME --type TYPE [--parent ORG_ID]", OPTS_ORG, 1, 1 },
    { "stats", cmd_stats, "统计：verify 用党员数据重新计数，核对各组织的统计计数",
      "stats: verify recounts the subtree statistics from the members", "verify --db FILE",
      CLI_OPTS_DB, 1, 1 },
};

const struct cli_cmd *const ORGS_COMMANDS[] = { &COMMANDS[0], &COMMANDS[1], NULL };
