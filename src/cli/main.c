/* main.c: `dangjian <command>`: the command table, argument parsing and help. Each command
 * lives in cmd_<name>.c; this file only dispatches. */
#include "core/compat.h"
#include "core/err.h"
#include "app/app_modules.h"
#include "cli/cli.h"

/* Every command that takes --db FILE also takes --db-url URL (PostgreSQL). */
#define OPT_DB_URL                                                                                 \
    {                                                                                              \
        "db-url", "URL", "PostgreSQL 连接串 postgresql://…（代替 --db）",                          \
            "PostgreSQL URL postgresql://… (instead of --db)"                                    \
    }

/* --config: every command that reads the configuration takes it. */
#define OPT_CONFIG                                                                                 \
    {                                                                                              \
        "config", "FILE", "配置文件（key = value）", "configuration file (key = value)"            \
    }
/* The row that ends every option list. */
#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, NULL, NULL, NULL                                                                     \
    }

/* --db, --db-url and --config: every command that opens the database takes them. */
#define OPTS_DB_ROWS { "db", "FILE", "数据库文件", "database file" }, OPT_DB_URL, OPT_CONFIG

static const struct cli_opt OPTS_DB[] = {
    OPTS_DB_ROWS,
    OPT_END,
};
static const struct cli_opt OPTS_SERVE[] = {
    OPTS_DB_ROWS,
    { "host", "ADDR", "监听地址（默认 127.0.0.1）", "address to listen on (default 127.0.0.1)" },
    { "port", "N", "端口；0 表示自动选择空闲端口并打印", "port; 0 picks a free one and prints it" },
    { "web-root", "DIR", "网页文件目录（默认 web）", "folder of the web UI (default web)" },
    OPT_END,
};
static const struct cli_opt OPTS_DEMO[] = {
    { "db", "FILE", "要生成的数据库文件", "database file to create" },
    OPT_DB_URL,
    OPT_CONFIG,
    { "password", "P", "演示账号的密码（不给则随机生成并打印）",
      "password of the demo logins (random and printed when not given)" },
    { "members", "N", "党员人数（默认 3000）", "number of Party members (default 3000)" },
    { "seed", "N", "随机种子（相同种子生成相同数据）", "random seed (same seed, same data)" },
    { "force", NULL, "数据库文件已存在时覆盖", "overwrite the database file if it exists" },
    OPT_END,
};
static const struct cli_opt OPTS_BACKUP[] = {
    OPTS_DB_ROWS,
    { "to", "FILE", "备份文件（不能已存在）", "backup file (must not exist)" },
    OPT_END,
};
static const struct cli_opt OPTS_CONFIG[] = {
    OPT_CONFIG,
    OPT_END,
};
static const struct cli_opt OPTS_USER[] = {
    OPTS_DB_ROWS,
    { "username", "U", "用户名（字母、数字、_ . -）", "username (letters, digits, _ . -)" },
    { "password", "P", "密码（至少 10 个字符）", "password (at least 10 characters)" },
    { "role", "R",
      "角色：admin org_admin branch_secretary branch_committee grid_worker member resident "
      "unit_liaison",
      "role (one of the above)" },
    { "org", "ORG_ID", "授权的党组织编号（含下级）", "org id the grant covers (with its subtree)" },
    { "display-name", "NAME", "显示的姓名", "display name" },
    { "person", "PERSON_ID", "关联的人员编号", "linked person id" },
    { "keep-password", NULL, "不要求首次登录修改密码", "do not force a change at first login" },
    { "batch", "FILE",
      "add：从文件（- 为标准输入）批量新建，每行“用户名 角色 组织编号 [姓名]”，# 开头为注释；"
      "全部账号使用 --password 给出的初始密码（只计算一次哈希），在一个事务中全部成功或全部不建",
      "add: create the accounts listed in FILE (- for stdin), one \"USERNAME ROLE ORG_ID "
      "[DISPLAY NAME]\" a line, # starts a comment; all get the --password initial password "
      "(hashed once), in one transaction: all or none" },
    OPT_END,
};
static const struct cli_opt OPTS_IMPORT[] = {
    OPTS_DB_ROWS,
    { "dry-run", NULL, "只校验不写入", "validate only, write nothing" },
    { "skip-invalid", NULL, "跳过错误行，导入正确的行", "import the good rows, skip the bad ones" },
    { "org", "ORG_ID", "党组织编号：在其下查找“所在党组织”名称，未填写时归入该组织",
      "org id: 所在党组织 names are looked up under it; rows without one go there" },
    OPT_END,
};
static const struct cli_opt OPTS_EXPORT[] = {
    OPTS_DB_ROWS,
    { "org", "ORG_ID", "导出该党组织（含下级）的党员", "org id whose subtree is exported" },
    OPT_END,
};
static const struct cli_opt OPTS_ORG[] = {
    OPTS_DB_ROWS,
    { "name", "NAME", "全称，如 中共某某街道工作委员会", "full name" },
    { "type", "TYPE",
      "类型：district street community_committee general_branch branch joint_branch "
      "mobile_branch group",
      "org type (one of the above)" },
    { "parent", "ORG_ID", "上级党组织编号（不给则建立根组织）",
      "parent org id (none: a root org)" },
    { "short-name", "NAME", "简称", "short name" },
    { "code", "CODE", "组织编码", "org code" },
    OPT_END,
};
static const struct cli_opt OPTS_COPY[] = {
    { "from", "DB", "源数据库：文件或 postgresql://… URL",
      "source: a file or a postgresql://… URL" },
    { "to", "DB", "目标数据库（必须为空）：文件或 URL", "target (must be empty): a file or a URL" },
    OPT_CONFIG,
    OPT_END,
};
static const struct cli_opt OPTS_NONE[] = { OPT_END };

