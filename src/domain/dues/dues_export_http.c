/* dues_export_http.c: the branch ledger as the workbook treasurers keep: a title row (org and
 * year), one row per member (序号, 姓名, 类别, 计算基数, 月标准, 1月 … 12月 paid, 应交, 已交,
 * 欠交) and a 合计 row, amounts in 元 as number cells shown with two decimals (xw_money_cols;
 * the text "1350.00" made in integer fen is what the writer turns into the number, so Excel
 * sums them). The export is audited like the other exports. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/dues/dues_http_int.h"
#include "domain/dues/dues_int.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs.h"
#include "http/http.h"
#include "io/xlsx_write.h"

#define NCOLS 20

static const char *yuan(int64_t fen, struct arena *a)
{
    int64_t v = fen < 0 ? -fen : fen;

    return arena_printf(a, "%s%" PRId64 ".%02" PRId64, fen < 0 ? "-" : "", v / 100, v % 100);
}

static void write_row(struct xw *w, const char *no, const char *name, const char *cat,
                      const char *base, const char *std, const int64_t *paid, const int64_t *tot,
                      struct arena *a)
{
    const char *cells[NCOLS] = { no, name, cat, base, std };

    for (int k = 0; k < 12; k++)
        cells[5 + k] = paid[k] ? yuan(paid[k], a) : NULL;
    cells[17] = yuan(tot[0], a);
    cells[18] = yuan(tot[1], a);
    cells[19] = yuan(tot[3], a);
    xw_row(w, cells, NCOLS);
}

int dues_ledger_xlsx(struct http_req *req, struct http_res *res, struct err *err)
{
    static const char *const HEADERS[NCOLS] = { "序号",
                                                "姓名",
                                                "类别",
                                                "计算基数（元）",
                                                "月标准（元）",
                                                "1月",
                                                "2月",
                                                "3月",
                                                "4月",
                                                "5月",
                                                "6月",
                                                "7月",
                                                "8月",
                                                "9月",
                                                "10月",
                                                "11月",
                                                "12月",
                                                "应交合计（元）",
                                                "已交合计（元）",
                                                "欠交（元）" };
    /* 计算基数 to 欠交: numbers in 元 (two decimals) that Excel sums. */
    static const bool MONEY[NCOLS] = { false, false, false, true, true, true, true,
                                       true,  true,  true,  true, true, true, true,
                                       true,  true,  true,  true, true, true };
    static const double WIDTHS[NCOLS] = { 6, 10, 16, 14, 12, 9, 9, 9,  9,  9,
                                          9, 9,  9,  9,  9,  9, 9, 14, 14, 11 };
    struct period_q q = { 0 };
    struct dues_row *rows;
    struct org_view org;
    struct auth_actor actor;
    struct audit_entry e;
    struct xw *w = NULL;
    const char *path;
    int64_t n, sum[4] = { 0 }, sum_paid[12] = { 0 };
    int year, last = dues_last_due_month();
    char *data;
    size_t len;

    if (http_query_decode(req, DUES_PERIOD_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        org_get(req->app, orgpath_last_id(path), req->arena, &org, err) < 0)
        return -1;
    year = dues_year_or_now(q.year);
    if (dues_ledger(req->app, path, year, req->arena, &rows, &n, err) < 0 ||
        xw_open(&w, "党费台账", err) < 0)
        return -1;
    xw_title(w, arena_printf(req->arena, "%s %d年党费收缴台账", org.name, year), NCOLS);
    xw_header(w, HEADERS, WIDTHS, NULL, NCOLS);
    xw_money_cols(w, MONEY, NCOLS);
    for (int64_t i = 0; i < n; i++) {
        int64_t t[4] = { 0 }, paid[12];
        bool has = rows[i].category != NULL;
        dues_row_totals(&rows[i], year, last, t);
        for (int k = 0; k < 12; k++)
            sum_paid[k] += paid[k] = rows[i].months[k].paid_fen;
        for (int k = 0; k < 4; k++)
            sum[k] += t[k];
        write_row(w, arena_printf(req->arena, "%" PRId64, i + 1), rows[i].name,
                  has ? enum_label(DUES_CATEGORIES, DUES_CATEGORY_LABELS, rows[i].category) : NULL,
                  has ? yuan(rows[i].base_fen, req->arena) : NULL,
                  has ? yuan(rows[i].amount_fen, req->arena) : NULL, paid, t, req->arena);
    }
    write_row(w, NULL, "合计", NULL, NULL, NULL, sum_paid, sum, req->arena);
    http_actor(req, &actor);
    e = auth_audit_entry(&actor, "dues.export", NULL, 0, org.id);
    if (xw_finish(&w, &data, &len, err) < 0)
        return -1;
    if (audit_record(req->app->db, &e, err) < 0) {
        free(data);
        return -1;
    }
    http_res_xlsx(req, res, data, len, arena_printf(req->arena, "dues-ledger-%d.xlsx", year),
                  arena_printf(req->arena, "党费台账-%s-%d.xlsx", org.name, year));
    free(data);
    return 0;
}
