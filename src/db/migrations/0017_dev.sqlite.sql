-- 0017_dev: member development (发展党员, RULES.md §2), forward-only.
-- dev_rule: the date and count rules as rows (RULES.md §13), chosen by the date of the step
-- checked: for each rule_id the enabled row in force on that date (valid_from <= date <
-- valid_to) with the latest valid_from, so an overlay row (xize-2026.05) replaces its baseline
-- from its own date on. param is JSON (months, years, min/max, days/hours). The 2026 overlay
-- (RULES.md §1.2, unverified) ships disabled until the 街道党工委 confirms it.
-- dev_step_def: the 25 steps, their stage and who records them: the case's org ('case') or
-- the approving committee above it ('approver', AUTH-APPROVE).
-- dev_org: orgs with approval power (AUTH-APPROVE can_approve_members): streets (街道党工委).
-- dev_applicant: a person applying (person_id: the registered person with that ID number, a
-- resident say, so they see their own case; member_id is set when step 17 admits them), the
-- case's org and where the case stands.
-- dev_step: each step recorded, with its date, the body or people, decision, linked vote, and
-- findings: every rule checked, as JSON [{rule, version, severity, inputs, result, message}].
-- dev_person: 培养联系人 (step 5) and 入党介绍人 (step 9), members of the roster.
CREATE TABLE dev_rule (
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
INSERT INTO dev_rule (rule_id, rule_set, severity, param, valid_from, enabled, confidence, source) VALUES
    ('DEV-AGE', 'xize-2014', 'block', '{"years": 18}', '1900-01-01', 1, 'secondary', '党章第一条；细则第五条：年满十八岁'),
    ('DEV-TALK', 'xize-2014', 'overdue', '{"months": 1}', '1900-01-01', 1, 'secondary', '细则第七条：收到入党申请书后一个月内派人谈话'),
    ('DEV-OBJ-MIN', 'xize-2014', 'block', '{"months": 12}', '1900-01-01', 1, 'secondary', '细则第十三条：经过一年以上培养教育和考察'),
    ('DEV-CONTACTS', 'xize-2014', 'block', '{"min": 1, "max": 2}', '1900-01-01', 1, 'secondary', '细则（2014）：指定一至两名正式党员作培养联系人'),
    ('DEV-INTRO', 'xize-2014', 'block', '{"count": 2}', '1900-01-01', 1, 'secondary', '细则；党章第五条：两名正式党员作入党介绍人'),
    ('DEV-POLREVIEW', 'xize-2014', 'block', '{}', '1900-01-01', 1, 'secondary', '细则（2014）：政治审查合格后方可提交支部委员会审查'),
    ('DEV-TRAIN', 'xize-2014', 'block', '{"days": 3, "hours": 24}', '1900-01-01', 1, 'verified', '细则：集中培训时间一般不少于三天或二十四个学时；特殊情况可经批准（须记录理由）'),
    ('DEV-LEAVING', 'xize-2014', 'warn', '{"months": 3}', '1900-01-01', 1, 'secondary', '细则第十九条：预审时发现发展对象三个月内将离开工作、学习单位的，一般不继续发展'),
    ('DEV-APPROVE', 'xize-2014', 'overdue', '{"months": 3, "max_months": 6}', '1900-01-01', 1, 'secondary', '细则：支部大会通过后三个月内审批，特殊情况可延长，最长不超过六个月'),
    ('DEV-PROB-END', 'xize-2014', 'computed', '{"months": 12}', '1900-01-01', 1, 'verified', '党章第七条；细则第三十二条：预备期一年，自支部大会通过之日算起'),
    ('DEV-EXTEND', 'xize-2014', 'block', '{"min_months": 6, "max_months": 12, "max_count": 1}', '1900-01-01', 1, 'secondary', '党章第七条：可以延长一次预备期，不能少于半年，最长不超过一年'),
    ('DEV-CONV-APPROVE', 'xize-2014', 'overdue', '{"months": 3}', '1900-01-01', 1, 'secondary', '细则：上级党委在三个月内审批预备党员转正'),
    ('DEV-STEP-ORDER', 'xize-2014', 'block', '{}', '1900-01-01', 1, 'secondary', '发展党员五个阶段二十五个步骤依次进行'),
    ('DEV-STEP-DATE', 'xize-2014', 'block', '{}', '1900-01-01', 1, 'secondary', '步骤日期不早于上一步骤，不晚于当天'),
    ('DEV-VOTE', 'xize-2014', 'block', '{}', '1900-01-01', 1, 'secondary', '细则第二十条：支部党员大会表决通过（赞成票超过应到会有表决权正式党员的半数）'),
    ('AUTH-APPROVE', 'xize-2014', 'block', '{}', '1900-01-01', 1, 'verified', '只有具有审批权限的基层党委（街道党工委）审批预备党员'),
    ('DEV26-PUBLICITY', 'xize-2026.05', 'warn', '{"working_days": 5}', '2026-05-18', 0, 'unverified', '2026年修订细则（据报道第十三条）：确定发展对象前公示不少于5个工作日；待街道党工委确认'),
    ('DEV26-MEETING', 'xize-2026.05', 'overdue', '{"months": 1}', '2026-05-18', 0, 'unverified', '2026年修订细则（据报道第十九条）：预审合格后一个月内提交支部党员大会讨论；待确认'),
    ('DEV26-OATH', 'xize-2026.05', 'remind', '{"months": 1}', '2026-05-18', 0, 'unverified', '2026年修订细则（据报道第二十九条）：审批后一般一个月内入党宣誓；待确认');

CREATE TABLE dev_step_def (
    step INTEGER PRIMARY KEY CHECK (step BETWEEN 1 AND 25),
    stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 5),
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('case', 'approver'))
) STRICT;
INSERT INTO dev_step_def (step, stage, name, level) VALUES
    (1, 1, '递交入党申请书', 'case'), (2, 1, '党组织派人谈话', 'case'),
    (3, 2, '推荐和确定入党积极分子', 'case'), (4, 2, '上级党委备案', 'case'),
    (5, 2, '指定培养联系人', 'case'), (6, 2, '培养教育考察', 'case'),
    (7, 3, '确定发展对象', 'case'), (8, 3, '报上级党委备案', 'case'),
    (9, 3, '确定入党介绍人', 'case'), (10, 3, '进行政治审查', 'case'),
    (11, 3, '开展集中培训', 'case'), (12, 4, '支部委员会审查', 'case'),
    (13, 4, '上级党委预审', 'approver'), (14, 4, '填写入党志愿书', 'case'),
    (15, 4, '支部大会讨论', 'case'), (16, 4, '上级党委派人谈话', 'approver'),
    (17, 4, '上级党委审批', 'approver'), (18, 4, '再上一级党委组织部门备案', 'approver'),
    (19, 5, '编入党支部和党小组', 'case'), (20, 5, '入党宣誓', 'case'),
    (21, 5, '继续教育考察', 'case'), (22, 5, '提出转正申请', 'case'),
    (23, 5, '支部大会讨论转正', 'case'), (24, 5, '上级党委审批转正', 'approver'),
    (25, 5, '材料归档', 'case');

