-- 0024_transfers: transfers of organization relations inside the system (组织关系转接,
-- RULES.md §7), forward-only.
-- xfer_rule: the time limits and notes as rows (RULES.md §13), chosen by the date of the event
-- checked: for each rule_id the enabled row in force that day (valid_from <= date < valid_to)
-- with the latest valid_from. XFER-ONLINE-LIMIT (no known national limit, unverified) ships
-- as a 30-day reminder to the receiving org, never a refusal; a street replaces it with a row
-- of its own. DEV-TRANSFER-IN is the note a 预备党员 who transfers in carries.
-- xfer: one transfer, sending org to receiving org anywhere in the tree (XFER-DIRECT). The
-- member stays on the sending org's roll until the receiving org accepts (XFER-PENDING); a
-- member has at most one pending transfer (xfer_open). Paths are copies of the orgs' paths
-- for subtree scans (they follow an org that moves). That the receiving org differs from
-- the sending one is the service's rule (a clear message), not a constraint. findings: the rules checked, as JSON
-- [{rule, version, severity, message}].
-- The 'transfers' change counter moves with every write to the area's tables.
CREATE TABLE xfer_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    rule_set TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('block', 'warn', 'remind', 'overdue', 'computed')),
    param TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    enabled INTEGER NOT NULL DEFAULT 1,
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL,
    UNIQUE (rule_id, rule_set, valid_from)
) STRICT;
INSERT INTO xfer_rule (rule_id, rule_set, severity, param, valid_from, enabled, confidence, source) VALUES
    ('XFER-ONLINE-LIMIT', 'local-default', 'remind', '{"days": 30}', '1900-01-01', 1, 'unverified', '未见全国性时限（RULES.md §7）：默认提醒接收党组织30天内接收或退回，不拒绝任何操作；待街道党工委确认'),
    ('XFER-VALID', 'jiaoyu-2019', 'computed', '{"months": 3}', '1900-01-01', 1, 'unverified', '纸质介绍信有效期说法不一（一般最长不超过3个月）；默认3个月，待街道党工委确认'),
    ('DEV-TRANSFER-IN', 'xize-2014', 'warn', '{"months": 6}', '1900-01-01', 1, 'secondary', '预备党员转入后，转正讨论可推迟，但不超过6个月；转正时间仍自原预备期满之日算起'),
    ('FLOW-DEF', 'jiaoyu-2019', 'warn', '{"months": 6}', '1900-01-01', 1, 'secondary', '外出6个月以上且地点相对固定的，应转接正式组织关系（XFER-WHEN）；未转接的为流动党员'),
    ('FLOW-CARD', 'jiaoyu-2019', 'computed', '{"months": 6}', '1900-01-01', 1, 'secondary', '《流动党员活动证》：外出不足6个月或暂不能转接组织关系的，由基层党委发放；持证参加流入地组织生活，无表决权、选举权和被选举权'),
    ('LOST-R3', 'local-default', 'warn', '{"months": 3}', '1900-01-01', 1, 'secondary', '连续3个月未交党费：提醒支部书记（RULES.md §10 提醒梯度，阈值可由街道调整）'),
    ('LOST-R5', 'local-default', 'warn', '{"months": 5}', '1900-01-01', 1, 'secondary', '连续5个月未交党费：报上级党组织'),
    ('LOST-R6', 'local-default', 'warn', '{"months": 6}', '1900-01-01', 1, 'secondary', '连续6个月未交党费：列为自行脱党审查对象（党章第九条；由支部大会讨论，系统不作决定）'),
    ('LOST-R-CONTACT', 'local-default', 'warn', '{"months": 6}', '1900-01-01', 1, 'secondary', '6个月联系不上：列为失联党员候选（党员教育管理工作条例；停止党籍由党组织决定）');

CREATE TABLE xfer (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    from_org_id INTEGER NOT NULL REFERENCES org(id),
    from_path TEXT NOT NULL,
    to_org_id INTEGER NOT NULL REFERENCES org(id),
    to_path TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'returned')),
    member_status TEXT NOT NULL,       -- the member's status when sent (预备/正式)
    sent_on TEXT NOT NULL,
    due_on TEXT,                       -- XFER-ONLINE-LIMIT; NULL when no limit is in force
    due_rule TEXT,                     -- 'rule_id rule_set' of the limit used
    note TEXT,
    decided_on TEXT,
    reason TEXT,                       -- why it was returned
    findings TEXT NOT NULL DEFAULT '[]',
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    decided_by INTEGER,
    decided_at INTEGER,
    CHECK ((status = 'returned') = (reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX xfer_open ON xfer(member_id) WHERE status = 'pending';
CREATE INDEX xfer_from ON xfer(from_path);
CREATE INDEX xfer_to ON xfer(to_path);

-- xfer_letter: an introduction letter (介绍信) for a transfer outside the system (XFER-ONLINE: the
-- receiving org is not on the system). Numbered per issuing org and year (seq from 1; shown as
-- YYYY-NNN), valid until issued_on + XFER-VALID's months (the row in force that day, kept in
-- valid_rule), 党费交至 (XFER-DUES, YYYY-MM as entered), the printed copies counted, and the
-- 回执 recorded when it comes back (XFER-RECEIPT). A letter past valid_until without a
-- receipt lists its member as a 口袋党员 to follow up.
CREATE TABLE xfer_letter (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    to_org_name TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    valid_rule TEXT NOT NULL,
    dues_paid_to TEXT NOT NULL,
    member_status TEXT NOT NULL,
    note TEXT,
    print_count INTEGER NOT NULL DEFAULT 0,
    received_on TEXT,
    receipt_note TEXT,
    received_by INTEGER,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, year, seq)
) STRICT;
CREATE INDEX xfer_letter_path ON xfer_letter(org_path);
CREATE INDEX xfer_letter_member ON xfer_letter(member_id);

