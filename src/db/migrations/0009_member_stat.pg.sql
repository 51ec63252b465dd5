-- 0009_member_stat (PostgreSQL): subtree statistics kept as counters, so a district's or a city's dashboard
-- reads one org's rows instead of scanning every member. member_stat holds, for every org, how
-- many members of its whole subtree have each value of each dimension: 'status' over every
-- member; 'category', 'gender', 'education', 'birth' (the birth date, for age bands on any day)
-- and 'joined' (the year) over active members (预备 and 正式). member_fact lists the facts one
-- member contributes: one per (ancestor, dimension), the ancestors read from the ids in its
-- org_path (so a moved subtree is counted right while its paths are being rewritten).
-- Triggers keep the counters in the writing transaction; `dangjian stats verify` recounts.
-- PostgreSQL's triggers run once per statement over its transition tables (one grouped upsert
-- per statement): row triggers would update the district's counter rows once per member, and
-- inside one long transaction (an import) every such update leaves a row version the next one
-- must step over.
CREATE TABLE stat_dim (dim TEXT PRIMARY KEY, active_only BIGINT NOT NULL);
INSERT INTO stat_dim (dim, active_only) VALUES ('status', 0), ('category', 1), ('gender', 1),
    ('education', 1), ('birth', 1), ('joined', 1);

CREATE TABLE member_stat (
    org_id BIGINT NOT NULL,
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (org_id, dim, key)
);

CREATE VIEW member_fact AS
SELECT m.id AS member_id, m.person_id AS person_id,
    CAST(substr(m.org_path, k.k + 1, instr(substr(m.org_path, k.k + 1), '/') - 1) AS BIGINT)
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

-- The facts of one member's values; each trigger adds (or takes away) the facts of the rows its
-- statement changed, grouped, in one upsert. The transition tables are visible only in the
-- trigger function itself, hence one statement written out per case.
CREATE FUNCTION dj_facts(org_path text, status text, category text, gender text,
    education text, birth_date text, joined_on text)
RETURNS TABLE (org_id bigint, dim text, key text) LANGUAGE sql STABLE AS $$
    SELECT CAST(substr(org_path, k.k + 1, instr(substr(org_path, k.k + 1), '/') - 1) AS BIGINT),
        d.dim,
        CASE d.dim WHEN 'status' THEN status WHEN 'category' THEN category
            WHEN 'gender' THEN gender WHEN 'education' THEN coalesce(education, '')
            WHEN 'birth' THEN coalesce(birth_date, '')
            ELSE coalesce(substr(joined_on, 1, 4), '') END
    FROM name_position k JOIN stat_dim d ON d.active_only = 0 OR status IN ('probationary', 'full')
    WHERE k.k < length(org_path) AND substr(org_path, k.k, 1) = '/'
$$;
CREATE FUNCTION dj_member_stat_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT f.org_id, f.dim, f.key, count(*) FROM new_rows m JOIN person p ON p.id = m.person_id,
        dj_facts(m.org_path, m.status, m.category, p.gender, p.education, p.birth_date, m.joined_on) f
    GROUP BY 1, 2, 3 ON CONFLICT (org_id, dim, key) DO UPDATE SET n = member_stat.n + excluded.n;
    RETURN NULL;
END $$;
CREATE FUNCTION dj_member_stat_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT f.org_id, f.dim, f.key, -count(*) FROM old_rows m JOIN person p ON p.id = m.person_id,
        dj_facts(m.org_path, m.status, m.category, p.gender, p.education, p.birth_date, m.joined_on) f
    GROUP BY 1, 2, 3 ON CONFLICT (org_id, dim, key) DO UPDATE SET n = member_stat.n + excluded.n;
    RETURN NULL;
END $$;
-- Only the rows whose counted values changed (PostgreSQL has no column list with transition
-- tables, so the trigger sees every member update).
CREATE FUNCTION dj_member_stat_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT f.org_id, f.dim, f.key, -count(*) FROM old_rows m JOIN new_rows x ON x.id = m.id JOIN person p ON p.id = m.person_id,
        dj_facts(m.org_path, m.status, m.category, p.gender, p.education, p.birth_date, m.joined_on) f
    WHERE (m.person_id, m.org_path, m.status, m.category, m.joined_on) IS DISTINCT FROM
        (x.person_id, x.org_path, x.status, x.category, x.joined_on)
    GROUP BY 1, 2, 3 ON CONFLICT (org_id, dim, key) DO UPDATE SET n = member_stat.n + excluded.n;
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT f.org_id, f.dim, f.key, count(*) FROM new_rows m JOIN old_rows x ON x.id = m.id JOIN person p ON p.id = m.person_id,
        dj_facts(m.org_path, m.status, m.category, p.gender, p.education, p.birth_date, m.joined_on) f
    WHERE (m.person_id, m.org_path, m.status, m.category, m.joined_on) IS DISTINCT FROM
        (x.person_id, x.org_path, x.status, x.category, x.joined_on)
    GROUP BY 1, 2, 3 ON CONFLICT (org_id, dim, key) DO UPDATE SET n = member_stat.n + excluded.n;
    RETURN NULL;
END $$;
CREATE FUNCTION dj_member_stat_person_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT f.org_id, f.dim, f.key, -count(*) FROM old_rows p JOIN new_rows x ON x.id = p.id JOIN member m ON m.person_id = p.id,
        dj_facts(m.org_path, m.status, m.category, p.gender, p.education, p.birth_date, m.joined_on) f
    WHERE (p.gender, p.education, p.birth_date) IS DISTINCT FROM (x.gender, x.education, x.birth_date)
    GROUP BY 1, 2, 3 ON CONFLICT (org_id, dim, key) DO UPDATE SET n = member_stat.n + excluded.n;
    INSERT INTO member_stat (org_id, dim, key, n)
    SELECT f.org_id, f.dim, f.key, count(*) FROM new_rows p JOIN old_rows x ON x.id = p.id JOIN member m ON m.person_id = p.id,
        dj_facts(m.org_path, m.status, m.category, p.gender, p.education, p.birth_date, m.joined_on) f
    WHERE (p.gender, p.education, p.birth_date) IS DISTINCT FROM (x.gender, x.education, x.birth_date)
    GROUP BY 1, 2, 3 ON CONFLICT (org_id, dim, key) DO UPDATE SET n = member_stat.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER member_stat_ins AFTER INSERT ON member REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dj_member_stat_ins();
CREATE TRIGGER member_stat_del AFTER DELETE ON member REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dj_member_stat_del();
CREATE TRIGGER member_stat_upd AFTER UPDATE ON member
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dj_member_stat_upd();
CREATE TRIGGER member_stat_person_upd AFTER UPDATE ON person
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dj_member_stat_person_upd();
