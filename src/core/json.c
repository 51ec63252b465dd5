/* json.c: field-spec decoding on top of jansson, nested arrays and objects included. Messages
 * are zh-CN and name the field's label; paths are JSON pointers. Every failing field of a body
 * is reported (err_field_add); text normalization lives in json_text.c. Encoding is plain
 * jansson (json_t trees dumped once). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"

bool json_depth_ok(const char *s, size_t len, int max_depth)
{
    int depth = 0;
    bool in_str = false;

    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth)
                return false;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return true;
}

json_t *jstr(const char *s)
{
    json_t *j = s ? json_string(s) : json_null();
    ASSERT(j);
    return j;
}

json_t *jint(int64_t v)
{
    json_t *j = json_integer((json_int_t)v);
    ASSERT(j);
    return j;
}

json_t *jtime(int64_t t)
{
    char buf[21];

    if (!t)
        return json_null();
    clock_fmt_utc(t, buf);
    return jstr(buf);
}

/* v without its surrounding blanks, copied into a and normalized as json.h says for f. */
static char *text_clean(const struct field *f, const char *v, struct arena *a)
{
    const char *start, *end;
    char *s;

    if (!(f->flags & FIELD_VERBATIM)) {
        char *copy = arena_strdup(a, v);
        utf8_strip_invisible(copy);
        v = copy;
    }
    start = v;
    while (utf8_blank_at(start))
        start += utf8_blank_at(start);
    end = start + strlen(start);
    while (utf8_blank_before(start, end))
        end -= utf8_blank_before(start, end);
    s = arena_strndup(a, start, (size_t)(end - start));
    if (!(f->flags & FIELD_VERBATIM))
        utf8_halfwidth(s, f->type != FIELD_T_STR || (f->flags & FIELD_ASCII));
    return s;
}

/* Shared validation of a string value for STR, DATE and ENUM fields. */
static int decode_string(const struct field *f, const char *path, const char *v, void *dst,
                         struct arena *a, struct err *err)
{
    char *s = text_clean(f, v, a);
    const char *hidden = f->flags & FIELD_VERBATIM ? NULL : utf8_hidden_reason(s);
    size_t n;
    int y, m, d;

    if (hidden)
        return err_set(err, E_INVALID, path, "%s%s", f->label, hidden);
    switch (f->type) {
    case FIELD_T_STR:
        n = utf8_len(s);
        if ((int64_t)n < f->min)
            return f->min <= 1
                       ? err_set(err, E_INVALID, path, "%s不能为空", f->label)
                       : err_set(err, E_INVALID, path, "%s至少 %" PRId64 " 个字", f->label, f->min);
        if ((int64_t)n > f->max)
            return err_set(err, E_INVALID, path, "%s不能超过 %" PRId64 " 个字", f->label, f->max);
        break;
    case FIELD_T_DATE:
        if (date_parse(s, &y, &m, &d) < 0)
            return err_set(err, E_INVALID, path, "%s应为有效日期，格式 YYYY-MM-DD", f->label);
        break;
    case FIELD_T_ENUM: {
        bool ok = false;
        for (const char *const *c = f->choices; *c && !ok; c++)
            ok = strcmp(*c, s) == 0;
        if (!ok)
            return err_set(err, E_INVALID, path, "%s的取值无效：%s", f->label, s);
        break;
    }
    default:
        ASSERT(0);
    }
    *(char **)dst = s;
    return 0;
}

static int check_int(const struct field *f, const char *path, int64_t v, void *dst, struct err *err)
{
    if (v < f->min || v > f->max) {
        if (f->type == FIELD_T_ID)
            return err_set(err, E_INVALID, path, "%s应为正整数编号", f->label);
        return err_set(err, E_INVALID, path, "%s应在 %" PRId64 " 到 %" PRId64 " 之间", f->label,
                       f->min, f->max);
    }
    *(int64_t *)dst = v;
    return 0;
}

/* A scalar JSON value into dst; err gets a message (its path is the caller's to give). */
static int decode_scalar(const struct field *f, json_t *v, void *dst, struct arena *a,
                         struct err *err)
{
    switch (f->type) {
    case FIELD_T_STR:
    case FIELD_T_DATE:
    case FIELD_T_ENUM:
        if (!json_is_string(v))
            return err_set(err, E_INVALID, "", "%s应为文本", f->label);
        return decode_string(f, "", json_string_value(v), dst, a, err);
    case FIELD_T_INT:
    case FIELD_T_ID:
        if (!json_is_integer(v))
            return err_set(err, E_INVALID, "", "%s应为整数", f->label);
        return check_int(f, "", (int64_t)json_integer_value(v), dst, err);
    case FIELD_T_BOOL:
        if (!json_is_boolean(v))
            return err_set(err, E_INVALID, "", "%s应为 true 或 false", f->label);
        *(bool *)dst = json_is_true(v);
        return 0;
    default:
        ASSERT(0);
        return -1;
    }
}

