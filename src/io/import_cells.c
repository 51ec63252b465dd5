/* import_cells.c: the generic importer's reading of cells: headers matched to the area's
 * column table (aliases, spaces, stars and explanations ignored), header rows scored, Excel
 * dates and serials parsed, IDs Excel turned into numbers detected, and a row's cells decoded
 * into the area's record through its field spec, every bad cell reported. No database. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "io/import_engine.h"
#include "io/import_engine_int.h"

/* ---- headers ---- */

/* Copies header text without spaces (ASCII, U+3000, line breaks), required-field stars and a
 * trailing explanation in brackets or after a colon. */
void import_header_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;

    while (*s && n + 4 < cap) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*') {
            s++;
            continue;
        }
        if (!strncmp(s, "\xE3\x80\x80", 3) || !strncmp(s, "\xEF\xBC\x8A", 3)) { /* 　 ＊ */
            s += 3;
            continue;
        }
        if (c == '(' || c == ':' || !strncmp(s, "\xEF\xBC\x88", 3) || /* （ */
            !strncmp(s, "\xEF\xBC\x9A", 3))                           /* ： */
            break;
        out[n++] = *s++;
    }
    out[n] = '\0';
}

const struct import_column *import_column_find(const struct import_column *cols, const char *header)
{
    char key[256];

    import_header_key(header, key, sizeof(key));
    if (!key[0])
        return NULL;
    for (const struct import_column *c = cols; c->code; c++) {
        if (!strcmp(c->header, key))
            return c;
        for (size_t k = 0; k < ARRAY_LEN(c->aliases) && c->aliases[k]; k++)
            if (!strcmp(c->aliases[k], key))
                return c;
    }
    return NULL;
}

/* ---- values ---- */

/* Writes YYYY-MM-DD for a date already checked to be real. */
static void fmt_date(char out[11], int64_t y, int64_t m, int64_t d)
{
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10 % 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10 % 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int import_serial_date(double serial, bool date1904, char out[11])
{
    int64_t s, days;
    int y, m, d;

    if (!(serial >= (date1904 ? 0 : 1) && serial < 2958466))
        return -1;
    s = (int64_t)serial;
    if (date1904)
        days = date_to_days(1904, 1, 1) + s;
    else if (s == 60)
        return -1; /* 1900-02-29: Lotus' leap-year bug, no real day */
    else
        days = date_to_days(1899, 12, s < 60 ? 31 : 30) + s;
    date_from_days(days, &y, &m, &d);
    fmt_date(out, y, m, d);
    return 0;
}

static bool valid_ymd(int64_t y, int64_t m, int64_t d)
{
    return y >= 1850 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month((int)y, (int)m);
}

/* Reads a run of ASCII digits (at most max) at *p. */
static int digits(const char **p, int max, int64_t *v)
{
    int n = 0;

    *v = 0;
    while (isdigit((unsigned char)**p) && n < max) {
        *v = *v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return isdigit((unsigned char)**p) ? -1 : n;
}

/* Skips one date separator: - / . or 年 月 (and a space after it). */
static bool separator(const char **p)
{
    if (**p == '-' || **p == '/' || **p == '.') {
        (*p)++;
    } else if (!strncmp(*p, "年", 3) || !strncmp(*p, "月", 3)) {
        *p += 3;
    } else {
        return false;
    }
    while (**p == ' ')
        (*p)++;
    return true;
}

/* text as people paste it into a cell, as one copy in a: zero-width characters dropped,
 * full-width forms folded (all of them with punctuation, else digits and letters only: an org
 * name keeps its Chinese punctuation), and the blanks around it (space, tab, NBSP, U+3000, line
 * ends) trimmed. Cells are valid UTF-8 (the readers check). */
static char *cell_clean(const char *text, bool punctuation, struct arena *a)
{
    char *s = arena_strdup(a, text), *start = s, *end;

    utf8_strip_invisible(s);
    utf8_halfwidth(s, punctuation);
    end = s + strlen(s);
    while (start < end && (utf8_blank_at(start) || *start == '\r' || *start == '\n'))
        start += utf8_blank_at(start) ? utf8_blank_at(start) : 1;
    while (end > start && (utf8_blank_before(start, end) || end[-1] == '\r' || end[-1] == '\n'))
        end -= utf8_blank_before(start, end) ? utf8_blank_before(start, end) : 1;
    *end = '\0';
    return start;
}

int import_parse_date(const struct sheet_cell *c, bool date1904, char out[11])
{
    char buf[64];
    const char *p;
    size_t n;
    int64_t y, m, d;
    struct arena a;

    if (c->kind == SHEET_NUMBER) {
        double v = c->num;
        if (!c->is_date && v >= 18500101 && v <= 22001231 && v == (double)(int64_t)v) {
            int64_t k = (int64_t)v;
            if (!valid_ymd(k / 10000, k / 100 % 100, k % 100))
                return -1;
            fmt_date(out, k / 10000, k / 100 % 100, k % 100);
            return 0;
        }
        return import_serial_date(v, date1904, out);
    }
    /* "１９８５年３月１２日", "1985－03－12", a trailing NBSP: as typed with a Chinese IME */
    arena_init(&a, 256);
    snprintf(buf, sizeof(buf), "%s", cell_clean(c->text, true, &a));
    n = strlen(buf);
    arena_release(&a);
    if (n == 0 || n >= sizeof(buf) - 1)
        return -1;
    p = buf;
    if (n == 8 && strspn(buf, "0123456789") == 8) {
        y = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
        m = (buf[4] - '0') * 10 + (buf[5] - '0');
        d = (buf[6] - '0') * 10 + (buf[7] - '0');
    } else {
        if (digits(&p, 4, &y) != 4 || !separator(&p) || digits(&p, 2, &m) < 1)
            return -1;
        if (*p == '\0' || !strcmp(p, "月"))
            return m >= 1 && m <= 12 && y >= 1850 && y <= 2200 ? 1 : -1;
        if (!separator(&p) || digits(&p, 2, &d) < 1)
            return -1;
        if (!strncmp(p, "日", 3) || !strncmp(p, "号", 3))
            p += 3;
        if (*p && *p != ' ' && *p != 'T')
            return -1;
    }
    if (!valid_ymd(y, m, d))
        return -1;
    fmt_date(out, y, m, d);
    return 0;
}

bool import_id_mangled(const struct sheet_cell *c)
{
    const char *s = c->text;

    /* A 15-digit integer is a legacy ID (ID-15) that a double holds exactly (< 2^53): Excel
     * lost nothing, and member_normalize converts it to 18 digits. Longer numbers lost their
     * last digits (Excel keeps 15 significant ones). */
    if (c->kind == SHEET_NUMBER)
        return !(c->num >= 1e14 && c->num < 1e15 && c->num == (double)(int64_t)c->num);
    /* Text that shows scientific notation: a CSV saved after Excel displayed 1.10105E+17. */
    while (*s == ' ')
        s++;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s) || *s == '.')
        s++;
    return (*s == 'E' || *s == 'e') && (s[1] == '+' || isdigit((unsigned char)s[1]));
}

