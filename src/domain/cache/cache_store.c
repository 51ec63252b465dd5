/* cache_store.c: reads the change counters (the generation table, whose rows the areas'
 * migrations insert and their triggers move). Rows no module registered are skipped. */
#include "core/compat.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/cache/cache.h"
#include "domain/cache/cache_int.h"

static const struct db_sql SQL_GENERATIONS = {
    .name = "cache.generations",
    .sql = "SELECT name, n FROM generation",
};

/* E_INTERNAL naming the first registered counter the read did not find. */
static int counters_missing(const bool *found, struct err *err)
{
    for (size_t i = 0; i < cache_counters_len(); i++)
        if (!found[i])
            return err_set(err, E_INTERNAL, "", "数据版本计数缺失：%s", cache_counter_name(i));
    return 0;
}

int cache_generations(struct app *app, struct generations *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    bool found[CACHE_COUNTERS_MAX] = { false };
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = db_prepare(c, &SQL_GENERATIONS, &st, err);
    while (rc == 0 && (rc = db_step(st, err)) == DB_ROW) {
        int i = cache_counter_index(db_col_text(st, 0));
        if (i >= 0) {
            out->n[i] = db_col_int(st, 1);
            found[i] = true;
        }
        rc = 0;
    }
    if (rc >= 0)
        rc = counters_missing(found, err);
    db_stmt_free(&st);
    db_release(app->db, &c);
    return rc < 0 ? -1 : 0;
}
