// volunteer.test.js: volunteer service (志愿服务, issue 22) over the API on the demo street: an
// activity from publication to completed hours (sign-up, waitlist and automatic promotion,
// check-in and check-out through the one transition table, the yearly record and its numbered
// certificate), a concurrent sign-up race that never over-books, a self-logged hour approved
// and one refused for overlap, bad input refused in zh-CN with nothing written, a post claimed
// (and claimed twice refused) with its record card, and points and commendation candidates
// computed from fixture records in a group of their own and checked by hand.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError } = require("./lib/harness");
const { readXlsx } = require("./lib/xlsx");

let srv, shequ, shuji, dangyuan, branch, community, me, mates;
before(async () => {
  srv = await startServer({ demo: {} });
  [shequ, shuji, dangyuan] = await Promise.all(["shequ", "shuji", "dangyuan"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
  community = shequ.session.grants[0].org_id;
  me = Number(sql(srv.db, "SELECT person_id FROM user_account WHERE username = 'dangyuan'")[0][0]);
  mates = sql(srv.db, `SELECT person_id FROM member WHERE org_id = ${branch} AND status = 'full' AND person_id <> ${me} ORDER BY id LIMIT 14`).map((r) => Number(r[0]));
});
after(async () => { await srv.stop(); });

const count = (q) => Number(sql(srv.db, q)[0][0]);
// A day n days from today (Asia/Shanghai) at hh:mm, as the API takes times.
function at(n, hm) {
  const d = new Date(Date.parse(`${today()}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
  return `${d} ${hm}`;
}
const minutes = (t) => Date.parse(`${t.replace(" ", "T")}:00Z`) / 60000;
// Time passes: the activity's slot moves to [start, end) (it was published for the future).
function reschedule(id, start, end) {
  sql(srv.db, `UPDATE volunteer_activity SET starts_at = '${start}', ends_at = '${end}', start_min = ${minutes(start)}, end_min = ${minutes(end)} WHERE id = ${id}`);
}
async function publish(who, body) {
  return expectStatus(await who.request("POST", "/api/volunteer/activities", { body: { title: "楼道清洁志愿服务", place: "幸福里小区3号楼", starts_at: at(3, "09:00"), ends_at: at(3, "11:00"), capacity: 2, ...body } }), 201).json.id;
}
const signup = (who, id, person) => who.request("POST", `/api/volunteer/activities/${id}/signups`, { body: person ? { person_id: person } : {} });
const act = (who, signupId, action) => who.request("POST", `/api/volunteer/signups/${signupId}/actions`, { body: { action } });
const roster = async (id) => expectStatus(await shuji.request("GET", `/api/volunteer/activities/${id}`), 200).json;

test("an activity from publication to completed hours: waitlist, promotion, check-in/out, record, certificate", async () => {
  const id = await publish(shuji, { org_id: branch, skills: "清扫" });
  const mine = expectStatus(await signup(dangyuan, id), 201).json;
  assert.equal(mine.status, "signed");
  assert.equal(mine.person_id, me);
  expectError(await signup(dangyuan, id), 409, "conflict", "/person_id");
  const second = expectStatus(await signup(shuji, id, mates[0]), 201).json;
  assert.equal(second.status, "signed");
  const third = expectStatus(await signup(shuji, id, mates[1]), 201).json;
  assert.equal(third.status, "waitlist");
  assert.equal(third.status_label, "候补");
  let r = await roster(id);
  assert.equal(r.taken, 2);
  assert.equal(r.waiting, 1);
  // The member may cancel their own sign-up, not check in; the freed seat goes to the waitlist.
  expectError(await act(dangyuan, mine.id, "checkin"), 403, "forbidden", "/action");
  assert.equal(expectStatus(await act(dangyuan, mine.id, "cancel"), 200).json.status, "cancelled");
  r = await roster(id);
  assert.deepEqual(r.signups.map((s) => [s.person_id, s.status]), [[me, "cancelled"], [mates[0], "signed"], [mates[1], "signed"]]);
  assert.equal(count(`SELECT COUNT(*) FROM volunteer_signup_event WHERE signup_id = ${third.id} AND action = 'promote'`), 1);
  // Signing up again after cancelling: the activity is full, so the waitlist.
  assert.equal(expectStatus(await signup(dangyuan, id), 201).json.status, "waitlist");
  // The transition table refuses what it does not list.
  expectError(await act(shuji, second.id, "checkout"), 409, "conflict", "/action");
  expectStatus(await act(shuji, second.id, "checkin"), 200);
  expectError(await act(shuji, second.id, "checkin"), 409, "conflict", "/action");
  expectError(await act(shuji, second.id, "checkout"), 400, "invalid", "/action"); // not started yet
  // Started but not over: check-out would record time not yet served.
  reschedule(id, at(-1, "09:00"), at(1, "11:00"));
  assert.match(expectError(await act(shuji, second.id, "checkout"), 400, "invalid", "/action").message, /尚未结束/);
  // A person from another community cannot be signed up here (404, as if absent).
  const stranger = Number(sql(srv.db, `SELECT m.person_id FROM member m JOIN org o ON o.id = m.org_id WHERE m.status = 'full' AND o.type = 'branch' AND o.path NOT LIKE (SELECT path FROM org WHERE id = ${community}) || '%' ORDER BY m.id LIMIT 1`)[0][0]);
  expectError(await signup(shuji, id, stranger), 404, "not_found", "/person_id");
  // The slot passes; check-out completes the sign-up and records its hours, verified.
  const start = at(-1, "09:00"), end = at(-1, "11:00");
  reschedule(id, start, end);
  assert.equal(expectStatus(await act(shuji, second.id, "checkout"), 200).json.status, "completed");
  assert.equal(expectStatus(await act(shuji, third.id, "absent"), 200).json.status, "absent");
  expectError(await act(shuji, third.id, "cancel"), 409, "conflict", "/action");
  assert.match(expectError(await signup(shuji, id, mates[5]), 400, "invalid").message, /已开始/);
  const year = Number(start.slice(0, 4));
  const rec = expectStatus(await shuji.request("GET", `/api/volunteer/people/${mates[0]}/record?year=${year}`), 200).json;
  const h = rec.hours.find((x) => x.activity_id === id);
  assert.deepEqual([h.start, h.end, h.minutes, h.source, h.status], [start, end, 120, "organizer", "verified"]);
  assert.ok(rec.verified_minutes >= 120);
  // The certificate is numbered once; asking again gives the same number.
  const cert = expectStatus(await shuji.request("POST", `/api/volunteer/people/${mates[0]}/certificate`, { body: { year } }), 201).json;
  assert.match(cert.number, new RegExp(`^${year}-\\d{6}$`));
  assert.equal(expectStatus(await shuji.request("POST", `/api/volunteer/people/${mates[0]}/certificate`, { body: { year } }), 200).json.number, cert.number);
  const rec2 = expectStatus(await shuji.request("GET", `/api/volunteer/people/${mates[0]}/record?year=${year}`), 200).json;
  assert.equal(rec2.certificate.number, cert.number);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'volunteer.certificate' AND target_id = ${mates[0]}`), 1);
  // A member holds no volunteer.read: the roster is the organizer's.
  expectError(await dangyuan.request("GET", `/api/volunteer/activities/${id}`), 403, "forbidden");
});

test("a concurrent sign-up race never over-books: 12 at once for 3 seats", async () => {
  const id = await publish(shuji, { org_id: branch, capacity: 3, title: "敬老院探访" });
  const people = mates.slice(2, 14);
  assert.equal(people.length, 12);
  const res = await Promise.all(people.map((p) => signup(shuji, id, p)));
  res.forEach((x) => expectStatus(x, 201));
  const st = res.map((x) => x.json.status);
  assert.equal(st.filter((s) => s === "signed").length, 3, st.join());
  assert.equal(st.filter((s) => s === "waitlist").length, 9);
  assert.equal(count(`SELECT COUNT(*) FROM volunteer_signup WHERE activity_id = ${id} AND status IN ('signed', 'confirmed', 'completed')`), 3);
  // And the same person twice at once: one sign-up, one conflict.
  const id2 = await publish(shuji, { org_id: branch, capacity: 5, title: "义务理发" });
  const twice = await Promise.all([signup(dangyuan, id2), signup(dangyuan, id2)]);
  assert.deepEqual(twice.map((x) => x.status).sort(), [201, 409]);
  assert.equal(count(`SELECT COUNT(*) FROM volunteer_signup WHERE activity_id = ${id2}`), 1);
});

test("hours: self-logged and approved, one refused for overlap, bad input refused with nothing written", async () => {
  const id = await publish(shuji, { org_id: branch, capacity: 5, title: "社区义诊协助" });
  expectStatus(await signup(dangyuan, id), 201);
  const start = at(-2, "14:00"), end = at(-2, "18:00");
  reschedule(id, start, end);
  const rows = () => count("SELECT COUNT(*) FROM volunteer_hours");
  const n0 = rows();
  const self = expectStatus(await dangyuan.request("POST", "/api/volunteer/hours", { body: { activity_id: id, start: at(-2, "14:00"), end: at(-2, "16:30"), note: "测血压" } }), 201).json;
  assert.equal(self.status, "pending");
  // Overlapping another record of the same person (pending counts too): 409 conflict.
  const overlap = await dangyuan.request("POST", "/api/volunteer/hours", { body: { activity_id: id, start: at(-2, "16:00"), end: at(-2, "17:00") } });
  expectError(overlap, 409, "conflict", "/start");
  assert.match(overlap.json.error.message, /重叠/);
  // Bad input, each a zh-CN message with its field, nothing written.
  expectError(await dangyuan.request("POST", "/api/volunteer/hours", { body: { activity_id: id, start: at(-2, "17:00"), end: at(-2, "16:59") } }), 400, "invalid", "/end");
  const long = await shuji.request("POST", "/api/volunteer/hours", { body: { person_id: me, activity_id: id, start: at(-5, "08:00"), end: at(-4, "08:01") } });
  expectError(long, 400, "invalid", "/end");
  assert.match(long.json.error.message, /24小时/);
  const other = await publish(shuji, { org_id: branch, capacity: 5, title: "未报名的活动" });
  const notSigned = await shuji.request("POST", "/api/volunteer/hours", { body: { person_id: me, activity_id: other, start: at(-3, "08:00"), end: at(-3, "09:00") } });
  expectError(notSigned, 400, "invalid", "/activity_id");
  assert.match(notSigned.json.error.message, /没有报名/);
  expectError(await dangyuan.request("POST", "/api/volunteer/hours", { body: { activity_id: id, start: "2026-02-30 08:00", end: at(-2, "09:00") } }), 400, "invalid", "/start");
  expectError(await dangyuan.request("POST", "/api/volunteer/hours", { body: { activity_id: id, start: at(-2, "08:00"), end: at(2, "09:00") } }), 400, "invalid", "/end");
  assert.equal(rows(), n0 + 1);
  // The volunteer cannot approve their own; the organizer approves.
  expectError(await dangyuan.request("POST", `/api/volunteer/hours/${self.id}/review`, { body: { decision: "approve" } }), 403, "forbidden");
  const pending = expectStatus(await shuji.request("GET", `/api/volunteer/hours?status=pending&year=${start.slice(0, 4)}`), 200).json;
  assert.ok(pending.items.some((x) => x.id === self.id));
  const ok = expectStatus(await shuji.request("POST", `/api/volunteer/hours/${self.id}/review`, { body: { decision: "approve", note: "属实" } }), 200).json;
  assert.deepEqual([ok.status, ok.source, ok.minutes], ["verified", "self", 150]);
  expectError(await shuji.request("POST", `/api/volunteer/hours/${self.id}/review`, { body: { decision: "refuse" } }), 409, "conflict");
  // My record (我的) shows it.
  const mine = expectStatus(await dangyuan.request("GET", `/api/me/volunteer?year=${start.slice(0, 4)}`), 200).json;
  assert.equal(mine.person.id, me);
  assert.ok(mine.record.hours.some((x) => x.id === self.id && x.status === "verified"));
  assert.ok(mine.activities.some((a) => a.id === other && a.my_status === null));
});

test("a post claimed, claimed twice refused, and reported on its record card", async () => {
  const y = today().slice(0, 4);
  // A resident (a person of a household, not a member) signs up like a member.
  const jumin = await login(srv, "jumin");
  const act1 = await publish(shequ, { org_id: community, title: "居民议事会场布置" });
  const res = expectStatus(await signup(jumin, act1), 201).json;
  assert.equal(res.person_id, Number(sql(srv.db, "SELECT person_id FROM user_account WHERE username = 'jumin'")[0][0]));
  expectError(await jumin.request("GET", `/api/volunteer/activities/${act1}`), 403, "forbidden");
  const from = at(-20, "00:00").slice(0, 10), to = today();
  const post = expectStatus(await shequ.request("POST", "/api/volunteer/posts", { body: { org_id: community, name: "独居老人关爱岗", kind: "care", duties: "每周探望独居老人两次", starts_on: from, ends_on: at(30, "00:00").slice(0, 10) } }), 201).json.id;
  expectError(await shequ.request("POST", "/api/volunteer/posts", { body: { org_id: community, name: "错岗", kind: "care", duties: "职责", starts_on: to, ends_on: from } }), 400, "invalid", "/ends_on");
  const claim = expectStatus(await dangyuan.request("POST", `/api/volunteer/posts/${post}/claims`, { body: { from_on: from, to_on: to } }), 201).json;
  assert.equal(claim.person_id, me);
  const n = count("SELECT COUNT(*) FROM volunteer_claim");
  const twice = await shequ.request("POST", `/api/volunteer/posts/${post}/claims`, { body: { person_id: mates[0], from_on: at(-5, "00:00").slice(0, 10), to_on: to } });
  expectError(twice, 409, "conflict", "/from_on");
  assert.match(twice.json.error.message, /只能认领一次/);
  assert.equal(count("SELECT COUNT(*) FROM volunteer_claim"), n);
  // The claimant's own entry waits for confirmation; the organizer's counts at once.
  const r1 = expectStatus(await dangyuan.request("POST", `/api/volunteer/claims/${claim.id}/records`, { body: { done_on: at(-3, "00:00").slice(0, 10), content: "探望王奶奶，帮助购买药品", served: "王奶奶", feedback: "很贴心", satisfaction: "satisfied" } }), 201).json;
  assert.equal(r1.confirmed, false);
  const r2 = expectStatus(await shequ.request("POST", `/api/volunteer/claims/${claim.id}/records`, { body: { done_on: at(-1, "00:00").slice(0, 10), content: "陪同就医" } }), 201).json;
  assert.equal(r2.confirmed, true);
  expectError(await dangyuan.request("POST", `/api/volunteer/claims/${claim.id}/records`, { body: { done_on: at(1, "00:00").slice(0, 10), content: "未来" } }), 400, "invalid", "/done_on");
  // Hours on the post, for the days it is held.
  expectStatus(await dangyuan.request("POST", "/api/volunteer/hours", { body: { post_id: post, start: at(-3, "19:00"), end: at(-3, "20:00") } }), 201);
  expectError(await dangyuan.request("POST", "/api/volunteer/hours", { body: { post_id: post, start: at(-25, "19:00"), end: at(-25, "20:00") } }), 400, "invalid", "/post_id");
  const board = expectStatus(await shequ.request("GET", `/api/volunteer/posts?org=${community}`), 200).json;
  const p = board.items.find((x) => x.id === post);
  assert.equal(p.kind_label, "关爱老弱岗");
  assert.equal(p.claims, 1);
  const rec = expectStatus(await shequ.request("GET", `/api/volunteer/people/${me}/record?year=${y}`), 200).json;
  const card = rec.post_records.filter((x) => x.claim_id === claim.id);
  assert.deepEqual(card.map((x) => [x.served, x.feedback, x.satisfaction_label, x.confirmed]), [["王奶奶", "很贴心", "满意", false], [null, null, null, true]]);
});

test("points from fixture records, checked by hand; commendation candidates with their evidence", async () => {
  // A group of its own, with two new members: nothing of the demo's counts there.
  const group = expectStatus(await shequ.request("POST", "/api/orgs", { body: { parent_id: branch, type: "group", name: "积分测试党小组" } }), 201).json.id;
  const person = (name) => Number(sql(srv.db, `INSERT INTO person (tenant_id, name, gender, created_at, updated_at) VALUES (1, '${name}', 'F', 0, 0);
    INSERT INTO member (tenant_id, person_id, org_id, org_path, status, category, created_at, updated_at)
    SELECT 1, (SELECT MAX(id) FROM person), id, path, 'full', 'community', 0, 0 FROM org WHERE id = ${group} RETURNING person_id;`)[0][0]);
  const p1 = person("积分甲"), p2 = person("积分乙");
  const id = await publish(shuji, { org_id: group, capacity: 5, title: "垃圾分类宣传" });
  const s1 = expectStatus(await signup(shuji, id, p1), 201).json.id;
  expectStatus(await signup(shuji, id, p2), 201);
  const d = -4;
  reschedule(id, at(d, "09:00"), at(d, "11:00"));
  expectStatus(await act(shuji, s1, "checkin"), 200);
  expectStatus(await act(shuji, s1, "checkout"), 200); // p1: 120 min
  const log = (p, s, e) => shuji.request("POST", "/api/volunteer/hours", { body: { person_id: p, activity_id: id, start: s, end: e } });
  expectStatus(await log(p1, at(d - 2, "00:00"), at(d - 2, "23:00")), 201); // 1380 min
  expectStatus(await log(p1, at(d - 1, "01:00"), at(d - 1, "21:00")), 201); // 1200 min
  expectStatus(await log(p2, at(d, "13:00"), at(d, "14:30")), 201); // 90 min
  expectStatus(await log(p2, at(d, "15:00"), at(d, "15:30")), 201); // 30 min: with the 90, 2 hours
  // A pending (self) record and an unconfirmed card earn nothing; p2's confirmed card earns 2.
  const post = expectStatus(await shuji.request("POST", "/api/volunteer/posts", { body: { org_id: group, name: "楼栋先锋岗", kind: "pioneer", duties: "楼栋巡查", starts_on: at(-10, "00:00").slice(0, 10), ends_on: today() } }), 201).json.id;
  const claim = expectStatus(await shuji.request("POST", `/api/volunteer/posts/${post}/claims`, { body: { person_id: p2, from_on: at(-10, "00:00").slice(0, 10), to_on: today() } }), 201).json.id;
  expectStatus(await shuji.request("POST", `/api/volunteer/claims/${claim}/records`, { body: { done_on: at(d, "00:00").slice(0, 10), content: "巡查楼道消防通道" } }), 201);
  const year = at(d - 2, "00:00").slice(0, 4);
  if (year !== at(d, "00:00").slice(0, 4)) return; // the fixture straddles New Year: skip the sums
  const pts = expectStatus(await shuji.request("GET", `/api/points?org=${group}&year=${year}`), 200).json;
  assert.equal(pts.ranked, false);
  const row = (p) => pts.items.find((x) => x.person_id === p);
  assert.equal(pts.items.length, 2);
  // p1: 120 + 1380 + 1200 = 2700 min = 45 hours → 45 points, capped at 40 (VOL-PTS-HOUR).
  assert.deepEqual(row(p1).items.map((i) => [i.rule, i.qty, i.raw, i.points, i.cap]), [["VOL-PTS-HOUR", 2700, 45, 40, 40]]);
  assert.equal(row(p1).total, 40);
  // p2: 120 min → 2 points; one confirmed card → 2 points (VOL-PTS-POST).
  assert.deepEqual(row(p2).items.map((i) => [i.rule, i.qty, i.points]).sort(), [["VOL-PTS-HOUR", 120, 2], ["VOL-PTS-POST", 1, 2]]);
  assert.equal(row(p2).total, 4);
  // Candidates: 20 verified hours or more (VOL-COMMEND-HOURS); p1 with the three records.
  const c = expectStatus(await shuji.request("GET", `/api/volunteer/commendations?org=${group}&year=${year}`), 200).json;
  assert.equal(c.rule, "VOL-COMMEND-HOURS");
  assert.equal(c.threshold_minutes, 1200);
  assert.deepEqual(c.items.map((x) => x.person_id), [p1]);
  assert.equal(c.items[0].verified_minutes, 2700);
  assert.equal(c.items[0].evidence.hours.length, 3);
  assert.equal(c.items[0].points, 40);
  // The workbook: a row per person by name, hours as numbers, the total; the export audited.
  const res = await fetch(`${srv.url}/api/volunteer/export.xlsx?org=${group}&year=${year}`, { headers: { Cookie: shuji.cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  const rows = readXlsx(Buffer.from(await res.arrayBuffer())).rows;
  assert.match(rows[1][0], new RegExp(`${year}年志愿服务时长和积分`));
  assert.deepEqual(rows[2], ["序号", "姓名", "服务时长（小时）", "岗位履职记录（条）", "积分"]);
  const data = Object.keys(rows).map(Number).filter((r) => r > 2).map((r) => rows[r]);
  assert.deepEqual(data.map((r) => [r[1], r[2], String(r[3]), String(r[4])]).sort(), [["合计", 47, "1", "44"], ["积分乙", 2, "1", "4"], ["积分甲", 45, "0", "40"]]);
  assert.equal(count("SELECT COUNT(*) FROM audit WHERE action = 'volunteer.export'"), 1);
});

test("the demo community: a year of activities with hours, claimed posts with record cards, points and candidates", async () => {
  const y = today().slice(0, 4);
  const acts = expectStatus(await shequ.request("GET", `/api/volunteer/activities?org=${community}`), 200).json;
  assert.ok(acts.items.length >= 27, `activities: ${acts.items.length}`);
  assert.ok(acts.items.every((a) => a.taken <= a.capacity), "no demo activity over-booked");
  const posts = expectStatus(await shequ.request("GET", `/api/volunteer/posts?org=${community}`), 200).json;
  assert.ok(posts.items.filter((p) => p.holder).length >= 3);
  assert.equal(expectStatus(await shequ.request("GET", `/api/volunteer/teams?org=${community}`), 200).json.total, 2);
  const pts = expectStatus(await shequ.request("GET", `/api/points?org=${community}&year=${y}`), 200).json;
  assert.ok(pts.items.length >= 10 && pts.items.every((r) => r.total >= 0));
  assert.ok(pts.items.some((r) => r.items.some((i) => i.rule === "VOL-PTS-POST")));
  const c = expectStatus(await shequ.request("GET", `/api/volunteer/commendations?org=${community}&year=${y}`), 200).json;
  assert.ok(c.items.length >= 1 && c.items.every((x) => x.verified_minutes >= c.threshold_minutes && x.evidence.hours.length > 0));
  // Nothing about logins or page views is a points fact: the rule rows name only verified actions.
  assert.deepEqual(sql(srv.db, "SELECT DISTINCT action FROM volunteer_rule WHERE action IS NOT NULL ORDER BY action").map((r) => r[0]), ["hours", "post_record"]);
});

test("review fixes: a team names only people of its org; nobody confirms their own record card; signing up again starts without the old check-in", async () => {
  // A leader from another community is not found (nothing of them shown).
  const [[stranger]] = sql(srv.db, `SELECT m.person_id FROM member m JOIN org o ON o.id = m.org_id WHERE m.status = 'full' AND o.path NOT LIKE (SELECT path FROM org WHERE id = ${community}) || '%' ORDER BY m.id LIMIT 1`);
  const teams = () => count("SELECT COUNT(*) FROM volunteer_team");
  const t0 = teams();
  expectError(await shuji.request("POST", "/api/volunteer/teams", { body: { org_id: branch, name: "楼栋服务队", leader_person_id: Number(stranger) } }), 404, "not_found", "/leader_person_id");
  expectError(await shuji.request("POST", "/api/volunteer/teams", { body: { org_id: branch, name: "楼栋服务队", members: [{ person_id: mates[0] }, { person_id: Number(stranger) }] } }), 404, "not_found", "/members/1/person_id");
  assert.equal(teams(), t0);
  expectStatus(await shuji.request("POST", "/api/volunteer/teams", { body: { org_id: branch, name: "楼栋服务队", leader_person_id: mates[0] } }), 201);
  // An organizer who is the claimant writes their own card: not confirmed (no points from it);
  // their card for someone else is. (The 书记's login is given a person for this.)
  sql(srv.db, `UPDATE user_account SET person_id = ${mates[3]} WHERE username = 'shuji'`);
  const organizer = await login(srv, "shuji");
  const post = expectStatus(await shequ.request("POST", "/api/volunteer/posts", { body: { org_id: branch, name: "关爱老人岗（复核）", kind: "care", duties: "每周探望独居老人", starts_on: at(-30, "00:00").slice(0, 10), ends_on: at(30, "00:00").slice(0, 10) } }), 201).json.id;
  const claim = (p) => organizer.request("POST", `/api/volunteer/posts/${post}/claims`, { body: { person_id: p, from_on: at(-20, "00:00").slice(0, 10), to_on: at(20, "00:00").slice(0, 10) } });
  const ownClaim = expectStatus(await claim(mates[3]), 201).json.id;
  const card = (c) => organizer.request("POST", `/api/volunteer/claims/${c}/records`, { body: { done_on: at(-2, "00:00").slice(0, 10), content: "探望独居老人" } });
  assert.equal(expectStatus(await card(ownClaim), 201).json.confirmed, false);
  const post2 = expectStatus(await shequ.request("POST", "/api/volunteer/posts", { body: { org_id: branch, name: "关爱老人岗（他人）", kind: "care", duties: "每周探望独居老人", starts_on: at(-30, "00:00").slice(0, 10), ends_on: at(30, "00:00").slice(0, 10) } }), 201).json.id;
  const otherClaim = expectStatus(await organizer.request("POST", `/api/volunteer/posts/${post2}/claims`, { body: { person_id: mates[4], from_on: at(-20, "00:00").slice(0, 10), to_on: at(20, "00:00").slice(0, 10) } }), 201).json.id;
  assert.equal(expectStatus(await card(otherClaim), 201).json.confirmed, true);
  sql(srv.db, "UPDATE user_account SET person_id = NULL WHERE username = 'shuji'");
  // Checked in, cancelled, signed up again: the old check-in is gone.
  const id = await publish(shuji, { org_id: branch, capacity: 3 });
  const s = expectStatus(await signup(shuji, id, mates[2]), 201).json.id;
  expectStatus(await act(shuji, s, "checkin"), 200);
  expectStatus(await act(shuji, s, "cancel"), 200);
  expectStatus(await signup(shuji, id, mates[2]), 201);
  assert.equal(sql(srv.db, `SELECT COALESCE(checkin_at, 0) FROM volunteer_signup WHERE id = ${s}`)[0][0], "0");
  expectStatus(await act(shuji, s, "checkin"), 200);
});
