/* main.c: `dangjian <command>`: argument parsing, help and dispatch. The commands are the
 * generic ones (cli_commands.c, run by cmd_<name>.c) and those the areas' module rows list
 * (their *_cli.c); this file keeps no list of its own. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/modules.h"
#include "app/app_modules.h"
#include "cli/cli.h"

/* Every command: the generic rows (cli_commands.c) and each module's, built at start. */
static struct cli_table commands;

static void usage_all(FILE *f)
{
    fprintf(f,
            "dangjian %s — 社区党建与基层治理平台 / community Party-building platform\n\n"
            "用法 Usage: dangjian <命令 command> [选项 options]\n\n",
            DANGJIAN_VERSION);
    for (size_t i = 0; i < commands.len; i++)
        fprintf(f, "  %-8s %s / %s\n", commands.rows[i]->name, commands.rows[i]->summary_zh,
                commands.rows[i]->summary_en);
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
    const struct cli_cmd *c;
    struct cli_args a;
    struct err err = { 0 };
    bool help = false;
    int rc;

    if (cli_table_init(&commands, CLI_COMMANDS, CLI_COMMANDS_LEN, MODULES, MODULES_LEN, &err) < 0)
        return cli_fail(&err);
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
    c = cli_table_find(&commands, argv[1]);
    if (!c) {
        fprintf(stderr, "dangjian: 未知命令 unknown command: %s\n\n", argv[1]);
        usage_all(stderr);
        return 2;
    }
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
