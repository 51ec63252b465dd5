/* orgpath.h: materialized org paths ("/1/12/407/"). A subtree is the range
 * [path, orgpath_upper(path)): every descendant's path starts with path, and '/' + 1 = '0'
 * makes the upper bound exclusive of siblings such as "/1/120/". */
#pragma once

#define ORG_PATH_MAX 256

/* Writes the exclusive upper bound of path's subtree into out (ORG_PATH_MAX bytes). */
void orgpath_upper(const char *path, char out[ORG_PATH_MAX]);
/* Whether path lies in the subtree rooted at root (itself included). */
bool orgpath_within(const char *path, const char *root);
/* The id of the org a path ends at ("/1/2/3/" → 3); 0 for NULL or "". */
int64_t orgpath_last_id(const char *path);
