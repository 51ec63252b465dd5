-- stats.sql: the statements org_stats() in src/domain/orgs/orgs.c runs for GET /api/orgs/{id}/stats,
-- as src/domain/orgs/orgs_store.c has them: orgs.stat_read (the org's subtree counters,
-- migration 0009), orgs.count_org_type, and for the advisories orgs.branch_sizes (each branch's
-- members from its own counters) and orgs.terms_ending (up to six months ahead: the overdue ones
-- are advised, the others counted as expiring). The age bands and "new this year" are computed
-- in C from the counters, so no date but the horizon is in the SQL. The org's id :org, the
-- subtree bounds :lo/:hi and :horizon are filled in by stats.sh and pg.sh, for timing with the
-- sqlite3 CLI and psql next to the API. Not here: the route's org lookup by primary key and
-- the session and cache counters every request reads.
SELECT dim, key, n FROM member_stat WHERE org_id = :org AND n > 0;
SELECT o.type, count(*) FROM org o WHERE o.path >= ':lo' AND o.path < ':hi' AND o.dissolved_on IS NULL GROUP BY 1 ORDER BY 1;
SELECT o.id, o.name, coalesce((SELECT sum(s.n) FROM member_stat s WHERE s.org_id = o.id AND s.dim = 'status' AND s.key IN ('full')), 0), coalesce((SELECT sum(s.n) FROM member_stat s WHERE s.org_id = o.id AND s.dim = 'status' AND s.key IN ('probationary', 'full')), 0), EXISTS (SELECT 1 FROM org_term t JOIN org_post x ON x.term_id = t.id WHERE t.org_id = o.id AND t.ended_on IS NULL AND x.ended_on IS NULL AND x.post LIKE '%委员') FROM org o WHERE o.path >= ':lo' AND o.path < ':hi' AND o.type IN ('branch', 'joint_branch', 'mobile_branch') AND o.dissolved_on IS NULL ORDER BY o.path;
SELECT o.id, o.name, t.ends_on FROM org_term t JOIN org o ON o.id = t.org_id WHERE o.path >= ':lo' AND o.path < ':hi' AND t.ended_on IS NULL AND t.ends_on < ':horizon' AND o.dissolved_on IS NULL ORDER BY t.ends_on, o.id;
