/* audit.c: the hash chain. hash = SHA-256 over prev_hash and every field of the row (id
 * included, so moving a row breaks the chain), fields separated by 0x1f. It does not
 * detect removal of the newest rows by itself: audit verify prints the head hash so an
 * operator can keep it elsewhere. */
#include "core/compat.h"
#include <sodium.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit/audit.h"
#include "domain/audit/audit_int.h"

void audit_digest(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

/* The canonical {"after":…,"before":…} text, malloc'd (free()). */
static char *change_dumps(json_t *before, json_t *after)
{
    json_t *o = json_object();
    char *s;

    ASSERT(o);
    json_object_set_new(o, "before", before ? before : json_null());
    json_object_set_new(o, "after", after ? after : json_null());
    s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(o);
    ASSERT(s);
    return s;
}

char *audit_change_text(json_t *before, json_t *after, struct arena *a)
{
    char *s = change_dumps(before, after), *out = arena_strdup(a, s);

    free(s);
    return out;
}

void audit_change_digest(json_t *before, json_t *after, char out[65])
{
    char *s = change_dumps(before, after);

    audit_digest(s, strlen(s), out);
    free(s);
}

/* Appends s as a JSON string the way jansson's dump_string writes it without
 * JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH: '"' and '\\' and the C0 controls escaped (the five
 * short forms, else \u00XX in upper-case hex), every other byte as it is. Control characters
 * are single bytes in UTF-8, so escaping byte by byte equals jansson's code-point walk. */
static void put_json_string(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *run = s;

    buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        const char *esc;
        char u[7];
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        buf_append(b, run, (size_t)(s - run));
        run = s + 1;
        switch (ch) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            memcpy(u, "\\u00", 4);
            u[4] = hex[ch >> 4];
            u[5] = hex[ch & 15];
            u[6] = '\0';
            esc = u;
        }
        buf_puts(b, esc);
    }
    buf_append(b, run, (size_t)(s - run));
    buf_putc(b, '"');
}

void audit_create_digest(const struct audit_field *f, size_t n, char out[65])
{
    const struct audit_field *sorted[64];
    struct buf b;

    ASSERT(n <= ARRAY_LEN(sorted));
    /* JSON_SORT_KEYS: keys in bytewise order (insertion sort; n is small). */
    for (size_t i = 0; i < n; i++)
        sorted[i] = &f[i];
    for (size_t i = 1; i < n; i++) {
        for (size_t k = i; k > 0 && strcmp(sorted[k - 1]->key, sorted[k]->key) > 0; k--) {
            const struct audit_field *t = sorted[k - 1];
            sorted[k - 1] = sorted[k];
            sorted[k] = t;
        }
    }
    buf_init(&b, NULL, 1 << 20);
    buf_puts(&b, "{\"after\":{");
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&b, ',');
        put_json_string(&b, sorted[i]->key);
        buf_putc(&b, ':');
        if (sorted[i]->is_int)
            buf_printf(&b, "%" PRId64, sorted[i]->num);
        else if (sorted[i]->text)
            put_json_string(&b, sorted[i]->text);
        else
            buf_puts(&b, "null");
    }
    buf_puts(&b, "},\"before\":null}");
    ASSERT(!buf_failed(&b));
    audit_digest(b.p, b.len, out);
    buf_release(&b);
}

static void put_int(struct buf *b, int64_t v)
{
    if (v)
        buf_printf(b, "%" PRId64, v);
    buf_putc(b, 0x1f);
}

static void put_str(struct buf *b, const char *s)
{
    if (s)
        buf_puts(b, s);
    buf_putc(b, 0x1f);
}

void audit_row_hash(const struct audit_row *r, char out[65])
{
    struct buf b;

    buf_init(&b, NULL, 1 << 16);
    put_int(&b, r->id);
    put_int(&b, r->at);
    put_int(&b, r->e.user_id);
    put_str(&b, r->e.username);
    put_str(&b, r->e.source);
    put_str(&b, r->e.action);
    put_str(&b, r->e.target_type);
    put_int(&b, r->e.target_id);
    put_int(&b, r->e.org_id);
    put_str(&b, r->e.result);
    put_str(&b, r->e.request_id);
    put_str(&b, r->e.digest);
    put_str(&b, r->prev_hash);
    audit_digest(b.p, b.len, out);
    buf_release(&b);
}

