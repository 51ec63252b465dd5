-- 0009_member_stat: subtree statistics kept as counters, so a district's or a city's dashboard
-- reads one org's rows instead of scanning every member. member_stat holds, for every org, how
-- many members of its whole subtree have each value of each dimension: 'status' over every
-- member; 'category', 'gender', 'education', 'birth' (the birth date, for age bands on any day)
-- and 'joined' (the year) over active members (预备 and 正式). member_fact lists the facts one
-- member contributes: one per (ancestor, dimension), the ancestors read from the ids in its
-- org_path (so a moved subtree is counted right while its paths are being rewritten).
-- Triggers keep the counters in the writing transaction; `dangjian stats verify` recounts.
CREATE TABLE stat_dim (dim TEXT PRIMARY KEY, active_only INTEGER NOT NULL) STRICT;
INSERT INTO stat_dim (dim, active_only) VALUES ('status', 0), ('category', 1), ('gender', 1),
    ('education', 1), ('birth', 1), ('joined', 1);

CREATE TABLE member_stat (
    org_id INTEGER NOT NULL,
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (org_id, dim, key)
) STRICT, WITHOUT ROWID;

CREATE VIEW member_fact AS
SELECT m.id AS member_id, m.person_id AS person_id,
    CAST(substr(m.org_path, k.k + 1, instr(substr(m.org_path, k.k + 1), '/') - 1) AS INTEGER)
        AS org_id,
    d.dim AS dim,
    CASE d.dim WHEN 'status' THEN m.status WHEN 'category' THEN m.category
        WHEN 'gender' THEN p.gender WHEN 'education' THEN coalesce(p.education, '')
        WHEN 'birth' THEN coalesce(p.birth_date, '')
        ELSE coalesce(substr(m.joined_on, 1, 4), '') END AS key
FROM member m JOIN person p ON p.id = m.person_id
JOIN name_position k ON k.k < length(m.org_path) AND substr(m.org_path, k.k, 1) = '/'
JOIN stat_dim d ON d.active_only = 0 OR m.status IN ('probationary', 'full');

INSERT INTO member_stat (org_id, dim, key, n)
SELECT org_id, dim, key, count(*) FROM member_fact WHERE true GROUP BY 1, 2, 3;

CREATE TRIGGER member_stat_ai AFTER INSERT ON member BEGIN
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT org_id, dim, key, 1 FROM member_fact WHERE member_id = new.id
    ON CONFLICT (org_id, dim, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER member_stat_bd BEFORE DELETE ON member BEGIN
    UPDATE member_stat SET n = n - 1 WHERE (org_id, dim, key) IN
        (SELECT org_id, dim, key FROM member_fact WHERE member_id = old.id);
END;
CREATE TRIGGER member_stat_bu BEFORE UPDATE OF person_id, org_path, status, category, joined_on
    ON member BEGIN
    UPDATE member_stat SET n = n - 1 WHERE (org_id, dim, key) IN
        (SELECT org_id, dim, key FROM member_fact WHERE member_id = old.id);
END;
CREATE TRIGGER member_stat_au AFTER UPDATE OF person_id, org_path, status, category, joined_on
    ON member BEGIN
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT org_id, dim, key, 1 FROM member_fact WHERE member_id = new.id
    ON CONFLICT (org_id, dim, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER member_stat_person_bu BEFORE UPDATE OF gender, education, birth_date ON person
BEGIN
    UPDATE member_stat SET n = n - 1 WHERE (org_id, dim, key) IN
        (SELECT org_id, dim, key FROM member_fact WHERE person_id = old.id);
END;
CREATE TRIGGER member_stat_person_au AFTER UPDATE OF gender, education, birth_date ON person
BEGIN
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT org_id, dim, key, 1 FROM member_fact WHERE person_id = new.id
    ON CONFLICT (org_id, dim, key) DO UPDATE SET n = n + 1;
END;
