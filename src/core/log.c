/* log.c: logfmt lines to stderr, written with one fputs so lines from threads never mix. */
#include "core/compat.h"
#include "core/clock.h"
#include "core/log.h"

enum log_level log_min_level = LOG_INFO;

static const char *const level_names[] = { "debug", "info", "warn", "error", "off" };

void log_write(enum log_level lvl, const char *event, const char *fmt, ...)
{
    char line[1024], ts[21];
    int n;
    va_list ap;

    clock_fmt_utc(clock_now(), ts);
    n = snprintf(line, sizeof(line), "ts=%s level=%s event=%s ", ts, level_names[lvl], event);
    if (n < 0 || (size_t)n >= sizeof(line))
        return;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    n = (int)strlen(line);
    line[n] = '\n';
    line[n + 1] = '\0';
    fputs(line, stderr);
}

int log_level_parse(const char *s, enum log_level *out)
{
    for (size_t i = 0; i < ARRAY_LEN(level_names); i++) {
        if (strcmp(s, level_names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    return -1;
}
