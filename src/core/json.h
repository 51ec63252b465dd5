/* json.h: decoding untrusted input against declarative field specs (jansson underneath).
 * One spec describes a valid input for HTTP bodies, query strings, CLI arguments and import
 * rows alike. Errors are E_INVALID with the field's JSON pointer and a zh-CN message naming
 * the field's label. Business rules are not checked here; domain code does that. */
#pragma once

#include <jansson.h>

struct arena;
struct err;

enum field_type {
    FIELD_T_STR,    /* char *: copied into the arena, trimmed and normalized (see below) */
    FIELD_T_INT,    /* int64_t within [min, max] */
    FIELD_T_ID,     /* int64_t > 0 */
    FIELD_T_BOOL,   /* bool */
    FIELD_T_DATE,   /* char *: YYYY-MM-DD, a real calendar date */
    FIELD_T_ENUM,   /* char *: one of choices[] */
    FIELD_T_ARRAY,  /* T *m + int64_t n<m>: [min, max] objects of sub, in the arena */
    FIELD_T_OBJECT, /* an embedded struct: an object of sub */
    FIELD_T_INLINE, /* an embedded struct whose sub fields sit at this level (no key of its own) */
};

#define FIELD_REQUIRED (1u << 0)
#define FIELD_OPTIONAL 0u
#define FIELD_NULLABLE (1u << 1) /* JSON null accepted and reported as present-but-null */
/* Text people type is normalized before it is checked: blanks (space, tab, NBSP, U+3000) are
 * trimmed and full-width digits and Latin letters (typed with a Chinese input method) become
 * ASCII. DATE, ENUM, numbers and booleans given as text, and STR fields flagged FIELD_ASCII
 * (ID and phone numbers, codes, user names) also get full-width punctuation folded (－ → -)
 * and NBSP and U+3000 inside turned into spaces; other text keeps its Chinese punctuation
 * （，） and spacing. FIELD_VERBATIM (passwords) is only trimmed. */
#define FIELD_ASCII    (1u << 2)
#define FIELD_VERBATIM (1u << 3)

struct field {
    const char *name;  /* JSON key, also the query parameter name; "" for FIELD_T_INLINE */
    const char *label; /* zh-CN name shown in messages, e.g. "身份证号" */
    enum field_type type;
    size_t offset; /* where the value goes in the output struct */
    unsigned flags;
    int64_t min, max;           /* STR: length in characters; INT: value; ARRAY: items */
    const char *const *choices; /* ENUM: NULL-terminated */
    const struct field *sub;    /* ARRAY (each item), OBJECT, INLINE: the nested spec */
    size_t item_size;           /* ARRAY: sizeof one item */
    size_t count_offset;        /* ARRAY: where the int64_t item count goes */
};

#define FIELD_STR(T, m, name, label, flags, lo, hi)                                                \
    {                                                                                              \
        name, label, FIELD_T_STR, offsetof(T, m), flags, lo, hi, NULL, NULL, 0, 0                  \
    }
#define FIELD_INT(T, m, name, label, flags, lo, hi)                                                \
    {                                                                                              \
        name, label, FIELD_T_INT, offsetof(T, m), flags, lo, hi, NULL, NULL, 0, 0                  \
    }
#define FIELD_ID(T, m, name, label, flags)                                                         \
    {                                                                                              \
        name, label, FIELD_T_ID, offsetof(T, m), flags, 1, INT64_MAX, NULL, NULL, 0, 0             \
    }
#define FIELD_BOOL(T, m, name, label, flags)                                                       \
    {                                                                                              \
        name, label, FIELD_T_BOOL, offsetof(T, m), flags, 0, 1, NULL, NULL, 0, 0                   \
    }
#define FIELD_DATE(T, m, name, label, flags)                                                       \
    {                                                                                              \
        name, label, FIELD_T_DATE, offsetof(T, m), flags, 0, 0, NULL, NULL, 0, 0                   \
    }
#define FIELD_ENUM(T, m, name, label, flags, choices)                                              \
    {                                                                                              \
        name, label, FIELD_T_ENUM, offsetof(T, m), flags, 0, 0, choices, NULL, 0, 0                \
    }
/* An array of [lo, hi] objects, each decoded with item_spec into an element of m (a pointer,
 * e.g. struct org_post_in *posts) allocated from the arena; the count goes in the int64_t
 * member named n<m> (nposts). Absent: m stays NULL and the count 0. Paths name the item:
 * "/posts/2/member_id". */
