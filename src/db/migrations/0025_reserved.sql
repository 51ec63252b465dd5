-- 0025_reserved: a placeholder holding number 0025 for the volunteer area (built at the same time
-- on its own branch) so that 0026_funds applies on this branch; delete this pair when the
-- volunteer area's 0025 is merged. It changes nothing.
SELECT 1;
