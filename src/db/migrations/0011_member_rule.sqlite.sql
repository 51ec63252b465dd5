-- 0011_member_rule: versioned rule rows of the members area (DESIGN.md §4, like org_rule), chosen
-- by the date of the event checked (valid_from <= date < valid_to): DEV-PROB-END, the 预备期 is
-- 12 months from the 支部大会 resolution (the member's joined_on), after which a 预备党员 not yet
-- converted is a finding. And 学历 in one vocabulary: the stored words of the old import,
-- template and demo (本科, 大专, 硕士研究生 …) become the national standard's wording the form
-- uses (members_codes.c MEMBER_EDUCATIONS), so statistics do not split; the counters follow
-- through the person update triggers of 0009.
CREATE TABLE member_rule (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,              -- RULES.md ID, "DEV-PROB-END"
    rule_set TEXT NOT NULL,             -- "dangzhang"
    months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 120),
    severity TEXT NOT NULL,             -- RULES.md §0.2: computed, warn, ...
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL DEFAULT '9999-12-31',
    source TEXT NOT NULL,
    UNIQUE (rule_id, valid_from)
) STRICT;
INSERT INTO member_rule (rule_id, rule_set, months, severity, valid_from, source) VALUES
    ('DEV-PROB-END', 'dangzhang', 12, 'computed', '1900-01-01',
     'RULES.md DEV-PROB-END: 党章第七条; 细则第三十二条');

UPDATE person SET education = CASE education
    WHEN '博士' THEN '研究生'
    WHEN '博士研究生' THEN '研究生'
    WHEN '硕士' THEN '研究生'
    WHEN '硕士研究生' THEN '研究生'
    WHEN '研究生学历' THEN '研究生'
    WHEN '本科' THEN '大学本科'
    WHEN '大本' THEN '大学本科'
    WHEN '大学' THEN '大学本科'
    WHEN '专科' THEN '大学专科'
    WHEN '大专' THEN '大学专科'
    WHEN '高职' THEN '大学专科'
    WHEN '中等专科' THEN '中专'
    WHEN '中等专业学校' THEN '中专'
    WHEN '中职' THEN '中专'
    WHEN '技校' THEN '中专'
    WHEN '技工学校' THEN '中专'
    WHEN '职高' THEN '中专'
    WHEN '职业高中' THEN '中专'
    WHEN '普通高中' THEN '高中'
    WHEN '高级中学' THEN '高中'
    WHEN '初级中学' THEN '初中'
    WHEN '小学' THEN '小学及以下'
    WHEN '小学以下' THEN '小学及以下'
    WHEN '文盲' THEN '小学及以下'
    WHEN '半文盲' THEN '小学及以下'
    WHEN '文盲或半文盲' THEN '小学及以下'
    ELSE education END
WHERE education IN ('博士', '博士研究生', '硕士', '硕士研究生', '研究生学历', '本科', '大本', '大学', '专科', '大专', '高职', '中等专科', '中等专业学校', '中职', '技校', '技工学校', '职高', '职业高中', '普通高中', '高级中学', '初级中学', '小学', '小学以下', '文盲', '半文盲', '文盲或半文盲');
