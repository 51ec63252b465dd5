/* xlsx_parts.c: the package parts of an .xlsx: one zip entry streamed through expat, the
 * relationships that lead to the first sheet (_rels/.rels → workbook → its rels), the shared
 * strings and the styles (which number formats are dates). The sheet itself is xlsx_sheet.c's. */
#include "core/compat.h"
#include <expat.h>
#include <zip.h>
#include "core/err.h"
#include "io/xlsx_read.h"
#include "io/xlsx_read_int.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Resolves a relationship target against the folder of the part that names it. */
static void resolve(const char *base_part, const char *target, char out[XLSX_PATH_MAX])
{
    char tmp[XLSX_PATH_MAX * 2];
    size_t n = 0;

    if (target[0] == '/') {
        snprintf(out, XLSX_PATH_MAX, "%s", target + 1);
        return;
    }
    const char *slash = strrchr(base_part, '/');
    if (slash)
        n = (size_t)(slash - base_part) + 1;
    snprintf(tmp, sizeof(tmp), "%.*s%s", (int)n, base_part, target);
    /* Collapse "dir/../" segments. */
    char *p;
    while ((p = strstr(tmp, "/../")) != NULL) {
        char *start = p;
        while (start > tmp && start[-1] != '/')
            start--;
        memmove(start, p + 4, strlen(p + 4) + 1);
    }
    if (strncmp(tmp, "./", 2) == 0)
        memmove(tmp, tmp + 2, strlen(tmp + 2) + 1);
    n = strlen(tmp);
    if (n >= XLSX_PATH_MAX)
        n = XLSX_PATH_MAX - 1;
    memcpy(out, tmp, n);
    out[n] = '\0';
}

/* Whether a number format code shows a date or time: y m d h s outside quotes, brackets
 * (except [h] [mm] [ss] elapsed time) and escapes. */
static bool fmt_code_is_date(const char *s)
{
    if (!s || strcasecmp(s, "General") == 0)
        return false;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '"':
            p++;
            while (*p && *p != '"')
                p++;
            if (!*p)
                return false;
            break;
        case '\\':
        case '_':
        case '*':
            if (p[1])
                p++;
            break;
        case '[': {
            const char *e = strchr(p, ']');
            bool elapsed = e && e > p + 1 && strchr("hHmMsS", p[1]);
            if (elapsed)
                return true;
            if (!e)
                return false;
            p = e;
            break;
        }
        case 'y':
        case 'Y':
        case 'd':
        case 'D':
        case 'm':
        case 'M':
        case 'h':
        case 'H':
        case 's':
        case 'S':
        case 'e':
            return true;
        default:
            break;
        }
    }
    return false;
}

/* Built-in number formats that are dates or times (ECMA-376 §18.8.30, with the CJK ones). */
static bool fmt_id_builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* ---- streaming one zip entry through a parser ---- */

zip_file_t *xlsx_entry_open(struct xlsx *x, const char *name, bool *missing)
{
    zip_int64_t idx = zip_name_locate(x->z, name, ZIP_FL_NOCASE);
    zip_file_t *f;

    *missing = idx < 0;
    if (idx < 0)
        return NULL;
    f = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
    if (!f) {
        int ze = zip_error_code_zip(zip_get_error(x->z));
        if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD || ze == ZIP_ER_ENCRNOTSUPP)
            xlsx_fail_invalid(
                x, "文件设置了密码（已加密），无法读取。请在 Excel 中取消打开密码后另存为 "
                   ".xlsx 再上传。");
        else
            xlsx_fail_invalid(x,
                              "Excel 文件已损坏，无法解压。请在 Excel 或 WPS 中打开后另存为 .xlsx "
                              "再上传。");
        err_detail(x->err, "zip_fopen %s: %s", name, zip_strerror(x->z));
    }
    return f;
}

/* Reads up to XLSX_CHUNK bytes, counting them against the limit. Returns bytes, or -1. */
zip_int64_t xlsx_entry_read(struct xlsx *x, zip_file_t *f, char *buf)
{
    zip_int64_t n = zip_fread(f, buf, XLSX_CHUNK);

    if (n < 0) {
        xlsx_fail_invalid(x, "Excel 文件已损坏，解压失败。请在 Excel 或 WPS 中打开后另存为 .xlsx "
                             "再上传。");
        return -1;
    }
    x->bytes += (uint64_t)n;
    if (x->bytes > x->lim->max_bytes) {
        err_set(x->err, E_LIMIT, "/file",
                "Excel 文件解压后超过 %" PRIu64 " MB 上限（文件过大或已损坏），请分批导入",
                x->lim->max_bytes >> 20);
        return -1;
    }
    return n;
}

/* Streams entry name through a new parser with the given handlers. A missing entry is an
 * error only when required. */
