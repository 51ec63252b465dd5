/* openapi.c: builds the OpenAPI 3.1 document from the route table, the routes' field specs and
 * the areas' fragments (openapi.h). Paths, methods, summaries, permissions, scopes, parameters,
 * request bodies and the common error answers come from code; response schemas come from the
 * fragments. It does not validate the document against the OpenAPI schema. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "http/http.h"
#include "http/openapi.h"

#define ERROR_REF "#/components/responses/Error"

static json_t *type_of(const char *type, bool nullable)
{
    return nullable ? json_pack("[s, s]", type, "null") : json_string(type);
}

static json_t *spec_schema(const struct field *spec);

/* The JSON Schema of one field: type, limits, choices, nested specs, and its zh-CN label as
 * description. */
static json_t *field_schema(const struct field *f)
{
    bool nullable = f->flags & FIELD_NULLABLE;
    json_t *s = json_object();

    switch (f->type) {
    case FIELD_T_STR:
        json_object_set_new(s, "type", type_of("string", nullable));
        if (f->min > 0)
            json_object_set_new(s, "minLength", jint(f->min));
        json_object_set_new(s, "maxLength", jint(f->max));
        break;
    case FIELD_T_INT:
        json_object_set_new(s, "type", type_of("integer", nullable));
        json_object_set_new(s, "minimum", jint(f->min));
        json_object_set_new(s, "maximum", jint(f->max));
        break;
    case FIELD_T_ID:
        json_object_set_new(s, "type", type_of("integer", nullable));
        json_object_set_new(s, "minimum", jint(1));
        break;
    case FIELD_T_BOOL:
        json_object_set_new(s, "type", type_of("boolean", nullable));
        break;
    case FIELD_T_DATE:
        json_object_set_new(s, "type", type_of("string", nullable));
        json_object_set_new(s, "format", json_string("date"));
        break;
    case FIELD_T_ENUM: {
        json_t *e = json_array();
        for (const char *const *c = f->choices; *c; c++)
            json_array_append_new(e, json_string(*c));
        if (nullable)
            json_array_append_new(e, json_null());
        json_object_set_new(s, "type", type_of("string", nullable));
        json_object_set_new(s, "enum", e);
        break;
    }
    case FIELD_T_ARRAY:
        json_object_set_new(s, "type", type_of("array", nullable));
        if (f->min > 0)
            json_object_set_new(s, "minItems", jint(f->min));
        json_object_set_new(s, "maxItems", jint(f->max));
        json_object_set_new(s, "items", spec_schema(f->sub));
        break;
    case FIELD_T_OBJECT:
        json_decref(s);
        s = spec_schema(f->sub);
        json_object_set_new(s, "type", type_of("object", nullable));
        break;
    case FIELD_T_INLINE:
        ASSERT(0); /* spec_props spreads its fields */
    }
    json_object_set_new(s, "description", json_string(f->label));
    return s;
}

/* The spec's fields as properties (an INLINE entry's fields among them) and required names. */
static void spec_props(const struct field *spec, json_t *props, json_t *req)
{
    for (const struct field *f = spec; f->name; f++) {
        if (f->type == FIELD_T_INLINE) {
            spec_props(f->sub, props, req);
            continue;
        }
        json_object_set_new(props, f->name, field_schema(f));
        if (f->flags & FIELD_REQUIRED)
            json_array_append_new(req, json_string(f->name));
    }
}

/* A request body or nested object: the spec's fields, nothing else (unknown keys fail). */
static json_t *spec_schema(const struct field *spec)
{
    json_t *props = json_object(), *req = json_array();
    json_t *s = json_pack("{s:s}", "type", "object");

    spec_props(spec, props, req);
    if (json_array_size(req))
        json_object_set_new(s, "required", req);
    else
        json_decref(req);
    json_object_set_new(s, "properties", props);
    json_object_set_new(s, "additionalProperties", json_false());
    return s;
}