int audit_append(struct db_conn *c, const struct audit_entry *e, struct err *err)
{
    struct audit_row r = { 0 };
    char last_hash[65] = { 0 };
    int64_t last_id = 0;

    if (audit_store_last(c, &last_id, last_hash, err) < 0)
        return -1;
    r.id = last_id + 1;
    r.at = clock_now();
    r.e = *e;
    memcpy(r.prev_hash, last_id ? last_hash : AUDIT_GENESIS, 65);
    audit_row_hash(&r, r.hash);
    return audit_store_insert(c, &r, err);
}

int audit_append_many(struct db_conn *c, const struct audit_entry *e, size_t n, struct err *err)
{
    struct audit_row r[AUDIT_STORE_CHUNK];
    char prev[65];
    int64_t last_id = 0, now = clock_now();
    size_t done = 0;

    if (n == 0)
        return 0;
    if (audit_store_last(c, &last_id, prev, err) < 0)
        return -1;
    if (!last_id)
        memcpy(prev, AUDIT_GENESIS, 65);
    /* Each full chunk goes in one statement, the rest one row at a time; every row chains on
     * the one before it, as audit_append would have chained it. */
    while (done < n) {
        size_t k = n - done >= AUDIT_STORE_CHUNK ? AUDIT_STORE_CHUNK : 1;
        for (size_t i = 0; i < k; i++) {
            memset(&r[i], 0, sizeof(r[i]));
            r[i].id = last_id + (int64_t)(done + i) + 1;
            r[i].at = now;
            r[i].e = e[done + i];
            memcpy(r[i].prev_hash, prev, 65);
            audit_row_hash(&r[i], r[i].hash);
            memcpy(prev, r[i].hash, 65);
        }
        if ((k == AUDIT_STORE_CHUNK ? audit_store_insert_chunk(c, r, err)
                                    : audit_store_insert(c, &r[0], err)) < 0)
            return -1;
        done += k;
    }
    return 0;
}

struct verify_state {
    struct audit_verify_result *out;
    int64_t prev_id;
    char prev_hash[65];
};

static int verify_row(void *cls, const struct audit_row *r)
{
    struct verify_state *s = cls;
    char h[65];

    s->out->rows++;
    if (r->id != s->prev_id + 1) {
        snprintf(s->out->reason, sizeof(s->out->reason),
                 "编号不连续：第 %" PRId64 " 行之前缺少 %" PRId64 " 行（被删除或调换）", r->id,
                 r->id - s->prev_id - 1);
    } else if (strcmp(r->prev_hash, s->prev_hash) != 0) {
        snprintf(s->out->reason, sizeof(s->out->reason), "与上一行的哈希不衔接（上一行被改动）");
    } else {
        audit_row_hash(r, h);
        if (strcmp(h, r->hash) != 0)
            snprintf(s->out->reason, sizeof(s->out->reason), "本行内容与其哈希不符（本行被改动）");
        else {
            s->prev_id = r->id;
            memcpy(s->prev_hash, h, 65);
            return 0;
        }
    }
    s->out->bad_id = r->id;
    return 1; /* stop */
}

int audit_verify(struct db *db, struct audit_verify_result *out, struct err *err)
{
    struct verify_state s = { .out = out, .prev_id = 0 };

    memset(out, 0, sizeof(*out));
    memcpy(s.prev_hash, AUDIT_GENESIS, 65);
    if (audit_store_walk(db, verify_row, &s, err) < 0)
        return -1;
    memcpy(out->head_hash, s.prev_hash, 65);
    return 0;
}

int audit_list(struct db *db, const struct audit_query *q, struct arena *a,
               struct audit_row **rows_out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(db, &c, err) < 0)
        return -1;
    rc = audit_store_page(c, q, a, rows_out, n_out, total_out, err);
    db_release(db, &c);
    return rc;
}

int audit_record(struct db *db, const struct audit_entry *e, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(db, &c, err) == 0 && db_tx_begin(c, err) == 0)
        rc = audit_append(c, e, err);
    return db_tx_finish(db, &c, NULL, rc, err);
}
