/* err.c: setting and naming errors. Mapping codes to HTTP statuses is the router's job. */
#include "core/compat.h"
#include "core/err.h"

_Noreturn void assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "ASSERT failed: %s at %s:%d\n", expr, file, line);
    abort();
}

int err_set(struct err *e, enum err_code c, const char *field, const char *fmt, ...)
{
    va_list ap;

    if (!e || e->code != E_OK)
        return -1;
    e->code = c;
    snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return -1;
}

int err_detail(struct err *e, const char *fmt, ...)
{
    va_list ap;

    if (!e || e->detail[0])
        return -1;
    va_start(ap, fmt);
    vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
    va_end(ap);
    return -1;
}

void err_clear(struct err *e)
{
    memset(e, 0, sizeof(*e));
}

int err_refine(struct err *e, const char *field, const char *fmt, ...)
{
    va_list ap;

    if (field)
        snprintf(e->field, sizeof(e->field), "%s", field);
    if (fmt) {
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
        va_end(ap);
    }
    return -1;
}

const char *err_code_name(enum err_code c)
{
    static const char *const names[] = {
        [E_OK] = "ok",
        [E_INVALID] = "invalid",
        [E_UNAUTHENTICATED] = "unauthenticated",
        [E_FORBIDDEN] = "forbidden",
        [E_NOT_FOUND] = "not_found",
        [E_CONFLICT] = "conflict",
        [E_LIMIT] = "limit",
        [E_UNAVAILABLE] = "unavailable",
        [E_INTERNAL] = "internal",
        [E_METHOD] = "method_not_allowed",
        [E_THROTTLED] = "throttled",
    };
    if ((unsigned)c < ARRAY_LEN(names) && names[c])
        return names[c];
    return "internal";
}
