/* member_import.h: the member roster importer shared by POST /api/members/import and
 * `dangjian import members`: the roster's column table (MEMBER_COLUMNS: headers as the UI
 * labels the fields, older headers as aliases) and row check and writer on top of the generic
 * importer (import_engine.h), which reads the file, finds the header row, decodes cells,
 * batches and reports every error of every row. A row matching a registered member (by ID
 * number) may not rename them nor move them to another org (a 组织关系转接); the fields it
 * changes are reported (import_result.updates). It also writes the import template and the
 * roster export. It does not know about HTTP or the terminal. */
#pragma once

#include "io/import_engine.h"

struct app;
struct arena;
struct err;
struct member_query;

/* The roster's columns, in template and export order; ends with a NULL code. */
#define MEMBER_NCOLUMNS 18
extern const struct import_column MEMBER_COLUMNS[MEMBER_NCOLUMNS + 1];

/* Imports the file in data (len bytes; .xlsx when it is a zip, else CSV) as import_engine_run
 * does, with the roster's table: creates or updates members through the members service. */
int member_import(struct app *app, const void *data, size_t len, const struct import_opts *o,
                  struct arena *a, struct import_result *out, struct err *err);

/* The import template: the headers of MEMBER_COLUMNS and one example row with a demo ID
 * (99…) in org_name (may be NULL: left empty). */
int member_import_template_xlsx(const char *org_name, char **data_out, size_t *len_out,
                                struct err *err);

/* The roster export of the members matching q (all pages), masked unless reveal bits are
 * given (the caller checked members.reveal_pii and audits). demo adds the 演示数据 title.
 * *data_out is malloc'd; *count_out members were written. */
int member_export_xlsx(struct app *app, const struct member_query *q, unsigned reveal, bool demo,
                       char **data_out, size_t *len_out, int64_t *count_out, struct err *err);

/* The member field a header names ("name", "id_number", "org" …), or NULL. */
const char *import_header_field(const char *header);
