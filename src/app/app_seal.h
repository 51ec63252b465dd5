/* app_seal.h: sealed personal data at start-up and key rotation (core/seal.h, db_seal.c),
 * over the sealed columns every module row declares. */
#pragma once

struct cfg;
struct db;
struct err;

/* Loads the key (crypto.key_file; empty: the SQLite file + ".key"), creating it when missing
 * and the database holds no sealed data yet; refuses a key whose check value is not the
 * database's; then seals what is still plain. Run after opening a database and again after
 * migrating it. */
int app_seal_open(const struct cfg *cfg, struct db *db, struct err *err);
/* Re-seals every sealed value under a new key written to the key file's name + ".new", then
 * moves the old key file to ".old" and the new one into its place. *n_out: values re-sealed. */
int app_seal_rotate(const struct cfg *cfg, struct db *db, int64_t *n_out, struct err *err);
