-- 0029_demand_pause: a demand's clocks paused for a recorded reason (issue 20: 等待居民补充材料,
-- 约定时间上门): since when (NULL: running). Resuming moves the whole and the current hop's
-- deadlines on by the time paused; the pause and the resume are events with their reason.
ALTER TABLE demand ADD COLUMN paused_at INTEGER;
