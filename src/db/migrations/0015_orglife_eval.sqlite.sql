-- 0015_orglife_eval: 民主评议党员 (RULES.md §5) and 学习记录 (LIFE-TRAIN, §4.1). Forward-only.
-- eval_rule: the grade sets as versioned rule rows (EVAL-GRADES by default, EVAL-3GRADES), with
-- the advisory 优秀 share (EVAL-QUOTA, unverified: a warning, never a refusal).
-- study_target_rule: the yearly study hours (LIFE-TRAIN) per role: member, and leader (基层党组织
-- 书记 and 班子成员: a member holding an org_post in office during the year).
-- eval_round: one branch's evaluation for a year, its subjects taken from the roster on its date.
-- eval_subject: a person evaluated in a round (预备党员 listed, never graded: EVAL-PROBATION);
-- the grades are what people decided, recorded with who recorded them.
-- study_material / study_record: what was published to study and who studied it, when, for how
-- many 学时; no check-in, no time on page, no ranking (§11.2).
CREATE TABLE eval_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,              -- "EVAL-GRADES", "EVAL-3GRADES"
    rule_set TEXT NOT NULL,
    grade_set TEXT NOT NULL CHECK (grade_set IN ('four', 'three')),
    grades TEXT NOT NULL,               -- ",excellent,qualified,basic,unqualified,"
    is_default INTEGER NOT NULL DEFAULT 0,
    quota_num INTEGER NOT NULL,         -- 优秀 at most quota_num / quota_den of the graded
    quota_den INTEGER NOT NULL CHECK (quota_den > 0),
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
INSERT INTO eval_rule (rule_id, rule_set, grade_set, grades, is_default, quota_num, quota_den,
                       valid_from, confidence, source, created_at) VALUES
    ('EVAL-GRADES', 'tiaoli-2018', 'four', ',excellent,qualified,basic,unqualified,', 1, 1, 3,
     '1900-01-01', 'secondary', '民主评议党员：优秀、合格、基本合格、不合格四个等次；优秀一般不超过三分之一（地方做法，待确认）', 0),
    ('EVAL-3GRADES', 'local', 'three', ',excellent,qualified,unqualified,', 0, 1, 3,
     '1900-01-01', 'secondary', '部分地方采用优秀、合格、不合格三个等次', 0);

CREATE TABLE study_target_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,              -- "LIFE-TRAIN"
    rule_set TEXT NOT NULL,             -- "jiaoyu-2019"
    role TEXT NOT NULL CHECK (role IN ('member', 'leader')),
    hours INTEGER NOT NULL CHECK (hours BETWEEN 0 AND 1000),
    valid_from TEXT NOT NULL,           -- chosen by the first day of the year counted
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
INSERT INTO study_target_rule (rule_id, rule_set, role, hours, valid_from, confidence, source,
                               created_at) VALUES
    ('LIFE-TRAIN', 'jiaoyu-2019', 'member', 32, '1900-01-01', 'secondary',
     '党员教育管理工作条例：党员每年集中学习培训时间一般不少于32学时', 0),
    ('LIFE-TRAIN', 'jiaoyu-2019', 'leader', 56, '1900-01-01', 'secondary',
     '党员教育管理工作条例：基层党组织书记和班子成员每年不少于56学时', 0);

CREATE TABLE eval_round (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,             -- copy of org.path for subtree scans
    year INTEGER NOT NULL,
    held_on TEXT NOT NULL,              -- the date the subjects were read from the roster
    rule_row INTEGER NOT NULL REFERENCES eval_rule(id),
    meeting_id INTEGER REFERENCES meeting(id),
    note TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (org_id, year)
) STRICT;
CREATE INDEX eval_round_path ON eval_round(org_path, year);

CREATE TABLE eval_subject (
    round_id INTEGER NOT NULL REFERENCES eval_round(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    probationary INTEGER NOT NULL,      -- 1: 预备党员 on the round's date, not graded
    self_text TEXT,                     -- 个人自评
    peer_excellent INTEGER NOT NULL DEFAULT 0, -- 互评/测评 totals per grade
    peer_qualified INTEGER NOT NULL DEFAULT 0,
    peer_basic INTEGER NOT NULL DEFAULT 0,
    peer_unqualified INTEGER NOT NULL DEFAULT 0,
    proposed_grade TEXT,                -- the committee's proposal
    final_grade TEXT,                   -- decided by the branch meeting
    final_meeting_id INTEGER REFERENCES meeting(id),
    final_by INTEGER,                   -- the user who recorded the decision
    final_at INTEGER,
    note TEXT,                          -- shortcomings and improvement measures
    updated_by INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (round_id, person_id)
) STRICT;
CREATE INDEX eval_subject_person ON eval_subject(person_id);

CREATE TABLE study_material (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id), -- the org that published it
    org_path TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('document', 'book', 'video', 'lecture', 'other')),
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 100),
    published_on TEXT NOT NULL,
    note TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX study_material_path ON study_material(org_path, published_on);

CREATE TABLE study_record (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id),
    org_id INTEGER NOT NULL REFERENCES org(id), -- the member's org when recorded
    material_id INTEGER REFERENCES study_material(id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('document', 'book', 'video', 'lecture', 'other')),
    studied_on TEXT NOT NULL,
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 100),
    delivered INTEGER NOT NULL DEFAULT 0, -- 送学上门
    source TEXT NOT NULL CHECK (source IN ('self', 'cadre')),
    note TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    recorded_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX study_record_person ON study_record(person_id, studied_on);
-- A material is credited once per person (free entries, without a material, are not limited).
CREATE UNIQUE INDEX study_record_once ON study_record(person_id, material_id);
