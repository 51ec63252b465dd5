/* auth_http.h: the routes of the auth area. */
#pragma once

struct module;
extern const struct module AUTH_MODULE;
