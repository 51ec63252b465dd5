/* textsim.c: normalization, shingles, exact Jaccard and MinHash signatures with LSH band keys
 * and their byte encoding (textsim.h). The common-passage search is textsim_passage.c. No
 * allocation beyond the caller's arena and no state between calls. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "core/pinyin.h"
#include "core/textsim.h"
#include "core/textsim_int.h"

/* A fixed seed: signatures are stored, so the hash functions may never depend on the run. */
#define SIG_SEED 0x7465787473696d31ull /* "textsim1" */

uint64_t textsim_fnv_u32(uint64_t h, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        h ^= (v >> (8 * i)) & 0xFF;
        h *= TEXTSIM_FNV_PRIME;
    }
    return h;
}

/* MurmurHash3's 64-bit finalizer: FNV-1a leaves its low bits weak, this spreads every input
 * bit over the whole word. */
static uint64_t fmix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

uint64_t textsim_kgram_hash(const uint32_t *cp, size_t k)
{
    uint64_t h = TEXTSIM_FNV_OFFSET;
    for (size_t i = 0; i < k; i++)
        h = textsim_fnv_u32(h, cp[i]);
    return fmix64(h);
}

/* What normalization keeps of c: the character to compare, or 0 to drop it. */
static uint32_t fold(uint32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0; /* full-width ASCII */
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            return c + ('a' - 'A');
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
    }
    if (c <= 0xBF || (c >= 0x0300 && c <= 0x036F) || (c >= 0x2000 && c <= 0x206F) ||
        (c >= 0x2190 && c <= 0x2BFF) || (c >= 0xFE00 && c <= 0xFE6F) ||
        (c >= 0xFF00 && c <= 0xFFFF))
        return 0;
    /* CJK symbols and punctuation, except 々 (a repeated character) and 〇 (zero in dates) */
    if (c >= 0x3000 && c <= 0x303F && c != 0x3005 && c != 0x3007)
        return 0;
    return c;
}

/* Sorts v (n values) and removes repeats; returns the count left. An LSD radix sort, a byte a
 * pass, through tmp (n values): qsort's comparison calls took as long as the signing. */
static size_t sort_unique(uint64_t *v, uint64_t *tmp, size_t n)
{
    size_t count[8][256] = { { 0 } }, w = 0;
    uint64_t *from = v, *to = tmp;

    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 8; d++)
            count[d][(v[i] >> (8 * d)) & 0xFF]++;
    for (int d = 0; d < 8; d++) {
        size_t sum = 0;
        for (int c = 0; c < 256; c++) {
            size_t here = count[d][c];
            count[d][c] = sum;
            sum += here;
        }
        for (size_t i = 0; i < n; i++)
            to[count[d][(from[i] >> (8 * d)) & 0xFF]++] = from[i];
        from = to;
        to = to == v ? tmp : v;
    }
    /* eight passes: the sorted values are back in v */
    for (size_t i = 0; i < n; i++)
        if (w == 0 || v[w - 1] != v[i])
            v[w++] = v[i];
    return w;
}

int textsim_doc_build(const char *text, size_t len, const struct textsim_opts *opts,
                      struct arena *a, struct textsim_doc *doc_out, struct err *err)
{
    const unsigned char *p = (const unsigned char *)text;
    struct textsim_doc d = { .text = text, .len = len, .k = TEXTSIM_K_DEFAULT };
    uint32_t *cp, *start, *end;
    uint64_t *sh;
    size_t n = 0, nk, step;

    d.flags = opts ? opts->flags & TEXTSIM_FOLD_DIGITS : TEXTSIM_FOLD_DIGITS;
    if (opts && opts->k)
        d.k = opts->k;
    if (d.k < 1 || d.k > TEXTSIM_K_MAX)
        return err_set(err, E_INVALID, "/k", "分片长度须在 1 至 %d 之间", TEXTSIM_K_MAX);
    if (len > TEXTSIM_TEXT_MAX)
        return err_set(err, E_LIMIT, "", "文本超过 %u KB，无法比对", TEXTSIM_TEXT_MAX >> 10);
    if (!utf8_valid(text, len))
        return err_set(err, E_INVALID, "", "文本不是有效的 UTF-8 编码");

    /* At most one normalized character per input byte: 28 bytes of arena per input byte at
     * most, with the shingles. */
    cp = arena_alloc(a, (len + 1) * sizeof(*cp));
    start = arena_alloc(a, (len + 1) * sizeof(*start));
    end = arena_alloc(a, (len + 1) * sizeof(*end));
    for (size_t i = 0; i < len; i += step) {
        const char *q = text + i;
        uint32_t c = p[i] ? fold(utf8_next(&q)) : 0; /* utf8_next stops at a NUL */
        step = p[i] ? (size_t)(q - (text + i)) : 1;
        if (!c)
            continue;
        if ((d.flags & TEXTSIM_FOLD_DIGITS) && c >= '0' && c <= '9') {
            if (n && cp[n - 1] == TEXTSIM_DIGITS) {
                end[n - 1] = (uint32_t)(i + step);
                continue;
            }
            c = TEXTSIM_DIGITS;
        }
        cp[n] = c;
        start[n] = (uint32_t)i;
        end[n++] = (uint32_t)(i + step);
    }

