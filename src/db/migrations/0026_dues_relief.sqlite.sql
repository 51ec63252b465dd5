-- 0026_dues_relief: 少交 and 免交 of Party dues (DUES-HARDSHIP, RULES.md §6.3), forward-only.
-- dues_relief: a member's application for a reduced monthly amount ('reduce', amount_fen > 0)
-- or none at all ('exempt', amount_fen = 0) over the months from_month..to_month (YYYY-MM),
-- with the reason, the day applied and the day the 党支部委员会 agreed; the 上一级党委 (the
-- nearest committee above the member's org when applying: approver_org_id) then approves or
-- refuses it (status, decided_on, the deciding body, document number, note). The same org may
-- end an approved relief early (income recovered): to_month moves back, the month first
-- approved kept in original_to_month, with the reason, who and when. Only
-- an approved relief changes what a month expects: the ledger, arrears, 党费交至 and the
-- overpayment check read it beside the standards; an entry keeps the amount expected when it
-- was booked. Overlapping open or approved reliefs of one member are refused by the service.
CREATE TABLE dues_relief (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    approver_org_id INTEGER NOT NULL REFERENCES org(id),
    kind TEXT NOT NULL CHECK (kind IN ('reduce', 'exempt')),
    amount_fen INTEGER NOT NULL,
    from_month TEXT NOT NULL,
    to_month TEXT NOT NULL,
    reason TEXT NOT NULL,
    applied_on TEXT NOT NULL,
    branch_agreed_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
    decided_on TEXT,
    decided_body TEXT,
    doc_no TEXT,
    decision_note TEXT,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    decided_by INTEGER,
    decided_at INTEGER,
    original_to_month TEXT,
    ended_reason TEXT,
    ended_by INTEGER,
    ended_at INTEGER,
    CHECK (to_month >= from_month),
    CHECK ((kind = 'exempt' AND amount_fen = 0) OR (kind = 'reduce' AND amount_fen > 0))
) STRICT;
CREATE INDEX dues_relief_member ON dues_relief(member_id, from_month);

CREATE TRIGGER generation_dues_relief_i AFTER INSERT ON dues_relief BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'dues';
END;
CREATE TRIGGER generation_dues_relief_u AFTER UPDATE ON dues_relief BEGIN
    UPDATE generation SET n = n + 1 WHERE name = 'dues';
END;
