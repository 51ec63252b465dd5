/* modules.h: the list of domain areas. Adding an area is one row in MODULES[] (modules.c). */
#pragma once

struct route;

struct module {
    const char *name;
    const struct route *routes; /* ends with a row whose pattern is NULL */
};

extern const struct module MODULES[];
extern const size_t MODULES_LEN;
