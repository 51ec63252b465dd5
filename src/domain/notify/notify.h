/* notify.h: messages to people about their own affairs (通知), the one notifier every area
 * uses: a message is a row written inside the caller's transaction (so it exists exactly when
 * the change it reports does), shown in the recipient account's inbox (我的消息) and, when a
 * phone is given, handed after the commit to the configured sink: today a file of JSON lines
 * (notify.file), the place an SMS or WeChat adapter takes over; without one, messages to phones
 * wait, unsent. A message's text is the caller's: it must name nothing of anyone but the
 * recipient. It does not touch HTTP; SQL lives in notify_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct db_conn;
struct err;

struct notify_msg {
    int64_t tenant_id;
    int64_t user_id;      /* the recipient's account (its inbox), 0: none */
    const char *phone;    /* the recipient's phone, sealed at rest; NULL: none */
    const char *kind;     /* what happened, e.g. "demand.accepted" */
    const char *ref_type; /* the record it is about ("demand"), NULL: none */
    int64_t ref_id;
    const char *body; /* the text, at most 500 characters */
};
/* Writes m on c inside the caller's transaction; E_INVALID when it has no recipient. */
int notify_enqueue(struct db_conn *c, const struct notify_msg *m, struct err *err);
/* Hands every message to a phone not yet sent to the sink (after the caller's commit); a
 * message the sink refuses stays unsent with its error and is tried again next time, at most
 * 5 times. Failures are logged, never returned: the change they report is done. */
void notify_deliver(struct app *app);

struct notify_row {
    int64_t id, ref_id, created_at, read_at;
    const char *kind, *ref_type, *body;
};
/* A page of user_id's messages, newest first, and how many are unread. */
int notify_inbox(struct app *app, int64_t user_id, int64_t page, int64_t size, struct arena *a,
                 struct notify_row **out, int64_t *n_out, int64_t *total_out, int64_t *unread_out,
                 struct err *err);
/* Marks user_id's message id read (0: all of them). */
int notify_mark_read(struct app *app, int64_t user_id, int64_t id, struct err *err);
