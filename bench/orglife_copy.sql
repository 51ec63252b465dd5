-- orglife_copy.sql: generated minutes for bench/orglife_copy.sh (which fills :n and :from): :n
-- held 主题党日 spread over the demo's branches and the 365 days from :from, each of 6 set
-- phrases (from 60 every branch writes) and 12 specific sentences (from 20,000 of 12 to 36
-- random common characters), picked by hashes of the meeting's number; every 1,000th is the
-- minutes of the meeting 500 before it with one sentence added (topic 照抄). Fictional text.
CREATE TEMP TABLE phrase (i INTEGER PRIMARY KEY, t TEXT);
INSERT INTO phrase (t) VALUES
('会议由支部书记主持。'), ('应到党员全部通知到位。'), ('首先集中学习了本月学习材料。'), ('组织委员通报了上月工作落实情况。'),
('宣传委员领学了有关文件精神。'), ('与会党员结合实际交流了学习体会。'), ('支部书记作了总结讲话。'), ('会议研究了下一阶段重点工作。'),
('大家一致同意上述安排。'), ('会议要求党员发挥先锋模范作用。'), ('纪检委员就廉洁自律提出要求。'), ('会议通报了党费收缴情况。'),
('老党员代表作了发言。'), ('在职党员代表谈了社区报到情况。'), ('流动党员通过线上方式参加。'), ('会议安排了志愿服务活动。'),
('会议听取了网格员的情况汇报。'), ('大家就居民反映的问题进行了讨论。'), ('会议明确了责任人和完成时限。'), ('会后将学习材料送至行动不便的老党员家中。'),
('支部委员会对积极分子培养情况进行了分析。'), ('会议传达了上级党委的工作部署。'), ('党小组长汇报了本组活动开展情况。'), ('会议对本季度组织生活进行了小结。'),
('大家表示要把学习成果转化为工作动力。'), ('会议审议了支部年度工作计划。'), ('会议开展了批评和自我批评。'), ('支部书记讲授了专题党课。'),
('会议观看了警示教育片。'), ('会议组织重温入党誓词。'), ('会议对困难党员慰问工作作出安排。'), ('会议研究了共建单位联系事项。'),
('会议讨论了楼道环境整治方案。'), ('会议听取了居民代表的意见建议。'), ('会议对文明实践活动进行了部署。'), ('会议强调要做好安全生产工作。'),
('会议通报了民主评议工作安排。'), ('会议要求按时完成学习任务。'), ('会议对防汛工作进行了安排。'), ('会议部署了垃圾分类宣传工作。'),
('与会人员围绕议题充分发表意见。'), ('会议形成了书面记录。'), ('会议对下月主题党日内容作了安排。'), ('支部副书记补充了有关情况。'),
('会议通报了为民办实事项目进展。'), ('会议就加装电梯协调工作进行了讨论。'), ('会议对停车管理问题提出了建议。'), ('会议组织学习了典型案例。'),
('会议对新入党员提出了希望。'), ('会议就关爱独居老人工作作出安排。'), ('会议研究了社区议事会推荐人选。'), ('会议对矛盾纠纷排查工作作了部署。'),
('会议要求及时向社区党委报告。'), ('与会党员签到后开会。'), ('会议时间约一个半小时。'), ('会议结束前再次强调了纪律要求。'),
('会议对优秀党员事迹进行了交流。'), ('会议讨论了志愿服务积分办法。'), ('会议对网上学习平台使用作了说明。'), ('会议确定了下次会议时间。');
CREATE TEMP TABLE sent (i INTEGER PRIMARY KEY, t TEXT);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 20000)
INSERT INTO sent (i, t) SELECT i, (WITH RECURSIVE c(k, x) AS (SELECT 0, '' UNION ALL
    SELECT k + 1, x || char(19968 + abs(random()) % 3500) FROM c WHERE k < 12 + (s.i * 7) % 25)
    SELECT x FROM c ORDER BY k DESC LIMIT 1) || '。' FROM s;
CREATE TEMP TABLE branch (i INTEGER PRIMARY KEY, id INTEGER, path TEXT);
INSERT INTO branch (id, path) SELECT id, path FROM org WHERE type IN ('branch', 'joint_branch') ORDER BY id;
CREATE TEMP TABLE text (i INTEGER PRIMARY KEY, t TEXT);
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < :n)
INSERT INTO text (i, t) SELECT n.k,
    (SELECT group_concat(p.t, '') FROM phrase p WHERE p.i IN (((n.k * 7919 + 3) / 97) % 60 + 1, ((n.k * 104729 + 10) / 97) % 60 + 1, ((n.k * 1299709 + 17) / 97) % 60 + 1, ((n.k * 15485863 + 24) / 97) % 60 + 1, ((n.k * 32452843 + 31) / 97) % 60 + 1, ((n.k * 49979687 + 38) / 97) % 60 + 1)) ||
    (SELECT group_concat(s.t, '') FROM sent s WHERE s.i IN (((n.k * 7919 + 3) / 97) % 20000 + 1, ((n.k * 104729 + 10) / 97) % 20000 + 1, ((n.k * 1299709 + 17) / 97) % 20000 + 1, ((n.k * 15485863 + 24) / 97) % 20000 + 1, ((n.k * 32452843 + 31) / 97) % 20000 + 1, ((n.k * 49979687 + 38) / 97) % 20000 + 1, ((n.k * 67867967 + 45) / 97) % 20000 + 1, ((n.k * 86028121 + 52) / 97) % 20000 + 1, ((n.k * 104395301 + 59) / 97) % 20000 + 1, ((n.k * 122949823 + 66) / 97) % 20000 + 1, ((n.k * 141650939 + 73) / 97) % 20000 + 1, ((n.k * 160481183 + 80) / 97) % 20000 + 1))
FROM n;
UPDATE text SET t = (SELECT t.t FROM text t WHERE t.i = text.i - 500) || '会议最后由支部书记作了补充说明。' WHERE i % 1000 = 0;
INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, minutes, is_synthetic, created_at, updated_at)
SELECT 1, b.id, b.path, 'theme_day', CASE WHEN x.i % 1000 = 0 THEN '照抄' ELSE '主题党日' END,
    date(':from', '+' || (x.i * 365 / :n) || ' days'), date(':from', '+' || (x.i * 365 / :n) || ' days') || ' 14:30',
    'held', x.t, 1, 0, 0
FROM text x JOIN branch b ON b.i = x.i % (SELECT COUNT(*) FROM branch) + 1;
