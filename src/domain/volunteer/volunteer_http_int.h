/* volunteer_http_int.h: what the volunteer HTTP adapter's files share, for the route rows in
 * volunteer_http.c: the handlers of volunteer_work_http.c (hours, records, certificates,
 * points, commendations, the caller's own page), volunteer_export_http.c (the workbook) and
 * volunteer_posts_http.c (teams, posts, claims, record cards), their field specs, and the helper
 * deciding for whom a caller acts. No HTTP types needed. */
#pragma once

#include "core/compat.h"

struct err;
struct field;
struct http_req;
struct http_res;
struct volunteer_hours;

/* ?org=&year=&status= */
struct volunteer_q {
    int64_t org, year;
    char *status;
};
extern const struct field VOLUNTEER_ORG_Q[], VOLUNTEER_HOURS_Q[], VOLUNTEER_YEAR_Q[];
extern const struct field VOLUNTEER_HOURS_IN[], VOLUNTEER_REVIEW_IN[], VOLUNTEER_CERT_IN[];
extern const struct field VOLUNTEER_TEAM_IN[], VOLUNTEER_POST_IN[], VOLUNTEER_CLAIM_IN[];
extern const struct field VOLUNTEER_RECORD_IN[];

/* For whom the caller acts on a record at target_path: person_id 0 (or the caller's own
 * person) is the caller, who must be a member or resident whose org lies on the path above
 * or below the target (*self_out true); anyone else needs volunteer.write at the target.
 * E_NOT_FOUND (not_found_msg) otherwise, so ids reveal nothing. */
int volunteer_http_acting(struct http_req *req, int64_t person_id, const char *target_path,
                          const char *not_found_msg, int64_t *person_out, bool *self_out,
                          struct err *err);
/* One hours record as JSON. */
struct json_t;
struct json_t *volunteer_hours_json(const struct volunteer_hours *h);

int volunteer_http_hours_create(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_hours_list(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_hours_review(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_record(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_certificate(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_points(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_commendations(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_me(struct http_req *req, struct http_res *res, struct err *err);
/* GET /api/volunteer/export.xlsx (volunteer_export_http.c). */
int volunteer_http_export(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_teams(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_team_create(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_posts(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_post_create(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_claim_create(struct http_req *req, struct http_res *res, struct err *err);
int volunteer_http_record_create(struct http_req *req, struct http_res *res, struct err *err);
