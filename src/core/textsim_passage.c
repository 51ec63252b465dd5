/* textsim_passage.c: the passages two normalized texts share (textsim_passages), mapped back
 * to byte ranges of both originals so a page can show which paragraph was copied. Seeds are
 * equal k-grams found through a hash table of b; each diagonal run is extended once, from its
 * first character. It does not align texts with edits inside a passage (an edit ends one). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/textsim.h"
#include "core/textsim_int.h"

/* Places of one k-gram in b looked at for each k-gram of a, and characters compared per
 * k-gram of both texts: bound the work on repetitive text ("学习学习学习…") where ordinary prose
 * never comes near either. */
#define CHAIN_MAX      64
#define WORK_PER_KGRAM 64

struct run {
    size_t i, j, len; /* a.cp[i..i+len) equals b.cp[j..j+len) */
};

/* The positions of b's k-grams by hash: head[h & mask] is the first position with that slot,
 * next[j] the one after it, -1 ending a chain. Earliest first, so on repetitive text the long
 * runs from the start are found before the work budget runs out. */
struct kgram_table {
    int32_t *head, *next;
    uint64_t *hash;
    size_t mask;
};

static void kgram_table_build(struct kgram_table *t, const struct textsim_doc *b, size_t nk,
                              struct arena *ar)
{
    size_t size = 16;

    while (size < 2 * nk)
        size *= 2;
    t->mask = size - 1;
    t->head = arena_alloc(ar, size * sizeof(*t->head));
    t->next = arena_alloc(ar, (nk + 1) * sizeof(*t->next));
    t->hash = arena_alloc(ar, (nk + 1) * sizeof(*t->hash));
    memset(t->head, 0xFF, size * sizeof(*t->head));
    for (size_t j = nk; j-- > 0;) {
        size_t slot;
        t->hash[j] = textsim_kgram_hash(b->cp + j, (size_t)b->k);
        slot = t->hash[j] & t->mask;
        t->next[j] = t->head[slot];
        t->head[slot] = (int32_t)j;
    }
}

static int cmp_run(const void *x, const void *y)
{
    const struct run *r = x, *s = y;
    if (r->len != s->len)
        return r->len < s->len ? 1 : -1;
    if (r->i != s->i)
        return r->i < s->i ? -1 : 1;
    return (r->j > s->j) - (r->j < s->j);
}

static bool overlaps(size_t s1, size_t n1, size_t s2, size_t n2)
{
    return s1 < s2 + n2 && s2 < s1 + n1;
}

size_t textsim_passages(const struct textsim_doc *a, const struct textsim_doc *b, size_t min_chars,
                        struct arena *ar, struct textsim_passage *out, size_t max)
{
    size_t k = (size_t)a->k, na, nb, nout = 0, budget;
    struct kgram_table t;
    struct run *runs = NULL, *kept;
    int64_t nruns = 0, cap = 0;

    ASSERT(a->k == b->k && a->flags == b->flags);
    if (min_chars == 0)
        min_chars = 2 * k;
    if (min_chars < k)
        min_chars = k;
    if (a->n < min_chars || b->n < min_chars || max == 0)
        return 0;
    na = a->n - k + 1;
    nb = b->n - k + 1;
    kgram_table_build(&t, b, nb, ar);
    budget = WORK_PER_KGRAM * (na + nb);

    for (size_t i = 0; i < na && budget > 0; i++) {
        uint64_t h = textsim_kgram_hash(a->cp + i, k);
        int steps = 0;
        for (int32_t jj = t.head[h & t.mask]; jj >= 0 && steps < CHAIN_MAX && budget > 0;
             jj = t.next[jj]) {
            size_t j = (size_t)jj, len = 0;
            steps++;
            if (t.hash[j] != h)
                continue;
            /* Only the first character of a diagonal run starts it; the rest were counted. */
            if (i > 0 && j > 0 && a->cp[i - 1] == b->cp[j - 1])
                continue;
            while (i + len < a->n && j + len < b->n && a->cp[i + len] == b->cp[j + len])
                len++;
            budget -= len + 1 < budget ? len + 1 : budget;
            if (len < min_chars)
                continue;
            runs = arena_grow(ar, runs, nruns, &cap, sizeof(*runs));
            runs[nruns++] = (struct run){ i, j, len };
        }
    }
    if (nruns == 0)
        return 0;

    /* Longest first; a run overlapping a longer one kept in either text is a repeat of it. */
    qsort(runs, (size_t)nruns, sizeof(*runs), cmp_run);
    kept = arena_alloc(ar, max * sizeof(*kept));
    for (int64_t r = 0; r < nruns && nout < max; r++) {
        bool clash = false;
        for (size_t q = 0; q < nout && !clash; q++)
            clash = overlaps(runs[r].i, runs[r].len, kept[q].i, kept[q].len) ||
                    overlaps(runs[r].j, runs[r].len, kept[q].j, kept[q].len);
        if (clash)
            continue;
        kept[nout] = runs[r];
        out[nout] = (struct textsim_passage){
            .a_start = a->start[runs[r].i],
            .a_end = a->end[runs[r].i + runs[r].len - 1],
            .b_start = b->start[runs[r].j],
            .b_end = b->end[runs[r].j + runs[r].len - 1],
            .chars = runs[r].len,
        };
        nout++;
    }
    return nout;
}
