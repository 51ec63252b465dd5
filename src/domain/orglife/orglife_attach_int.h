/* orglife_attach_int.h: store functions of a meeting's attachments and sign-in link
 * (orglife_attach_store.c), seen by src/domain/orglife only. They take a connection and never
 * begin or commit; the service (orglife_attach.c) owns the transaction. */
#pragma once

#include "domain/orglife/orglife_attach.h"
#include "domain/orglife/orglife_int.h"

/* A checked upload as it is stored. */
struct attach_new {
    const char *file_name, *kind, *content_type, *sha256;
    const void *data;
    size_t len;
};
int attach_store_insert(struct db_conn *c, int64_t meeting_id, const struct attach_new *in,
                        int64_t user_id, int64_t now, int64_t *id_out, struct err *err);
int attach_store_count(struct db_conn *c, int64_t meeting_id, int64_t *n_out, struct err *err);
int attach_store_list(struct db_conn *c, int64_t meeting_id, struct arena *a,
                      struct attach_view **out, int64_t *n_out, struct err *err);
/* One attachment of the meeting (with its bytes when data); E_NOT_FOUND otherwise. */
int attach_store_get(struct db_conn *c, int64_t meeting_id, int64_t id, bool data, struct arena *a,
                     struct attach_view *out, struct err *err);
int attach_store_delete(struct db_conn *c, int64_t meeting_id, int64_t id, struct err *err);

/* The meeting's sign-in token (*token_out NULL when none). */
int attach_store_token(struct db_conn *c, int64_t meeting_id, struct arena *a,
                       const char **token_out, int64_t *created_out, struct err *err);
int attach_store_token_put(struct db_conn *c, int64_t meeting_id, const char *token,
                           int64_t user_id, int64_t now, struct err *err);
int attach_store_token_find(struct db_conn *c, const char *token, int64_t *meeting_id_out,
                            bool *found_out, struct err *err);
/* The person's attendance row at the meeting: expected, and the status recorded (NULL: none;
 * both false/NULL when there is no row). */
int attach_store_attendee(struct db_conn *c, int64_t meeting_id, int64_t person_id, struct arena *a,
                          bool *expected_out, const char **status_out, struct err *err);
/* Marks an expected attendee with nothing recorded 出席, signed in by themselves. */
int attach_store_signin(struct db_conn *c, int64_t meeting_id, int64_t person_id, int64_t user_id,
                        int64_t now, struct err *err);
