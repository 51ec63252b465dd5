/* json_write.c: the streaming JSON writer (see json_write.h). Strings are escaped as RFC 8259
 * requires (quote, backslash, control characters) and otherwise written as UTF-8, like
 * jansson's compact output; bytes that are not valid UTF-8 are replaced so the output is
 * always valid JSON. */
#include "core/compat.h"
#include "core/buf.h"
#include "core/json_write.h"

void json_write_init(struct json_writer *w, struct buf *out)
{
    memset(w, 0, sizeof(*w));
    w->out = out;
}

/* Writes the separator a new value needs at the current position. */
static void value_prefix(struct json_writer *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (w->has_items[w->depth - 1])
            buf_putc(w->out, ',');
        w->has_items[w->depth - 1] = true;
    }
}

static void open_container(struct json_writer *w, char c)
{
    value_prefix(w);
    ASSERT(w->depth < JSON_WRITE_MAX_DEPTH);
    w->has_items[w->depth++] = false;
    buf_putc(w->out, c);
}

static void close_container(struct json_writer *w, char c)
{
    ASSERT(w->depth > 0 && !w->after_key);
    w->depth--;
    buf_putc(w->out, c);
}

void json_write_object_begin(struct json_writer *w)
{
    open_container(w, '{');
}

void json_write_object_end(struct json_writer *w)
{
    close_container(w, '}');
}

void json_write_array_begin(struct json_writer *w)
{
    open_container(w, '[');
}

void json_write_array_end(struct json_writer *w)
{
    close_container(w, ']');
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 when it is not valid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    size_t len;
    uint32_t cp;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        len = 2, cp = p[0] & 0x1Fu;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        len = 3, cp = p[0] & 0x0Fu;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        len = 4, cp = p[0] & 0x07u;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not valid. */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static void write_string(struct buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* bytes at p that need no escaping, written in one append */

    buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t len = utf8_seq(p + i, n - i);
        const char *esc = NULL;
        char u[7];

        if (len > 1 || (len == 1 && c >= 0x20 && c != '"' && c != '\\')) {
            run += len;
            i += len;
            continue;
        }
        buf_append(b, p + i - run, run);
        run = 0;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (len == 1) {
            u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0';
            u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = '\0';
            esc = u;
        } else
            esc = "\\ufffd";
        buf_puts(b, esc);
        i++;
    }
    buf_append(b, p + n - run, run);
    buf_putc(b, '"');
}

void json_write_key(struct json_writer *w, const char *key)
{
    ASSERT(w->depth > 0 && !w->after_key);
    value_prefix(w);
    write_string(w->out, key, strlen(key));
    buf_putc(w->out, ':');
    w->after_key = true;
}

void json_write_strn(struct json_writer *w, const char *s, size_t n)
{
    value_prefix(w);
    write_string(w->out, s, n);
}

void json_write_str(struct json_writer *w, const char *s)
{
    if (!s)
        json_write_null(w);
    else
        json_write_strn(w, s, strlen(s));
}

void json_write_int(struct json_writer *w, int64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof(tmp), "%" PRId64, v);

    value_prefix(w);
    buf_append(w->out, tmp, (size_t)n);
}

void json_write_milli(struct json_writer *w, int64_t thousandths)
{
    char tmp[32];
    int64_t v = thousandths < 0 ? -thousandths : thousandths;
    int n = v % 1000 ? snprintf(tmp, sizeof(tmp), "%s%" PRId64 ".%03" PRId64,
                                thousandths < 0 ? "-" : "", v / 1000, v % 1000)
                     : snprintf(tmp, sizeof(tmp), "%" PRId64, thousandths / 1000);

    while (v % 1000 && tmp[n - 1] == '0')
        n--;
    value_prefix(w);
    buf_append(w->out, tmp, (size_t)n);
}

void json_write_bool(struct json_writer *w, bool v)
{
    value_prefix(w);
    buf_puts(w->out, v ? "true" : "false");
}

void json_write_null(struct json_writer *w)
{
    value_prefix(w);
    buf_puts(w->out, "null");
}

void json_write_kstr(struct json_writer *w, const char *key, const char *s)
{
    json_write_key(w, key);
    json_write_str(w, s);
}

void json_write_kint(struct json_writer *w, const char *key, int64_t v)
{
    json_write_key(w, key);
    json_write_int(w, v);
}
