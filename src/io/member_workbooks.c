/* member_workbooks.c: the workbooks around the roster import: the import template and the
 * roster export (personal data masked unless revealed), both with the headers of
 * MEMBER_COLUMNS, so an export re-imports as it is. It reads the roster through the members
 * service only; the error workbook is the engine's (import_workbook.c). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "io/import_engine.h"
#include "io/member_import.h"
#include "io/xlsx_write.h"

#define NCOLS MEMBER_NCOLUMNS

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
    struct xw *w = import_sheet_open(MEMBER_COLUMNS, "党员名册",
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
    struct xw *w = import_sheet_open(MEMBER_COLUMNS, "党员名册",
                                     demo ? "演示数据（虚构人员，非真实信息）" : NULL, err);
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
