/* modules.c: MODULES[], a pointer to each domain area's module row; the router, the route
 * table, GET /api/meta and their tests read it. The order does not matter. */
#include "core/compat.h"
#include "http/http.h"
#include "domain/modules.h"
#include "domain/audit/audit_http.h"
#include "domain/auth/auth_http.h"
#include "domain/system/system.h"
#include "domain/members/members_http.h"
#include "domain/orgs/orgs_http.h"
#include "io/import_http.h"

const struct module *const MODULES[] = {
    &SYSTEM_MODULE,    &AUTH_MODULE,   &AUDIT_MODULE,   &ORGS_MODULE,
    &ORG_UNITS_MODULE, &IMPORT_MODULE, &MEMBERS_MODULE,
};
const size_t MODULES_LEN = ARRAY_LEN(MODULES);
