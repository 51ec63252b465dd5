/* volunteer_export_http.c: the year's service and points of a subtree as a workbook: a title
 * row (org and year), one row per person with verified records (序号, 姓名, 服务时长（小时）,
 * 岗位履职记录（条）, 积分) by name, never ranked, and a 合计 row; hours as number cells with two
 * decimals (xw_money_cols), so Excel sums them. The export is audited like the others. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs.h"
#include "domain/volunteer/volunteer.h"
#include "domain/volunteer/volunteer_http_int.h"
#include "http/http.h"
#include "io/xlsx_write.h"

#define NCOLS 5

/* Minutes as hours with two decimals, exact ("1.50"). */
static const char *hours_text(int64_t minutes, struct arena *a)
{
    int64_t cents = (minutes * 100 + 30) / 60;

    return arena_printf(a, "%" PRId64 ".%02" PRId64, cents / 100, cents % 100);
}

int volunteer_http_export(struct http_req *req, struct http_res *res, struct err *err)
{
    static const char *const HEADERS[NCOLS] = { "序号", "姓名", "服务时长（小时）",
                                                "岗位履职记录（条）", "积分" };
    static const bool NUMBER[NCOLS] = { false, false, true, false, false };
    static const double WIDTHS[NCOLS] = { 6, 12, 16, 18, 8 };
    struct volunteer_q q = { 0 };
    struct volunteer_points_row *rows;
    struct org_view org;
    struct auth_actor actor;
    struct audit_entry e;
    struct xw *w = NULL;
    const char *path;
    int64_t n, sum[3] = { 0 };
    int year;
    char *data;
    size_t len;

    if (http_query_decode(req, VOLUNTEER_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        org_get(req->app, orgpath_last_id(path), req->arena, &org, err) < 0)
        return -1;
    year = volunteer_year_or_now(q.year);
    if (volunteer_points(req->app, path, year, req->arena, &rows, &n, err) < 0 ||
        xw_open(&w, "志愿服务", err) < 0)
        return -1;
    xw_title(w, arena_printf(req->arena, "%s %d年志愿服务时长和积分", org.name, year), NCOLS);
    xw_header(w, HEADERS, WIDTHS, NULL, NCOLS);
    xw_money_cols(w, NUMBER, NCOLS);
    for (int64_t i = 0; i < n; i++) {
        int64_t minutes = 0, records = 0;
        for (int t = 0; t < rows[i].nitems; t++) {
            if (!strcmp(rows[i].items[t].action, "hours"))
                minutes = rows[i].items[t].qty;
            else
                records = rows[i].items[t].qty;
        }
        sum[0] += minutes;
        sum[1] += records;
        sum[2] += rows[i].total;
        const char *cells[NCOLS] = { arena_printf(req->arena, "%" PRId64, i + 1), rows[i].name,
                                     hours_text(minutes, req->arena),
                                     arena_printf(req->arena, "%" PRId64, records),
                                     arena_printf(req->arena, "%" PRId64, rows[i].total) };
        xw_row(w, cells, NCOLS);
    }
    const char *total[NCOLS] = { NULL, "合计", hours_text(sum[0], req->arena),
                                 arena_printf(req->arena, "%" PRId64, sum[1]),
                                 arena_printf(req->arena, "%" PRId64, sum[2]) };
    xw_row(w, total, NCOLS);
    http_actor(req, &actor);
    e = auth_audit_entry(&actor, "volunteer.export", NULL, 0, org.id);
    if (xw_finish(&w, &data, &len, err) < 0)
        return -1;
    if (audit_record(req->app->db, &e, err) < 0) {
        free(data);
        return -1;
    }
    http_res_xlsx(req, res, data, len, arena_printf(req->arena, "volunteer-%d.xlsx", year),
                  arena_printf(req->arena, "志愿服务-%s-%d.xlsx", org.name, year));
    free(data);
    return 0;
}