static int cmd_version(const struct cli_cmd *cmd, const struct cli_args *a);

static const struct cli_cmd COMMANDS[] = {
    { "init", cmd_init, "创建数据库并建立表结构", "create a database and its schema", "--db FILE",
      OPTS_DB, 0, 0 },
    { "migrate", cmd_migrate, "把数据库升级到本程序的表结构版本",
      "upgrade a database to this program's schema", "--db FILE", OPTS_DB, 0, 0 },
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
    { "config", cmd_config, "显示生效的配置（密钥已隐藏）",
      "show the effective configuration (secrets redacted)", "show [--config FILE]", OPTS_CONFIG, 1,
      1 },
    { "user", cmd_user, "账号管理：add 新建、list 列出、passwd 设置密码",
      "accounts: add, list, passwd",
      "add|list|passwd --db FILE [--username U --password P --role R --org ORG_ID]\n"
      "       dangjian user add --db FILE --batch FILE --password P [--keep-password]",
      OPTS_USER, 1, 1 },
    { "org", cmd_org, "党组织：add 新建（新安装时先建根组织）",
      "orgs: add (a new installation starts with its root org)",
      "add --db FILE --name NAME --type TYPE [--parent ORG_ID]", OPTS_ORG, 1, 1 },
    { "audit", cmd_audit, "审计：verify 校验审计链是否被篡改",
      "audit: verify checks the audit chain for tampering", "verify --db FILE", OPTS_DB, 1, 1 },
    { "stats", cmd_stats, "统计：verify 用党员数据重新计数，核对各组织的统计计数",
      "stats: verify recounts the subtree statistics from the members", "verify --db FILE", OPTS_DB,
      1, 1 },
    { "import", cmd_import, "从 Excel（.xlsx）或 CSV 导入党员名册",
      "import the member roster from .xlsx or .csv",
      "members --db FILE [--dry-run] [--skip-invalid] [--org ORG_ID] FILE.xlsx", OPTS_IMPORT, 2,
      2 },
    { "export", cmd_export, "把党员名册导出为 Excel（.xlsx，个人信息脱敏）",
      "export the member roster as .xlsx (personal data masked)",
      "members --db FILE --org ORG_ID OUT.xlsx", OPTS_EXPORT, 2, 2 },
    { "routes", cmd_routes, "以 JSON 列出全部接口及其权限",
      "list every API route and its permission as JSON", "", OPTS_NONE, 0, 0 },
    { "openapi", cmd_openapi, "输出接口的 OpenAPI 文档（即 docs/openapi.json）",
      "print the API's OpenAPI document (docs/openapi.json)", "", OPTS_NONE, 0, 0 },
    { "version", cmd_version, "显示版本", "print the version", "", OPTS_NONE, 0, 0 },
};

