-- 0014_orglife: organizational life (组织生活). Forward-only: once merged, never edited.
-- orglife_rule: the required frequencies of RULES.md §4.1 as versioned rows (§4.2, §13), chosen
-- by the date of the period checked (valid_from <= period start < valid_to). A row with org_id
-- overrides the defaults for that org's subtree (the deepest override wins); org_types lists
-- the org types it applies to (",branch,joint_branch,"). Compliance reads them, nothing else.
-- meeting: one meeting of an org (a branch; a 党小组 for a 党小组会) with its counts of the
-- attendance rows kept in step by the service, so compliance never scans attendance.
-- meeting_attendance: the expected attendees computed from the roster on the meeting date
-- (status NULL until recorded) plus anyone else recorded; keyed by person.
-- meeting_agenda: the 议题 in order, with the minutes of each.
-- The posts of an org in office (the committee that attends a 支委会, whether a branch has
-- one): org_post had no index by org.
CREATE INDEX org_post_org ON org_post(org_id, ended_on);

CREATE TABLE orglife_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,              -- RULES.md ID, "LIFE-DAHUI"
    rule_set TEXT NOT NULL,             -- "tiaoli-2018", "local-..."
    type TEXT NOT NULL,                 -- meeting type code
    period TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
    min_count INTEGER NOT NULL CHECK (min_count BETWEEN 0 AND 100),
    org_types TEXT NOT NULL,
    org_id INTEGER REFERENCES org(id),  -- NULL: the default; else an override for its subtree
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL,
    note TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX orglife_rule_type ON orglife_rule(type, valid_from);
INSERT INTO orglife_rule (rule_id, rule_set, type, period, min_count, org_types, valid_from,
                          confidence, source, created_at) VALUES
    ('LIFE-DAHUI', 'tiaoli-2018', 'party_congress', 'quarter', 1,
     ',branch,joint_branch,mobile_branch,general_branch,', '1900-01-01', 'verified',
     '支部工作条例（试行）第十一条：党员大会一般每季度召开1次', 0),
    ('LIFE-ZHIWEI', 'tiaoli-2018', 'committee', 'month', 1,
     ',branch,joint_branch,mobile_branch,general_branch,', '1900-01-01', 'verified',
     '支部工作条例（试行）第十二条：支部委员会会议一般每月召开1次；未设支委会的支部不适用', 0),
    ('LIFE-XIAOZU', 'tiaoli-2018', 'group', 'month', 1, ',group,', '1900-01-01', 'verified',
     '支部工作条例（试行）第十三条：党小组会一般每月召开1次', 0),
    ('LIFE-DANGKE', 'tiaoli-2018', 'lecture', 'year', 1,
     ',branch,joint_branch,mobile_branch,general_branch,', '1900-01-01', 'secondary',
     '支部工作条例（试行）第十六条“按期上党课”；“每季度至少1次”为地方做法，可按地区规则收紧', 0),
    ('LIFE-ZHUTI', 'tiaoli-2018', 'theme_day', 'month', 1,
     ',branch,joint_branch,mobile_branch,general_branch,', '1900-01-01', 'secondary',
     '主题党日：每月相对固定1天', 0),
    ('LIFE-SHENGHUOHUI', 'tiaoli-2018', 'life_meeting', 'year', 1,
     ',branch,joint_branch,mobile_branch,general_branch,', '1900-01-01', 'secondary',
     '组织生活会：每年至少1次，一般在第四季度', 0),
    ('LIFE-PINGYI', 'tiaoli-2018', 'evaluation', 'year', 1,
     ',branch,joint_branch,mobile_branch,general_branch,', '1900-01-01', 'secondary',
     '民主评议党员：一般每年1次，可与组织生活会结合', 0);

