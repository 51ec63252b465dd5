/* dues_export_http.h: the dues area's export handler (dues_export_http.c) and the query spec
 * it shares with the ledger route, for the route rows in dues_http.c. No HTTP types needed. */
#pragma once

#include "core/compat.h"

struct err;
struct field;
struct http_req;
struct http_res;

/* ?org=&year=&month= (month: the payments list only). */
struct period_q {
    int64_t org, year;
    char *month;
};
extern const struct field DUES_PERIOD_Q[];

/* GET /api/dues/ledger.xlsx: the ledger of the subtree and year as a workbook. */
int dues_ledger_xlsx(struct http_req *req, struct http_res *res, struct err *err);
