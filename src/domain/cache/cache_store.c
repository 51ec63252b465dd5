/* cache_store.c: reads the roster generation counter that migration 0005's triggers move. */
#include "core/compat.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/cache/cache.h"

static const struct db_sql SQL_GENERATION = {
    .name = "cache.generation",
    .sql = "SELECT n FROM generation WHERE id = 1",
};

int cache_generation(struct app *app, int64_t *gen_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = db_prepare(c, &SQL_GENERATION, &st, err);
    if (rc == 0) {
        rc = db_step(st, err);
        if (rc == DB_ROW)
            *gen_out = db_col_int(st, 0), rc = 0;
        else if (rc >= 0)
            rc = err_set(err, E_INTERNAL, "", "数据版本计数缺失");
        db_stmt_free(&st);
    }
    db_release(app->db, &c);
    return rc < 0 ? -1 : 0;
}
