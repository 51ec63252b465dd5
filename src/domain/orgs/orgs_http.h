/* orgs_http.h: the routes of the orgs area (the org tree, history events, terms and posts,
 * advisories, the subtree dashboard, and linked units). */
#pragma once

#include "http/http.h"

extern const struct route ORGS_ROUTES[]; /* ends with a row whose pattern is NULL */
/* The units linked to an org (orgs_units_http.c). */
extern const struct route ORG_UNITS_ROUTES[];
