/* orgs_http.h: the routes of the orgs area (the org tree, history events, terms and posts,
 * advisories and the subtree dashboard). */
#pragma once

#include "http/http.h"

extern const struct route ORGS_ROUTES[]; /* ends with a row whose pattern is NULL */
