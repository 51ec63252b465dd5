/* http_int.h: declarations shared by the files of src/http only. */
#pragma once

#include <microhttpd.h>
#include "http/http.h"

/* Serves a file under web_root for a GET/HEAD path outside /api/. Fills *status and returns a
 * response (NULL with *status 404 when there is nothing to serve). */
struct MHD_Response *static_response(const char *web_root, struct MHD_Connection *conn,
                                     const char *path, int *status);
/* Adds the security headers every response carries; api selects the stricter CSP. */
void http_security_headers(struct MHD_Response *r, bool api);
