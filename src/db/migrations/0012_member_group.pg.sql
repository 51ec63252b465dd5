-- 0012_member_group: 党小组 membership, apart from the member's organizational relation (which
-- stays with the branch, member.org_id). A member is in at most one 党小组, a child of type
-- 'group' of the member's own org; the row goes when the member moves to another org. The
-- 党小组会 of the meetings area reads it.
CREATE TABLE member_group (
    member_id BIGINT PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL,
    group_id BIGINT NOT NULL REFERENCES org(id),
    assigned_at BIGINT NOT NULL,
    assigned_by BIGINT
);
CREATE INDEX member_group_group ON member_group(group_id);
