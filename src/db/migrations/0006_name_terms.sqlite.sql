-- 0006_name_terms: index terms for the name searches the trigram index cannot serve: every
-- two-character piece of a name ('b:' prefix; a two-character query is one lookup) and each
-- pinyin-initials key of person.name_initials ('i:' prefix; "zs" finds 张三 by a range).
-- Kept by triggers on person from name and name_initials; name_position lists the character
-- positions a name can have, since a trigger cannot loop. The demo generator's bulk load
-- rebuilds the table with the same two statements as the backfill below.
CREATE TABLE name_position (k INTEGER PRIMARY KEY) STRICT;
WITH RECURSIVE r(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM r WHERE k < 512)
INSERT INTO name_position (k) SELECT k FROM r;

CREATE TABLE person_term (
    term TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    PRIMARY KEY (term, person_id)
) WITHOUT ROWID, STRICT;
-- The triggers replace a person's terms by person_id.
CREATE INDEX person_term_person ON person_term(person_id);

INSERT OR IGNORE INTO person_term (term, person_id)
SELECT 'b:' || substr(p.name, n.k, 2), p.id FROM person p JOIN name_position n ON n.k < length(p.name);
INSERT OR IGNORE INTO person_term (term, person_id)
SELECT 'i:' || substr(p.name_initials, n.k, instr(substr(p.name_initials, n.k) || ' ', ' ') - 1), p.id
FROM person p JOIN name_position n ON n.k <= length(p.name_initials)
    AND (n.k = 1 OR substr(p.name_initials, n.k - 1, 1) = ' ') AND substr(p.name_initials, n.k, 1) <> ' ';

CREATE TRIGGER person_term_ai AFTER INSERT ON person BEGIN
    INSERT OR IGNORE INTO person_term (term, person_id)
    SELECT 'b:' || substr(new.name, k, 2), new.id FROM name_position WHERE k < length(new.name);
    INSERT OR IGNORE INTO person_term (term, person_id)
    SELECT 'i:' || substr(new.name_initials, k, instr(substr(new.name_initials, k) || ' ', ' ') - 1), new.id
    FROM name_position WHERE k <= length(new.name_initials)
        AND (k = 1 OR substr(new.name_initials, k - 1, 1) = ' ') AND substr(new.name_initials, k, 1) <> ' ';
END;
CREATE TRIGGER person_term_ad AFTER DELETE ON person BEGIN
    DELETE FROM person_term WHERE person_id = old.id;
END;
CREATE TRIGGER person_term_au AFTER UPDATE OF name, name_initials ON person
WHEN old.name IS NOT new.name OR old.name_initials IS NOT new.name_initials BEGIN
    DELETE FROM person_term WHERE person_id = old.id;
    INSERT OR IGNORE INTO person_term (term, person_id)
    SELECT 'b:' || substr(new.name, k, 2), new.id FROM name_position WHERE k < length(new.name);
    INSERT OR IGNORE INTO person_term (term, person_id)
    SELECT 'i:' || substr(new.name_initials, k, instr(substr(new.name_initials, k) || ' ', ' ') - 1), new.id
    FROM name_position WHERE k <= length(new.name_initials)
        AND (k = 1 OR substr(new.name_initials, k - 1, 1) = ' ') AND substr(new.name_initials, k, 1) <> ' ';
END;
