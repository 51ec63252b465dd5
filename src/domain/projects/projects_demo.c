/* projects_demo.c: the projects area's demo hook: a believable year of the area's data for the
 * demo street. The skeleton writes nothing; a real hook draws from a random stream seeded from
 * ctx->seed and inserts through the area's store. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/projects/projects.h"

static int projects_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    UNUSED(ctx);
    UNUSED(err);
    return 0;
}

const struct demo_hook PROJECTS_DEMO = { "projects", DEMO_PHASE_DONE, projects_demo_run };
