/* member_import.c: the roster importer and the workbooks around it. Rows stream from the
 * reader: the first rows are held until the header row is found, then each row is decoded
 * (aliases, dates, numbers-as-IDs), checked (duplicates in the file, org in scope, existing
 * member in scope) and written in batches through member_upsert_many. All-or-nothing
 * imports run in one transaction; skip_invalid commits each batch and replays a batch
 * without a row that fails late. Dry runs write nothing. SQL lives in the members and orgs stores,
 * not here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "io/import_store.h"
#include "io/csv_read.h"
#include "io/member_import.h"
#include "io/xlsx_read.h"
#include "io/xlsx_write.h"

#define HEADER_SCAN_ROWS 30
#define BATCH_ROWS       512 /* a multiple of MEMBER_STORE_CHUNK */

/* ---- headers ---- */

static const struct {
    const char *field;
    const char *aliases[10];
} HEADER_ALIASES[] = {
    { "name", { "姓名", "党员姓名", "名字" } },
    { "former_name", { "曾用名" } },
    { "gender", { "性别" } },
    { "ethnicity", { "民族" } },
    { "birth_date", { "出生日期", "出生年月", "出生年月日", "出生时间", "生日" } },
    { "id_number",
      { "身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "身份证", "证件号",
        "身份证件号码" } },
    { "phone",
      { "手机", "手机号", "手机号码", "联系电话", "联系方式", "电话", "电话号码", "移动电话" } },
    { "address",
      { "家庭住址", "现居住地", "现住址", "居住地址", "住址", "家庭地址", "现居住地址",
        "居住地" } },
    { "hukou", { "户籍地", "户籍所在地", "户籍地址", "户口所在地" } },
    { "education", { "学历", "文化程度", "最高学历" } },
    { "org",
      { "所在党组织", "所属支部", "党支部", "所在支部", "所属党组织", "党组织", "所在党支部",
        "支部", "所属党支部", "党组织名称" } },
    { "status", { "党员状态", "党籍状态", "党员身份", "正式/预备", "状态" } },
    { "category", { "人员类别", "党员类别", "党员分类", "类别", "党员类型" } },
    { "joined_on", { "入党日期", "入党时间", "入党年月" } },
    { "full_member_on", { "转正日期", "转正时间", "转正年月" } },
    { "work_unit", { "工作单位", "单位", "工作单位名称" } },
    { "post", { "职务", "岗位", "职务职称" } },
    { "tags", { "标签", "党员标签" } },
};

/* Copies header text without spaces (ASCII, U+3000, line breaks), required-field stars and a
 * trailing explanation in brackets or after a colon. */
static void header_key(const char *s, char *out, size_t cap)
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

const char *import_header_field(const char *header)
{
    char key[256];

    header_key(header, key, sizeof(key));
    if (!key[0])
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(HEADER_ALIASES); i++)
        for (size_t k = 0; k < ARRAY_LEN(HEADER_ALIASES[i].aliases) && HEADER_ALIASES[i].aliases[k];
             k++)
            if (strcmp(HEADER_ALIASES[i].aliases[k], key) == 0)
                return HEADER_ALIASES[i].field;
    return NULL;
}

static bool is_date_field(const char *f)
{
    return f &&
           (!strcmp(f, "birth_date") || !strcmp(f, "joined_on") || !strcmp(f, "full_member_on"));
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

static void trim_span(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r' ||
                  (*s)[*n - 1] == '\n'))
        (*n)--;
}

