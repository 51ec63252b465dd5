/* import_http.h: the Excel import/export routes (import_http.c), one module row. */
#pragma once

struct module;

extern const struct module IMPORT_MODULE;

/* Waits until every background import has finished (the server calls it at shutdown, after
 * it stopped taking requests and before it closes the database). */
void import_jobs_drain(void);
