/* tap.h: a tiny TAP-style unit-test harness. Each test file defines test functions and a
 * TESTS table; main() runs them and prints "N passed, N failed". CHECK_* print both values
 * on failure and keep going, so one run shows every broken expectation. */
#pragma once

#include "core/compat.h"

extern int tap_failed_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);                    \
            tap_failed_checks++;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                      \
        if (va_ != vb_) {                                                                          \
            printf("#   %s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, va_,  \
                   vb_);                                                                           \
            tap_failed_checks++;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *sa_ = (a), *sb_ = (b);                                                         \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                                               \
            printf("#   %s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a, #b,   \
                   sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");                                    \
            tap_failed_checks++;                                                                   \
        }                                                                                          \
    } while (0)

struct tap_test {
    const char *name;
    void (*fn)(void);
};

/* Runs every test in the table; returns the process exit status. */
int tap_run(const char *suite, const struct tap_test *tests, size_t n);

#define TAP_MAIN(suite, ...)                                                                       \
    int main(void)                                                                                 \
    {                                                                                              \
        static const struct tap_test tests_[] = { __VA_ARGS__ };                                   \
        return tap_run(suite, tests_, sizeof(tests_) / sizeof(tests_[0]));                         \
    }
#define TEST(fn)                                                                                   \
    {                                                                                              \
#fn, fn                                                                                    \
    }
