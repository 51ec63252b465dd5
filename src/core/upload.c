/* upload.c: the checks of an uploaded file (upload.h): its kind from the bytes (a .docx checked
 * inside its zip with libzip), its size and its name. It keeps nothing and never looks at a
 * file's name to decide its kind. */
#include "core/compat.h"
#include <zip.h>
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "core/upload.h"

const char *const UPLOAD_KINDS[] = { "pdf", "png", "jpeg", "docx", NULL };
const char *const UPLOAD_KIND_LABELS[] = { "PDF 文档", "PNG 图片", "JPEG 图片", "Word 文档", NULL };
static const char *const UPLOAD_TYPES[] = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/* A zip holding [Content_Types].xml and an entry under word/: an Office Open XML word
 * document (an .xlsx has xl/, a .pptx ppt/). */
static bool is_docx(const void *p, size_t n)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z = NULL;
    bool word = false;

    zip_error_init(&ze);
    src = zip_source_buffer_create(p, n, 0, &ze);
    if (src) {
        z = zip_open_from_source(src, ZIP_RDONLY, &ze);
        if (!z)
            zip_source_free(src);
    }
    zip_error_fini(&ze);
    if (!z)
        return false;
    if (zip_name_locate(z, "[Content_Types].xml", 0) >= 0) {
        zip_int64_t entries = zip_get_num_entries(z, 0);

        for (zip_int64_t i = 0; i < entries && !word; i++) {
            const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
            word = name && !strncmp(name, "word/", 5) && name[5];
        }
    }
    zip_discard(z);
    return word;
}

const char *upload_sniff(const void *p, size_t n)
{
    const unsigned char *b = p;

    if (n >= 5 && !memcmp(b, "%PDF-", 5))
        return "pdf";
    if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8))
        return "png";
    if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
        return "jpeg";
    if (n >= 4 && !memcmp(b, "PK\x03\x04", 4) && is_docx(p, n))
        return "docx";
    return NULL;
}

const char *upload_content_type(const char *kind)
{
    for (size_t i = 0; UPLOAD_KINDS[i]; i++)
        if (!strcmp(UPLOAD_KINDS[i], kind))
            return UPLOAD_TYPES[i];
    return "application/octet-stream";
}

const char *upload_ext(const char *kind)
{
    return !strcmp(kind, "jpeg") ? "jpg" : kind;
}

/* The name as kept (upload.h); E_INVALID on /file. */
static int clean_name(const char *raw, const char *kind, const char *what, struct arena *a,
                      const char **out, struct err *err)
{
    const char *base = raw ? raw : "";
    char *s, *w;
    size_t len;

    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    if (!utf8_valid(base, strlen(base)))
        return err_set(err, E_INVALID, "/file", "文件名不是有效的文字（UTF-8），请改名后重新上传");
    s = arena_strdup(a, base);
    utf8_strip_invisible(s);
    utf8_halfwidth(s, false);
    w = s;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p >= 0x20 && *p != 0x7f)
            *w++ = *p;
    *w = '\0';
    /* a direction override (U+202E) would show "材料exe.pdf" for a program */
    if (utf8_hidden_reason(s))
        return err_set(err, E_INVALID, "/file", "文件名%s", utf8_hidden_reason(s));
    while (*s && utf8_blank_at(s))
        s += utf8_blank_at(s);
    len = strlen(s);
    while (len && utf8_blank_before(s, s + len))
        len -= utf8_blank_before(s, s + len);
    s[len] = '\0';
    if (utf8_len(s) > 200)
        return err_set(err, E_INVALID, "/file", "文件名过长（最多 200 个字），请改名后重新上传");
    *out = *s ? s : arena_printf(a, "%s.%s", what, upload_ext(kind));
    return 0;
}

int upload_check(const char *file_name, const void *p, size_t n, int64_t max_bytes,
                 const char *what, struct arena *a, struct upload_file *out, struct err *err)
{
    if ((int64_t)n > max_bytes)
        return err_set(err, E_LIMIT, "/file", "%s不能超过 %.1f MB（本文件 %.1f MB）", what,
                       (double)max_bytes / (1 << 20), (double)n / (1 << 20));
    out->kind = n ? upload_sniff(p, n) : NULL;
    if (!out->kind)
        return err_set(err, E_INVALID, "/file", "%s",
                       n ? "只能上传 PDF、PNG、JPEG 图片或 Word（.docx）文件：按文件内容识别，"
                           "不看扩展名"
                         : "文件是空的，请重新选择");
    if (clean_name(file_name, out->kind, what, a, &out->file_name, err) < 0)
        return -1;
    out->content_type = upload_content_type(out->kind);
    return 0;
}
