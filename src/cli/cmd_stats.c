/* cmd_stats.c: `stats verify`: recounts the subtree statistics (member_stat, kept by triggers
 * in every writing transaction) from the members and reports any counter that differs. Exit 0
 * when all agree, 1 with the differing counters listed. It changes nothing. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/orgs/orgs.h"
#include "cli/cli.h"

enum { SHOWN_MAX = 20 };

int cmd_stats(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct org_stat_diff *d;
    struct arena ar;
    int64_t n = 0;
    int rc;

    if (strcmp(a->pos[0], "verify") != 0) {
        fprintf(stderr, "dangjian stats: 未知子命令 unknown subcommand: %s（可用 verify）\n",
                a->pos[0]);
        return 2;
    }
    rc = cli_env_open(cmd, a, false, &env);
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
