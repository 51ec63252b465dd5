-- 0033_deliberation: 议事协商 (issue 21): representative bodies, their rosters, composition rules
-- as rows, meetings with presence, ballots with frozen options, votes and results. Forward-only.
-- delib_rule: DELIB-PARTY-SHARE (党员代表占比须超过 num/den), DELIB-RESIDENT-MIN (居民代表不少于
-- num 名), DELIB-QUORUM (到会人数不少于名册的 num/den), chosen by the date they apply to.
-- delib_body: 社区议事会 / 街道协商议事会 of an org; delib_seat: a person (member or resident,
-- a row of person) on its roster with a role and dates.
-- delib_meeting / delib_presence: a meeting of a body and who was present (到会 or online vote).
-- delib_poll / delib_option: a ballot and its options (title, cost in fen, a generic reference
-- to another area's record). An option row carries the ballot's aggregate counters (approvals,
-- score sum, Borda points), updated in the vote's transaction: a secret ballot stores no row per
-- ballot paper, so nothing stored links a voter to a choice.
-- delib_voter: who voted on a ballot and when (the voter list), apart from the choices.
-- delib_choice: the choices of an open (non-secret) ballot, with the voter.
CREATE TABLE delib_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL CHECK (rule_id IN ('DELIB-PARTY-SHARE', 'DELIB-RESIDENT-MIN', 'DELIB-QUORUM')),
    version TEXT NOT NULL,
    num INTEGER NOT NULL CHECK (num >= 0),
    den INTEGER NOT NULL CHECK (den > 0),
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    confidence TEXT NOT NULL CHECK (confidence IN ('verified', 'secondary', 'unverified', 'local')),
    source TEXT NOT NULL
) STRICT;
INSERT INTO delib_rule (rule_id, version, num, den, valid_from, confidence, source) VALUES
    ('DELIB-PARTY-SHARE', 'delib-seed-003', 1, 2, '2000-01-01', 'secondary', '种子材料003（朝阳区麦子店街道“问政于民”）：议事代表中党员占比超过半数'),
    ('DELIB-RESIDENT-MIN', 'delib-local-2026', 3, 1, '2000-01-01', 'unverified', '本地示例：居民代表不少于3名（无统一标准，RULES.md §0.1）'),
    ('DELIB-QUORUM', 'delib-local-2026', 2, 3, '2000-01-01', 'unverified', '本地示例：到会代表不少于名册人数的三分之二方可形成有效决定（RULES.md §0.1）');

CREATE TABLE delib_body (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),
    kind TEXT NOT NULL CHECK (kind IN ('community_council', 'street_assembly')),
    name TEXT NOT NULL,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, name)
) STRICT;

CREATE TABLE delib_seat (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES delib_body(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    role TEXT NOT NULL CHECK (role IN ('npc_deputy', 'cppcc_member', 'resident_rep', 'party_rep', 'unit_rep')),
    joined_on TEXT NOT NULL,
    left_on TEXT,
    CHECK (left_on IS NULL OR left_on >= joined_on)
) STRICT;
CREATE INDEX delib_seat_body ON delib_seat(body_id, person_id);
CREATE INDEX delib_seat_person ON delib_seat(person_id);

CREATE TABLE delib_meeting (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES delib_body(id),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    agenda TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'open', 'closed')),
    roster_n INTEGER,                  -- current roster when the meeting opened
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX delib_meeting_body ON delib_meeting(body_id, held_on);

CREATE TABLE delib_presence (
    meeting_id INTEGER NOT NULL REFERENCES delib_meeting(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    how TEXT NOT NULL CHECK (how IN ('onsite', 'online')),
    PRIMARY KEY (meeting_id, person_id)
) STRICT;

CREATE TABLE delib_poll (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES delib_meeting(id),
    title TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('approval', 'score', 'borda')),
    max_choices INTEGER NOT NULL CHECK (max_choices > 0),   -- approval: up to k; borda: rank top k
    max_score INTEGER NOT NULL CHECK (max_score >= 0),       -- score: 0..max per option
    winners INTEGER NOT NULL CHECK (winners >= 0),           -- selected without a budget
    budget_fen INTEGER CHECK (budget_fen > 0),
    secret INTEGER NOT NULL CHECK (secret IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    voters INTEGER NOT NULL DEFAULT 0,
    override_ids TEXT,                                       -- option ids chosen by an admin
    override_reason TEXT,
    override_by INTEGER,
    override_at INTEGER,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX delib_poll_meeting ON delib_poll(meeting_id);

CREATE TABLE delib_option (
    id INTEGER PRIMARY KEY,
    ballot_id INTEGER NOT NULL REFERENCES delib_poll(id),
    pos INTEGER NOT NULL,
    title TEXT NOT NULL,
    cost_fen INTEGER CHECK (cost_fen >= 0),
    ref_kind TEXT,
    ref_id INTEGER,
    approvals INTEGER NOT NULL DEFAULT 0,
    score_sum INTEGER NOT NULL DEFAULT 0,
    borda_points INTEGER NOT NULL DEFAULT 0,
    UNIQUE (ballot_id, pos)
) STRICT;

CREATE TABLE delib_voter (
    ballot_id INTEGER NOT NULL REFERENCES delib_poll(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    voted_at INTEGER NOT NULL,
    PRIMARY KEY (ballot_id, person_id)
) STRICT;

CREATE TABLE delib_choice (
    ballot_id INTEGER NOT NULL REFERENCES delib_poll(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    option_id INTEGER NOT NULL REFERENCES delib_option(id),
    value INTEGER NOT NULL,
    PRIMARY KEY (ballot_id, person_id, option_id)
) STRICT;

INSERT INTO generation (id, name, n) SELECT MAX(id) + 1, 'deliberation', 1 FROM generation;
