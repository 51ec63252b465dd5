// projects.test.js: 民生实事 (issue 21, first slice) over the API on the demo street: one year
// walked at a second community (needs linked to its demands and merged, proposals with a
// feasibility review and a retirement, a selection over the budget refused and nothing
// written, the selection, its 公示 window from PROJ-PUBLICITY-DAYS, an objection inside the
// window and one after it refused, the answer, adoption refused while the window is open or an
// objection unanswered, then adopted into projects), milestones with the progress recomputed
// by hand, residents' evaluations (one per account; no breakdown under 3 responses; means by
// hand), a 问责 record, the chain, and the public page without login and without personal data.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, seal, today, expectStatus, expectError, PG } = require("./lib/harness");

let srv, admin, jiedao, shequ, jumin, c2, c1, r1, r2, r3;
const Y = Number(today().slice(0, 4));
const count = (q) => Number(sql(srv.db, q)[0][0]);
const refused = (res, ...a) => { expectError(res, ...a); return res; };
const ok = async (who, method, path, body, status = 200) => expectStatus(await who.request(method, path, { body }), status).json;
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const SECRET_NAME = "测试居民诸葛明远";
const SECRET_PHONE = "13912345678";
const SECRET_TEXT = "楼下的路灯坏了三个月没人修";

before(async () => {
  srv = await startServer({ demo: {} });
  [admin, jiedao, shequ, jumin] = await Promise.all(["admin", "jiedao", "shequ", "jumin"].map((u) => login(srv, u)));
  c1 = shequ.session.grants[0].org_id;
  const street = jiedao.session.grants[0].org_id;
  c2 = Number(sql(srv.db, `SELECT MIN(id) FROM org WHERE parent_id = ${street} AND type = 'community_committee' AND id <> ${c1}`)[0][0]);
  // Three residents of the second community (the demo's 居民 login lives in the first).
  const add = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Resident-Passw0rd-9", "--keep-password"],
    { input: `pjr1 resident ${c2} 评议居民一\npjr2 resident ${c2} 评议居民二\npjr3 resident ${c2} 评议居民三\n` });
  assert.equal(add.status, 0, add.stderr);
  [r1, r2, r3] = await Promise.all(["pjr1", "pjr2", "pjr3"].map((u) => login(srv, u, "Resident-Passw0rd-9")));
});
after(async () => { await srv.stop(); });

