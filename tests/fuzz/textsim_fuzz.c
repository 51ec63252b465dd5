/* textsim_fuzz.c: libFuzzer target for the text-similarity code (src/core/textsim.h). The
 * input is split at its first 0xFF byte into two texts (0xFF never occurs in UTF-8): each must
 * normalize or fail with an error, and two that normalize must compare, sign and yield
 * passages whose byte ranges lie inside both texts on character boundaries. The input itself
 * is also decoded as a stored signature. Never a crash, leak or read out of bounds. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/textsim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether [start, end) is a non-empty range of text on UTF-8 character boundaries. */
static bool range_ok(const struct textsim_doc *d, size_t start, size_t end)
{
    const unsigned char *t = (const unsigned char *)d->text;
    return start < end && end <= d->len && (t[start] & 0xC0) != 0x80 &&
           (end == d->len || (t[end] & 0xC0) != 0x80);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *cut = memchr(data, 0xFF, size);
    size_t nx = cut ? (size_t)(cut - data) : size;
    struct textsim_opts opts = { .k = 1 + (int)(size % 6), .flags = (unsigned)(size & 1) };
    struct arena a;
    struct err e;
    struct textsim_doc x, y;
    struct textsim_sig sx, sy;
    struct textsim_score sc;
    struct textsim_passage ps[4];
    uint8_t enc[TEXTSIM_SIG_BYTES];
    uint64_t bands[TEXTSIM_BANDS];
    size_t n;

    arena_init(&a, 4096);
    err_clear(&e);
    if (textsim_sig_decode(data, size, &sx, &e) < 0 && e.code == E_OK)
        __builtin_trap();
    err_clear(&e);
    if (textsim_doc_build((const char *)data, nx, &opts, &a, &x, &e) < 0 ||
        textsim_doc_build(cut ? (const char *)cut + 1 : "", cut ? size - nx - 1 : 0, &opts, &a, &y,
                          &e) < 0) {
        if (e.code == E_OK)
            __builtin_trap(); /* failed without saying why */
        goto out;
    }
    textsim_compare(&x, &y, &sc);
    if (sc.jaccard < 0 || sc.jaccard > 1 || sc.containment < sc.jaccard || sc.containment > 1)
        __builtin_trap();
    textsim_sig_compute(&x, &sx);
    textsim_sig_encode(&sx, enc);
    if (textsim_sig_decode(enc, sizeof(enc), &sy, &e) < 0 || memcmp(sx.v, sy.v, sizeof(sx.v)))
        __builtin_trap();
    if (textsim_sig_bands(&sx, bands) != (x.nshingles ? TEXTSIM_BANDS : 0))
        __builtin_trap();
    n = textsim_passages(&x, &y, 0, &a, ps, ARRAY_LEN(ps));
    for (size_t i = 0; i < n; i++)
        if (!range_ok(&x, ps[i].a_start, ps[i].a_end) || !range_ok(&y, ps[i].b_start, ps[i].b_end))
            __builtin_trap();
out:
    arena_release(&a);
    return 0;
}
