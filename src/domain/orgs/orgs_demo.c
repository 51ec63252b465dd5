/* orgs_demo.c: the orgs area's demo hook (listed in its module row): the subtree
 * statistics recounted once the demo street is in and its triggers are back. The street's
 * orgs themselves come from the demo generator (domain/demo), which builds orgs, members and
 * households together. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/orgs/orgs.h"

static int orgs_demo_stats(const struct demo_ctx *ctx, struct err *err)
{
    return org_stats_rebuild(ctx->c, err);
}

const struct demo_hook ORGS_DEMO_STATS = { "orgs.stats", DEMO_PHASE_DONE, orgs_demo_stats };
