-- 0028_funds: community Party-building funds (社区党建经费, seed 004 篇七), forward-only.
-- fund_rule: the rules as rows chosen by the date they apply to (valid_from <= date <
-- valid_to, the latest valid_from wins): FUND-BUDGET (the yearly budget of a community),
-- FUND-RESERVE (the reward-fund share held back from it), FUND-DEADLINE (the last day, per
-- quarter, to submit that quarter's plan), FUND-INCENTIVE (the suggestion's weights). Their
-- parameters are JSON in param.
-- fund_category: the budget-line categories as data (code, label, order).
-- fund_budget: a community's budget for a year (amount, source, the held-back reward share).
-- fund_plan: a community's plan for a quarter, draft -> submitted -> forwarded (by the street)
-- -> reviewed (every activity decided by the district) -> allocated.
-- fund_activity: an activity of a plan with the street's comment and the district's decision
-- (approved / adjusted / refused, the approved amount and the reason).
-- fund_line: an activity's budget lines (category, amount).
-- fund_allocation: money allocated to a community for an approved activity, with the
-- override reason when it went over the budget left.
-- fund_spend: money spent on an activity (the ledger's spent column), with its receipt number.
-- An activity's use (date held, participants, summary) and the district's check (as planned,
-- partly, not, with a reason) are columns of fund_activity; fund_photo: its evidence photos
-- (JPEG or PNG, metadata stripped before they are stored, bytes in the row).
-- fund_reward: payouts from the reward fund (the reserves held back): the district's 七一
-- commendations of branches ('branch') and members ('member'), its shares sent to communities
-- ('share'), and a community's own commendations of members paid from its shares.
-- All amounts are integer fen. The 'funds' change counter moves with every write.
CREATE TABLE fund_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    rule_set TEXT NOT NULL,
    param TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL
) STRICT;
CREATE INDEX fund_rule_id ON fund_rule(rule_id, valid_from);
INSERT INTO fund_rule (rule_id, rule_set, param, valid_from, valid_to, confidence, source) VALUES
    ('FUND-BUDGET', 'funds-2004', '{"amount_fen": 500000}', '2004-01-01', '2012-01-01', 'secondary', '种子004篇七：区里自2004年起给每个社区5000元党建经费'),
    ('FUND-BUDGET', 'funds-2012', '{"amount_fen": 1000000}', '2012-01-01', '9999-12-31', 'unverified', '种子004篇七：现为每个社区每年10000元（起始年份未核实）'),
    ('FUND-RESERVE', 'funds-2004', '{"reserve_fen": 150000, "min_fen": 100000, "max_fen": 200000}', '2004-01-01', '9999-12-31', 'secondary', '种子004篇七：每个社区预留1000至2000元作为奖励基金（默认1500元）'),
    ('FUND-DEADLINE', 'funds-2004', '{"q1": "01-15", "q2": "04-15", "q3": "07-15", "q4": "10-15"}', '2004-01-01', '9999-12-31', 'local', '本系统默认：各季度活动计划于季度首月15日前报送'),
    ('FUND-INCENTIVE', 'funds-2004', '{"held_bp": 4000, "evidence_bp": 3000, "participation_bp": 3000, "participants_per_activity": 30, "spread_bp": 2000}', '2004-01-01', '9999-12-31', 'local', '种子004篇七：活动多、质量好的社区多给，活动少、质量差的少给或不给（权重为本系统默认）');

CREATE TABLE fund_category (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    sort INTEGER NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO fund_category (code, label, sort) VALUES
    ('materials', '宣传与学习资料', 1), ('venue', '场地与布置', 2), ('transport', '交通', 3),
    ('supplies', '活动用品', 4), ('honor', '慰问与表彰', 5), ('other', '其他', 9);

CREATE TABLE fund_budget (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
    reserve_fen INTEGER NOT NULL CHECK (reserve_fen >= 0 AND reserve_fen <= amount_fen),
    source TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    rule_set TEXT NOT NULL,
    set_by INTEGER,
    set_at INTEGER NOT NULL,
    UNIQUE (org_id, year)
) STRICT;
CREATE INDEX fund_budget_path ON fund_budget(org_path, year);

CREATE TABLE fund_plan (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'forwarded', 'reviewed', 'allocated')),
    deadline TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    submitted_at INTEGER,
    forwarded_by INTEGER,
    forwarded_at INTEGER,
    reviewed_at INTEGER,
    UNIQUE (org_id, year, quarter)
) STRICT;
CREATE INDEX fund_plan_path ON fund_plan(org_path, year, quarter);