int import_parse_date(const struct sheet_cell *c, bool date1904, char out[11])
{
    char buf[64];
    const char *s = c->text, *p;
    size_t n = strlen(s);
    int64_t y, m, d;

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
    trim_span(&s, &n);
    if (n == 0 || n >= sizeof(buf))
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
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
static const char *number_text(const struct sheet_cell *c, struct arena *a)
{
    if (c->kind != SHEET_NUMBER)
        return c->text;
    if (c->num > -1e15 && c->num < 1e15 && c->num == (double)(int64_t)c->num)
        return arena_printf(a, "%" PRId64, (int64_t)c->num);
    return arena_printf(a, "%.15g", c->num);
}

/* zh-CN words found in real rosters for the categories, beyond the official labels. */
static const struct {
    const char *word, *label;
} CATEGORY_WORDS[] = {
    { "在职", "在职党员报到" },
    { "在职党员", "在职党员报到" },
    { "报到党员", "在职党员报到" },
    { "离退休党员", "离退休" },
    { "退休", "离退休" },
    { "离休", "离退休" },
    { "退休党员", "离退休" },
    { "流动党员", "外出流动" },
    { "外出流动党员", "外出流动" },
    { "下岗", "下岗失业" },
    { "失业", "下岗失业" },
    { "下岗失业党员", "下岗失业" },
    { "两新组织党员", "两新组织" },
    { "学生党员", "学生" },
    { "社区党员", "组织关系在社区" },
    { "组织关系在社区党员", "组织关系在社区" },
};

static const char *category_word(const char *s)
{
    for (size_t i = 0; i < ARRAY_LEN(CATEGORY_WORDS); i++)
        if (!strcmp(CATEGORY_WORDS[i].word, s))
            return CATEGORY_WORDS[i].label;
    return s;
}

/* ---- the import state ---- */

/* How row_process reads a column, decided once from its header (header_choose). */
enum { COL_FIELD, COL_ORG, COL_ID_NUMBER, COL_DATE, COL_CATEGORY };

/* A name or short name 所在党组织 may hold, resolved against the orgs in scope. */
struct org_entry {
    const char *key; /* NULL: an empty slot */
    int64_t id;
    const char *path;
    int n;               /* orgs in scope with this name: 0, 1, or 2 (ambiguous) */
    bool checked;        /* message is final */
    const char *message; /* NULL: usable */
};

struct id_seen {
    char id[19];
    int64_t row;
};

struct pending {
    struct member_in m;
    int64_t row;
    const char **cells;
    size_t ncells;
    bool created_guess;
    bool absent; /* no person had the ID number when the row was checked */
};

struct imp {
    struct app *app;
    const struct import_opts *o;
    struct arena *a; /* result */
    struct import_result *r;
    struct err *err;
    struct db_conn *c;
    bool in_tx;
    bool writing;    /* all-or-nothing: no rejection yet, rows are written */
    bool fatal;      /* a database failure: stop */
    bool bulk_cache; /* the connection's page cache is raised for this import */
    struct sheet_info info;

    /* header search */
    bool have_header;
    struct held_row {
        int64_t row;
        struct sheet_cell *cells;
        size_t n;
    } held[HEADER_SCAN_ROWS];
    int nheld;
    struct arena hold_arena;
    const char **col_field;        /* per column of the file */
    const struct field **col_spec; /* per column: its MEMBER_FIELDS entry, or NULL */
    unsigned char *col_kind;       /* per column: COL_* (how row_process treats it) */
    size_t ncols;

    /* caches */
    struct arena cache_arena;
    struct org_entry *orgs; /* open addressing on key */
    size_t norgs, orgs_cap;
    bool orgs_loaded;
    struct id_seen *seen;
    size_t seen_cap, seen_n;
    int64_t default_org_id;
    const char *default_org_msg;

    /* rows */
    struct arena row_arena;
    struct arena batch_arena;
    struct pending *pend;
    size_t npend, pend_cap;
    int64_t done;
};

static void progress(struct imp *s)
{
    if (s->o->progress)
        s->o->progress(
            s->o->progress_ctx, s->done,
            s->info.last_row_hint > s->r->header_row ? s->info.last_row_hint - s->r->header_row : 0,
            s->r->accepted, s->r->rejected);
}

/* ---- duplicate IDs in the file: open addressing on the 18 characters ---- */

static uint64_t id_hash(const char *id)
{
    uint64_t h = 1469598103934665603ull;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211ull;
    return h;
}

/* Returns the row that already had id (0 when new, and records it). */
static int64_t seen_check(struct imp *s, const char *id, int64_t row)
{
    if ((s->seen_n + 1) * 2 > s->seen_cap) {
        size_t cap = s->seen_cap ? s->seen_cap * 2 : 1024;
        struct id_seen *t = calloc(cap, sizeof(*t));
        ASSERT(t);
        for (size_t i = 0; i < s->seen_cap; i++) {
            if (!s->seen[i].id[0])
                continue;
            size_t k = id_hash(s->seen[i].id) & (cap - 1);
            while (t[k].id[0])
                k = (k + 1) & (cap - 1);
            t[k] = s->seen[i];
        }
        free(s->seen);
        s->seen = t;
        s->seen_cap = cap;
    }
    size_t k = id_hash(id) & (s->seen_cap - 1);
    while (s->seen[k].id[0]) {
        if (!strcmp(s->seen[k].id, id))
            return s->seen[k].row;
        k = (k + 1) & (s->seen_cap - 1);
    }
    snprintf(s->seen[k].id, sizeof(s->seen[k].id), "%s", id);
    s->seen[k].row = row;
    s->seen_n++;
    return 0;
}

/* ---- orgs by name ---- */

/* Checks the org may receive members from this caller; sets *msg (cache memory) if not. */
static int org_usable(struct imp *s, int64_t id, const char *name, const char **msg)
{
    const char *path;

    *msg = NULL;
    if (org_path_of(s->c, id, &s->cache_arena, &path, s->err) < 0) {
        if (s->err->code != E_NOT_FOUND)
            return -1;
        err_clear(s->err);
        *msg = arena_printf(&s->cache_arena, "党组织“%s”不存在", name);
        return 0;
    }
    if (s->o->user && !auth_can(s->o->user, PERM_MEMBERS_WRITE, path))
        *msg = arena_printf(&s->cache_arena, "您没有在党组织“%s”登记党员的权限", name);
    return 0;
}

/* The slot of key: its entry, or the empty slot where it belongs. Invalidated by the next
 * call (the table may grow). */
static struct org_entry *org_slot(struct imp *s, const char *key)
{
    if ((s->norgs + 1) * 2 > s->orgs_cap) {
        size_t cap = s->orgs_cap ? s->orgs_cap * 2 : 1024;
        struct org_entry *t = calloc(cap, sizeof(*t));
        ASSERT(t);
        for (size_t i = 0; i < s->orgs_cap; i++) {
            if (!s->orgs[i].key)
                continue;
            size_t k = id_hash(s->orgs[i].key) & (cap - 1);
            while (t[k].key)
                k = (k + 1) & (cap - 1);
            t[k] = s->orgs[i];
        }
        free(s->orgs);
        s->orgs = t;
        s->orgs_cap = cap;
    }
    size_t k = id_hash(key) & (s->orgs_cap - 1);
    while (s->orgs[k].key && strcmp(s->orgs[k].key, key))
        k = (k + 1) & (s->orgs_cap - 1);
    return &s->orgs[k];
}

static void org_add(struct imp *s, const char *key, int64_t id, const char *path)
{
    struct org_entry *e = org_slot(s, key);

    if (!e->key) {
        *e = (struct org_entry){ .key = key, .id = id, .path = path, .n = 1 };
        s->norgs++;
    } else if (e->id != id) {
        e->n = 2;
    }
}

/* Loads every org in scope once: a name resolves when exactly one org not dissolved in scope
 * has it as its name or short name (two: ambiguous), without a query per name. */
static int orgs_load(struct imp *s)
{
    struct org_name *rows;
    int64_t n;

    if (org_names_in_scope(s->c, s->o->scope_path, &s->cache_arena, &rows, &n, s->err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        org_add(s, rows[i].name, rows[i].id, rows[i].path);
        if (rows[i].short_name)
            org_add(s, rows[i].short_name, rows[i].id, rows[i].path);
    }
    s->orgs_loaded = true;
    return 0;
}

static int org_lookup(struct imp *s, const char *name, int64_t *id_out, const char **msg_out)
{
    struct org_entry *e;

    if (!s->orgs_loaded && orgs_load(s) < 0)
        return -1;
    e = org_slot(s, name);
    if (!e->key) {
        *e = (struct org_entry){ .key = arena_strdup(&s->cache_arena, name), .checked = true };
        s->norgs++;
    }
    if (!e->checked) {
        if (e->n > 1)
            e->message =
                arena_printf(&s->cache_arena, "管辖范围内有多个名为“%s”的党组织，请填写全称", name);
        else if (s->o->user && !auth_can(s->o->user, PERM_MEMBERS_WRITE, e->path))
            e->message = arena_printf(&s->cache_arena, "您没有在党组织“%s”登记党员的权限", name);
        e->checked = true;
    }
    if (e->n == 0 && !e->message)
        e->message = arena_printf(&s->cache_arena,
                                  "在您的管辖范围内找不到党组织“%s”，请填写系统中的党组织全称"
                                  "或简称",
                                  name);
    *id_out = e->n == 1 ? e->id : 0;
    *msg_out = e->message;
    return 0;
}

/* ---- errors ---- */

/* The file's header for a member field, or the field's label when the file has none. */
static const char *column_of(struct imp *s, const char *field)
{
    const char *f = field && field[0] == '/' ? field + 1 : field;

    if (!f || !*f)
        return "";
    if (!strcmp(f, "org_id"))
        f = "org";
    for (size_t i = 0; i < s->ncols; i++)
        if (s->col_field[i] && !strcmp(s->col_field[i], f))
            return s->r->headers[i];
    for (const struct field *sp = MEMBER_FIELDS; sp->name; sp++)
        if (!strcmp(sp->name, f))
            return sp->label;
    return "";
}

struct row_errs {
    const char *column[16], *message[16];
    int n;
};

static void row_err(struct imp *s, struct row_errs *re, const char *column, const char *msg)
{
    if (re->n < 16) {
        re->column[re->n] = arena_strdup(s->a, column);
        re->message[re->n] = arena_strdup(s->a, msg);
        re->n++;
    }
}

static void push_error(struct imp *s, int64_t row, const char *column, const char *message)
{
    struct import_result *r = s->r;
    if (r->nerrors % 256 == 0) {
        struct import_error *n = arena_alloc(s->a, (size_t)(r->nerrors + 256) * sizeof(*n));
        if (r->nerrors)
            memcpy(n, r->errors, (size_t)r->nerrors * sizeof(*n));
        r->errors = n;
    }
    r->errors[r->nerrors++] = (struct import_error){ row, column, message };
}

/* Records a rejected row: its errors and a copy of its cells for the error workbook. */
static void reject(struct imp *s, int64_t row, const char *const *cells, size_t ncells,
                   const struct row_errs *re)
{
    struct import_result *r = s->r;
    struct import_bad_row b = { row, NULL, ncells, NULL };
    size_t len = 0;
    char *reason;

    for (int i = 0; i < re->n; i++) {
        push_error(s, row, re->column[i], re->message[i]);
        len += strlen(re->column[i]) + strlen(re->message[i]) + 8;
    }
    reason = arena_alloc(s->a, len + 1);
    for (int i = 0; i < re->n; i++) {
        size_t at = strlen(reason);
        snprintf(reason + at, len + 1 - at, "%s%s%s%s", i ? "；" : "", re->column[i],
                 re->column[i][0] ? "：" : "", re->message[i]);
    }
    b.reason = reason;
    b.cells = arena_alloc(s->a, (ncells ? ncells : 1) * sizeof(*b.cells));
    for (size_t i = 0; i < ncells; i++)
        b.cells[i] = arena_strdup(s->a, cells[i] ? cells[i] : "");
    if (r->nbad % 256 == 0) {
        struct import_bad_row *n = arena_alloc(s->a, (size_t)(r->nbad + 256) * sizeof(*n));
        if (r->nbad)
            memcpy(n, r->bad, (size_t)r->nbad * sizeof(*n));
        r->bad = n;
    }
    r->bad[r->nbad++] = b;
    r->rejected++;
    s->writing = false;
}

/* Whether a member-layer error is about the row (reported) or the database (fatal). */
static bool row_level(enum err_code c)
{
    return c == E_INVALID || c == E_CONFLICT || c == E_NOT_FOUND || c == E_FORBIDDEN;
}

/* ---- matched members ---- */

/* Whether two names are the same once spaces (ASCII and U+3000) are dropped. */
static bool same_name(const char *x, const char *y)
{
    for (;;) {
        while (*x == ' ' || *x == '\t' || !strncmp(x, "\xE3\x80\x80", 3))
            x += *x == ' ' || *x == '\t' ? 1 : 3;
        while (*y == ' ' || *y == '\t' || !strncmp(y, "\xE3\x80\x80", 3))
            y += *y == ' ' || *y == '\t' ? 1 : 3;
        if (*x != *y)
            return false;
        if (!*x)
            return true;
        x++;
        y++;
    }
}

/* Records what an accepted row does to the member it matched (in the result arena). */
static void note_update(struct imp *s, int64_t row, const struct member_match *mt)
{
    struct import_result *r = s->r;
    struct import_update *u;

    if (mt->nchanged == 0) {
        r->unchanged++;
        return;
    }
    if (r->nupdates % 256 == 0) {
        struct import_update *n = arena_alloc(s->a, (size_t)(r->nupdates + 256) * sizeof(*n));
        if (r->nupdates)
            memcpy(n, r->updates, (size_t)r->nupdates * sizeof(*n));
        r->updates = n;
    }
    u = &r->updates[r->nupdates++];
    u->row = row;
    u->member_id = mt->member_id;
    u->name = arena_strdup(s->a, mt->name);
    u->nfields = mt->nchanged;
    u->fields = arena_alloc(s->a, mt->nchanged * sizeof(*u->fields));
    for (size_t i = 0; i < mt->nchanged; i++)
        u->fields[i] = mt->changed[i]; /* MEMBER_FIELDS labels: static */
}

/* A row accepted and then rejected when written: it updates nothing after all. Returns
 * whether it was listed (false: it was counted as unchanged). */
static bool forget_update(struct imp *s, int64_t row)
{
    struct import_result *r = s->r;

    for (int64_t i = r->nupdates - 1; i >= 0; i--) {
        if (r->updates[i].row == row) {
            memmove(&r->updates[i], &r->updates[i + 1],
                    (size_t)(r->nupdates - i - 1) * sizeof(*r->updates));
            r->nupdates--;
            return true;
        }
    }
    return false;
}

/* ---- writing ---- */

static int tx_begin(struct imp *s)
{
    if (s->in_tx)
        return 0;
    if (db_tx_begin(s->c, s->err) < 0)
        return -1;
    s->in_tx = true;
    return 0;
}

/* Writes the pending rows with member_upsert_many on c; counts them on success. */
static int pend_write(struct imp *s, struct err *e)
{
    const struct member_in **rows = calloc(s->npend, sizeof(*rows));
    bool *created = calloc(s->npend, sizeof(*created));
    bool *absent = calloc(s->npend, sizeof(*absent));
    int rc;

    ASSERT(rows && created && absent);
    for (size_t i = 0; i < s->npend; i++) {
        rows[i] = &s->pend[i].m;
        absent[i] = s->pend[i].absent;
    }
    rc = member_upsert_many(s->c, rows, s->npend, absent, s->o->actor, created, e);
    if (rc == 0) {
        for (size_t i = 0; i < s->npend; i++) {
            s->r->created += created[i];
            s->r->updated += !created[i];
        }
    }
    free(rows);
    free(created);
    free(absent);
    return rc;
}

/* The batch is written (or rejected). Its memory is released by on_row before the next row:
 * the row being processed may have its cells in it. */
static void pend_done(struct imp *s)
{
    s->npend = 0;
}

/* Writes the pending batch in one transaction (skip_invalid). When the batch fails, it is
 * written again row by row; a row that fails then is rejected and the batch is written
 * again without it. */
static int batch_flush(struct imp *s)
{
    struct err fast = { 0 };

    if (s->npend == 0)
        return 0;
    if (tx_begin(s) < 0)
        return -1;
    if (pend_write(s, &fast) == 0) {
        if (db_tx_commit(s->c, s->err) < 0)
            return -1;
        s->in_tx = false;
        pend_done(s);
        return 0;
    }
    db_tx_rollback(s->c);
    s->in_tx = false;
    for (;;) {
        int64_t created = 0, updated = 0;
        size_t failed = s->npend;
        struct err e = { 0 };

        if (s->npend == 0)
            return 0;
        if (tx_begin(s) < 0)
            return -1;
        for (size_t i = 0; i < s->npend; i++) {
            int64_t id;
            bool was_created;
            if (member_upsert(s->c, &s->pend[i].m, s->o->actor, &id, &was_created, &e) < 0) {
                failed = i;
                break;
            }
            created += was_created;
            updated += !was_created;
        }
        if (failed == s->npend) {
            if (db_tx_commit(s->c, s->err) < 0)
                return -1;
            s->in_tx = false;
            s->r->created += created;
            s->r->updated += updated;
            pend_done(s);
            return 0;
        }
        db_tx_rollback(s->c);
        s->in_tx = false;
        if (!row_level(e.code)) {
            *s->err = e;
            return -1;
        }
        struct row_errs re = { 0 };
        struct pending *p = &s->pend[failed];
        row_err(s, &re, column_of(s, e.field), e.msg);
        reject(s, p->row, p->cells, p->ncells, &re);
        s->r->accepted--;
        if (!p->created_guess && !forget_update(s, p->row))
            s->r->unchanged--;
        memmove(p, p + 1, (s->npend - failed - 1) * sizeof(*p));
        s->npend--;
    }
}

/* Writes the pending batch inside the one transaction (all-or-nothing). When the batch
 * fails on a row, nothing will be committed: the transaction is rolled back and begun
 * again, and the batch is written row by row to find the first row that fails, which is
 * rejected as member_upsert of that row alone would reject it. */
static int batch_write(struct imp *s)
{
    struct err e = { 0 };
    size_t failed = 0;

    if (s->npend == 0)
        return 0;
    if (pend_write(s, &e) == 0) {
        pend_done(s);
        return 0;
    }
    if (!row_level(e.code)) {
        *s->err = e;
        return -1;
    }
    db_tx_rollback(s->c);
    s->in_tx = false;
    if (tx_begin(s) < 0)
        return -1;
    for (size_t i = 0; i < s->npend; i++) {
        struct err e2 = { 0 };
        int64_t id;
        bool created;
        if (member_upsert(s->c, &s->pend[i].m, s->o->actor, &id, &created, &e2) == 0)
            continue;
        if (!row_level(e2.code)) {
            *s->err = e2;
            return -1;
        }
        e = e2;
        failed = i;
        break;
    }
    /* The failing row (the batch's first row, should every row pass on its own). */
    struct row_errs re = { 0 };
    struct pending *p = &s->pend[failed];
    row_err(s, &re, column_of(s, e.field), e.msg);
    reject(s, p->row, p->cells, p->ncells, &re);
    s->r->accepted--;
    pend_done(s);
    return 0;
}

/* ---- one data row ---- */

static bool pending_mode(const struct imp *s)
{
    return !s->o->dry_run && (s->o->skip_invalid || s->writing);
}

static int row_process(struct imp *s, int64_t row, const struct sheet_cell *cells, size_t n)
{
    /* Rows that will be written wait in the batch; the others live until the next row. */
    struct arena *ra = pending_mode(s) ? &s->batch_arena : &s->row_arena;
    struct member_in m = { 0 };
    struct row_errs re = { 0 };
    struct err e = { 0 };
    const char **texts = arena_alloc(ra, (n ? n : 1) * sizeof(*texts));
    const char *org_name = NULL;
    bool id_bad = false;

    s->r->rows++;
    for (size_t i = 0; i < n; i++)
        texts[i] = number_text(&cells[i], ra);
    for (size_t i = 0; i < n && i < s->ncols; i++) {
        const char *f = s->col_field[i], *text = texts[i];
        const struct sheet_cell *c = &cells[i];
        unsigned kind = s->col_kind[i];
        if (!f || c->kind == SHEET_EMPTY || !text[0])
            continue;
        if (kind == COL_ORG) {
            org_name = text;
            continue;
        }
        if (kind == COL_ID_NUMBER && import_id_mangled(c)) {
            row_err(s, &re, s->r->headers[i],
                    c->kind == SHEET_NUMBER
                        ? "身份证号被 Excel 存成了数字，超过 15 位的部分已丢失（显示为 "
                          "1.10105E+17 之类）。请把该列设置为“文本”格式，重新输入完整的身份证号"
                          "后再导入"
                        : "身份证号是科学计数法（如 1.10105E+17），说明 Excel 已把它当作数字，"
                          "末几位已丢失。请把该列设置为“文本”格式，重新输入完整的身份证号后再导入");
            id_bad = true;
            continue;
        }
        const struct field *spec = s->col_spec[i];
        if (!spec)
            continue;
        if (kind == COL_DATE) {
            char date[11];
            int dr = import_parse_date(c, s->info.date1904, date);
            if (dr == 1 && !strcmp(f, "birth_date"))
                continue; /* 出生年月 only: the birth date comes from the ID number */
            if (dr != 0) {
                row_err(s, &re, s->r->headers[i],
                        dr == 1 ? arena_printf(ra,
                                               "日期“%s”只有年月，请写出完整日期，如 "
                                               "1985-03-12",
                                               text)
                                : arena_printf(ra,
                                               "无法识别的日期“%s”，请写成 1985-03-12、"
                                               "1985/3/12 或 1985年3月12日",
                                               text));
                continue;
            }
            text = arena_strdup(ra, date);
        } else if (kind == COL_CATEGORY) {
            text = category_word(text);
        }
        if (field_decode_text(spec, text, &m, ra, &e) < 0) {
            row_err(s, &re, s->r->headers[i], e.msg);
            err_clear(&e);
        }
    }
    if (!m.id_number && !id_bad)
        row_err(s, &re, column_of(s, "id_number"), "请填写身份证号（导入按身份证号识别党员）");
    if (re.n == 0) {
        if (org_name) {
            const char *msg;
            if (org_lookup(s, org_name, &m.org_id, &msg) < 0)
                goto fatal;
            if (msg)
                row_err(s, &re, column_of(s, "org"), msg);
        } else if (s->default_org_msg) {
            row_err(s, &re, column_of(s, "org"), s->default_org_msg);
        } else if (s->default_org_id) {
            m.org_id = s->default_org_id;
        } else {
            row_err(s, &re, column_of(s, "org"), "请填写所在党组织");
        }
    }
    if (re.n == 0 && member_normalize(s->app, &m, ra, &e) < 0) {
        row_err(s, &re, column_of(s, e.field), e.msg);
        err_clear(&e);
    }
    if (re.n == 0) {
        int64_t first = seen_check(s, m.id_number, row);
        if (first)
            row_err(s, &re, column_of(s, "id_number"),
                    arena_printf(ra,
                                 "身份证号与第 %" PRId64 " 行重复（同一文件中每人只能出现一次）",
                                 first));
    }
    bool exists = false, absent = false;
    struct member_match match;
    if (re.n == 0) {
        if (member_match_id_number(s->c, &m, ra, &match, &e) < 0) {
            *s->err = e;
            goto fatal;
        }
        exists = match.member_id != 0;
        absent = match.person_id == 0; /* the write need not look the ID number up again */
        if (exists) {
            if (s->o->user && !auth_can(s->o->user, PERM_MEMBERS_WRITE, match.org_path)) {
                row_err(s, &re, column_of(s, "id_number"),
                        "该身份证号已登记为其他党组织（不在您的管辖范围）的党员，不能通过导入"
                        "修改；如需转入，请办理组织关系转接");
            } else if (m.name && !same_name(m.name, match.name)) {
                row_err(s, &re, column_of(s, "name"),
                        arena_printf(ra,
                                     "身份证号已登记为“%s”，姓名不一致。请核对身份证号；如确已"
                                     "更名，请在党员详情中修改姓名",
                                     match.name));
            } else if (m.org_id != match.org_id) {
                row_err(s, &re, column_of(s, "org"),
                        arena_printf(ra,
                                     "该党员的组织关系在“%s”，导入不能转移组织关系；如需转入，"
                                     "请办理组织关系转接",
                                     match.org_name ? match.org_name : ""));
            } else if (m.name && strcmp(m.name, match.name)) {
                m.name = NULL; /* the same name but for spaces: the registered one stays */
                if (member_match_id_number(s->c, &m, ra, &match, &e) < 0) {
                    *s->err = e;
                    goto fatal;
                }
            }
        }
        if (re.n == 0 && !exists && !m.name)
            row_err(s, &re, column_of(s, "name"), "新登记的党员必须填写姓名");
    }
    if (re.n > 0) {
        /* All-or-nothing: the rows before this one are written first, as they would have
         * been one by one, so a row failing in the database is still reported. */
        if (!s->o->dry_run && !s->o->skip_invalid && s->writing && batch_write(s) < 0)
            goto fatal;
        reject(s, row, texts, n, &re);
        return 0;
    }
    s->r->accepted++;
    if (exists)
        note_update(s, row, &match);
    if (s->o->dry_run) {
        s->r->created += !exists;
        s->r->updated += exists;
        return 0;
    }
    if (!s->o->skip_invalid && !s->writing)
        return 0;
    if (s->npend == s->pend_cap) {
        s->pend_cap = s->pend_cap ? s->pend_cap * 2 : BATCH_ROWS;
        s->pend = realloc(s->pend, s->pend_cap * sizeof(*s->pend));
        ASSERT(s->pend);
    }
    s->pend[s->npend++] = (struct pending){ m, row, texts, n, !exists, absent };
    if (s->npend >= BATCH_ROWS && (s->o->skip_invalid ? batch_flush(s) : batch_write(s)) < 0)
        goto fatal;
    return 0;
fatal:
    s->fatal = true;
    return -1;
}

/* ---- header detection ---- */

static int header_score(const struct sheet_cell *cells, size_t n, bool *has_key)
{
    const char *seen[ARRAY_LEN(HEADER_ALIASES)];
    int score = 0;

    *has_key = false;
    for (size_t i = 0; i < n; i++) {
        const char *f = cells[i].kind == SHEET_TEXT ? import_header_field(cells[i].text) : NULL;
        bool dup = false;
        if (!f)
            continue;
        for (int k = 0; k < score; k++)
            dup = dup || seen[k] == f;
        if (dup)
            continue;
        seen[score++] = f;
        *has_key = *has_key || !strcmp(f, "name") || !strcmp(f, "id_number");
    }
    return score;
}

/* Picks the header among the held rows, maps its columns, then imports the rows below it. */
static int header_choose(struct imp *s)
{
    int best = -1, best_score = 1;
    struct import_result *r = s->r;
    bool has_id = false, has_name = false, has_org = false;

    for (int i = 0; i < s->nheld; i++) {
        bool key;
        int sc = header_score(s->held[i].cells, s->held[i].n, &key);
        if (key && sc > best_score) {
            best = i;
            best_score = sc;
        }
    }
    if (best < 0)
        return err_set(s->err, E_INVALID, "/file",
                       "在前 %d 行中找不到表头行（应包含“姓名”“身份证号”“所在党组织”等列名）。"
                       "请使用导入模板，或检查表头是否在第一个工作表中",
                       HEADER_SCAN_ROWS);
    struct held_row *h = &s->held[best];
    r->header_row = h->row;
    r->nheaders = h->n;
    r->headers = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*r->headers));
    r->ignored_columns = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*r->ignored_columns));
    s->ncols = h->n;
    s->col_field = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*s->col_field));
    s->col_spec = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*s->col_spec));
    s->col_kind = arena_alloc(s->a, h->n ? h->n : 1);
    for (size_t i = 0; i < h->n; i++) {
        char key[256];
        const char *f =
            h->cells[i].kind == SHEET_TEXT ? import_header_field(h->cells[i].text) : NULL;
        header_key(h->cells[i].text, key, sizeof(key));
        r->headers[i] = arena_strdup(s->a, key[0] ? key : h->cells[i].text);
        for (size_t k = 0; f && k < i; k++)
            if (s->col_field[k] == f)
                f = NULL; /* a repeated column: the first one counts */
        s->col_field[i] = f;
        s->col_spec[i] = NULL;
        for (const struct field *sp = MEMBER_FIELDS; f && sp->name; sp++)
            if (!strcmp(sp->name, f))
                s->col_spec[i] = sp;
        s->col_kind[i] = !f                        ? COL_FIELD
                         : !strcmp(f, "org")       ? COL_ORG
                         : !strcmp(f, "id_number") ? COL_ID_NUMBER
                         : is_date_field(f)        ? COL_DATE
                         : !strcmp(f, "category")  ? COL_CATEGORY
                                                   : COL_FIELD;
        if (!f && h->cells[i].text[0])
            r->ignored_columns[r->nignored++] = r->headers[i];
        has_id = has_id || (f && !strcmp(f, "id_number"));
        has_name = has_name || (f && !strcmp(f, "name"));
        has_org = has_org || (f && !strcmp(f, "org"));
    }
    if (!has_id)
        return err_set(s->err, E_INVALID, "/file",
                       "表头（第 %" PRId64 " 行）没有“身份证号”列（也可写作 身份证号码、公民身份"
                       "号码、证件号码）。导入按身份证号识别党员，请加上这一列",
                       h->row);
    if (!has_name)
        return err_set(s->err, E_INVALID, "/file",
                       "表头（第 %" PRId64 " 行）没有“姓名”列，请加上这一列", h->row);
    if (!has_org && !s->default_org_id)
        return err_set(s->err, E_INVALID, "/file",
                       "表头（第 %" PRId64 " 行）没有“所在党组织”列（也可写作 所属支部、党支部）。"
                       "请加上这一列，或在导入时选择党组织",
                       h->row);
    s->have_header = true;
    for (int i = best + 1; i < s->nheld; i++) {
        if (row_process(s, s->held[i].row, s->held[i].cells, s->held[i].n) < 0)
            return -1;
        s->done++;
        progress(s);
    }
    s->nheld = 0;
    arena_release(&s->hold_arena);
    return 0;
}

