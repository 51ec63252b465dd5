/* auth_http.h: the routes of the auth area. */
#pragma once

#include "http/http.h"

extern const struct route AUTH_ROUTES[]; /* ends with a row whose pattern is NULL */
