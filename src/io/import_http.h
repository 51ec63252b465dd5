/* import_http.h: the Excel import/export routes (import_http.c), one line in MODULES[]. */
#pragma once

struct route;

extern const struct route IMPORT_ROUTES[];

/* Waits until every background import has finished (the server calls it at shutdown, after
 * it stopped taking requests and before it closes the database). */
void import_jobs_drain(void);
