-- stats.sql: the dashboard's statistics queries as src/domain/orgs/orgs_store.c runs them
-- (orgs.member_totals, count_category, count_status, count_gender, count_education,
-- count_age, count_org_type), with the subtree bounds :lo/:hi and the dates filled in by
-- stats.sh, for timing with the sqlite3 CLI next to the API.
SELECT count(*), coalesce(sum(m.joined_on >= ':since'), 0), coalesce(sum(m.status = 'probationary'), 0) FROM member m WHERE m.org_path >= ':lo' AND m.org_path < ':hi' AND m.status IN ('probationary', 'full');
SELECT m.category, count(*) FROM member m WHERE m.org_path >= ':lo' AND m.org_path < ':hi' AND m.status IN ('probationary', 'full') GROUP BY 1 ORDER BY 1;
SELECT m.status, count(*) FROM member m WHERE m.org_path >= ':lo' AND m.org_path < ':hi' GROUP BY 1 ORDER BY 1;
SELECT p.gender, count(*) FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path >= ':lo' AND m.org_path < ':hi' AND m.status IN ('probationary', 'full') GROUP BY 1 ORDER BY 1;
SELECT coalesce(p.education, ''), count(*) FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path >= ':lo' AND m.org_path < ':hi' AND m.status IN ('probationary', 'full') GROUP BY 1 ORDER BY 2 DESC, 1;
SELECT CASE WHEN p.birth_date IS NULL THEN 'unknown' WHEN p.birth_date > '1995-11-23' THEN 'a0' WHEN p.birth_date > '1985-11-23' THEN 'a1' WHEN p.birth_date > '1975-11-23' THEN 'a2' WHEN p.birth_date > '1965-11-23' THEN 'a3' WHEN p.birth_date > '1955-11-23' THEN 'a4' WHEN p.birth_date > '1945-11-23' THEN 'a5' ELSE 'a6' END, count(*) FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path >= ':lo' AND m.org_path < ':hi' AND m.status IN ('probationary', 'full') GROUP BY 1 ORDER BY 1;
SELECT o.type, count(*) FROM org o WHERE o.path >= ':lo' AND o.path < ':hi' AND o.dissolved_on IS NULL GROUP BY 1 ORDER BY 1;
