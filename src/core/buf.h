/* buf.h: borrowed string slices (struct str) and a growable byte buffer (struct buf) with a
 * required ceiling and a sticky error: append freely, check buf_failed once at the end.
 * A buf grows in its arena, or on the heap when the arena is NULL (then buf_release frees). */
#pragma once

struct arena;

struct str {
    const char *p;
    size_t len;
};

#define STR_LIT(s) ((struct str){ (s), sizeof(s) - 1 })

struct buf {
    struct arena *arena; /* NULL: heap */
    char *p;             /* always NUL-terminated once anything was appended */
    size_t len, cap, max;
    bool failed; /* set when an append would pass max; later appends are ignored */
};

/* max is the largest length the buffer may reach; it is required. */
void buf_init(struct buf *b, struct arena *a, size_t max);
/* Frees heap storage (no-op for arena buffers) and empties the buffer. */
void buf_release(struct buf *b);

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b); /* length 0, keeps storage, clears failed */

static inline bool buf_failed(const struct buf *b)
{
    return b->failed;
}
/* The contents as a C string ("" when empty). */
const char *buf_cstr(const struct buf *b);

/* str helpers */
bool str_eq(struct str a, const char *lit);
struct str str_from(const char *s);

/* Parses a whole decimal int64 from s (optional leading '-'); fails on empty input, junk or
 * overflow. Returns 0 or -1 (no err: callers word the message for their field). */
int parse_i64(const char *s, size_t len, int64_t *out);
