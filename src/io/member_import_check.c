/* member_import_check.c: one data row of a roster import: its cells decoded into a member,
 * checked (duplicate ID numbers in the file, 所在党组织 by name in the caller's scope, the
 * member already registered: same person, same org) and accepted into the batch or rejected.
 * Writing the batch is member_import_write.c's; finding the header member_import.c's. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "io/member_import.h"
#include "io/member_import_int.h"

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
int import_org_usable(struct imp *s, int64_t id, const char *name, const char **msg)
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

/* ---- one data row ---- */

static bool pending_mode(const struct imp *s)
{
    return !s->o->dry_run && (s->o->skip_invalid || s->writing);
}

/* Decodes the cells of a data row into m (text from ra); 所在党组织 goes to *org_name_out
 * unresolved. Cell errors go to re; returns whether the ID number cell was mangled by Excel. */
static bool row_decode(struct imp *s, struct arena *ra, const struct sheet_cell *cells,
                       const char **texts, size_t n, struct member_in *m, struct row_errs *re,
                       const char **org_name_out)
{
    struct err e = { 0 };
    bool id_bad = false;

    for (size_t i = 0; i < n && i < s->ncols; i++) {
        const char *f = s->col_field[i], *text = texts[i];
        const struct sheet_cell *c = &cells[i];
        unsigned kind = s->col_kind[i];
        if (!f || c->kind == SHEET_EMPTY || !text[0])
            continue;
        if (kind == COL_ORG) {
            *org_name_out = text;
            continue;
        }
        if (kind == COL_ID_NUMBER && import_id_mangled(c)) {
            import_row_err(
                s, re, s->r->headers[i],
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
                import_row_err(s, re, s->r->headers[i],
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
            text = import_category_word(text);
        }
        if (field_decode_text(spec, text, m, ra, &e) < 0) {
            import_row_err(s, re, s->r->headers[i], e.msg);
            err_clear(&e);
        }
    }
    return id_bad;
}

/* Resolves the row's org (org_name, or the import's default org) into m->org_id; a reason it
 * cannot go to re. -1 only on a database failure. */
static int row_org(struct imp *s, const char *org_name, struct member_in *m, struct row_errs *re)
{
    if (org_name) {
        const char *msg;
        if (org_lookup(s, org_name, &m->org_id, &msg) < 0)
            return -1;
        if (msg)
            import_row_err(s, re, import_column_of(s, "org"), msg);
    } else if (s->default_org_msg) {
        import_row_err(s, re, import_column_of(s, "org"), s->default_org_msg);
    } else if (s->default_org_id) {
        m->org_id = s->default_org_id;
    } else {
        import_row_err(s, re, import_column_of(s, "org"), "请填写所在党组织");
    }
    return 0;
}

/* Matches the row against the member registered with its ID number (*match; *exists and
 * *absent: a member / no person has it): a registered member may be updated only in scope,
 * under the same name and in the same org. Reasons go to re; -1 only on a database failure. */
static int row_match(struct imp *s, struct arena *ra, struct member_in *m, struct row_errs *re,
                     struct member_match *match, bool *exists, bool *absent)
{
    struct err e = { 0 };

    if (member_match_id_number(s->c, m, ra, match, &e) < 0) {
        *s->err = e;
        return -1;
    }
    *exists = match->member_id != 0;
    *absent = match->person_id == 0; /* the write need not look the ID number up again */
    if (*exists) {
        if (s->o->user && !auth_can(s->o->user, PERM_MEMBERS_WRITE, match->org_path)) {
            import_row_err(s, re, import_column_of(s, "id_number"),
                           "该身份证号无法在此登记，请联系上级党组织核实");
        } else if (m->name && !same_name(m->name, match->name)) {
            import_row_err(s, re, import_column_of(s, "name"),
                           arena_printf(ra,
                                        "身份证号已登记为“%s”，姓名不一致。请核对身份证号；如确已"
                                        "更名，请在党员详情中修改姓名",
                                        match->name));
        } else if (m->org_id != match->org_id) {
            import_row_err(s, re, import_column_of(s, "org"),
                           arena_printf(ra,
                                        "该党员的组织关系在“%s”，导入不能转移组织关系；如需转入，"
                                        "请办理组织关系转接",
                                        match->org_name ? match->org_name : ""));
        } else if (m->name && strcmp(m->name, match->name)) {
            m->name = NULL; /* the same name but for spaces: the registered one stays */
            if (member_match_id_number(s->c, m, ra, match, &e) < 0) {
                *s->err = e;
                return -1;
            }
        }
    }
    if (re->n == 0 && !*exists && !m->name)
        import_row_err(s, re, import_column_of(s, "name"), "新登记的党员必须填写姓名");
    return 0;
}

/* Counts an accepted row and, when rows are written, adds it to the batch (written when full). */
static int row_accept(struct imp *s, int64_t row, const char **texts, size_t n,
                      const struct member_in *m, bool exists, bool absent,
                      const struct member_match *match)
{
    s->r->accepted++;
    if (exists)
        import_note_update(s, row, match);
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
    s->pend[s->npend++] = (struct pending){ *m, row, texts, n, !exists, absent };
    if (s->npend >= BATCH_ROWS &&
        (s->o->skip_invalid ? import_batch_flush(s) : import_batch_write(s)) < 0)
        return -1;
    return 0;
}

int import_row_process(struct imp *s, int64_t row, const struct sheet_cell *cells, size_t n)
{
    /* Rows that will be written wait in the batch; the others live until the next row. */
    struct arena *ra = pending_mode(s) ? &s->batch_arena : &s->row_arena;
    struct member_in m = { 0 };
    struct row_errs re = { 0 };
    struct err e = { 0 };
    const char **texts = arena_alloc(ra, (n ? n : 1) * sizeof(*texts));
    const char *org_name = NULL;
    bool id_bad, exists = false, absent = false;
    struct member_match match;

    s->r->rows++;
    for (size_t i = 0; i < n; i++)
        texts[i] = import_number_text(&cells[i], ra);
    id_bad = row_decode(s, ra, cells, texts, n, &m, &re, &org_name);
    if (!m.id_number && !id_bad)
        import_row_err(s, &re, import_column_of(s, "id_number"),
                       "请填写身份证号（导入按身份证号识别党员）");
    if (re.n == 0 && row_org(s, org_name, &m, &re) < 0)
        goto fatal;
    if (re.n == 0 && member_normalize(s->app, &m, ra, &e) < 0) {
        import_row_err(s, &re, import_column_of(s, e.field), e.msg);
        err_clear(&e);
    }
    if (re.n == 0) {
        int64_t first = seen_check(s, m.id_number, row);
        if (first)
            import_row_err(
                s, &re, import_column_of(s, "id_number"),
                arena_printf(ra, "身份证号与第 %" PRId64 " 行重复（同一文件中每人只能出现一次）",
                             first));
    }
    if (re.n == 0 && row_match(s, ra, &m, &re, &match, &exists, &absent) < 0)
        goto fatal;
    if (re.n > 0) {
        /* All-or-nothing: the rows before this one are written first, as they would have
         * been one by one, so a row failing in the database is still reported. */
        if (!s->o->dry_run && !s->o->skip_invalid && s->writing && import_batch_write(s) < 0)
            goto fatal;
        import_reject(s, row, texts, n, &re);
        return 0;
    }
    if (row_accept(s, row, texts, n, &m, exists, absent, &match) < 0)
        goto fatal;
    return 0;
fatal:
    s->fatal = true;
    return -1;
}
