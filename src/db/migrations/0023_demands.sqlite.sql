-- 0023_demands: grid geography (网格 → 楼栋 → 户) and resident demands (群众诉求, 接诉即办),
-- forward-only (docs/demands.md).
-- grid: a 网格 of a community org (org_id; org_path a copy of its path for subtree scans);
-- grid_worker: the accounts that work a grid (网格员); building: a 楼栋 of a grid.
-- household gains grid_id and building_id: every existing household is attached here from its
-- grid and building text (a household without grid text gets its community's "未划分网格"),
-- so no row is lost and the text columns stay as they were.
-- demand_category: the admin-editable catalog (name, default handler, order, on/off).
-- demand_rule: the time limits as versioned rule rows (docs/demands.md rule IDs), chosen by
-- the date a demand is taken in: DEM-SLA (hours to close, per category), DEM-RESPOND (hours to
-- the first response, 受理), DEM-HOP (hours each 派单/转办 hop has), DEM-VISIT (hours for the
-- 回访 after 办结). A change is a new row from a date, never an edit.
-- demand: one 诉求 with its state, clocks and latest answer; demand_event: every step (who,
-- when, why, the hop's deadline and the rule it came from), append-only; demand_photo: its
-- photos, metadata stripped.
-- The 'demands' change counter moves with every write to these tables.
CREATE TABLE grid (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    note TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, name)
) STRICT;
CREATE INDEX grid_path ON grid(org_path);

CREATE TABLE grid_worker (
    grid_id INTEGER NOT NULL REFERENCES grid(id),
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (grid_id, user_id)
) STRICT;
CREATE INDEX grid_worker_user ON grid_worker(user_id);

CREATE TABLE building (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    grid_id INTEGER NOT NULL REFERENCES grid(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (grid_id, name)
) STRICT;

-- (no REFERENCES on the two new columns: SQLite cannot drop a column that has one, and the
-- roster test replays migrations from 0011; the area's store is what writes them)
ALTER TABLE household ADD COLUMN grid_id INTEGER;
ALTER TABLE household ADD COLUMN building_id INTEGER;
INSERT INTO grid (tenant_id, org_id, org_path, name, created_at)
    SELECT MIN(h.tenant_id), h.org_id, o.path, COALESCE(NULLIF(TRIM(h.grid), ''), '未划分网格'),
           CAST(strftime('%s', 'now') AS INTEGER)
    FROM household h JOIN org o ON o.id = h.org_id
    GROUP BY h.org_id, o.path, COALESCE(NULLIF(TRIM(h.grid), ''), '未划分网格');
UPDATE household SET grid_id = (SELECT g.id FROM grid g WHERE g.org_id = household.org_id
    AND g.name = COALESCE(NULLIF(TRIM(household.grid), ''), '未划分网格'));
INSERT INTO building (tenant_id, grid_id, name, created_at)
    SELECT MIN(tenant_id), grid_id, TRIM(building), CAST(strftime('%s', 'now') AS INTEGER)
    FROM household WHERE NULLIF(TRIM(building), '') IS NOT NULL GROUP BY grid_id, TRIM(building);
UPDATE household SET building_id = (SELECT b.id FROM building b WHERE b.grid_id = household.grid_id
    AND b.name = TRIM(household.building)) WHERE NULLIF(TRIM(building), '') IS NOT NULL;
CREATE INDEX household_grid ON household(grid_id);

CREATE TABLE demand_category (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    default_handler TEXT NOT NULL CHECK (default_handler IN ('grid_worker', 'community')),
    sort INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    updated_by INTEGER,
    updated_at INTEGER NOT NULL
) STRICT;
INSERT INTO demand_category (code, name, default_handler, sort, updated_at) VALUES
    ('environment', '环境卫生', 'grid_worker', 1, 0),
    ('property', '物业管理', 'community', 2, 0),
    ('facility', '公共设施维修', 'community', 3, 0),
    ('neighbor', '邻里纠纷调解', 'grid_worker', 4, 0),
    ('safety', '安全隐患', 'grid_worker', 5, 0),
    ('elderly', '养老助残', 'community', 6, 0),
    ('other', '其他', 'community', 9, 0);

CREATE TABLE demand_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL CHECK (rule_id IN ('DEM-SLA', 'DEM-RESPOND', 'DEM-HOP', 'DEM-VISIT')),
    category TEXT,                      -- a demand_category code (no REFERENCES: copy-db clears the
                                        -- seeded catalog before copying it)
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 8760),
    valid_from TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL,
    set_by INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (rule_id, category, valid_from)
) STRICT;
INSERT INTO demand_rule (rule_id, category, hours, valid_from, confidence, source, created_at) VALUES
    ('DEM-RESPOND', NULL, 24, '2000-01-01', 'unverified', '本地默认：受理后24小时内联系诉求人（各地接诉即办规定不一，须街道确认）', 0),
    ('DEM-HOP', NULL, 48, '2000-01-01', 'unverified', '本地默认：每次派单、转办后48小时内办结或退单', 0),
    ('DEM-VISIT', NULL, 72, '2000-01-01', 'unverified', '本地默认：办结后72小时内回访', 0),
    ('DEM-SLA', 'environment', 72, '2000-01-01', 'unverified', '本地默认：环境卫生类3日内办结', 0),
    ('DEM-SLA', 'property', 168, '2000-01-01', 'unverified', '本地默认：物业管理类7日内办结', 0),
    ('DEM-SLA', 'facility', 168, '2000-01-01', 'unverified', '本地默认：公共设施维修类7日内办结', 0),
    ('DEM-SLA', 'neighbor', 168, '2000-01-01', 'unverified', '本地默认：邻里纠纷调解类7日内办结', 0),
    ('DEM-SLA', 'safety', 24, '2000-01-01', 'unverified', '本地默认：安全隐患类24小时内办结', 0),
    ('DEM-SLA', 'elderly', 72, '2000-01-01', 'unverified', '本地默认：养老助残类3日内办结', 0),
    ('DEM-SLA', 'other', 168, '2000-01-01', 'unverified', '本地默认：其他类7日内办结', 0);

CREATE TABLE demand (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    number TEXT UNIQUE,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    grid_id INTEGER REFERENCES grid(id),
    building_id INTEGER REFERENCES building(id),
    address TEXT,
    category TEXT NOT NULL REFERENCES demand_category(code),
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'dispatched', 'resolved',
        'reopened', 'supervised', 'closed')),
    channel TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'walk_in', 'web')),
    reporter_name TEXT,
    reporter_phone TEXT,
    reporter_person_id INTEGER REFERENCES person(id), -- a 居民 account's own demand
    consent INTEGER NOT NULL DEFAULT 0,
    consent_note TEXT,
    no_publish INTEGER NOT NULL DEFAULT 0,
    intake_by INTEGER REFERENCES user_account(id),
    handler_user_id INTEGER REFERENCES user_account(id),
    respond_due INTEGER NOT NULL,
    hop_due INTEGER,
    due_at INTEGER NOT NULL,
    first_response_at INTEGER,
    resolved_at INTEGER,
    closed_at INTEGER,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    supervise_level INTEGER NOT NULL DEFAULT 0,
    satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basically', 'unsatisfied')),
    satisfaction_reason TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (grid_id IS NOT NULL OR address IS NOT NULL)
) STRICT;
CREATE INDEX demand_path ON demand(org_path, created_at);
CREATE INDEX demand_grid ON demand(grid_id, status);
CREATE INDEX demand_handler ON demand(handler_user_id, status);
CREATE INDEX demand_reporter ON demand(reporter_person_id);

