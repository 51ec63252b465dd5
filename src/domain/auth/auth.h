/* auth.h: the permission check every routed request passes before its handler runs. */
#pragma once

struct http_req;
struct err;

/* Allows the request or fails with E_UNAUTHENTICATED / E_FORBIDDEN. */
int auth_authorize(struct http_req *req, struct err *err);
