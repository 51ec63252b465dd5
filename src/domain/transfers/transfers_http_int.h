/* transfers_http_int.h: the handlers of introduction letters and the 口袋党员 list
 * (transfers_letter_http.c), listed in the area's route rows (transfers_http.c). */
#pragma once

struct err;
struct field;
struct http_req;
struct http_res;

extern const struct field TRANSFER_LETTER_IN[], TRANSFER_LETTERS_Q[], TRANSFER_RECEIPT_IN[],
    TRANSFER_POCKET_Q[], TRANSFER_LETTER_Q[];
int transfer_letters_http_create(struct http_req *req, struct http_res *res, struct err *err);
int transfer_letters_http_list(struct http_req *req, struct http_res *res, struct err *err);
int transfer_letters_http_get(struct http_req *req, struct http_res *res, struct err *err);
int transfer_letters_http_receipt(struct http_req *req, struct http_res *res, struct err *err);
int transfer_letters_http_printed(struct http_req *req, struct http_res *res, struct err *err);
int transfers_http_pocket(struct http_req *req, struct http_res *res, struct err *err);

/* 流动党员 (transfers_flow_http.c). */
extern const struct field TRANSFER_FLOW_IN[], TRANSFER_FLOWS_Q[], TRANSFER_FLOW_MEETING_IN[],
    TRANSFER_FLOW_RETURN_IN[];
int transfer_flows_http_create(struct http_req *req, struct http_res *res, struct err *err);
int transfer_flows_http_list(struct http_req *req, struct http_res *res, struct err *err);
int transfer_flows_http_get(struct http_req *req, struct http_res *res, struct err *err);
int transfer_flows_http_meeting(struct http_req *req, struct http_res *res, struct err *err);
int transfer_flows_http_return(struct http_req *req, struct http_res *res, struct err *err);
extern const struct field TRANSFER_FLOW_RECORDS_Q[];
int transfer_flows_http_records(struct http_req *req, struct http_res *res, struct err *err);

/* 失联 (transfers_lost_http.c). */
extern const struct field TRANSFER_LOST_Q[], TRANSFER_CONTACT_IN[], TRANSFER_DECISION_IN[];
int transfers_http_lost(struct http_req *req, struct http_res *res, struct err *err);
int transfers_http_contact(struct http_req *req, struct http_res *res, struct err *err);
int transfers_http_decision(struct http_req *req, struct http_res *res, struct err *err);

/* 在职党员报到 (transfers_report_http.c). */
extern const struct field TRANSFER_REPORTS_Q[], TRANSFER_REPORT_IN[], TRANSFER_SERVICE_IN[],
    TRANSFER_REVIEW_IN[], TRANSFER_REPORT_END_IN[], TRANSFER_SUMMARY_Q[];
int transfer_reports_http_list(struct http_req *req, struct http_res *res, struct err *err);
int transfer_reports_http_create(struct http_req *req, struct http_res *res, struct err *err);
int transfer_reports_http_service(struct http_req *req, struct http_res *res, struct err *err);
int transfer_reports_http_review(struct http_req *req, struct http_res *res, struct err *err);
int transfer_reports_http_end(struct http_req *req, struct http_res *res, struct err *err);
int transfer_reports_http_summary(struct http_req *req, struct http_res *res, struct err *err);
