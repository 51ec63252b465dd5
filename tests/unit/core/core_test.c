/* core_test.c: arena, buf, err, clock and date helpers, cfg precedence and bounds, and the
 * check that docs/config.md documents every configuration key. */
#include "tap.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"

static void test_arena_alignment_and_big_blocks(void)
{
    struct arena a;
    char *small, *big, *after;

    arena_init(&a, 256);
    small = arena_alloc(&a, 3);
    big = arena_alloc(&a, 10000);
    after = arena_alloc(&a, 8);
    CHECK(((uintptr_t)small % _Alignof(max_align_t)) == 0);
    CHECK(((uintptr_t)after % _Alignof(max_align_t)) == 0);
    CHECK(big[9999] == 0);
    CHECK(after == small + _Alignof(max_align_t)); /* the big block did not waste the first */
    CHECK_STR(arena_printf(&a, "%s-%d", "ab", 7), "ab-7");
    CHECK_STR(arena_strndup(&a, "hello", 2), "he");
    arena_release(&a);
    CHECK(a.head == NULL);
}

static void test_buf_ceiling_is_sticky(void)
{
    struct buf b;
    struct arena a;

    arena_init(&a, 0);
    buf_init(&b, &a, 8);
    buf_puts(&b, "12345");
    buf_printf(&b, "%d", 678);
    CHECK(!buf_failed(&b));
    CHECK_STR(buf_cstr(&b), "12345678");
    buf_putc(&b, '9');
    CHECK(buf_failed(&b));
    buf_puts(&b, "");
    CHECK(buf_failed(&b));
    CHECK_EQ(b.len, 8);
    buf_reset(&b);
    CHECK(!buf_failed(&b));
    CHECK_STR(buf_cstr(&b), "");
    buf_init(&b, NULL, 1 << 20);
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%0300d", i);
    CHECK_EQ(b.len, 300000);
    buf_release(&b);
    arena_release(&a);
}

static void test_parse_i64_rejects_junk_and_overflow(void)
{
    int64_t v = 0;
    CHECK_EQ(parse_i64("-42", 3, &v), 0);
    CHECK_EQ(v, -42);
    CHECK_EQ(parse_i64("9223372036854775807", 19, &v), 0);
    CHECK_EQ(parse_i64("9223372036854775808", 19, &v), -1);
    CHECK_EQ(parse_i64("", 0, &v), -1);
    CHECK_EQ(parse_i64("-", 1, &v), -1);
    CHECK_EQ(parse_i64("1e3", 3, &v), -1);
}

static void test_err_first_error_wins(void)
{
    struct err e = { 0 };
    CHECK_EQ(err_set(&e, E_NOT_FOUND, "/id", "找不到 %d", 5), -1);
    err_set(&e, E_INTERNAL, "/x", "second");
    CHECK_EQ(e.code, E_NOT_FOUND);
    CHECK_STR(e.msg, "找不到 5");
    CHECK_STR(e.field, "/id");
    CHECK_STR(err_code_name(E_METHOD), "method_not_allowed");
    CHECK_STR(err_code_name((enum err_code)99), "internal");
}