/* Path captures ({id}: every capture is read as a positive id) and the query spec's fields. */
static json_t *params_json(const struct route *r)
{
    json_t *arr = json_array();

    for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        ASSERT(end);
        json_array_append_new(arr, json_pack("{s:s#, s:s, s:b, s:{s:s, s:i}}", "name", p + 1,
                                             (int)(end - p - 1), "in", "path", "required", 1,
                                             "schema", "type", "integer", "minimum", 1));
    }
    for (const struct field *f = r->query; f && f->name; f++) {
        json_t *s = field_schema(f);
        json_t *param = json_pack("{s:s, s:s, s:b, s:O}", "name", f->name, "in", "query",
                                  "required", (f->flags & FIELD_REQUIRED) != 0, "description",
                                  json_object_get(s, "description"));
        json_object_del(s, "description");
        json_object_set_new(param, "schema", s);
        json_array_append_new(arr, param);
    }
    return arr;
}

/* The error answers every route of this kind can give (docs/errors.md); a fragment adds the
 * ones only its handler knows (409, 429, 503). */
static void errors_add(json_t *responses, const struct route *r, unsigned guard)
{
    bool input = r->query || r->body || strchr(r->pattern, '{');
    enum err_code codes[] = { E_INVALID, E_UNAUTHENTICATED, E_FORBIDDEN, E_NOT_FOUND, E_LIMIT };
    bool on[] = {
        input,
        guard & HTTP_GUARD_SESSION,
        guard & HTTP_GUARD_REFUSE,
        strchr(r->pattern, '{') || (guard & HTTP_GUARD_SCOPED),
        r->body || r->body_max,
    };

    for (size_t i = 0; i < ARRAY_LEN(codes); i++) {
        char status[8];
        if (!on[i])
            continue;
        snprintf(status, sizeof(status), "%d", http_status_for(codes[i]));
        json_object_set_new(responses, status, json_pack("{s:s}", "$ref", ERROR_REF));
    }
}

static json_t *operation_json(const struct route *r, const struct http_guard *g)
{
    unsigned guard = g->answers(r);
    json_t *op = json_pack("{s:s, s:s, s:s}", "summary", r->summary, "x-permission",
                           g->perm_name(r->perm), "x-scope", g->scope_name(r->scope));
    json_t *params = params_json(r), *responses = json_object();

    if (json_array_size(params))
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);
    if (r->body)
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content",
                                      "application/json", "schema", spec_schema(r->body)));
    if (guard & HTTP_GUARD_SESSION)
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
    errors_add(responses, r, guard);
    json_object_set_new(op, "responses", responses);
    return op;
}

/* The error body (docs/errors.md): every code err.h defines, in its order. */
static json_t *error_schema(void)
{
    json_t *codes = json_array();

    /* E_THROTTLED is the last code; err.h only ever appends. */
    for (int c = E_INVALID; c <= E_THROTTLED; c++)
        json_array_append_new(codes, json_string(err_code_name((enum err_code)c)));
    json_t *props =
        json_pack("{s:{s:s, s:o}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}}", "code", "type", "string",
                  "enum", codes, "message", "type", "string", "description",
                  "zh-CN, says what to fix", "field", "type", "string", "description",
                  "JSON pointer of the (first) bad input", "request_id", "type", "string");

    json_object_set_new(
        props, "fields",
        json_pack("{s:s, s:s, s:{s:s, s:[s, s], s:{s:{s:s}, s:{s:s}}}}", "type", "array",
                  "description", "invalid answers: every bad input, the first being field/message",
                  "items", "type", "object", "required", "field", "message", "properties", "field",
                  "type", "string", "message", "type", "string"));
    json_object_set_new(props, "rules",
                        json_pack("{s:s, s:s, s:{s:s}}", "type", "array", "description",
                                  "conflict answers refused by rules: each rule ID (RULES.md)",
                                  "items", "type", "string"));
    json_object_set_new(props, "details",
                        json_pack("{s:s, s:s, s:{s:s}}", "type", "array", "description",
                                  "with rules: one zh-CN explanation per rule, naming the dates",
                                  "items", "type", "string"));
    return json_pack("{s:s, s:[s], s:{s:{s:s, s:[s, s, s], s:o}}}", "type", "object", "required",
                     "error", "properties", "error", "type", "object", "required", "code",
                     "message", "request_id", "properties", props);
}

