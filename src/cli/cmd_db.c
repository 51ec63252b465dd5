/* cmd_db.c: `init`, `migrate` and `backup`: creating, upgrading and copying a database. */
#include "core/compat.h"
#include "core/err.h"
#include "db/db.h"
#include "app/app_seal.h"
#include "cli/cli.h"

/* Opens the database (create: make the file when missing), applies the migrations it lacks
 * and says so with verb ("已升级 migrated"). */
static int migrate(const struct cli_cmd *cmd, const struct cli_args *a, bool create,
                   const char *verb)
{
    struct cli_env env;
    struct err err = { 0 };
    int applied = 0, version = 0;
    int rc = cli_env_open(cmd, a, create, &env);

    if (rc)
        return rc;
    if (db_migrate(env.db, &applied, &err) < 0 || app_seal_open(&env.cfg, env.db, &err) < 0 ||
        db_schema_version(env.db, &version, &err) < 0)
        rc = cli_fail(&err);
    else
        printf("%s %s: 表结构版本 schema version %d（本次应用 applied %d）\n", verb, env.db_label,
               version, applied);
    cli_env_close(&env);
    return rc;
}

int cmd_init(const struct cli_cmd *cmd, const struct cli_args *a)
{
    return migrate(cmd, a, true, "已初始化 initialized");
}

int cmd_migrate(const struct cli_cmd *cmd, const struct cli_args *a)
{
    return migrate(cmd, a, false, "已升级 migrated");
}

int cmd_backup(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    const char *to = cli_get(cmd, a, "to");
    struct stat st;
    int rc;

    if (!to) {
        fprintf(stderr, "dangjian backup: 缺少 --to FILE / missing --to FILE\n");
        return 2;
    }
    if (stat(to, &st) == 0) {
        fprintf(stderr, "dangjian backup: 备份文件已存在，不会覆盖 / %s exists, not overwritten\n",
                to);
        return 2;
    }
    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    if (db_schema_check(env.db, &err) < 0 || db_backup(env.db, to, &err) < 0) {
        rc = cli_fail(&err);
    } else {
        printf("已备份 backed up %s → %s\n", env.db_label, to);
    }
    cli_env_close(&env);
    return rc;
}

int cmd_key(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    int64_t n = 0;
    int rc = cli_env_open_verb(cmd, a, "rotate", &env);

    if (rc)
        return rc;
    if (db_schema_check(env.db, &err) < 0 || app_seal_rotate(&env.cfg, env.db, &n, &err) < 0)
        rc = cli_fail(&err);
    else
        printf(
            "已更换密钥 key rotated: %s，重新加密 %lld 项 re-sealed %lld values；"
            "旧密钥保留为 密钥文件名.<时间>.old，请离线保管以便读取旧备份 / the old key is kept as "
            "KEYFILE.<time>.old: keep it offline for old backups\n",
            env.db_label, (long long)n, (long long)n);
    cli_env_close(&env);
    return rc;
}
