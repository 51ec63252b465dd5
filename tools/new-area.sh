#!/bin/sh
# new-area.sh NAME: writes the skeleton of a domain area that builds and passes `make quick`
# untouched: src/domain/NAME/ (header, service, store, demo hook, HTTP adapter with one list
# route, its own permission and the module row, an OpenAPI fragment with its response schema),
# a migration pair with the next free number (the area's change counter), an authorization-
# matrix recipe with the permission's oracle and an API test. It edits no shared file; see
# docs/architecture.md.
set -eu
cd "$(dirname "$0")/.."
name=${1:-}
case "$name" in
'' | *[!a-z0-9_]* | [!a-z]*) echo "usage: tools/new-area.sh NAME (lower case: a-z, 0-9, _)" >&2; exit 2 ;;
esac
up=$(echo "$name" | tr a-z A-Z)
dir=src/domain/$name
[ ! -e "$dir" ] || { echo "new-area.sh: $dir exists" >&2; exit 1; }
last=$(ls src/db/migrations | sed -n 's/^\([0-9][0-9][0-9][0-9]\)_.*/\1/p' | sort | tail -n 1)
num=$(printf '%04d' "$(expr "${last:-0}" + 1)")
mkdir -p "$dir" tests/api/authz

# Each template below uses @name@, @NAME@ and @num@; sed fills them in.
fill() { sed -e "s/@name@/$name/g" -e "s/@NAME@/$up/g" -e "s/@num@/$num/g" >"$1"; }

fill "$dir/$name.h" <<'EOF'
/* @name@.h: the @name@ area's service, the only header other areas may include. It lists the
 * area's records within an org subtree; it does not touch HTTP, and SQL lives in
 * @name@_store.c. */
#pragma once

#include "core/compat.h"

struct arena;
struct change_counter;
struct db;
struct demo_hook;
struct err;

/* The area's change counter (migration @num@_@name@): its tables' triggers move it, so answers
 * derived from them can be cached under it (domain/cache/cache_http.h). */
extern const struct change_counter @NAME@_COUNTER;
/* The area's demo hook (@name@_demo.c), listed in its module row. */
extern const struct demo_hook @NAME@_DEMO;

struct @name@_item {
    int64_t id;
    const char *name;
};

/* One page (page from 1, size 1-200) of the records under the org subtree org_path, with the
 * total count. Items come from a. */
int @name@_list(struct db *db, const char *org_path, int64_t page, int64_t size, struct arena *a,
                struct @name@_item **items_out, int64_t *n_out, int64_t *total_out,
                struct err *err);
EOF

fill "$dir/${name}_int.h" <<'EOF'
/* @name@_int.h: declarations only the @name@ folder sees: the store functions
 * (@name@_store.c). They take a connection and never begin or commit. */
#pragma once

#include "domain/@name@/@name@.h"

struct db_conn;

int @name@_store_page(struct db_conn *c, const char *org_path, int64_t page, int64_t size,
                      struct arena *a, struct @name@_item **items_out, int64_t *n_out,
                      int64_t *total_out, struct err *err);
EOF

fill "$dir/$name.c" <<'EOF'
/* @name@.c: the @name@ area's service functions: business rules and transactions. A write
 * would begin a transaction here, call the store and append its audit row before committing;
 * the skeleton only reads. */
#include "core/compat.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/@name@/@name@.h"
#include "domain/@name@/@name@_int.h"

int @name@_list(struct db *db, const char *org_path, int64_t page, int64_t size, struct arena *a,
                struct @name@_item **items_out, int64_t *n_out, int64_t *total_out,
                struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(db, &c, err) < 0)
        return -1;
    rc = @name@_store_page(c, org_path, page, size, a, items_out, n_out, total_out, err);
    db_release(db, &c);
    return rc;
}
EOF

fill "$dir/${name}_store.c" <<'EOF'
/* @name@_store.c: the @name@ area's SQL, as named statements, and the mapping of rows to
 * structs in the caller's arena. The skeleton's statement reads no table and returns no rows:
 * replace it with a SELECT on the table that migration @num@_@name@ creates, filtered by
 * org_path. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/@name@/@name@_int.h"

static const struct db_sql SQL_PAGE = {
    .name = "@name@.page",
    .sql = "SELECT 0, '' WHERE 1 = 0 LIMIT ? OFFSET ?",
};

int @name@_store_page(struct db_conn *c, const char *org_path, int64_t page, int64_t size,
                      struct arena *a, struct @name@_item **items_out, int64_t *n_out,
                      int64_t *total_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct @name@_item *items = arena_alloc(a, sizeof(*items) * (size_t)size);
    int64_t n = 0;
    int step = DB_DONE;

    UNUSED(org_path);
    if (db_prepare(c, &SQL_PAGE, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, size);
    db_bind_int(st, 2, (page - 1) * size);
    while (n < size && (step = db_step(st, err)) == DB_ROW) {
        items[n].id = db_col_int(st, 0);
        items[n].name = db_col_dup(st, 1, a);
        n++;
    }
    db_stmt_free(&st);
    if (step < 0)
        return -1;
    *items_out = items;
    *n_out = n;
    *total_out = n; /* a real list counts with a second statement */
    return 0;
}
EOF