int xlsx_parse_entry(struct xlsx *x, const char *name, bool required, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler text)
{
    bool missing;
    zip_file_t *f = xlsx_entry_open(x, name, &missing);
    char *buf;
    int rc = -1;

    if (!f) {
        if (!missing)
            return -1;
        if (!required)
            return 0;
        return xlsx_fail_invalid(x, "文件中缺少工作表数据，不是有效的 Excel 工作簿（.xlsx）。请在 "
                                    "Excel 或 WPS 中另存为 .xlsx 再上传。");
    }
    buf = malloc(XLSX_CHUNK);
    ASSERT(buf);
    x->parser = XML_ParserCreate(NULL);
    ASSERT(x->parser);
    XML_SetUserData(x->parser, x);
    XML_SetElementHandler(x->parser, start, end);
    if (text)
        XML_SetCharacterDataHandler(x->parser, text);
    for (;;) {
        zip_int64_t n = xlsx_entry_read(x, f, buf);
        if (n < 0)
            goto out;
        if (XML_Parse(x->parser, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (x->failed)
                goto out;
            if (x->done)
                break;
            err_set(x->err, E_INVALID, "/file",
                    "Excel 文件内容损坏（%s 第 %lu 行：%s）。请在 Excel 或 WPS 中打开后另存为 "
                    ".xlsx 再上传。",
                    name, (unsigned long)XML_GetCurrentLineNumber(x->parser),
                    XML_ErrorString(XML_GetErrorCode(x->parser)));
            goto out;
        }
        if (n == 0 || x->done)
            break;
    }
    rc = 0;
out:
    XML_ParserFree(x->parser);
    x->parser = NULL;
    free(buf);
    zip_fclose(f);
    return rc;
}

/* ---- relationships and workbook ---- */

static void XMLCALL root_rels_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *type, *target;

    if (strcmp(xlsx_local_name(name), "Relationship") != 0)
        return;
    type = xlsx_attr(atts, "Type", false);
    target = xlsx_attr(atts, "Target", false);
    if (type && target && ends_with(type, "/officeDocument") && !x->wb_path[0])
        resolve("", target, x->wb_path);
}

static void XMLCALL workbook_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *ln = xlsx_local_name(name), *v;

    if (strcmp(ln, "workbookPr") == 0) {
        v = xlsx_attr(atts, "date1904", false);
        x->info->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(ln, "sheet") == 0 && !x->sheet_rid[0]) {
        const char *state = xlsx_attr(atts, "state", false), *rid = xlsx_attr(atts, "id", true);
        const char *sname = xlsx_attr(atts, "name", false);
        if (state && strcmp(state, "visible") != 0)
            return;
        if (rid)
            snprintf(x->sheet_rid, sizeof(x->sheet_rid), "%s", rid);
        snprintf(x->info->sheet_name, sizeof(x->info->sheet_name), "%s", sname ? sname : "");
    }
}

static void XMLCALL wb_rels_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *id, *type, *target;

    if (strcmp(xlsx_local_name(name), "Relationship") != 0)
        return;
    id = xlsx_attr(atts, "Id", false);
    type = xlsx_attr(atts, "Type", false);
    target = xlsx_attr(atts, "Target", false);
    if (!type || !target)
        return;
    if (id && strcmp(id, x->sheet_rid) == 0) {
        resolve(x->wb_path, target, x->sheet_path);
        x->sheet_found = true;
    } else if (ends_with(type, "/sharedStrings")) {
        resolve(x->wb_path, target, x->sst_path);
    } else if (ends_with(type, "/styles")) {
        resolve(x->wb_path, target, x->styles_path);
    }
}

static void XMLCALL no_end(void *ud, const char *name)
{
    UNUSED(ud);
    UNUSED(name);
}

/* ---- shared strings ---- */

void XMLCALL xlsx_collect_text(void *ud, const char *s, int len)
{
    struct xlsx *x = ud;

    if (x->collecting && x->cur.len + (size_t)len <= XLSX_CELL_MAX)
        xlsx_sb_add(&x->cur, s, (size_t)len);
}

static void XMLCALL sst_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *ln = xlsx_local_name(name);

    UNUSED(atts);
    if (strcmp(ln, "si") == 0) {
        x->in_si = true;
        x->cur.len = 0;
        if (x->cur.p)
            x->cur.p[0] = '\0';
    } else if (strcmp(ln, "rPh") == 0) {
        x->in_rph = true;
    } else if (strcmp(ln, "t") == 0 && x->in_si && !x->in_rph) {
        x->collecting = true;
    }
}