CREATE TABLE demand_event (
    id INTEGER PRIMARY KEY,
    demand_id INTEGER NOT NULL REFERENCES demand(id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_user_id INTEGER,
    handler_user_id INTEGER,
    note TEXT,
    deadline INTEGER,
    rule_id TEXT,
    rule_hours INTEGER,
    at INTEGER NOT NULL
) STRICT;
CREATE INDEX demand_event_demand ON demand_event(demand_id, id);

-- demand_photo: photos of a demand (PNG or JPEG read from the bytes), stored with their EXIF,
-- XMP, IPTC and text metadata (location, camera) stripped; stripped_bytes says how much went.
CREATE TABLE demand_photo (
    id INTEGER PRIMARY KEY,
    demand_id INTEGER NOT NULL REFERENCES demand(id),
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('png', 'jpeg')),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    stripped_bytes INTEGER NOT NULL,
    data BLOB NOT NULL,
    uploaded_by INTEGER,
    uploaded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX demand_photo_demand ON demand_photo(demand_id, id);

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'demands', 1 FROM generation;
CREATE TRIGGER generation_grid AFTER INSERT ON grid BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_grid_update AFTER UPDATE ON grid BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_grid_worker AFTER INSERT ON grid_worker BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_grid_worker_delete AFTER DELETE ON grid_worker BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_demand_category AFTER UPDATE ON demand_category BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_demand_rule AFTER INSERT ON demand_rule BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_demand_photo AFTER INSERT ON demand_photo BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_demand AFTER INSERT ON demand BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
CREATE TRIGGER generation_demand_update AFTER UPDATE ON demand BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'demands';
END;
-- Grids and demands keep a copy of their community's path; when an org moves, the copies follow.
CREATE TRIGGER demands_org_path AFTER UPDATE OF path ON org WHEN OLD.path IS NOT NEW.path BEGIN
    UPDATE grid SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE demand SET org_path = NEW.path WHERE org_id = NEW.id;
END;
