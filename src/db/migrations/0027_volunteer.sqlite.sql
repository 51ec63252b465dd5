-- 0027_volunteer: volunteer service (志愿服务), public-welfare posts (设岗定责) and points
-- (issue 22, RULES.md §11), forward-only. A volunteer is a row of person (a member or a
-- resident); nothing about persons is copied here.
-- volunteer_rule: the rules as rows (RULES.md §13), chosen by the date they apply to: points
-- per unit of a verified action and the yearly cap (VOL-PTS-*: no national standard, §11.1,
-- so local examples shipped unverified), the longest single record (VOL-HOURS-MAX) and the
-- yearly service that makes a commendation candidate (VOL-COMMEND-HOURS).
-- volunteer_team / volunteer_team_member: 队伍 with a leader and members.
-- volunteer_activity: a slot (time as 'YYYY-MM-DD HH:MM' Asia/Shanghai, also as minutes for
-- range checks), place, skills wanted and capacity; volunteer_signup: one person's sign-up,
-- its status moved only through the transition table of volunteer_rules.c, each move kept in
-- volunteer_signup_event.
-- volunteer_post / volunteer_claim / volunteer_post_record: 公益岗位 defined by an org, claimed
-- for a period (two claims of one post may not overlap), and the record card (记录卡) with the
-- served person's feedback (反馈).
-- volunteer_hours: service time, recorded by the organizer (verified) or self-logged (pending
-- until the organizer approves or refuses); one person's non-refused records never overlap.
-- volunteer_certificate: a numbered yearly service certificate (志愿服务证明).
CREATE TABLE volunteer_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    version TEXT NOT NULL,
    action TEXT CHECK (action IN ('hours', 'post_record')),
    points INTEGER,                     -- points per unit of the action
    unit INTEGER,                       -- minutes of service (hours) or records (post_record) per unit
    cap_per_year INTEGER,
    value INTEGER,                      -- a parameter rule's number (minutes)
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    enabled INTEGER NOT NULL DEFAULT 1,
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL,
    CHECK ((action IS NULL) = (value IS NOT NULL))
) STRICT;
INSERT INTO volunteer_rule (rule_id, version, action, points, unit, cap_per_year, value, valid_from, confidence, source) VALUES
    ('VOL-PTS-HOUR', 'vol-local-2026', 'hours', 1, 60, 40, NULL, '2000-01-01', 'unverified', '本地示例：经核实的志愿服务每满1小时计1分，每年最多40分（积分制无全国标准，RULES.md §11.1）'),
    ('VOL-PTS-POST', 'vol-local-2026', 'post_record', 2, 1, 24, NULL, '2000-01-01', 'unverified', '本地示例：公益岗位履职记录每条计2分，每年最多24分（RULES.md §11.1）'),
    ('VOL-HOURS-MAX', 'vol-local-2026', NULL, NULL, NULL, NULL, 1440, '2000-01-01', 'local', '一条服务时长记录不超过24小时'),
    ('VOL-COMMEND-HOURS', 'vol-local-2026', NULL, NULL, NULL, NULL, 1200, '2000-01-01', 'unverified', '本地示例：年度经核实服务满20小时列为表彰候选人（由组织研究决定）');

CREATE TABLE volunteer_team (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    leader_person_id INTEGER REFERENCES person(id),
    skills TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, name)
) STRICT;
CREATE INDEX volunteer_team_path ON volunteer_team(org_path);

CREATE TABLE volunteer_team_member (
    team_id INTEGER NOT NULL REFERENCES volunteer_team(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, person_id)
) STRICT;

CREATE TABLE volunteer_activity (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    team_id INTEGER REFERENCES volunteer_team(id),
    title TEXT NOT NULL,
    place TEXT NOT NULL,
    skills TEXT,
    description TEXT,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    start_min INTEGER NOT NULL,
    end_min INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    status TEXT NOT NULL CHECK (status IN ('open', 'cancelled')),
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (end_min > start_min)
) STRICT;
CREATE INDEX volunteer_activity_path ON volunteer_activity(org_path, start_min);

