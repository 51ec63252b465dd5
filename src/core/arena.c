/* arena.c: block-chained bump allocator. Large allocations get a block of their own so a
 * single big body does not waste the tail of an ordinary block. */
#include "core/compat.h"
#include "core/arena.h"

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[]; /* aligned start of the usable bytes */
};

#define ALIGN       _Alignof(max_align_t)
#define ALIGN_UP(n) (((n) + ALIGN - 1) & ~(ALIGN - 1))

void arena_init(struct arena *a, size_t block_size)
{
    a->head = NULL;
    a->block_size = block_size ? block_size : 8192;
    a->total = 0;
}

void arena_release(struct arena *a)
{
    struct arena_block *b = a->head;

    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

static struct arena_block *block_new(struct arena *a, size_t cap)
{
    struct arena_block *b = malloc(sizeof(*b) + cap);

    if (!b) {
        fprintf(stderr, "out of memory (%zu bytes)\n", cap);
        abort();
    }
    b->used = 0;
    b->cap = cap;
    a->total += cap;
    return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
    struct arena_block *b = a->head;
    void *p;

    n = ALIGN_UP(n ? n : 1);
    if (!b || b->cap - b->used < n) {
        if (n > a->block_size / 4) {
            /* A big request: its own block, linked behind the current one so the current
             * block's free tail stays usable. */
            b = block_new(a, n);
            if (a->head) {
                b->next = a->head->next;
                a->head->next = b;
            } else {
                b->next = NULL;
                a->head = b;
            }
            b->used = n;
            memset(b->data, 0, n);
            return b->data;
        }
        b = block_new(a, a->block_size);
        b->next = a->head;
        a->head = b;
    }
    p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void *arena_grow(struct arena *a, void *p, int64_t n, int64_t *cap, size_t size)
{
    void *q;

    if (n < *cap)
        return p;
    *cap = *cap ? *cap * 2 : 16;
    q = arena_alloc(a, size * (size_t)*cap);
    if (n)
        memcpy(q, p, size * (size_t)n);
    return q;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    int n;
    char *p;

    va_start(ap, fmt);
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ASSERT(n >= 0);
    p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}
