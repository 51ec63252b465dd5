/* modules_test.c: the module rows: every permission is declared by exactly one area, audit
 * action codes and code table names are unique and labelled, and each code table has a label
 * per code. */
#include "tap.h"
#include "domain/modules.h"

static void test_each_permission_has_one_area(void)
{
    int owners[PERM_COUNT] = { 0 };

    for (size_t m = 0; m < MODULES_LEN; m++)
        for (const enum perm *p = MODULES[m]->perms; p && *p != PERM_NONE; p++) {
            CHECK(*p > PERM_SESSION && *p < PERM_COUNT);
            owners[*p]++;
        }
    for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++) {
        if (owners[p] != 1)
            printf("#   %s is declared by %d modules\n", perm_name((enum perm)p), owners[p]);
        CHECK_EQ(owners[p], 1);
    }
}

static void test_audit_actions_are_unique_and_labelled(void)
{
    const char *seen[128];
    size_t n = 0;

    for (size_t m = 0; m < MODULES_LEN; m++)
        for (const struct audit_action *a = MODULES[m]->audit_actions; a && a->code; a++) {
            CHECK(a->label && a->label[0]);
            CHECK(strchr(a->code, '.') != NULL);
            for (size_t i = 0; i < n; i++)
                CHECK(strcmp(seen[i], a->code) != 0);
            if (n < ARRAY_LEN(seen))
                seen[n++] = a->code;
        }
    CHECK(n >= 20);
}

static void test_code_tables_are_whole(void)
{
    const char *seen[64];
    size_t n = 0;

    for (size_t m = 0; m < MODULES_LEN; m++)
        for (const struct code_table *t = MODULES[m]->codes; t && t->name; t++) {
            size_t i = 0;
            for (; t->codes[i]; i++)
                CHECK(t->labels[i] != NULL);
            CHECK(i > 0);
            CHECK(t->labels[i] == NULL);
            for (size_t k = 0; k < n; k++)
                CHECK(strcmp(seen[k], t->name) != 0);
            if (n < ARRAY_LEN(seen))
                seen[n++] = t->name;
        }
    CHECK(n >= 7);
}

TAP_MAIN("domain/modules", TEST(test_each_permission_has_one_area),
         TEST(test_audit_actions_are_unique_and_labelled), TEST(test_code_tables_are_whole))
