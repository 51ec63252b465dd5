/* orglife_attach.c: a meeting's attachments (kind, size and name checked by core/upload.h: PDF,
 * PNG, JPEG or Word .docx read from the bytes; size and count bounded by the configuration)
 * and its sign-in link (a random token, a time window around the meeting, a member marking
 * themselves 出席). It never looks at a file's name to decide its kind and asks for no location. */
#include "core/compat.h"
#include <sodium.h>
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/upload.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/orglife/orglife_attach_int.h"

const char *attach_sniff(const void *p, size_t n)
{
    return upload_sniff(p, n);
}

int attach_add(struct app *app, int64_t meeting_id, const char *file_name, const void *p, size_t n,
               const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct meeting_view m;
    struct attach_new in = { 0 };
    struct upload_file f;
    struct audit_entry e;
    char sha[65], digest[65];
    int64_t count = 0, id = 0;
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (upload_check(file_name, p, n, app->cfg->orglife_attach_max_bytes, "附件", &a, &f, err) < 0)
        goto out;
    in.kind = f.kind;
    in.file_name = f.file_name;
    in.content_type = f.content_type;
    in.data = p;
    in.len = n;
    audit_digest(p, n, sha);
    in.sha256 = sha;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_meeting_get(c, meeting_id, &a, &m, err) < 0 ||
        attach_store_count(c, meeting_id, &count, err) < 0)
        goto out;
    if (count >= app->cfg->orglife_attach_max_count) {
        err_set(err, E_CONFLICT, "/file", "每次会议最多 %" PRId64 " 个附件，请先删除不需要的附件",
                app->cfg->orglife_attach_max_count);
        goto out;
    }
    if (attach_store_insert(c, meeting_id, &in, auth_actor_user_id(actor), clock_now(), &id, err) <
        0)
        goto out;
    e = auth_audit_entry(actor, "meeting.attach", "meeting", meeting_id, m.org_id);
    audit_change_digest(NULL,
                        json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)id, "file_name",
                                  in.file_name, "kind", in.kind, "size", (json_int_t)n, "sha256",
                                  sha),
                        digest);
    e.digest = digest;
    if (audit_append(c, &e, err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int attach_list(struct app *app, int64_t meeting_id, struct arena *a, struct attach_view **out,
                int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = attach_store_list(c, meeting_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int attach_get(struct app *app, int64_t meeting_id, int64_t id, struct arena *a,
               struct attach_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = attach_store_get(c, meeting_id, id, true, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int attach_delete(struct app *app, int64_t meeting_id, int64_t id, const struct auth_actor *actor,
                  struct err *err)
{
    struct db_conn *c = NULL;
    struct meeting_view m;
    struct attach_view v;
    struct audit_entry e;
    char digest[65];
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_meeting_get(c, meeting_id, &a, &m, err) < 0 ||
        attach_store_get(c, meeting_id, id, false, &a, &v, err) < 0 ||
        attach_store_delete(c, meeting_id, id, err) < 0)
        goto out;
    e = auth_audit_entry(actor, "meeting.attach_delete", "meeting", meeting_id, m.org_id);
    audit_change_digest(json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)id, "file_name",
                                  v.file_name, "kind", v.kind, "size", (json_int_t)v.size, "sha256",
                                  v.sha256),
                        NULL, digest);
    e.digest = digest;
    if (audit_append(c, &e, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

/* ---- sign-in ---- */

/* "YYYY-MM-DD HH:MM" as minutes since 1970-01-01 00:00 of the same clock; -1 when malformed. */
static int64_t minutes_of(const char *t)
{
    char date[11];
    int y, mo, d;

    if (!t || strlen(t) < 16 || t[10] != ' ' || t[13] != ':' || !isdigit((unsigned char)t[11]) ||
        !isdigit((unsigned char)t[12]) || !isdigit((unsigned char)t[14]) ||
        !isdigit((unsigned char)t[15]))
        return -1;
    memcpy(date, t, 10);
    date[10] = '\0';
    if (date_parse(date, &y, &mo, &d) < 0)
        return -1;
    return date_to_days(y, mo, d) * 1440 + ((t[11] - '0') * 10 + (t[12] - '0')) * 60 +
           (t[14] - '0') * 10 + (t[15] - '0');
}

static void minutes_fmt(int64_t min, char out[17])
{
    char buf[40];
    int y, mo, d;

    date_from_days(min / 1440, &y, &mo, &d);
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d", y, mo, d, (int)(min % 1440 / 60),
             (int)(min % 60));
    memcpy(out, buf, 16);
    out[16] = '\0';
}

/* Fills the meeting's part of v and its window from the configuration. */
static void window_fill(const struct cfg *cfg, const struct meeting_view *m, struct signin_view *v)
{
    int64_t start = minutes_of(m->starts_at), end = minutes_of(m->ends_at);
    char now[17];

    if (end < start)
        end = start;
    v->meeting_id = m->id;
    v->org_id = m->org_id;
    v->topic = m->topic;
    v->org_name = m->org_name;
    v->starts_at = m->starts_at;
    v->ends_at = m->ends_at;
    v->place = m->place;
    v->status = m->status;
    minutes_fmt(start - cfg->orglife_signin_before_minutes, v->opens_at);
    minutes_fmt(end + cfg->orglife_signin_after_minutes, v->closes_at);
    orglife_now_cst(now);
    v->phase = !strcmp(m->status, "cancelled") ? "cancelled"
               : strcmp(now, v->opens_at) < 0  ? "before"
               : strcmp(now, v->closes_at) > 0 ? "after"
                                               : "open";
    v->open = !strcmp(v->phase, "open");
}

int signin_get(struct app *app, int64_t meeting_id, struct arena *a, struct signin_view *out,
               struct err *err)
{
    struct db_conn *c = NULL;
    struct meeting_view m;
    struct signin_view v = { 0 };
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 ||
        orglife_store_meeting_get(c, meeting_id, a, &m, err) < 0 ||
        attach_store_token(c, meeting_id, a, &v.token, &v.created_at, err) < 0)
        goto out;
    window_fill(app->cfg, &m, &v);
    *out = v;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int signin_renew(struct app *app, int64_t meeting_id, const struct auth_actor *actor,
                 struct err *err)
{
    struct db_conn *c = NULL;
    struct meeting_view m;
    struct audit_entry e;
    unsigned char raw[16];
    char token[33];
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_meeting_get(c, meeting_id, &a, &m, err) < 0)
        goto out;
    if (!strcmp(m.status, "cancelled")) {
        err_set(err, E_CONFLICT, "", "会议已取消，不能生成签到码");
        goto out;
    }
    if (attach_store_token_put(c, meeting_id, token, auth_actor_user_id(actor), clock_now(), err) <
        0)
        goto out;
    /* The token itself is never written to the audit trail. */
    e = auth_audit_entry(actor, "meeting.signin_link", "meeting", meeting_id, m.org_id);
    if (audit_append(c, &e, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

/* The meeting of token (E_INVALID on /token when none) and the person's place in it: expected
 * when their attendance row says so or when they are on the meeting's roll for its date (a
 * roster change after the meeting was planned), and what was recorded. */
static int signin_find(struct db_conn *c, const struct cfg *cfg, const char *token,
                       int64_t person_id, struct arena *a, struct meeting_view *m,
                       struct signin_view *v, struct err *err)
{
    int64_t meeting_id = 0;
    bool found = false;

    if (attach_store_token_find(c, token, &meeting_id, &found, err) < 0)
        return -1;
    if (!found)
        return err_set(err, E_INVALID, "/token",
                       "签到码无效：可能已更换或输入有误，请扫描支部最新的签到二维码");
    if (orglife_store_meeting_get(c, meeting_id, a, m, err) < 0)
        return -1;
    memset(v, 0, sizeof(*v));
    window_fill(cfg, m, v);
    if (!person_id)
        return 0;
    if (attach_store_attendee(c, meeting_id, person_id, a, &v->expected, &v->my_status, err) < 0)
        return -1;
    if (!v->expected && !v->my_status) {
        struct orglife_roll_row *roll = NULL;
        int64_t n = 0;

        if (orglife_store_roll(c, m->org_id, m->type, m->meets_on, a, &roll, &n, err) < 0)
            return -1;
        for (int64_t i = 0; i < n && !v->expected; i++)
            v->expected = roll[i].person_id == person_id;
    }
    return 0;
}

int signin_lookup(struct app *app, const char *token, int64_t person_id, struct arena *a,
                  struct signin_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct meeting_view m;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = signin_find(c, app->cfg, token, person_id, a, &m, out, err);
    db_release(app->db, &c);
    return rc;
}

/* Why a member may not sign in now, as an E_CONFLICT whose message is shown to them; 0 when
 * they may (*already_out when 出席 or 线上 is recorded already). */
static int signin_refusal(const struct signin_view *v, int64_t person_id, bool *already_out,
                          struct err *err)
{
    char now[17];

    if (!strcmp(v->status, "cancelled"))
        return err_set(err, E_CONFLICT, "", "会议已取消，无需签到");
    orglife_now_cst(now);
    if (strcmp(now, v->opens_at) < 0)
        return err_set(err, E_CONFLICT, "", "签到尚未开始：%s 起可以签到（会议 %s 开始）",
                       v->opens_at, v->starts_at);
    if (strcmp(now, v->closes_at) > 0)
        return err_set(err, E_CONFLICT, "", "签到已结束（截止 %s），出席情况请联系记录人登记",
                       v->closes_at);
    if (!person_id)
        return err_set(err, E_CONFLICT, "", "此账号未关联党员，不能签到");
    if (!v->expected && !v->my_status)
        return err_set(
            err, E_CONFLICT, "",
            "您不在这次会议的应到人员中（按会议当日名册），不能签到；如有疑问请联系支部");
    if (v->my_status && (!strcmp(v->my_status, "present") || !strcmp(v->my_status, "online"))) {
        *already_out = true;
        return 0;
    }
    if (v->my_status)
        return err_set(err, E_CONFLICT, "",
                       "记录人已登记您为“%s”，签到不改变已登记的情况；如已到会，请联系记录人更正",
                       enum_label(ATTEND_STATUSES, ATTEND_STATUS_LABELS, v->my_status));
    return 0;
}

int signin_mark(struct app *app, const char *token, const struct auth_actor *actor,
                int64_t *meeting_id_out, bool *already_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct meeting_view m;
    struct signin_view v;
    struct orglife_org org;
    struct audit_entry e;
    int64_t person_id = actor->user ? actor->user->person_id : 0, now = clock_now();
    bool already = false;
    char now_text[17];
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        signin_find(c, app->cfg, token, person_id, &a, &m, &v, err) < 0 ||
        signin_refusal(&v, person_id, &already, err) < 0)
        goto out;
    if (!already) {
        orglife_now_cst(now_text);
        if (attach_store_signin(c, m.id, person_id, auth_actor_user_id(actor), now, err) < 0 ||
            orglife_store_counts(c, m.id, strcmp(m.starts_at, now_text) <= 0, err) < 0 ||
            orglife_store_org(c, m.org_id, &a, &org, err) < 0 ||
            orglife_year_touch(c, &org, m.type, m.meets_on, err) < 0)
            goto out;
        e = auth_audit_entry(actor, "meeting.signin", "meeting", m.id, m.org_id);
        if (audit_append(c, &e, err) < 0)
            goto out;
    }
    *meeting_id_out = m.id;
    *already_out = already;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