static void test_dates_and_pinned_clock(void)
{
    int y, m, d;
    char today[11];

    CHECK_EQ(date_parse("2000-02-29", &y, &m, &d), 0);
    CHECK_EQ(date_parse("1900-02-29", &y, &m, &d), -1);
    /* calendar months either way, the day clamped: terms end, ages are bounded with it */
    char sh[11];
    date_add_months("2024-01-31", 1, sh);
    CHECK_STR(sh, "2024-02-29");
    date_add_months("2024-02-29", 12 * 5, sh);
    CHECK_STR(sh, "2029-02-28");
    date_add_months("2024-02-29", -12 * 31, sh);
    CHECK_STR(sh, "1993-02-28");
    date_add_months("2026-01-15", -1, sh);
    CHECK_STR(sh, "2025-12-15");
    /* whole years (ages, 党龄) and the day they are reached agree, 29 February included */
    CHECK_EQ(date_years_between("1980-01-01", "2026-11-23"), 46);
    CHECK_EQ(date_years_between("1980-11-24", "2026-11-23"), 45);
    CHECK_EQ(date_years_between("1980-11-23", "2026-11-23"), 46);
    CHECK_EQ(date_years_between("2000-02-29", "2018-02-28"), 17);
    CHECK_EQ(date_years_between("2000-02-29", "2018-03-01"), 18);
    CHECK_EQ(date_months_between("2026-01-10", "2026-04-09"), 2);
    CHECK_EQ(date_months_between("2026-01-10", "2026-04-10"), 3);
    CHECK_EQ(date_months_between("2026-01-31", "2026-02-27"), 0);
    CHECK_EQ(date_months_between("2026-01-31", "2026-02-28"), 1);
    CHECK_EQ(date_months_between("2025-11-15", "2026-01-15"), 2);
    CHECK_EQ(date_months_between("2026-05-01", "2026-05-01"), 0);
    CHECK_EQ(date_months_between("2026-05-02", "2026-05-01"), -1);
    CHECK_EQ(date_months_between("2026-02-30", "2026-05-01"), -1);
    CHECK_EQ(date_years_between("2026-01-02", "2026-01-01"), -1);
    CHECK_EQ(date_years_between(NULL, "2018-02-28"), -1);
    date_anniversary("2000-02-29", 18, sh);
    CHECK_STR(sh, "2018-03-01");
    date_anniversary("2000-02-29", 24, sh);
    CHECK_STR(sh, "2024-02-29");
    date_anniversary("2008-03-15", 18, sh);
    CHECK_STR(sh, "2026-03-15");
    CHECK_EQ(date_parse("2024-13-01", &y, &m, &d), -1);
    CHECK_EQ(date_parse("2024-1-01", &y, &m, &d), -1);
    CHECK_EQ(date_parse("2024-01-01x", &y, &m, &d), -1);
    CHECK_EQ(date_to_days(1970, 1, 1), 0);
    CHECK_EQ(date_to_days(2000, 3, 1), 11017);
    date_from_days(date_to_days(1949, 10, 1), &y, &m, &d);
    CHECK(y == 1949 && m == 10 && d == 1);
    setenv("DANGJIAN_TEST_NOW", "2026-11-23", 1);
    clock_reload();
    clock_today(today);
    CHECK_STR(today, "2026-11-23");
    /* 2026-11-23T17:00Z is already the 24th in Shanghai. */
    setenv("DANGJIAN_TEST_NOW", "1795453200", 1);
    clock_reload();
    clock_today(today);
    CHECK_STR(today, "2026-11-24");
    unsetenv("DANGJIAN_TEST_NOW");
    clock_reload();
}

static void test_cfg_precedence_and_bounds(void)
{
    struct cfg c;
    struct err e = { 0 };

    setenv("DANGJIAN_HTTP_PORT", "9191", 1);
    CHECK_EQ(cfg_load(&c, NULL, &e), 0);
    CHECK_EQ(c.http_port, 9191);
    CHECK_EQ(c.http_body_max, 1 << 20);
    CHECK_EQ(cfg_set(&c, "http.port", "80", &e), 0);
    CHECK_EQ(c.http_port, 80);
    CHECK_EQ(cfg_set(&c, "http.port", "70000", &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    CHECK_STR(e.field, "http.port");
    err_clear(&e);
    CHECK_EQ(cfg_set(&c, "http.body_max", "4k", &e), 0);
    CHECK_EQ(c.http_body_max, 4096);
    CHECK_EQ(cfg_set(&c, "id.demo_prefix", "maybe", &e), -1);
    err_clear(&e);
    setenv("DANGJIAN_HTTP_PORT", "x", 1);
    CHECK_EQ(cfg_load(&c, NULL, &e), -1);
    CHECK(strstr(e.msg, "DANGJIAN_HTTP_PORT") != NULL);
    unsetenv("DANGJIAN_HTTP_PORT");
}

static void test_config_doc_lists_every_key(void)
{
    FILE *f = fopen("docs/config.md", "r");
    char doc[65536];
    size_t n;

    CHECK(f != NULL);
    if (!f)
        return;
    n = fread(doc, 1, sizeof(doc) - 1, f);
    doc[n] = '\0';
    fclose(f);
    for (size_t i = 0; i < CFG_ROWS_LEN; i++) {
        char needle[80];
        snprintf(needle, sizeof(needle), "`%s`", CFG_ROWS[i].key);
        if (!strstr(doc, needle)) {
            printf("#   docs/config.md does not document %s\n", CFG_ROWS[i].key);
            tap_failed_checks++;
        }
    }
}

TAP_MAIN("core", TEST(test_arena_alignment_and_big_blocks), TEST(test_buf_ceiling_is_sticky),
         TEST(test_parse_i64_rejects_junk_and_overflow), TEST(test_err_first_error_wins),
         TEST(test_dates_and_pinned_clock), TEST(test_cfg_precedence_and_bounds),
         TEST(test_config_doc_lists_every_key))