fill "$dir/${name}_http.c" <<'EOF'
/* @name@_http.c: the @name@ area's HTTP adapter, its permissions and its module row, which
 * tools/gen-modules.sh finds by its `const struct module @NAME@_MODULE = {` line (and
 * tools/gen-perms.sh the PERM_ROW lines). GET /api/@name@ lists records in the caller's
 * scope. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/modules.h"
#include "domain/@name@/@name@.h"
#include "http/http.h"

struct @name@_q {
    int64_t org, page, size;
};
static const struct field @NAME@_Q[] = {
    FIELD_ID(struct @name@_q, org, "org", "党组织", FIELD_OPTIONAL),
    HTTP_PAGE_FIELDS(struct @name@_q),
    FIELD_END,
};

static int @name@_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct @name@_q q = { 0 };
    struct @name@_item *items;
    const char *path;
    int64_t n, total;
    json_t *arr;

    if (http_query_decode(req, @NAME@_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (http_scope_path(req, q.org, &path, err) < 0 ||
        @name@_list(req->app->db, path, q.page, q.size, req->arena, &items, &n, &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)items[i].id, "name",
                                             items[i].name));
    http_res_json(res, 200, http_list_json(arr, total, q.page, q.size));
    return 0;
}

static const struct route @NAME@_ROUTES[] = {
    { HTTP_GET, "/api/@name@", @name@_get, PERM_@NAME@_READ, SCOPE_CALLER,
      "@name@：管辖范围内的记录", NULL, @NAME@_Q, NULL },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/@name@.js). */
static const struct perm_row @NAME@_PERMS[] = {
    PERM_ROW(PERM_@NAME@_READ, "@name@.read", "查看@name@",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY)),
    PERM_ROWS_END,
};

const struct change_counter @NAME@_COUNTER = { "@name@", "@name@ 的记录" };
static const struct change_counter *const @NAME@_COUNTERS[] = { &@NAME@_COUNTER, NULL };
static const struct demo_hook *const @NAME@_DEMOS[] = { &@NAME@_DEMO, NULL };

extern const struct module @NAME@_MODULE;
const struct module @NAME@_MODULE = {
    .name = "@name@",
    .routes = @NAME@_ROUTES,
    .perms = @NAME@_PERMS,
    .counters = @NAME@_COUNTERS,
    .demo = @NAME@_DEMOS,
};
EOF

fill "$dir/${name}_demo.c" <<'EOF'
/* @name@_demo.c: the @name@ area's demo hook: a believable year of the area's data for the
 * demo street. The skeleton writes nothing; a real hook draws from a random stream seeded from
 * ctx->seed and inserts through the area's store. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/@name@/@name@.h"

static int @name@_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    UNUSED(ctx);
    UNUSED(err);
    return 0;
}

const struct demo_hook @NAME@_DEMO = { "@name@", DEMO_PHASE_DONE, @name@_demo_run };
EOF

fill "$dir/$name.openapi.json" <<'EOF'
{
  "components": {
    "schemas": {
      "@NAME@_Item": {
        "type": "object",
        "required": ["id", "name"],
        "properties": { "id": { "type": "integer" }, "name": { "type": "string" } }
      }
    }
  },
  "paths": {
    "/api/@name@": {
      "get": {
        "responses": {
          "200": {
            "description": "成功",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": ["items", "total", "page", "size"],
                  "properties": {
                    "items": { "type": "array", "items": { "$ref": "#/components/schemas/@NAME@_Item" } },
                    "total": { "type": "integer" },
                    "page": { "type": "integer" },
                    "size": { "type": "integer" }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
EOF

for d in sqlite pg; do
    fill "src/db/migrations/${num}_$name.$d.sql" <<'EOF'
-- @num@_@name@: the @name@ area's tables (none yet) and its change counter, which their
-- triggers move (UPDATE generation SET n = n + 1 WHERE name = '@name@'), as 0005 does for
-- 'roster'. Forward-only: once merged, never edited.
INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, '@name@', 1 FROM generation;
EOF
done

fill "tests/api/authz/$name.js" <<'EOF'
// authz/@name@.js: authorization-matrix recipes for the @name@ area (see authz.test.js for
// what a recipe returns and the fixtures `fx` gives).
"use strict";
module.exports = () => ({
  "GET /api/@name@": (org) => ({ path: `/api/@name@?org=${org}` }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "@name@.read": ["admin", "org_admin", "branch_secretary"],
};
EOF

fill "tests/api/$name.test.js" <<'EOF'
// @name@.test.js: the @name@ area's API: the list needs a session and answers the paged shape.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, expectStatus, expectError } = require("./lib/harness");

let srv;
before(async () => { srv = await startServer({ demo: {} }); });
after(async () => { await srv.stop(); });

test("GET /api/@name@ needs a session and lists a page", async () => {
  expectError(await srv.request("GET", "/api/@name@"), 401, "unauthenticated");
  const shequ = await login(srv, "shequ");
  const page = expectStatus(await shequ.request("GET", "/api/@name@"), 200).json;
  assert.deepEqual(Object.keys(page).sort(), ["items", "page", "size", "total"]);
});
EOF

# The templates are close to the house format; clang-format settles line breaks that depend
# on the length of NAME.
if command -v clang-format >/dev/null 2>&1; then
    clang-format -i "$dir"/*.c "$dir"/*.h
fi
echo "new-area.sh: wrote $dir/, src/db/migrations/${num}_$name.{sqlite,pg}.sql, tests/api/authz/$name.js, tests/api/$name.test.js"
echo "new-area.sh: after make, regenerate the API document: build/dangjian openapi > docs/openapi.json"
