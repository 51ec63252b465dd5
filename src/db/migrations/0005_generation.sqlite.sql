-- 0005_generation: a counter that every change to the roster and the org network moves on,
-- whoever makes it (server, CLI import, a manual SQL fix). Answers derived from those tables
-- (member list pages, dashboard statistics) are cached under the counter's value and are
-- valid exactly while it has not moved. Org history (org_event) and audit rows do not count:
-- no cached answer reads them. A person shows only through a member row, so inserting or
-- deleting a person alone changes no answer (deleting a member's person needs the member
-- deleted first); changing one does. One bump per transaction would do, but SQLite has no
-- statement-level triggers; the counter row is found by its rowid to keep each bump cheap.
CREATE TABLE generation (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    n INTEGER NOT NULL
);
INSERT INTO generation (id, name, n) VALUES (1, 'roster', 1);

CREATE TRIGGER generation_org_i AFTER INSERT ON org BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_u AFTER UPDATE ON org BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_d AFTER DELETE ON org BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_member_i AFTER INSERT ON member BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_member_u AFTER UPDATE ON member BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_member_d AFTER DELETE ON member BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_member_tag_i AFTER INSERT ON member_tag BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_member_tag_u AFTER UPDATE ON member_tag BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_member_tag_d AFTER DELETE ON member_tag BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_term_i AFTER INSERT ON org_term BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_term_u AFTER UPDATE ON org_term BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_term_d AFTER DELETE ON org_term BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_post_i AFTER INSERT ON org_post BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_post_u AFTER UPDATE ON org_post BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_post_d AFTER DELETE ON org_post BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_rule_i AFTER INSERT ON org_rule BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_rule_u AFTER UPDATE ON org_rule BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_org_rule_d AFTER DELETE ON org_rule BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_person_u AFTER UPDATE ON person BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