CREATE TABLE meeting (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,             -- copy of org.path for subtree scans
    type TEXT NOT NULL CHECK (type IN ('party_congress', 'committee', 'group', 'lecture',
        'theme_day', 'life_meeting', 'evaluation', 'talk', 'custom')),
    custom_type TEXT,                   -- the name of a custom type
    topic TEXT NOT NULL,
    meets_on TEXT NOT NULL,             -- the date (China Standard Time) periods are counted by
    starts_at TEXT NOT NULL,            -- "YYYY-MM-DD HH:MM", China Standard Time
    ends_at TEXT,
    place TEXT,
    online INTEGER NOT NULL DEFAULT 0,
    host_person_id INTEGER REFERENCES person(id),
    recorder_person_id INTEGER REFERENCES person(id),
    status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    guests TEXT,                        -- 列席 (names, free text)
    minutes TEXT,
    decisions TEXT,
    expected_n INTEGER NOT NULL DEFAULT 0,
    present_n INTEGER NOT NULL DEFAULT 0,  -- 出席 and 线上
    leave_n INTEGER NOT NULL DEFAULT 0,
    absent_n INTEGER NOT NULL DEFAULT 0,
    delivered_n INTEGER NOT NULL DEFAULT 0, -- 送学上门
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX meeting_path ON meeting(org_path, meets_on);
CREATE INDEX meeting_org ON meeting(org_id, meets_on);

-- meeting_year: held meetings per branch-level org (a 党小组's count for its branch), type, year
-- and month, with the attendance sums of those recorded, kept by the service whenever a
-- meeting or its attendance changes, so compliance over a district reads one row per branch,
-- type and year instead of every meeting.
CREATE TABLE meeting_year (
    org_id INTEGER NOT NULL REFERENCES org(id),
    type TEXT NOT NULL,
    year INTEGER NOT NULL,
    m01 INTEGER NOT NULL DEFAULT 0,
    m02 INTEGER NOT NULL DEFAULT 0,
    m03 INTEGER NOT NULL DEFAULT 0,
    m04 INTEGER NOT NULL DEFAULT 0,
    m05 INTEGER NOT NULL DEFAULT 0,
    m06 INTEGER NOT NULL DEFAULT 0,
    m07 INTEGER NOT NULL DEFAULT 0,
    m08 INTEGER NOT NULL DEFAULT 0,
    m09 INTEGER NOT NULL DEFAULT 0,
    m10 INTEGER NOT NULL DEFAULT 0,
    m11 INTEGER NOT NULL DEFAULT 0,
    m12 INTEGER NOT NULL DEFAULT 0,
    expected_sum INTEGER NOT NULL DEFAULT 0, -- expected attendees of meetings with attendance recorded
    present_sum INTEGER NOT NULL DEFAULT 0,  -- 出席 and 线上
    study_sum INTEGER NOT NULL DEFAULT 0,    -- and 送学上门
    PRIMARY KEY (org_id, type, year)
) STRICT;

CREATE TABLE meeting_agenda (
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    title TEXT NOT NULL,
    minutes TEXT,
    PRIMARY KEY (meeting_id, pos)
) STRICT;

CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    expected INTEGER NOT NULL,          -- 1: on the expected list computed from the roster
    status TEXT CHECK (status IN ('present', 'online', 'leave', 'absent', 'delivered')),
    reason TEXT,                        -- 请假 reason, 送学上门 how
    leave_approved INTEGER NOT NULL DEFAULT 0,
    recorded_by INTEGER,
    recorded_at INTEGER,
    PRIMARY KEY (meeting_id, person_id)
) STRICT;
CREATE INDEX meeting_attendance_person ON meeting_attendance(person_id);

-- Copied minutes (照搬照抄, core/textsim.h): a meeting's MinHash signature of its minutes, its
-- 32 LSH band keys (an index to find candidates with one join instead of comparing every
-- pair) and the pairs found near-identical when the newer one was saved, with the passage
-- they share as byte ranges of each text.
CREATE TABLE meeting_sig (
    meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
    sig BLOB NOT NULL,
    computed_at INTEGER NOT NULL
) STRICT;
CREATE TABLE meeting_band (
    band_key INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, meeting_id)
) STRICT;
CREATE INDEX meeting_band_meeting ON meeting_band(meeting_id);
CREATE TABLE meeting_copy (
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    matches_meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    similarity_pm INTEGER NOT NULL,   -- Jaccard of the shingle sets, per mille
    containment_pm INTEGER NOT NULL,  -- share of the shorter text found in the longer, per mille
    passage_chars INTEGER NOT NULL,   -- the longest shared passage, in normalized characters
    a_start INTEGER NOT NULL,         -- its byte range in this meeting's minutes
    a_end INTEGER NOT NULL,
    b_start INTEGER NOT NULL,         -- and in the other's
    b_end INTEGER NOT NULL,
    found_at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, matches_meeting_id)
) STRICT;
CREATE INDEX meeting_copy_match ON meeting_copy(matches_meeting_id);