CREATE TABLE volunteer_signup (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES volunteer_activity(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    status TEXT NOT NULL CHECK (status IN ('waitlist', 'signed', 'confirmed', 'completed',
        'cancelled', 'absent')),
    checkin_at INTEGER,
    checkout_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (activity_id, person_id)
) STRICT;
CREATE INDEX volunteer_signup_person ON volunteer_signup(person_id);

CREATE TABLE volunteer_signup_event (
    id INTEGER PRIMARY KEY,
    signup_id INTEGER NOT NULL REFERENCES volunteer_signup(id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_user_id INTEGER,
    at INTEGER NOT NULL
) STRICT;
CREATE INDEX volunteer_signup_event_signup ON volunteer_signup_event(signup_id, id);

CREATE TABLE volunteer_post (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('care', 'employment', 'relief', 'pioneer', 'other')),
    duties TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (ends_on >= starts_on)
) STRICT;
CREATE INDEX volunteer_post_path ON volunteer_post(org_path);

CREATE TABLE volunteer_claim (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES volunteer_post(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    from_on TEXT NOT NULL,
    to_on TEXT NOT NULL,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (to_on >= from_on)
) STRICT;
CREATE INDEX volunteer_claim_post ON volunteer_claim(post_id, from_on);
CREATE INDEX volunteer_claim_person ON volunteer_claim(person_id);

CREATE TABLE volunteer_post_record (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES volunteer_claim(id),
    done_on TEXT NOT NULL,
    content TEXT NOT NULL,
    served TEXT,                        -- who was served (as they wish to be named)
    feedback TEXT,                      -- 情况反馈 from the person served
    satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basically', 'unsatisfied')),
    confirmed INTEGER NOT NULL DEFAULT 0, -- written or confirmed by the organizer: counts for points
    recorded_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX volunteer_post_record_claim ON volunteer_post_record(claim_id, done_on);

CREATE TABLE volunteer_hours (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id),
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,
    activity_id INTEGER REFERENCES volunteer_activity(id),
    post_id INTEGER REFERENCES volunteer_post(id),
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    start_min INTEGER NOT NULL,
    end_min INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('organizer', 'self')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'refused')),
    note TEXT,
    review_note TEXT,
    recorded_by INTEGER,
    reviewed_by INTEGER,
    reviewed_at INTEGER,
    created_at INTEGER NOT NULL,
    CHECK ((activity_id IS NULL) <> (post_id IS NULL)),
    CHECK (end_min > start_min AND minutes = end_min - start_min)
) STRICT;
CREATE INDEX volunteer_hours_person ON volunteer_hours(person_id, start_min);
CREATE INDEX volunteer_hours_path ON volunteer_hours(org_path, status);

CREATE TABLE volunteer_certificate (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id),
    year INTEGER NOT NULL,
    number TEXT NOT NULL UNIQUE,
    minutes INTEGER NOT NULL,
    issued_by INTEGER,
    issued_at INTEGER NOT NULL,
    UNIQUE (person_id, year)
) STRICT;

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'volunteer', 1 FROM generation;
CREATE TRIGGER generation_volunteer_activity AFTER INSERT ON volunteer_activity BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'volunteer';
END;
CREATE TRIGGER generation_volunteer_signup AFTER UPDATE ON volunteer_signup BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'volunteer';
END;
CREATE TRIGGER generation_volunteer_signup_new AFTER INSERT ON volunteer_signup BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'volunteer';
END;
CREATE TRIGGER generation_volunteer_hours AFTER INSERT ON volunteer_hours BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'volunteer';
END;
CREATE TRIGGER generation_volunteer_hours_review AFTER UPDATE ON volunteer_hours BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'volunteer';
END;
CREATE TRIGGER generation_volunteer_claim AFTER INSERT ON volunteer_claim BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'volunteer';
END;
CREATE TRIGGER generation_volunteer_post_record AFTER INSERT ON volunteer_post_record BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'volunteer';
END;
-- Rows keep a copy of their org's path for subtree scans; when an org moves, the copies follow.
CREATE TRIGGER volunteer_org_path AFTER UPDATE OF path ON org BEGIN
    UPDATE volunteer_team SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE volunteer_activity SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE volunteer_post SET org_path = NEW.path WHERE org_id = NEW.id;
    UPDATE volunteer_hours SET org_path = NEW.path WHERE org_id = NEW.id;
END;
