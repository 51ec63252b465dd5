/* member_import_check.c: the roster's checks of one decoded row, for the generic importer:
 * 所在党组织 by name in the caller's scope (every org in scope loaded once), every rule of
 * member_normalize (each error, not only the first), a duplicate ID number in the file, and the
 * member already registered (same person, same org). Cells are decoded by the engine; writing
 * is member_import.c's. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "io/import_engine.h"
#include "io/member_import.h"
#include "io/member_import_int.h"

/* ---- orgs by name ---- */

/* Checks the org may receive members from this caller; sets *msg (cache memory) if not. */
static int org_usable(struct mimp *s, struct db_conn *c, int64_t id, const char *name,
                      const char **msg, struct err *err)
{
    const char *path;

    *msg = NULL;
    if (org_path_of(c, id, &s->cache_arena, &path, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        *msg = arena_printf(&s->cache_arena, "党组织“%s”不存在", name);
        return 0;
    }
    if (s->o->user && !auth_can(s->o->user, PERM_MEMBERS_WRITE, path))
        *msg = arena_printf(&s->cache_arena, "您没有在党组织“%s”登记党员的权限", name);
    return 0;
}

static void org_add(struct mimp *s, const char *key, int64_t id, const char *path)
{
    struct org_entry *e = import_keys_slot(&s->orgs, key);

    if (!e->key) {
        *e = (struct org_entry){ .key = key, .id = id, .path = path, .n = 1 };
        s->orgs.n++;
    } else if (e->id != id) {
        e->n = 2;
    }
}

/* Loads every org in scope once: a name resolves when exactly one org not dissolved in scope
 * has it as its name or short name (two: ambiguous), without a query per name. */
static int orgs_load(struct mimp *s, struct db_conn *c, struct err *err)
{
    struct org_name *rows;
    int64_t n;

    if (org_names_in_scope(c, s->o->scope_path, &s->cache_arena, &rows, &n, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        org_add(s, rows[i].name, rows[i].id, rows[i].path);
        if (rows[i].short_name)
            org_add(s, rows[i].short_name, rows[i].id, rows[i].path);
    }
    s->orgs_loaded = true;
    return 0;
}

static int org_lookup(struct mimp *s, struct db_conn *c, const char *name, int64_t *id_out,
                      const char **msg_out, struct err *err)
{
    struct org_entry *e;

    if (!s->orgs_loaded && orgs_load(s, c, err) < 0)
        return -1;
    e = import_keys_slot(&s->orgs, name);
    if (!e->key) {
        *e = (struct org_entry){ .key = arena_strdup(&s->cache_arena, name), .checked = true };
        s->orgs.n++;
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

/* Resolves the row's org (org_name, or the import's default org) into m->org_id; a reason it
 * cannot goes to re. -1 only on a database failure. */
static int row_org(struct mimp *s, struct import_run *run, const char *org_name,
                   struct member_in *m, struct import_row_errs *re, struct err *err)
{
    struct db_conn *c = import_run_conn(run);

    if (!s->default_checked && s->o->default_org_id) {
        if (org_usable(s, c, s->o->default_org_id, "（导入时选择的党组织）", &s->default_org_msg,
                       err) < 0)
            return -1;
        s->default_checked = true;
    }
    if (org_name) {
        const char *msg;
        if (org_lookup(s, c, org_name, &m->org_id, &msg, err) < 0)
            return -1;
        if (msg)
            import_row_err(run, re, "org", msg);
    } else if (s->default_org_msg) {
        import_row_err(run, re, "org", s->default_org_msg);
    } else if (s->o->default_org_id) {
        m->org_id = s->o->default_org_id;
    } else {
        import_row_err(run, re, "org", "请填写所在党组织");
    }
    return 0;
}

/* Clears the field a rule refused (JSON pointer), so the rules can be run again for the
 * others. Returns false when there is nothing to clear (the rules would refuse it again). */
static bool field_clear(struct member_in *m, const char *pointer)
{
    const char *f = pointer && pointer[0] == '/' ? pointer + 1 : "";

    for (const struct field *sp = MEMBER_FIELDS; f[0] && sp->name; sp++) {
        char *p = (char *)m + sp->offset;
        if (strcmp(sp->name, f))
            continue;
        if (sp->type == FIELD_T_ID) {
            bool had = *(int64_t *)(void *)p != 0;
            *(int64_t *)(void *)p = 0;
            return had;
        }
        bool had = *(char **)(void *)p != NULL;
        *(char **)(void *)p = NULL;
        return had;
    }
    return false;
}

/* Runs member_normalize until it passes, each refused field cleared after its error is noted:
 * every rule a row breaks is reported at once. -1 only when the check itself fails. */
static int row_normalize(struct mimp *s, struct import_run *run, struct import_row *row,
                         struct member_in *m, struct import_row_errs *re, struct err *err)
{
    for (int i = 0; i < (int)ARRAY_LEN(MEMBER_COLUMNS); i++) {
        struct err e = { 0 };
        if (member_normalize(s->app, m, row->arena, &e) == 0)
            return 0;
        if (e.code != E_INVALID) {
            *err = e;
            return -1;
        }
        import_row_err(run, re, e.field, e.msg);
        if (!field_clear(m, e.field))
            return 0;
    }
    return 0;
}

/* Matches the row against the member registered with its ID number: a registered member
 * may be updated only in scope, under the same name and in the same org. Reasons go to re;
 * -1 only on a database failure. */
static int row_match(struct mimp *s, struct import_run *run, struct import_row *row,
                     struct import_row_errs *re, struct err *err)
{
    struct member_row *mr = row->rec;
    struct member_in *m = &mr->m;
    struct member_match match;

    if (member_match_id_number(import_run_conn(run), m, row->arena, &match, err) < 0)
        return -1;
    mr->absent = match.person_id == 0; /* the write need not look the ID number up again */
    if (!match.member_id) {
        if (!m->name && !import_row_errs_has(re, "name"))
            import_row_err(run, re, "name", "新登记的党员必须填写姓名");
        return 0;
    }
    if (s->o->user && !auth_can(s->o->user, PERM_MEMBERS_WRITE, match.org_path))
        /* says nothing of a membership outside the caller's scope (no existence oracle) */
        import_row_err(run, re, "id_number", "该身份证号无法在此登记，请联系上级党组织核实");
    else if (m->name && !same_name(m->name, match.name))
        import_row_err(run, re, "name",
                       arena_printf(row->arena,
                                    "身份证号已登记为“%s”，姓名不一致。请核对身份证号；如确已"
                                    "更名，请在党员详情中修改姓名",
                                    match.name));
    else if (!import_row_errs_has(re, "org") && m->org_id != match.org_id)
        import_row_err(run, re, "org",
                       arena_printf(row->arena,
                                    "该党员的组织关系在“%s”，导入不能转移组织关系；如需调整，"
                                    "请在党员详情中点“编辑”修改所在党组织（记入历史）",
                                    match.org_name ? match.org_name : ""));
    else if (m->name && strcmp(m->name, match.name)) {
        m->name = NULL; /* the same name but for spaces: the registered one stays */
        if (member_match_id_number(import_run_conn(run), m, row->arena, &match, err) < 0)
            return -1;
    }
    import_note_update(run, row, match.member_id, match.name, match.changed, match.nchanged);
    return 0;
}

int member_import_check(void *ctx, struct import_run *run, struct import_row *row,
                        struct import_row_errs *re, struct err *err)
{
    struct mimp *s = ctx;
    struct member_in *m = &((struct member_row *)row->rec)->m;
    int64_t first;

    if (!m->id_number && !import_row_errs_has(re, "id_number"))
        import_row_err(run, re, "id_number", "请填写身份证号（导入按身份证号识别党员）");
    if (row_org(s, run, row->ref[MEMBER_COL_ORG], m, re, err) < 0 ||
        row_normalize(s, run, row, m, re, err) < 0)
        return -1;
    if (!m->id_number || import_row_errs_has(re, "id_number"))
        return 0;
    first = import_seen(run, m->id_number, row->row);
    if (first) {
        import_row_err(run, re, "id_number",
                       arena_printf(row->arena,
                                    "身份证号与第 %" PRId64 " 行重复（同一文件中每人只能出现一次）",
                                    first));
        return 0;
    }
    return row_match(s, run, row, re, err);
}
