-- 0003_roster: the org network's history, terms and posts, the rule rows for term lengths,
-- members' status history, name search (FTS5 trigram over person.name, kept in step by
-- triggers) and instance settings (e.g. "instance.demo" written by `dangjian demo`).
-- The org and member rows themselves are in 0001_core.

-- Instance-wide facts a database carries with it ("instance.demo" = "1" on a demo street).
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- Change history of an org: 成立 found, 更名 rename, 隶属调整 move, 撤销 dissolve. The tree
-- as of a date is today's tree with later events undone (old_* columns).
CREATE TABLE org_event (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    kind TEXT NOT NULL CHECK (kind IN ('found', 'rename', 'move', 'dissolve')),
    effective_on TEXT NOT NULL,         -- YYYY-MM-DD
    doc_no TEXT,                        -- 文号 of the decision
    note TEXT,
    old_name TEXT,
    new_name TEXT,
    old_short_name TEXT,
    new_short_name TEXT,
    old_parent_id INTEGER,
    new_parent_id INTEGER,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,                 -- user_account id; NULL for the CLI and the demo
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX org_event_org ON org_event(org_id, effective_on);
CREATE INDEX org_event_date ON org_event(effective_on);

-- Versioned rule rows (DESIGN.md §4): the term length of an org by type, and whether it lies
-- in a community (RULES.md §3.2 TERM-COMMUNITY 5 years, TERM-BRANCH 3 years), chosen by the
-- election date (valid_from <= elected_on < valid_to).
CREATE TABLE org_rule (
    id INTEGER PRIMARY KEY,
    rule_set TEXT NOT NULL,             -- "term-2018"
    org_type TEXT NOT NULL,
    in_community INTEGER NOT NULL,      -- 1: the org or an ancestor is a community org
    term_years INTEGER NOT NULL CHECK (term_years BETWEEN 1 AND 10),
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    source TEXT NOT NULL,
    UNIQUE (org_type, in_community, valid_from)
) STRICT;
INSERT INTO org_rule (rule_set, org_type, in_community, term_years, valid_from, source) VALUES
    ('term-2018', 'district', 0, 5, '1900-01-01', 'RULES.md TERM-DANGWEI'),
    ('term-2018', 'street', 0, 5, '1900-01-01', 'RULES.md TERM-DANGWEI'),
    ('term-2018', 'community_committee', 1, 5, '1900-01-01', 'RULES.md TERM-COMMUNITY'),
    ('term-2018', 'general_branch', 1, 5, '1900-01-01', 'RULES.md TERM-COMMUNITY'),
    ('term-2018', 'general_branch', 0, 3, '1900-01-01', 'RULES.md TERM-BRANCH'),
    ('term-2018', 'branch', 1, 5, '1900-01-01', 'RULES.md TERM-COMMUNITY'),
    ('term-2018', 'branch', 0, 3, '1900-01-01', 'RULES.md TERM-BRANCH'),
    ('term-2018', 'joint_branch', 1, 5, '1900-01-01', 'RULES.md TERM-COMMUNITY'),
    ('term-2018', 'joint_branch', 0, 3, '1900-01-01', 'RULES.md TERM-BRANCH'),
    ('term-2018', 'mobile_branch', 1, 5, '1900-01-01', 'RULES.md TERM-COMMUNITY'),
    ('term-2018', 'mobile_branch', 0, 3, '1900-01-01', 'RULES.md TERM-BRANCH');

-- A term (届) of an org's committee; ended_on is set when the next term starts.
CREATE TABLE org_term (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    elected_on TEXT NOT NULL,
    term_years INTEGER NOT NULL,
    ends_on TEXT NOT NULL,              -- elected_on + term_years (computed when recorded)
    rule_id INTEGER REFERENCES org_rule(id),
    ended_on TEXT,                      -- set when superseded
    doc_no TEXT,
    note TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX org_term_org ON org_term(org_id, elected_on);
CREATE INDEX org_term_ends ON org_term(ends_on);

-- Posts of a term: 书记, 副书记, 组织委员, 宣传委员, 纪检委员, 委员 …
CREATE TABLE org_post (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES org_term(id),
    org_id INTEGER NOT NULL REFERENCES org(id),
    member_id INTEGER NOT NULL REFERENCES member(id),
    post TEXT NOT NULL,
    started_on TEXT NOT NULL,
    ended_on TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX org_post_term ON org_post(term_id);
CREATE INDEX org_post_member ON org_post(member_id);

-- Links of an org to units (the street/community 大党委 member units, "1+N"); unit_id will
-- reference the unit registry of a later issue.
CREATE TABLE org_unit_link (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES org(id),
    unit_id INTEGER,
    unit_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('committee_member_unit', 'co_building')),
    joined_on TEXT,
    left_on TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX org_unit_link_org ON org_unit_link(org_id);

-- Member history: created, status changes (停止党籍, 恢复, 出党, 死亡, 转正), category and org
-- changes, with the decision's document number.
CREATE TABLE member_event (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('create', 'status', 'category', 'org')),
    effective_on TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    doc_no TEXT,
    note TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX member_event_member ON member_event(member_id, effective_on);

CREATE INDEX member_tag_tag ON member_tag(tag, member_id);
CREATE INDEX person_birth ON person(birth_date);

-- Name substring search: FTS5 trigram (3+ characters) over person.name; shorter queries use
-- LIKE on person. External content, so the names are stored once.
CREATE VIRTUAL TABLE person_fts USING fts5(name, content='person', content_rowid='id',
    tokenize='trigram');
INSERT INTO person_fts(person_fts) VALUES ('rebuild');
CREATE TRIGGER person_fts_ai AFTER INSERT ON person BEGIN
    INSERT INTO person_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER person_fts_ad AFTER DELETE ON person BEGIN
    INSERT INTO person_fts(person_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER person_fts_au AFTER UPDATE OF name ON person BEGIN
    INSERT INTO person_fts(person_fts, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO person_fts(rowid, name) VALUES (new.id, new.name);
END;