int field_decode_text(const struct field *f, const char *text, void *out, struct arena *a,
                      struct err *err)
{
    char path[64];
    void *dst = (char *)out + f->offset;
    const char *t;
    int64_t v;

    snprintf(path, sizeof(path), "/%s", f->name);
    /* before anything reads it as text: the normalizers walk UTF-8 sequences */
    if (!utf8_valid(text, strlen(text)))
        return err_set(err, E_INVALID, path, "%s含有无法识别的字符（应为 UTF-8 编码）", f->label);
    switch (f->type) {
    case FIELD_T_INT:
    case FIELD_T_ID:
        t = text_clean(f, text, a);
        if (parse_i64(t, strlen(t), &v) < 0)
            return err_set(err, E_INVALID, path, "%s应为整数", f->label);
        return check_int(f, path, v, dst, err);
    case FIELD_T_BOOL:
        t = text_clean(f, text, a);
        if (!strcmp(t, "1") || !strcmp(t, "true"))
            *(bool *)dst = true;
        else if (!strcmp(t, "0") || !strcmp(t, "false"))
            *(bool *)dst = false;
        else
            return err_set(err, E_INVALID, path, "%s应为 1 或 0", f->label);
        return 0;
    case FIELD_T_STR:
    case FIELD_T_DATE:
    case FIELD_T_ENUM:
        return decode_string(f, path, text, dst, a, err);
    default:
        ASSERT(0); /* arrays and objects have no text form */
        return -1;
    }
}

/* One decode: where values, paths and errors go. `where` strings name the enclosing item in
 * messages ("班子职务第 2 项"); "" at the top level. */
struct decode {
    struct arena *a;
    struct err *err;
    int failed; /* failing fields recorded */
};

static void fail(struct decode *d, const char *path, const char *where, const char *msg)
{
    d->failed++;
    err_field_add(d->err, d->a, path, *where ? arena_printf(d->a, "%s：%s", where, msg) : msg);
}

static int decode_object(struct decode *d, json_t *obj, const char *path, const char *where,
                         const struct field *spec, void *out, uint64_t *present_out);

static void decode_array(struct decode *d, const struct field *f, json_t *v, const char *path,
                         const char *where, void *out)
{
    size_t n = json_array_size(v);
    char *items;

    if (!json_is_array(v)) {
        fail(d, path, where, arena_printf(d->a, "%s应为数组", f->label));
        return;
    }
    if ((int64_t)n < f->min || (int64_t)n > f->max) {
        fail(d, path, where,
             (int64_t)n < f->min ? arena_printf(d->a, "%s至少 %" PRId64 " 项", f->label, f->min)
                                 : arena_printf(d->a, "%s最多 %" PRId64 " 项", f->label, f->max));
        return;
    }
    items = arena_alloc(d->a, f->item_size * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        const char *ipath = arena_printf(d->a, "%s/%zu", path, i);
        const char *iwhere = arena_printf(d->a, "%s%s第 %zu 项", where, f->label, i + 1);
        json_t *item = json_array_get(v, i);
        if (!json_is_object(item))
            fail(d, ipath, where, arena_printf(d->a, "%s应为对象", iwhere));
        else
            decode_object(d, item, ipath, iwhere, f->sub, items + i * f->item_size, NULL);
    }
    *(void **)((char *)out + f->offset) = items;
    *(int64_t *)((char *)out + f->count_offset) = (int64_t)n;
}

/* The value v of field f (not null) into out, the struct f's offset is relative to. */
static void decode_member(struct decode *d, const struct field *f, json_t *v, const char *path,
                          const char *where, void *out)
{
    struct err one = { 0 };

    if (f->type == FIELD_T_ARRAY)
        decode_array(d, f, v, path, where, out);
    else if (f->type == FIELD_T_OBJECT && !json_is_object(v))
        fail(d, path, where, arena_printf(d->a, "%s应为对象", f->label));
    else if (f->type == FIELD_T_OBJECT)
        decode_object(d, v, path, arena_printf(d->a, "%s%s", where, f->label), f->sub,
                      (char *)out + f->offset, NULL);
    else if (decode_scalar(f, v, (char *)out + f->offset, d->a, &one) < 0)
        fail(d, path, where, one.msg);
}

/* The field of spec named key, looking into INLINE entries too: *out (out may be NULL) moves to
 * the struct its offset is relative to and *top is its top-level entry. NULL when there is
 * none. */