/* A number cell as text: integers without ".0", others with 15 significant digits. */
const char *import_number_text(const struct sheet_cell *c, struct arena *a)
{
    if (c->kind != SHEET_NUMBER)
        return c->text;
    if (c->num > -1e15 && c->num < 1e15 && c->num == (double)(int64_t)c->num)
        return arena_printf(a, "%" PRId64, (int64_t)c->num);
    return arena_printf(a, "%.15g", c->num);
}

int import_header_score(const struct import_column *cols, const struct sheet_cell *cells, size_t n,
                        bool *has_key)
{
    const struct import_column *seen[64];
    int score = 0;

    *has_key = false;
    for (size_t i = 0; i < n && score < 64; i++) {
        const struct import_column *c =
            cells[i].kind == SHEET_TEXT ? import_column_find(cols, cells[i].text) : NULL;
        bool dup = false;
        if (!c)
            continue;
        for (int k = 0; k < score; k++)
            dup = dup || seen[k] == c;
        if (dup)
            continue;
        seen[score++] = c;
        *has_key = *has_key || (c->flags & IMPORT_COL_KEY);
    }
    return score;
}

/* ---- a row's cells ---- */

static const char ID_AS_NUMBER[] =
    "身份证号被 Excel 存成了数字，超过 15 位的部分已丢失（显示为 1.10105E+17 之类）。请把该列"
    "设置为“文本”格式，重新输入完整的身份证号后再导入";
static const char ID_AS_SCIENTIFIC[] =
    "身份证号是科学计数法（如 1.10105E+17），说明 Excel 已把它当作数字，末几位已丢失。请把该列"
    "设置为“文本”格式，重新输入完整的身份证号后再导入";

/* A date cell as YYYY-MM-DD text (from ra); NULL when it is left empty (a month only where the
 * column allows it) or wrong (the reason in re). */
static const char *cell_date(struct import_run *s, size_t i, const struct sheet_cell *c,
                             const char *text, struct import_row_errs *re, struct arena *ra)
{
    char date[11];
    int dr = import_parse_date(c, s->info.date1904, date);

    if (dr == 0)
        return arena_strdup(ra, date);
    if (dr == 1 && s->col[i]->flags & IMPORT_COL_MONTH_SKIP)
        return NULL;
    import_row_err(s, re, s->col[i]->code,
                   dr == 1
                       ? arena_printf(ra, "日期“%s”只有年月，请写出完整日期，如 1985-03-12", text)
                       : arena_printf(ra,
                                      "无法识别的日期“%s”，请写成 1985-03-12、1985/3/12 或 "
                                      "1985年3月12日",
                                      text));
    return NULL;
}

void import_cells_decode(struct import_run *s, struct import_row *row,
                         const struct sheet_cell *cells, struct import_row_errs *re)
{
    struct err e = { 0 };

    for (size_t i = 0; i < row->ncells && i < s->ncols; i++) {
        const struct import_column *col = s->col[i];
        const struct sheet_cell *c = &cells[i];
        const char *text;
        if (!col || c->kind == SHEET_EMPTY)
            continue;
        /* a pasted name with a trailing space or NBSP, a blank-only cell: trimmed first */
        text = cell_clean(row->texts[i], false, row->arena);
        if (!text[0])
            continue;
        if (col->cell == IMPORT_CELL_REF) {
            row->ref[col - s->area->columns] = text;
            continue;
        }
        if (col->cell == IMPORT_CELL_ID && import_id_mangled(c)) {
            import_row_err(s, re, col->code,
                           c->kind == SHEET_NUMBER ? ID_AS_NUMBER : ID_AS_SCIENTIFIC);
            continue;
        }
        if (!s->col_spec[i])
            continue;
        if (col->cell == IMPORT_CELL_DATE && !(text = cell_date(s, i, c, text, re, row->arena)))
            continue;
        if (col->word)
            text = col->word(text);
        if (field_decode_text(s->col_spec[i], text, row->rec, row->arena, &e) < 0) {
            import_row_err(s, re, col->code, e.msg);
            err_clear(&e);
        }
    }
}
