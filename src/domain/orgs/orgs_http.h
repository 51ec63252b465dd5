/* orgs_http.h: the routes of the orgs area (the org tree, history events, terms and posts,
 * advisories, the subtree dashboard, and linked units). */
#pragma once

struct module;
extern const struct module ORGS_MODULE;
/* The units linked to an org (orgs_units_http.c). */
extern const struct module ORG_UNITS_MODULE;
