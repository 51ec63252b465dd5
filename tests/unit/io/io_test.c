/* io_test.c: unit tests for src/io: the .xlsx reader on workbooks written here with
 * libxlsxwriter (shared strings, inline strings, rich text, dates by style, merged header,
 * title row above the header, the 1904 flag), hand-made zips (not an .xlsx, .xls, encrypted),
 * the CSV reader (BOM, GBK, quotes), date parsing, header aliases, the roster's one label per
 * field and IDs turned into numbers. Only demo ID numbers (99…) appear. */
#include "core/compat.h"
#include <xlsxwriter.h>
#include "core/err.h"
#include "core/json.h"
#include "domain/members/members.h"
#include "io/csv_read.h"
#include "io/member_import.h"
#include "io/member_import_int.h"
#include "io/xlsx_read.h"
#include "tap.h"

/* Rows collected by the callback, as "row|kind:text|kind:text…" lines. */
struct grid {
    char out[8192];
    size_t len;
    struct sheet_info *info;
    bool dates[64];
};

static int collect(void *ctx, int64_t row, const struct sheet_cell *cells, size_t n,
                   struct err *err)
{
    struct grid *g = ctx;
    UNUSED(err);
    g->len += (size_t)snprintf(g->out + g->len, sizeof(g->out) - g->len, "%" PRId64, row);
    for (size_t i = 0; i < n; i++) {
        static const char kinds[] = "-TNBE";
        g->len +=
            (size_t)snprintf(g->out + g->len, sizeof(g->out) - g->len, "|%c%s:%s",
                             kinds[cells[i].kind], cells[i].is_date ? "d" : "", cells[i].text);
    }
    g->len += (size_t)snprintf(g->out + g->len, sizeof(g->out) - g->len, "\n");
    return 0;
}

static char tmpdir[64];

static const char *tmp_path(const char *name)
{
    static char p[128];
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof(tmpdir), "/tmp/dj-io-test-XXXXXX");
        ASSERT(mkdtemp(tmpdir));
    }
    snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
    return p;
}

static int read_xlsx(const char *path, struct grid *g, struct sheet_info *info, struct err *e)
{
    struct sheet_limits lim = SHEET_LIMITS_DEFAULT;
    memset(g, 0, sizeof(*g));
    g->out[0] = '\0';
    return xlsx_read_file(path, &lim, info, collect, g, e);
}

/* A roster as cadres make it: a merged title row, a blank row, the header, dates as
 * date-formatted numbers and as text, a rich-text name, an ID typed as a number. */
static void test_xlsx_roster(void)
{
    const char *path = tmp_path("roster.xlsx");
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "花名册");
    lxw_format *date = workbook_add_format(wb), *bold = workbook_add_format(wb);
    struct grid g;
    struct sheet_info info;
    struct err e = { 0 };

    format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
    format_set_bold(bold);
    worksheet_merge_range(ws, 0, 0, 0, 3, "XX社区党员花名册", NULL);
    worksheet_write_string(ws, 2, 0, "姓名", NULL);
    worksheet_write_string(ws, 2, 1, "身份证号码", NULL);
    worksheet_write_string(ws, 2, 2, "出生日期", NULL);
    worksheet_write_string(ws, 2, 3, "所在党组织", NULL);
    char s1[] = "张", s2[] = "示例";
    lxw_rich_string_tuple f1 = { .format = bold, .string = s1 };
    lxw_rich_string_tuple f2 = { .format = NULL, .string = s2 };
    lxw_rich_string_tuple *rich[] = { &f1, &f2, NULL };
    worksheet_write_rich_string(ws, 3, 0, rich, NULL);
    worksheet_write_string(ws, 3, 1, "990105198503120014", NULL);
    worksheet_write_number(ws, 3, 2, 31118, date); /* 1985-03-12 */
    worksheet_write_string(ws, 3, 3, "第一支部", NULL);
    worksheet_write_string(ws, 4, 0, "李示例", NULL);
    worksheet_write_number(ws, 4, 1, 990105198503120000.0, NULL);
    worksheet_write_string(ws, 4, 2, "1985.3.12", NULL);
    worksheet_write_boolean(ws, 4, 3, 1, NULL);
    CHECK_EQ(workbook_close(wb), LXW_NO_ERROR);

    CHECK_EQ(read_xlsx(path, &g, &info, &e), 0);
    CHECK_STR(info.sheet_name, "花名册");
    CHECK(!info.date1904);
    CHECK_STR(g.out,
              "1|T:XX社区党员花名册|T:XX社区党员花名册|T:XX社区党员花名册|T:XX社区党员花名册\n"
              "3|T:姓名|T:身份证号码|T:出生日期|T:所在党组织\n"
              "4|T:张示例|T:990105198503120014|Nd:31118|T:第一支部\n"
              "5|T:李示例|N:9.9010519850312E+17|T:1985.3.12|B:TRUE\n");
}