-- xfer_flow: a 流动党员 registration card (流动党员登记卡, RULES.md §8): a member away from the
-- home org with the relation not transferred ('out', registered by the home org) or a member
-- of another org of the tree staying here ('in', registered by the 流入地 org_id). Where, why,
-- contact, the expected period (starts_on..ends_on), the destination org (in the system:
-- dest_org_id; else its name), the 流动党员活动证 (FLOW-CARD: number and validity), the
-- return registration (returned_on). findings as in xfer.
-- xfer_flow_meeting: organizational life attended at the destination, entered by either
-- side (FLOW-IN-DUTY: the record counts in the member's 民主评议).
CREATE TABLE xfer_flow (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    home_org_id INTEGER NOT NULL REFERENCES org(id),
    home_path TEXT NOT NULL,
    dest_org_id INTEGER REFERENCES org(id),
    dest_org_name TEXT,
    place TEXT NOT NULL,
    reason TEXT NOT NULL,
    contact TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    card_no TEXT,
    card_valid_until TEXT,
    returned_on TEXT,
    findings TEXT NOT NULL DEFAULT '[]',
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
) STRICT;
CREATE INDEX xfer_flow_path ON xfer_flow(org_path);
CREATE INDEX xfer_flow_home ON xfer_flow(home_path);
CREATE INDEX xfer_flow_member ON xfer_flow(member_id);
CREATE TABLE xfer_flow_meeting (
    id INTEGER PRIMARY KEY,
    flow_id INTEGER NOT NULL REFERENCES xfer_flow(id),
    met_on TEXT NOT NULL,
    topic TEXT NOT NULL,
    dest_org_name TEXT,
    note TEXT,
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX xfer_flow_meeting_flow ON xfer_flow_meeting(flow_id, met_on);

-- xfer_lost_contact: attempts to reach a member (失联, RULES.md §10): when, how, whether the
-- member was reached, a note. xfer_lost_decision: what people decided (停止党籍, 除名 as
-- 自行脱党, 恢复联系 …) with its date, body and document number; recorded only, the roster is
-- changed by its own page. The ladder (LOST-R3/R5/R6 on consecutive unpaid dues months,
-- LOST-R-CONTACT on contact) is computed, never stored.
CREATE TABLE xfer_lost_contact (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    tried_on TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('phone', 'visit', 'message', 'letter', 'relative')),
    reached INTEGER NOT NULL CHECK (reached IN (0, 1)),
    note TEXT,
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX xfer_lost_contact_member ON xfer_lost_contact(member_id, tried_on);
CREATE TABLE xfer_lost_decision (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    decision TEXT NOT NULL CHECK (decision IN ('stop', 'remove', 'restore', 'keep')),
    decided_on TEXT NOT NULL,
    body TEXT NOT NULL,
    doc_no TEXT,
    note TEXT,
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX xfer_lost_decision_member ON xfer_lost_decision(member_id, decided_on);

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'transfers', 1 FROM generation;
CREATE TRIGGER generation_xfer_i AFTER INSERT ON xfer BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_u AFTER UPDATE ON xfer BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_letter_i AFTER INSERT ON xfer_letter BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_letter_u AFTER UPDATE ON xfer_letter BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_flow_i AFTER INSERT ON xfer_flow BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_flow_u AFTER UPDATE ON xfer_flow BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_flow_meeting_i AFTER INSERT ON xfer_flow_meeting BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_lost_contact_i AFTER INSERT ON xfer_lost_contact BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_lost_decision_i AFTER INSERT ON xfer_lost_decision BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER xfer_org_path AFTER UPDATE OF path ON org BEGIN
    UPDATE xfer SET from_path = NEW.path WHERE from_org_id = NEW.id;
    UPDATE xfer SET to_path = NEW.path WHERE to_org_id = NEW.id;
    UPDATE xfer_letter SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE xfer_flow SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE xfer_flow SET home_path = NEW.path WHERE home_org_id = NEW.id;
END;
