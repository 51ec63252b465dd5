/* cli.h: the command table, a small option parser (--name value, --name=value, --flag) and
 * the set-up shared by commands (configuration, database). Exit codes: 0 done, 1 failed,
 * 2 bad arguments. Help is printed in Chinese and English. */
#pragma once

#include "core/cfg.h"
#include "domain/app.h"

struct db;
struct err;

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

struct cli_cmd {
    const char *name;
    int (*run)(const struct cli_cmd *cmd, const struct cli_args *a);
    const char *summary_zh, *summary_en;
    const char *usage; /* "--db FILE [--port N]" */
    const struct cli_opt *opts;
    int min_pos, max_pos;
};

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
void cli_env_close(struct cli_env *env);
/* Opens a second database named by a file or a PostgreSQL URL (copy-db), with cfg's timeouts. */
int cli_db_open(const struct cfg *cfg, const char *target, bool create, struct db **out,
                struct err *err);
/* Whether a --db value is a PostgreSQL URL rather than a file. */
bool cli_is_db_url(const char *s);
/* Prints an error for the user (zh-CN message, field, detail) on stderr; returns 1. */
int cli_fail(const struct err *e);

int cmd_init(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_migrate(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_serve(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_demo(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_backup(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_config(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_routes(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_openapi(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_user(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_audit(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_org(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_import(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_export(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_stats(const struct cli_cmd *cmd, const struct cli_args *a);
int cmd_copy_db(const struct cli_cmd *cmd, const struct cli_args *a);
