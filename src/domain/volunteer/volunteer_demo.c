/* volunteer_demo.c: the volunteer area's demo hook: a believable year of the area's data for the
 * demo street. The skeleton writes nothing; a real hook draws from a random stream seeded from
 * ctx->seed and inserts through the area's store. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/volunteer/volunteer.h"

static int volunteer_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    UNUSED(ctx);
    UNUSED(err);
    return 0;
}

const struct demo_hook VOLUNTEER_DEMO = { "volunteer", DEMO_PHASE_DONE, volunteer_demo_run };
