-- 0021_dues: Party dues (党费, RULES.md §6, rule set dues-2008), forward-only.
-- dues_rule: the rules as rows (RULES.md §13), chosen by the month they apply to: for a
-- category, the enabled rows in force that month (valid_from <= month < valid_to, months as
-- 'YYYY-MM') with the latest valid_from form its bracket table. A bracket row has upto_fen
-- (inclusive upper bound of the base, NULL: no bound) and rate_bp (basis points of the whole
-- base, DUES-FLAT); a fixed row has amount_fen (and max_fen when members may choose up to it,
-- DUES-FARMER). Rows without a category are parameters of the other rules (param JSON).
-- dues_setting: the settings of a district or street (DUES-ROUND rounding, DUES-DEDUCT
-- deduction items), in force for its subtree: an org uses the row of the nearest org at or
-- above it; no row means the defaults (half-up to the fen, 个人所得税 only).
-- dues_standard: a member's standard from a month on (DUES-CHANGE): category, declared base,
-- the monthly amount and everything that computed it, who set it and when.
-- dues_entry: the ledger, append-only: payments, voluntary extra dues (DUES-EXTRA) and
-- reversals (a new row pointing at the one it reverses, with the negated amount). Each row
-- keeps the standard it was checked against and its warnings (JSON) so it can be reproduced.
-- The 'dues' change counter moves with every write to the area's tables.
CREATE TABLE dues_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    rule_set TEXT NOT NULL,
    category TEXT CHECK (category IN ('employed', 'retired', 'self_employed', 'farmer',
        'student', 'unemployed', 'relief')),
    upto_fen INTEGER,
    rate_bp INTEGER,
    amount_fen INTEGER,
    max_fen INTEGER,
    param TEXT NOT NULL DEFAULT '{}',
    severity TEXT NOT NULL CHECK (severity IN ('computed', 'warn', 'remind')),
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12',
    enabled INTEGER NOT NULL DEFAULT 1,
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL,
    CHECK ((rate_bp IS NULL) <> (amount_fen IS NULL) OR category IS NULL)
) STRICT;
CREATE INDEX dues_rule_category ON dues_rule(category, valid_from);
INSERT INTO dues_rule (rule_id, rule_set, category, upto_fen, rate_bp, amount_fen, max_fen, param, severity, valid_from, confidence, source) VALUES
    ('DUES-SALARY', 'dues-2008', 'employed', 300000, 50, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第一、二条：月工资收入（税后）3000元以下（含）交纳0.5%'),
    ('DUES-SALARY', 'dues-2008', 'employed', 500000, 100, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号：3000元以上至5000元（含）交纳1%'),
    ('DUES-SALARY', 'dues-2008', 'employed', 1000000, 150, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号：5000元以上至10000元（含）交纳1.5%'),
    ('DUES-SALARY', 'dues-2008', 'employed', NULL, 200, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号：10000元以上交纳2%'),
    ('DUES-SELF', 'dues-2008', 'self_employed', 300000, 50, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第四条：上一季度月平均纯收入，按工资收入比例交纳'),
    ('DUES-SELF', 'dues-2008', 'self_employed', 500000, 100, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第四条'),
    ('DUES-SELF', 'dues-2008', 'self_employed', 1000000, 150, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第四条'),
    ('DUES-SELF', 'dues-2008', 'self_employed', NULL, 200, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第四条'),
    ('DUES-RETIRED', 'dues-2008', 'retired', 500000, 50, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第五条：离退休费5000元以下（含）交纳0.5%'),
    ('DUES-RETIRED', 'dues-2008', 'retired', NULL, 100, NULL, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第五条：5000元以上交纳1%'),
    ('DUES-FARMER', 'dues-2008', 'farmer', NULL, NULL, 20, 100, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第六条：农民党员每月交纳0.2元至1元'),
    ('DUES-MIN', 'dues-2008', 'student', NULL, NULL, 20, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第六条：学生党员每月交纳0.2元'),
    ('DUES-MIN', 'dues-2008', 'unemployed', NULL, NULL, 20, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第六条：下岗失业党员每月交纳0.2元'),
    ('DUES-MIN', 'dues-2008', 'relief', NULL, NULL, 20, NULL, '{}', 'computed', '2008-04', 'secondary', '中组发〔2008〕3号第六条：依靠抚恤或救济生活、领取最低生活保障金的党员每月交纳0.2元'),
    ('DUES-BACKPAY', 'dues-2008', NULL, NULL, NULL, NULL, NULL, '{"months": 6}', 'warn', '2008-04', 'secondary', '中组发〔2008〕3号第十二条：补交党费一般不超过6个月'),
    ('DUES-EXTRA', 'dues-2008', NULL, NULL, NULL, NULL, NULL, '{"flag_fen": 100000}', 'remind', '2008-04', 'secondary', '中组发〔2008〕3号第十一条：自愿多交党费不限；一次1000元以上全部上缴中央'),
    ('DUES-ARREARS', 'dues-2008', NULL, NULL, NULL, NULL, NULL, '{"months": 6}', 'warn', '2008-04', 'secondary', '党章第九条：连续六个月不交纳党费，没有正当理由的，视为自行脱党（由组织研究决定，系统只提示）');

CREATE TABLE dues_setting (
    org_id INTEGER PRIMARY KEY REFERENCES org(id),
    org_path TEXT NOT NULL,
    rounding TEXT NOT NULL DEFAULT 'half_fen' CHECK (rounding IN ('half_fen', 'up_fen',
        'half_jiao', 'up_jiao')),
    deduct_items TEXT NOT NULL DEFAULT '["个人所得税"]',
    updated_by INTEGER,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE dues_standard (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    from_month TEXT NOT NULL,           -- DUES-CHANGE: applies from this month on
    category TEXT NOT NULL,
    base_fen INTEGER NOT NULL,
    amount_fen INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    rule_set TEXT NOT NULL,
    upto_fen INTEGER,                   -- the bracket's upper bound (NULL: none or fixed)
    rate_bp INTEGER,
    rounding TEXT NOT NULL,
    note TEXT,
    set_by INTEGER,
    set_at INTEGER NOT NULL,
    UNIQUE (member_id, from_month)
) STRICT;

CREATE TABLE dues_entry (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    month TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'extra', 'reversal')),
    amount_fen INTEGER NOT NULL,        -- negative for a reversal
    method TEXT CHECK (method IN ('cash', 'transfer', 'proxy')),
    paid_by TEXT,                       -- 代缴: who paid for the member
    receipt_no TEXT,
    paid_on TEXT NOT NULL,
    reverses_id INTEGER UNIQUE REFERENCES dues_entry(id),
    reason TEXT,
    standard_id INTEGER REFERENCES dues_standard(id),
    expected_fen INTEGER,
    base_fen INTEGER,
    upto_fen INTEGER,
    rate_bp INTEGER,
    rounding TEXT,
    rule_id TEXT,
    rule_set TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    recorded_by INTEGER,
    created_at INTEGER NOT NULL,
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
) STRICT;
CREATE INDEX dues_entry_path ON dues_entry(org_path, month);
CREATE INDEX dues_entry_member ON dues_entry(member_id, month);

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'dues', 1 FROM generation;
CREATE TRIGGER generation_dues_entry AFTER INSERT ON dues_entry BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'dues';
END;
CREATE TRIGGER generation_dues_standard AFTER INSERT ON dues_standard BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'dues';
END;
CREATE TRIGGER generation_dues_setting_i AFTER INSERT ON dues_setting BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'dues';
END;
CREATE TRIGGER generation_dues_setting_u AFTER UPDATE ON dues_setting BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'dues';
END;
-- An entry keeps a copy of the path of the org it was booked at, for subtree scans; when an
-- org moves, the copies follow (as meeting_org_path does for meetings).
CREATE TRIGGER dues_entry_org_path AFTER UPDATE OF path ON org BEGIN
    UPDATE dues_entry SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE dues_setting SET org_path = NEW.path WHERE org_id = NEW.id;
END;