static int on_row(void *ctx, int64_t row, const struct sheet_cell *cells, size_t n, struct err *err)
{
    struct imp *s = ctx;

    UNUSED(err);
    if (!s->have_header) {
        struct held_row *h = &s->held[s->nheld++];
        h->row = row;
        h->n = n;
        h->cells = arena_alloc(&s->hold_arena, n * sizeof(*h->cells));
        for (size_t i = 0; i < n; i++) {
            h->cells[i] = cells[i];
            h->cells[i].text = arena_strdup(&s->hold_arena, cells[i].text);
        }
        if (s->nheld == HEADER_SCAN_ROWS)
            return header_choose(s);
        return 0;
    }
    arena_release(&s->row_arena);
    arena_init(&s->row_arena, 4096);
    if (s->npend == 0 && s->batch_arena.total > (1u << 20)) {
        /* No row waits: rejected rows have their copies in the result arena. */
        arena_release(&s->batch_arena);
        arena_init(&s->batch_arena, 64 * 1024);
    }
    if (row_process(s, row, cells, n) < 0)
        return -1;
    s->done++;
    progress(s);
    return 0;
}

/* Binary that is neither a zip nor UTF-16 text (an .xls, an encrypted workbook, a picture):
 * handed to the xlsx reader, which says what it is. */