    /* A text shorter than k characters is one shingle of what it has. */
    nk = n == 0 ? 0 : n < (size_t)d.k ? 1 : n - (size_t)d.k + 1;
    sh = arena_alloc(a, (nk + 1) * sizeof(*sh));
    for (size_t i = 0; i < nk; i++)
        sh[i] = textsim_kgram_hash(cp + i, n < (size_t)d.k ? n : (size_t)d.k);
    d.nshingles = sort_unique(sh, arena_alloc(a, (nk + 1) * sizeof(*sh)), nk);
    d.cp = cp, d.start = start, d.end = end, d.n = n, d.shingles = sh;
    *doc_out = d;
    return 0;
}

void textsim_compare(const struct textsim_doc *a, const struct textsim_doc *b,
                     struct textsim_score *out)
{
    size_t i = 0, j = 0, shared = 0, uni, small;

    ASSERT(a->k == b->k && a->flags == b->flags);
    while (i < a->nshingles && j < b->nshingles) {
        if (a->shingles[i] < b->shingles[j]) {
            i++;
        } else if (a->shingles[i] > b->shingles[j]) {
            j++;
        } else {
            shared++, i++, j++;
        }
    }
    uni = a->nshingles + b->nshingles - shared;
    small = a->nshingles < b->nshingles ? a->nshingles : b->nshingles;
    out->shared = shared;
    out->jaccard = uni && small ? (double)shared / (double)uni : 0.0;
    out->containment = small ? (double)shared / (double)small : 0.0;
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void textsim_sig_compute(const struct textsim_doc *doc, struct textsim_sig *sig_out)
{
    uint64_t mul[TEXTSIM_SIG_LEN], add[TEXTSIM_SIG_LEN], state = SIG_SEED;
    uint32_t v[TEXTSIM_SIG_LEN];

    for (size_t i = 0; i < TEXTSIM_SIG_LEN; i++) {
        mul[i] = splitmix64(&state);
        add[i] = splitmix64(&state);
        v[i] = UINT32_MAX;
    }
    for (size_t s = 0; s < doc->nshingles; s++) {
        uint64_t x = doc->shingles[s];
        uint64_t x32 = (uint32_t)(x ^ (x >> 32));
        for (size_t i = 0; i < TEXTSIM_SIG_LEN; i++) {
            uint32_t h = (uint32_t)((mul[i] * x32 + add[i]) >> 32);
            v[i] = h < v[i] ? h : v[i];
        }
    }
    sig_out->k = (uint8_t)doc->k;
    sig_out->flags = (uint8_t)doc->flags;
    memcpy(sig_out->v, v, sizeof(v));
}

/* An empty document leaves every slot at its starting value. */
static bool sig_empty(const struct textsim_sig *s)
{
    for (size_t i = 0; i < TEXTSIM_SIG_LEN; i++)
        if (s->v[i] != UINT32_MAX)
            return false;
    return true;
}

double textsim_sig_similarity(const struct textsim_sig *a, const struct textsim_sig *b)
{
    size_t same = 0;

    if (a->k != b->k || a->flags != b->flags || sig_empty(a) || sig_empty(b))
        return 0.0;
    for (size_t i = 0; i < TEXTSIM_SIG_LEN; i++)
        same += a->v[i] == b->v[i];
    return (double)same / TEXTSIM_SIG_LEN;
}

size_t textsim_sig_bands(const struct textsim_sig *sig, uint64_t bands_out[TEXTSIM_BANDS])
{
    if (sig_empty(sig))
        return 0;
    for (uint32_t b = 0; b < TEXTSIM_BANDS; b++) {
        uint64_t h = TEXTSIM_FNV_OFFSET;
        h = textsim_fnv_u32(h, b | (uint32_t)sig->k << 8 | (uint32_t)sig->flags << 16);
        for (size_t r = 0; r < TEXTSIM_ROWS; r++)
            h = textsim_fnv_u32(h, sig->v[b * TEXTSIM_ROWS + r]);
        bands_out[b] = fmix64(h);
    }
    return TEXTSIM_BANDS;
}

void textsim_sig_encode(const struct textsim_sig *sig, uint8_t out[TEXTSIM_SIG_BYTES])
{
    out[0] = TEXTSIM_SIG_VERSION;
    out[1] = sig->k;
    out[2] = sig->flags;
    out[3] = 0;
    for (size_t i = 0; i < TEXTSIM_SIG_LEN; i++)
        for (int j = 0; j < 4; j++)
            out[4 + 4 * i + j] = (uint8_t)(sig->v[i] >> (8 * j));
}

int textsim_sig_decode(const uint8_t *p, size_t len, struct textsim_sig *sig_out, struct err *err)
{
    struct textsim_sig s;

    if (len != TEXTSIM_SIG_BYTES || p[0] != TEXTSIM_SIG_VERSION)
        return err_set(err, E_INVALID, "", "文本指纹的格式或版本不符，须重新计算");
    s.k = p[1];
    s.flags = p[2];
    for (size_t i = 0; i < TEXTSIM_SIG_LEN; i++) {
        const uint8_t *q = p + 4 + 4 * i;
        s.v[i] = (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
    }
    *sig_out = s;
    return 0;
}
