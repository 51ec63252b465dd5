/* audit_int.h: the audit row as stored, and the store functions (audit_store.c). */
#pragma once

#include "domain/audit/audit.h"

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

void audit_row_hash(const struct audit_row *r, char out[65]);

int audit_store_last(struct db_conn *c, int64_t *id_out, char hash_out[65], struct err *err);
int audit_store_insert(struct db_conn *c, const struct audit_row *r, struct err *err);
/* Inserts exactly AUDIT_STORE_CHUNK rows r[0..AUDIT_STORE_CHUNK) in one statement. */
#define AUDIT_STORE_CHUNK 32
int audit_store_insert_chunk(struct db_conn *c, const struct audit_row *r, struct err *err);
/* Calls fn for each row in id order until fn returns non-zero. */
int audit_store_page(struct db_conn *c, const struct audit_query *q, struct arena *a,
                     struct audit_row **rows_out, int64_t *n_out, int64_t *total_out,
                     struct err *err);
int audit_store_walk(struct db *db, int (*fn)(void *cls, const struct audit_row *r), void *cls,
                     struct err *err);
