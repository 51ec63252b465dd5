/* cli.h: the command row, a small option parser (--name value, --name=value, --flag) and
 * the set-up shared by commands (configuration, database). The generic commands live in
 * src/cli (cli_commands.c); an area's commands live in its own *_cli.c adapter and are listed
 * in its module row (.commands). Exit codes: 0 done, 1 failed, 2 bad arguments. Help is
 * printed in Chinese and English. */
#pragma once

#include "core/cfg.h"
#include "domain/app.h"

struct db;
struct err;
struct module;

struct cli_opt {
    const char *name; /* without "--" */
    const char *arg;  /* "FILE", "N"...; NULL for a flag */
    const char *help_zh, *help_en;
};

#define CLI_MAX_OPTS 16
#define CLI_MAX_POS  8

struct cli_args {
    const char *val[CLI_MAX_OPTS]; /* by option index; "1" for flags; NULL when absent */
    const char *pos[CLI_MAX_POS];
    int npos;
};

/* One command: `dangjian NAME ...`. Generic ones are rows of CLI_COMMANDS; an area exports
 * each of its own as an object its module row lists (domain/modules.h, .commands). */
struct cli_cmd {
    const char *name;
    int (*run)(const struct cli_cmd *cmd, const struct cli_args *a);
    const char *summary_zh, *summary_en;
    const char *usage; /* "--db FILE [--port N]" */
    const struct cli_opt *opts;
    int min_pos, max_pos;
};

/* Option rows several commands share. */
#define CLI_OPT_DB                                                                                 \
    {                                                                                              \
        "db", "FILE", "数据库文件", "database file"                                                \
    }
/* Every command that takes --db FILE also takes --db-url URL (PostgreSQL). */
#define CLI_OPT_DB_URL                                                                             \
    {                                                                                              \
        "db-url", "URL", "PostgreSQL 连接串 postgresql://…（代替 --db）",                          \
            "PostgreSQL URL postgresql://… (instead of --db)"                                    \
    }
/* --config: every command that reads the configuration takes it. */
#define CLI_OPT_CONFIG                                                                             \
    {                                                                                              \
        "config", "FILE", "配置文件（key = value）", "configuration file (key = value)"            \
    }
/* The row that ends every option list. */
#define CLI_OPT_END                                                                                \
    {                                                                                              \
        NULL, NULL, NULL, NULL                                                                     \
    }
/* --db, --db-url and --config: every command that opens the database takes them. */
#define CLI_OPTS_DB_ROWS CLI_OPT_DB, CLI_OPT_DB_URL, CLI_OPT_CONFIG

/* Just --db, --db-url and --config. */
extern const struct cli_opt CLI_OPTS_DB[];

/* The generic commands (serve, init, demo, ...; cli_commands.c), CLI_COMMANDS_LEN rows. */
extern const struct cli_cmd CLI_COMMANDS[];
extern const size_t CLI_COMMANDS_LEN;

/* The commands `dangjian` knows: every row of generic, then each module's .commands in
 * module order. */
struct cli_table {
    const struct cli_cmd *rows[64];
    size_t len;
};

/* Fills t from the generic rows and every module's commands. E_INTERNAL naming it when a
 * command name is used twice (or there are more than fit); t is then unusable. */
int cli_table_init(struct cli_table *t, const struct cli_cmd *generic, size_t ngeneric,
                   const struct module *const *mods, size_t nmods, struct err *err);
/* The command called name, or NULL. */
const struct cli_cmd *cli_table_find(const struct cli_table *t, const char *name);

/* The value of option name, or NULL. */
const char *cli_get(const struct cli_cmd *cmd, const struct cli_args *a, const char *name);

/* Everything a command needs to touch the database. */
struct cli_env {
    struct cfg cfg;
    struct app app;
    struct db *db;
    char db_label[1024]; /* the file, or the URL without its password: for messages */
};

/* Loads configuration (--config, environment, then --db and other flags given in a) and
 * opens the database. create: make the file when missing. Prints errors; returns exit code. */
int cli_env_open(const struct cli_cmd *cmd, const struct cli_args *a, bool create,
                 struct cli_env *env);
/* For a command with one subcommand (`audit verify`): when the first argument is not verb,
 * says so (cli_bad_sub) and returns 2; otherwise cli_env_open(cmd, a, false, env). */
int cli_env_open_verb(const struct cli_cmd *cmd, const struct cli_args *a, const char *verb,
                      struct cli_env *env);
void cli_env_close(struct cli_env *env);
/* Opens a second database named by a file or a PostgreSQL URL (copy-db), with cfg's timeouts. */
int cli_db_open(const struct cfg *cfg, const char *target, bool create, struct db **out,
                struct err *err);
/* Whether a --db value is a PostgreSQL URL rather than a file. */
bool cli_is_db_url(const char *s);
/* Prints an error for the user (zh-CN message, field, detail) on stderr; returns 1. */
int cli_fail(const struct err *e);
/* Prints "dangjian CMD: 未知子命令 unknown subcommand: SUB（可用 VALID）" on stderr, valid
 * naming the subcommands there are ("verify", "add、list、passwd"); returns 2. */
int cli_bad_sub(const struct cli_cmd *cmd, const char *sub, const char *valid);
/* Prints "dangjian CMD SUB: --OPT 无效 invalid: VALUE（可用 valid: A B ...）" on stderr, listing
 * the NULL-ended choices, for the value of option opt; returns 2. */
int cli_bad_choice(const struct cli_cmd *cmd, const struct cli_args *a, const char *opt,
                   const char *const *choices);

int cmd_init(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_migrate(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_serve(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_demo(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_backup(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_key(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_config(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_routes(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_openapi(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_copy_db(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_version(const struct cli_cmd *cmd, const struct cli_args *a);
