/* cmd_info.c: `config show` (effective configuration, secrets redacted), `routes` (the
 * route table as JSON, read by the authorization tests) and `openapi` (the OpenAPI document,
 * committed as docs/openapi.json and compared with it by tests/api/routes.test.js). */
#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "http/http.h"
#include "http/openapi.h"
#include "app/app_modules.h"
#include "cli/cli.h"

int cmd_config(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cfg cfg;
    struct err err = { 0 };
    struct buf out;

    if (strcmp(a->pos[0], "show") != 0)
        return cli_bad_sub(cmd, a->pos[0], "show");
    if (cfg_load(&cfg, cli_get(cmd, a, "config"), &err) < 0)
        return cli_fail(&err);
    buf_init(&out, NULL, 1 << 20);
    cfg_show(&cfg, &out);
    fputs(buf_cstr(&out), stdout);
    buf_release(&out);
    return 0;
}

/* Builds the route table, has build make a JSON document of it, prints that indented and
 * frees both. */
static int print_route_json(int (*build)(const struct route_table *t, json_t **out,
                                         struct err *err))
{
    struct route_table t;
    struct err err = { 0 };
    json_t *doc;
    char *s;

    if (app_routes_init(&t, &err) < 0)
        return cli_fail(&err);
    if (build(&t, &doc, &err) < 0) {
        router_release(&t);
        return cli_fail(&err);
    }
    s = json_dumps(doc, JSON_INDENT(2));
    puts(s);
    free(s);
    json_decref(doc);
    router_release(&t);
    return 0;
}

static int routes_json(const struct route_table *t, json_t **out, struct err *err)
{
    json_t *arr = json_array();

    UNUSED(err);
    for (size_t i = 0; i < t->len; i++) {
        const struct route *r = t->rows[i];
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:i, s:s}", "method",
                                             http_method_name(r->method), "path", r->pattern,
                                             "permission", t->guard->perm_name(r->perm), "scope",
                                             (int)r->scope, "summary", r->summary));
    }
    *out = arr;
    return 0;
}

static int openapi_json(const struct route_table *t, json_t **out, struct err *err)
{
    return openapi_build(t, OPENAPI_FRAGMENTS, OPENAPI_FRAGMENTS_LEN, out, err);
}

int cmd_routes(const struct cli_cmd *cmd, const struct cli_args *a)
{
    UNUSED(cmd);
    UNUSED(a);
    return print_route_json(routes_json);
}

int cmd_openapi(const struct cli_cmd *cmd, const struct cli_args *a)
{
    UNUSED(cmd);
    UNUSED(a);
    return print_route_json(openapi_json);
}
