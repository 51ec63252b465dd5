/* err.c: setting and naming errors. Mapping codes to HTTP statuses is the router's job. */
#include "core/compat.h"
#include "core/arena.h"
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

int err_field_add(struct err *e, struct arena *a, const char *field, const char *msg)
{
    struct err_field **tail = &e->fields, *f;
    int n = 0;

    if (e->code == E_OK)
        err_set(e, E_INVALID, field, "%s", msg);
    else if (!e->fields)
        return -1; /* another error came first */
    for (; *tail; tail = &(*tail)->next)
        n++;
    if (n >= ERR_FIELDS_MAX)
        return -1;
    f = arena_alloc(a, sizeof(*f));
    f->field = arena_strdup(a, field);
    f->msg = arena_strdup(a, msg);
    *tail = f;
    return -1;
}

int err_rule_add(struct err *e, struct arena *a, const char *rule, const char *detail)
{
    struct err_rule **tail = &e->rules, *r;

    if (e->code != E_OK && !e->rules)
        return -1; /* another error came first */
    if (e->code == E_OK)
        err_set(e, E_CONFLICT, "", "%s", detail);
    while (*tail)
        tail = &(*tail)->next;
    r = arena_alloc(a, sizeof(*r));
    r->rule = arena_strdup(a, rule);
    r->detail = arena_strdup(a, detail);
    r->next = NULL;
    *tail = r;
    return -1;
}

void err_clear(struct err *e)
{
    memset(e, 0, sizeof(*e));
}

int err_refine(struct err *e, const char *field, const char *fmt, ...)
{
    va_list ap;

    e->fields = NULL; /* the list described the error as it was */
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
