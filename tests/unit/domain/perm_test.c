/* perm_test.c: the permission table (built from the module rows by the composition root):
 * every permission has a distinct code and a zh-CN label,
 * PUBLIC and SESSION belong to everyone, and what each role holds (written out here) is what
 * role_perms and role_has answer. */
#include "tap.h"
#include "core/err.h"
#include "domain/auth/perm.h"
#include "app/app_modules.h"

static void test_every_row_is_filled_and_distinct(void)
{
    struct err err = { 0 };

    CHECK_EQ(app_modules_init(&err), 0); /* the table comes from the module rows */
    for (int p = 0; p < PERM_COUNT; p++) {
        const struct perm_row *row = perm_row((enum perm)p);
        CHECK(row->code && row->code[0]);
        CHECK(row->label && (unsigned char)row->label[0] >= 0x80); /* zh-CN text */
        for (int q = 0; q < p; q++)
            CHECK(strcmp(row->code, perm_name((enum perm)q)) != 0);
    }
    CHECK_STR(perm_name(PERM_COUNT), "none");
    CHECK_STR(perm_name((enum perm) - 1), "none");
    CHECK_STR(perm_label(PERM_MEMBERS_READ), "查看党员名册");
}

static void test_public_and_session_belong_to_every_role(void)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        CHECK(role_has((enum role)r, PERM_PUBLIC) && role_has((enum role)r, PERM_SESSION));
        CHECK(!role_has((enum role)r, PERM_NONE));
    }
    CHECK_EQ(role_perms(ROLE_COUNT), 0);
}

/* What each role holds of the permissions of main at the time of writing, written out here
 * independently of the areas' PERM_ROW rows: both role_perms and role_has must answer it. A
 * permission added later is checked by its area's authorization recipes (tests/api/authz/),
 * not here, so adding one edits no shared test; the platform admin holds every permission. */
static void test_grants_are_unchanged(void)
{
    const uint64_t all = PERM_BIT(PERM_COUNT) - PERM_BIT(PERM_SESSION + 1);
    const uint64_t known = PERM_BIT(PERM_ORGS_READ) | PERM_BIT(PERM_ORGS_WRITE) |
                           PERM_BIT(PERM_MEMBERS_READ) | PERM_BIT(PERM_MEMBERS_WRITE) |
                           PERM_BIT(PERM_MEMBERS_REVEAL_PII) | PERM_BIT(PERM_RESIDENTS_READ) |
                           PERM_BIT(PERM_RESIDENTS_WRITE) | PERM_BIT(PERM_USERS_MANAGE) |
                           PERM_BIT(PERM_AUDIT_READ);
    uint64_t want[ROLE_COUNT] = { 0 };

    want[ROLE_ADMIN] = known;
    want[ROLE_ORG_ADMIN] = known;
    want[ROLE_BRANCH_SECRETARY] = PERM_BIT(PERM_ORGS_READ) | PERM_BIT(PERM_MEMBERS_READ) |
                                  PERM_BIT(PERM_MEMBERS_WRITE) | PERM_BIT(PERM_MEMBERS_REVEAL_PII);
    want[ROLE_BRANCH_COMMITTEE] = PERM_BIT(PERM_ORGS_READ) | PERM_BIT(PERM_MEMBERS_READ);
    want[ROLE_GRID_WORKER] =
        PERM_BIT(PERM_ORGS_READ) | PERM_BIT(PERM_RESIDENTS_READ) | PERM_BIT(PERM_RESIDENTS_WRITE);
    CHECK_EQ(role_perms(ROLE_ADMIN), all);
    for (int r = 0; r < ROLE_COUNT; r++) {
        CHECK_EQ(role_perms((enum role)r) & known, want[r]);
        for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++)
            if (known & PERM_BIT(p))
                CHECK_EQ(role_has((enum role)r, (enum perm)p), (want[r] & PERM_BIT(p)) != 0);
    }
}

TAP_MAIN("domain/perm", TEST(test_every_row_is_filled_and_distinct),
         TEST(test_public_and_session_belong_to_every_role), TEST(test_grants_are_unchanged))
