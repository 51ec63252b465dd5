/* json_write.h: writes JSON text straight into a struct buf, for responses that carry many
 * records (the member list), where building a jansson tree and dumping it cost more than the
 * query itself. Keys and commas are tracked by the writer; nesting is ASSERTed. Decoding and
 * small bodies stay with jansson (core/json.h). */
#pragma once

struct buf;

#define JSON_WRITE_MAX_DEPTH 16

struct json_writer {
    struct buf *out;
    int depth;
    bool has_items[JSON_WRITE_MAX_DEPTH]; /* per open container: a value was written */
    bool after_key;                       /* a key was written; its value comes next */
};

void json_write_init(struct json_writer *w, struct buf *out);

void json_write_object_begin(struct json_writer *w);
void json_write_object_end(struct json_writer *w);
void json_write_array_begin(struct json_writer *w);
void json_write_array_end(struct json_writer *w);
/* The key of the next value inside an object. */
void json_write_key(struct json_writer *w, const char *key);

/* Values. NULL strings are written as null; invalid UTF-8 bytes become U+FFFD. */
void json_write_str(struct json_writer *w, const char *s);
void json_write_strn(struct json_writer *w, const char *s, size_t n);
void json_write_int(struct json_writer *w, int64_t v);
/* A number given in thousandths (852 → 0.852), as a share or rate is shown. */
void json_write_milli(struct json_writer *w, int64_t thousandths);
void json_write_bool(struct json_writer *w, bool v);
void json_write_null(struct json_writer *w);

/* key + value in one call, for object members. */
void json_write_kstr(struct json_writer *w, const char *key, const char *s);
void json_write_kint(struct json_writer *w, const char *key, int64_t v);
