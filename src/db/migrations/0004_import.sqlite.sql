-- 0004_import: member import jobs. One row per POST /api/members/import: who ran it, the org
-- scope it ran in (who may read it), its state and counts, the row errors as JSON and the
-- error workbook. Live progress of a running job is also kept in memory by the process
-- running it; this row has the final state.
CREATE TABLE import_job (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'members',
    user_id INTEGER,                    -- user_account id; NULL for the CLI
    org_id INTEGER NOT NULL REFERENCES org(id),
    filename TEXT,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    dry_run INTEGER NOT NULL DEFAULT 0,
    skip_invalid INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    committed INTEGER NOT NULL DEFAULT 0,
    message TEXT,                       -- zh-CN, when failed
    result TEXT,                        -- JSON: {errors:[{row,column,message}], …}
    error_file BLOB,                    -- .xlsx of the rejected rows; NULL when none
    created_at INTEGER NOT NULL,
    finished_at INTEGER
) STRICT;
CREATE INDEX import_job_org ON import_job(org_id, id);
