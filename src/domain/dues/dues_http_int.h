/* dues_http_int.h: what the dues HTTP adapter's files share, for the route rows in
 * dues_http.c: the export handler (dues_export_http.c), the settings handlers and their body
 * spec (dues_settings_http.c) and the ledger's query spec. No HTTP types needed. */
#pragma once

#include "core/compat.h"

struct err;
struct field;
struct http_req;
struct http_res;

/* ?org=&year=&month=&page=&size= (month and paging: the payments list only). */
struct period_q {
    int64_t org, year;
    char *month;
    int64_t page, size;
};
extern const struct field DUES_PERIOD_Q[];
/* ?org= */
struct org_q {
    int64_t org;
};

/* GET /api/dues/ledger.xlsx: the ledger of the subtree and year as a workbook. */
int dues_ledger_xlsx(struct http_req *req, struct http_res *res, struct err *err);
/* GET /api/dues/settings?org= (the settings in force there) and PUT /api/dues/settings. */
extern const struct field DUES_ORG_Q[], DUES_SETTINGS_IN[];
int dues_settings_http_get(struct http_req *req, struct http_res *res, struct err *err);
int dues_settings_http_put(struct http_req *req, struct http_res *res, struct err *err);

/* 少交 / 免交 (dues_relief_http.c): GET and POST /api/dues/reliefs, POST .../{id}/decide. */
extern const struct field DUES_RELIEF_IN[], DUES_RELIEF_DECIDE_IN[], DUES_RELIEF_END_IN[];
int dues_reliefs_http_list(struct http_req *req, struct http_res *res, struct err *err);
int dues_reliefs_http_create(struct http_req *req, struct http_res *res, struct err *err);
int dues_reliefs_http_decide(struct http_req *req, struct http_res *res, struct err *err);
int dues_reliefs_http_end(struct http_req *req, struct http_res *res, struct err *err);
