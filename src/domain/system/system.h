/* system.h: server-level routes (health).
 * No business data. */
#pragma once

#include "http/http.h"

struct module;
extern const struct module SYSTEM_MODULE;
