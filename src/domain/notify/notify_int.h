/* notify_int.h: the notify area's store (notify_store.c): SQL only, on a connection the
 * caller holds, never beginning or committing. */
#pragma once

#include "domain/notify/notify.h"

struct notify_pending {
    int64_t id;
    const char *phone, *body; /* phone unsealed */
};

int notify_store_insert(struct db_conn *c, const struct notify_msg *m, int64_t now,
                        struct err *err);
/* Up to 100 messages to phones not sent yet, tried fewer than 5 times, oldest first. */
int notify_store_pending(struct db_conn *c, struct arena *a, struct notify_pending **out,
                         int64_t *n_out, struct err *err);
/* Takes message id for sending (sent_at = now) unless another sender took it: *taken_out. */
int notify_store_claim(struct db_conn *c, int64_t id, int64_t now, bool *taken_out,
                       struct err *err);
/* Gives a claimed message back unsent with the sink's error. */
int notify_store_unclaim(struct db_conn *c, int64_t id, const char *error, struct err *err);
int notify_store_inbox(struct db_conn *c, int64_t user_id, int64_t page, int64_t size,
                       struct arena *a, struct notify_row **out, int64_t *n_out, int64_t *total_out,
                       struct err *err);
int notify_store_unread(struct db_conn *c, int64_t user_id, int64_t *n_out, struct err *err);
int notify_store_read(struct db_conn *c, int64_t user_id, int64_t id, int64_t now, struct err *err);
