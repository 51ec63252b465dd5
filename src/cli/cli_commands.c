/* cli_commands.c: the generic commands of `dangjian` (database, server, demo, configuration,
 * route table, version) with their options. An area's own commands (user, org, import, ...)
 * are not here: they live in the area's *_cli.c and come in through its module row. */
#include "core/compat.h"
#include "cli/cli.h"

const struct cli_opt CLI_OPTS_DB[] = {
    CLI_OPTS_DB_ROWS,
    CLI_OPT_END,
};
static const struct cli_opt OPTS_SERVE[] = {
    CLI_OPTS_DB_ROWS,
    { "host", "ADDR", "监听地址（默认 127.0.0.1）", "address to listen on (default 127.0.0.1)" },
    { "port", "N", "端口；0 表示自动选择空闲端口并打印", "port; 0 picks a free one and prints it" },
    { "web-root", "DIR", "网页文件目录（默认 web）", "folder of the web UI (default web)" },
    CLI_OPT_END,
};
static const struct cli_opt OPTS_DEMO[] = {
    { "db", "FILE", "要生成的数据库文件", "database file to create" },
    CLI_OPT_DB_URL,
    CLI_OPT_CONFIG,
    { "password", "P", "演示账号的密码（不给则随机生成并打印）",
      "password of the demo logins (random and printed when not given)" },
    { "members", "N", "党员人数（默认 3000）", "number of Party members (default 3000)" },
    { "seed", "N", "随机种子（相同种子生成相同数据）", "random seed (same seed, same data)" },
    { "force", NULL, "数据库文件已存在时覆盖", "overwrite the database file if it exists" },
    CLI_OPT_END,
};
static const struct cli_opt OPTS_BACKUP[] = {
    CLI_OPTS_DB_ROWS,
    { "to", "FILE", "备份文件（不能已存在）", "backup file (must not exist)" },
    CLI_OPT_END,
};
static const struct cli_opt OPTS_CONFIG[] = {
    CLI_OPT_CONFIG,
    CLI_OPT_END,
};
static const struct cli_opt OPTS_COPY[] = {
    { "from", "DB", "源数据库：文件或 postgresql://… URL",
      "source: a file or a postgresql://… URL" },
    { "to", "DB", "目标数据库（必须为空）：文件或 URL", "target (must be empty): a file or a URL" },
    CLI_OPT_CONFIG,
    CLI_OPT_END,
};
static const struct cli_opt OPTS_NONE[] = { CLI_OPT_END };

const struct cli_cmd CLI_COMMANDS[] = {
    { "init", cmd_init, "创建数据库并建立表结构", "create a database and its schema", "--db FILE",
      CLI_OPTS_DB, 0, 0 },
    { "migrate", cmd_migrate, "把数据库升级到本程序的表结构版本",
      "upgrade a database to this program's schema", "--db FILE", CLI_OPTS_DB, 0, 0 },
    { "serve", cmd_serve, "启动网页与接口服务", "run the web and API server",
      "--db FILE [--host ADDR] [--port N]", OPTS_SERVE, 0, 0 },
    { "demo", cmd_demo, "生成一个虚构街道的演示数据库",
      "create a demo database of a fictional street",
      "--db FILE [--password P] [--members N] [--seed N] [--force]", OPTS_DEMO, 0, 0 },
    { "copy-db", cmd_copy_db, "把整个数据库复制到另一个（如 SQLite 升级到 PostgreSQL）",
      "copy a whole database into an empty one (e.g. SQLite up to PostgreSQL)",
      "--from FILE|URL --to FILE|URL", OPTS_COPY, 0, 0 },
    { "backup", cmd_backup, "在线备份数据库", "back up a database while it is in use",
      "--db FILE --to FILE", OPTS_BACKUP, 0, 0 },
    { "key", cmd_key, "更换加密身份证号和手机号的密钥（rotate）",
      "re-seal the ID and phone numbers under a new key (rotate)", "rotate --db FILE", CLI_OPTS_DB,
      1, 1 },
    { "config", cmd_config, "显示生效的配置（密钥已隐藏）",
      "show the effective configuration (secrets redacted)", "show [--config FILE]", OPTS_CONFIG, 1,
      1 },
    { "routes", cmd_routes, "以 JSON 列出全部接口及其权限",
      "list every API route and its permission as JSON", "", OPTS_NONE, 0, 0 },
    { "openapi", cmd_openapi, "输出接口的 OpenAPI 文档（即 docs/openapi.json）",
      "print the API's OpenAPI document (docs/openapi.json)", "", OPTS_NONE, 0, 0 },
    { "version", cmd_version, "显示版本", "print the version", "", OPTS_NONE, 0, 0 },
};
const size_t CLI_COMMANDS_LEN = ARRAY_LEN(CLI_COMMANDS);

int cmd_version(const struct cli_cmd *cmd, const struct cli_args *a)
{
    UNUSED(cmd);
    UNUSED(a);
    printf("dangjian %s\n", DANGJIAN_VERSION);
    return 0;
}
