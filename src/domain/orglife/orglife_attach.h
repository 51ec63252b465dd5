/* orglife_attach.h: a meeting's attachments and its sign-in link (migration 0016), beside
 * orglife.h so the meetings' author and this part do not edit one file. Attachments are PDF,
 * PNG, JPEG or Word .docx files, their kind read from the bytes; the sign-in link lets a member,
 * on their own account, mark themselves 出席 in a time window around the meeting. No location is
 * asked or kept. No HTTP here; SQL lives in orglife_attach_store.c. */
#pragma once

#include "core/compat.h"
#include "core/upload.h"

struct app;
struct arena;
struct auth_actor;
struct err;

/* Kinds of attachment and their zh-CN labels, NULL-terminated: core/upload.h's. */
#define ATTACH_KINDS       UPLOAD_KINDS
#define ATTACH_KIND_LABELS UPLOAD_KIND_LABELS

struct attach_view {
    int64_t id, meeting_id, size, uploaded_by, uploaded_at;
    const char *file_name, *kind, *content_type, *sha256, *uploaded_by_name;
    const void *data; /* attach_get only */
};

/* The kind of a file from its first bytes: upload_sniff (core/upload.h). */
const char *attach_sniff(const void *p, size_t n);

/* Stores a file with the meeting: the name (without folders, 1–200 characters) is kept for the
 * download; the kind comes from the bytes (E_INVALID on /file otherwise, naming what is
 * accepted); larger than orglife.attach_max_bytes is E_LIMIT; a meeting holding
 * orglife.attach_max_count already is E_CONFLICT. One transaction, audited. */
int attach_add(struct app *app, int64_t meeting_id, const char *file_name, const void *p, size_t n,
               const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* The meeting's attachments, oldest first, without their bytes. */
int attach_list(struct app *app, int64_t meeting_id, struct arena *a, struct attach_view **out,
                int64_t *n_out, struct err *err);
/* One attachment of the meeting with its bytes (in a); E_NOT_FOUND when it is another's. */
int attach_get(struct app *app, int64_t meeting_id, int64_t id, struct arena *a,
               struct attach_view *out, struct err *err);
/* Deletes it; E_NOT_FOUND when it is not the meeting's. Audited with its name and digest. */
int attach_delete(struct app *app, int64_t meeting_id, int64_t id, const struct auth_actor *actor,
                  struct err *err);

/* ---- sign-in ---- */

/* The sign-in window of a meeting: opens orglife.signin_before_minutes before starts_at and
 * closes orglife.signin_after_minutes after ends_at (starts_at when none), both
 * "YYYY-MM-DD HH:MM" China Standard Time. */
struct signin_view {
    int64_t meeting_id, org_id, created_at;
    const char *token; /* NULL: no link made yet */
    const char *topic, *org_name, *starts_at, *ends_at, *place, *status;
    char opens_at[17], closes_at[17];
    bool open;         /* now is inside the window (and the meeting is not cancelled) */
    const char *phase; /* "before", "open", "after" the window, or "cancelled" */
    /* signin_lookup with a person only: */
    bool expected;
    const char *my_status; /* NULL: not recorded */
};
/* The meeting's link (token NULL when none) and window. */
int signin_get(struct app *app, int64_t meeting_id, struct arena *a, struct signin_view *out,
               struct err *err);
/* Makes a new random token for the meeting, replacing the old one (which stops working).
 * Audited. */
int signin_renew(struct app *app, int64_t meeting_id, const struct auth_actor *actor,
                 struct err *err);
/* The meeting of a token and whether person is expected there; E_INVALID on /token for an
 * unknown token (never which meetings exist). */
int signin_lookup(struct app *app, const char *token, int64_t person_id, struct arena *a,
                  struct signin_view *out, struct err *err);
/* Marks person 出席 at the meeting of token: inside the window (E_CONFLICT outside), at a meeting
 * not cancelled, when the person is an expected attendee (E_FORBIDDEN otherwise). What the
 * recorder recorded stands: 出席 or 线上 already is answered as done (*already_out), 请假,
 * 缺席 or 送学上门 is E_CONFLICT (the recorder corrects it). One transaction, audited. */
int signin_mark(struct app *app, const char *token, const struct auth_actor *actor,
                int64_t *meeting_id_out, bool *already_out, struct err *err);
