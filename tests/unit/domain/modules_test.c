/* modules_test.c: the module rows and the composition root: every permission is declared by
 * exactly one area and the table refuses gaps and twins, counters are registered once, the
 * route table builds with the guard, audit action codes and code table names are unique and
 * labelled, and each code table has a label per code. */
#include "tap.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/modules.h"
#include "http/http.h"
#include "app/app_modules.h"

static void test_each_permission_has_one_area(void)
{
    int owners[PERM_COUNT] = { 0 };

    for (size_t m = 0; m < MODULES_LEN; m++)
        for (const struct perm_row *p = MODULES[m]->perms; p && p->code; p++) {
            CHECK(p->id > PERM_SESSION && p->id < PERM_COUNT);
            owners[p->id]++;
        }
    for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++) {
        if (owners[p] != 1)
            printf("#   permission %d is declared by %d modules\n", p, owners[p]);
        CHECK_EQ(owners[p], 1);
    }
}

/* The composition root builds the permission table, registers the counters and the route
 * table with the guard from the module rows. */
static void test_the_composition_root_wires_every_module(void)
{
    struct route_table t;
    struct err err = { 0 };

    CHECK_EQ(app_modules_init(&err), 0);
    CHECK_STR(err.msg, "");
    CHECK_STR(perm_name(PERM_MEMBERS_READ), "members.read");
    CHECK_STR(perm_label(PERM_ORGS_WRITE), "管理党组织");
    CHECK_EQ(app_modules_init(&err), 0); /* again: nothing is registered twice */
    CHECK_EQ(app_routes_init(&t, &err), 0);
    CHECK(t.len > 30);
    for (size_t i = 0; i < t.len; i++) {
        CHECK(strcmp(t.guard->perm_name(t.rows[i]->perm), "none") != 0);
        CHECK(t.guard->scope_name(t.rows[i]->scope) != NULL);
    }
    router_release(&t);
}

/* A permission row listed twice, or an id no list declares, stops start-up naming it. */
static void test_the_permission_table_refuses_gaps_and_twins(void)
{
    static const struct perm_row ONE[] = {
        PERM_ROW(PERM_ORGS_READ, "orgs.read", "查看党组织", ROLES_MANAGERS),
        PERM_ROWS_END,
    };
    const struct perm_row *twice[] = { ONE, ONE };
    struct err err = { 0 };

    CHECK_EQ(perm_table_init(twice, 2, &err), -1);
    CHECK_EQ(err.code, E_INTERNAL);
    CHECK(strstr(err.msg, "orgs.read") != NULL);
    err_clear(&err);
    CHECK_EQ(perm_table_init(twice, 1, &err), -1);
    CHECK(strstr(err.msg, "没有哪个模块声明") != NULL);
    err_clear(&err);
    CHECK_EQ(app_modules_init(&err), 0); /* leave the real table for the tests after */
}

/* Every counter a module owns is registered once; a second registration of a name fails. */
static void test_counters_are_registered_once(void)
{
    static const struct change_counter again = { "roster", "重复" };
    struct err err = { 0 };
    size_t n = 0;

    CHECK_EQ(app_modules_init(&err), 0);
    for (size_t m = 0; m < MODULES_LEN; m++)
        for (const struct change_counter *const *c = MODULES[m]->counters; c && *c; c++) {
            CHECK((*c)->label && (*c)->label[0]);
            n++;
        }
    CHECK(n >= 2); /* roster (orgs) and auth, and any an added area owns */
    CHECK_EQ(cache_counter_register(&again, &err), -1);
    CHECK_EQ(err.code, E_INTERNAL);
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
         TEST(test_the_composition_root_wires_every_module),
         TEST(test_the_permission_table_refuses_gaps_and_twins),
         TEST(test_counters_are_registered_once), TEST(test_audit_actions_are_unique_and_labelled),
         TEST(test_code_tables_are_whole))