test("a year of 民生实事: needs → proposals → selection → 公示 → projects → evaluation → 问责 → chain → public page", async () => {
  const c2path = sql(srv.db, `SELECT path FROM org WHERE id = ${c2}`)[0][0];
  const demands = sql(srv.db, `SELECT id FROM demand WHERE org_path LIKE '${c2path}%' ORDER BY id LIMIT 3`).map((r) => Number(r[0]));
  const foreign = Number(sql(srv.db, `SELECT MIN(d.id) FROM demand d JOIN org o ON o.id = ${c1} WHERE d.org_path LIKE o.path || '%'`)[0][0]);
  // The first demand carries a name, a (sealed) phone and text the public must never see; the
  // third is marked do-not-publish.
  sql(srv.db, `UPDATE demand SET reporter_name = '${SECRET_NAME}', reporter_phone = '${seal(SECRET_PHONE)}', description = '${SECRET_TEXT}', no_publish = 0 WHERE id = ${demands[0]}`);
  sql(srv.db, `UPDATE demand SET no_publish = 0 WHERE id = ${demands[1]}`);
  sql(srv.db, `UPDATE demand SET no_publish = 1 WHERE id = ${demands[2]}`);
  const [num0, cat0] = sql(srv.db, `SELECT d.number, c.name FROM demand d JOIN demand_category c ON c.code = d.category WHERE d.id = ${demands[0]}`)[0];

  // ---- needs ----
  const needs0 = count("SELECT COUNT(*) FROM proj_need");
  expectError(await shequ.request("POST", "/api/needs", { body: { org_id: c2, year: Y, title: "路灯", source_kind: "other" } }), 404, "not_found");
  expectError(await jiedao.request("POST", "/api/needs", { body: { org_id: c2, year: Y, title: "路灯", source_kind: "demand", source_id: foreign } }), 400, "invalid", "/source_id");
  expectError(await jiedao.request("POST", "/api/needs", { body: { org_id: c2, year: Y, title: "路灯", source_kind: "demand" } }), 400, "invalid", "/source_id");
  expectError(await jiedao.request("POST", "/api/needs", { body: { org_id: c2, year: Y, title: "路灯", source_kind: "rumour" } }), 400, "invalid", "/source_kind");
  expectError(await jiedao.request("POST", "/api/needs", { body: { org_id: jiedao.session.grants[0].org_id, year: Y, title: "路灯", source_kind: "other" } }), 400, "invalid", "/org_id");
  assert.equal(count("SELECT COUNT(*) FROM proj_need"), needs0, "refused needs wrote nothing");
  const n1 = await ok(jiedao, "POST", "/api/needs", { org_id: c2, year: Y, title: "小区路灯照明不足", source_kind: "demand", source_id: demands[0] }, 201);
  assert.deepEqual(n1.demand, { id: demands[0], number: num0, category: cat0, status: n1.demand.status });
  assert.equal(n1.description, null);
  // Linked, not copied: the demand's text is in no column of the need.
  assert.equal(count(`SELECT COUNT(*) FROM proj_need WHERE title LIKE '%路灯坏了%' OR description LIKE '%路灯坏了%'`), 0);
  const n2 = await ok(jiedao, "POST", "/api/needs", { org_id: c2, year: Y, title: "夜间路灯不亮", source_kind: "demand", source_id: demands[1] }, 201);
  const n3 = await ok(jiedao, "POST", "/api/needs", { org_id: c2, year: Y, title: "路灯和监控", source_kind: "demand", source_id: demands[2] }, 201);
  const n4 = await ok(jiedao, "POST", "/api/needs", { org_id: c2, year: Y, title: "增设老年助餐点", description: "议事会上多名代表提出", source_kind: "meeting" }, 201);
  const n5 = await ok(jiedao, "POST", "/api/needs", { org_id: c2, year: Y, title: "楼道堆物清理", source_kind: "resident" }, 201);
  // Merging: n2 into n3, then n3 into n1: every source ends on the survivor, none is lost.
  await ok(jiedao, "POST", `/api/needs/${n2.id}/merge`, { into: n3.id });
  const merged = await ok(jiedao, "POST", `/api/needs/${n3.id}/merge`, { into: n1.id });
  assert.equal(merged.id, n1.id);
  assert.deepEqual(merged.merged.map((n) => n.id).sort((a, b) => a - b), [n2.id, n3.id]);
  assert.deepEqual(merged.merged.map((n) => n.demand.id).sort((a, b) => a - b), [demands[1], demands[2]]);
  expectError(await jiedao.request("POST", `/api/needs/${n2.id}/merge`, { body: { into: n4.id } }), 409, "conflict", "/into");
  expectError(await jiedao.request("POST", `/api/needs/${n4.id}/merge`, { body: { into: n4.id } }), 400, "invalid", "/into");
  const open = await ok(jiedao, "GET", `/api/needs?org=${c2}&year=${Y}&status=open`);
  assert.deepEqual(open.items.map((n) => n.id).sort((a, b) => a - b), [n1.id, n4.id, n5.id]);
  assert.equal(open.items.find((n) => n.id === n1.id).merged_count, 2);

  // ---- proposals ----
  expectError(await jiedao.request("POST", "/api/proposals", { body: { org_id: c2, year: Y, title: "路灯", cost_fen: 1, body: "街道城管科", needs: [{ need_id: n2.id }] } }), 400, "invalid", "/needs/0/need_id");
  expectError(await jiedao.request("POST", "/api/proposals", { body: { org_id: c2, year: Y, title: "路灯", cost_fen: 1, body: "街道城管科", needs: [] } }), 400, "invalid", "/needs");
  const pA = await ok(jiedao, "POST", "/api/proposals", { org_id: c2, year: Y, title: "小区路灯改造", cost_fen: 12000000, body: "街道城管科", needs: [{ need_id: n1.id }] }, 201);
  const pB = await ok(jiedao, "POST", "/api/proposals", { org_id: c2, year: Y, title: "老年助餐点", cost_fen: 8000000, body: "社区居委会", needs: [{ need_id: n4.id }] }, 201);
  const pC = await ok(jiedao, "POST", "/api/proposals", { org_id: c2, year: Y, title: "楼道清理", cost_fen: 500000, body: "物业公司", needs: [{ need_id: n5.id }] }, 201);
  const pD = await ok(jiedao, "POST", "/api/proposals", { org_id: c2, year: Y, title: "加装电梯", cost_fen: 90000000, body: "住建委", needs: [{ need_id: n5.id }] }, 201);
  const pE = await ok(jiedao, "POST", "/api/proposals", { org_id: c2, year: Y, title: "重复的路灯建议", cost_fen: 100, body: "街道", needs: [{ need_id: n1.id }] }, 201);
  assert.equal(pA.status, "pending");
  expectError(await jiedao.request("POST", `/api/proposals/${pD.id}/review`, { body: { verdict: "unfeasible" } }), 400, "invalid", "/note");
  const d = await ok(jiedao, "POST", `/api/proposals/${pD.id}/review`, { verdict: "unfeasible", note: "楼体结构不具备加装条件" });
  assert.equal(d.status, "unfeasible");
  assert.equal(d.feasibility_note, "楼体结构不具备加装条件");
  const a = await ok(jiedao, "POST", `/api/proposals/${pA.id}/review`, { verdict: "feasible", cost_fen: 11000000 });
  assert.deepEqual([a.status, a.cost_fen], ["feasible", 11000000]);
  await ok(jiedao, "POST", `/api/proposals/${pB.id}/review`, { verdict: "feasible" });
  await ok(jiedao, "POST", `/api/proposals/${pC.id}/review`, { verdict: "feasible" });
  const e = await ok(jiedao, "POST", `/api/proposals/${pE.id}/retire`, { reason: "duplicated", note: "与小区路灯改造重复" });
  assert.deepEqual([e.status, e.retire_reason, e.retire_reason_label], ["retired", "duplicated", "与其他建议重复"]);
  expectError(await jiedao.request("POST", `/api/proposals/${pE.id}/review`, { body: { verdict: "feasible" } }), 409, "conflict");

  // ---- selection: budget check ----
  const sel0 = count("SELECT COUNT(*) FROM proj_selection") + count("SELECT COUNT(*) FROM proj_selection_item");
  const pick = (...ps) => ({ org_id: c2, year: Y, basis: "社区议事会第3次会议排序结果", proposals: ps.map((p) => ({ proposal_id: p.id })) });
  expectError(await jiedao.request("POST", "/api/selections", { body: pick(pA, pB) }), 400, "invalid", "/year"); // no budget yet
  await ok(jiedao, "POST", "/api/project-budgets", { org_id: c2, year: Y, amount_fen: 20000000 });
  assert.equal((await ok(jiedao, "GET", `/api/project-budgets?org=${c2}&year=${Y}`)).amount_fen, 20000000);
  const over = refused(await jiedao.request("POST", "/api/selections", { body: pick(pA, pB, pC, { id: pC.id }) }), 400, "invalid");
  assert.equal(over.json.error.field, "/proposals/3/proposal_id"); // a proposal listed twice
  expectError(await jiedao.request("POST", "/api/selections", { body: pick(pA, pD) }), 400, "invalid", "/proposals/1/proposal_id"); // unfeasible
  await ok(jiedao, "POST", "/api/project-budgets", { org_id: c2, year: Y, amount_fen: 19000000 });
  const o = refused(await jiedao.request("POST", "/api/selections", { body: pick(pA, pB, pC) }), 400, "invalid", "/proposals");
  assert.match(o.json.error.message, /195000\.00/); // 11 000 000 + 8 000 000 + 500 000 fen
  assert.match(o.json.error.message, /190000\.00/);
  assert.equal(count("SELECT COUNT(*) FROM proj_selection") + count("SELECT COUNT(*) FROM proj_selection_item"), sel0, "refused selections wrote nothing");
  await ok(jiedao, "POST", "/api/project-budgets", { org_id: c2, year: Y, amount_fen: 20000000 });
  const s = await ok(jiedao, "POST", "/api/selections", pick(pA, pB, pC), 201);
  assert.deepEqual(s.items.map((i) => [i.rank, i.proposal_id, i.cost_fen]), [[1, pA.id, 11000000], [2, pB.id, 8000000], [3, pC.id, 500000]]);
  assert.deepEqual([s.status, s.total_fen, s.budget_fen, s.ballot_id], ["draft", 19500000, 20000000, null]);
  expectError(await jiedao.request("POST", "/api/selections", { body: pick(pC) }), 400, "invalid", "/proposals/0/proposal_id"); // listed already
  expectError(await jiedao.request("POST", `/api/proposals/${pA.id}/retire`, { body: { reason: "other" } }), 409, "conflict");

  // ---- 公示 ----
  expectError(await r1.request("POST", `/api/selections/${s.id}/objections`, { body: { content: "还没公示" } }), 404, "not_found");
  expectError(await jiedao.request("POST", `/api/selections/${s.id}/adopt`), 409, "conflict");
  const days = Number(sql(srv.db, "SELECT value FROM proj_rule WHERE rule_id = 'PROJ-PUBLICITY-DAYS'")[0][0]);
  assert.equal(days, 7);
  const pub = await ok(jiedao, "POST", `/api/selections/${s.id}/publish`);
  assert.deepEqual([pub.status, pub.publicity_days, pub.publicity_from, pub.publicity_until, pub.window_open], ["publicity", 7, today(), addDays(today(), 6), true]);
  expectError(await jiedao.request("POST", `/api/selections/${s.id}/publish`), 409, "conflict");
  // A resident of another community does not see it; one of this community objects.
  expectError(await jumin.request("POST", `/api/selections/${s.id}/objections`, { body: { content: "我有意见" } }), 404, "not_found");
  const ob1 = await ok(r1, "POST", `/api/selections/${s.id}/objections`, { content: "助餐点选址离我们楼太远" }, 201);
  assert.equal(ob1.channel, "self");
  const ob2 = await ok(jiedao, "POST", `/api/selections/${s.id}/objections`, { content: "居民电话反映：路灯预算偏高" }, 201);
  assert.equal(ob2.channel, "staff");
  const adoptEarly = refused(await jiedao.request("POST", `/api/selections/${s.id}/adopt`), 409, "conflict");
  assert.match(adoptEarly.json.error.message, /公示期/);
  // The window ends (moved into the past): objections are refused and nothing is written.
  sql(srv.db, `UPDATE proj_selection SET publicity_from = '${addDays(today(), -10)}', publicity_until = '${addDays(today(), -4)}' WHERE id = ${s.id}`);
  const obs = count("SELECT COUNT(*) FROM proj_objection");
  const late = refused(await r2.request("POST", `/api/selections/${s.id}/objections`, { body: { content: "我也有意见" } }), 409, "conflict");
  assert.match(late.json.error.message, /公示期已结束/);
  assert.equal(count("SELECT COUNT(*) FROM proj_objection"), obs);
  expectError(await jiedao.request("POST", `/api/selections/${s.id}/adopt`), 409, "conflict", "/objections");
  await ok(jiedao, "POST", `/api/selections/${s.id}/objections/${ob1.id}/answer`, { answer: "选址已征求周边三个楼门意见，另设送餐服务" });
  expectError(await jiedao.request("POST", `/api/selections/${s.id}/objections/${ob1.id}/answer`, { body: { answer: "再答一次" } }), 409, "conflict", "/objection_id");
  expectError(await jiedao.request("POST", `/api/selections/${s.id}/adopt`), 409, "conflict", "/objections");
  assert.equal(count(`SELECT COUNT(*) FROM project WHERE selection_id = ${s.id}`), 0);
  const answered = await ok(jiedao, "POST", `/api/selections/${s.id}/objections/${ob2.id}/answer`, { answer: "已按审查核定金额调整" });
  assert.deepEqual([answered.objection_count, answered.answered_count], [2, 2]);
  const adopted = await ok(jiedao, "POST", `/api/selections/${s.id}/adopt`);
  assert.equal(adopted.status, "adopted");
  const projects = (await ok(jiedao, "GET", `/api/projects?org=${c2}&year=${Y}`)).items;
  assert.deepEqual(projects.map((p) => [p.rank, p.proposal_id, p.title, p.status, p.progress]),
    [[1, pA.id, "小区路灯改造", "ongoing", 0], [2, pB.id, "老年助餐点", "ongoing", 0], [3, pC.id, "楼道清理", "ongoing", 0]]);
  expectError(await jiedao.request("POST", `/api/selections/${s.id}/adopt`), 409, "conflict");

  // ---- milestones and progress (weights 2, 3, 5) ----
  const pj = projects[0];
  const ms = [];
  for (const [title, planned, weight] of [["方案设计", `${Y}-03-01`, 2], ["施工", `${Y}-06-01`, 5], ["验收", `${Y}-09-01`, 3]]) {
    const r = await ok(jiedao, "POST", `/api/projects/${pj.id}/milestones`, { title, planned_on: planned, weight }, 201);
    ms.push(r.milestones.find((m) => m.title === title).id);
  }
  const done = async (i, on) => (await ok(jiedao, "POST", `/api/projects/${pj.id}/milestones/${ms[i]}/done`, { done_on: on })).progress;
  assert.equal(await done(0, `${Y}-03-05`), 20); // 2 / 10
  assert.equal(await done(2, `${Y}-09-02`), 50); // (2 + 3) / 10
  assert.equal(await done(0, null), 30); // 3 / 10: the design milestone undone again
  assert.equal(await done(0, `${Y}-03-05`), 50);
  assert.equal(await done(1, `${Y}-06-20`), 100);
  expectError(await jiedao.request("POST", `/api/projects/${pj.id}/milestones`, { body: { title: "x节点", planned_on: `${Y}-01-01`, weight: 0 } }), 400, "invalid", "/weight");
  await ok(jiedao, "POST", `/api/projects/${pj.id}/notes`, { content: "代表巡查：施工围挡不规范，已提醒" }, 201);
  const st = await ok(jiedao, "POST", `/api/projects/${pj.id}/status`, { status: "done" });
  assert.equal(st.status_label, "已完成");

  // ---- evaluation: one per account; no breakdown under 3 responses ----
  const ev = (q, t, b, sat) => ({ quality: q, timeliness: t, benefit: b, satisfaction: sat });
  await ok(r1, "POST", `/api/projects/${pj.id}/evaluations`, { ...ev(5, 4, 5, "satisfied"), comment: "晚上亮堂多了" }, 201);
  expectError(await r1.request("POST", `/api/projects/${pj.id}/evaluations`, { body: ev(1, 1, 1, "unsatisfied") }), 409, "conflict");
  expectError(await jumin.request("POST", `/api/projects/${pj.id}/evaluations`, { body: ev(1, 1, 1, "unsatisfied") }), 404, "not_found");
  // A street's account is not one of the community's residents: no voice of its own.
  expectError(await jiedao.request("POST", `/api/projects/${pj.id}/evaluations`, { body: ev(1, 1, 1, "unsatisfied") }), 404, "not_found");
  expectError(await r2.request("POST", `/api/projects/${pj.id}/evaluations`, { body: ev(6, 1, 1, "satisfied") }), 400, "invalid", "/quality");
  await ok(r2, "POST", `/api/projects/${pj.id}/evaluations`, ev(3, 2, 4, "basically"), 201);
  let sum = (await ok(jiedao, "GET", `/api/projects/${pj.id}`)).evaluations;
  assert.deepEqual(sum, [{ year: Y, responses: 2, published: false }]);
  await ok(r3, "POST", `/api/projects/${pj.id}/evaluations`, ev(4, 3, 3, "unsatisfied"), 201);
  sum = (await ok(jiedao, "GET", `/api/projects/${pj.id}`)).evaluations;
  // Means by hand: quality (5+3+4)/3 = 4.00, timeliness (4+2+3)/3 = 3.00, benefit (5+4+3)/3 = 4.00.
  assert.deepEqual(sum, [{ year: Y, responses: 3, published: true, satisfaction: { satisfied: 1, basically: 1, unsatisfied: 1 }, mean: { quality: 4, timeliness: 3, benefit: 4 } }]);
  const ev2 = (await ok(r3, "GET", "/api/projects/evaluable")).items.map((p) => p.id);
  assert.deepEqual(ev2.sort((x, y) => x - y), projects.map((p) => p.id).sort((x, y) => x - y));

  // ---- 问责 ----
  const acc = await ok(jiedao, "POST", `/api/projects/${pj.id}/accountability`, { failure: "施工期间两处路灯未按期安装", responsible: "施工单位项目经理", deadline: `${Y}-07-15` }, 201);
  const rec = acc.accountability[0];
  assert.deepEqual([rec.failure, rec.responsible, rec.outcome, rec.closed_on], ["施工期间两处路灯未按期安装", "施工单位项目经理", null, null]);
  expectError(await jiedao.request("POST", `/api/projects/${pj.id}/accountability/${rec.id}/close`, { body: { outcome: "已整改", closed_on: "2000-02-30" } }), 400, "invalid", "/closed_on");
  const closed = await ok(jiedao, "POST", `/api/projects/${pj.id}/accountability/${rec.id}/close`, { outcome: "已补装并约谈施工单位", closed_on: `${Y}-07-10` });
  assert.deepEqual([closed.accountability[0].outcome, closed.accountability[0].closed_on], ["已补装并约谈施工单位", `${Y}-07-10`]);

  // ---- the chain ----
  const ch = await ok(jiedao, "GET", `/api/projects/${pj.id}/chain`);
  assert.equal(ch.project.id, pj.id);
  assert.equal(ch.project.progress, 100);
  assert.equal(ch.proposal.id, pA.id);
  assert.deepEqual(ch.needs.map((n) => n.id), [n1.id]);
  assert.deepEqual(ch.needs[0].merged.map((n) => n.id).sort((x, y) => x - y), [n2.id, n3.id]);
  assert.deepEqual(ch.demands.map((x) => x.id).sort((x, y) => x - y), [...demands].sort((x, y) => x - y));
  assert.deepEqual([ch.selection.id, ch.selection.ballot_id, ch.selection.status], [s.id, null, "adopted"]);
  assert.deepEqual(ch.selection.objections.map((x) => [x.content, x.answer]), [["助餐点选址离我们楼太远", "选址已征求周边三个楼门意见，另设送餐服务"], ["居民电话反映：路灯预算偏高", "已按审查核定金额调整"]]);
  assert.equal(ch.evaluations[0].responses, 3);
  assert.equal(ch.accountability.length, 1);
  assert.equal(ch.notes.length, 1);
  // The chain is a reader's route: a community cadre of another community does not see it.
  expectError(await shequ.request("GET", `/api/projects/${pj.id}/chain`), 404, "not_found");

  // ---- public page: no login, no personal data ----
  const res = await srv.request("GET", `/api/public/projects?org=${c2}&year=${Y}`);
  const pubj = expectStatus(res, 200).json;
  assert.equal(pubj.total, 3);
  // Paged: the chains are built for the page asked only.
  const p2 = expectStatus(await srv.request("GET", `/api/public/projects?org=${c2}&year=${Y}&size=2&page=2`), 200).json;
  assert.deepEqual([p2.total, p2.page, p2.size, p2.items.length], [3, 2, 2, 1]);
  expectError(await srv.request("GET", "/api/public/projects?size=51"), 400, "invalid", "/size");
  const pc = pubj.items.find((x) => x.project.id === pj.id);
  assert.equal(pc.project.progress, 100);
  assert.deepEqual(pc.evaluations, ch.evaluations);
  // Demands: number and category only, the do-not-publish one left out.
  assert.deepEqual(pc.demands.map((x) => x.id).sort((x, y) => x - y), [demands[0], demands[1]].sort((x, y) => x - y));
  for (const x of pc.demands) assert.deepEqual(Object.keys(x).sort(), ["category", "id", "need_id", "number"]);
  assert.deepEqual([pc.selection.objection_count, pc.selection.answered_count, pc.selection.objections], [2, 2, undefined]);
  assert.equal(pc.notes, undefined);
  assert.equal(pc.accountability[0].responsible, undefined);
  const text = res.text;
  for (const secret of [SECRET_NAME, SECRET_PHONE, SECRET_TEXT, "评议居民", "晚上亮堂多了", "助餐点选址离我们楼太远", "施工单位项目经理", "代表巡查"])
    assert.ok(!text.includes(secret), `the public page shows ${secret}`);
  // Every demand reporter's name and phone of the street stays off the page.
  for (const [name] of sql(srv.db, `SELECT DISTINCT reporter_name FROM demand WHERE reporter_name IS NOT NULL AND id IN (${demands.join(",")})`))
    assert.ok(!text.includes(name), `the public page shows ${name}`);
});

