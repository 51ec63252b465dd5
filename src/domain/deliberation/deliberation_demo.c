/* deliberation_demo.c: the deliberation area's demo hook: a believable year of the area's data for
 * the demo street. The skeleton writes nothing; a real hook draws from a random stream seeded from
 * ctx->seed and inserts through the area's store. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/deliberation/deliberation.h"

static int deliberation_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    UNUSED(ctx);
    UNUSED(err);
    return 0;
}

const struct demo_hook DELIBERATION_DEMO = { "deliberation", DEMO_PHASE_DONE,
                                             deliberation_demo_run };
