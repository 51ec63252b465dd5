// deliberation.test.js: 议事协商 (issue 21) over the API on the demo street: a community council's
// roster with the composition rules' warnings, a meeting refused while the roster breaks them,
// a meeting that fails quorum (quorum_met false, nothing selected) and one that is valid, with
// approval, score and Borda tallies and a budget-constrained selection checked by hand on
// fixture papers, every bad paper refused with nothing written, a second vote 409, 30 votes at
// once (tally = accepted votes), a secret ballot whose stored rows cannot link a voter to a
// choice, frozen options, and an admin's override with its audit row.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError } = require("./lib/harness");

let srv, shequ, jiedao, admin, community, street, party, residents;
const count = (q) => Number(sql(srv.db, q)[0][0]);
const reps = new Map(); // person id -> logged-in client

before(async () => {
  srv = await startServer({ demo: {} });
  [shequ, jiedao, admin] = await Promise.all(["shequ", "jiedao", "admin"].map((u) => login(srv, u)));
  community = shequ.session.grants[0].org_id;
  street = jiedao.session.grants[0].org_id;
  party = sql(srv.db, `SELECT m.person_id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path LIKE (SELECT path FROM org WHERE id = ${community}) || '%' AND m.status = 'full' AND NOT EXISTS (SELECT 1 FROM user_account u WHERE u.person_id = m.person_id) ORDER BY m.id LIMIT 22`).map((r) => Number(r[0]));
  residents = sql(srv.db, `SELECT r.person_id FROM resident r JOIN household h ON h.id = r.household_id WHERE h.org_id = ${community} AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = r.person_id) AND NOT EXISTS (SELECT 1 FROM user_account u WHERE u.person_id = r.person_id) ORDER BY r.person_id LIMIT 22`).map((r) => Number(r[0]));
  // Accounts for the representatives, as a community would hand them out (the demo password's
  // hash), each logged in once.
  const all = [...party, ...residents];
  sql(srv.db, `INSERT INTO user_account (username, display_name, password_hash, person_id, must_change_password, created_at, updated_at) SELECT 'rep' || p.id, p.name, (SELECT password_hash FROM user_account WHERE username = 'jumin'), p.id, 0, 0, 0 FROM person p WHERE p.id IN (${all.join(",")})`);
  sql(srv.db, `INSERT INTO user_grant (user_id, role, org_id, created_at) SELECT id, 'resident', ${community}, 0 FROM user_account WHERE username LIKE 'rep%'`);
  for (let i = 0; i < all.length; i += 4) {
    const part = all.slice(i, i + 4);
    const clients = await Promise.all(part.map((p) => login(srv, `rep${p}`)));
    part.forEach((p, k) => reps.set(p, clients[k]));
  }
});
after(async () => { await srv.stop(); });

