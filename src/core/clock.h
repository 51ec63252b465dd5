/* clock.h: the only source of wall-clock time. Tests pin it with DANGJIAN_TEST_NOW (epoch
 * seconds or YYYY-MM-DD). Calendar dates are shown and compared in Asia/Shanghai (UTC+8, no
 * daylight saving). Durations use clock_mono_us, which is never pinned. */
#pragma once

/* Epoch seconds, UTC. */
int64_t clock_now(void);
/* Monotonic microseconds, for measuring durations only. */
int64_t clock_mono_us(void);
/* Today's date in Asia/Shanghai as YYYY-MM-DD into out (11 bytes). */
void clock_today(char out[11]);
/* Formats epoch seconds as an RFC 3339 UTC timestamp (21 bytes incl. NUL). */
void clock_fmt_utc(int64_t t, char out[21]);
/* Re-reads DANGJIAN_TEST_NOW (tests call this after setenv). */
void clock_reload(void);

/* Calendar helpers shared by validators and the demo generator. */
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* Parses exactly YYYY-MM-DD into y/m/d and checks it is a real date. Returns 0 or -1. */
int date_parse(const char *s, int *y, int *m, int *d);
/* Days since 1970-01-01 for a civil date, and back. */
int64_t date_to_days(int y, int m, int d);
void date_from_days(int64_t days, int *y, int *m, int *d);
/* d (YYYY-MM-DD) plus n calendar months into out (11 bytes), the day clamped to the month's
 * last (2024-01-31 + 1 = 2024-02-29); n may be negative (no earlier than year 1); d itself when
 * it is not a date. */
void date_add_months(const char *d, int n, char out[11]);
/* Whole years from date from to date to (both YYYY-MM-DD; an age, a 党龄); -1 when either is
 * bad or to is before from. The anniversary itself counts as a full year; someone born on
 * 29 February completes a year on 1 March of a common year (as date_anniversary says). */
int64_t date_years_between(const char *from, const char *to);
/* Whole calendar months from date from to date to, consistent with date_add_months: the month
 * n is complete on date_add_months(from, n) (2026-01-31 → 2026-02-28 is one month); -1 when
 * either is bad or to is before from. */
int64_t date_months_between(const char *from, const char *to);
/* The day d completes n whole years into out (11 bytes): the same month and day n years on,
 * 1 March for 29 February in a common year; d itself when it is not a date. */
void date_anniversary(const char *d, int n, char out[11]);
