-- 0008_member_card: the 党员联系卡, what a member offers the residents they serve: service
-- skills (服务专长), a public pledge (服务承诺), the households they keep in touch with (联系户)
-- and when they can be reached (服务时间). One row per member, absent until first filled;
-- phone and address stay on person (entered once, masked there).
CREATE TABLE member_card (
    member_id BIGINT PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
    skills TEXT NOT NULL DEFAULT '',
    pledge TEXT NOT NULL DEFAULT '',
    households TEXT NOT NULL DEFAULT '',
    service_time TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES user_account(id)
);
