/* notify.c: the notify area's service: a message written inside the caller's transaction,
 * handed to the sink after the commit, and the recipient's inbox. The sink is a file of JSON
 * lines (notify.file), one line written whole with O_APPEND, so concurrent senders (two
 * servers on one PostgreSQL) never interleave; a message is claimed before it is written, so
 * none is written twice. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/notify/notify_int.h"
#include <fcntl.h>
#include <unistd.h>

int notify_enqueue(struct db_conn *c, const struct notify_msg *m, struct err *err)
{
    if (!m->user_id && !m->phone)
        return err_set(err, E_INVALID, "", "通知没有收件人");
    if (!m->body || utf8_len(m->body) > 500)
        return err_set(err, E_INVALID, "", "通知内容为空或超过 500 个字");
    return notify_store_insert(c, m, clock_now(), err);
}

/* Appends one JSON line for p to path; -1 with errno's text in why. */
static int sink_write(const char *path, const struct notify_pending *p, int64_t now, char *why,
                      size_t n)
{
    char at[21];
    json_t *o;
    char *line;
    int fd, rc = -1;

    clock_fmt_utc(now, at);
    o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)p->id, "to", p->phone, "text", p->body,
                  "at", at);
    line = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!line) {
        snprintf(why, n, "消息无法编码");
        return -1;
    }
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
        size_t len = strlen(line);
        line[len] = '\n'; /* json_dumps's NUL becomes the line's end */
        rc = write(fd, line, len + 1) == (ssize_t)(len + 1) ? 0 : -1;
        line[len] = '\0';
        if (close(fd) < 0)
            rc = -1;
    }
    if (rc < 0)
        snprintf(why, n, "写入通知文件失败：%s", strerror(errno));
    free(line);
    return rc;
}

void notify_deliver(struct app *app)
{
    struct db_conn *c = NULL;
    struct notify_pending *p = NULL;
    struct arena a;
    struct err err = { 0 };
    int64_t n = 0, sent = 0, now = clock_now();

    if (!app->cfg->notify_file[0])
        return; /* no sink: messages to phones wait */
    arena_init(&a, 0);
    if (db_acquire(app->db, &c, &err) < 0 || notify_store_pending(c, &a, &p, &n, &err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        bool taken = false;
        char why[300];
        if (notify_store_claim(c, p[i].id, now, &taken, &err) < 0)
            goto out;
        if (!taken)
            continue;
        if (sink_write(app->cfg->notify_file, &p[i], now, why, sizeof(why)) == 0) {
            sent++;
            continue;
        }
        log_warn("notify", "id=%lld error=\"%s\"", (long long)p[i].id, why);
        if (notify_store_unclaim(c, p[i].id, why, &err) < 0)
            goto out;
    }
out:
    if (err.code)
        log_warn("notify", "error=\"%s\"", err.msg);
    if (sent)
        log_info("notify", "sent=%lld", (long long)sent);
    db_release(app->db, &c);
    arena_release(&a);
}

int notify_inbox(struct app *app, int64_t user_id, int64_t page, int64_t size, struct arena *a,
                 struct notify_row **out, int64_t *n_out, int64_t *total_out, int64_t *unread_out,
                 struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = notify_store_inbox(c, user_id, page, size, a, out, n_out, total_out, err) < 0 ||
                 notify_store_unread(c, user_id, unread_out, err) < 0
             ? -1
             : 0;
    db_release(app->db, &c);
    return rc;
}

int notify_mark_read(struct app *app, int64_t user_id, int64_t id, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = notify_store_read(c, user_id, id, clock_now(), err);
    db_release(app->db, &c);
    return rc;
}
