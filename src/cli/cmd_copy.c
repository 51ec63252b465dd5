/* cmd_copy.c: `copy-db --from DB --to DB`: moves a whole installation into an empty database
 * (a growing district from its SQLite file up to PostgreSQL) and proves the copy: every
 * table's row count (checked by db_copy) and the audit chain, which must verify on the target
 * with the same rows and head hash as on the source. */
#include "core/compat.h"
#include "core/cfg.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit/audit.h"
#include "cli/cli.h"

static void progress(const char *table, int64_t rows)
{
    printf("  %-18s %" PRId64 " 行 rows\n", table, rows);
    fflush(stdout);
}

static int verify(struct db *from, struct db *to, struct err *err)
{
    struct audit_verify_result a, b;

    if (audit_verify(from, &a, err) < 0 || audit_verify(to, &b, err) < 0)
        return -1;
    if (b.bad_id || a.rows != b.rows || strcmp(a.head_hash, b.head_hash) != 0)
        return err_set(err, E_CONFLICT, "", "复制后审计链不一致（目标第 %" PRId64 " 行：%s）",
                       b.bad_id, b.reason);
    printf("审计链完整 audit chain intact on the target: %" PRId64 " rows, head %s\n", b.rows,
           b.head_hash);
    return 0;
}

int cmd_copy_db(const struct cli_cmd *cmd, const struct cli_args *a)
{
    const char *from = cli_get(cmd, a, "from"), *to = cli_get(cmd, a, "to");
    struct db *src = NULL, *dst = NULL;
    struct err err = { 0 };
    char shown[1024];
    struct cfg cfg;
    struct stat st;
    int rc = 1;

    if (!from || !to) {
        fprintf(stderr, "dangjian copy-db: 需要 --from 和 --to / needs --from and --to\n");
        return 2;
    }
    if (!cli_is_db_url(to) && stat(to, &st) == 0) {
        fprintf(stderr, "dangjian copy-db: %s 已存在 / exists; 目标必须是新文件或空数据库\n", to);
        return 2;
    }
    if (cfg_load(&cfg, cli_get(cmd, a, "config"), &err) < 0 ||
        cli_db_open(&cfg, from, false, &src, &err) < 0 ||
        cli_db_open(&cfg, to, true, &dst, &err) < 0) {
        rc = cli_fail(&err);
        goto out;
    }
    cfg_redact_url(to, shown, sizeof(shown));
    printf("复制 copying → %s\n", shown);
    if (db_copy(src, dst, progress, &err) < 0 || verify(src, dst, &err) < 0) {
        rc = cli_fail(&err);
        goto out;
    }
    printf("已复制 copied: %s\n", shown);
    rc = 0;
out:
    db_free(&dst);
    db_free(&src);
    return rc;
}
