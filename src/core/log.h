/* log.h: one logfmt line per event on stderr: `ts=... level=... event=... key=value ...`.
 * The macros test the level before evaluating their arguments. Never log passwords, tokens,
 * session ids or residents' free text; log ids. */
#pragma once

enum log_level { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF };

extern enum log_level log_min_level;

/* fmt holds the key=value pairs after the event name, e.g. "rid=%s status=%d". */
void log_write(enum log_level lvl, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Parses "debug", "info", "warn", "error", "off". Returns 0 or -1. */
int log_level_parse(const char *s, enum log_level *out);

#define LOG_AT(lvl, event, ...)                                                                    \
    do {                                                                                           \
        if ((lvl) >= log_min_level)                                                                \
            log_write((lvl), (event), __VA_ARGS__);                                                \
    } while (0)
#define log_debug(event, ...) LOG_AT(LOG_DEBUG, event, __VA_ARGS__)
#define log_info(event, ...)  LOG_AT(LOG_INFO, event, __VA_ARGS__)
#define log_warn(event, ...)  LOG_AT(LOG_WARN, event, __VA_ARGS__)
#define log_error(event, ...) LOG_AT(LOG_ERROR, event, __VA_ARGS__)
