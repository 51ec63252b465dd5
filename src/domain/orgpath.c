/* orgpath.c: subtree bounds and containment for materialized org paths. */
#include "core/compat.h"
#include "domain/orgpath.h"

void orgpath_upper(const char *path, char out[ORG_PATH_MAX])
{
    size_t n = strlen(path);

    ASSERT(n > 0 && n < ORG_PATH_MAX && path[n - 1] == '/');
    memcpy(out, path, n - 1);
    out[n - 1] = '0';
    out[n] = '\0';
}

bool orgpath_within(const char *path, const char *root)
{
    return path && root && strncmp(path, root, strlen(root)) == 0;
}

int64_t orgpath_last_id(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    const char *p;

    if (n < 2)
        return 0;
    for (p = path + n - 1; p > path && p[-1] != '/'; p--)
        ;
    return strtoll(p, NULL, 10);
}
