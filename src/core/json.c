/* json.c: field-spec decoding on top of jansson. Messages are zh-CN and name the field's
 * label; paths are JSON pointers. Encoding is plain jansson (json_t trees dumped once). */
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
    return 0;
}

size_t utf8_blank_before(const char *start, const char *end)
{
    for (size_t n = 1; n <= 3 && (size_t)(end - start) >= n; n++)
        if (utf8_blank_at(end - n) == n)
            return n;
    return 0;
}

void utf8_halfwidth(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;

    while (*r) {
        unsigned cp = 0;
        if (r[0] == 0xEF && (r[1] == 0xBC || r[1] == 0xBD) && (r[2] & 0xC0) == 0x80)
            cp = 0xF000u | ((unsigned)(r[1] & 0x3F) << 6) | (r[2] & 0x3F);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            *w++ = (unsigned char)(cp - 0xFF01 + 0x21);
            r += 3;
        } else if (r[0] == 0xE3 && r[1] == 0x80 && r[2] == 0x80) {
            *w++ = ' ';
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
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

static char *path_of(const char *prefix, const struct field *f, char out[64])
{
    snprintf(out, 64, "%s/%s", prefix, f->name);
    return out;
}

/* Shared validation of a string value for STR, DATE and ENUM fields. */
static int decode_string(const struct field *f, const char *path, const char *v, void *dst,
                         struct arena *a, struct err *err)
{
    const char *start = v, *end;
    size_t n;
    char *s;
    int y, m, d;

    while (utf8_blank_at(start))
        start += utf8_blank_at(start);
    end = start + strlen(start);
    while (utf8_blank_before(start, end))
        end -= utf8_blank_before(start, end);
    s = arena_strndup(a, start, (size_t)(end - start));

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

static int decode_value(const struct field *f, const char *path, json_t *v, void *out,
                        struct arena *a, struct err *err)
{
    void *dst = (char *)out + f->offset;

    switch (f->type) {
    case FIELD_T_STR:
    case FIELD_T_DATE:
    case FIELD_T_ENUM:
        if (!json_is_string(v))
            return err_set(err, E_INVALID, path, "%s应为文本", f->label);
        return decode_string(f, path, json_string_value(v), dst, a, err);
    case FIELD_T_INT:
    case FIELD_T_ID:
        if (!json_is_integer(v))
            return err_set(err, E_INVALID, path, "%s应为整数", f->label);
        return check_int(f, path, (int64_t)json_integer_value(v), dst, err);
    case FIELD_T_BOOL:
        if (!json_is_boolean(v))
            return err_set(err, E_INVALID, path, "%s应为 true 或 false", f->label);
        *(bool *)dst = json_is_true(v);
        return 0;
    }
    return err_set(err, E_INTERNAL, path, "字段类型错误");
}

int field_decode_text(const struct field *f, const char *text, void *out, struct arena *a,
                      struct err *err)
{
    char path[64];
    void *dst = (char *)out + f->offset;
    int64_t v;

    path_of("", f, path);
    switch (f->type) {
    case FIELD_T_INT:
    case FIELD_T_ID:
        if (parse_i64(text, strlen(text), &v) < 0)
            return err_set(err, E_INVALID, path, "%s应为整数", f->label);
        return check_int(f, path, v, dst, err);
    case FIELD_T_BOOL:
        if (!strcmp(text, "1") || !strcmp(text, "true"))
            *(bool *)dst = true;
        else if (!strcmp(text, "0") || !strcmp(text, "false"))
            *(bool *)dst = false;
        else
            return err_set(err, E_INVALID, path, "%s应为 1 或 0", f->label);
        return 0;
    default:
        if (!utf8_valid(text, strlen(text)))
            return err_set(err, E_INVALID, path, "%s含有无法识别的字符（应为 UTF-8 编码）", f->label);
        return decode_string(f, path, text, dst, a, err);
    }
}

int json_decode_obj(json_t *obj, const char *prefix, const struct field *spec, void *out,
                    uint64_t *present_out, struct arena *a, struct err *err)
{
    const char *key;
    json_t *v;
    uint64_t present = 0;
    char path[64];

    if (!json_is_object(obj))
        return err_set(err, E_INVALID, prefix, "请求内容应为 JSON 对象");
    json_object_foreach(obj, key, v)
    {
        size_t i;
        for (i = 0; spec[i].name; i++)
            if (strcmp(spec[i].name, key) == 0)
                break;
        if (!spec[i].name) {
            snprintf(path, sizeof(path), "%s/%s", prefix, key);
            return err_set(err, E_INVALID, path, "不认识的字段：%s", key);
        }
        ASSERT(i < 64);
        path_of(prefix, &spec[i], path);
        if (json_is_null(v)) {
            /* null clears a value; a field that cannot be empty refuses it (in a PATCH, too) */
            if (!(spec[i].flags & FIELD_NULLABLE))
                return err_set(err, E_INVALID, path, "%s不能为空", spec[i].label);
            present |= 1ull << i;
            continue;
        }
        if (decode_value(&spec[i], path, v, out, a, err) < 0)
            return -1;
        present |= 1ull << i;
    }
    for (size_t i = 0; spec[i].name; i++) {
        if ((spec[i].flags & FIELD_REQUIRED) && !(present & (1ull << i)))
            return err_set(err, E_INVALID, path_of(prefix, &spec[i], path), "%s不能为空",
                           spec[i].label);
    }
    if (present_out)
        *present_out = present;
    return 0;
}

int json_decode(const char *body, size_t len, int max_depth, const struct field *spec, void *out,
                uint64_t *present_out, struct arena *a, struct err *err)
{
    json_error_t jerr;
    json_t *root;
    int rc;

    if (len == 0)
        return err_set(err, E_INVALID, "", "请求内容为空，应为 JSON 对象");
    if (!json_depth_ok(body, len, max_depth))
        return err_set(err, E_LIMIT, "", "JSON 嵌套超过 %d 层", max_depth);
    root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return err_set(err, E_INVALID, "", "JSON 格式错误（第 %d 行第 %d 列）", jerr.line,
                       jerr.column);
    rc = json_decode_obj(root, "", spec, out, present_out, a, err);
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
