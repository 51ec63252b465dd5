/* import_http.h: the Excel import/export routes (import_http.c), one module row. */
#pragma once

struct module;

extern const struct module IMPORT_MODULE;
