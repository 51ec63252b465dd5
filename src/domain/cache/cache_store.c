/* cache_store.c: reads the change counters that the triggers of migrations 0005 and 0007 move. */
#include "core/compat.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/cache/cache.h"

static const struct db_sql SQL_GENERATIONS = {
    .name = "cache.generations",
    .sql = "SELECT id, n FROM generation WHERE id IN (1, 2)",
};

int cache_generations(struct app *app, struct generations *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    int found = 0, rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = db_prepare(c, &SQL_GENERATIONS, &st, err);
    while (rc == 0 && (rc = db_step(st, err)) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        *(id == 1 ? &out->roster : &out->auth) = db_col_int(st, 1);
        found++;
        rc = 0;
    }
    if (rc >= 0)
        rc = found == 2 ? 0 : err_set(err, E_INTERNAL, "", "数据版本计数缺失");
    db_stmt_free(&st);
    db_release(app->db, &c);
    return rc < 0 ? -1 : 0;
}