static int cmd_version(const struct cli_cmd *cmd, const struct cli_args *a)
{
    UNUSED(cmd);
    UNUSED(a);
    printf("dangjian %s\n", DANGJIAN_VERSION);
    return 0;
}

static void usage_all(FILE *f)
{
    fprintf(f,
            "dangjian %s — 社区党建与基层治理平台 / community Party-building platform\n\n"
            "用法 Usage: dangjian <命令 command> [选项 options]\n\n",
            DANGJIAN_VERSION);
    for (size_t i = 0; i < ARRAY_LEN(COMMANDS); i++)
        fprintf(f, "  %-8s %s / %s\n", COMMANDS[i].name, COMMANDS[i].summary_zh,
                COMMANDS[i].summary_en);
    fprintf(f, "\n每个命令都有 --help。Every command has --help.\n");
}

static void usage_cmd(const struct cli_cmd *c, FILE *f)
{
    fprintf(f, "用法 Usage: dangjian %s %s\n%s\n%s\n", c->name, c->usage, c->summary_zh,
            c->summary_en);
    if (c->opts[0].name)
        fprintf(f, "\n选项 Options:\n");
    for (const struct cli_opt *o = c->opts; o->name; o++) {
        char left[40];
        snprintf(left, sizeof(left), "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(f, "  %-18s %s / %s\n", left, o->help_zh, o->help_en);
    }
}

const char *cli_get(const struct cli_cmd *cmd, const struct cli_args *a, const char *name)
{
    for (int i = 0; cmd->opts[i].name; i++)
        if (strcmp(cmd->opts[i].name, name) == 0)
            return a->val[i];
    return NULL;
}

static int bad_args(const struct cli_cmd *c, const char *what, const char *arg)
{
    fprintf(stderr, "dangjian %s: %s%s\n\n", c->name, what, arg);
    usage_cmd(c, stderr);
    return 2;
}

/* Parses argv (after the command name). Returns 0, or an exit code (2) after printing. */
static int parse(const struct cli_cmd *c, int argc, char **argv, struct cli_args *a, bool *help)
{
    memset(a, 0, sizeof(*a));
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i], *eq;
        size_t nlen;
        int k;

        if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            *help = true;
            return 0;
        }
        if (strncmp(s, "--", 2) != 0) {
            if (a->npos >= c->max_pos)
                return bad_args(c, "多余的参数 unexpected argument: ", s);
            a->pos[a->npos++] = s;
            continue;
        }
        s += 2;
        eq = strchr(s, '=');
        nlen = eq ? (size_t)(eq - s) : strlen(s);
        for (k = 0; c->opts[k].name; k++)
            if (strlen(c->opts[k].name) == nlen && strncmp(c->opts[k].name, s, nlen) == 0)
                break;
        if (!c->opts[k].name)
            return bad_args(c, "未知选项 unknown option: ", argv[i]);
        if (!c->opts[k].arg) {
            if (eq)
                return bad_args(c, "选项不带值 option takes no value: ", argv[i]);
            a->val[k] = "1";
        } else if (eq) {
            a->val[k] = eq + 1;
        } else if (i + 1 < argc) {
            a->val[k] = argv[++i];
        } else {
            return bad_args(c, "选项缺少值 option needs a value: ", argv[i]);
        }
    }
    if (a->npos < c->min_pos)
        return bad_args(c, "缺少参数 missing argument", "");
    return 0;
}

int main(int argc, char **argv)
{
    struct cli_args a;
    struct err err = { 0 };
    bool help = false;
    int rc;

    if (argc < 2) {
        usage_all(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage_all(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version"))
        return cmd_version(NULL, NULL);
    for (size_t i = 0; i < ARRAY_LEN(COMMANDS); i++) {
        const struct cli_cmd *c = &COMMANDS[i];
        if (strcmp(c->name, argv[1]) != 0)
            continue;
        rc = parse(c, argc - 2, argv + 2, &a, &help);
        if (rc)
            return rc;
        if (help) {
            usage_cmd(c, stdout);
            return 0;
        }
        if (app_modules_init(&err) < 0)
            return cli_fail(&err);
        return c->run(c, &a);
    }
    fprintf(stderr, "dangjian: 未知命令 unknown command: %s\n\n", argv[1]);
    usage_all(stderr);
    return 2;
}
