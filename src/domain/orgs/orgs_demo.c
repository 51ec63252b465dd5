/* orgs_demo.c: the orgs area's demo hooks (listed in its module row): the orgs' 成立 events,
 * current terms and posts once the street and its history are in, and the subtree statistics
 * recounted once its triggers are back. The street's orgs themselves come from the demo
 * generator (domain/demo), which builds orgs, members and households together. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/orgs/orgs.h"
#include "domain/orgs/orgs_int.h"

static int orgs_demo_terms(const struct demo_ctx *ctx, struct err *err)
{
    return org_store_demo_terms(ctx->c, ctx->today, ctx->now, err);
}

const struct demo_hook ORGS_DEMO_TERMS = { "orgs.terms", DEMO_PHASE_INDEXED, orgs_demo_terms };

static int orgs_demo_stats(const struct demo_ctx *ctx, struct err *err)
{
    return org_stats_rebuild(ctx->c, err);
}

const struct demo_hook ORGS_DEMO_STATS = { "orgs.stats", DEMO_PHASE_DONE, orgs_demo_stats };