test("the progress roll-up and the publicity window come from data, not from input", async () => {
  // No field of any project route takes a progress: an unknown field is refused.
  const pj = (await ok(jiedao, "GET", `/api/projects?org=${c2}`)).items[1];
  expectError(await jiedao.request("POST", `/api/projects/${pj.id}/milestones`, { body: { title: "节点", planned_on: `${Y}-01-01`, weight: 1, progress: 100 } }), 400, "invalid", "/progress");
  // A new rule row from today changes the window of the next publication.
  await ok(jiedao, "POST", "/api/project-budgets", { org_id: c1, year: Y + 1, amount_fen: 100000 });
  const n = await ok(shequ, "POST", "/api/needs", { org_id: c1, year: Y + 1, title: "健身器材更新", source_kind: "survey" }, 201);
  const p = await ok(shequ, "POST", "/api/proposals", { org_id: c1, year: Y + 1, title: "健身器材", cost_fen: 50000, body: "社区居委会", needs: [{ need_id: n.id }] }, 201);
  await ok(shequ, "POST", `/api/proposals/${p.id}/review`, { verdict: "feasible" });
  const s = await ok(shequ, "POST", "/api/selections", { org_id: c1, year: Y + 1, basis: "居民代表会议", proposals: [{ proposal_id: p.id }] }, 201);
  sql(srv.db, `UPDATE proj_rule SET valid_to = '${today()}' WHERE rule_id = 'PROJ-PUBLICITY-DAYS'`);
  sql(srv.db, `INSERT INTO proj_rule (rule_id, value, valid_from, confidence, source) VALUES ('PROJ-PUBLICITY-DAYS', 5, '${today()}', 'local', '测试')`);
  const pub = await ok(shequ, "POST", `/api/selections/${s.id}/publish`);
  assert.deepEqual([pub.publicity_days, pub.publicity_until], [5, addDays(today(), 4)]);
  // The 居民 login of this community objects in their own name.
  assert.equal((await ok(jumin, "POST", `/api/selections/${s.id}/objections`, { content: "器材种类希望多一些" }, 201)).channel, "self");
});

