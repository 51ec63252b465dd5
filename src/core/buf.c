/* buf.c: growable bounded buffer and small string helpers. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"

void buf_init(struct buf *b, struct arena *a, size_t max)
{
    ASSERT(max > 0);
    b->arena = a;
    b->p = NULL;
    b->len = b->cap = 0;
    b->max = max;
    b->failed = false;
}

void buf_release(struct buf *b)
{
    if (!b->arena)
        free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

static bool buf_grow(struct buf *b, size_t need)
{
    size_t cap;
    char *p;

    if (b->failed)
        return false;
    if (need > b->max) {
        b->failed = true;
        return false;
    }
    if (need + 1 <= b->cap)
        return true;
    cap = b->cap ? b->cap * 2 : 256;
    while (cap < need + 1)
        cap *= 2;
    if (cap > b->max + 1)
        cap = b->max + 1;
    if (b->arena) {
        p = arena_alloc(b->arena, cap);
        if (b->len)
            memcpy(p, b->p, b->len);
    } else {
        p = realloc(b->p, cap);
        if (!p) {
            fprintf(stderr, "out of memory (%zu bytes)\n", cap);
            abort();
        }
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
    if (!buf_grow(b, b->len + n))
        return;
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        buf_append(b, small, (size_t)n);
        return;
    }
    if (!buf_grow(b, b->len + (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->p)
        b->p[0] = '\0';
}

const char *buf_cstr(const struct buf *b)
{
    return b->p ? b->p : "";
}

bool str_eq(struct str a, const char *lit)
{
    size_t n = strlen(lit);
    return a.len == n && memcmp(a.p, lit, n) == 0;
}

struct str str_from(const char *s)
{
    return (struct str){ s, s ? strlen(s) : 0 };
}

int parse_i64(const char *s, size_t len, int64_t *out)
{
    int64_t v = 0;
    bool neg = false;
    size_t i = 0;

    if (len > 0 && s[0] == '-') {
        neg = true;
        i = 1;
    }
    if (i >= len)
        return -1;
    for (; i < len; i++) {
        int d;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        d = s[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = neg ? -v : v;
    return 0;
}
