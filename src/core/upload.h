/* upload.h: the checks an uploaded file passes before an area keeps it (orglife's meeting
 * attachments, dev's 材料): its kind read from the bytes (PDF, PNG, JPEG, Word .docx; never from
 * the name), the content type it is served with, a size ceiling, and the file name as kept
 * (no folders, no hidden or direction characters). Storing, auditing and answering a download
 * (http_res_file) are the caller's. */
#pragma once

#include "core/compat.h"

struct arena;
struct err;

/* Kinds of file and their zh-CN labels, NULL-terminated, same order. */
extern const char *const UPLOAD_KINDS[], *const UPLOAD_KIND_LABELS[];

/* The kind of a file from its first bytes: "pdf" (%PDF-), "png", "jpeg", or "docx" (a zip
 * whose entries hold [Content_Types].xml and word/...); NULL for anything else (an .exe, HTML,
 * an .xlsx, a damaged zip). */
const char *upload_sniff(const void *p, size_t n);
/* The Content-Type of a kind; application/octet-stream for an unknown one. */
const char *upload_content_type(const char *kind);
/* The file-name extension of a kind ("jpg" for jpeg). */
const char *upload_ext(const char *kind);

/* A file that passed upload_check. */
struct upload_file {
    const char *kind, *content_type, *file_name;
};
/* Checks n bytes at p named file_name (may be NULL) for keeping as a "what" (附件, 材料): more
 * than max_bytes is E_LIMIT; empty or of no accepted kind is E_INVALID; a name that is not
 * UTF-8, holds hidden or direction characters (utf8_hidden_reason) or is longer than 200
 * characters after cleaning is E_INVALID; all on /file with a zh-CN message. The name kept is
 * the last path segment, invisible characters and controls dropped, blanks at the ends
 * trimmed; an empty one becomes "<what>.<ext>". Strings from a. */
int upload_check(const char *file_name, const void *p, size_t n, int64_t max_bytes,
                 const char *what, struct arena *a, struct upload_file *out, struct err *err);
