-- 0022_reserved: a placeholder for migration 0022, reserved for work on another branch, so
-- this branch's 0023 can be applied. A portable file: the real 0022 pair (.sqlite.sql and
-- .pg.sql) takes precedence over it when both are present; delete this file at the merge.
SELECT 1;
