/* xlsx_read_int.h: the state of one .xlsx read and the functions its files share
 * (xlsx_read.c, xlsx_parts.c, xlsx_sheet.c). Seen by those files only; the interface is
 * xlsx_read.h. Include after core/compat.h, <expat.h> and <zip.h>. */
#pragma once

#include "io/sheet.h"

#define XLSX_CELL_MAX   (64 * 1024) /* bytes kept of one cell's text */
#define XLSX_MERGES_MAX 20000
#define XLSX_PATH_MAX   256
#define XLSX_CHUNK      (64 * 1024)

/* A growable heap byte buffer; the owner bounds it. */
struct sbuf {
    char *p;
    size_t len, cap;
};

struct merge {
    int64_t r1, r2;
    size_t c1, c2;
    bool captured;
    struct sheet_cell val; /* the top-left cell, text owned (heap) */
};

struct rcell {
    enum sheet_kind kind;
    size_t off; /* into row_text */
    double num;
    bool is_date;
};

struct xlsx {
    zip_t *z;
    const struct sheet_limits *lim;
    struct sheet_info *info;
    struct err *err;
    uint64_t bytes;
    bool failed; /* a handler set err and stopped the parser */
    bool done;   /* the sheet's rows are over: stop early, not an error */
    XML_Parser parser;

    char wb_path[XLSX_PATH_MAX], sheet_path[XLSX_PATH_MAX], sst_path[XLSX_PATH_MAX],
        styles_path[XLSX_PATH_MAX], sheet_rid[128];
    bool sheet_found;

    /* shared strings */
    struct sbuf sst;
    size_t *sst_off, sst_n, sst_cap;
    struct sbuf cur; /* text being collected */
    bool collecting, in_rph, in_is, in_si;

    /* styles */
    struct fmt {
        long id;
        bool date;
    } * fmts;
    size_t nfmts, fmts_cap;
    long *xf_fmt;
    size_t nxf, xf_cap;
    bool *xf_date;
    bool in_cellxfs, in_numfmts;

    /* merges */
    struct merge *merges;
    size_t nmerges, merges_cap, merge_next;

    /* the row being read */
    int64_t row, last_row;
    struct rcell *cells;
    size_t ncells, cells_cap;
    struct sbuf row_text;
    size_t col, next_col;
    char ctype[16];
    long cstyle;
    bool in_cell;
    struct sheet_cell *out;
    size_t out_cap;

    sheet_row_fn *fn;
    void *ctx;
};

/* xlsx_read.c. Appends n bytes of s (NUL kept after them); grows an array p of *cap elements
 * of elem bytes to hold need; the local part of an XML name; the value of attribute name
 * (prefixed: match "r:id" by "id"); "B12" into a 0-based column and 1-based row;
 * E_INVALID "/file" with msg (returns -1). */
void xlsx_sb_add(struct sbuf *b, const char *s, size_t n);
void *xlsx_grow(void *p, size_t *cap, size_t need, size_t elem);
const char *xlsx_local_name(const char *name);
const char *xlsx_attr(const char **atts, const char *name, bool prefixed);
bool xlsx_parse_ref(const char *ref, size_t *col, int64_t *row);
int xlsx_fail_invalid(struct xlsx *x, const char *msg);

/* xlsx_parts.c. A zip entry opened (*missing: it is not there) and read a chunk at a time;
 * an entry streamed through expat with these handlers; the text handler that collects into
 * x->cur; the parts before the sheet (see xlsx_parts.c). */
zip_file_t *xlsx_entry_open(struct xlsx *x, const char *name, bool *missing);
zip_int64_t xlsx_entry_read(struct xlsx *x, zip_file_t *f, char *buf);
int xlsx_parse_entry(struct xlsx *x, const char *name, bool required, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler text);
void XMLCALL xlsx_collect_text(void *ud, const char *s, int len);
int xlsx_parts_load(struct xlsx *x);

/* xlsx_sheet.c. The merged ranges, then the sheet's rows. */
int xlsx_sheet_read(struct xlsx *x);
