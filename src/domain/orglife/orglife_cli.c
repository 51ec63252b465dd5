/* orglife_cli.c: the orglife area's commands. `orglife copy-check` runs the 照搬照抄 check again
 * over the minutes of a date range (all of them by default), oldest first, with progress on
 * stderr: after the orglife.copy_* thresholds change, or after minutes were loaded in bulk (a
 * saved meeting is always checked when it is saved). Prints how many were checked, the pairs
 * stored and the time taken, in all and checking alone (after listing the meetings). */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife.h"
#include "domain/orglife/orglife_cli.h"
#include "cli/cli.h"

/* Progress on a terminal, and when the checking began (after the listing). */
struct recheck_run {
    int64_t check_t0;
    bool tty;
};

static void progress(int64_t done, int64_t total, void *arg)
{
    struct recheck_run *run = arg;

    if (done == 0)
        run->check_t0 = clock_mono_us();
    if (!run->tty)
        return;
    fprintf(stderr, "\r已检查 checked %" PRId64 " / %" PRId64, done, total);
    if (done == total)
        fputc('\n', stderr);
}

static int cmd_orglife(const struct cli_cmd *cmd, const struct cli_args *a)
{
    const char *from = cli_get(cmd, a, "from"), *to = cli_get(cmd, a, "to");
    struct recheck_run run = { .tty = isatty(2) };
    struct cli_env env;
    struct err err = { 0 };
    int64_t checked, pairs, t0;
    int y, m, d, rc;

    if (strcmp(a->pos[0], "copy-check") != 0)
        return cli_bad_sub(cmd, a->pos[0], "copy-check");
    if ((from && date_parse(from, &y, &m, &d) < 0) || (to && date_parse(to, &y, &m, &d) < 0)) {
        fprintf(stderr, "dangjian orglife: --from / --to 应为日期 YYYY-MM-DD\n");
        return 2;
    }
    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    t0 = run.check_t0 = clock_mono_us();
    if (db_schema_check(env.db, &err) < 0 ||
        orglife_copy_recheck(&env.app, from ? from : "0000-01-01", to ? to : "9999-12-31", progress,
                             &run, &checked, &pairs, &err) < 0) {
        rc = cli_fail(&err);
    } else {
        int64_t t1 = clock_mono_us();
        printf("已检查 %" PRId64 " 次会议的记录，现有疑似照搬照抄 %" PRId64
               " 对，用时 %.3f 秒（其中检查 %.3f 秒） checked %" PRId64 " meetings, %" PRId64
               " pairs, %.3f s (checking %.3f s)\n",
               checked, pairs, (double)(t1 - t0) / 1e6, (double)(t1 - run.check_t0) / 1e6, checked,
               pairs, (double)(t1 - t0) / 1e6, (double)(t1 - run.check_t0) / 1e6);
    }
    cli_env_close(&env);
    return rc;
}

static const struct cli_opt OPTS[] = {
    CLI_OPTS_DB_ROWS,
    { "from", "DATE", "起始会议日期（含）", "first meeting date (included)" },
    { "to", "DATE", "截止会议日期（含）", "last meeting date (included)" },
    CLI_OPT_END,
};

static const struct cli_cmd COMMANDS[] = {
    { "orglife", cmd_orglife, "组织生活：copy-check 对一段时间的会议记录重新做照搬照抄检查",
      "organizational life: copy-check reruns the copied-minutes check over a date range",
      "copy-check --db FILE [--from DATE] [--to DATE]", OPTS, 1, 1 },
};

const struct cli_cmd *const ORGLIFE_COMMANDS[] = { &COMMANDS[0], NULL };