/* constant_memory mode writes inline strings (t="inlineStr") instead of shared ones; a
 * built-in date format (14); a vertically merged data cell (one 所在党组织 for several
 * members). */
static void test_xlsx_inline_merge(void)
{
    const char *path = tmp_path("inline.xlsx");
    lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
    lxw_workbook *wb = workbook_new_opt(path, &opts);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *date = workbook_add_format(wb);
    struct grid g;
    struct sheet_info info;
    struct err e = { 0 };

    format_set_num_format_index(date, 14);
    worksheet_write_string(ws, 0, 0, "姓名", NULL);
    worksheet_write_string(ws, 0, 1, "入党日期", NULL);
    worksheet_write_string(ws, 0, 2, "党支部", NULL);
    worksheet_write_string(ws, 1, 0, "王示例", NULL);
    worksheet_write_number(ws, 1, 1, 31118, date);
    worksheet_merge_range(ws, 1, 2, 2, 2, "第二支部", NULL);
    worksheet_write_string(ws, 2, 0, "赵示例", NULL);
    CHECK_EQ(workbook_close(wb), LXW_NO_ERROR);

    CHECK_EQ(read_xlsx(path, &g, &info, &e), 0);
    CHECK(!info.date1904);
    CHECK_STR(g.out, "1|T:姓名|T:入党日期|T:党支部\n"
                     "2|T:王示例|Nd:31118|T:第二支部\n"
                     "3|T:赵示例|-:|T:第二支部\n");
}

/* A zip of our own (stored entries), to control the XML exactly. */
static void crc_table(uint32_t t[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[i] = c;
    }
}

static void put16(FILE *f, unsigned v)
{
    fputc((int)(v & 0xff), f);
    fputc((int)((v >> 8) & 0xff), f);
}

static void put32(FILE *f, uint32_t v)
{
    put16(f, v & 0xffff);
    put16(f, v >> 16);
}

static void write_zip(const char *path, const char *const *names, const char *const *bodies, int n)
{
    uint32_t t[256], crcs[16], offs[16];
    FILE *f = fopen(path, "wb");
    long cd;

    ASSERT(f && n <= 16);
    crc_table(t);
    for (int i = 0; i < n; i++) {
        uint32_t c = 0xffffffffu;
        for (const char *p = bodies[i]; *p; p++)
            c = t[(c ^ (unsigned char)*p) & 0xff] ^ (c >> 8);
        crcs[i] = c ^ 0xffffffffu;
        offs[i] = (uint32_t)ftell(f);
        put32(f, 0x04034b50);
        put16(f, 20), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
        put32(f, crcs[i]), put32(f, (uint32_t)strlen(bodies[i])),
            put32(f, (uint32_t)strlen(bodies[i]));
        put16(f, (unsigned)strlen(names[i])), put16(f, 0);
        fputs(names[i], f);
        fputs(bodies[i], f);
    }
    cd = ftell(f);
    for (int i = 0; i < n; i++) {
        put32(f, 0x02014b50);
        put16(f, 20), put16(f, 20), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
        put32(f, crcs[i]), put32(f, (uint32_t)strlen(bodies[i])),
            put32(f, (uint32_t)strlen(bodies[i]));
        put16(f, (unsigned)strlen(names[i])), put16(f, 0), put16(f, 0), put16(f, 0), put16(f, 0);
        put32(f, 0), put32(f, offs[i]);
        fputs(names[i], f);
    }
    long end = ftell(f);
    put32(f, 0x06054b50);
    put16(f, 0), put16(f, 0), put16(f, (unsigned)n), put16(f, (unsigned)n);
    put32(f, (uint32_t)(end - cd)), put32(f, (uint32_t)cd), put16(f, 0);
    fclose(f);
}

