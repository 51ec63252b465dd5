-- Member development, second part: rule switches per subtree and withdrawn steps.
--
-- dev_rule_switch: an org turns a switchable rule row (the unverified 2026 overlay of RULES.md
-- §1.2, confidence 'unverified') on or off for its subtree once its 街道党工委 has confirmed it
-- (RULES.md §13: enabled per tenant, confirmed_by / confirmed_at). The deepest switch on a
-- case's org path wins over the row's own enabled; note is the confirmation (a meeting, a
-- document). Baseline rows are never switched.
CREATE TABLE dev_rule_switch (
    id INTEGER PRIMARY KEY,
    rule_row INTEGER NOT NULL REFERENCES dev_rule(id),
    org_id INTEGER NOT NULL REFERENCES org(id),
    enabled INTEGER NOT NULL,
    note TEXT NOT NULL,
    set_by INTEGER,
    set_at INTEGER NOT NULL,
    UNIQUE (rule_row, org_id)
) STRICT;
CREATE INDEX dev_rule_switch_org ON dev_rule_switch(org_id);

-- A step recorded by mistake is withdrawn, never deleted: the last step of a case, with the
-- reason, by whoever may record it; the case goes back to the state kept in prior (JSON of the
-- applicant's stage, last step, status, dates and extensions before the step). Withdrawn steps
-- are shown, struck through, and count for nothing. Steps that changed the roster (admission,
-- 转正, 出党) are corrected on the roster, not withdrawn here.
ALTER TABLE dev_step ADD COLUMN prior TEXT;
ALTER TABLE dev_step ADD COLUMN withdrawn_at INTEGER;
ALTER TABLE dev_step ADD COLUMN withdrawn_by INTEGER;
ALTER TABLE dev_step ADD COLUMN withdraw_reason TEXT;

-- DEV-ACT-REVIEW (RULES.md §2.3): the branch's 考察 of an activist every 6 months (细则第十一条),
-- a reminder on the board and a remind finding on a late step 6.
INSERT INTO dev_rule (rule_id, rule_set, severity, param, valid_from, enabled, confidence, source) VALUES
    ('DEV-ACT-REVIEW', 'xize-2014', 'remind', '{"months": 6}', '1900-01-01', 1, 'secondary', '细则第十一条：党支部每半年对入党积极分子进行一次考察');
