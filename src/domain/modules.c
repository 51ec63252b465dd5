/* modules.c: MODULES[], one row per domain area; the router and the route-table tests read it. */
#include "core/compat.h"
#include "http/http.h"
#include "domain/modules.h"
#include "domain/audit/audit_http.h"
#include "domain/auth/auth_http.h"
#include "domain/system/system.h"
#include "domain/members/members_http.h"
#include "domain/orgs/orgs_http.h"
#include "io/import_http.h"

const struct module MODULES[] = {
    { "system", SYSTEM_ROUTES },   { "auth", AUTH_ROUTES },           { "audit", AUDIT_ROUTES },
    { "orgs", ORGS_ROUTES },       { "org_units", ORG_UNITS_ROUTES }, { "import", IMPORT_ROUTES },
    { "members", MEMBERS_ROUTES },
};
const size_t MODULES_LEN = ARRAY_LEN(MODULES);