/* Prefixed element names (x:), the 1904 flag, rich text with phonetic runs, a custom date format by
 * id, a formula string and an error, a hidden first sheet, cells without r attributes. */
static void test_xlsx_handmade(void)
{
    static const char *const names[] = {
        "[Content_Types].xml",        "_rels/.rels",   "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
        "xl/worksheets/sheet2.xml",
    };
    static const char *const bodies[] = {
        "<Types/>",
        "<Relationships><Relationship Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "<x:workbook xmlns:x=\"s\" xmlns:r=\"r\"><x:workbookPr date1904=\"1\"/><x:sheets>"
        "<x:sheet name=\"隐藏\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
        "<x:sheet name=\"名单\" sheetId=\"2\" r:id=\"rId2\"/></x:sheets></x:workbook>",
        "<Relationships><Relationship Id=\"rId2\" Type=\"x/worksheet\" "
        "Target=\"worksheets/sheet2.xml\"/><Relationship Id=\"rId3\" Type=\"x/styles\" "
        "Target=\"/xl/styles.xml\"/><Relationship Id=\"rId4\" Type=\"x/sharedStrings\" "
        "Target=\"sharedStrings.xml\"/></Relationships>",
        "<styleSheet><numFmts><numFmt numFmtId=\"180\" formatCode=\"yyyy/m/d;@\"/>"
        "<numFmt numFmtId=\"181\" formatCode=\"&quot;第&quot;0&quot;支部&quot;\"/></numFmts>"
        "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"180\"/><xf numFmtId=\"181\"/></cellXfs>"
        "</styleSheet>",
        "<sst><si><t>姓名</t></si><si><r><t>单</t></r><r><t xml:space=\"preserve\">雄 </t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>shan</t></rPh></si></sst>",
        "<x:worksheet><x:dimension ref=\"A1:D3\"/><x:sheetData>"
        "<x:row r=\"1\"><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>出生"
        "</x:t></x:is></x:c></x:row>"
        "<x:row r=\"3\"><x:c r=\"A3\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"B3\" s=\"1\"><x:v>"
        "31118</x:v></x:c><x:c r=\"C3\" s=\"2\"><x:v>3</x:v></x:c><x:c r=\"D3\" t=\"str\">"
        "<x:f>A1</x:f><x:v>=x</x:v></x:c><x:c r=\"E3\" t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
        "</x:sheetData><x:mergeCells count=\"0\"/></x:worksheet>",
    };
    const char *path = tmp_path("hand.xlsx");
    struct grid g;
    struct sheet_info info;
    struct err e = { 0 };

    write_zip(path, names, bodies, 7);
    CHECK_EQ(read_xlsx(path, &g, &info, &e), 0);
    CHECK_STR(e.msg, "");
    CHECK_STR(info.sheet_name, "名单");
    CHECK(info.date1904);
    CHECK_EQ(info.last_row_hint, 3);
    CHECK_STR(g.out, "1|T:姓名|T:出生\n"
                     "3|T:单雄 |Nd:31118|N:3|T:=x|E:#N/A\n");
}