static bool looks_binary(const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t n = len < 4096 ? len : 4096;

    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return false;
    return memchr(p, 0, n) != NULL;
}

int member_import(struct app *app, const void *data, size_t len, const struct import_opts *o,
                  struct arena *a, struct import_result *out, struct err *err)
{
    struct imp s = { 0 };
    int rc = -1, read_rc;

    memset(out, 0, sizeof(*out));
    s.app = app;
    s.o = o;
    s.a = a;
    s.r = out;
    s.err = err;
    s.writing = !o->dry_run;
    arena_init(&s.hold_arena, 16 * 1024);
    arena_init(&s.cache_arena, 16 * 1024);
    arena_init(&s.row_arena, 4096);
    arena_init(&s.batch_arena, 64 * 1024);
    if (len == 0) {
        err_set(err, E_INVALID, "/file", "上传的文件是空的");
        goto out;
    }
    {
        bool demo; /* warms the members service's cache before our transaction holds a lock */
        if (member_demo_instance(app, &demo, err) < 0)
            goto out;
    }
    if (db_acquire(app->db, &s.c, err) < 0)
        goto out;
    if (!o->dry_run) {
        /* 128 MiB of page cache, so a transaction of 100k rows does not spill pages to the WAL
         * and read them back; connections are pooled, so it is always turned off again. */
        if (db_bulk_begin(s.c, 0, 131072, err) < 0)
            goto out;
        s.bulk_cache = true;
    }
    if (o->default_org_id) {
        s.default_org_id = o->default_org_id;
        if (org_usable(&s, o->default_org_id, "（导入时选择的党组织）", &s.default_org_msg) < 0)
            goto out;
    }
    if (!o->dry_run && !o->skip_invalid && tx_begin(&s) < 0)
        goto out;
    if (xlsx_sniff(data, len) || looks_binary(data, len))
        read_rc = xlsx_read_mem(data, len, &o->lim, &s.info, on_row, &s, err);
    else
        read_rc = csv_read_mem(data, len, &o->lim, &s.info, on_row, &s, err);
    if (read_rc < 0)
        goto out;
    if (!s.have_header && header_choose(&s) < 0)
        goto out;
    if (o->skip_invalid && !o->dry_run && batch_flush(&s) < 0)
        goto out;
    if (!o->skip_invalid && !o->dry_run && s.writing && batch_write(&s) < 0)
        goto out;
    out->format = s.info.format;
    out->encoding = s.info.encoding;
    if (s.in_tx) {
        if (out->rejected == 0) {
            if (db_tx_commit(s.c, err) < 0)
                goto out;
            out->committed = true;
        } else {
            db_tx_rollback(s.c);
            out->created = out->updated = 0;
            out->nupdates = out->unchanged = 0;
        }
        s.in_tx = false;
    } else {
        out->committed = !o->dry_run && o->skip_invalid;
    }
    if (out->rows == 0 && out->rejected == 0)
        out->committed = false;
    rc = 0;
out:
    if (s.in_tx)
        db_tx_rollback(s.c);
    if (rc < 0 && o->skip_invalid)
        out->committed = out->created + out->updated > 0;
    if (s.bulk_cache)
        db_bulk_end(s.c);
    db_release(app->db, &s.c);
    arena_release(&s.hold_arena);
    arena_release(&s.cache_arena);
    arena_release(&s.row_arena);
    arena_release(&s.batch_arena);
    free(s.orgs);
    free(s.seen);
    free(s.pend);
    return rc;
}

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
        "张示例",     "",           "男",     "汉族",     "1985-03-12",
        NULL,         NULL,         NULL,     "正式党员", "组织关系在社区",
        "2008-07-01", "2009-07-01", "本科",   "示例单位", "职员",
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
