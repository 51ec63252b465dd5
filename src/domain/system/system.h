/* system.h: server-level routes (health). No business data. */
#pragma once

#include "http/http.h"

extern const struct route SYSTEM_ROUTES[]; /* ends with a row whose pattern is NULL */
