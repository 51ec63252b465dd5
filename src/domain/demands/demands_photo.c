/* demands_photo.c: a demand's photos: the kind read from the bytes (PNG or JPEG only, through
 * core/upload.c, with the configured ceiling), and the metadata stripped before anything is
 * stored: a JPEG keeps its image segments, JFIF header, quantization and Huffman tables and an
 * ICC colour profile, and loses every other APPn segment (EXIF with GPS position and camera,
 * XMP, IPTC, MPF) and comments; a PNG keeps every chunk but eXIf and the text and time chunks
 * (tEXt, zTXt, iTXt, tIME). It does not decode or re-encode pixels. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/upload.h"
#include "core/cfg.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/demands/demands_int.h"

static int damaged(struct err *err)
{
    return err_set(err, E_INVALID, "/file", "照片文件已损坏，请重新拍摄或选择照片");
}

static int strip_jpeg(const uint8_t *p, size_t n, uint8_t *out, size_t *n_out, struct err *err)
{
    size_t i = 2, k = 2;

    out[0] = 0xFF;
    out[1] = 0xD8;
    while (i + 4 <= n) {
        uint8_t m;
        size_t len;
        bool keep;

        if (p[i] != 0xFF)
            return damaged(err);
        m = p[i + 1];
        if (m == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        if (m == 0xD9 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* no length */
            memcpy(out + k, p + i, 2);
            k += 2;
            i += 2;
            if (m == 0xD9)
                break;
            continue;
        }
        len = (size_t)p[i + 2] << 8 | p[i + 3];
        if (len < 2 || i + 2 + len > n)
            return damaged(err);
        if (m == 0xDA) { /* start of scan: the image data runs to the end */
            memcpy(out + k, p + i, n - i);
            k += n - i;
            i = n;
            break;
        }
        keep = !(m >= 0xE1 && m <= 0xEF) && m != 0xFE;
        if (m == 0xE2 && len >= 2 + 12 && memcmp(p + i + 4, "ICC_PROFILE", 12) == 0)
            keep = true; /* colours, not the camera */
        if (keep) {
            memcpy(out + k, p + i, 2 + len);
            k += 2 + len;
        }
        i += 2 + len;
    }
    /* Bytes after EOI, if any, are dropped: they are no part of the image. */
    *n_out = k;
    return 0;
}

static int strip_png(const uint8_t *p, size_t n, uint8_t *out, size_t *n_out, struct err *err)
{
    static const char *const DROP[] = { "eXIf", "tEXt", "zTXt", "iTXt", "tIME" };
    size_t i = 8, k = 8;

    memcpy(out, p, 8);
    while (i + 12 <= n) {
        size_t len = (size_t)p[i] << 24 | (size_t)p[i + 1] << 16 | (size_t)p[i + 2] << 8 | p[i + 3];
        bool keep = true;

        if (len > n - i - 12)
            return damaged(err);
        for (size_t d = 0; d < ARRAY_LEN(DROP); d++)
            if (memcmp(p + i + 4, DROP[d], 4) == 0)
                keep = false;
        if (keep) {
            memcpy(out + k, p + i, len + 12);
            k += len + 12;
        }
        if (memcmp(p + i + 4, "IEND", 4) == 0)
            break;
        i += len + 12;
    }
    *n_out = k;
    return 0;
}

int demand_photo_strip(const char *kind, const void *data, size_t n, struct arena *a,
                       const void **out, size_t *n_out, struct err *err)
{
    uint8_t *buf = arena_alloc(a, n ? n : 1);
    int rc;

    if (strcmp(kind, "jpeg") == 0)
        rc = n >= 4 ? strip_jpeg(data, n, buf, n_out, err) : damaged(err);
    else if (strcmp(kind, "png") == 0)
        rc = n >= 8 ? strip_png(data, n, buf, n_out, err) : damaged(err);
    else
        rc = err_set(err, E_INVALID, "/file", "照片只能是 JPEG 或 PNG 图片");
    if (rc == 0)
        *out = buf;
    return rc;
}

/* Whether d may take one more photo: at most demands.photo_max_count, and a resident adds
 * none to a closed (已结案) demand of theirs. Counted inside the write. */
static int photo_room(struct app *app, struct db_conn *c, const struct demands_scope *s,
                      const struct demand_row *d, struct arena *a, struct err *err)
{
    struct demand_photo *p;
    int64_t n;

    if (s->person_id && strcmp(d->status, "closed") == 0)
        return err_set(err, E_CONFLICT, "/file", "诉求已结案，不能再补充照片");
    if (demands_store_photos(c, d->id, 0, a, &p, &n, err) < 0)
        return -1;
    if (n >= app->cfg->demands_photo_max_count)
        return err_set(err, E_CONFLICT, "/file", "每件诉求最多 %lld 张照片",
                       (long long)app->cfg->demands_photo_max_count);
    return 0;
}

int demand_photo_add(struct app *app, const struct demands_scope *s, int64_t demand_id,
                     const char *file_name, const void *data, size_t n,
                     const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct upload_file f;
    struct demand_row d;
    const void *clean;
    size_t m;
    char digest[65];
    struct audit_entry e;
    int rc = -1;

    if (upload_check(file_name, data, n, app->cfg->demands_photo_max_bytes, "照片", a, &f, err) < 0)
        return -1;
    if (strcmp(f.kind, "jpeg") && strcmp(f.kind, "png"))
        return err_set(err, E_INVALID, "/file", "照片只能是 JPEG 或 PNG 图片");
    if (demand_photo_strip(f.kind, data, n, a, &clean, &m, err) < 0)
        return -1;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        demands_store_get(c, s, demand_id, a, &d, err) < 0 ||
        photo_room(app, c, s, &d, a, err) < 0 ||
        demands_store_photo_insert(c,
                                   &(struct demand_photo){ .demand_id = demand_id,
                                                           .file_name = f.file_name,
                                                           .kind = f.kind,
                                                           .content_type = f.content_type,
                                                           .size = (int64_t)m,
                                                           .stripped_bytes = (int64_t)(n - m),
                                                           .uploaded_by = auth_actor_user_id(actor),
                                                           .uploaded_at = clock_now(),
                                                           .data = clean },
                                   id_out, err) < 0)
        goto out;
    audit_digest(clean, m, digest);
    e = auth_audit_entry(actor, "demand.photo", "demand", demand_id, d.org_id);
    e.digest = digest;
    if (audit_append(c, &e, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int demand_photos(struct app *app, int64_t demand_id, struct arena *a, struct demand_photo **out,
                  int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_photos(c, demand_id, 0, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int demand_photo_get(struct app *app, int64_t demand_id, int64_t photo_id, struct arena *a,
                     struct demand_photo *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct demand_photo *p;
    int64_t n;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_photos(c, demand_id, photo_id, a, &p, &n, err);
    db_release(app->db, &c);
    if (rc < 0)
        return -1;
    if (n == 0)
        return err_set(err, E_NOT_FOUND, "/photo_id", "照片不存在");
    *out = p[0];
    return 0;
}