-- Votes inside a meeting (RULES.md §2.4). vote_rule: quorum and pass as rows chosen by the
-- meeting date: measure 'quorum' compares the voting members present, 'pass' the yes votes
-- (written opinions included, VOTE-WRITTEN), with base 'expected' (N, 应到会有表决权人数) or
-- 'present'; the count must exceed num/den of the base (strict) or reach it. meeting_vote: N
-- and the excluded with reasons, fixed when the vote is opened, the tallies, and the result,
-- computed when it is closed, never typed. meeting_voter: who voted and how; for an open vote
-- or a written opinion the choice, for a secret ballot none: a secret ballot only adds to the
-- tallies, so no stored row links a voter to a choice (no ballot rows, no order, no time).
CREATE TABLE vote_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    rule_set TEXT NOT NULL,
    vote_kinds TEXT NOT NULL,           -- ",admission,full_member,decision,"
    measure TEXT NOT NULL CHECK (measure IN ('quorum', 'pass')),
    base TEXT NOT NULL CHECK (base IN ('expected', 'present')),
    num INTEGER NOT NULL CHECK (num >= 0),
    den INTEGER NOT NULL CHECK (den > 0),
    strict INTEGER NOT NULL,          -- 1: more than num/den of the base; 0: at least
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    confidence TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
INSERT INTO vote_rule (rule_id, rule_set, vote_kinds, measure, base, num, den, strict, valid_from,
                       confidence, source, created_at) VALUES
    ('VOTE-QUORUM', 'xize-2014', ',admission,full_member,decision,', 'quorum', 'expected', 1, 2, 1,
     '1900-01-01', 'secondary', '细则第二十条；支部工作条例第十一条：到会有表决权的党员超过应到会有表决权党员的半数', 0),
    ('VOTE-PASS', 'xize-2014', ',admission,full_member,decision,', 'pass', 'expected', 1, 2, 1,
     '1900-01-01', 'secondary', '赞成票超过应到会有表决权的正式党员的半数（书面意见计入）', 0),
    ('ORG-ELECT-QUORUM', 'local-default', ',election,', 'quorum', 'expected', 4, 5, 1,
     '1900-01-01', 'secondary', '选举时到会有选举权的党员超过应到会人数的五分之四（地方做法）', 0),
    ('ORG-ELECT-PASS', 'local-default', ',election,', 'pass', 'present', 1, 2, 1,
     '1900-01-01', 'unverified', '候选人得票超过实到会有选举权人数的一半（地方做法，须街道党工委确认）', 0);

CREATE TABLE meeting_vote (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('admission', 'full_member', 'election', 'decision')),
    method TEXT NOT NULL CHECK (method IN ('open', 'secret')),
    candidate_person_id INTEGER REFERENCES person(id),
    expected_n INTEGER NOT NULL,      -- N: voting 正式党员 expected, less the excluded
    excluded TEXT,                      -- JSON [{"person_id", "name", "reason"}]
    present_n INTEGER NOT NULL DEFAULT 0,
    written_n INTEGER NOT NULL DEFAULT 0,
    yes_n INTEGER NOT NULL DEFAULT 0,
    no_n INTEGER NOT NULL DEFAULT 0,
    abstain_n INTEGER NOT NULL DEFAULT 0,
    invalid_n INTEGER NOT NULL DEFAULT 0,
    paper INTEGER NOT NULL DEFAULT 0, -- 1: tallies entered from counted paper ballots
    result TEXT CHECK (result IN ('passed', 'failed_quorum', 'rejected')),
    quorum_rule TEXT,
    pass_rule TEXT,
    resolution TEXT,
    closed_at INTEGER,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX meeting_vote_meeting ON meeting_vote(meeting_id);
CREATE TABLE meeting_voter (
    vote_id INTEGER NOT NULL REFERENCES meeting_vote(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    how TEXT NOT NULL CHECK (how IN ('present', 'written')),
    choice TEXT CHECK (choice IN ('yes', 'no', 'abstain', 'invalid')),
    PRIMARY KEY (vote_id, person_id)
) STRICT, WITHOUT ROWID;

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'orglife', 1 FROM generation;
CREATE TRIGGER generation_meeting_i AFTER INSERT ON meeting BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'orglife';
END;
CREATE TRIGGER generation_meeting_u AFTER UPDATE ON meeting BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'orglife';
END;
CREATE TRIGGER generation_meeting_d AFTER DELETE ON meeting BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'orglife';
END;
CREATE TRIGGER generation_orglife_rule_i AFTER INSERT ON orglife_rule BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'orglife';
END;
CREATE TRIGGER generation_orglife_rule_u AFTER UPDATE ON orglife_rule BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'orglife';
END;
