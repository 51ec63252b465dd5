-- 0032_projects: 民生实事 (issue 21, first slice), forward-only.
-- proj_rule: versioned rules chosen by the date they apply to (valid_from <= date < valid_to,
-- the latest valid_from wins): PROJ-PUBLICITY-DAYS (days a selected list stays published).
-- proj_budget: a community's budget for practical projects in a year (integer fen).
-- proj_need: the needs pool; a need from a demand links it by demand_id (its text stays in
-- demand); a merged need points at the survivor (merged_into) and keeps its own source.
-- proj_proposal (+ proj_proposal_need, the needs behind it): cost estimate, responsible body,
-- feasibility review (feasible with cost / unfeasible with explanation), retire with reason.
-- proj_selection (+ proj_selection_item in rank order): one per community and year, draft ->
-- publicity (PROJ-PUBLICITY-DAYS from publicity_from to publicity_until) -> adopted; ballot_id
-- is filled later from the deliberation area (no foreign key on purpose).
-- proj_objection: objections inside the window, each with a recorded answer.
-- project: one per selected proposal, created on adoption; proj_milestone (weighted, progress
-- is computed), proj_note (supervision notes), proj_evaluation (one per resident account,
-- project and year), proj_accountability (问责 records), proj_photo (photos, metadata stripped).
-- The 'projects' change counter moves with every write.
CREATE TABLE proj_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    value INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL
) STRICT;
CREATE INDEX proj_rule_id ON proj_rule(rule_id, valid_from);
INSERT INTO proj_rule (rule_id, value, valid_from, valid_to, confidence, source) VALUES
    ('PROJ-PUBLICITY-DAYS', 7, '2000-01-01', '9999-12-31', 'unverified', '本系统默认：民生实事清单公示7天（未找到全国统一的公示期规定，地方多为5至7天）');

CREATE TABLE proj_budget (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    year INTEGER NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
    set_by INTEGER,
    set_at INTEGER NOT NULL,
    UNIQUE (org_id, year)
) STRICT;

CREATE TABLE proj_need (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    source_kind TEXT NOT NULL CHECK (source_kind IN ('demand', 'survey', 'meeting', 'unit', 'resident', 'other')),
    source_id INTEGER,
    demand_id INTEGER REFERENCES demand(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'merged')),
    merged_into INTEGER REFERENCES proj_need(id),
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (source_kind <> 'demand' OR demand_id IS NOT NULL)
) STRICT;
CREATE INDEX proj_need_org ON proj_need(org_id, year);
CREATE INDEX proj_need_demand ON proj_need(demand_id);

CREATE TABLE proj_proposal (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    cost_fen INTEGER NOT NULL CHECK (cost_fen >= 0),
    body TEXT NOT NULL,
    body_org_id INTEGER REFERENCES org(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'feasible', 'unfeasible', 'retired')),
    feasibility_note TEXT,
    reviewed_by INTEGER,
    reviewed_at INTEGER,
    retire_reason TEXT CHECK (retire_reason IN ('duplicated', 'started', 'unfeasible', 'done', 'other')),
    retire_note TEXT,
    retired_by INTEGER,
    retired_at INTEGER,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX proj_proposal_org ON proj_proposal(org_id, year);

CREATE TABLE proj_proposal_need (
    tenant_id INTEGER NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proj_proposal(id),
    need_id INTEGER NOT NULL REFERENCES proj_need(id),
    PRIMARY KEY (proposal_id, need_id)
) STRICT;
CREATE INDEX proj_proposal_need_need ON proj_proposal_need(need_id);

CREATE TABLE proj_selection (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    year INTEGER NOT NULL,
    basis TEXT NOT NULL,
    ballot_id INTEGER,
    status TEXT NOT NULL CHECK (status IN ('draft', 'publicity', 'adopted')),
    total_fen INTEGER NOT NULL,
    budget_fen INTEGER NOT NULL,
    publicity_days INTEGER,
    publicity_from TEXT,
    publicity_until TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    published_by INTEGER,
    published_at INTEGER,
    adopted_by INTEGER,
    adopted_at INTEGER,
    UNIQUE (org_id, year)
) STRICT;

