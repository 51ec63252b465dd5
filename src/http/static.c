/* static.c: serves the web UI's files from web_root with content types, ETag revalidation and
 * caching headers. Paths with ".." segments never leave web_root; a path without an extension
 * that is not a file falls back to index.html (the single-page app routes in the browser). */
#include "core/compat.h"
#include "http/http_int.h"

static const struct {
    const char *ext, *type;
} TYPES[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".mjs", "text/javascript; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".json", "application/json; charset=utf-8" },
    { ".svg", "image/svg+xml" },
    { ".png", "image/png" },
    { ".jpg", "image/jpeg" },
    { ".ico", "image/x-icon" },
    { ".woff2", "font/woff2" },
    { ".woff", "font/woff" },
    { ".ttf", "font/ttf" },
    { ".txt", "text/plain; charset=utf-8" },
    { ".map", "application/json; charset=utf-8" },
    { ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
};

static const char *type_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < ARRAY_LEN(TYPES); i++)
            if (strcmp(dot, TYPES[i].ext) == 0)
                return TYPES[i].type;
    return "application/octet-stream";
}

static bool path_safe(const char *p)
{
    if (p[0] != '/' || strchr(p, '\\') || strstr(p, "//"))
        return false;
    for (const char *s = p; (s = strstr(s, "/.")) != NULL; s++)
        if (s[2] == '.' || s[2] == '/' || s[2] == '\0')
            return false; /* "/..", "/./", trailing "/." */
    return true;
}

static int open_regular(const char *root, const char *path, struct stat *st)
{
    char full[1024];
    int fd;

    if (snprintf(full, sizeof(full), "%s%s", root, path) >= (int)sizeof(full))
        return -1;
    fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
        close(fd);
        return -1;
    }
    return fd;
}

struct MHD_Response *static_response(const char *web_root, struct MHD_Connection *conn,
                                     const char *path, int *status)
{
    struct stat st;
    struct MHD_Response *r;
    const char *served = path, *inm;
    char etag[64];
    int fd = -1;
    bool html;

    *status = 404;
    if (!path_safe(path))
        return NULL;
    if (strcmp(path, "/") == 0)
        served = "/index.html";
    fd = open_regular(web_root, served, &st);
    if (fd < 0 && !strchr(strrchr(path, '/'), '.')) {
        served = "/index.html";
        fd = open_regular(web_root, served, &st);
    }
    if (fd < 0)
        return NULL;
    snprintf(etag, sizeof(etag), "\"%llx-%llx\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtime);
    html = strcmp(type_for(served), "text/html; charset=utf-8") == 0;
    inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
    if (inm && strcmp(inm, etag) == 0) {
        close(fd);
        r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        *status = 304;
    } else {
        r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        *status = 200;
    }
    if (!r) {
        if (*status == 200)
            close(fd);
        *status = 500;
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", type_for(served));
    MHD_add_response_header(r, "ETag", etag);
    /* Files under /vendor/ carry their version in the path (npm packages); the app's own
     * files are revalidated on every load so an upgrade shows at once. */
    MHD_add_response_header(r, "Cache-Control",
                            strncmp(served, "/vendor/", 8) == 0 ? "public, max-age=604800"
                                                                : "no-cache");
    http_security_headers(r, !html);
    return r;
}
