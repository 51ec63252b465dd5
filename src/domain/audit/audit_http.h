/* audit_http.h: the routes of the audit area. */
#pragma once

struct module;
extern const struct module AUDIT_MODULE;
