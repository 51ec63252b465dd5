/* arena.h: a bump allocator for one request, CLI command or import batch. Everything taken
 * from it is freed at once by arena_release. Allocation never fails visibly: running out of
 * memory aborts. Not thread-safe; one arena belongs to one thread at a time. */
#pragma once

struct arena_block;

struct arena {
    struct arena_block *head; /* newest block; older blocks chained behind it */
    size_t block_size;        /* size of ordinary blocks; larger requests get their own */
    size_t total;             /* bytes obtained from malloc, for limits and statistics */
};

/* Prepares an empty arena; block_size 0 picks 8 KiB. No memory is taken until first use. */
void arena_init(struct arena *a, size_t block_size);

/* Frees every block. The arena may be reused after arena_init or as is (it is empty). */
void arena_release(struct arena *a);

/* Returns n bytes aligned for any type, zero-filled. */
void *arena_alloc(struct arena *a, size_t n);

/* Copies s (NUL-terminated) or the first n bytes of s into the arena, NUL-terminated. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* For arrays that grow while rows are read: returns p when it has room for element n (n <
 * *cap), else a copy of its n elements of size bytes in a new array with twice the room
 * (16 at first), updating *cap. The old array stays in the arena until it is released. */
void *arena_grow(struct arena *a, void *p, int64_t n, int64_t *cap, size_t size);

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
