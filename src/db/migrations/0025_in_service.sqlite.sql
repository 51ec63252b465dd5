-- 0025_in_service: 在职党员到社区报到 (RULES.md §9), forward-only.
-- xfer_report: one registration of an in-service member (a person: a member of the tree, or
-- a person whose relation lies in a workplace Party org outside it) with the community they
-- report to (双报到, RPT-DUAL): both the community and, when it is in the tree, the workplace
-- org see it. unit_org_name is the workplace org's name (copied from the tree or typed);
-- skills and wishes as typed; ended_on when the member stopped reporting (moved, retired). A
-- person reports to one community at a time (xfer_report_open). Paths are read from org at
-- query time (no copies to keep in step).
-- xfer_report_service: the 服务登记卡 (RPT-FORMS): services done for the community "8 小时之外"
-- that are not recorded elsewhere (a volunteer activity's hours live in its own area), with
-- their minutes (at most a day) and kind.
-- xfer_report_review: the community's yearly evaluation of the member for the workplace
-- (RPT-EVAL), with its comment; people write it, the software only keeps it.
-- LOST-R-STOP (RULES.md §10 reminder ladder): 停止党籍 decided that many months ago with no
-- later decision lists the member for 除名 review (LOST-AFTER-STOP); a reminder only.
-- The 'transfers' change counter moves with every write.
INSERT INTO xfer_rule (rule_id, rule_set, severity, param, valid_from, enabled, confidence, source) VALUES
    ('LOST-R-STOP', 'local-default', 'warn', '{"months": 24}', '1900-01-01', 1, 'secondary', '停止党籍满24个月仍无联系的：列为除名审查对象（RULES.md §10 LOST-AFTER-STOP；由党组织决定，系统只提示）');

CREATE TABLE xfer_report (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id),
    member_id INTEGER REFERENCES member(id),
    community_id INTEGER NOT NULL REFERENCES org(id),
    unit_org_id INTEGER REFERENCES org(id),
    unit_org_name TEXT NOT NULL,
    work_unit TEXT,
    skills TEXT,
    wishes TEXT,
    reported_on TEXT NOT NULL,
    ended_on TEXT,
    end_reason TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= reported_on)
) STRICT;
CREATE UNIQUE INDEX xfer_report_open ON xfer_report(person_id) WHERE ended_on IS NULL;
CREATE INDEX xfer_report_community ON xfer_report(community_id);
CREATE INDEX xfer_report_unit ON xfer_report(unit_org_id);

CREATE TABLE xfer_report_service (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    report_id INTEGER NOT NULL REFERENCES xfer_report(id),
    served_on TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    kind TEXT NOT NULL CHECK (kind IN ('wish', 'pairing', 'governance', 'skill', 'publicity',
        'other')),
    content TEXT NOT NULL,
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX xfer_report_service_report ON xfer_report_service(report_id, served_on);

CREATE TABLE xfer_report_review (
    report_id INTEGER NOT NULL REFERENCES xfer_report(id),
    year INTEGER NOT NULL,
    grade TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'fair', 'poor')),
    comment TEXT NOT NULL,
    reviewed_by INTEGER,
    reviewed_at INTEGER NOT NULL,
    PRIMARY KEY (report_id, year)
) STRICT;

CREATE TRIGGER generation_xfer_report_i AFTER INSERT ON xfer_report BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_report_u AFTER UPDATE ON xfer_report BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_report_service_i AFTER INSERT ON xfer_report_service BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_report_review_i AFTER INSERT ON xfer_report_review BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
CREATE TRIGGER generation_xfer_report_review_u AFTER UPDATE ON xfer_report_review BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'transfers';
END;
