/* json.h: decoding untrusted input against declarative field specs (jansson underneath).
 * One spec describes a valid input for HTTP bodies, query strings, CLI arguments and import
 * rows alike. Errors are E_INVALID with the field's JSON pointer and a zh-CN message naming
 * the field's label. Business rules are not checked here; domain code does that. */
#pragma once

#include <jansson.h>

struct arena;
struct err;

enum field_type {
    FIELD_T_STR,  /* char *: copied into the arena; trimmed of surrounding spaces */
    FIELD_T_INT,  /* int64_t within [min, max] */
    FIELD_T_ID,   /* int64_t > 0 */
    FIELD_T_BOOL, /* bool */
    FIELD_T_DATE, /* char *: YYYY-MM-DD, a real calendar date */
    FIELD_T_ENUM, /* char *: one of choices[] */
};

#define FIELD_REQUIRED (1u << 0)
#define FIELD_OPTIONAL 0u
#define FIELD_NULLABLE (1u << 1) /* JSON null accepted and reported as present-but-null */

struct field {
    const char *name;  /* JSON key, also the query parameter name */
    const char *label; /* zh-CN name shown in messages, e.g. "身份证号" */
    enum field_type type;
    size_t offset; /* where the value goes in the output struct */
    unsigned flags;
    int64_t min, max;           /* STR: length in characters; INT: value */
    const char *const *choices; /* ENUM: NULL-terminated */
};

#define FIELD_STR(T, m, name, label, flags, lo, hi)                                                \
    {                                                                                              \
        name, label, FIELD_T_STR, offsetof(T, m), flags, lo, hi, NULL                              \
    }
#define FIELD_INT(T, m, name, label, flags, lo, hi)                                                \
    {                                                                                              \
        name, label, FIELD_T_INT, offsetof(T, m), flags, lo, hi, NULL                              \
    }
#define FIELD_ID(T, m, name, label, flags)                                                         \
    {                                                                                              \
        name, label, FIELD_T_ID, offsetof(T, m), flags, 1, INT64_MAX, NULL                         \
    }
#define FIELD_BOOL(T, m, name, label, flags)                                                       \
    {                                                                                              \
        name, label, FIELD_T_BOOL, offsetof(T, m), flags, 0, 1, NULL                               \
    }
#define FIELD_DATE(T, m, name, label, flags)                                                       \
    {                                                                                              \
        name, label, FIELD_T_DATE, offsetof(T, m), flags, 0, 0, NULL                               \
    }
#define FIELD_ENUM(T, m, name, label, flags, choices)                                              \
    {                                                                                              \
        name, label, FIELD_T_ENUM, offsetof(T, m), flags, 0, 0, choices                            \
    }
#define FIELD_END                                                                                  \
    {                                                                                              \
        NULL, NULL, FIELD_T_STR, 0, 0, 0, 0, NULL                                                  \
    }

/* The label of code in a FIELD_ENUM choice list: labels[i] for codes[i] (both NULL-terminated,
 * same order); code itself when it is not in the list (or NULL). */
const char *enum_label(const char *const *codes, const char *const *labels, const char *code);

/* Bit i of *present_out is set when spec[i] was present in the input (null counts when the
 * field is FIELD_NULLABLE). Specs have at most 64 fields. */

/* Parses body (len bytes) as a JSON object no deeper than max_depth and decodes it into out.
 * Unknown keys, wrong types, bad lengths and bad dates fail. present_out may be NULL. */
int json_decode(const char *body, size_t len, int max_depth, const struct field *spec, void *out,
                uint64_t *present_out, struct arena *a, struct err *err);

/* Decodes an already parsed object (import rows, nested objects). prefix is prepended to
 * field paths ("" for top level, "/rows/3" for nested). */
int json_decode_obj(json_t *obj, const char *prefix, const struct field *spec, void *out,
                    uint64_t *present_out, struct arena *a, struct err *err);

/* Decodes one field from text (query parameters, CLI flags, cells of an import row). */
int field_decode_text(const struct field *f, const char *text, void *out, struct arena *a,
                      struct err *err);

/* Checks that JSON text nests no deeper than max_depth (scans brackets outside strings). */
bool json_depth_ok(const char *body, size_t len, int max_depth);

/* Whether s (len bytes) is valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF). */
bool utf8_valid(const char *s, size_t len);
/* Counts UTF-8 characters (code points) in s. */
size_t utf8_len(const char *s);
/* Byte length of the blank that starts at p: space, tab, no-break space (U+00A0) or ideographic
 * space (U+3000); 0 when p starts with anything else. utf8_blank_before: the same for the blank
 * that ends just before end (start bounds the look-back). Every decoded string is trimmed of
 * them, as people paste them from Word, Excel and web pages. */
size_t utf8_blank_at(const char *p);
size_t utf8_blank_before(const char *start, const char *end);
/* Rewrites full-width ASCII (U+FF01–U+FF5E, typed with a Chinese input method in full-width
 * mode) and U+3000 as their ASCII forms, in place (the text only shrinks). For ASCII-only
 * fields: usernames. */
void utf8_halfwidth(char *s);

/* json_t constructors that never return NULL for valid input (ASSERT otherwise) and accept
 * NULL strings as JSON null. */
json_t *jstr(const char *s);
json_t *jint(int64_t v);