test("the demo street's community: last year completed and evaluated, this year under way", async () => {
  const items = (await ok(shequ, "GET", `/api/projects?org=${c1}`)).items;
  const last = items.filter((p) => p.year === Y - 1), cur = items.filter((p) => p.year === Y);
  assert.ok(last.length >= 1 && cur.length >= 1);
  for (const p of last) assert.deepEqual([p.status, p.progress], ["done", 100]);
  for (const p of cur) {
    assert.equal(p.status, "ongoing");
    const w = p.milestones.reduce((t, m) => t + m.weight, 0), d = p.milestones.filter((m) => m.done_on).reduce((t, m) => t + m.weight, 0);
    assert.equal(p.progress, Math.floor((d * 100) / w));
    assert.ok(p.progress < 100);
  }
  const ch = await ok(shequ, "GET", `/api/projects/${last[0].id}/chain`);
  assert.ok(ch.evaluations[0].published && ch.evaluations[0].responses >= 3);
  // This year's needs link real demo demands, each taken in before the list was published.
  const cc = await ok(shequ, "GET", `/api/projects/${cur[0].id}/chain`);
  assert.ok(cc.demands.length >= 1, "a demo need links a real demo demand");
  for (const d of cc.demands) assert.ok(count(`SELECT created_at FROM demand WHERE id = ${d.id}`) < Date.parse(`${cc.selection.publicity_from}T00:00:00+08:00`) / 1000);
  assert.equal(count(`SELECT COUNT(*) FROM proj_accountability a JOIN project j ON j.id = a.project_id WHERE j.org_id = ${c1} AND j.year = ${Y - 1}`), 1);
});

