-- 0022_seal: ID numbers and phone numbers sealed at rest (core/seal.h, docs/security.md),
-- forward-only. person.id_number, person.phone and dev_applicant.id_number hold
-- "s1:" + base64(IV ‖ SM4-CTR ‖ HMAC-SM3 tag); the start-up pass seals the values this
-- migration leaves plain. id_hash is the blind index (HMAC-SM3 of the plain ID number under its
-- own key), which carries the uniqueness the plain column had. seal_check holds the key's check
-- value: a database is never opened with another key. (SQLite keeps the old UNIQUE on
-- person.id_number, which sealed values, each with its own IV, never collide on.)
ALTER TABLE person ADD COLUMN id_hash TEXT;
CREATE UNIQUE INDEX person_id_hash ON person(id_hash);
ALTER TABLE dev_applicant ADD COLUMN id_hash TEXT;
DROP INDEX dev_applicant_open_id;
CREATE UNIQUE INDEX dev_applicant_open_id ON dev_applicant(id_hash) WHERE status <> 'cancelled';
CREATE TABLE seal_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    check_value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