static void XMLCALL sst_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    const char *ln = xlsx_local_name(name);

    if (strcmp(ln, "t") == 0) {
        x->collecting = false;
    } else if (strcmp(ln, "rPh") == 0) {
        x->in_rph = false;
    } else if (strcmp(ln, "si") == 0) {
        x->in_si = false;
        x->sst_off = xlsx_grow(x->sst_off, &x->sst_cap, x->sst_n + 1, sizeof(*x->sst_off));
        x->sst_off[x->sst_n++] = x->sst.len;
        xlsx_sb_add(&x->sst, x->cur.p ? x->cur.p : "", x->cur.len + 1); /* keeps the NUL */
    }
}

/* ---- styles ---- */

static void XMLCALL styles_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *ln = xlsx_local_name(name), *v;

    if (strcmp(ln, "numFmts") == 0) {
        x->in_numfmts = true;
    } else if (strcmp(ln, "cellXfs") == 0) {
        x->in_cellxfs = true;
    } else if (strcmp(ln, "numFmt") == 0 && x->in_numfmts) {
        v = xlsx_attr(atts, "numFmtId", false);
        if (!v)
            return;
        x->fmts = xlsx_grow(x->fmts, &x->fmts_cap, x->nfmts + 1, sizeof(*x->fmts));
        x->fmts[x->nfmts].id = strtol(v, NULL, 10);
        x->fmts[x->nfmts].date = fmt_code_is_date(xlsx_attr(atts, "formatCode", false));
        x->nfmts++;
    } else if (strcmp(ln, "xf") == 0 && x->in_cellxfs) {
        v = xlsx_attr(atts, "numFmtId", false);
        x->xf_fmt = xlsx_grow(x->xf_fmt, &x->xf_cap, x->nxf + 1, sizeof(*x->xf_fmt));
        x->xf_fmt[x->nxf++] = v ? strtol(v, NULL, 10) : 0;
    }
}

static void XMLCALL styles_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    const char *ln = xlsx_local_name(name);

    if (strcmp(ln, "numFmts") == 0)
        x->in_numfmts = false;
    else if (strcmp(ln, "cellXfs") == 0)
        x->in_cellxfs = false;
}

static void styles_finish(struct xlsx *x)
{
    x->xf_date = calloc(x->nxf ? x->nxf : 1, sizeof(*x->xf_date));
    ASSERT(x->xf_date);
    for (size_t i = 0; i < x->nxf; i++) {
        bool date = fmt_id_builtin_date(x->xf_fmt[i]);
        for (size_t k = 0; k < x->nfmts; k++)
            if (x->fmts[k].id == x->xf_fmt[i])
                date = x->fmts[k].date;
        x->xf_date[i] = date;
    }
}

/* Finds the first sheet through the package relationships (_rels/.rels, the workbook and its
 * rels) and loads the shared strings and styles. E_INVALID "/file" says what the file is
 * when it is no workbook. */
int xlsx_parts_load(struct xlsx *x)
{
    if (xlsx_parse_entry(x, "_rels/.rels", false, root_rels_start, no_end, NULL) < 0)
        return -1;
    if (!x->wb_path[0])
        snprintf(x->wb_path, sizeof(x->wb_path), "xl/workbook.xml");
    if (zip_name_locate(x->z, x->wb_path, ZIP_FL_NOCASE) < 0) {
        if (zip_name_locate(x->z, "content.xml", 0) >= 0)
            xlsx_fail_invalid(x, "这是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中另存为 "
                                 "Excel 工作簿（*.xlsx）后再上传。");
        else
            xlsx_fail_invalid(x, "文件中没有 Excel 工作簿（可能是 Word 文档或其他压缩包）。请上传 "
                                 ".xlsx 或 .csv 文件。");
        return -1;
    }
    if (xlsx_parse_entry(x, x->wb_path, true, workbook_start, no_end, NULL) < 0)
        return -1;
    if (!x->sheet_rid[0]) {
        xlsx_fail_invalid(x, "工作簿中没有可见的工作表。");
        return -1;
    }
    {
        char rels[XLSX_PATH_MAX + 16];
        const char *slash = strrchr(x->wb_path, '/');
        size_t dir = slash ? (size_t)(slash - x->wb_path) + 1 : 0;
        snprintf(rels, sizeof(rels), "%.*s_rels/%s.rels", (int)dir, x->wb_path, x->wb_path + dir);
        if (xlsx_parse_entry(x, rels, true, wb_rels_start, no_end, NULL) < 0)
            return -1;
    }
    if (!x->sheet_found) {
        xlsx_fail_invalid(
            x, "找不到第一个工作表的数据，Excel 文件可能已损坏。请另存为 .xlsx 再上传。");
        return -1;
    }
    if (x->sst_path[0] &&
        xlsx_parse_entry(x, x->sst_path, false, sst_start, sst_end, xlsx_collect_text) < 0)
        return -1;
    if (x->styles_path[0] &&
        xlsx_parse_entry(x, x->styles_path, false, styles_start, styles_end, NULL) < 0)
        return -1;
    styles_finish(x);
    return 0;
}
