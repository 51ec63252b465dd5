/* textsim_bench.c: speed of the copied-minutes detector (src/core/textsim.h) on generated
 * 2 KB Chinese texts: documents normalized and signed per second, then candidate lookup over
 * BENCH_SIGS signatures (50,000 by default) through their LSH band keys held in memory as a
 * sorted (key, id) array, the shape of an indexed SQL column, with each candidate confirmed
 * by its estimated similarity. Prints markdown rows for docs/benchmarks.md. Not a unit test. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/textsim.h"

#define TEXT_BYTES 2048
#define QUERIES    2000

struct band_row {
    uint64_t key;
    uint32_t id;
};

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* A text of TEXT_BYTES bytes: Han characters drawn from the 3,500 most common range of the
 * CJK block with a full stop every 20 to 40 characters, so it has prose's shingle count. */
static void text_make(uint64_t seed, char *out)
{
    size_t n = 0, until_stop = 30;

    while (n + 3 <= TEXT_BYTES - 1) {
        uint32_t cp = until_stop-- == 0 ? 0x3002 : 0x4E00 + (uint32_t)(rng_next(&seed) % 3500);
        if (cp == 0x3002)
            until_stop = 20 + rng_next(&seed) % 20;
        out[n++] = (char)(0xE0 | (cp >> 12));
        out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[n++] = (char)(0x80 | (cp & 0x3F));
    }
    out[n] = '\0';
}

/* A copy of text with about one character in 25 replaced by another: the edits a branch
 * makes to minutes it copies (names, dates, a few words). */
static void text_edit(uint64_t seed, char *text)
{
    size_t len = strlen(text);
    for (size_t i = 0; i + 3 <= len; i += 3)
        if (rng_next(&seed) % 25 == 0 && text[i + 1] != (char)0x80)
            text[i + 2] = (char)(0x80 | ((text[i + 2] + 7) & 0x3F));
}