CREATE TABLE proj_selection_item (
    tenant_id INTEGER NOT NULL,
    selection_id INTEGER NOT NULL REFERENCES proj_selection(id),
    rank INTEGER NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proj_proposal(id),
    cost_fen INTEGER NOT NULL,
    PRIMARY KEY (selection_id, rank),
    UNIQUE (selection_id, proposal_id)
) STRICT;

CREATE TABLE proj_objection (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    selection_id INTEGER NOT NULL REFERENCES proj_selection(id),
    content TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('self', 'staff')),
    submitted_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    answer TEXT,
    answered_by INTEGER,
    answered_at INTEGER
) STRICT;
CREATE INDEX proj_objection_selection ON proj_objection(selection_id);

CREATE TABLE project (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    year INTEGER NOT NULL,
    selection_id INTEGER NOT NULL REFERENCES proj_selection(id),
    proposal_id INTEGER NOT NULL UNIQUE REFERENCES proj_proposal(id),
    rank INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ongoing', 'done', 'stopped')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX project_org ON project(org_id, year);

CREATE TABLE proj_milestone (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES project(id),
    title TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    done_on TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX proj_milestone_project ON proj_milestone(project_id);

CREATE TABLE proj_note (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES project(id),
    content TEXT NOT NULL,
    author_id INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX proj_note_project ON proj_note(project_id);

CREATE TABLE proj_evaluation (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES project(id),
    year INTEGER NOT NULL,
    user_id INTEGER, -- NULL: a paper form entered by staff (the demo's assembly forms)
    quality INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
    timeliness INTEGER NOT NULL CHECK (timeliness BETWEEN 1 AND 5),
    benefit INTEGER NOT NULL CHECK (benefit BETWEEN 1 AND 5),
    satisfaction TEXT NOT NULL CHECK (satisfaction IN ('satisfied', 'basically', 'unsatisfied')),
    comment TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (project_id, year, user_id)
) STRICT;

CREATE TABLE proj_accountability (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES project(id),
    failure TEXT NOT NULL,
    responsible TEXT NOT NULL,
    deadline TEXT NOT NULL,
    outcome TEXT,
    closed_on TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX proj_accountability_project ON proj_accountability(project_id);

CREATE TABLE proj_photo (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES project(id),
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('jpeg', 'png')),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    stripped_bytes INTEGER NOT NULL,
    data BLOB NOT NULL,
    uploaded_by INTEGER,
    uploaded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX proj_photo_project ON proj_photo(project_id);

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'projects', 1 FROM generation;
CREATE TRIGGER generation_proj_budget_insert AFTER INSERT ON proj_budget BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_budget_update AFTER UPDATE ON proj_budget BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_need_insert AFTER INSERT ON proj_need BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_need_update AFTER UPDATE ON proj_need BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_proposal_insert AFTER INSERT ON proj_proposal BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_proposal_update AFTER UPDATE ON proj_proposal BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_proposal_need_insert AFTER INSERT ON proj_proposal_need BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_proposal_need_update AFTER UPDATE ON proj_proposal_need BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_selection_insert AFTER INSERT ON proj_selection BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_selection_update AFTER UPDATE ON proj_selection BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_selection_item_insert AFTER INSERT ON proj_selection_item BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_selection_item_update AFTER UPDATE ON proj_selection_item BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_objection_insert AFTER INSERT ON proj_objection BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_objection_update AFTER UPDATE ON proj_objection BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_project_insert AFTER INSERT ON project BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_project_update AFTER UPDATE ON project BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_milestone_insert AFTER INSERT ON proj_milestone BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_milestone_update AFTER UPDATE ON proj_milestone BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_note_insert AFTER INSERT ON proj_note BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_note_update AFTER UPDATE ON proj_note BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_evaluation_insert AFTER INSERT ON proj_evaluation BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_evaluation_update AFTER UPDATE ON proj_evaluation BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_accountability_insert AFTER INSERT ON proj_accountability BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_accountability_update AFTER UPDATE ON proj_accountability BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
CREATE TRIGGER generation_proj_photo_insert AFTER INSERT ON proj_photo BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'projects';
END;