CREATE TABLE dev_org (
    org_id INTEGER PRIMARY KEY REFERENCES org(id),
    can_approve_members INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO dev_org (org_id, can_approve_members) SELECT id, 1 FROM org WHERE type = 'street';

CREATE TABLE dev_applicant (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
    birth_date TEXT NOT NULL,
    id_number TEXT NOT NULL,
    applied_on TEXT NOT NULL,
    stage INTEGER NOT NULL DEFAULT 1,
    last_step INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL CHECK (status IN ('applicant', 'activist', 'candidate', 'probationary',
        'full', 'cancelled')),
    person_id INTEGER REFERENCES person(id), -- the registered person with this ID number, if any
    member_id INTEGER REFERENCES member(id),
    joined_on TEXT,                     -- step 15's resolution date
    probation_ends_on TEXT,             -- DEV-PROB-END, moved by an approved extension
    extensions INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
-- One open case per person: a case that ended (cancelled) does not stop a new application.
CREATE UNIQUE INDEX dev_applicant_open_id ON dev_applicant(id_number) WHERE status <> 'cancelled';
CREATE INDEX dev_applicant_path ON dev_applicant(org_path);
CREATE INDEX dev_applicant_person ON dev_applicant(person_id);

CREATE TABLE dev_step (
    id INTEGER PRIMARY KEY,
    applicant_id INTEGER NOT NULL REFERENCES dev_applicant(id),
    step INTEGER NOT NULL REFERENCES dev_step_def(step),
    done_on TEXT NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id), -- the org that recorded it (case org or approver)
    body TEXT,                          -- the responsible body or person, as written
    decision TEXT,
    vote_id INTEGER REFERENCES meeting_vote(id),
    meeting_id INTEGER REFERENCES meeting(id),
    training_days INTEGER,
    training_hours INTEGER,
    extend_months INTEGER,
    override_reason TEXT,
    note TEXT,
    findings TEXT NOT NULL,             -- JSON: every rule checked and its outcome
    recorded_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX dev_step_applicant ON dev_step(applicant_id, step);

CREATE TABLE dev_person (
    step_id INTEGER NOT NULL REFERENCES dev_step(id),
    role TEXT NOT NULL CHECK (role IN ('contact', 'introducer')),
    member_id INTEGER NOT NULL REFERENCES member(id),
    PRIMARY KEY (step_id, member_id)
) STRICT;

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'dev', 1 FROM generation;
