/* orgs_terms_store.c: SQL of org terms: the term rule for an org's type and place, terms and
 * their posts written and closed, the path of a post's member, and the terms with posts read
 * back. No transactions are begun here; org rows are orgs_store.c's. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orgs/orgs_int.h"

static const struct db_sql SQL_IN_COMMUNITY = {
    .name = "orgs.in_community",
    .sql = "SELECT EXISTS (SELECT 1 FROM org a WHERE a.type IN ('community_committee', "
           "'general_branch') AND a.path = substr(?, 1, length(a.path)))",
};
static const struct db_sql SQL_RULE = {
    .name = "orgs.rule",
    .sql = "SELECT id, term_years FROM org_rule WHERE org_type = ? AND in_community = ? "
           "AND valid_from <= ? AND valid_to > ? ORDER BY valid_from DESC LIMIT 1",
};
static const struct db_sql SQL_TERM_CLOSE = {
    .name = "orgs.term_close",
    .sql = "UPDATE org_term SET ended_on = ? WHERE org_id = ? AND ended_on IS NULL",
};
static const struct db_sql SQL_POSTS_CLOSE = {
    .name = "orgs.posts_close",
    .sql = "UPDATE org_post SET ended_on = ? WHERE org_id = ? AND ended_on IS NULL",
};
static const struct db_sql SQL_TERM_INSERT = {
    .name = "orgs.term_insert",
    .sql = "INSERT INTO org_term (tenant_id, org_id, elected_on, term_years, ends_on, rule_id, "
           "doc_no, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_POST_INSERT = {
    .name = "orgs.post_insert",
    .sql = "INSERT INTO org_post (term_id, org_id, member_id, post, started_on, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_MEMBER_PATH = {
    .name = "orgs.member_path",
    .sql = "SELECT org_path FROM member WHERE id = ? AND status IN ('probationary', 'full')",
};
static const struct db_sql SQL_TERMS = {
    .name = "orgs.terms",
    .sql = "SELECT id, org_id, elected_on, ends_on, doc_no, note, term_years, ended_on "
           "FROM org_term WHERE org_id = ? ORDER BY elected_on DESC, id DESC",
};
static const struct db_sql SQL_POSTS = {
    .name = "orgs.posts",
    .sql = "SELECT x.id, x.term_id, x.member_id, x.post, p.name, x.started_on, x.ended_on "
           "FROM org_post x JOIN member m ON m.id = x.member_id JOIN person p "
           "ON p.id = m.person_id WHERE x.org_id = ? ORDER BY x.term_id, x.id",
};

int org_store_in_community(struct db_conn *c, const char *path, bool *out, struct err *err)
{
    int64_t in = 0;

    if (db_read_one_args(c, &SQL_IN_COMMUNITY, DB_ARGS(DB_TEXT(path)), db_read_int, NULL, &in, "",
                         "党组织不存在", err) < 0)
        return -1;
    *out = in != 0;
    return 0;
}

int org_store_rule(struct db_conn *c, const char *type, bool in_community, const char *on,
                   int64_t *rule_id_out, int64_t *years_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare_args(
            c, &SQL_RULE,
            DB_ARGS(DB_TEXT(type), DB_INT(in_community ? 1 : 0), DB_TEXT(on), DB_TEXT(on)), &st,
            err) < 0)
        return -1;
    rc = db_step_one(st, "", "没有适用的任期规则", err);
    if (rc == 0) {
        *rule_id_out = db_col_int(st, 0);
        *years_out = db_col_int(st, 1);
    }
    db_stmt_free(&st);
    return rc;
}

int org_store_term_close(struct db_conn *c, int64_t org_id, const char *on, struct err *err)
{
    const struct db_sql *steps[] = { &SQL_TERM_CLOSE, &SQL_POSTS_CLOSE };

    for (size_t i = 0; i < ARRAY_LEN(steps); i++)
        if (db_run_args(c, steps[i], DB_ARGS(DB_TEXT(on), DB_INT(org_id)), err) < 0)
            return -1;
    return 0;
}

int org_store_term_insert(struct db_conn *c, int64_t tenant_id, int64_t org_id,
                          const struct org_term_in *in, int64_t years, const char *ends_on,
                          int64_t rule_id, int64_t now, int64_t *id_out, struct err *err)
{
    return db_read_one_args(c, &SQL_TERM_INSERT,
                            DB_ARGS(DB_INT(tenant_id), DB_INT(org_id), DB_TEXT(in->elected_on),
                                    DB_INT(years), DB_TEXT(ends_on), DB_INT(rule_id),
                                    DB_OPT_TEXT(in->doc_no), DB_OPT_TEXT(in->note), DB_INT(now)),
                            db_read_int, NULL, id_out, "", "保存任期失败", err);
}

int org_store_post_insert(struct db_conn *c, int64_t term_id, int64_t org_id, int64_t member_id,
                          const char *post, const char *started_on, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_POST_INSERT,
                       DB_ARGS(DB_INT(term_id), DB_INT(org_id), DB_INT(member_id), DB_TEXT(post),
                               DB_TEXT(started_on), DB_INT(now)),
                       err);
}

int org_store_member_path(struct db_conn *c, int64_t member_id, struct arena *a, const char **out,
                          struct err *err)
{
    return db_read_by_id(c, &SQL_MEMBER_PATH, member_id, db_read_text, a, out, "", "党员不存在",
                         err);
}

static void read_term(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_term_view *t = row;

    t->id = db_col_int(st, 0);
    t->org_id = db_col_int(st, 1);
    t->elected_on = db_col_dup(st, 2, a);
    t->ends_on = db_col_dup(st, 3, a);
    t->doc_no = db_col_dup(st, 4, a);
    t->note = db_col_dup(st, 5, a);
    t->years = db_col_int(st, 6);
    t->current = db_col_is_null(st, 7);
}

int org_store_terms(struct db_conn *c, int64_t org_id, struct arena *a, struct org_term_view **out,
                    int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_term_view *rows = NULL;
    int64_t n = 0;
    int rc;

    if (db_read_rows_args(c, &SQL_TERMS, DB_ARGS(DB_INT(org_id)), read_term, sizeof(*rows), a,
                          &rows, &n, err) < 0 ||
        db_prepare_args(c, &SQL_POSTS, DB_ARGS(DB_INT(org_id)), &st, err) < 0)
        return -1;
    while ((rc = db_step(st, err)) == DB_ROW) {
        int64_t term = db_col_int(st, 1);
        for (int64_t i = 0; i < n; i++) {
            struct org_term_view *t = &rows[i];
            struct org_post_view *p;
            int64_t cap_p = t->nposts ? t->nposts : 0;
            if (t->id != term)
                continue;
            /* Posts per term are few: grow one by one. */
            p = arena_alloc(a, sizeof(*p) * (size_t)(cap_p + 1));
            if (t->nposts)
                memcpy(p, t->posts, sizeof(*p) * (size_t)t->nposts);
            t->posts = p;
            p = &t->posts[t->nposts++];
            p->id = db_col_int(st, 0);
            p->term_id = term;
            p->member_id = db_col_int(st, 2);
            p->post = db_col_dup(st, 3, a);
            p->person_name = db_col_dup(st, 4, a);
            p->started_on = db_col_dup(st, 5, a);
            p->ended_on = db_col_dup(st, 6, a);
            break;
        }
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}
