/* perm_test.c: the permission table: every permission has a distinct code and a zh-CN label,
 * role_perms is the set role_has answers from, and what the roles hold has not moved. */
#include "tap.h"
#include "domain/auth/perm.h"

static void test_every_row_is_filled_and_distinct(void)
{
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

static void test_role_sets_match_role_has(void)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        uint64_t set = role_perms((enum role)r);
        for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++)
            CHECK_EQ((set & PERM_BIT(p)) != 0, role_has((enum role)r, (enum perm)p));
        CHECK(role_has((enum role)r, PERM_PUBLIC) && role_has((enum role)r, PERM_SESSION));
        CHECK(!role_has((enum role)r, PERM_NONE));
    }
    CHECK_EQ(role_perms(ROLE_COUNT), 0);
}

static void test_grants_are_unchanged(void)
{
    const uint64_t all = PERM_BIT(PERM_COUNT) - PERM_BIT(PERM_SESSION + 1);

    CHECK_EQ(role_perms(ROLE_ADMIN), all);
    CHECK_EQ(role_perms(ROLE_ORG_ADMIN), all);
    CHECK_EQ(role_perms(ROLE_BRANCH_SECRETARY),
             PERM_BIT(PERM_ORGS_READ) | PERM_BIT(PERM_MEMBERS_READ) | PERM_BIT(PERM_MEMBERS_WRITE) |
                 PERM_BIT(PERM_MEMBERS_REVEAL_PII));
    CHECK_EQ(role_perms(ROLE_BRANCH_COMMITTEE),
             PERM_BIT(PERM_ORGS_READ) | PERM_BIT(PERM_MEMBERS_READ));
    CHECK_EQ(role_perms(ROLE_GRID_WORKER), PERM_BIT(PERM_ORGS_READ) |
                                               PERM_BIT(PERM_RESIDENTS_READ) |
                                               PERM_BIT(PERM_RESIDENTS_WRITE));
    CHECK_EQ(role_perms(ROLE_MEMBER), 0);
    CHECK_EQ(role_perms(ROLE_RESIDENT), 0);
    CHECK_EQ(role_perms(ROLE_UNIT_LIAISON), 0);
}

TAP_MAIN("domain/perm", TEST(test_every_row_is_filled_and_distinct),
         TEST(test_role_sets_match_role_has), TEST(test_grants_are_unchanged))
