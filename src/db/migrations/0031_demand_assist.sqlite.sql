-- 0031_demand_assist: 协办, a second handler asked to help with a demand beside its main handler
-- (issue 20): who asked whom, why, by when (DEM-HOP from the asking), and the helper's reply. The
-- demand's state does not change; asking and replying are events in its history too.
CREATE TABLE demand_assist (
    id INTEGER PRIMARY KEY,
    demand_id INTEGER NOT NULL REFERENCES demand(id),
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    note TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    asked_by INTEGER REFERENCES user_account(id),
    asked_at INTEGER NOT NULL,
    reply TEXT,
    done_at INTEGER
) STRICT;
CREATE INDEX demand_assist_demand ON demand_assist(demand_id, id);
CREATE INDEX demand_assist_user ON demand_assist(user_id, done_at);
CREATE TRIGGER generation_demand_assist AFTER INSERT ON demand_assist BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_demand_assist_update AFTER UPDATE ON demand_assist BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
