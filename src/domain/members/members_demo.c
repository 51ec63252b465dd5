/* members_demo.c: the members area's demo hooks (listed in its module row): a 党员联系卡 for
 * each volunteer on the demo street's roll, and each branch's members spread over its 党小组,
 * set-based once the roster is in. The members
 * themselves come from the demo generator (domain/demo), which builds them with their orgs
 * and households. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/members/members_http.h"

static int members_demo_cards(const struct demo_ctx *ctx, struct err *err)
{
    return members_store_demo_cards(ctx->c, ctx->now, err);
}

const struct demo_hook MEMBERS_DEMO_CARDS = { "members.cards", DEMO_PHASE_INDEXED,
                                              members_demo_cards };

static int members_demo_groups(const struct demo_ctx *ctx, struct err *err)
{
    return members_store_demo_groups(ctx->c, ctx->now, err);
}

const struct demo_hook MEMBERS_DEMO_GROUPS = { "members.groups", DEMO_PHASE_INDEXED,
                                               members_demo_groups };
