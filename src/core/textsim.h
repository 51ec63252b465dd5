/* textsim.h: near-duplicate detection for Chinese prose (meeting minutes copied from another
 * branch or from one downloaded template): normalization with a map back to the original
 * bytes, character k-gram shingles, MinHash signatures with LSH band keys for an index, exact
 * Jaccard and the common passages of two texts. Pure computation, no global state, no I/O:
 * storing signatures and band keys is the caller's (a store's) business. */
#pragma once

struct arena;
struct err;

/* Largest text accepted, in bytes (a set of minutes is a few KB; this is a ceiling, not a size). */
#define TEXTSIM_TEXT_MAX  (256u << 10)
#define TEXTSIM_K_DEFAULT 5 /* characters per shingle: five suits Chinese prose */
#define TEXTSIM_K_MAX     16
#define TEXTSIM_SIG_LEN   128 /* MinHash slots */
#define TEXTSIM_BANDS     32  /* LSH bands of TEXTSIM_ROWS slots each */
#define TEXTSIM_ROWS      (TEXTSIM_SIG_LEN / TEXTSIM_BANDS)
/* First byte of an encoded signature, bumped whenever normalization or hashing changes. */
#define TEXTSIM_SIG_VERSION 1
#define TEXTSIM_SIG_BYTES   (4 + 4 * TEXTSIM_SIG_LEN)

/* Recommended rule (tests/unit/core/textsim_test.c measures its fixtures): two texts are
 * "照搬照抄" when the Jaccard similarity of their shingle sets reaches TEXTSIM_COPY_JACCARD, when
 * most of the shorter one is in the longer one (containment at least TEXTSIM_COPY_CONTAINMENT),
 * or when they share a passage of TEXTSIM_COPY_PASSAGE normalized characters (a template padded
 * with a branch's own paragraphs). Honest records on one topic share set phrases of 10 to 30
 * characters (a document's title), far below all three. */
#define TEXTSIM_COPY_JACCARD     0.5
#define TEXTSIM_COPY_CONTAINMENT 0.6
#define TEXTSIM_COPY_PASSAGE     100

/* Runs of digits become one token (a changed date or count does not hide a copy). */
#define TEXTSIM_FOLD_DIGITS (1u << 0)

struct textsim_opts {
    int k;          /* shingle length in characters, 1..TEXTSIM_K_MAX; 0 picks the default */
    unsigned flags; /* TEXTSIM_FOLD_DIGITS; other bits are ignored */
};

/* A normalized text. Normalization folds full-width ASCII (U+FF01–FF5E) to ASCII, lower-cases
 * ASCII letters, and drops white space, controls, ASCII and CJK punctuation, general
 * punctuation (U+2000–206F), symbols (U+2190–2BFF: arrows, ①, ■, ★) and zero-width
 * characters; every other character (Han, 〇, Latin letters with accents) is kept as is. */
struct textsim_doc {
    const char *text;      /* the original, borrowed from the caller */
    size_t len;            /* its length in bytes */
    const uint32_t *cp;    /* n normalized characters (a folded digit run is 0x110000) */
    const uint32_t *start; /* byte offset in text where normalized character i begins */
    const uint32_t *end;   /* byte offset just past it (past the whole run for a digit token) */
    size_t n;
    const uint64_t *shingles; /* the hashes of its k-grams, sorted, each once */
    size_t nshingles;         /* 0 only for a text with no characters left */
    int k;
    unsigned flags;
};

/* A MinHash signature: slot i is the least value of hash function i over the shingles. Two
 * signatures are comparable only when k and flags agree. */
struct textsim_sig {
    uint8_t k;
    uint8_t flags;
    uint32_t v[TEXTSIM_SIG_LEN];
};

/* Shingle-set comparison of two documents. */
struct textsim_score {
    double jaccard;     /* |A ∩ B| / |A ∪ B| */
    double containment; /* |A ∩ B| / min(|A|, |B|): how much of the shorter one is in the longer */
    size_t shared;      /* |A ∩ B| */
};

/* One passage the two texts have in common, as byte ranges [start, end) of each original. The
 * ranges begin and end on a kept character (punctuation around them is not included); inside,
 * the texts may differ only by what normalization drops or folds. */
struct textsim_passage {
    size_t a_start, a_end;
    size_t b_start, b_end;
    size_t chars; /* normalized characters in common */
};

/* Normalizes text (len bytes of UTF-8, NUL not needed) and hashes its shingles, into memory
 * from a; doc_out borrows text. opts NULL means k = TEXTSIM_K_DEFAULT with
 * TEXTSIM_FOLD_DIGITS. A text shorter than k characters has one shingle, the whole text.
 * Takes at most 28 bytes from a per input byte (7 MB at TEXTSIM_TEXT_MAX).
 * Errors: E_LIMIT over TEXTSIM_TEXT_MAX bytes, E_INVALID for bad UTF-8 or a k out of range;
 * doc_out is untouched then. */
int textsim_doc_build(const char *text, size_t len, const struct textsim_opts *opts,
                      struct arena *a, struct textsim_doc *doc_out, struct err *err);

/* Exact Jaccard and containment of the shingle sets; both 0 when either set is empty. The two
 * documents must have been built with the same options. */
void textsim_compare(const struct textsim_doc *a, const struct textsim_doc *b,
                     struct textsim_score *out);

/* Writes the common passages of a and b with at least min_chars characters (0 picks 2k) into
 * out (at most max), longest first, none overlapping another in either text, and returns their
 * number. Scratch memory comes from ar. Work is linear in the texts' length: on repetitive
 * text (a k-gram in more than 64 places of b, "学习学习…") the search stops early and may miss
 * shorter passages; ordinary prose never reaches that bound. Same options required. */
size_t textsim_passages(const struct textsim_doc *a, const struct textsim_doc *b, size_t min_chars,
                        struct arena *ar, struct textsim_passage *out, size_t max);

/* The MinHash signature of doc. Slot i hashes a shingle x with Dietzfelbinger's
 * multiply-add-shift h_i(x) = (a_i * fold32(x) + b_i) >> 32, a_i and b_i 64-bit values drawn
 * by splitmix64 from a fixed seed, so signatures are stable across runs and machines. */
void textsim_sig_compute(const struct textsim_doc *doc, struct textsim_sig *sig_out);

/* Estimated Jaccard: the fraction of equal slots. 0 when the options differ or either
 * signature is of an empty document. */
double textsim_sig_similarity(const struct textsim_sig *a, const struct textsim_sig *b);

/* LSH band keys: key i hashes slots [i*ROWS, (i+1)*ROWS) with the band number, k and flags,
 * so one indexed column holds every band. Two signatures share a key with probability about
 * 1 - (1 - s^4)^32 for similarity s (0.87 at 0.5, 0.23 at 0.3). Returns TEXTSIM_BANDS, or 0
 * (nothing written) for an empty document, which is not to be indexed. Store a key in a
 * signed 64-bit column as (int64_t)key. */
size_t textsim_sig_bands(const struct textsim_sig *sig, uint64_t bands_out[TEXTSIM_BANDS]);

/* Encodes sig as TEXTSIM_SIG_BYTES bytes for a BLOB: version, k, flags, 0, then the slots as
 * 32-bit little-endian integers. */
void textsim_sig_encode(const struct textsim_sig *sig, uint8_t out[TEXTSIM_SIG_BYTES]);

/* Decodes what textsim_sig_encode wrote. E_INVALID for another length or version (signatures
 * of an older version are recomputed from the text, not compared). */
int textsim_sig_decode(const uint8_t *p, size_t len, struct textsim_sig *sig_out, struct err *err);
