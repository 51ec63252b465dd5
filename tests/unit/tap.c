/* tap.c: runner for tap.h. Prints "ok N name" / "not ok N name" and a closing count line. */
#include "tap.h"

int tap_failed_checks;

int tap_run(const char *suite, const struct tap_test *tests, size_t n)
{
    int passed = 0, failed = 0;

    printf("# %s\n1..%zu\n", suite, n);
    for (size_t i = 0; i < n; i++) {
        int before = tap_failed_checks;
        tests[i].fn();
        if (tap_failed_checks == before) {
            passed++;
            printf("ok %zu %s\n", i + 1, tests[i].name);
        } else {
            failed++;
            printf("not ok %zu %s\n", i + 1, tests[i].name);
        }
    }
    printf("# %s: %d passed, %d failed\n", suite, passed, failed);
    return failed ? 1 : 0;
}