const day = (n) => new Date(Date.parse(`${today()}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const post = async (who, path, body, status = 201) => expectStatus(await who.request("POST", path, { body }), status).json;
const seat = (body, person_id, role) => shequ.request("POST", `/api/bodies/${body}/seats`, { body: { person_id, role, joined_on: day(-30) } });
const vote = (p, ballot, choices) => reps.get(p).request("POST", `/api/ballots/${ballot}/votes`, { body: { choices } });
const ids = (r) => r.tally.map((t) => [t.title, t.value]);
async function ballot(meeting, body) {
  const id = (await post(shequ, `/api/deliberation/meetings/${meeting}/ballots`, body)).id;
  const b = expectStatus(await shequ.request("GET", `/api/ballots/${id}`), 200).json;
  return { id, opt: Object.fromEntries(b.options.map((o) => [o.title, o.id])) };
}
const move = (path, action, status = 200) => post(shequ, path, { action }, status);
const result = async (id) => expectStatus(await shequ.request("GET", `/api/ballots/${id}/result`), 200).json;

let council, P, R;
test("a council's roster: the composition rules warn as it changes, and a meeting will not open while one fails", async () => {
  expectError(await shequ.request("POST", "/api/bodies", { body: { org_id: community, kind: "street_assembly", name: "协商议事会" } }), 400, "invalid", "/org_id");
  council = (await post(shequ, "/api/bodies", { org_id: community, kind: "community_council", name: "社区议事会（测试）" })).id;
  expectError(await shequ.request("POST", "/api/bodies", { body: { org_id: community, kind: "community_council", name: "社区议事会（测试）" } }), 409, "conflict", "/name");
  P = party.slice(0, 5);
  R = residents.slice(0, 3);
  let ck;
  for (const p of P.slice(0, 3)) ck = expectStatus(await seat(council, p, "party_rep"), 201).json.check;
  assert.deepEqual([ck.roster, ck.party, ck.residents], [3, 3, 0]);
  assert.equal(ck.warnings.length, 1);
  assert.match(ck.warnings[0], /^DELIB-RESIDENT-MIN：居民代表 0 名，少于 3 名/);
  for (const r of R) ck = expectStatus(await seat(council, r, "resident_rep"), 201).json.check;
  // 3 Party members of 6: not more than half.
  assert.equal(ck.warnings.length, 1);
  assert.match(ck.warnings[0], /^DELIB-PARTY-SHARE：党员代表 3 名，占名册 6 名的 3\/6，未超过 1\/2/);
  // Opening a meeting checks the rules on its date and names the one that fails.
  const m0 = (await post(shequ, `/api/bodies/${council}/meetings`, { held_on: today(), place: "社区党群服务中心", agenda: "审议民生实事候选项目" })).id;
  const e = expectError(await shequ.request("POST", `/api/deliberation/meetings/${m0}/actions`, { body: { action: "open" } }), 409, "conflict");
  assert.match(e.message, /不能开会.*DELIB-PARTY-SHARE/);
  assert.doesNotMatch(e.message, /DELIB-RESIDENT-MIN/);
  expectStatus(await seat(council, P[3], "npc_deputy"), 201);
  ck = expectStatus(await seat(council, P[4], "cppcc_member"), 201).json.check;
  assert.deepEqual([ck.roster, ck.party, ck.residents, ck.warnings], [8, 5, 3, []]);
  expectError(await seat(council, P[4], "party_rep"), 409, "conflict", "/person_id");
  expectError(await seat(council, 99999999, "party_rep"), 404, "not_found", "/person_id");
  // A second seat overlapping the first (an earlier start) would count one person twice.
  expectError(await shequ.request("POST", `/api/bodies/${council}/seats`, { body: { person_id: P[0], role: "party_rep", joined_on: day(-400) } }), 409, "conflict", "/person_id");
  // A person of another community is no one this council may seat (nor read the name of).
  const outsider = count(`SELECT MIN(m.person_id) FROM member m WHERE m.org_path NOT LIKE (SELECT path FROM org WHERE id = ${community}) || '%'`);
  expectError(await seat(council, outsider, "party_rep"), 404, "not_found", "/person_id");
  const body = expectStatus(await shequ.request("GET", `/api/bodies/${council}`), 200).json;
  assert.equal(body.roster.length, 8);
  assert.equal(body.roster.filter((s) => s.party).length, 5);
  assert.deepEqual(body.check.warnings, []);
  assert.equal(expectStatus(await shequ.request("POST", `/api/deliberation/meetings/${m0}/actions`, { body: { action: "open" } }), 200).json.status, "open");
  // The meeting has opened: the roster of its date stays as it was (quorum and votes count on it).
  expectError(await seat(council, residents[10], "resident_rep"), 409, "conflict", "/joined_on");
  const someSeat = body.roster[0].id;
  expectError(await shequ.request("POST", `/api/deliberation/seats/${someSeat}/end`, { body: { left_on: today() } }), 409, "conflict", "/left_on");
});

test("a meeting that fails quorum: the result says so and selects nothing", async () => {
  const m = (await post(shequ, `/api/bodies/${council}/meetings`, { held_on: today(), place: "社区党群服务中心", agenda: "初步排序" })).id;
  await move(`/api/deliberation/meetings/${m}/actions`, "open");
  const b = await ballot(m, { title: "初筛", method: "approval", max_choices: 2, winners: 2, options: [{ title: "甲" }, { title: "乙" }, { title: "丙" }] });
  await move(`/api/ballots/${b.id}/actions`, "open");
  // Four of eight vote online: 4 < 2/3 of 8.
  for (const [p, c] of [[P[0], ["甲", "乙"]], [P[1], ["甲"]], [R[0], ["丙"]], [R[1], ["甲", "丙"]]])
    expectStatus(await vote(p, b.id, c.map((t) => ({ option_id: b.opt[t] }))), 201);
  // While voting, nothing of the tally is shown.
  let r = await result(b.id);
  assert.deepEqual(r.tally, []);
  await move(`/api/ballots/${b.id}/actions`, "close");
  r = await result(b.id);
  assert.equal(r.quorum_met, false);
  assert.deepEqual([r.present, r.roster, r.voters], [4, 8, 4]);
  assert.deepEqual(r.selected, []);
  assert.deepEqual(ids(r), [["甲", 3], ["丙", 2], ["乙", 1]]);
  assert.match(r.lines[0], /到会 4 人，代表名册 8 人；DELIB-QUORUM 要求到会不少于 2\/3：未达到法定人数/);
  expectError(await admin.request("POST", `/api/ballots/${b.id}/override`, { body: { option_ids: [{ id: b.opt["甲"] }], reason: "试图改定无效会议" } }), 409, "conflict");
});

let valid, approval, score, borda, budget;
test("a valid meeting: presence on site and online, approval/score/Borda tallies and the budget selection by hand", async () => {
  valid = (await post(shequ, `/api/bodies/${council}/meetings`, { held_on: today(), place: "社区党群服务中心", agenda: "民生实事项目排序" })).id;
  // Ballots are set up before the meeting opens; voting waits for it.
  approval = await ballot(valid, { title: "赞成票", method: "approval", max_choices: 2, winners: 2, options: [{ title: "X" }, { title: "Y" }, { title: "Z" }] });
  expectError(await shequ.request("POST", `/api/ballots/${approval.id}/actions`, { body: { action: "open" } }), 409, "conflict");
  await move(`/api/deliberation/meetings/${valid}/actions`, "open");
  score = await ballot(valid, { title: "评分", method: "score", max_score: 5, options: [{ title: "S1" }, { title: "S2" }, { title: "S3" }] });
  borda = await ballot(valid, { title: "排序", method: "borda", options: [{ title: "B1" }, { title: "B2" }, { title: "B3" }, { title: "B4" }] });
  budget = await ballot(valid, { title: "年度民生实事", method: "approval", max_choices: 3, budget_fen: 20000000, secret: true, options: [
    { title: "加装电梯", cost_fen: 12000000, ref_kind: "proposal", ref_id: 101 },
    { title: "口袋公园", cost_fen: 10000000, ref_kind: "proposal", ref_id: 102 },
    { title: "充电车棚", cost_fen: 7000000, ref_kind: "proposal", ref_id: 103 },
    { title: "适老扶手", cost_fen: 3000000, ref_kind: "proposal", ref_id: 104 },
  ] });
  for (const b of [approval, score, borda, budget]) await move(`/api/ballots/${b.id}/actions`, "open");
  // Staff marks three present on site; five vote (two of them also on site): 6 of 8 present.
  for (const p of [P[0], P[1], P[2]]) await post(shequ, `/api/deliberation/meetings/${valid}/presence`, { person_id: p, present: true }, 200);
  expectError(await shequ.request("POST", `/api/deliberation/meetings/${valid}/presence`, { body: { person_id: residents[10], present: true } }), 404, "not_found", "/person_id");
  const papers = {
    [P[0]]: { a: ["X", "Y"], s: { S1: 5, S2: 3, S3: 0 }, b: ["B2", "B1", "B3", "B4"], u: ["加装电梯", "口袋公园", "充电车棚"] },
    [P[1]]: { a: ["X"], s: { S1: 2, S2: 4 }, b: ["B1", "B2", "B4", "B3"], u: ["加装电梯", "口袋公园"] },
    [P[3]]: { a: ["Y", "Z"], s: { S3: 5 }, b: ["B3", "B1", "B2", "B4"], u: ["加装电梯", "充电车棚", "适老扶手"] },
    [P[4]]: { a: ["X", "Z"], s: { S2: 0 }, b: null, u: ["口袋公园", "充电车棚"] },
    [R[0]]: { a: ["X"], s: null, b: null, u: ["加装电梯"] },
  };
  for (const [p, x] of Object.entries(papers)) {
    expectStatus(await vote(Number(p), approval.id, x.a.map((t) => ({ option_id: approval.opt[t] }))), 201);
    if (x.s) expectStatus(await vote(Number(p), score.id, Object.entries(x.s).map(([t, s]) => ({ option_id: score.opt[t], score: s }))), 201);
    if (x.b) expectStatus(await vote(Number(p), borda.id, x.b.map((t) => ({ option_id: borda.opt[t] }))), 201);
    expectStatus(await vote(Number(p), budget.id, x.u.map((t) => ({ option_id: budget.opt[t] }))), 201);
  }
  const meeting = expectStatus(await shequ.request("GET", `/api/deliberation/meetings/${valid}`), 200).json;
  assert.deepEqual([meeting.present, meeting.roster], [6, 8]);
  assert.deepEqual(meeting.presence.filter((x) => x.present).map((x) => [x.person_id, x.how]).sort(),
    [[P[0], "onsite"], [P[1], "onsite"], [P[2], "onsite"], [P[3], "online"], [P[4], "online"], [R[0], "online"]].sort());
  await move(`/api/deliberation/meetings/${valid}/actions`, "close"); // closes its open ballots too
  // Approval: X 4, Y 2, Z 2; Y and Z tie and Y stands first on the ballot.
  let r = await result(approval.id);
  assert.equal(r.status, "closed");
  assert.deepEqual([r.quorum_met, r.present, r.roster, r.voters], [true, 6, 8, 5]);
  assert.deepEqual(ids(r), [["X", 4], ["Y", 2], ["Z", 2]]);
  assert.deepEqual(r.selected, [approval.opt.X, approval.opt.Y]);
  assert.equal(r.lines[3], "第3名 Z（2 票），名额已满，未入选");
  assert.match(r.tie_rule, /选票上的顺序/);
  // Score (0..5): S1 5+2 = 7, S2 3+4+0 = 7, S3 0+5 = 5; one winner, S1 by the tie rule.
  r = await result(score.id);
  assert.deepEqual(ids(r), [["S1", 7], ["S2", 7], ["S3", 5]]);
  assert.deepEqual(r.selected, [score.opt.S1]);
  // Borda, 4 options: 3, 2, 1, 0 points by place. B1 2+3+2 = 7, B2 3+2+1 = 6, B3 1+0+3 = 4, B4 0+1+0 = 1.
  r = await result(borda.id);
  assert.deepEqual(ids(r), [["B1", 7], ["B2", 6], ["B3", 4], ["B4", 1]]);
  // Budget 20万: 加装电梯 4 票 (12万, left 8万), 口袋公园 3 (10万 > 8万: skipped), 充电车棚 3
  // (7万, left 1万), 适老扶手 1 (3万 > 1万: skipped).
  r = await result(budget.id);
  assert.deepEqual(ids(r), [["加装电梯", 4], ["口袋公园", 3], ["充电车棚", 3], ["适老扶手", 1]]);
  assert.deepEqual(r.selected, [budget.opt["加装电梯"], budget.opt["充电车棚"]]);
  assert.deepEqual(r.selected_refs, [101, 103]);
  assert.deepEqual([r.budget_fen, r.spent_fen], [20000000, 19000000]);
  assert.deepEqual(r.lines.slice(1), [
    "第1名 加装电梯（4 票）需 12.00 万元，剩余预算 20.00 万元，入选；余 8.00 万元",
    "第2名 口袋公园（3 票）需 10.00 万元，剩余预算 8.00 万元，不足，跳过",
    "第3名 充电车棚（3 票）需 7.00 万元，剩余预算 8.00 万元，入选；余 1.00 万元",
    "第4名 适老扶手（1 票）需 3.00 万元，剩余预算 1.00 万元，不足，跳过",
  ]);
  // After the ballot closed, no vote.
  const e = expectError(await vote(P[2], approval.id, [{ option_id: approval.opt.X }]), 409, "conflict");
  assert.match(e.message, /表决已结束/);
});

test("bad papers are refused in zh-CN with nothing written; a second vote is 409", async () => {
  const m = (await post(shequ, `/api/bodies/${council}/meetings`, { held_on: today(), place: "社区党群服务中心", agenda: "补充表决" })).id;
  const a = await ballot(m, { title: "限选一项", method: "approval", options: [{ title: "一" }, { title: "二" }, { title: "三" }] });
  const s = await ballot(m, { title: "评分", method: "score", max_score: 3, options: [{ title: "一" }, { title: "二" }] });
  const b = await ballot(m, { title: "前两名排序", method: "borda", max_choices: 2, options: [{ title: "一" }, { title: "二" }, { title: "三" }] });
  expectError(await vote(P[0], a.id, [{ option_id: a.opt["一"] }]), 409, "conflict"); // draft
  await move(`/api/deliberation/meetings/${m}/actions`, "open");
  for (const x of [a, s, b]) await move(`/api/ballots/${x.id}/actions`, "open");
  const state = () => sql(srv.db, `SELECT (SELECT COUNT(*) FROM delib_voter WHERE ballot_id IN (${a.id}, ${s.id}, ${b.id})), (SELECT SUM(approvals + score_sum + borda_points) FROM delib_option WHERE ballot_id IN (${a.id}, ${s.id}, ${b.id})), (SELECT COUNT(*) FROM delib_presence WHERE meeting_id = ${m}), (SELECT COUNT(*) FROM delib_choice WHERE ballot_id IN (${a.id}, ${s.id}, ${b.id}))`)[0].join();
  const before = state();
  let e = expectError(await vote(residents[12], a.id, [{ option_id: a.opt["一"] }]), 403, "forbidden");
  assert.match(e.message, /不在本议事机构的代表名册/);
  e = expectError(await vote(P[0], a.id, [{ option_id: s.opt["一"] }]), 400, "invalid", "/choices/0/option_id");
  assert.match(e.message, /不是本次表决的选项/);
  e = expectError(await vote(P[0], a.id, [{ option_id: a.opt["一"] }, { option_id: a.opt["二"] }]), 400, "invalid", "/choices");
  assert.match(e.message, /最多可选 1 项/);
  expectError(await vote(P[0], a.id, []), 400, "invalid", "/choices");
  e = expectError(await vote(P[0], s.id, [{ option_id: s.opt["一"], score: 4 }]), 400, "invalid", "/choices/0/score");
  assert.match(e.message, /0 到 3/);
  expectError(await vote(P[0], s.id, [{ option_id: s.opt["一"], score: -1 }]), 400, "invalid", "/choices/0/score");
  e = expectError(await vote(P[0], b.id, [{ option_id: b.opt["一"] }, { option_id: b.opt["一"] }]), 400, "invalid", "/choices/1/option_id");
  assert.match(e.message, /重复/);
  e = expectError(await vote(P[0], b.id, [{ option_id: b.opt["一"] }]), 400, "invalid", "/choices");
  assert.match(e.message, /排序不完整/);
  expectError(await vote(P[0], b.id, [{ option_id: b.opt["一"] }, { option_id: b.opt["二"] }, { option_id: b.opt["三"] }]), 400, "invalid", "/choices");
  expectError(await vote(P[0], a.id, [{ option_id: "x" }]), 400, "invalid", "/choices/0/option_id");
  assert.equal(state(), before);
  expectStatus(await vote(P[0], a.id, [{ option_id: a.opt["二"] }]), 201);
  e = expectError(await vote(P[0], a.id, [{ option_id: a.opt["三"] }]), 409, "conflict");
  assert.match(e.message, /不能重复投票/);
  assert.equal(count(`SELECT approvals FROM delib_option WHERE id = ${a.opt["三"]}`), 0);
  // Options are frozen once voting opened; a draft's may be replaced.
  expectError(await shequ.request("PUT", `/api/ballots/${a.id}/options`, { body: { options: [{ title: "四" }, { title: "五" }] } }), 409, "conflict");
  const d = await ballot(m, { title: "草案", method: "approval", options: [{ title: "一" }, { title: "二" }] });
  expectStatus(await shequ.request("PUT", `/api/ballots/${d.id}/options`, { body: { options: [{ title: "四" }, { title: "五" }, { title: "六" }] } }), 200);
  assert.deepEqual(expectStatus(await shequ.request("GET", `/api/ballots/${d.id}`), 200).json.options.map((o) => o.title), ["四", "五", "六"]);
  // Budget ballots need every cost; references come in pairs.
  expectError(await shequ.request("POST", `/api/deliberation/meetings/${m}/ballots`, { body: { title: "预算", method: "approval", budget_fen: 100, options: [{ title: "一", cost_fen: 50 }, { title: "二" }] } }), 400, "invalid", "/options/1/cost_fen");
  expectError(await shequ.request("POST", `/api/deliberation/meetings/${m}/ballots`, { body: { title: "关联", method: "approval", options: [{ title: "一", ref_kind: "proposal" }, { title: "二" }] } }), 400, "invalid", "/options/0/ref_id");
  // The voting page's list: open ballots of the representative's bodies.
  const mine = expectStatus(await reps.get(P[0]).request("GET", "/api/me/ballots"), 200).json.items;
  assert.deepEqual(mine.filter((x) => x.meeting_id === m).map((x) => [x.id, x.voted]), [[a.id, true], [s.id, false], [b.id, false]]);
  assert.deepEqual(expectStatus(await reps.get(residents[12]).request("GET", "/api/me/ballots"), 200).json.items, []);
  expectError(await reps.get(residents[12]).request("GET", `/api/ballots/${a.id}`), 403, "forbidden");
  assert.deepEqual(mine.find((x) => x.id === b.id).options.map((o) => o.title), ["一", "二", "三"]);
});

test("a secret ballot: the stored rows cannot link a voter to a choice", async () => {
  const m = (await post(shequ, `/api/bodies/${council}/meetings`, { held_on: today(), place: "社区党群服务中心", agenda: "无记名表决" })).id;
  await move(`/api/deliberation/meetings/${m}/actions`, "open");
  const mk = (title) => ballot(m, { title, method: "borda", secret: true, options: [{ title: "一" }, { title: "二" }, { title: "三" }] });
  const s1 = await mk("无记名甲"), s2 = await mk("无记名乙");
  const open = await ballot(m, { title: "记名", method: "approval", options: [{ title: "一" }, { title: "二" }] });
  for (const x of [s1, s2, open]) await move(`/api/ballots/${x.id}/actions`, "open");
  const paper = [["一", "二", "三"], ["三", "一", "二"], ["二", "三", "一"]];
  // The same three papers, cast by different voters in a different order on each ballot.
  const voters1 = [P[0], P[1], R[0]], voters2 = [R[0], P[0], P[1]];
  for (let i = 0; i < 3; i++) expectStatus(await vote(voters1[i], s1.id, paper[i].map((t) => ({ option_id: s1.opt[t] }))), 201);
  for (let i = 0; i < 3; i++) expectStatus(await vote(voters2[i], s2.id, paper[(i + 2) % 3].map((t) => ({ option_id: s2.opt[t] }))), 201);
  expectStatus(await vote(P[0], open.id, [{ option_id: open.opt["二"] }]), 201);
  // What is stored about the choices of a secret ballot: the options' counters, nothing per
  // paper. Whoever voted in whatever order, the rows are the same; so nothing in them can
  // point at a voter.
  const rows = (b) => sql(srv.db, `SELECT pos, title, approvals, score_sum, borda_points FROM delib_option WHERE ballot_id = ${b.id} ORDER BY pos`);
  assert.deepEqual(rows(s1), rows(s2));
  assert.deepEqual(rows(s1).map((r) => Number(r[4])), [3, 3, 3]);
  assert.equal(count(`SELECT COUNT(*) FROM delib_choice WHERE ballot_id IN (${s1.id}, ${s2.id})`), 0);
  // The option table has no column that names a person or a time.
  const cols = srv.db.startsWith("postgresql:")
    ? sql(srv.db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'delib_option'").map((r) => r[0])
    : sql(srv.db, "SELECT name FROM pragma_table_info('delib_option')").map((r) => r[0]);
  assert.deepEqual(cols.filter((c) => /person|user|voter|_at$|time/.test(c)), []);
  // The voter list says who voted and when, apart from the choices.
  assert.deepEqual(sql(srv.db, `SELECT person_id FROM delib_voter WHERE ballot_id = ${s1.id} ORDER BY person_id`).map((r) => Number(r[0])), [...voters1].sort((x, y) => x - y));
  // An open (記名) ballot stores the voter with the choice.
  assert.deepEqual(sql(srv.db, `SELECT person_id, option_id FROM delib_choice WHERE ballot_id = ${open.id}`).map((r) => r.map(Number)), [[P[0], open.opt["二"]]]);
});

test("30 representatives vote at once, each twice: the tally equals the accepted votes", async () => {
  const assembly = (await post(jiedao, "/api/bodies", { org_id: street, kind: "street_assembly", name: "街道协商议事会（测试）" })).id;
  const people = [...party.slice(5, 21), ...residents.slice(0, 14)];
  for (let i = 0; i < people.length; i++)
    expectStatus(await jiedao.request("POST", `/api/bodies/${assembly}/seats`, { body: { person_id: people[i], role: i < 16 ? "party_rep" : "resident_rep", joined_on: day(-10) } }), 201);
  const m = (await post(jiedao, `/api/bodies/${assembly}/meetings`, { held_on: today(), place: "街道会议室", agenda: "确认年度项目" })).id;
  expectStatus(await jiedao.request("POST", `/api/deliberation/meetings/${m}/actions`, { body: { action: "open" } }), 200);
  const b = (await post(jiedao, `/api/deliberation/meetings/${m}/ballots`, { title: "年度项目", method: "approval", max_choices: 2, secret: true, options: [{ title: "一" }, { title: "二" }, { title: "三" }] })).id;
  expectStatus(await jiedao.request("POST", `/api/ballots/${b}/actions`, { body: { action: "open" } }), 200);
  const opts = expectStatus(await jiedao.request("GET", `/api/ballots/${b}`), 200).json.options.map((o) => o.id);
  const choice = (i) => (i % 3 === 0 ? [opts[0]] : i % 3 === 1 ? [opts[0], opts[1]] : [opts[2]]);
  const res = await Promise.all([...people, ...people].map((p, i) => vote(p, b, choice(i % 30).map((id) => ({ option_id: id })))));
  const ok = res.filter((r) => r.status === 201).length;
  assert.equal(ok, 30);
  assert.equal(res.filter((r) => r.status === 409).length, 30);
  expectStatus(await jiedao.request("POST", `/api/ballots/${b}/actions`, { body: { action: "close" } }), 200);
  const r = expectStatus(await jiedao.request("GET", `/api/ballots/${b}/result`), 200).json;
  assert.equal(r.voters, 30);
  // 10 papers of each kind: 一 20, 二 10, 三 10.
  assert.deepEqual(r.tally.map((t) => [t.title, t.value]), [["一", 20], ["二", 10], ["三", 10]]);
  assert.deepEqual([r.quorum_met, r.present, r.roster], [true, 30, 30]);
});

test("an admin overrides the selection with a reason: audited, and the result shows it", async () => {
  expectError(await shequ.request("POST", `/api/ballots/${budget.id}/override`, { body: { option_ids: [{ id: budget.opt["口袋公园"] }], reason: "上级要求调整" } }), 403, "forbidden");
  expectError(await admin.request("POST", `/api/ballots/${budget.id}/override`, { body: { option_ids: [{ id: approval.opt.X }], reason: "改定为口袋公园" } }), 400, "invalid", "/option_ids/0/id");
  expectError(await admin.request("POST", `/api/ballots/${budget.id}/override`, { body: { option_ids: [{ id: budget.opt["口袋公园"] }] } }), 400, "invalid", "/reason");
  const r = expectStatus(await admin.request("POST", `/api/ballots/${budget.id}/override`, { body: { option_ids: [{ id: budget.opt["口袋公园"] }, { id: budget.opt["适老扶手"] }], reason: "加装电梯项目已由市级专项资金承担" } }), 200).json;
  assert.equal(r.overridden, true);
  assert.deepEqual(r.selected, [budget.opt["口袋公园"], budget.opt["适老扶手"]]);
  assert.deepEqual(r.selected_refs, [102, 104]);
  assert.equal(r.override_reason, "加装电梯项目已由市级专项资金承担");
  assert.match(r.lines.at(-1), /入选名单经管理员改定，理由：加装电梯项目已由市级专项资金承担/);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'delib.override' AND target_id = ${budget.id}`), 1);
  // The tally is what the representatives voted.
  assert.deepEqual(ids(await result(budget.id)), [["加装电梯", 4], ["口袋公园", 3], ["充电车棚", 3], ["适老扶手", 1]]);
});
