/* cache_http.h: the cache as handlers use it: the change counters read once per request (kept
 * in the request's guard slot) and whole answers kept while a counter stands still. */
#pragma once

#include "domain/cache/cache.h"

struct buf;
struct http_req;
struct http_res;

/* The registered change counters as of this request: read on first use, then the same for
 * the rest of the request (req->slot). */
int cache_http_generations(struct http_req *req, const struct generations **out, struct err *err);

/* A handler names an answer by a key holding everything it depends on but the counter and
 * the day (scope, filters, page); http_cache_answer then either answers from the cache
 * (returns 1) or returns 0 with the slot to fill, after computing, by
 * http_res_writer_end_cached. */
struct http_cache_slot {
    const char *key; /* the handler's key with today's date appended */
    int64_t gen;     /* the counter's value read before computing */
};
int http_cache_answer(struct http_req *req, struct http_res *res,
                      const struct change_counter *counter, const char *key,
                      struct http_cache_slot *slot, struct err *err);
/* http_res_writer_end with status 200, then stores the answer in the slot. */
int http_res_writer_end_cached(struct http_req *req, struct http_res *res, struct buf *b,
                               const struct http_cache_slot *slot, struct err *err);
