/* orglife_rules_local_store.c: the orglife_rule rows as the rules page reads and writes them:
 * the rows in force on a date for an org (its own and its ancestors' overrides, the defaults),
 * the local rows around an org, one row, and the writes of a local override. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_int.h"

#define RULE_COLS                                                                                  \
    "r.id, r.org_id, r.rule_id, r.rule_set, r.type, r.period, r.org_types, r.valid_from, "         \
    "r.valid_to, r.confidence, r.source, o.name, r.min_count, r.created_by, o.path"
/* Paths hold only digits and '/', so a path is a LIKE pattern without wildcards. */
static const struct db_sql SQL_ON = {
    .name = "orglife.rules_on",
    .sql = "SELECT " RULE_COLS " FROM orglife_rule r LEFT JOIN org o ON o.id = r.org_id "
           "WHERE r.valid_from <= ? AND r.valid_to > ? AND (r.org_id IS NULL OR ? LIKE o.path || "
           "'%') ORDER BY r.id",
};
static const struct db_sql SQL_LOCAL = {
    .name = "orglife.rules_local",
    .sql = "SELECT " RULE_COLS " FROM orglife_rule r JOIN org o ON o.id = r.org_id "
           "WHERE ? LIKE o.path || '%' OR o.path LIKE ? || '%' "
           "ORDER BY r.valid_from DESC, r.id DESC LIMIT 500",
};
static const struct db_sql SQL_GET = {
    .name = "orglife.rule_get",
    .sql = "SELECT " RULE_COLS " FROM orglife_rule r LEFT JOIN org o ON o.id = r.org_id "
           "WHERE r.id = ?",
};
static const struct db_sql SQL_LATER = {
    .name = "orglife.rule_later",
    .sql = "SELECT COUNT(*) FROM orglife_rule WHERE org_id = ? AND type = ? AND valid_from >= ?",
};
static const struct db_sql SQL_CUT = {
    .name = "orglife.rule_cut",
    .sql = "UPDATE orglife_rule SET valid_to = ? WHERE org_id = ? AND type = ? AND valid_to > ?",
};
static const struct db_sql SQL_INSERT = {
    .name = "orglife.rule_insert",
    .sql = "INSERT INTO orglife_rule (rule_id, rule_set, type, period, min_count, org_types, "
           "org_id, valid_from, confidence, source, created_by, created_at) "
           "VALUES (?, 'local', ?, ?, ?, ?, ?, ?, 'local', ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_END = {
    .name = "orglife.rule_end",
    .sql = "UPDATE orglife_rule SET valid_to = ? WHERE id = ?",
};

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_rule_local *l = row;
    struct orglife_rule_view *r = &l->v;

    r->id = db_col_int(st, 0);
    r->org_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    r->rule_id = db_col_dup(st, 2, a);
    r->rule_set = db_col_dup(st, 3, a);
    r->type = db_col_dup(st, 4, a);
    r->period = db_col_dup(st, 5, a);
    r->org_types = db_col_dup(st, 6, a);
    r->valid_from = db_col_dup(st, 7, a);
    r->valid_to = db_col_dup(st, 8, a);
    r->confidence = db_col_dup(st, 9, a);
    r->source = db_col_dup(st, 10, a);
    r->org_name = db_col_dup(st, 11, a);
    r->min_count = db_col_int(st, 12);
    r->created_by = db_col_is_null(st, 13) ? 0 : db_col_int(st, 13);
    l->org_path = db_col_dup(st, 14, a);
}

int orglife_store_rules_on(struct db_conn *c, const char *path, const char *on, struct arena *a,
                           struct orglife_rule_local **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ON, DB_ARGS(DB_TEXT(on), DB_TEXT(on), DB_TEXT(path)),
                             read_rule, sizeof(**out), a, out, n_out, err);
}

int orglife_store_rules_local(struct db_conn *c, const char *path, struct arena *a,
                              struct orglife_rule_local **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_LOCAL, DB_ARGS(DB_TEXT(path), DB_TEXT(path)), read_rule,
                             sizeof(**out), a, out, n_out, err);
}

int orglife_store_rule_get(struct db_conn *c, int64_t id, struct arena *a,
                           struct orglife_rule_local *out, struct err *err)
{
    return db_read_by_id(c, &SQL_GET, id, read_rule, a, out, "", "规则不存在", err);
}

int orglife_store_rule_insert(struct db_conn *c, const struct orglife_rule_in *in,
                              const struct orglife_rule_view *base, int64_t user_id, int64_t now,
                              int64_t *id_out, struct err *err)
{
    int64_t later = 0;

    if (db_read_one_args(c, &SQL_LATER,
                         DB_ARGS(DB_INT(in->org_id), DB_TEXT(in->type), DB_TEXT(in->valid_from)),
                         db_read_int, NULL, &later, "", "", err) < 0)
        return -1;
    if (later)
        return err_set(err, E_CONFLICT, "/valid_from",
                       "本组织已有自该日或更晚生效的同类规则，请先结束或改用更晚的生效日期");
    if (db_run_args(c, &SQL_CUT,
                    DB_ARGS(DB_TEXT(in->valid_from), DB_INT(in->org_id), DB_TEXT(in->type),
                            DB_TEXT(in->valid_from)),
                    err) < 0)
        return -1;
    return db_run_id_args(c, &SQL_INSERT,
                          DB_ARGS(DB_TEXT(base->rule_id), DB_TEXT(in->type), DB_TEXT(in->period),
                                  DB_INT(in->min_count), DB_TEXT(base->org_types),
                                  DB_INT(in->org_id), DB_TEXT(in->valid_from), DB_TEXT(in->source),
                                  DB_OPT_ID(user_id), DB_INT(now)),
                          id_out, err);
}

int orglife_store_rule_end(struct db_conn *c, int64_t id, const char *valid_to, struct err *err)
{
    return db_run_args(c, &SQL_END, DB_ARGS(DB_TEXT(valid_to), DB_INT(id)), err);
}
