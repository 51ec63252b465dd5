-- orglife.sql: the statements GET /api/orglife/compliance runs (orglife_rules_store.c), with
-- the subtree's path and the range as the server binds them (bench/orglife.sh fills :path,
-- :from, :to, :y0, :y1). One statement per line after each comment.
-- rules in force over the range
SELECT r.org_id, r.rule_id, r.type, r.period, r.org_types, r.valid_from, r.valid_to, o.path, r.min_count FROM orglife_rule r LEFT JOIN org o ON o.id = r.org_id WHERE r.valid_from <= ':to' AND r.valid_to > ':from' ORDER BY r.valid_from, r.id;
-- branch-level orgs of the subtree alive in the range
SELECT o.id, (SELECT COUNT(*) FROM org g WHERE g.parent_id = o.id AND g.type = 'group' AND g.dissolved_on IS NULL), o.name, o.path, o.type, o.founded_on, o.dissolved_on, (SELECT COUNT(*) FROM org_post p WHERE p.org_id = o.id AND p.ended_on IS NULL) >= 3 FROM org o WHERE o.path LIKE ':path' || '%' AND o.type IN ('branch', 'joint_branch', 'mobile_branch', 'general_branch') AND (o.founded_on IS NULL OR o.founded_on <= ':to') AND (o.dissolved_on IS NULL OR o.dissolved_on >= ':from') ORDER BY o.path;
-- held meetings per branch, type, year and month
SELECT y.org_id, y.type, y.year, y.m01, y.m02, y.m03, y.m04, y.m05, y.m06, y.m07, y.m08, y.m09, y.m10, y.m11, y.m12, y.expected_sum, y.present_sum, y.study_sum FROM meeting_year y JOIN org o ON o.id = y.org_id WHERE o.path LIKE ':path' || '%' AND y.year >= :y0 AND y.year <= :y1;