static int cmp_row(const void *x, const void *y)
{
    const struct band_row *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Normalizes, shingles and signs text into sig_out; exits on an error (none is expected). */
static void sign(const char *text, struct textsim_sig *sig_out)
{
    struct arena a;
    struct err e = { 0 };
    struct textsim_doc d;

    arena_init(&a, 64 << 10);
    if (textsim_doc_build(text, strlen(text), NULL, &a, &d, &e) < 0) {
        fprintf(stderr, "textsim_bench: %s\n", e.msg);
        exit(1);
    }
    textsim_sig_compute(&d, sig_out);
    arena_release(&a);
}

int main(void)
{
    const char *env = getenv("BENCH_SIGS");
    size_t nsigs = env ? (size_t)strtoull(env, NULL, 10) : 50000, nrows, found = 0, cands = 0;
    struct textsim_sig *sigs = calloc(nsigs, sizeof(*sigs));
    struct band_row *rows = calloc(nsigs * TEXTSIM_BANDS, sizeof(*rows));
    uint32_t *hits = calloc(TEXTSIM_BANDS * 64, sizeof(*hits));
    char text[TEXT_BYTES];
    int64_t t0, t1;

    if (!sigs || !rows || !hits || nsigs == 0)
        return 1;
    t0 = clock_mono_us();
    for (size_t i = 0; i < nsigs; i++) {
        text_make(i + 1, text);
        sign(text, &sigs[i]);
    }
    t1 = clock_mono_us();
    printf("| textsim: normalize, shingle and sign a 2 KB text | %.0f per s | %.1f µs each |\n",
           (double)nsigs * 1e6 / (double)(t1 - t0), (double)(t1 - t0) / (double)nsigs);

    t0 = clock_mono_us();
    nrows = 0;
    for (size_t i = 0; i < nsigs; i++) {
        uint64_t keys[TEXTSIM_BANDS];
        size_t n = textsim_sig_bands(&sigs[i], keys);
        for (size_t b = 0; b < n; b++)
            rows[nrows++] = (struct band_row){ keys[b], (uint32_t)i };
    }
    qsort(rows, nrows, sizeof(*rows), cmp_row);
    t1 = clock_mono_us();
    printf("| textsim: band keys of %zu signatures, sorted as an index | %.0f ms | %zu rows |\n",
           nsigs, (double)(t1 - t0) / 1000.0, nrows);

    /* Each query is an edited copy of a stored text: the lookup should find its original. */
    {
        int64_t sign_us = 0;
        t0 = clock_mono_us();
        for (size_t q = 0; q < QUERIES; q++) {
            size_t target = (q * 7919) % nsigs, nhits = 0;
            uint64_t keys[TEXTSIM_BANDS];
            struct textsim_sig qs;
            int64_t s0 = clock_mono_us();
            text_make(target + 1, text);
            text_edit(q + 12345, text);
            sign(text, &qs);
            sign_us += clock_mono_us() - s0;
            textsim_sig_bands(&qs, keys);
            for (size_t b = 0; b < TEXTSIM_BANDS; b++) {
                struct band_row probe = { keys[b], 0 };
                size_t lo = 0, hi = nrows;
                while (lo < hi) { /* first row with key >= probe */
                    size_t mid = lo + (hi - lo) / 2;
                    if (cmp_row(&rows[mid], &probe) < 0)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (; lo < nrows && rows[lo].key == keys[b] && nhits < TEXTSIM_BANDS * 64; lo++)
                    hits[nhits++] = rows[lo].id;
            }
            qsort(hits, nhits, sizeof(*hits), cmp_u32);
            for (size_t h = 0; h < nhits; h++) {
                if (h > 0 && hits[h] == hits[h - 1])
                    continue;
                cands++;
                if (textsim_sig_similarity(&qs, &sigs[hits[h]]) >= TEXTSIM_COPY_JACCARD &&
                    hits[h] == target)
                    found++;
            }
        }
        t1 = clock_mono_us();
        printf("| textsim: candidate lookup of an edited copy among %zu signatures (32 bands, in "
               "memory, confirmed by estimate) | %.0f per s | %.1f µs each, signing the query "
               "excluded; %zu of %d originals found, %.2f candidates a query |\n",
               nsigs, QUERIES * 1e6 / (double)(t1 - t0 - sign_us),
               (double)(t1 - t0 - sign_us) / QUERIES, found, QUERIES, (double)cands / QUERIES);
    }
    /* The exact check a confirmed candidate gets: shingle Jaccard and the shared passages. */
    {
        static char copy[TEXT_BYTES];
        int64_t exact_us = 0;
        size_t passages = 0;
        for (size_t q = 0; q < QUERIES; q++) {
            struct arena a;
            struct err e = { 0 };
            struct textsim_doc x, y;
            struct textsim_score sc;
            struct textsim_passage ps[8];
            text_make(q + 1, text);
            memcpy(copy, text, sizeof(copy));
            text_edit(q + 777, copy);
            arena_init(&a, 64 << 10);
            if (textsim_doc_build(text, strlen(text), NULL, &a, &x, &e) < 0 ||
                textsim_doc_build(copy, strlen(copy), NULL, &a, &y, &e) < 0)
                return 1;
            t0 = clock_mono_us();
            textsim_compare(&x, &y, &sc);
            passages += textsim_passages(&x, &y, 0, &a, ps, ARRAY_LEN(ps));
            exact_us += clock_mono_us() - t0;
            arena_release(&a);
        }
        printf(
            "| textsim: exact check of a 2 KB pair (Jaccard and up to 8 passages) | %.0f per s | "
            "%.1f µs each, %.1f passages a pair |\n",
            QUERIES * 1e6 / (double)exact_us, (double)exact_us / QUERIES,
            (double)passages / QUERIES);
    }
    free(sigs);
    free(rows);
    free(hits);
    return 0;
}
