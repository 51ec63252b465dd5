/* funds_export_http.c: the district's quarterly review sheet as the workbook a finance office
 * files: a title row (org, year, quarter), one row per activity of the plans under the org
 * (序号, 社区, 活动, 日期, 预计人数, 预算明细, 申请金额, 街道意见, 审核意见, 核定金额, 理由,
 * 计划状态) and a 合计 row; amounts in 元 as number cells with two decimals (xw_money_cols), so
 * Excel sums them. The export is audited like the other exports. It holds no yearly accounts yet.
 */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/funds/funds.h"
#include "domain/funds/funds_http_int.h"
#include "domain/orgpath.h"
#include "http/http.h"
#include "io/xlsx_write.h"

#define NCOLS 12

/* "宣传与学习资料 300.00；场地与布置 200.00" */
static const char *lines_text(const struct funds_activity *v, struct arena *a)
{
    const char *s = "";

    for (int64_t k = 0; k < v->nlines; k++)
        s = arena_printf(a, "%s%s%s %s", s, k ? "；" : "", v->lines[k].label,
                         funds_yuan(a, v->lines[k].amount_fen));
    return s;
}

int funds_review_xlsx(struct http_req *req, struct http_res *res, struct err *err)
{
    static const char *const HEADERS[NCOLS] = {
        "序号",           "社区",     "活动",     "日期",           "预计人数", "预算明细",
        "申请金额（元）", "街道意见", "审核意见", "核定金额（元）", "理由",     "计划状态",
    };
    static const bool MONEY[NCOLS] = { false, false, false, false, false, false,
                                       true,  false, false, true,  false, false };
    static const double WIDTHS[NCOLS] = { 6, 22, 24, 12, 9, 32, 14, 20, 10, 14, 24, 12 };
    struct funds_period_q q = { 0 };
    struct funds_plan *plans;
    struct funds_org org;
    struct auth_actor actor;
    struct audit_entry e;
    struct xw *w = NULL;
    const char *path;
    int64_t n, no = 0, req_sum = 0, appr_sum = 0;
    char today[11], *data;
    size_t len;

    if (http_query_decode(req, FUNDS_PERIOD_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        funds_org_get(req->app, orgpath_last_id(path), req->arena, &org, err) < 0)
        return -1;
    clock_today(today);
    if (!q.year)
        q.year = strtoll(today, NULL, 10);
    if (!q.quarter)
        q.quarter = (strtoll(today + 5, NULL, 10) - 1) / 3 + 1;
    if (funds_plans_list(req->app, path, q.year, q.quarter, NULL, req->arena, &plans, &n, err) <
            0 ||
        xw_open(&w, "季度审核表", err) < 0)
        return -1;
    xw_title(w,
             arena_printf(req->arena, "%s %" PRId64 "年第%" PRId64 "季度党建活动计划审核表",
                          org.name, q.year, q.quarter),
             NCOLS);
    xw_header(w, HEADERS, WIDTHS, NULL, NCOLS);
    xw_money_cols(w, MONEY, NCOLS);
    for (int64_t i = 0; i < n; i++)
        for (int64_t k = 0; k < plans[i].nactivities; k++) {
            const struct funds_activity *v = &plans[i].activities[k];
            const char *cells[NCOLS] = {
                arena_printf(req->arena, "%" PRId64, ++no),
                plans[i].org_name,
                v->title,
                v->held_on,
                arena_printf(req->arena, "%" PRId64, v->participants),
                lines_text(v, req->arena),
                funds_yuan(req->arena, v->requested_fen),
                v->street_comment,
                v->decision ? enum_label(FUNDS_DECISIONS, FUNDS_DECISION_LABELS, v->decision)
                            : "待审核",
                v->approved_fen >= 0 ? funds_yuan(req->arena, v->approved_fen) : NULL,
                v->reason,
                enum_label(FUNDS_STATUSES, FUNDS_STATUS_LABELS, plans[i].status),
            };
            xw_row(w, cells, NCOLS);
            req_sum += v->requested_fen;
            appr_sum += v->approved_fen > 0 ? v->approved_fen : 0;
        }
    {
        const char *cells[NCOLS] = { NULL,
                                     "合计",
                                     NULL,
                                     NULL,
                                     NULL,
                                     NULL,
                                     funds_yuan(req->arena, req_sum),
                                     NULL,
                                     NULL,
                                     funds_yuan(req->arena, appr_sum),
                                     NULL,
                                     NULL };
        xw_row(w, cells, NCOLS);
    }
    http_actor(req, &actor);
    e = auth_audit_entry(&actor, "funds.export", NULL, 0, org.id);
    if (xw_finish(&w, &data, &len, err) < 0)
        return -1;
    if (audit_record(req->app->db, &e, err) < 0) {
        free(data);
        return -1;
    }
    http_res_xlsx(
        req, res, data, len,
        arena_printf(req->arena, "funds-review-%" PRId64 "-q%" PRId64 ".xlsx", q.year, q.quarter),
        arena_printf(req->arena, "党建活动计划审核表-%s-%" PRId64 "年第%" PRId64 "季度.xlsx",
                     org.name, q.year, q.quarter));
    free(data);
    return 0;
}
