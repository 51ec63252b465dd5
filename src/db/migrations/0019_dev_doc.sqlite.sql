-- 0019_dev_doc: an applicant's documents (发展党员材料, RULES.md §2), forward-only.
-- dev_document: a file kept with an applicant: its kind (dev_doc_kind: 入党申请书, 思想汇报,
-- 考察记录, 政审材料, 培训证书, 入党志愿书, 转正申请书, 其他), the step it belongs to (optional),
-- the date the document bears, a note, and the file itself as orglife keeps attachments: PDF,
-- PNG, JPEG or Word .docx, its type decided from the bytes when uploaded, never from the name,
-- the bytes in the row (dev.document_max_bytes) with their SHA-256. number: the 入党志愿书's
-- printed number (编号), kept on the 志愿书's row only, so it is entered once.
CREATE TABLE dev_document (
    id INTEGER PRIMARY KEY,
    applicant_id INTEGER NOT NULL REFERENCES dev_applicant(id),
    step INTEGER REFERENCES dev_step_def(step),
    kind TEXT NOT NULL CHECK (kind IN ('application', 'report', 'review', 'polreview', 'training',
        'volunteer', 'conversion', 'other')),
    doc_date TEXT NOT NULL,
    number TEXT CHECK (number IS NULL OR kind = 'volunteer'),
    note TEXT,
    file_name TEXT NOT NULL,
    file_kind TEXT NOT NULL CHECK (file_kind IN ('pdf', 'png', 'jpeg', 'docx')),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    uploaded_by INTEGER,
    uploaded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX dev_document_applicant ON dev_document(applicant_id, kind);
