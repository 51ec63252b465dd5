/* openapi.h: the OpenAPI 3.1 document of the API (`dangjian openapi`, docs/openapi.json), built
 * from the route rows (paths, permission, scope, summary), their field specs (parameters and
 * request bodies) and one fragment per area with what code cannot say: response schemas,
 * descriptions, error answers beyond the common ones. Nothing here runs while serving. */
#pragma once

#include <jansson.h>

struct err;
struct route_table;

/* One area's fragment: {"components": {"schemas": {...}}, "paths": {"/api/x": {"get": {...}}}},
 * merged into the generated operations (objects key by key, anything else replaces). */
struct openapi_fragment {
    const char *file; /* "src/domain/orgs/orgs.openapi.json", for messages */
    const char *text; /* the file's JSON text */
};

/* Every area's fragment, embedded at build time by tools/embed-openapi.sh (the composition
 * root, build/gen/openapi_fragments.c); ends with a row whose file is NULL. */
extern const struct openapi_fragment OPENAPI_FRAGMENTS[];
extern const size_t OPENAPI_FRAGMENTS_LEN;

/* Builds the document for the routes of t and the fragments; *out is a new reference. Fails
 * with E_INVALID, naming the fragment's file, when a fragment is not a JSON object of paths
 * and components, documents an operation no route serves, or defines a schema another
 * fragment (or the generator) defines too. */
int openapi_build(const struct route_table *t, const struct openapi_fragment *frags, size_t nfrags,
                  json_t **out, struct err *err);