// A small JPEG: start, an APP1 EXIF segment holding a position and a camera, a quantization
// table, a scan and the end marker; the EXIF segment is what must not be stored.
const segment = (marker, bytes) => Buffer.concat([Buffer.from([0xff, marker, (bytes.length + 2) >> 8, (bytes.length + 2) & 0xff]), bytes]);
const EXIF_SEG = segment(0xe1, Buffer.from("Exif\0\0GPS 31.2304N 121.4737E; Model=Huawei P60"));
const KEPT = [segment(0xdb, Buffer.alloc(65, 2)), segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])), Buffer.from([0x42, 0x43, 0xff, 0xd9])];
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8]), EXIF_SEG, ...KEPT]);
const upload = (who, project, buf, name) => {
  const form = new FormData();
  form.append("file", new Blob([buf]), name);
  return who.request("POST", `/api/projects/${project}/photos`, { raw: form });
};

test("project photos: JPEG or PNG from the bytes, metadata stripped before storing, nothing else kept", async () => {
  const pj = (await ok(shequ, "GET", `/api/projects?org=${c1}&year=${Y}`)).items[0];
  const before = count("SELECT COUNT(*) FROM proj_photo");
  const r = expectStatus(await upload(shequ, pj.id, JPEG, "施工现场.jpg"), 201).json;
  assert.equal(r.photos.length, 1);
  assert.equal(r.photos[0].file_name, "施工现场.jpg");
  const stored = sql(srv.db, `SELECT size, stripped_bytes FROM proj_photo WHERE id = ${r.photos[0].id}`)[0].map(Number);
  assert.deepEqual(stored, [JPEG.length - EXIF_SEG.length, EXIF_SEG.length]);
  assert.equal(count(`SELECT COUNT(*) FROM proj_photo WHERE ${PG ? "position('GPS'::bytea in data) > 0" : "instr(data, CAST('GPS' AS BLOB)) > 0"}`), 0, "no position stored");
  const dl = await shequ.request("GET", `/api/projects/${pj.id}/photos/${r.photos[0].id}`);
  expectStatus(dl, 200);
  assert.equal(dl.headers.get("content-type"), "image/jpeg");
  expectError(await upload(shequ, pj.id, Buffer.from("<html>not a photo</html>"), "x.jpg"), 400, "invalid", "/file");
  expectError(await upload(jiedao, 999999999, JPEG, "x.jpg"), 404, "not_found");
  // Another community's cadre neither uploads nor reads it.
  const other = await login(srv, "pjr1", "Resident-Passw0rd-9");
  expectError(await other.request("GET", `/api/projects/${pj.id}/photos/${r.photos[0].id}`), 403, "forbidden");
  assert.equal(count("SELECT COUNT(*) FROM proj_photo"), before + 1);
});
