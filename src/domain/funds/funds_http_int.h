/* funds_http_int.h: what the funds area's HTTP files share: the ?org=&year=&quarter= query of
 * a period and the handlers outside funds_http.c (funds_export_http.c). Only the funds
 * folder's adapters include it. */
#pragma once

#include "core/compat.h"

struct err;
struct field;
struct http_req;
struct http_res;

struct funds_period_q {
    int64_t org, year, quarter;
};
extern const struct field FUNDS_PERIOD_Q[];

/* GET /api/funds/review.xlsx: the quarterly review sheet of the plans under the org. */
int funds_review_xlsx(struct http_req *req, struct http_res *res, struct err *err);
