/* multipart.c: the file part of a multipart/form-data request body (RFC 7578), found in the
 * body the server has already read in full and bounded by it; nothing is copied but the
 * header parameters. It does not stream, and it does not look at what the file holds. */
#define _GNU_SOURCE /* memmem */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "http/http.h"

/* The value of param (boundary=, name=, filename=) in a header value; from a. */
static const char *header_param(const char *h, size_t n, const char *param, struct arena *a)
{
    size_t plen = strlen(param);

    for (const char *p = h; p + plen < h + n; p++) {
        if (strncasecmp(p, param, plen) != 0 || (p > h && isalnum((unsigned char)p[-1])))
            continue;
        p += plen;
        if (*p == '"') {
            const char *e = memchr(p + 1, '"', (size_t)(h + n - p - 1));
            return e ? arena_strndup(a, p + 1, (size_t)(e - p - 1)) : NULL;
        }
        size_t k = 0;
        while (p + k < h + n && p[k] != ';' && p[k] != ' ' && p[k] != '\r')
            k++;
        return arena_strndup(a, p, k);
    }
    return NULL;
}

int http_multipart_find(const char *content_type, const char *body, size_t len, struct arena *a,
                        struct http_upload *out, struct err *err)
{
    const char *ct = content_type, *boundary, *p, *end;
    char *delim;
    size_t dlen;

    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return err_set(err, E_INVALID, "/file",
                       "请以 multipart/form-data 上传文件（表单字段 file，.xlsx 或 .csv）");
    boundary = header_param(ct, strlen(ct), "boundary=", a);
    if (!boundary || !*boundary || strlen(boundary) > 200)
        return err_set(err, E_INVALID, "/file", "上传内容缺少 multipart 分隔符（boundary）");
    delim = arena_printf(a, "--%s", boundary);
    dlen = strlen(delim);
    p = body;
    end = body ? body + len : NULL;
    while (p && (p = memmem(p, (size_t)(end - p), delim, dlen)) != NULL) {
        const char *hdr = p + dlen, *hend, *part, *next;
        if (hdr + 2 > end || !memcmp(hdr, "--", 2))
            break;
        hend = memmem(hdr, (size_t)(end - hdr), "\r\n\r\n", 4);
        if (!hend)
            break;
        part = hend + 4;
        next = memmem(part, (size_t)(end - part), delim, dlen);
        if (!next)
            break;
        const char *name = header_param(hdr, (size_t)(hend - hdr), "name=", a);
        if (name && !strcmp(name, "file")) {
            size_t n = (size_t)(next - part);
            if (n >= 2 && part[n - 2] == '\r' && part[n - 1] == '\n')
                n -= 2;
            out->data = part;
            out->len = n;
            out->filename = header_param(hdr, (size_t)(hend - hdr), "filename=", a);
            return 0;
        }
        p = next;
    }
    return err_set(err, E_INVALID, "/file", "没有收到文件：请在表单字段 file 中上传 .xlsx 或 .csv");
}

int http_multipart_file(struct http_req *req, struct http_upload *out, struct err *err)
{
    return http_multipart_find(http_header(req, "Content-Type"), req->body, req->body_len,
                               req->arena, out, err);
}