static json_t *doc_base(void)
{
    return json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:{s:{s:o}, s:{s:{s:s, s:{s:{s:{s:s}}}}}, "
        "s:{s:{s:s, s:s, s:s, s:s}}}, s:{}}",
        "openapi", "3.1.0", "info", "title", "dangjian 社区党建与基层治理平台 API", "version",
        DANGJIAN_VERSION, "description",
        "JSON over HTTP under /api/. Errors: {\"error\":{\"code\",\"message\",\"field\","
        "\"fields\",\"request_id\"}}. See docs/api.md. Generated by `dangjian openapi` from the "
        "route rows, "
        "their field specs and the areas' *.openapi.json fragments; do not edit.",
        "components", "schemas", "Error", error_schema(), "responses", "Error", "description",
        "错误", "content", "application/json", "schema", "$ref", "#/components/schemas/Error",
        "securitySchemes", "session", "type", "apiKey", "in", "cookie", "name", "dj_session",
        "description",
        "HttpOnly, SameSite=Strict; writes also need the X-CSRF-Token header from the login "
        "answer",
        "paths");
}

/* Merges src into dst: objects key by key, recursively; any other value replaces. */
static void merge_into(json_t *dst, json_t *src)
{
    const char *k;
    json_t *v;

    json_object_foreach(src, k, v)
    {
        json_t *d = json_object_get(dst, k);
        if (json_is_object(d) && json_is_object(v))
            merge_into(d, v);
        else
            json_object_set(dst, k, v);
    }
}

static int frag_paths(json_t *doc, json_t *paths, const char *file, struct err *err)
{
    const char *p, *m;
    json_t *item, *op;

    json_object_foreach(paths, p, item)
    {
        json_t *have = json_object_get(json_object_get(doc, "paths"), p);
        if (!have || !json_is_object(item))
            return err_set(err, E_INVALID, "", "%s: %s is not a route", file, p);
        json_object_foreach(item, m, op)
        {
            json_t *d = json_object_get(have, m);
            if (!d || !json_is_object(op))
                return err_set(err, E_INVALID, "", "%s: %s %s is not a route", file, m, p);
            merge_into(d, op);
        }
    }
    return 0;
}

static int frag_schemas(json_t *doc, json_t *schemas, const char *file, struct err *err)
{
    json_t *have = json_object_get(json_object_get(doc, "components"), "schemas");
    const char *k;
    json_t *v;

    json_object_foreach(schemas, k, v)
    {
        if (json_object_get(have, k))
            return err_set(err, E_INVALID, "", "%s: schema %s is defined twice", file, k);
        json_object_set(have, k, v);
    }
    return 0;
}

static int frag_merge(json_t *doc, const struct openapi_fragment *f, struct err *err)
{
    json_error_t jerr;
    json_t *j = json_loads(f->text, JSON_REJECT_DUPLICATES, &jerr);
    json_t *paths = json_object_get(j, "paths");
    json_t *comp = json_object_get(j, "components");
    json_t *schemas = json_object_get(comp, "schemas");
    int rc = -1;

    if (!json_is_object(j))
        err_set(err, E_INVALID, "", "%s:%d: %s", f->file, jerr.line, jerr.text);
    else if (json_object_size(j) != (size_t)(!!paths + !!comp) ||
             json_object_size(comp) != (size_t) !!schemas)
        err_set(err, E_INVALID, "", "%s: only paths and components.schemas may be given", f->file);
    else if (frag_paths(doc, paths, f->file, err) == 0 &&
             frag_schemas(doc, schemas, f->file, err) == 0)
        rc = 0;
    json_decref(j);
    return rc;
}

int openapi_build(const struct route_table *t, const struct openapi_fragment *frags, size_t nfrags,
                  json_t **out, struct err *err)
{
    json_t *doc = doc_base();
    json_t *paths = json_object_get(doc, "paths");
    char method[8];

    for (size_t i = 0; i < t->len; i++) {
        const struct route *r = t->rows[i];
        json_t *item = json_object_get(paths, r->pattern);
        size_t k;
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        for (k = 0; http_method_name(r->method)[k] && k + 1 < sizeof(method); k++)
            method[k] = (char)tolower((unsigned char)http_method_name(r->method)[k]);
        method[k] = '\0';
        json_object_set_new(item, method, operation_json(r, t->guard));
    }
    for (size_t i = 0; i < nfrags; i++)
        if (frag_merge(doc, &frags[i], err) < 0) {
            json_decref(doc);
            return -1;
        }
    *out = doc;
    return 0;
}
