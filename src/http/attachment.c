/* attachment.c: a download answer: a file body (copied into the request's arena, so the caller
 * may free its buffer) with a Content-Disposition that names the file in ASCII for old clients
 * and in UTF-8 for the rest (RFC 6266 / RFC 5987), so 党员名册.xlsx arrives as such. It never
 * answers inline: a stored file is saved, not rendered. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "http/http.h"

/* attachment; filename="ascii"; filename*=UTF-8''percent-encoded. Characters of ascii that
 * would end or break the quoted string (quotes, backslashes, controls, non-ASCII) become _. */
static const char *disposition(struct arena *a, const char *ascii, const char *utf8)
{
    struct buf b;

    buf_init(&b, a, 4096);
    buf_puts(&b, "attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)ascii; *p; p++)
        buf_putc(&b, *p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\' ? '_' : (char)*p);
    buf_puts(&b, "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
        if (isalnum(*p) || strchr("-._~", *p))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    return buf_cstr(&b);
}

void http_res_file(struct http_req *req, struct http_res *res, const char *content_type,
                   const void *p, size_t n, const char *ascii_name, const char *utf8_name)
{
    char *copy = arena_alloc(req->arena, n ? n : 1);

    memcpy(copy, p, n);
    http_res_body(res, 200, content_type, copy, n);
    http_res_header(res, "Content-Disposition", disposition(req->arena, ascii_name, utf8_name));
}

void http_res_xlsx(struct http_req *req, struct http_res *res, const void *p, size_t n,
                   const char *ascii_name, const char *utf8_name)
{
    http_res_file(req, res, HTTP_XLSX_TYPE, p, n, ascii_name, utf8_name);
}