static const struct field *spec_find(const struct field *spec, const char *key, char **out,
                                     size_t *top)
{
    for (size_t i = 0; spec[i].name; i++) {
        const struct field *f = &spec[i];
        if (f->type == FIELD_T_INLINE) {
            char *inner = out ? *out + f->offset : NULL;
            size_t ignored;
            const struct field *g = spec_find(f->sub, key, out ? &inner : NULL, &ignored);
            if (g) {
                if (out)
                    *out = inner;
                *top = i;
                return g;
            }
        } else if (strcmp(f->name, key) == 0) {
            *top = i;
            return f;
        }
    }
    return NULL;
}

/* Required fields (INLINE ones included) whose key is absent; a null one failed already. */
static void check_required(struct decode *d, json_t *obj, const char *path, const char *where,
                           const struct field *spec)
{
    for (const struct field *f = spec; f->name; f++) {
        if (f->type == FIELD_T_INLINE)
            check_required(d, obj, path, where, f->sub);
        else if ((f->flags & FIELD_REQUIRED) && !json_object_get(obj, f->name))
            fail(d, arena_printf(d->a, "%s/%s", path, f->name), where,
                 arena_printf(d->a, "%s不能为空", f->label));
    }
}

static int decode_object(struct decode *d, json_t *obj, const char *path, const char *where,
                         const struct field *spec, void *out, uint64_t *present_out)
{
    const char *key;
    json_t *v;
    uint64_t present = 0;
    int failed = d->failed;

    json_object_foreach(obj, key, v)
    {
        char *base = out;
        size_t top;
        const struct field *f = spec_find(spec, key, &base, &top);
        const char *kpath = arena_printf(d->a, "%s/%s", path, key);
        if (!f) {
            fail(d, kpath, where, arena_printf(d->a, "不认识的字段：%s", key));
            continue;
        }
        ASSERT(top < 64);
        /* null clears a value; a field that cannot be empty refuses it (in a PATCH, too) */
        if (json_is_null(v) && !(f->flags & FIELD_NULLABLE)) {
            fail(d, kpath, where, arena_printf(d->a, "%s不能为空", f->label));
            continue;
        }
        if (!json_is_null(v))
            decode_member(d, f, v, kpath, where, base);
        present |= 1ull << top;
    }
    check_required(d, obj, path, where, spec);
    if (present_out)
        *present_out = present;
    return d->failed > failed ? -1 : 0;
}

/* A number too large for 64 bits (2^63, 1e309) fails in the parser, before any field is seen:
 * name the key it stands under (the quoted string before the ':' before the number; the
 * field's label when it is one of spec's) so the client knows which input to fix. */
static int overflow_error(const char *body, size_t len, size_t pos, const struct field *spec,
                          struct arena *a, struct err *err)
{
    const char *p = body + (pos < len ? pos : len), *end, *key;

    while (p > body && p[-1] != ':' && p[-1] != '[' && p[-1] != ',')
        p--;
    if (p == body || p[-1] != ':')
        return err_set(err, E_INVALID, "", "数值超出可表示的范围（最多 18 位整数）");
    p--;
    while (p > body && isspace((unsigned char)p[-1]))
        p--;
    if (p == body || p[-1] != '"')
        return err_set(err, E_INVALID, "", "数值超出可表示的范围（最多 18 位整数）");
    end = --p;
    while (p > body && p[-1] != '"')
        p--;
    key = arena_strndup(a, p, (size_t)(end - p));
    size_t top;
    const struct field *f = spec_find(spec, key, NULL, &top);
    if (f)
        return err_set(err, E_INVALID, arena_printf(a, "/%s", key), "%s超出可表示的数值范围",
                       f->label);
    return err_set(err, E_INVALID, arena_printf(a, "/%s", key), "%s 的数值超出可表示的范围", key);
}

int json_decode(const char *body, size_t len, int max_depth, const struct field *spec, void *out,
                uint64_t *present_out, struct arena *a, struct err *err)
{
    struct decode d = { a, err, 0 };
    json_error_t jerr;
    json_t *root;
    int rc;

    if (len == 0)
        return err_set(err, E_INVALID, "", "请求内容为空，应为 JSON 对象");
    if (!json_depth_ok(body, len, max_depth))
        return err_set(err, E_LIMIT, "", "JSON 嵌套超过 %d 层", max_depth);
    root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root && json_error_code(&jerr) == json_error_numeric_overflow)
        return overflow_error(body, len, (size_t)jerr.position, spec, a, err);
    if (!root)
        return err_set(err, E_INVALID, "", "JSON 格式错误（第 %d 行第 %d 列）", jerr.line,
                       jerr.column);
    if (!json_is_object(root))
        rc = err_set(err, E_INVALID, "", "请求内容应为 JSON 对象");
    else
        rc = decode_object(&d, root, "", "", spec, out, present_out);
    json_decref(root);
    return rc;
}

const char *enum_label(const char *const *codes, const char *const *labels, const char *code)
{
    for (size_t i = 0; code && codes[i]; i++)
        if (strcmp(codes[i], code) == 0)
            return labels[i];
    return code;
}
