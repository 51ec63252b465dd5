/* json_text.c: the text normalization behind the field decoder (json.h): UTF-8 lengths,
 * validity, blanks people paste (NBSP, U+3000), full-width forms typed with a Chinese input method.
 * It knows nothing of fields or JSON; json.c decides which rule applies to which field. */
#include "core/compat.h"
#include "core/json.h"

bool utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;

    while (p < e) {
        unsigned c = *p;
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else
            return false;
        if ((size_t)(e - p) <= n)
            return false;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        p += n + 1;
    }
    return true;
}

size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

size_t utf8_blank_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    if (u[0] == ' ' || u[0] == '\t')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    /* the typographic spaces Word and web pages carry: U+2000–200A, U+202F, U+205F */
    if (u[0] == 0xE2 &&
        ((u[1] == 0x80 && (u[2] <= 0x8A || u[2] == 0xAF)) || (u[1] == 0x81 && u[2] == 0x9F)))
        return 3;
    return 0;
}

size_t utf8_blank_before(const char *start, const char *end)
{
    for (size_t n = 1; n <= 3 && (size_t)(end - start) >= n; n++)
        if (utf8_blank_at(end - n) == n)
            return n;
    return 0;
}

/* Whether the ASCII character c (what a full-width form folds to) is folded: always for
 * digits and Latin letters, for the rest only when punctuation is (like NBSP and U+3000,
 * which a name may hold as a spacer: "王　五"). */
static bool folds(unsigned c, bool punctuation)
{
    return punctuation || isalnum((int)c);
}

void utf8_halfwidth(char *s, bool punctuation)
{
    unsigned char *r = (unsigned char *)s, *w = r;

    while (*r) {
        unsigned cp = 0;
        if (r[0] == 0xEF && (r[1] == 0xBC || r[1] == 0xBD) && (r[2] & 0xC0) == 0x80)
            cp = 0xF000u | ((unsigned)(r[1] & 0x3F) << 6) | (r[2] & 0x3F);
        if (cp >= 0xFF01 && cp <= 0xFF5E && folds(cp - 0xFF01 + 0x21, punctuation)) {
            *w++ = (unsigned char)(cp - 0xFF01 + 0x21);
            r += 3;
        } else if (punctuation && r[0] != ' ' && r[0] != '\t' && utf8_blank_at((const char *)r)) {
            r += utf8_blank_at((const char *)r);
            *w++ = ' ';
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* The code point at p (valid UTF-8: jansson and field_decode_text check it first); *len its
 * byte length. A sequence cut short by the string's end counts as its lead byte alone, so
 * text that slipped past the check is never read beyond its NUL. */
static unsigned cp_at(const unsigned char *p, size_t *len)
{
    if (p[0] < 0x80 || !p[1] || (p[0] >= 0xE0 && !p[2]) || (p[0] >= 0xF0 && !p[3]))
        return *len = 1, p[0];
    if (p[0] < 0xE0)
        return *len = 2, ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    if (p[0] < 0xF0)
        return *len = 3, ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    return *len = 4,
           ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

/* Zero-width characters a paste carries along: U+200B–200D, U+2060, U+FEFF. */
static bool zero_width(unsigned c)
{
    return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

bool utf8_only_blank(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n;

    for (; *p; p += n)
        if (!(n = utf8_blank_at((const char *)p)) && !zero_width(cp_at(p, &n)))
            return false;
    return true;
}

void utf8_strip_invisible(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    size_t n;

    while (*r) {
        unsigned c = cp_at(r, &n);
        if (zero_width(c)) {
            r += n;
            continue;
        }
        memmove(w, r, n);
        w += n;
        r += n;
    }
    *w = '\0';
}

static bool combining(unsigned c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F);
}

const char *utf8_hidden_reason(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned prev = ' ';
    int marks = 0;
    size_t n;

    for (; *p; p += n) {
        unsigned c = cp_at(p, &n);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F))
            return "含有控制字符，请删除后重新输入";
        if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069))
            return "含有改变文字方向的隐藏字符（常见于从网页或聊天软件复制），请删除后重新输入";
        if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000 || (c & 0xFFFE) == 0xFFFE)
            return "含有无法显示的字符（私用区或非字符），请删除后重新输入";
        marks = combining(c) ? marks + 1 : 0;
        /* a mark belongs to the letter before it: not alone, after a blank, or piled up */
        if (marks && (marks > 2 || prev == ' ' || prev == '\t' || prev == '\n'))
            return "含有无法单独显示的附加符号，请删除后重新输入";
        if (!marks)
            prev = c;
    }
    return NULL;
}
