// orglife_eval.test.js: 民主评议 and 学习记录 (issue 16): a round lists the branch's members on
// its date (预备党员 listed, not graded), records each member's evaluation with the grade people
// decided, warns (never refuses) when 优秀 passes a third, refuses 不合格 without improvement
// measures; study hours of a member equal a count made here from the records, a 班子成员's
// target is 56, and bad input is refused with field paths and nothing written.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError } = require("./lib/harness");

let srv, admin, shuji, dangyuan, branch;
const year = Number(today().slice(0, 4));
before(async () => {
  srv = await startServer({ demo: {} });
  [admin, shuji, dangyuan] = await Promise.all(["admin", "shuji", "dangyuan"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const one = (q) => sql(srv.db, q)[0][0];
const count = (q) => Number(one(q));
const roll = (org) => sql(srv.db, `SELECT person_id, status FROM member WHERE org_id = ${org} AND status IN ('probationary', 'full') ORDER BY person_id`)
  .map(([p, s]) => [Number(p), s === "probationary"]);
// A branch with a 预备党员 and at least five 正式党员.
const branchWithProbationary = () => Number(one(`SELECT m.org_id FROM member m JOIN org o ON o.id = m.org_id WHERE o.type = 'branch' AND m.status = 'probationary'
  AND (SELECT COUNT(*) FROM member f WHERE f.org_id = m.org_id AND f.status = 'full') >= 5 ORDER BY m.org_id LIMIT 1`));

test("an evaluation round: subjects from the roster, 预备党员 not graded, the 优秀 share warns, 不合格 needs measures", async () => {
  const org = branchWithProbationary();
  const r = expectStatus(await admin.request("POST", "/api/orglife/evaluations", { body: { org_id: org, year, note: "　年度民主评议　" } }), 201).json;
  assert.equal(r.grade_set, "four");
  assert.equal(r.rule_id, "EVAL-GRADES");
  assert.deepEqual(r.grades.map((g) => g.label), ["优秀", "合格", "基本合格", "不合格"]);
  assert.equal(r.note, "年度民主评议");
  assert.equal(r.held_on, today());
  const expected = roll(org);
  assert.deepEqual(r.subjects.map((s) => [s.person_id, s.probationary]).sort((a, b) => a[0] - b[0]), expected);
  const graded = expected.filter(([, p]) => !p).map(([p]) => p);
  const probationary = expected.filter(([, p]) => p).map(([p]) => p);
  assert.ok(probationary.length >= 1);
  assert.equal(r.graded_n, graded.length);
  assert.equal(r.probationary_n, probationary.length);
  assert.deepEqual(r.warnings, []);
  // A second round of the branch for the year is refused.
  expectError(await admin.request("POST", "/api/orglife/evaluations", { body: { org_id: org, year } }), 409, "conflict", "/year");

  const put = (p, body) => admin.request("PUT", `/api/orglife/evaluations/${r.id}/members/${p}`, { body });
  // 预备党员: takes part (self-evaluation kept) but gets no grade (EVAL-PROBATION).
  expectError(await put(probationary[0], { final_grade: "qualified" }), 409, "conflict", "/final_grade");
  expectError(await put(probationary[0], { proposed_grade: "excellent" }), 409, "conflict", "/proposed_grade");
  const pr = expectStatus(await put(probationary[0], { self_text: "积极参加组织生活" }), 200).json;
  assert.equal(pr.self_text, "积极参加组织生活");
  assert.equal(pr.final_grade, null);

  // A full record, decided at a meeting of the branch; a meeting of another org is refused.
  const [[own]] = sql(srv.db, `SELECT id FROM meeting WHERE org_id = ${org} ORDER BY id LIMIT 1`);
  const [[foreign]] = sql(srv.db, `SELECT id FROM meeting WHERE org_id <> ${org} ORDER BY id LIMIT 1`);
  expectError(await put(graded[0], { final_grade: "qualified", meeting_id: Number(foreign) }), 400, "invalid", "/meeting_id");
  const s0 = expectStatus(await put(graded[0], {
    self_text: "本年度认真履行党员义务", peer: { excellent: 3, qualified: 9, basic: 1, unqualified: 0 },
    proposed_grade: "qualified", final_grade: "qualified", meeting_id: Number(own),
  }), 200).json;
  assert.deepEqual(s0.peer, { excellent: 3, qualified: 9, basic: 1, unqualified: 0 });
  assert.deepEqual([s0.proposed_grade_label, s0.final_grade_label, s0.final_meeting_id], ["合格", "合格", Number(own)]);
  assert.ok(s0.final_by_name && s0.final_at > 0, "who recorded the decision and when");
  assert.deepEqual(sql(srv.db, "SELECT action FROM audit ORDER BY id DESC LIMIT 1"), [["eval.subject"]]);

  // 不合格 without improvement measures: refused, nothing written.
  const e = expectError(await put(graded[1], { final_grade: "unqualified", note: "　" }), 400, "invalid", "/note");
  assert.match(e.message, /EVAL-FAIL/);
  assert.equal(one(`SELECT COALESCE(final_grade, '-') FROM eval_subject WHERE round_id = ${r.id} AND person_id = ${graded[1]}`), "-");
  const fail = expectStatus(await put(graded[1], { final_grade: "unqualified", note: "限期改正，支委结对帮扶" }), 200).json;
  assert.ok(fail.warnings.some((w) => w.rule_id === "EVAL-FAIL"));
  expectStatus(await put(graded[1], { final_grade: "basic", note: null }), 200);

  // 优秀 up to a third: no warning; one more: a warning, never a refusal.
  const third = Math.floor(graded.length / 3);
  let last;
  for (let i = 0; i <= third; i++) {
    last = expectStatus(await put(graded[2 + i], { final_grade: "excellent" }), 200).json;
    assert.equal(last.warnings.some((w) => w.rule_id === "EVAL-QUOTA"), i === third, `${i + 1} 优秀 of ${graded.length}`);
  }
  const got = expectStatus(await admin.request("GET", `/api/orglife/evaluations/${r.id}`), 200).json;
  assert.equal(got.excellent_n, third + 1);
  assert.ok(got.warnings.some((w) => w.rule_id === "EVAL-QUOTA"));
  assert.ok(got.warnings.some((w) => w.rule_id === "EVAL-BASIC"), "基本合格 without measures is flagged");

  // The member's history: this round and last year's demo round.
  const [[mid]] = sql(srv.db, `SELECT id FROM member WHERE person_id = ${graded[0]}`);
  const hist = expectStatus(await admin.request("GET", `/api/members/${mid}/evaluations`), 200).json.items;
  assert.equal(hist[0].year, year);
  assert.equal(hist[0].final_grade, "qualified");
  assert.deepEqual(hist.map((h) => h.year), sql(srv.db, `SELECT r.year FROM eval_subject s JOIN eval_round r ON r.id = s.round_id WHERE s.person_id = ${graded[0]} ORDER BY r.year DESC`).map(([y]) => Number(y)));
  const list = expectStatus(await admin.request("GET", `/api/orglife/evaluations?org=${org}`), 200).json;
  assert.deepEqual(list.items.map((x) => x.year), [year, year - 1]);
});

test("last year's demo rounds: mostly 合格, 优秀 within a third, no 不合格, 基本合格 with measures", () => {
  const rows = sql(srv.db, `SELECT r.id, SUM(CASE WHEN s.probationary = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN s.final_grade = 'excellent' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.final_grade = 'qualified' THEN 1 ELSE 0 END), SUM(CASE WHEN s.final_grade = 'unqualified' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.final_grade = 'basic' AND s.note IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN s.probationary = 1 AND s.final_grade IS NOT NULL THEN 1 ELSE 0 END)
    FROM eval_round r JOIN eval_subject s ON s.round_id = r.id WHERE r.year = ${year - 1} GROUP BY r.id`).map((r) => r.map(Number));
  assert.ok(rows.length > 10);
  for (const [id, graded, excellent, qualified, unqualified, basicBare, probGraded] of rows) {
    assert.ok(excellent * 3 <= graded, `round ${id}: ${excellent} 优秀 of ${graded}`);
    assert.ok(qualified * 2 >= graded, `round ${id}: mostly 合格`);
    assert.deepEqual([unqualified, basicBare, probGraded], [0, 0, 0], `round ${id}`);
  }
});

test("the member's own evaluations, and a round with three grades has no 基本合格", async () => {
  const me = dangyuan.session.user.person_id;
  const mine = expectStatus(await dangyuan.request("GET", "/api/me/evaluations"), 200).json.items;
  assert.equal(mine.length, count(`SELECT COUNT(*) FROM eval_subject WHERE person_id = ${me}`));
  assert.ok(mine.every((x) => x.person_id === me));

  const [[other]] = sql(srv.db, `SELECT id FROM org WHERE type = 'branch' AND id <> ${branchWithProbationary()} AND dissolved_on IS NULL ORDER BY id DESC LIMIT 1`);
  const r = expectStatus(await admin.request("POST", "/api/orglife/evaluations", { body: { org_id: Number(other), year, grade_set: "three" } }), 201).json;
  assert.deepEqual(r.grades.map((g) => g.code), ["excellent", "qualified", "unqualified"]);
  const p = r.subjects.find((s) => !s.probationary).person_id;
  expectError(await admin.request("PUT", `/api/orglife/evaluations/${r.id}/members/${p}`, { body: { final_grade: "basic" } }), 400, "invalid", "/final_grade");
  expectError(await admin.request("PUT", `/api/orglife/evaluations/${r.id}/members/${p}`, { body: { peer: { basic: 2 } } }), 400, "invalid", "/peer/basic");
});

test("bad evaluation input is refused with field paths and nothing written", async () => {
  const rounds = count("SELECT COUNT(*) FROM eval_round");
  const e = expectError(await admin.request("POST", "/api/orglife/evaluations", { body: { year: "去年", grade_set: "five" } }), 400, "invalid");
  assert.deepEqual(e.fields.map((f) => f.field).sort(), ["/grade_set", "/org_id", "/year"]);
  expectError(await admin.request("POST", "/api/orglife/evaluations", { body: { org_id: branch, year: year + 1 } }), 400, "invalid", "/year");
  const [[community]] = sql(srv.db, "SELECT id FROM org WHERE type = 'community_committee' LIMIT 1");
  expectError(await admin.request("POST", "/api/orglife/evaluations", { body: { org_id: Number(community), year } }), 400, "invalid", "/org_id");
  expectError(await admin.request("POST", "/api/orglife/evaluations", { body: { org_id: branch, year: year - 3, held_on: `${year}-12-01` } }), 400, "invalid", "/held_on");
  assert.equal(count("SELECT COUNT(*) FROM eval_round"), rounds);
  const [[rid, pid]] = sql(srv.db, `SELECT s.round_id, s.person_id FROM eval_subject s JOIN eval_round r ON r.id = s.round_id WHERE r.year = ${year - 1} AND s.probationary = 0 LIMIT 1`);
  const before = sql(srv.db, `SELECT * FROM eval_subject WHERE round_id = ${rid} AND person_id = ${pid}`);
  const f = expectError(await admin.request("PUT", `/api/orglife/evaluations/${rid}/members/${pid}`, { body: { final_grade: "great", peer: { excellent: -1 } } }), 400, "invalid");
  assert.deepEqual(f.fields.map((x) => x.field).sort(), ["/final_grade", "/peer/excellent"]);
  expectError(await admin.request("PUT", `/api/orglife/evaluations/${rid}/members/999999999`, { body: { self_text: "x" } }), 404, "not_found");
  assert.deepEqual(sql(srv.db, `SELECT * FROM eval_subject WHERE round_id = ${rid} AND person_id = ${pid}`), before);
});

// Hours of a person in the year, counted here from the records.
const handCount = (p) => count(`SELECT COALESCE(SUM(hours), 0) FROM study_record WHERE person_id = ${p} AND studied_on BETWEEN '${year}-01-01' AND '${year}-12-31'`);
const hoursOf = async (client, org, p) => {
  const all = expectStatus(await client.request("GET", `/api/orglife/study-hours?org=${org}&year=${year}&size=200`), 200).json;
  return { list: all, row: all.items.find((x) => x.person_id === p) };
};

test("study hours equal a count of the records; a 班子成员's target is 56; listed by name, not by hours", async () => {
  const members = roll(branch).map(([p]) => p);
  const leaders = sql(srv.db, `SELECT DISTINCT m.person_id FROM org_post op JOIN member m ON m.id = op.member_id WHERE m.org_id = ${branch} AND op.ended_on IS NULL`).map(([p]) => Number(p));
  const plain = members.find((p) => !leaders.includes(p));
  assert.ok(leaders.length && plain);

  const m = expectStatus(await shuji.request("POST", "/api/orglife/materials", { body: { org_id: branch, title: "　支部学习材料：党章第一章　", kind: "document", hours: 4, published_on: today() } }), 201).json;
  assert.deepEqual([m.title, m.kind_label, m.hours], ["支部学习材料：党章第一章", "文件", 4]);
  const before = handCount(plain);
  expectStatus(await shuji.request("POST", "/api/orglife/study", { body: { org_id: branch, items: [
    { person_id: plain, material_id: m.id, studied_on: today() },
    { person_id: plain, title: "送学上门：学习党章", kind: "lecture", studied_on: today(), hours: 2, delivered: true },
    { person_id: leaders[0], material_id: m.id, studied_on: today() },
  ] } }), 201);
  assert.equal(handCount(plain), before + 6);

  const { list, row } = await hoursOf(shuji, branch, plain);
  assert.deepEqual([row.hours, row.target, row.leader, row.met], [handCount(plain), 32, false, handCount(plain) >= 32]);
  const lead = list.items.find((x) => x.person_id === leaders[0]);
  assert.deepEqual([lead.hours, lead.target, lead.leader, lead.rule_id], [handCount(leaders[0]), 56, true, "LIFE-TRAIN"]);
  for (const x of list.items) assert.equal(x.hours, handCount(x.person_id), `hours of ${x.person_id}`);
  const byName = sql(srv.db, `SELECT p.id FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path LIKE (SELECT path FROM org WHERE id = ${branch}) || '%' AND m.status IN ('probationary', 'full') ORDER BY p.name_initials, p.name, p.id`).map(([p]) => Number(p));
  assert.deepEqual(list.items.map((x) => x.person_id), byName);
  assert.ok(list.items.some((x) => !x.met), "some members are below the target");
  assert.ok(list.items.filter((x) => x.hours >= x.target * 0.75).length * 2 > list.items.length, "most are near it");

  // above=1: what the branch's members may study, the branch's own and those of the orgs over
  // it (the street's); without it, only what the branch's subtree published.
  const path = one(`SELECT path FROM org WHERE id = ${branch}`);
  const mats = (q) => shuji.request("GET", `/api/orglife/materials?org=${branch}&size=200${q}`).then((r) => expectStatus(r, 200).json.items);
  const up = await mats("&above=1"), own = await mats("");
  const onPath = sql(srv.db, `SELECT s.id FROM study_material s WHERE '${path}' LIKE s.org_path || '%' ORDER BY s.published_on DESC, s.id DESC`).map(([i]) => Number(i));
  assert.deepEqual(up.map((x) => x.id), onPath);
  assert.ok(up.some((x) => x.org_id !== branch) && up.some((x) => x.id === m.id), "the street's and the branch's own");
  assert.ok(own.every((x) => x.org_id === branch) && own.some((x) => x.id === m.id));
  expectError(await shuji.request("GET", `/api/orglife/materials?org=${branch}&above=是`), 400, "invalid", "/above");

  // A material is credited once per person: the whole request is refused, nothing written.
  const n = count("SELECT COUNT(*) FROM study_record");
  expectError(await shuji.request("POST", "/api/orglife/study", { body: { org_id: branch, items: [
    { person_id: leaders[0], title: "自学", studied_on: today(), hours: 1 },
    { person_id: plain, material_id: m.id, studied_on: today() },
  ] } }), 409, "conflict", "/items/1/material_id");
  assert.equal(count("SELECT COUNT(*) FROM study_record"), n);
});

test("a member's own study: entered for themselves, the year's total against the target", async () => {
  const me = dangyuan.session.user.person_id;
  const mine = expectStatus(await dangyuan.request("GET", `/api/me/study?year=${year}`), 200).json;
  assert.equal(mine.summary.hours, handCount(me));
  assert.equal(mine.summary.hours, mine.items.reduce((t, x) => t + x.hours, 0));
  assert.equal(mine.summary.target, mine.summary.leader ? 56 : 32);
  assert.ok(mine.materials.length > 0, "materials of the orgs above to pick from");
  expectStatus(await dangyuan.request("POST", "/api/me/study", { body: { title: "自学《中国共产党章程》", kind: "book", studied_on: today(), hours: 2 } }), 201);
  const again = expectStatus(await dangyuan.request("GET", "/api/me/study"), 200).json;
  assert.equal(again.summary.hours, mine.summary.hours + 2);
  assert.equal(again.items[0].source_label, "本人登记");
  const n = count("SELECT COUNT(*) FROM study_record");
  expectError(await dangyuan.request("POST", "/api/me/study", { body: { title: "明天的学习", studied_on: "2999-01-01", hours: 2 } }), 400, "invalid", "/studied_on");
  expectError(await dangyuan.request("POST", "/api/me/study", { body: { studied_on: today(), hours: 2 } }), 400, "invalid", "/title");
  assert.equal(count("SELECT COUNT(*) FROM study_record"), n);
});

test("bad study input is refused with field paths and nothing written", async () => {
  const n = count("SELECT COUNT(*) FROM study_record");
  const materials = count("SELECT COUNT(*) FROM study_material");
  const e = expectError(await shuji.request("POST", "/api/orglife/study", { body: { org_id: branch, items: [{ person_id: 1, studied_on: "昨天", hours: 0 }, { hours: 30 }] } }), 400, "invalid");
  assert.deepEqual(e.fields.map((f) => f.field).sort(), ["/items/0/hours", "/items/0/studied_on", "/items/1/hours", "/items/1/person_id", "/items/1/studied_on"]);
  const [[outsider]] = sql(srv.db, `SELECT person_id FROM member WHERE org_path NOT LIKE (SELECT path FROM org WHERE id = ${branch}) || '%' AND status = 'full' LIMIT 1`);
  const [[inside]] = sql(srv.db, `SELECT person_id FROM member WHERE org_id = ${branch} AND status = 'full' LIMIT 1`);
  expectError(await shuji.request("POST", "/api/orglife/study", { body: { org_id: branch, items: [
    { person_id: Number(inside), title: "集中学习", studied_on: today(), hours: 2 },
    { person_id: Number(outsider), title: "集中学习", studied_on: today(), hours: 2 },
  ] } }), 400, "invalid", "/items/1/person_id");
  expectError(await shuji.request("POST", "/api/orglife/study", { body: { org_id: branch, items: [{ person_id: Number(inside), material_id: 999999999, studied_on: today() }] } }), 400, "invalid", "/items/0/material_id");
  const m = expectError(await shuji.request("POST", "/api/orglife/materials", { body: { org_id: branch, title: "x", kind: "poster", hours: 0 } }), 400, "invalid");
  assert.deepEqual(m.fields.map((f) => f.field).sort(), ["/hours", "/kind", "/published_on", "/title"]);
  assert.equal(count("SELECT COUNT(*) FROM study_record"), n);
  assert.equal(count("SELECT COUNT(*) FROM study_material"), materials);
});