CREATE TABLE fund_activity (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES fund_plan(id),
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    content TEXT,
    held_on TEXT NOT NULL,
    participants INTEGER NOT NULL DEFAULT 0,
    requested_fen INTEGER NOT NULL CHECK (requested_fen >= 0),
    street_comment TEXT,
    decision TEXT CHECK (decision IN ('approved', 'adjusted', 'refused')),
    approved_fen INTEGER,
    reason TEXT,
    decided_by INTEGER,
    decided_at INTEGER,
    used_on TEXT,
    used_participants INTEGER,
    summary TEXT,
    used_by INTEGER,
    used_at INTEGER,
    check_result TEXT CHECK (check_result IN ('as_planned', 'partly', 'not')),
    check_reason TEXT,
    checked_by INTEGER,
    checked_at INTEGER,
    UNIQUE (plan_id, seq)
) STRICT;

CREATE TABLE fund_line (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES fund_activity(id),
    seq INTEGER NOT NULL,
    category TEXT NOT NULL REFERENCES fund_category(code),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0)
) STRICT;
CREATE INDEX fund_line_activity ON fund_line(activity_id);

CREATE TABLE fund_allocation (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES fund_plan(id),
    activity_id INTEGER NOT NULL UNIQUE REFERENCES fund_activity(id),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    override_reason TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX fund_allocation_path ON fund_allocation(org_path, year);

CREATE TABLE fund_spend (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES fund_activity(id),
    category TEXT NOT NULL REFERENCES fund_category(code),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    spent_on TEXT NOT NULL,
    receipt_no TEXT,
    note TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX fund_spend_path ON fund_spend(org_path, year);
CREATE INDEX fund_spend_activity ON fund_spend(activity_id);

CREATE TABLE fund_photo (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES fund_activity(id),
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('jpeg', 'png')),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    stripped_bytes INTEGER NOT NULL,
    data BLOB NOT NULL,
    uploaded_by INTEGER,
    uploaded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX fund_photo_activity ON fund_photo(activity_id);

CREATE TABLE fund_reward (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('branch', 'member', 'share')),
    recipient_org_id INTEGER REFERENCES org(id),
    person_id INTEGER REFERENCES person(id),
    title TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    awarded_on TEXT NOT NULL,
    evidence TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    CHECK ((kind = 'member') = (person_id IS NOT NULL)),
    CHECK ((kind = 'member') = (recipient_org_id IS NULL))
) STRICT;
CREATE INDEX fund_reward_org ON fund_reward(org_id, year);
CREATE INDEX fund_reward_recipient ON fund_reward(recipient_org_id, year);

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'funds', 1 FROM generation;
-- The area never deletes a row, and allocations, spending and photos are never edited: the
-- counter moves on the writes that happen.
CREATE TRIGGER generation_fund_budget_insert AFTER INSERT ON fund_budget BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_budget_update AFTER UPDATE ON fund_budget BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_plan_insert AFTER INSERT ON fund_plan BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_plan_update AFTER UPDATE ON fund_plan BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_activity_insert AFTER INSERT ON fund_activity BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_activity_update AFTER UPDATE ON fund_activity BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_allocation_insert AFTER INSERT ON fund_allocation BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_spend_insert AFTER INSERT ON fund_spend BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_reward_insert AFTER INSERT ON fund_reward BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
CREATE TRIGGER generation_fund_photo_insert AFTER INSERT ON fund_photo BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'funds';
END;
-- The money rows keep a copy of the path of their community, for subtree scans; when an org
-- moves, the copies follow (as dues_entry_org_path does for dues).
CREATE TRIGGER fund_org_path AFTER UPDATE OF path ON org BEGIN
    UPDATE fund_budget SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE fund_plan SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE fund_allocation SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE fund_spend SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE fund_reward SET org_path = NEW.path WHERE org_id = NEW.id;
END;
