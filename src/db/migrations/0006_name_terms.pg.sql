-- 0006_name_terms: index terms for the name searches the trigram index cannot serve: every
-- two-character piece of a name ('b:' prefix; a two-character query is one lookup) and each
-- pinyin-initials key of person.name_initials ('i:' prefix; "zs" finds 张三 by a range).
-- Kept by triggers on person from name and name_initials (dj_person_terms). The demo generator's bulk load
-- rebuilds the table with the same two statements as the backfill below.
CREATE TABLE name_position (k BIGINT PRIMARY KEY);
INSERT INTO name_position (k) SELECT generate_series(1, 512);

CREATE TABLE person_term (
    term TEXT COLLATE "C" NOT NULL,
    person_id BIGINT NOT NULL,
    PRIMARY KEY (term, person_id)
);
-- The triggers replace a person's terms by person_id.
CREATE INDEX person_term_person ON person_term(person_id);

CREATE FUNCTION dj_person_terms(pid bigint, nm text, ini text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO person_term (term, person_id)
    SELECT DISTINCT 'b:' || substr(nm, k, 2), pid FROM generate_series(1, length(nm) - 1) k
    ON CONFLICT DO NOTHING;
    INSERT INTO person_term (term, person_id)
    SELECT DISTINCT 'i:' || w, pid FROM unnest(string_to_array(ini, ' ')) w WHERE w <> ''
    ON CONFLICT DO NOTHING;
$$;
SELECT dj_person_terms(id, name, name_initials) FROM person;

CREATE FUNCTION dj_person_terms_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dj_person_terms(NEW.id, NEW.name, NEW.name_initials);
    RETURN NULL;
END $$;
CREATE FUNCTION dj_person_terms_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM person_term WHERE person_id = OLD.id;
    RETURN NULL;
END $$;
CREATE FUNCTION dj_person_terms_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM person_term WHERE person_id = OLD.id;
    PERFORM dj_person_terms(NEW.id, NEW.name, NEW.name_initials);
    RETURN NULL;
END $$;
CREATE TRIGGER person_term_ai AFTER INSERT ON person
    FOR EACH ROW EXECUTE FUNCTION dj_person_terms_ai();
CREATE TRIGGER person_term_ad AFTER DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION dj_person_terms_ad();
CREATE TRIGGER person_term_au AFTER UPDATE OF name, name_initials ON person
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name
        OR OLD.name_initials IS DISTINCT FROM NEW.name_initials)
    EXECUTE FUNCTION dj_person_terms_au();
