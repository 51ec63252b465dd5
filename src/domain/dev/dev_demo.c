/* dev_demo.c: the member-development area's demo hook: gives the demo street's 街道党工委
 * approval power (AUTH-APPROVE, dev_org), so its org admin records 预审, 审批 and 转正 steps.
 * Applicants at every stage are not generated yet (docs/dev.md). */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/dev/dev_int.h"

static int dev_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    return dev_store_demo_approvers(ctx->c, err);
}

const struct demo_hook DEV_DEMO = { "dev", DEMO_PHASE_DONE, dev_demo_run };