#define FIELD_ARRAY(T, m, name, label, flags, lo, hi, item_spec)                                   \
    {                                                                                              \
        name, label, FIELD_T_ARRAY, offsetof(T, m), flags, lo, hi, NULL, item_spec,                \
            sizeof(*((T *)0)->m),                                                                  \
            offsetof(T, n##m) + FIELD_CHECK_(sizeof(((T *)0)->n##m) == sizeof(int64_t))            \
    }
/* An object decoded with sub_spec into the embedded struct m ("/address/city"). */
#define FIELD_OBJECT(T, m, name, label, flags, sub_spec)                                           \
    {                                                                                              \
        name, label, FIELD_T_OBJECT, offsetof(T, m), flags, 0, 0, NULL, sub_spec, 0, 0             \
    }
/* sub_spec's keys accepted at this level, decoded into the embedded struct m: one body made
 * of two specs (a member's fields plus how the change is recorded). Keys must not collide. */
#define FIELD_INLINE(T, m, sub_spec)                                                               \
    {                                                                                              \
        "", "", FIELD_T_INLINE, offsetof(T, m), 0, 0, 0, NULL, sub_spec, 0, 0                      \
    }
#define FIELD_END                                                                                  \
    {                                                                                              \
        NULL, NULL, FIELD_T_STR, 0, 0, 0, 0, NULL, NULL, 0, 0                                      \
    }
/* 0, or a compile error when cond is false (a count member that is not int64_t). */
#define FIELD_CHECK_(cond) (0 * sizeof(char[(cond) ? 1 : -1]))

/* The label of code in a FIELD_ENUM choice list: labels[i] for codes[i] (both NULL-terminated,
 * same order); code itself when it is not in the list (or NULL). */
const char *enum_label(const char *const *codes, const char *const *labels, const char *code);

/* Parses body (len bytes) as a JSON object no deeper than max_depth and decodes it into out.
 * Unknown keys, wrong types, bad lengths and bad dates fail with E_INVALID; every failing
 * field is reported at once: err->field/msg hold the first and err->fields lists them all
 * (memory of a, like the decoded values). Malformed JSON, a body that is not an object and
 * too deep nesting fail alone (E_INVALID, E_LIMIT). Bit i of *present_out (may be NULL) is
 * set when spec[i] was present (null counts when it is FIELD_NULLABLE; an INLINE entry when
 * any of its keys was); specs have at most 64 entries. */
int json_decode(const char *body, size_t len, int max_depth, const struct field *spec, void *out,
                uint64_t *present_out, struct arena *a, struct err *err);

/* Decodes one scalar field from text (query parameters, CLI flags, cells of an import row),
 * normalized like a JSON string. Its error path is "/<name>". */
int field_decode_text(const struct field *f, const char *text, void *out, struct arena *a,
                      struct err *err);

/* Checks that JSON text nests no deeper than max_depth (scans brackets outside strings). */
bool json_depth_ok(const char *body, size_t len, int max_depth);

/* Whether s (len bytes) is valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF). */
bool utf8_valid(const char *s, size_t len);
/* Removes the zero-width characters a paste carries (U+200B–200D, U+2060, U+FEFF), in place,
 * so two names that look the same are the same. s is valid UTF-8. */
void utf8_strip_invisible(char *s);
/* Whether s holds nothing but blanks (utf8_blank_at) and zero-width characters: what a search
 * box left with a pasted space sends. */
bool utf8_only_blank(const char *s);
/* Why s cannot be stored as typed (zh-CN, to follow a field label), or NULL: control
 * characters, direction overrides (U+202A–202E, U+2066–2069, U+200E/F, U+061C), private-use
 * and non-characters, and combining marks with no letter to sit on. s is valid UTF-8. */
const char *utf8_hidden_reason(const char *s);
/* Counts UTF-8 characters (code points) in s. */
size_t utf8_len(const char *s);
/* Byte length of the blank that starts at p: space, tab, no-break space (U+00A0), ideographic
 * space (U+3000) or a typographic space (U+2000–200A, U+202F, U+205F); 0 when p starts with
 * anything else. utf8_blank_before: the same for the blank
 * that ends just before end (start bounds the look-back). Every decoded string is trimmed of
 * them, as people paste them from Word, Excel and web pages. */
size_t utf8_blank_at(const char *p);
size_t utf8_blank_before(const char *start, const char *end);
/* Rewrites full-width digits and Latin letters (U+FF10–U+FF5A, typed with a Chinese input
 * method in full-width mode) as ASCII, in place (the text only shrinks). With punctuation,
 * also the rest of U+FF01–U+FF5E, and U+3000 and NBSP as spaces; without it they are kept
 * (Chinese prose: ，（）, and names spaced "王　五"). */
void utf8_halfwidth(char *s, bool punctuation);

/* json_t constructors that never return NULL for valid input (ASSERT otherwise) and accept
 * NULL strings as JSON null. */
json_t *jstr(const char *s);
json_t *jint(int64_t v);
/* Epoch seconds as "2026-12-08T00:32:15Z"; 0 (not set) as JSON null. */
json_t *jtime(int64_t t);
