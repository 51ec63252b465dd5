-- 0001_core: the data spine (DESIGN.md §4): the org tree, natural persons, Party members,
-- households and residents. Later areas add their own tables in later migrations.
-- tenant_id is the district-level org a row belongs to (the future distribution key).
-- is_synthetic marks generated demo rows (DATA.md DEMO-FLAG).

CREATE TABLE org (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    parent_id INTEGER REFERENCES org(id),
    path TEXT NOT NULL UNIQUE,          -- materialized path "/1/12/407/": a subtree is a range scan
    depth INTEGER NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('district', 'street', 'community_committee',
        'general_branch', 'branch', 'joint_branch', 'mobile_branch', 'group')),
    name TEXT NOT NULL,
    short_name TEXT,
    code TEXT UNIQUE,
    founded_on TEXT,
    dissolved_on TEXT,
    contact_name TEXT,
    contact_phone TEXT,
    address TEXT,
    area TEXT,                          -- the grid or area it covers
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX org_parent ON org(parent_id);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    former_name TEXT,
    gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
    ethnicity TEXT,
    birth_date TEXT,
    id_number TEXT UNIQUE,              -- 18 characters, upper-case X; NULL when unknown
    phone TEXT,
    address TEXT,
    hukou TEXT,                         -- household registration place
    education TEXT,
    name_initials TEXT,                 -- pinyin initials for search ("zs" for 张三)
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX person_name ON person(name);

CREATE TABLE member (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
    org_id INTEGER NOT NULL REFERENCES org(id),
    org_path TEXT NOT NULL,             -- copy of org.path, kept in step, for subtree scans
    status TEXT NOT NULL CHECK (status IN ('probationary', 'full', 'suspended', 'left',
        'deceased')),
    category TEXT NOT NULL CHECK (category IN ('community', 'mobile_out', 'in_service',
        'retired', 'unemployed', 'new_org', 'student', 'other')),
    joined_on TEXT,                     -- 入党日期 (admitted as probationary member)
    full_member_on TEXT,                -- 转正日期
    work_unit TEXT,
    post TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX member_org_path ON member(org_path, status, category);
CREATE INDEX member_org ON member(org_id);

CREATE TABLE member_tag (
    member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (member_id, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE household (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES org(id),   -- the community it lies in
    grid TEXT,
    building TEXT,
    unit TEXT,
    room TEXT,
    address TEXT NOT NULL,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX household_org ON household(org_id);

CREATE TABLE resident (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
    household_id INTEGER NOT NULL REFERENCES household(id),
    relation TEXT NOT NULL,             -- 户主, 配偶, 子女, 父母, 其他
    moved_in_on TEXT,
    is_synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX resident_household ON resident(household_id);
