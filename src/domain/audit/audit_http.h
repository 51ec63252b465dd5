/* audit_http.h: the routes of the audit area. */
#pragma once

#include "http/http.h"

extern const struct route AUDIT_ROUTES[]; /* ends with a row whose pattern is NULL */
