/* system.h: server-level routes (health, the codes and labels of every module at /api/meta).
 * No business data. */
#pragma once

struct module;
extern const struct module SYSTEM_MODULE;
