/* auth.c: permission names and the per-request check. Sessions, roles and scopes arrive with
 * the accounts module; until then only public routes are reachable. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/auth/auth.h"
#include "domain/auth/perm.h"
#include "http/http.h"

const char *perm_name(enum perm p)
{
    switch (p) {
    case PERM_PUBLIC:
        return "public";
    case PERM_SESSION:
        return "session";
    case PERM_NONE:
        break;
    }
    return "none";
}

int auth_authorize(struct http_req *req, struct err *err)
{
    if (req->route->perm == PERM_PUBLIC)
        return 0;
    return err_set(err, E_UNAUTHENTICATED, "", "请先登录");
}