static void test_xlsx_bad_files(void)
{
    static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0 };
    char enc[200];
    struct sheet_limits lim = SHEET_LIMITS_DEFAULT;
    struct grid g = { 0 };
    struct err e = { 0 };
    static const char *const names[] = { "word/document.xml" };
    static const char *const bodies[] = { "<w/>" };
    const char *path = tmp_path("doc.docx");

    CHECK_EQ(xlsx_read_mem("姓名,身份证号\n", 20, &lim, NULL, collect, &g, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    CHECK(strstr(e.msg, "不是有效的 Excel 工作簿") != NULL);
    err_clear(&e);
    CHECK_EQ(xlsx_read_mem(ole, sizeof(ole), &lim, NULL, collect, &g, &e), -1);
    CHECK(strstr(e.msg, ".xls") != NULL);
    err_clear(&e);
    memset(enc, 0, sizeof(enc));
    memcpy(enc, ole, 8);
    memcpy(enc + 100, "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    CHECK_EQ(xlsx_read_mem(enc, sizeof(enc), &lim, NULL, collect, &g, &e), -1);
    CHECK(strstr(e.msg, "加密") != NULL);
    err_clear(&e);
    write_zip(path, names, bodies, 1);
    CHECK_EQ(read_xlsx(path, &g, NULL, &e), -1);
    CHECK(strstr(e.msg, "没有 Excel 工作簿") != NULL);
    err_clear(&e);
    /* Zip-bomb guard: the uncompressed limit applies to what is inflated. */
    lim.max_bytes = 100;
    CHECK_EQ(xlsx_read_file(tmp_path("roster.xlsx"), &lim, NULL, collect, &g, &e), -1);
    CHECK_EQ(e.code, E_LIMIT);
    err_clear(&e);
    lim = SHEET_LIMITS_DEFAULT;
    lim.max_rows = 2;
    CHECK_EQ(xlsx_read_file(tmp_path("roster.xlsx"), &lim, NULL, collect, &g, &e), -1);
    CHECK_EQ(e.code, E_LIMIT);
    CHECK(strstr(e.msg, "行上限") != NULL);
}

static int read_csv(const char *s, size_t n, struct grid *g, struct sheet_info *info, struct err *e)
{
    struct sheet_limits lim = SHEET_LIMITS_DEFAULT;
    memset(g, 0, sizeof(*g));
    return csv_read_mem(s, n, &lim, info, collect, g, e);
}

static void test_csv(void)
{
    static const char bom[] = "\xEF\xBB\xBF姓名,身份证号\r\n\"张,示例\",\"99\"\"01\"\r\n\r\n"
                              "\"多\r\n行\",x\r\n";
    /* 姓名,性别\n王五,男 in GBK */
    static const char gbk[] = "\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0\n\xCD\xF5\xCE\xE5,\xC4\xD0\n";
    struct grid g;
    struct sheet_info info;
    struct err e = { 0 };

    CHECK_EQ(read_csv(bom, sizeof(bom) - 1, &g, &info, &e), 0);
    CHECK_STR(info.encoding, "UTF-8 (BOM)");
    CHECK_STR(g.out, "1|T:姓名|T:身份证号\n2|T:张,示例|T:99\"01\n4|T:多\r\n行|T:x\n");
    CHECK_EQ(read_csv(gbk, sizeof(gbk) - 1, &g, &info, &e), 0);
    CHECK_STR(info.encoding, "GB18030");
    CHECK_STR(g.out, "1|T:姓名|T:性别\n2|T:王五|T:男\n");
    CHECK_EQ(read_csv("a,b\n1,2", 7, &g, &info, &e), 0);
    CHECK_STR(info.encoding, "UTF-8");
    CHECK_STR(g.out, "1|T:a|T:b\n2|T:1|T:2\n");
    CHECK_EQ(read_csv("a\t,b\n", 5, &g, &info, &e), 0);
    CHECK_STR(g.out, "1|T:a\t|T:b\n");
    CHECK_EQ(read_csv("a\tb\n", 4, &g, &info, &e), 0);
    CHECK_STR(g.out, "1|T:a|T:b\n");
    CHECK_EQ(read_csv("a,\"b\n", 5, &g, &info, &e), -1);
    CHECK(strstr(e.msg, "第 1 行的引号没有闭合") != NULL);
    CHECK(utf8_valid("张", 3));
    CHECK(!utf8_valid("\xD5\xC5", 2));
}

static const char *date_of(enum sheet_kind kind, const char *text, double num, bool is_date,
                           bool d1904)
{
    static char out[32];
    struct sheet_cell c = { kind, text, num, is_date };
    int rc = import_parse_date(&c, d1904, out);
    if (rc == 1)
        return "YM";
    if (rc < 0)
        return "ERR";
    return out;
}

static void test_dates(void)
{
    static const struct {
        const char *text, *want;
    } T[] = {
        { "1985-03-12", "1985-03-12" },
        { "1985-3-12", "1985-03-12" },
        { "1985.3.12", "1985-03-12" },
        { "1985/3/12", "1985-03-12" },
        { "1985年3月12日", "1985-03-12" },
        { "1985年03月12日", "1985-03-12" },
        { "19850312", "1985-03-12" },
        { " 1985-03-12 00:00:00", "1985-03-12" },
        { "1985-03-12T00:00:00", "1985-03-12" },
        { "1985.03", "YM" },
        { "1985年3月", "YM" },
        { "1985-02-29", "ERR" },
        { "1984-02-29", "1984-02-29" },
        { "12/03/1985", "ERR" },
        { "一九八五年", "ERR" },
        { "1985-13-01", "ERR" },
        { "", "ERR" },
        { "1985-03-12x", "ERR" },
        /* as typed with a Chinese input method or pasted: full-width, NBSP, U+3000 */
        { "\xef\xbc\x91\xef\xbc\x99\xef\xbc\x98\xef\xbc\x95\xe5\xb9\xb4\xef\xbc\x93\xe6\x9c\x88"
          "\xef\xbc\x91\xef\xbc\x92\xe6\x97\xa5",
          "1985-03-12" }, /* １９８５年３月１２日 */
        { "1985\xef\xbc\x8d"
          "03\xef\xbc\x8d"
          "12",
          "1985-03-12" },                       /* 1985－03－12 */
        { "1985-03-12\xc2\xa0", "1985-03-12" }, /* trailing NBSP */
        { "\xe3\x80\x80"
          "1985/3/12",
          "1985-03-12" }, /* leading U+3000 */
    };
    for (size_t i = 0; i < ARRAY_LEN(T); i++) {
        const char *got = date_of(SHEET_TEXT, T[i].text, 0, false, false);
        if (strcmp(got, T[i].want) != 0)
            printf("#   date \"%s\": got %s, want %s\n", T[i].text, got, T[i].want);
        CHECK_STR(got, T[i].want);
    }
    /* Serials: 1900 system with the phantom 1900-02-29 (serial 60), and the 1904 system. */
    CHECK_STR(date_of(SHEET_NUMBER, "1", 1, true, false), "1900-01-01");
    CHECK_STR(date_of(SHEET_NUMBER, "59", 59, true, false), "1900-02-28");
    CHECK_STR(date_of(SHEET_NUMBER, "60", 60, true, false), "ERR");
    CHECK_STR(date_of(SHEET_NUMBER, "61", 61, true, false), "1900-03-01");
    CHECK_STR(date_of(SHEET_NUMBER, "31118", 31118, true, false), "1985-03-12");
    CHECK_STR(date_of(SHEET_NUMBER, "31118.5", 31118.5, true, false), "1985-03-12");
    CHECK_STR(date_of(SHEET_NUMBER, "29656", 29656, true, true), "1985-03-12");
    CHECK_STR(date_of(SHEET_NUMBER, "0", 0, true, true), "1904-01-01");
    CHECK_STR(date_of(SHEET_NUMBER, "0", 0, true, false), "ERR");
    /* A general-format number in a date column: yyyymmdd, else a serial. */
    CHECK_STR(date_of(SHEET_NUMBER, "19850312", 19850312, false, false), "1985-03-12");
    CHECK_STR(date_of(SHEET_NUMBER, "31118", 31118, false, false), "1985-03-12");
    CHECK_STR(date_of(SHEET_NUMBER, "19851312", 19851312, false, false), "ERR");
}

static void test_headers(void)
{
    static const struct {
        const char *header, *field;
    } T[] = {
        { "身份证号", "id_number" },
        { "身份证号码", "id_number" },
        { "公民身份号码", "id_number" },
        { "证件号码", "id_number" },
        { " 身份证号（必填）", "id_number" },
        { "*姓名", "name" },
        { "姓　名", "name" },
        { "性别", "gender" },
        { "民族", "ethnicity" },
        { "出生日期(YYYY-MM-DD)", "birth_date" },
        { "所在党组织", "org" },
        { "所属支部", "org" },
        { "党支部", "org" },
        { "手机", "phone" },
        { "手机号码", "phone" },
        { "联系电话", "phone" },
        { "入党日期", "joined_on" },
        { "入党时间", "joined_on" },
        { "转正日期", "full_member_on" },
        { "转正时间", "full_member_on" },
        { "人员类别", "category" },
        { "党员类别", "category" },
        { "学历", "education" },
        { "文化程度", "education" },
        { "工作单位", "work_unit" },
        { "职务", "post" },
        { "家庭住址", "address" },
        { "现居住地", "address" },
        { "户籍地", "hukou" },
        { "标签", "tags" },
        { "身份证\n号码", "id_number" },
        { "党员状态", "status" },
    };
    for (size_t i = 0; i < ARRAY_LEN(T); i++) {
        const char *f = import_header_field(T[i].header);
        CHECK_STR(f, T[i].field);
    }
    CHECK(import_header_field("备注") == NULL);
    CHECK(import_header_field("序号") == NULL);
    CHECK(import_header_field("") == NULL);
}

/* The roster's headers (template, export) are the labels of MEMBER_FIELDS, which the form
 * shows; the headers of older templates are still read as the same field. */
static void test_member_labels(void)
{
    static const struct {
        const char *old, *now;
    } RENAMED[] = {
        { "党员状态", "党籍状态" },
        { "人员类别", "党员类别" },
        { "家庭住址", "现居住地址" },
        { "户籍地", "户籍所在地" },
    };
    for (const struct import_column *c = MEMBER_COLUMNS; c->code; c++) {
        const char *f = c->error_field ? c->error_field : c->code;
        const char *label = NULL;
        for (const struct field *sp = MEMBER_FIELDS; sp->name; sp++)
            if (!strcmp(sp->name, f))
                label = sp->label;
        CHECK_STR(c->header, label);
        CHECK_STR(import_header_field(c->header), c->code);
    }
    for (size_t i = 0; i < ARRAY_LEN(RENAMED); i++)
        CHECK_STR(import_header_field(RENAMED[i].old), import_header_field(RENAMED[i].now));
    CHECK_STR(MEMBER_COLUMNS[MEMBER_COL_ORG].code, "org");
}

static void test_mangled_ids(void)
{
    struct sheet_cell num = { SHEET_NUMBER, "9.9010519850312E+17", 9.9010519850312e17, false };
    struct sheet_cell sci = { SHEET_TEXT, "9.90105E+17", 0, false };
    struct sheet_cell sci2 = { SHEET_TEXT, "1.10105e17", 0, false };
    struct sheet_cell ok = { SHEET_TEXT, "990105198503120014", 0, false };
    struct sheet_cell x = { SHEET_TEXT, "99010519850312001X", 0, false };

    CHECK(import_id_mangled(&num));
    CHECK(import_id_mangled(&sci));
    CHECK(import_id_mangled(&sci2));
    CHECK(!import_id_mangled(&ok));
    CHECK(!import_id_mangled(&x));
    /* A 15-digit legacy ID stored as a number is exact (< 2^53): kept, converted to 18 later.
     * 16 digits or more, a fraction, or a 14-digit number are not an ID Excel kept whole. */
    struct sheet_cell l15 = { SHEET_NUMBER, "990105850312001", 990105850312001.0, false };
    struct sheet_cell l16 = { SHEET_NUMBER, "9901058503120010", 9901058503120010.0, false };
    struct sheet_cell frac = { SHEET_NUMBER, "99010585031200.5", 99010585031200.5, false };
    struct sheet_cell l14 = { SHEET_NUMBER, "99010585031200", 99010585031200.0, false };
    CHECK(!import_id_mangled(&l15));
    CHECK(import_id_mangled(&l16));
    CHECK(import_id_mangled(&frac));
    CHECK(import_id_mangled(&l14));
}

static void test_col_names(void)
{
    char c[8];
    sheet_col_name(0, c);
    CHECK_STR(c, "A");
    sheet_col_name(25, c);
    CHECK_STR(c, "Z");
    sheet_col_name(26, c);
    CHECK_STR(c, "AA");
    sheet_col_name(701, c);
    CHECK_STR(c, "ZZ");
}

/* Last: removes the workbooks written above. */
static void test_cleanup(void)
{
    static const char *const files[] = { "roster.xlsx", "inline.xlsx", "hand.xlsx", "doc.docx" };
    for (size_t i = 0; i < ARRAY_LEN(files); i++)
        unlink(tmp_path(files[i]));
    CHECK_EQ(rmdir(tmpdir), 0);
}

TAP_MAIN("io", TEST(test_xlsx_roster), TEST(test_xlsx_inline_merge), TEST(test_xlsx_handmade),
         TEST(test_xlsx_bad_files), TEST(test_csv), TEST(test_dates), TEST(test_headers),
         TEST(test_member_labels), TEST(test_mangled_ids), TEST(test_col_names), TEST(test_cleanup))
