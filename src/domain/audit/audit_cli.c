/* audit_cli.c: the audit area's command, `audit verify`: checks the audit chain for tampering
 * from the command line and says where it breaks (exit 1). It changes nothing. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/audit/audit.h"
#include "domain/audit/audit_cli.h"
#include "cli/cli.h"

static int cmd_audit(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct audit_verify_result r;
    int rc;

    rc = cli_env_open_verb(cmd, a, "verify", &env);
    if (rc)
        return rc;
    if (audit_verify(env.db, &r, &err) < 0) {
        rc = cli_fail(&err);
    } else if (r.bad_id) {
        printf("审计链已损坏 audit chain BROKEN at row %" PRId64 ": %s\n", r.bad_id, r.reason);
        rc = 1;
    } else {
        printf("审计链完整 audit chain intact: %" PRId64 " rows, head %s\n", r.rows, r.head_hash);
    }
    cli_env_close(&env);
    return rc;
}

static const struct cli_cmd COMMANDS[] = {
    { "audit", cmd_audit, "审计：verify 校验审计链是否被篡改",
      "audit: verify checks the audit chain for tampering", "verify --db FILE", CLI_OPTS_DB, 1, 1 },
};

const struct cli_cmd *const AUDIT_COMMANDS[] = { &COMMANDS[0], NULL };
