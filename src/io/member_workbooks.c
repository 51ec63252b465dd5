/* member_workbooks.c: the workbooks around the roster import: the error workbook (rejected
 * rows as read, with the reason), the import template and the roster export (personal data
 * masked unless revealed). It reads the roster through the members service only. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "io/member_import.h"
#include "io/xlsx_write.h"

/* ---- workbooks ---- */

int member_import_errors_xlsx(const struct import_result *r, char **data_out, size_t *len_out,
                              struct err *err)
{
    struct xw *w;
    size_t n = r->nheaders + 2;
    const char **row = calloc(n, sizeof(*row));
    double *widths = calloc(n, sizeof(*widths));
    char num[24];

    ASSERT(row && widths);
    if (xw_open(&w, "导入错误", err) < 0) {
        free(row);
        free(widths);
        return -1;
    }
    row[0] = "原行号";
    widths[0] = 8;
    for (size_t i = 0; i < r->nheaders; i++) {
        row[i + 1] = r->headers[i];
        widths[i + 1] = 14;
    }
    row[n - 1] = "错误原因";
    widths[n - 1] = 60;
    xw_header(w, row, widths, NULL, n);
    for (int64_t k = 0; k < r->nbad; k++) {
        const struct import_bad_row *b = &r->bad[k];
        snprintf(num, sizeof(num), "%" PRId64, b->row);
        memset(row, 0, n * sizeof(*row));
        row[0] = num;
        for (size_t i = 0; i < b->ncells && i < r->nheaders; i++)
            row[i + 1] = b->cells[i];
        row[n - 1] = b->reason;
        xw_row(w, row, n);
    }
    free(row);
    free(widths);
    return xw_finish(&w, data_out, len_out, err);
}

/* The columns of the template and the export, in order. Every header is one the importer
 * reads back (HEADER_ALIASES), so an export re-imports as it is. */
static const struct {
    const char *header;
    double width;
    bool text;
} ROSTER_COLS[] = {
    { "姓名", 10, false },     { "曾用名", 10, false },     { "性别", 6, false },
    { "民族", 8, false },      { "出生日期", 12, true },    { "身份证号", 21, true },
    { "手机号码", 14, true },  { "所在党组织", 24, false }, { "党员状态", 10, false },
    { "人员类别", 14, false }, { "入党日期", 12, true },    { "转正日期", 12, true },
    { "学历", 10, false },     { "工作单位", 20, false },   { "职务", 10, false },
    { "家庭住址", 30, false }, { "户籍地", 20, false },     { "标签", 16, false },
};
#define NCOLS ARRAY_LEN(ROSTER_COLS)

static struct xw *roster_open(const char *sheet, const char *title, struct err *err)
{
    const char *h[NCOLS];
    double wd[NCOLS];
    bool tx[NCOLS];
    struct xw *w;

    if (xw_open(&w, sheet, err) < 0)
        return NULL;
    if (title)
        xw_title(w, title, NCOLS);
    for (size_t i = 0; i < NCOLS; i++) {
        h[i] = ROSTER_COLS[i].header;
        wd[i] = ROSTER_COLS[i].width;
        tx[i] = ROSTER_COLS[i].text;
    }
    xw_header(w, h, wd, tx, NCOLS);
    return w;
}

int member_import_template_xlsx(const char *org_name, char **data_out, size_t *len_out,
                                struct err *err)
{
    /* A fictional person with a demo ID (prefix 99, DATA.md DEMO-ID); delete before use. */
    static const char *const example[NCOLS] = {
        "张示例",     "",           "男",       "汉族",     "1985-03-12",
        NULL,         NULL,         NULL,       "正式党员", "组织关系在社区",
        "2008-07-01", "2009-07-01", "大学本科", "示例单位", "职员",
        NULL,         NULL,         "志愿者",
    };
    const char *row[NCOLS];
    char id[19] = "99010519850312001";
    struct xw *w = roster_open("党员名册",
                               "党员名册导入模板（第 3 行为示例，请删除后填写；"
                               "身份证号列为文本格式）",
                               err);

    if (!w)
        return -1;
    id[17] = idcard_check_char(id);
    id[18] = '\0';
    memcpy(row, example, sizeof(row));
    row[5] = id;
    row[7] = org_name;
    xw_row(w, row, NCOLS);
    return xw_finish(&w, data_out, len_out, err);
}

int member_export_xlsx(struct app *app, const struct member_query *q, unsigned reveal, bool demo,
                       char **data_out, size_t *len_out, int64_t *count_out, struct err *err)
{
    struct member_query page = *q;
    struct xw *w = roster_open("党员名册", demo ? "演示数据（虚构人员，非真实信息）" : NULL, err);
    int64_t count = 0;

    if (!w)
        return -1;
    page.size = 5000;
    for (page.page = 1;; page.page++) {
        struct arena a;
        struct member_view *v;
        int64_t n, total;
        arena_init(&a, 64 * 1024);
        if (member_search(app, &page, &a, &v, &n, &total, err) < 0) {
            arena_release(&a);
            xw_discard(&w);
            return -1;
        }
        for (int64_t i = 0; i < n; i++) {
            struct member_view *m = &v[i];
            member_mask(m, reveal, &a);
            const char *row[NCOLS] = {
                m->name,
                m->former_name,
                m->gender ? (!strcmp(m->gender, "M")   ? "男"
                             : !strcmp(m->gender, "F") ? "女"
                                                       : m->gender)
                          : NULL,
                m->ethnicity,
                m->birth_date,
                m->id_number,
                m->phone,
                m->org_name,
                m->status_label,
                m->category_label,
                m->joined_on,
                m->full_member_on,
                m->education,
                m->work_unit,
                m->post,
                m->address,
                m->hukou,
                m->tags,
            };
            xw_row(w, row, NCOLS);
        }
        count += n;
        arena_release(&a);
        if (n < page.size || count >= total)
            break;
    }
    *count_out = count;
    return xw_finish(&w, data_out, len_out, err);
}
