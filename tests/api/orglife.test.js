// orglife.test.js: organizational life: a meeting's expected attendees come from the roster on
// its date, attendance is recorded (请假 needs a reason, only members of the branch), bad
// input is refused with nothing written, and compliance matches a count made here from the
// meetings themselves, with the frequency rule read from its row (an override doubles it).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError, PG } = require("./lib/harness");
const { demoId } = require("./lib/xlsx");

let srv, shuji, shequ, dangyuan, branch;
before(async () => {
  srv = await startServer({ demo: {} });
  [shuji, shequ, dangyuan] = await Promise.all(["shuji", "shequ", "dangyuan"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

// A date n days from today (Asia/Shanghai).
const dayOffset = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * 86400 * 1000).toISOString().slice(0, 10);
const roll = (org) => sql(srv.db, `SELECT person_id FROM member WHERE org_id = ${org} AND status IN ('probationary', 'full') ORDER BY person_id`).map(([p]) => Number(p));
const PG_TABLES = PG ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()" : "SELECT name FROM sqlite_master WHERE type = 'table'";
const meetingCount = () => Number(sql(srv.db, "SELECT COUNT(*) FROM meeting")[0][0]);

test("a meeting expects the branch's members on its date and records attendance", async () => {
  const when = `${dayOffset(-3)} 14:30`;
  const m = expectStatus(await shuji.request("POST", "/api/meetings", {
    body: { org_id: branch, type: "theme_day", topic: "学习社区治理条例", starts_at: when, place: "党群服务中心",
      agenda: [{ title: "集中学习" }, { title: "交流发言", minutes: "三名党员发言" }] },
  }), 201).json;
  assert.equal(m.status, "planned");
  assert.equal(m.type_label, "主题党日");
  assert.equal(m.starts_at, when);
  assert.deepEqual(m.agenda.map((a) => a.title), ["集中学习", "交流发言"]);
  const expected = roll(branch);
  assert.equal(m.expected_n, expected.length);
  const att = expectStatus(await shuji.request("GET", `/api/meetings/${m.id}/attendance`), 200).json.items;
  assert.deepEqual(att.map((a) => a.person_id).sort((x, y) => x - y), expected);
  assert.ok(att.every((a) => a.expected && a.status === null));

  // 请假 without a reason, a person twice, a person from another branch: refused, nothing kept.
  const [p1, p2, p3] = expected;
  const [[outsider]] = sql(srv.db, `SELECT person_id FROM member WHERE org_id <> ${branch} AND status = 'full' LIMIT 1`);
  expectError(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: [{ person_id: p1, status: "present" }, { person_id: p2, status: "leave" }] }), 400, "invalid", "/items/1/reason");
  expectError(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: [{ person_id: p1, status: "present" }, { person_id: p1, status: "absent" }] }), 400, "invalid", "/items/1/person_id");
  expectError(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: [{ person_id: Number(outsider), status: "present" }] }), 400, "invalid", "/items/0/person_id");
  expectError(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: { items: [{ person_id: p1, status: "came" }] } }), 400, "invalid", "/items/0/status");
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = ${m.id} AND status IS NOT NULL`)[0][0], "0");

  const done = expectStatus(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, {
    body: [{ person_id: p1, status: "present" }, { person_id: p2, status: "leave", reason: "　外地出差　", leave_approved: true },
      { person_id: p3, status: "delivered", reason: "年高行动不便" }],
  }), 200).json.items;
  const byPerson = Object.fromEntries(done.map((a) => [a.person_id, a]));
  assert.equal(byPerson[p1].status_label, "出席");
  assert.equal(byPerson[p2].reason, "外地出差");
  assert.equal(byPerson[p2].leave_approved, true);
  const after1 = expectStatus(await shuji.request("GET", `/api/meetings/${m.id}`), 200).json;
  assert.deepEqual([after1.status, after1.present_n, after1.leave_n, after1.delivered_n, after1.absent_n], ["held", 1, 1, 1, 0]);
  const [[action, target]] = sql(srv.db, `SELECT action, target_id FROM audit ORDER BY id DESC LIMIT 1`);
  assert.deepEqual([action, Number(target)], ["meeting.attendance", m.id]);

  // The member sees it among their own meetings when they were expected.
  const mine = expectStatus(await dangyuan.request("GET", "/api/me/meetings?size=200"), 200).json;
  const me = dangyuan.session.user.person_id;
  assert.equal(mine.items.some((x) => x.id === m.id), expected.includes(me));
});

test("我的会议 says how the member attended each meeting", async () => {
  const me = dangyuan.session.user.person_id;
  const m = expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "lecture", topic: "专题党课", starts_at: `${dayOffset(-1)} 19:00` } }), 201).json;
  const planned = expectStatus(await dangyuan.request("GET", "/api/me/meetings?size=200"), 200).json.items.find((x) => x.id === m.id);
  assert.equal(planned.my_status, undefined, "nothing recorded yet");
  expectStatus(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: [{ person_id: me, status: "online" }] }), 200);
  const row = expectStatus(await dangyuan.request("GET", "/api/me/meetings?size=200"), 200).json.items.find((x) => x.id === m.id);
  assert.deepEqual([row.my_status, row.my_status_label], ["online", "线上参会"]);
});

test("a member who joined the branch after the meeting date is not expected at it", async () => {
  const [[mid, pid]] = sql(srv.db, `SELECT id, person_id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id DESC LIMIT 1`);
  const [[other]] = sql(srv.db, `SELECT id FROM org WHERE type = 'branch' AND id <> ${branch} AND path LIKE (SELECT path FROM org WHERE id = ${branch}) || '%' OR (type = 'branch' AND id <> ${branch} AND parent_id = (SELECT parent_id FROM org WHERE id = ${branch})) LIMIT 1`);
  sql(srv.db, `INSERT INTO member_event (tenant_id, member_id, kind, effective_on, old_value, new_value, created_at) VALUES (1, ${mid}, 'org', '${dayOffset(-10)}', '${other}', '${branch}', 0)`);
  const before = expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "party_congress", topic: "季度党员大会", starts_at: `${dayOffset(-20)} 15:00` } }), 201).json;
  const afterMove = expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "party_congress", topic: "季度党员大会（二）", starts_at: `${dayOffset(-5)} 15:00` } }), 201).json;
  const who = async (id) => expectStatus(await shuji.request("GET", `/api/meetings/${id}/attendance`), 200).json.items.map((a) => a.person_id);
  assert.ok(!(await who(before.id)).includes(Number(pid)), "not yet in the branch 20 days ago");
  assert.ok((await who(afterMove.id)).includes(Number(pid)), "in the branch 5 days ago");
  // A date change recomputes the list.
  expectStatus(await shuji.request("PATCH", `/api/meetings/${before.id}`, { body: { starts_at: `${dayOffset(-4)} 15:00` } }), 200);
  assert.ok((await who(before.id)).includes(Number(pid)));
  sql(srv.db, `DELETE FROM member_event WHERE member_id = ${mid} AND kind = 'org' AND created_at = 0 AND effective_on = '${dayOffset(-10)}'`);
});

test("bad meetings are refused with the field named and nothing written", async () => {
  const n = meetingCount();
  const base = { org_id: branch, type: "theme_day", topic: "主题党日", starts_at: `${dayOffset(-1)} 09:00` };
  expectError(await shuji.request("POST", "/api/meetings", { body: { ...base, starts_at: "明天下午" } }), 400, "invalid", "/starts_at");
  expectError(await shuji.request("POST", "/api/meetings", { body: { ...base, ends_at: `${dayOffset(-1)} 08:00` } }), 400, "invalid", "/ends_at");
  expectError(await shuji.request("POST", "/api/meetings", { body: { ...base, starts_at: `${dayOffset(3)} 09:00`, status: "held" } }), 400, "invalid", "/status");
  expectError(await shuji.request("POST", "/api/meetings", { body: { ...base, type: "group" } }), 400, "invalid", "/type");
  expectError(await shuji.request("POST", "/api/meetings", { body: { ...base, type: "custom" } }), 400, "invalid", "/custom_type");
  expectError(await shuji.request("POST", "/api/meetings", { body: { ...base, minutes: "记".repeat(20001) } }), 400, "invalid", "/minutes");
  const [[outsider]] = sql(srv.db, `SELECT person_id FROM member WHERE org_id <> ${branch} AND status = 'full' LIMIT 1`);
  expectError(await shuji.request("POST", "/api/meetings", { body: { ...base, host_person_id: Number(outsider) } }), 400, "invalid", "/host_person_id");
  const [[dissolved, on]] = sql(srv.db, "SELECT id, dissolved_on FROM org WHERE dissolved_on IS NOT NULL AND type <> 'group' ORDER BY id LIMIT 1");
  const admin = await login(srv, "admin");
  expectError(await admin.request("POST", "/api/meetings", { body: { ...base, org_id: Number(dissolved), starts_at: `${on} 10:00` } }), 409, "conflict", "/starts_at");
  assert.equal(meetingCount(), n);
  // Typed the way people type: full-width digits and colon, a T, seconds.
  const ok = expectStatus(await shuji.request("POST", "/api/meetings", { body: { ...base, starts_at: "２０２６-０１-０５　１４：３０" } }), 201).json;
  assert.equal(ok.starts_at, "2026-01-05 14:30");
  const t = expectStatus(await shuji.request("POST", "/api/meetings", { body: { ...base, starts_at: "2026-01-06T09:05:00" } }), 201).json;
  assert.equal(t.starts_at, "2026-01-06 09:05");
});

test("compliance matches a count of the branch's meetings, with the rule from its row", async () => {
  const from = `${today().slice(0, 4)}-01-01`, to = today();
  const items = expectStatus(await shequ.request("GET", `/api/orglife/compliance?from=${from}&to=${to}`), 200).json.items;
  const theme = items.find((i) => i.org_id === branch && i.type === "theme_day");
  assert.equal(theme.rule_id, "LIFE-ZHUTI");
  const [[founded]] = sql(srv.db, `SELECT COALESCE(founded_on, '') FROM org WHERE id = ${branch}`);
  const firstMonth = founded > from ? founded.slice(0, 7) : from.slice(0, 7);
  const months = [];
  for (let y = Number(firstMonth.slice(0, 4)), mo = Number(firstMonth.slice(5)); `${y}-${String(mo).padStart(2, "0")}` <= to.slice(0, 7); mo === 12 ? (y++, mo = 1) : mo++)
    months.push(`${y}-${String(mo).padStart(2, "0")}`);
  const held = Object.fromEntries(sql(srv.db, `SELECT substr(meets_on, 1, 7), COUNT(*) FROM meeting WHERE org_id = ${branch} AND type = 'theme_day' AND status = 'held' AND meets_on BETWEEN '${from}' AND '${to}' GROUP BY 1`).map(([k, v]) => [k, Number(v)]));
  const current = to.slice(0, 7);
  assert.equal(theme.expected, months.length);
  assert.equal(theme.held, Object.values(held).reduce((a, b) => a + b, 0));
  assert.equal(theme.overdue, months.filter((m) => m < current && !held[m]).length);
  // The attendance rate is present (出席 + 线上) over expected of the meetings recorded.
  const [[pres, exp]] = sql(srv.db, `SELECT SUM(present_n), SUM(expected_n) FROM meeting WHERE org_id = ${branch} AND type = 'theme_day' AND status = 'held' AND meets_on BETWEEN '${from}' AND '${to}' AND present_n + leave_n + absent_n + delivered_n > 0`);
  assert.ok(Math.abs(theme.attendance_rate - Number(pres) / Number(exp)) < 0.001);

  // No committee in office: no 支委会 item (ORG-NO-COMMITTEE); with one: an item.
  const committees = new Set(items.filter((i) => i.type === "committee").map((i) => i.org_id));
  const posts = sql(srv.db, `SELECT o.id, (SELECT COUNT(*) FROM org_post p WHERE p.org_id = o.id AND p.ended_on IS NULL) FROM org o WHERE o.type = 'branch' AND o.dissolved_on IS NULL AND o.path LIKE (SELECT path FROM org WHERE id = ${shequ.session.grants[0].org_id}) || '%'`);
  for (const [id, n] of posts) assert.equal(committees.has(Number(id)), Number(n) >= 3, `branch ${id} with ${n} posts`);

  // A stricter local rule for this branch from January (a row, not code): twice a month.
  sql(srv.db, `INSERT INTO orglife_rule (rule_id, rule_set, type, period, min_count, org_types, org_id, valid_from, confidence, source, created_at) VALUES ('LIFE-ZHUTI', 'local-test', 'theme_day', 'month', 2, ',branch,', ${branch}, '${from}', 'local', '测试', 0)`);
  const strict = expectStatus(await shequ.request("GET", `/api/orglife/compliance?from=${from}&to=${to}`), 200).json.items;
  assert.equal(strict.find((i) => i.org_id === branch && i.type === "theme_day").expected, 2 * months.length);
  const other = strict.find((i) => i.org_id !== branch && i.type === "theme_day");
  assert.equal(other.expected, items.find((i) => i.org_id === other.org_id && i.type === "theme_day").expected);
  sql(srv.db, "DELETE FROM orglife_rule WHERE rule_set = 'local-test'");

  expectError(await shequ.request("GET", `/api/orglife/compliance?from=${to}&to=${from}`), 400, "invalid", "/to");
  expectError(await shequ.request("GET", "/api/orglife/compliance?from=2020-01-01&to=2026-12-31"), 400, "invalid", "/to");
});

test("the demo street has a year of meetings with some branches behind", async () => {
  const from = `${Number(today().slice(0, 4)) - 1}-01-01`, to = `${Number(today().slice(0, 4)) - 1}-12-31`;
  const items = expectStatus(await shequ.request("GET", `/api/orglife/compliance?from=${from}&to=${to}`), 200).json.items;
  const theme = items.filter((i) => i.type === "theme_day");
  assert.ok(theme.length > 5);
  assert.ok(theme.some((i) => i.overdue > 0), "some branch fell behind");
  assert.ok(theme.filter((i) => i.overdue === 0).length > theme.length / 2, "most kept up");
  assert.ok(theme.every((i) => i.attendance_rate > 0.5 && i.attendance_rate <= 1));
});

// Minutes of one branch; a near copy changes only the branch, the date and a few words; an
// honest record on the same topic is written in its own words (fictional texts).
const MINUTES = "十一月十二日下午，第一党支部在党群服务中心召开主题党日活动，集中学习党的二十届三中全会精神。" +
  "支部书记领学了全会公报的主要内容，重点讲解了进一步全面深化改革的总目标和重大原则。" +
  "与会党员结合社区老旧小区改造、加装电梯和停车难等居民关心的问题交流了学习体会。" +
  "老党员王某某说，改革要让群众看得见、摸得着，支部要多听楼栋居民的意见。" +
  "会议决定，本月由组织委员牵头，分三个小组入户走访，收集居民对加装电梯的意见建议，月底前形成清单报社区党委。";
const COPY = MINUTES.replace("第一党支部", "第三党支部").replace("十一月十二日", "十一月十五日").replace("老党员王某某", "老党员李某某").replace("分三个小组", "分两个小组");
const HONEST = "本月主题党日，我们第二党支部围绕二十届三中全会精神开展学习。先由宣传委员播放了解读视频，" +
  "随后大家分组讨论：退休党员关心养老服务站的开放时间，在职党员建议把学习安排到周末晚上。" +
  "书记总结时提出，学全会精神要落到为居民办实事上，下月重点解决三号楼化粪池堵塞问题，由网格党员跟进。";

test("copied minutes are flagged with the shared passage; an honest record on the topic is not", async () => {
  const branches = sql(srv.db, `SELECT id FROM org WHERE type = 'branch' AND dissolved_on IS NULL AND path LIKE (SELECT path FROM org WHERE id = ${shequ.session.grants[0].org_id}) || '%' ORDER BY id LIMIT 3`).map(([id]) => Number(id));
  const make = async (org, minutes, day) => expectStatus(await shequ.request("POST", "/api/meetings", {
    body: { org_id: org, type: "theme_day", topic: "学习党的二十届三中全会精神", starts_at: `${dayOffset(day)} 14:00`, minutes } }), 201).json;
  const original = await make(branches[0], MINUTES, -9);
  const honest = await make(branches[1], HONEST, -8);
  const copy = await make(branches[2], COPY, -7);
  const items = expectStatus(await shequ.request("GET", "/api/orglife/copy-suspects"), 200).json.items;
  const pairs = items.map((i) => [i.meeting_id, i.matches_meeting_id]);
  const hit = items.find((i) => i.meeting_id === copy.id && i.matches_meeting_id === original.id);
  assert.ok(hit, `the copy is flagged against the original: ${JSON.stringify(pairs)}`);
  assert.ok(hit.similarity >= 0.5, `similarity ${hit.similarity}`);
  assert.ok(hit.passage.length >= 40 && COPY.includes(hit.passage) && MINUTES.includes(hit.passage.replace(/十一月十五日/, "十一月十二日")),
    `the shared passage is shown as the copy has it: ${hit.passage}`);
  assert.ok(!pairs.some(([a, b]) => [a, b].includes(honest.id)), "the honest record is not flagged");
  // Rewriting the copy in its own words clears the pair.
  expectStatus(await shequ.request("PATCH", `/api/meetings/${copy.id}`, { body: { minutes: HONEST.replace("第二党支部", "第三党支部").split("").reverse().join("") } }), 200);
  const after2 = expectStatus(await shequ.request("GET", "/api/orglife/copy-suspects"), 200).json.items;
  assert.ok(!after2.some((i) => i.meeting_id === copy.id || i.matches_meeting_id === copy.id));
});

test("the demo's two branches with the same downloaded minutes are flagged", async () => {
  const jiedao = await login(srv, "jiedao");
  const items = expectStatus(await jiedao.request("GET", "/api/orglife/copy-suspects"), 200).json.items;
  const demo = items.filter((i) => i.similarity === 1);
  assert.ok(demo.length >= 1, JSON.stringify(items.slice(0, 3)));
  assert.ok(demo[0].passage.includes("会议传达学习了上级有关文件精神"));
  assert.notEqual(demo[0].org_name, demo[0].matches_org_name);
});

test("votes: N excludes 预备党员 and the excluded; quorum and pass are computed; a secret ballot is not linked to its voter", async () => {
  const me = dangyuan.session.user.person_id;
  const full = sql(srv.db, `SELECT person_id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY person_id`).map(([p]) => Number(p));
  const prob = expectStatus(await shuji.request("POST", "/api/members", { body: { name: "预备甲", id_number: demoId("19950101", "531"), org_id: branch, status: "probationary", joined_on: dayOffset(-200) } }), 201).json.person_id;
  assert.ok(full.includes(me) && full.length >= 7, `the branch has ${full.length} full members`);
  const meeting = async (day) => expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "party_congress", topic: "接收预备党员", starts_at: `${dayOffset(day)} 15:00` } }), 201).json;
  const attend = async (m, present) => expectStatus(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, {
    body: full.map((p) => (present.includes(p) ? { person_id: p, status: "present" } : { person_id: p, status: "absent" })) }), 200);

  // Not every meeting votes; a vote needs a held meeting to close.
  const theme = expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "theme_day", topic: "主题党日", starts_at: `${dayOffset(-2)} 09:00` } }), 201).json;
  expectError(await shuji.request("POST", `/api/meetings/${theme.id}/votes`, { body: { subject: "表决", kind: "decision", method: "open" } }), 409, "conflict");

  // Most present, one excluded (abroad): N = full members − 1.
  const m1 = await meeting(-6);
  const away = full.find((p) => p !== me);
  const v1 = expectStatus(await shuji.request("POST", `/api/meetings/${m1.id}/votes`, {
    body: { subject: "接收张某为预备党员", kind: "admission", method: "secret", excluded: [{ person_id: away, reason: "出国（境）学习" }] } }), 201).json.items[0];
  assert.equal(v1.expected_n, full.length - 1);
  expectError(await shuji.request("POST", `/api/meetings/${m1.id}/votes`, { body: { subject: "表决", kind: "admission", method: "secret", excluded: [{ person_id: Number(prob), reason: "预备期" }] } }), 400, "invalid", "/excluded/0/person_id");
  const present = full.filter((p) => p !== away).slice(0, Math.floor((full.length - 1) / 2) + 1);
  if (!present.includes(me)) present[present.length - 1] = me;
  await attend(m1, present);

  // The voter's own secret ballot: counted, stored without the choice; once only.
  expectStatus(await dangyuan.request("POST", `/api/me/votes/${v1.id}/ballot`, { body: { choice: "yes", how: "present" } }), 201);
  expectError(await dangyuan.request("POST", `/api/me/votes/${v1.id}/ballot`, { body: { choice: "no", how: "present" } }), 409, "conflict", "/person_id");
  assert.deepEqual(sql(srv.db, `SELECT person_id, how, COALESCE(choice, '-') FROM meeting_voter WHERE vote_id = ${v1.id}`), [[String(me), "present", "-"]]);
  // Nothing else stores a ballot: no table holds the vote's id with a choice beside the tallies.
  const tables = sql(srv.db, PG_TABLES).map(([t]) => t);
  assert.ok(!tables.some((t) => /ballot/.test(t)), `no ballot table: ${tables}`);
  // A cadre cannot cast someone's secret ballot, nor a 预备党员's; a written opinion of an absent voter is signed.
  const other = present.find((p) => p !== me);
  expectError(await shuji.request("POST", `/api/meetings/${m1.id}/votes/${v1.id}/ballots`, { body: { person_id: other, choice: "yes", how: "present" } }), 409, "conflict", "/person_id");
  expectError(await shuji.request("POST", `/api/meetings/${m1.id}/votes/${v1.id}/ballots`, { body: { person_id: Number(prob), choice: "yes", how: "written" } }), 400, "invalid", "/person_id");
  const absent = full.find((p) => p !== away && !present.includes(p));
  const afterWritten = expectStatus(await shuji.request("POST", `/api/meetings/${m1.id}/votes/${v1.id}/ballots`, { body: { person_id: absent, choice: "yes", how: "written" } }), 201).json.items[0];
  assert.deepEqual([afterWritten.yes_n, afterWritten.written_n], [2, 1]);
  assert.equal(afterWritten.voters.find((x) => x.person_id === absent).choice, "yes");
  assert.equal(afterWritten.voters.find((x) => x.person_id === me).choice, null);
  // Paper tallies are refused once a voter voted electronically.
  expectError(await shuji.request("PUT", `/api/meetings/${m1.id}/votes/${v1.id}/tally`, { body: { yes: 1, no: 0, abstain: 0 } }), 409, "conflict");
  // Only 2 yes of N: quorum met, not passed.
  const c1 = expectStatus(await shuji.request("POST", `/api/meetings/${m1.id}/votes/${v1.id}/close`), 200).json.items[0];
  assert.equal(c1.present_n, present.length);
  assert.deepEqual([c1.result, c1.quorum_rule, c1.pass_rule], [full.length - 1 >= 4 ? "rejected" : "passed", "VOTE-QUORUM", "VOTE-PASS"]);
  expectError(await dangyuan.request("POST", `/api/me/votes/${v1.id}/ballot`, { body: { choice: "yes", how: "present" } }), 409, "conflict");

  // Paper ballots: more ballots than voting members present are refused; a majority of N passes.
  const v2 = expectStatus(await shuji.request("POST", `/api/meetings/${m1.id}/votes`, { body: { subject: "接收李某为预备党员", kind: "admission", method: "secret" } }), 201).json.items[1];
  assert.equal(v2.expected_n, full.length);
  expectError(await shuji.request("PUT", `/api/meetings/${m1.id}/votes/${v2.id}/tally`, { body: { yes: present.length + 1, no: 0, abstain: 0 } }), 409, "conflict", "/yes");
  const yes = Math.floor(full.length / 2) + 1;
  if (present.length >= yes) {
    expectStatus(await shuji.request("PUT", `/api/meetings/${m1.id}/votes/${v2.id}/tally`, { body: { yes, no: present.length - yes, abstain: 0 } }), 200);
    const c2 = expectStatus(await shuji.request("POST", `/api/meetings/${m1.id}/votes/${v2.id}/close`), 200).json.items[1];
    assert.equal(c2.result, present.length * 2 > full.length ? "passed" : "failed_quorum");
  }

  // Too few present: the vote fails quorum whatever the ballots say (worked example of §2.4).
  const m3 = await meeting(-4);
  const few = full.slice(0, Math.floor(full.length / 2));
  await attend(m3, few);
  const v3 = expectStatus(await shuji.request("POST", `/api/meetings/${m3.id}/votes`, { body: { subject: "议事决定", kind: "decision", method: "open" } }), 201).json.items[0];
  for (const p of few) expectStatus(await shuji.request("POST", `/api/meetings/${m3.id}/votes/${v3.id}/ballots`, { body: { person_id: p, choice: "yes", how: "present" } }), 201);
  const c3 = expectStatus(await shuji.request("POST", `/api/meetings/${m3.id}/votes/${v3.id}/close`), 200).json.items[0];
  assert.deepEqual([c3.result, c3.result_label, c3.present_n, c3.yes_n], ["failed_quorum", "到会人数不足", few.length, few.length]);

  // Closing needs a held meeting.
  const m4 = await meeting(5);
  const v4 = expectStatus(await shuji.request("POST", `/api/meetings/${m4.id}/votes`, { body: { subject: "议事决定", kind: "decision", method: "open" } }), 201).json.items[0];
  expectError(await shuji.request("POST", `/api/meetings/${m4.id}/votes/${v4.id}/close`), 409, "conflict");
});

test("我的表决: a member sees the open secret votes they hold a vote in, whether they are present and voted, never their choice", async () => {
  const me = dangyuan.session.user.person_id;
  const full = sql(srv.db, `SELECT person_id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY person_id`).map(([p]) => Number(p));
  const m = expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "party_congress", topic: "表决列表", starts_at: `${dayOffset(-1)} 15:00` } }), 201).json;
  const open = async (body) => expectStatus(await shuji.request("POST", `/api/meetings/${m.id}/votes`, { body }), 201).json.items.at(-1);
  const mine = async () => expectStatus(await dangyuan.request("GET", "/api/me/votes"), 200).json.items.filter((v) => v.meeting_id === m.id);
  const secret = await open({ subject: "接收王某为预备党员", kind: "admission", method: "secret" });
  await open({ subject: "不计入本人", kind: "decision", method: "secret", excluded: [{ person_id: me, reason: "外出务工" }] });
  await open({ subject: "举手表决事项", kind: "decision", method: "open" });

  // Only the secret vote the member holds a vote in; not present yet, so not castable.
  let items = await mine();
  assert.deepEqual(items.map((v) => [v.id, v.subject, v.kind_label, v.topic, v.present, v.voted]), [[secret.id, "接收王某为预备党员", "接收预备党员", "表决列表", false, false]]);
  expectError(await dangyuan.request("POST", `/api/me/votes/${secret.id}/ballot`, { body: { choice: "yes", how: "present" } }), 409, "conflict", "/how");

  expectStatus(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: full.map((p) => ({ person_id: p, status: "present" })) }), 200);
  items = await mine();
  assert.deepEqual([items[0].present, items[0].voted], [true, false]);
  expectStatus(await dangyuan.request("POST", `/api/me/votes/${secret.id}/ballot`, { body: { choice: "no", how: "present" } }), 201);
  items = await mine();
  assert.deepEqual([items[0].present, items[0].voted], [true, true]);
  assert.ok(!JSON.stringify(items[0]).includes('"no"') && !("choice" in items[0]), JSON.stringify(items[0]));

  // A closed vote is no longer listed; a person with no roll entry sees nothing.
  expectStatus(await shuji.request("POST", `/api/meetings/${m.id}/votes/${secret.id}/close`), 200);
  assert.deepEqual(await mine(), []);
  const shequMine = expectStatus(await shequ.request("GET", "/api/me/votes"), 200).json.items;
  assert.ok(shequMine.every((v) => v.meeting_id !== m.id));
});

test("before a meeting starts only 请假 can be recorded, and it stays planned", async () => {
  const m = expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "theme_day", topic: "下月主题党日", starts_at: `${dayOffset(6)} 14:30` } }), 201).json;
  const [p1, p2] = roll(branch);
  expectError(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: [{ person_id: p1, status: "leave", reason: "出差" }, { person_id: p2, status: "present" }] }), 409, "conflict", "/items/1/status");
  expectStatus(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: [{ person_id: p1, status: "leave", reason: "出差", leave_approved: true }] }), 200);
  const after = expectStatus(await shuji.request("GET", `/api/meetings/${m.id}`), 200).json;
  assert.deepEqual([after.status, after.leave_n, after.present_n], ["planned", 1, 0]);
});

test("compliance by child sums the branches under each community of the street", async () => {
  const jiedao = await login(srv, "jiedao");
  const from = `${today().slice(0, 4)}-01-01`, to = today();
  const branches = expectStatus(await jiedao.request("GET", `/api/orglife/compliance?from=${from}&to=${to}`), 200).json.items;
  const sums = expectStatus(await jiedao.request("GET", `/api/orglife/compliance?from=${from}&to=${to}&by=child`), 200).json.items;
  const paths = Object.fromEntries(sql(srv.db, "SELECT id, path FROM org").map(([id, p]) => [Number(id), p]));
  assert.ok(sums.length > 0);
  for (const s of sums) {
    const under = branches.filter((b) => b.type === s.type && paths[b.org_id].startsWith(paths[s.org_id]));
    assert.deepEqual([s.branches, s.expected, s.held, s.overdue, s.behind],
      [under.length, ...["expected", "held", "overdue"].map((k) => under.reduce((t, b) => t + b[k], 0)), under.filter((b) => b.overdue > 0).length],
      `${s.org_name} ${s.type}`);
  }
  assert.equal(sums.reduce((t, s) => t + s.branches, 0), branches.length);
});

test("an org moved to another community takes its meetings along in subtree lists", async () => {
  const community = shequ.session.grants[0].org_id;
  const [[other]] = sql(srv.db, `SELECT id FROM org WHERE type = 'community_committee' AND id <> ${community} AND dissolved_on IS NULL ORDER BY id LIMIT 1`);
  const [[moving]] = sql(srv.db, `SELECT id FROM org WHERE parent_id = ${community} AND type = 'branch' AND dissolved_on IS NULL AND id <> ${branch} ORDER BY id DESC LIMIT 1`);
  const m = expectStatus(await shequ.request("POST", "/api/meetings", { body: { org_id: Number(moving), type: "theme_day", topic: "迁移前的主题党日", starts_at: `${dayOffset(-3)} 10:00` } }), 201).json;
  const admin = await login(srv, "admin");
  expectStatus(await admin.request("POST", `/api/orgs/${moving}/events`, { body: { kind: "move", effective_on: today(), new_parent_id: Number(other) } }), 201);
  const list = async (org) => expectStatus(await admin.request("GET", `/api/meetings?org=${org}&size=200&from=${dayOffset(-3)}&to=${dayOffset(-3)}`), 200).json.items.map((x) => x.id);
  assert.ok((await list(other)).includes(m.id), "listed under the new community");
  assert.ok(!(await list(community)).includes(m.id), "no longer under the old one");
});
