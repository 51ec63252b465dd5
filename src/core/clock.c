/* clock.c: pinned-or-real wall clock, monotonic clock, civil-date arithmetic (proleptic
 * Gregorian, Howard Hinnant's days-from-civil formulation written out here). */
#include "core/compat.h"
#include "core/clock.h"

static int64_t pinned = -1;
static bool loaded;

void clock_reload(void)
{
    const char *s = getenv("DANGJIAN_TEST_NOW");
    int y, m, d;
    int64_t v;

    pinned = -1;
    loaded = true;
    if (!s || !*s)
        return;
    if (date_parse(s, &y, &m, &d) == 0) {
        /* Noon in Shanghai on that date, so "today" is that date in both UTC and UTC+8. */
        pinned = date_to_days(y, m, d) * 86400 + 4 * 3600;
        return;
    }
    v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return;
        v = v * 10 + (*p - '0');
    }
    pinned = v;
}

int64_t clock_now(void)
{
    if (!loaded)
        clock_reload();
    if (pinned >= 0)
        return pinned;
    return (int64_t)time(NULL);
}

int64_t clock_mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void clock_today(char out[11])
{
    int y, m, d;
    int64_t local = clock_now() + 8 * 3600;
    int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;

    date_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

void clock_fmt_utc(int64_t t, char out[21])
{
    struct tm tm;
    time_t tt = (time_t)t;

    gmtime_r(&tt, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : dm[m - 1];
}

int date_parse(const char *s, int *y, int *m, int *d)
{
    int v[3] = { 0, 0, 0 };
    static const int width[3] = { 4, 2, 2 };

    for (int part = 0, i = 0; part < 3; part++) {
        for (int k = 0; k < width[part]; k++, i++) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v[part] = v[part] * 10 + (s[i] - '0');
        }
        if (part < 2 && s[i++] != '-')
            return -1;
        if (part == 2 && s[i] != '\0')
            return -1;
    }
    if (v[0] < 1800 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > date_days_in_month(v[0], v[1]))
        return -1;
    *y = v[0];
    *m = v[1];
    *d = v[2];
    return 0;
}

int64_t date_to_days(int y, int m, int d)
{
    int64_t yy = m <= 2 ? y - 1 : y;
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

void date_add_months(const char *d, int n, char out[11])
{
    int y, m, dd;

    if (date_parse(d, &y, &m, &dd) < 0) {
        snprintf(out, 11, "%s", d);
        return;
    }
    /* months since year 0, floored to year 1 (n may be negative) */
    long k = (long)y * 12 + (m - 1) + n;
    if (k < 12)
        k = 12;
    y = (int)(k / 12);
    m = (int)(k % 12) + 1;
    if (dd > date_days_in_month(y, m))
        dd = date_days_in_month(y, m);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)dd % 100u);
}

int64_t date_years_between(const char *from, const char *to)
{
    int fy, fm, fd, ty, tm, td;
    int64_t years;

    if (!from || !to || date_parse(from, &fy, &fm, &fd) < 0 || date_parse(to, &ty, &tm, &td) < 0)
        return -1;
    years = ty - fy;
    if (tm < fm || (tm == fm && td < fd))
        years--;
    return years < 0 ? -1 : years;
}

int64_t date_months_between(const char *from, const char *to)
{
    int fy, fm, fd, ty, tm, td;
    int64_t months;
    char end[11];

    if (!from || !to || date_parse(from, &fy, &fm, &fd) < 0 || date_parse(to, &ty, &tm, &td) < 0 ||
        strcmp(to, from) < 0)
        return -1;
    months = (int64_t)(ty - fy) * 12 + (tm - fm);
    date_add_months(from, (int)months, end);
    if (strcmp(end, to) > 0)
        months--;
    return months;
}

void date_anniversary(const char *d, int n, char out[11])
{
    int y, m, dd;

    if (date_parse(d, &y, &m, &dd) < 0) {
        snprintf(out, 11, "%s", d);
        return;
    }
    y += n;
    if (m == 2 && dd == 29 && !date_is_leap(y))
        m = 3, dd = 1;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)dd % 100u);
}
