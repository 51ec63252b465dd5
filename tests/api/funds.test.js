// funds.test.js: community Party-building funds (社区党建经费, issue 23) over the API on the demo
// street: one quarter walked through (two communities' plans submitted, forwarded by the street
// in one action, reviewed per activity by the district with one adjusted and one refused,
// allocated, one allocation over the budget left refused until an override is recorded), the
// ledger's rows summing to their parent's at the district, street and community levels (on
// the new year and on the demo's year with spending), the reviewing level enforced (the street
// and the community may not review, the community may not forward), and bad input refused
// with its field path and nothing written. The district is the demo's root org (区委组织部);
// its cadre is an org_admin granted there.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, today, expectStatus, expectError, PG } = require("./lib/harness");
const { readXlsx } = require("./lib/xlsx");

let srv, admin, quwei, jiedao, shequ, shuji, district, street, c1, c2;
const Y = Number(today().slice(0, 4)) + 1; // next year: every quarter's deadline is ahead
const count = (q) => Number(sql(srv.db, q)[0][0]);
const plans = () => count("SELECT COUNT(*) FROM fund_plan") + count("SELECT COUNT(*) FROM fund_activity") * 1000;

before(async () => {
  srv = await startServer({ demo: {} });
  [admin, jiedao, shequ, shuji] = await Promise.all(["admin", "jiedao", "shequ", "shuji"].map((u) => login(srv, u)));
  district = admin.session.grants[0].org_id;
  street = jiedao.session.grants[0].org_id;
  c1 = shequ.session.grants[0].org_id;
  c2 = Number(sql(srv.db, `SELECT MIN(id) FROM org WHERE parent_id = ${street} AND type IN ('community_committee', 'general_branch') AND id <> ${c1}`)[0][0]);
  assert.equal(sql(srv.db, `SELECT type FROM org WHERE id = ${district}`)[0][0], "district");
  const add = cli(["user", "add", "--db", srv.db, "--username", "quwei", "--password", "District-Passw0rd-1", "--role", "org_admin", "--org", String(district)]);
  assert.equal(add.status, 0, add.stderr);
  sql(srv.db, "UPDATE user_account SET must_change_password = 0 WHERE username = 'quwei'");
  quwei = await login(srv, "quwei", "District-Passw0rd-1");
});
after(async () => { await srv.stop(); });

const lines = (...fen) => fen.map((f, i) => ({ category: i % 2 ? "venue" : "materials", amount_fen: f }));
const act = (title, date, ...fen) => ({ title, date, participants: 30, budget_lines: lines(...fen) });
const SUMS = ["budget_fen", "reserve_fen", "allocated_fen", "spent_fen", "remaining_fen"];
// The ledger of org: its items' sums equal its total row, field by field.
async function ledger(who, org, year) {
  const l = expectStatus(await who.request("GET", `/api/funds/ledger?org=${org}&year=${year}`), 200).json;
  assert.equal(l.total.org_id, org);
  for (const k of SUMS) assert.equal(l.items.reduce((t, r) => t + r[k], 0), l.total[k], `ledger of ${org} ${year}: items' ${k} sum to the total`);
  for (const r of l.items) assert.equal(r.remaining_fen, r.budget_fen - r.reserve_fen - r.allocated_fen);
  return l;
}
// The ledger at every level: the district's row of the street is the street's total, the
// street's row of each community is that community's total.
async function ledgerEveryLevel(year) {
  const d = await ledger(admin, district, year);
  const s = await ledger(jiedao, street, year);
  assert.deepEqual([d.level, s.level], ["district", "street"]);
  assert.deepEqual(d.items.find((r) => r.org_id === street), s.total);
  for (const row of s.items) {
    const c = await ledger(admin, row.org_id, year);
    assert.equal(c.level, "community");
    assert.deepEqual(c.total, row);
  }
  return s;
}

test("one quarter: plans → the street forwards all at once → the district reviews each activity → allocation → ledger", async () => {
  // Budgets: the rule's defaults (10000 元, 1500 元 held back) for one, given amounts for the other.
  const b1 = expectStatus(await quwei.request("PUT", "/api/funds/budgets", { body: { org_id: c1, year: Y } }), 200).json;
  assert.deepEqual([b1.amount_fen, b1.reserve_fen, b1.rule, b1.rule_set], [1000000, 150000, "FUND-BUDGET", "funds-2012"]);
  expectStatus(await quwei.request("PUT", "/api/funds/budgets", { body: { org_id: c2, year: Y, amount_fen: 300000, reserve_fen: 100000, source: "区财政" } }), 200);
  expectError(await jiedao.request("PUT", "/api/funds/budgets", { body: { org_id: c2, year: Y, amount_fen: 1 } }), 403, "forbidden");

  // The community's cadre writes its plan; the street's cadre writes the other's.
  const p1 = expectStatus(await shequ.request("POST", "/api/funds/plans", { body: { org_id: c1, year: Y, quarter: 1, activities: [
    act("主题党日：重温入党誓词", `${Y}-01-20`, 30000, 20000), act("党史学习讲座", `${Y}-02-10`, 80000), act("红色观影", `${Y}-03-05`, 10000)] } }), 201).json;
  assert.equal(p1.status, "draft");
  assert.equal(p1.requested_fen, 140000);
  assert.deepEqual(p1.activities[0].budget_lines.map((l) => [l.category, l.category_label, l.amount_fen]), [["materials", "宣传与学习资料", 30000], ["venue", "场地与布置", 20000]]);
  const p2 = expectStatus(await jiedao.request("POST", "/api/funds/plans", { body: { org_id: c2, year: Y, quarter: 1, activities: [act("邻里节", `${Y}-03-28`, 150000, 100000)] } }), 201).json;
  const [a, b, c] = p1.activities.map((x) => x.id);

  // Only the street forwards; nothing is forwarded before it is submitted.
  expectError(await shequ.request("POST", `/api/funds/plans/${p1.id}/forward`, { body: {} }), 403, "forbidden");
  expectError(await jiedao.request("POST", `/api/funds/plans/${p1.id}/forward`, { body: {} }), 409, "conflict", "/status");
  expectStatus(await shequ.request("POST", `/api/funds/plans/${p1.id}/submit`), 200);
  expectStatus(await jiedao.request("POST", `/api/funds/plans/${p2.id}/submit`), 200);
  expectError(await shequ.request("POST", `/api/funds/plans/${p1.id}/submit`), 409, "conflict", "/status");

  // One action forwards every submitted plan of the street's communities, with comments.
  const fw = expectStatus(await jiedao.request("POST", "/api/funds/forward", { body: { org_id: street, year: Y, quarter: 1, comments: [{ activity_id: b, comment: "讲座可与邻近社区合办" }] } }), 200).json;
  assert.deepEqual(fw.plan_ids.sort(), [p1.id, p2.id].sort());
  expectError(await jiedao.request("POST", "/api/funds/forward", { body: { org_id: street, year: Y, quarter: 1 } }), 400, "invalid", "/quarter");
  const agg = expectStatus(await jiedao.request("GET", `/api/funds/plans?org=${street}&year=${Y}&quarter=1`), 200).json;
  assert.deepEqual(agg.items.map((p) => p.status), ["forwarded", "forwarded"]);
  assert.equal(agg.items.find((p) => p.id === p1.id).activities[1].street_comment, "讲座可与邻近社区合办");

  // Only the district reviews: the street and the community get 403 and nothing is decided.
  const decisions = [{ activity_id: a, decision: "approve" }, { activity_id: b, decision: "adjust", amount_fen: 60000, reason: "讲座费用按区里标准核减" }, { activity_id: c, decision: "refuse", reason: "与主题党日内容重复" }];
  expectError(await jiedao.request("POST", `/api/funds/plans/${p1.id}/review`, { body: { decisions } }), 403, "forbidden");
  expectError(await shequ.request("POST", `/api/funds/plans/${p1.id}/review`, { body: { decisions } }), 403, "forbidden");
  expectError(await quwei.request("POST", `/api/funds/plans/${p1.id}/review`, { body: { decisions: [decisions[0], { activity_id: c, decision: "refuse" }] } }), 400, "invalid", "/decisions/1/reason");
  expectError(await quwei.request("POST", `/api/funds/plans/${p1.id}/review`, { body: { decisions: [{ activity_id: b, decision: "adjust", reason: "核减" }] } }), 400, "invalid", "/decisions/0/amount_fen");
  expectError(await quwei.request("POST", `/api/funds/plans/${p1.id}/review`, { body: { decisions: [{ activity_id: p2.activities[0].id, decision: "approve" }] } }), 400, "invalid", "/decisions/0/activity_id");
  assert.equal(count(`SELECT COUNT(*) FROM fund_activity WHERE plan_id = ${p1.id} AND decision IS NOT NULL`), 0);
  expectError(await quwei.request("POST", `/api/funds/plans/${p1.id}/allocate`, { body: {} }), 409, "conflict", "/status");
  const r1 = expectStatus(await quwei.request("POST", `/api/funds/plans/${p1.id}/review`, { body: { decisions } }), 200).json;
  assert.equal(r1.status, "reviewed");
  assert.deepEqual(r1.activities.map((x) => [x.decision, x.approved_fen, x.reason]),
    [["approved", 50000, null], ["adjusted", 60000, "讲座费用按区里标准核减"], ["refused", 0, "与主题党日内容重复"]]);
  assert.equal(r1.approved_fen, 110000);

  // Allocation: within the budget left; over it only with a recorded override.
  expectError(await jiedao.request("POST", `/api/funds/plans/${p1.id}/allocate`, { body: {} }), 403, "forbidden");
  const al1 = expectStatus(await quwei.request("POST", `/api/funds/plans/${p1.id}/allocate`, { body: {} }), 200).json;
  assert.equal(al1.allocated_fen, 110000);
  assert.equal(al1.plan.status, "allocated");
  expectStatus(await quwei.request("POST", `/api/funds/plans/${p2.id}/review`, { body: { decisions: [{ activity_id: p2.activities[0].id, decision: "approve" }] } }), 200);
  const before = count("SELECT COUNT(*) FROM fund_allocation");
  const over = expectError(await quwei.request("POST", `/api/funds/plans/${p2.id}/allocate`, { body: {} }), 409, "conflict", "/override_reason");
  assert.match(over.message, /2500\.00 元.*剩余预算 2000\.00 元/);
  assert.equal(count("SELECT COUNT(*) FROM fund_allocation"), before);
  expectStatus(await quwei.request("POST", `/api/funds/plans/${p2.id}/allocate`, { body: { override_reason: "邻里节经区委同意追加" } }), 200);
  assert.equal(sql(srv.db, `SELECT override_reason FROM fund_allocation WHERE plan_id = ${p2.id}`)[0][0], "邻里节经区委同意追加");
  assert.equal(count(`SELECT COUNT(*) FROM fund_allocation WHERE plan_id = ${p1.id}`), 2, "no allocation for the refused activity");
  const audit = sql(srv.db, `SELECT action FROM audit WHERE target_type = 'fund_plan' AND target_id = ${p1.id} ORDER BY id`).map((r) => r[0]);
  assert.deepEqual(audit, ["funds.plan", "funds.submit", "funds.forward", "funds.review", "funds.allocate"]);

  // The ledger: every level's rows sum to their parent's row.
  const s = await ledgerEveryLevel(Y);
  const row1 = s.items.find((r) => r.org_id === c1), row2 = s.items.find((r) => r.org_id === c2);
  assert.deepEqual(SUMS.map((k) => row1[k]), [1000000, 150000, 110000, 0, 740000]);
  assert.deepEqual(SUMS.map((k) => row2[k]), [300000, 100000, 250000, 0, -50000]);
  expectError(await quwei.request("PUT", "/api/funds/budgets", { body: { org_id: c1, year: Y, amount_fen: 200000 } }), 409, "conflict", "/amount_fen");
});

test("the demo's year: plans, decisions, spending and a ledger that adds up at every level", async () => {
  const year = Number(today().slice(0, 4));
  const s = await ledgerEveryLevel(year);
  assert.ok(s.items.length >= 8);
  assert.ok(s.items.every((r) => r.budget_fen === 1000000 && r.reserve_fen === 150000));
  assert.ok(s.total.spent_fen > 0 && s.total.allocated_fen > 0);
  // One community spends well under its allocation; one activity was refused.
  assert.equal(s.items.filter((r) => r.allocated_fen && r.spent_fen * 2 < r.allocated_fen).length, 1);
  assert.equal(count(`SELECT COUNT(*) FROM fund_activity a JOIN fund_plan p ON p.id = a.plan_id WHERE p.year = ${year} AND a.decision = 'refused'`), 1);
  assert.ok(count(`SELECT COUNT(*) FROM fund_activity a JOIN fund_plan p ON p.id = a.plan_id WHERE p.year = ${year} AND a.decision = 'adjusted'`) >= 8);
  const quarter = Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1;
  const now = expectStatus(await jiedao.request("GET", `/api/funds/plans?year=${year}&quarter=${quarter}`), 200).json;
  assert.equal(now.items.filter((p) => p.status === "forwarded").length, s.items.length - 1);
  assert.equal(now.items.filter((p) => p.status === "submitted").length, 1);
  const rules = expectStatus(await shequ.request("GET", "/api/funds/rules"), 200).json;
  assert.deepEqual([...new Set(rules.rules.map((r) => r.id))].sort(), ["FUND-BUDGET", "FUND-DEADLINE", "FUND-INCENTIVE", "FUND-RESERVE"]);
  assert.ok(rules.categories.some((k) => k.code === "materials" && k.label === "宣传与学习资料"));
});

test("bad input: a clear zh-CN error with its field path, nothing written", async () => {
  const base = { org_id: c1, year: Y, quarter: 2, activities: [act("党员志愿服务进小区", `${Y}-05-01`, 50000)] };
  let n0 = plans();
  const bad = async (body, status, code, field, re, who = shequ) => {
    const r = expectError(await who.request("POST", "/api/funds/plans", { body }), status, code, field);
    if (re) assert.match(r.message, re);
    assert.equal(plans(), n0, `nothing written for ${field}`);
  };
  const withLine = (amount_fen, category = "materials") => ({ ...base, activities: [{ ...base.activities[0], budget_lines: [{ category, amount_fen }] }] });
  await bad(withLine(-100), 400, "invalid", "/activities/0/budget_lines/0/amount_fen");
  await bad(withLine(12.5), 400, "invalid", "/activities/0/budget_lines/0/amount_fen");
  await bad(withLine(100, "banquet"), 400, "invalid", "/activities/0/budget_lines/0/category", /类别不存在/);
  await bad({ ...base, activities: [act("党史学习讲座", `${Y}-07-01`, 100)] }, 400, "invalid", "/activities/0/date", /第2季度/);
  await bad({ ...base, year: Y - 1, quarter: 1, activities: [act("党史学习讲座", `${Y - 1}-02-01`, 100)] }, 400, "invalid", "/quarter", /已过报送截止日期/);
  await bad({ ...base, org_id: street }, 400, "invalid", "/org_id", /社区党组织/, jiedao);
  await bad({ ...base, org_id: street }, 404, "not_found");
  await bad({ ...base, quarter: 5 }, 400, "invalid", "/quarter");
  await bad({ ...base, org_id: c2 + 100000 }, 404, "not_found");
  // Typed with a Chinese input method: a full-width date and blanks around the title.
  const wide = (t) => t.replace(/[0-9-]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const ok = expectStatus(await shequ.request("POST", "/api/funds/plans", { body: { ...base, activities: [{ ...base.activities[0], title: "\u3000党员志愿服务进小区\u00a0", date: wide(`${Y}-05-01`) }] } }), 201).json;
  assert.deepEqual([ok.requested_fen, ok.activities[0].title, ok.activities[0].date], [50000, "党员志愿服务进小区", `${Y}-05-01`]);
  n0 = plans();
  await bad(base, 409, "conflict", "/quarter", /已有经费计划/);
  expectError(await shequ.request("POST", `/api/funds/plans/${ok.id}/forward`, { body: { comments: [{ activity_id: ok.activities[0].id, comment: "" }] } }), 400, "invalid", "/comments/0/comment");
  expectError(await quwei.request("PUT", "/api/funds/budgets", { body: { org_id: c1, year: Y, amount_fen: 100, reserve_fen: 200 } }), 400, "invalid", "/reserve_fen");
  expectError(await quwei.request("PUT", "/api/funds/budgets", { body: { org_id: street, year: Y } }), 400, "invalid", "/org_id");
});

test("scope: a branch secretary has no funds, a community sees only its own plans", async () => {
  expectError(await shuji.request("GET", "/api/funds/ledger"), 403, "forbidden");
  expectError(await shequ.request("GET", `/api/funds/ledger?org=${street}`), 404, "not_found", "/org");
  const other = sql(srv.db, `SELECT MIN(id) FROM fund_plan WHERE org_id = ${c2}`)[0][0];
  expectError(await shequ.request("GET", `/api/funds/plans/${other}`), 404, "not_found");
  const mine = expectStatus(await shequ.request("GET", `/api/funds/plans?year=${Y}`), 200).json;
  assert.ok(mine.items.length >= 1 && mine.items.every((p) => p.org_id === c1));
});

// A small JPEG: start, an APP1 EXIF segment holding a position and a camera, a quantization
// table, a scan and the end marker; the EXIF segment is what must not be stored.
const segment = (marker, bytes) => Buffer.concat([Buffer.from([0xff, marker, (bytes.length + 2) >> 8, (bytes.length + 2) & 0xff]), bytes]);
const EXIF_SEG = segment(0xe1, Buffer.from("Exif\0\0GPS 31.2304N 121.4737E; Model=Huawei P60"));
const KEPT = [segment(0xdb, Buffer.alloc(65, 2)), segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])), Buffer.from([0x42, 0x43, 0xff, 0xd9])];
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8]), EXIF_SEG, ...KEPT]);
const upload = (who, activity, buf, name) => {
  const form = new FormData();
  form.append("file", new Blob([buf]), name);
  return who.request("POST", `/api/funds/activities/${activity}/photos`, { raw: form });
};

test("use and evidence: spending with receipts, photos stripped of EXIF, the district's check, variance", async () => {
  const year = Number(today().slice(0, 4));
  const quarter = Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1;
  // This quarter's demo plan of the community, forwarded: the district approves and allocates it.
  const plan = expectStatus(await shequ.request("GET", `/api/funds/plans?year=${year}&quarter=${quarter}`), 200).json.items[0];
  assert.equal(plan.status, "forwarded");
  const [first, second] = plan.activities;
  // Nothing can be recorded before the money is allocated.
  expectError(await shequ.request("POST", `/api/funds/activities/${first.id}/use`, { body: { held_on: first.date, participants: 20, summary: "已开展", spending: [{ category: "materials", amount_fen: 100, spent_on: first.date }] } }), 409, "conflict", "/id");
  expectError(await upload(shequ, first.id, JPEG, "现场.jpg"), 409, "conflict", "/id");
  expectStatus(await quwei.request("POST", `/api/funds/plans/${plan.id}/review`, { body: { decisions: plan.activities.map((a) => ({ activity_id: a.id, decision: "approve" })) } }), 200);
  expectStatus(await quwei.request("POST", `/api/funds/plans/${plan.id}/allocate`, { body: { override_reason: "年末集中安排" } }), 200);

  // The community records the first activity: spending lines with receipts.
  // Held today at the latest (the plan's date may still be ahead), so the test holds on any day.
  const day = today();
  const use = { held_on: day, participants: 26, summary: "按计划开展，签到表存档", spending: [
    { category: "materials", amount_fen: 30000, spent_on: day, receipt_no: "ＦＰ２０２６００１" }, { category: "venue", amount_fen: 12000, spent_on: day }] };
  const spends = () => count(`SELECT COUNT(*) FROM fund_spend WHERE activity_id = ${first.id}`);
  expectError(await shequ.request("POST", `/api/funds/activities/${first.id}/use`, { body: { ...use, spending: [{ ...use.spending[0], amount_fen: -5 }] } }), 400, "invalid", "/spending/0/amount_fen");
  expectError(await shequ.request("POST", `/api/funds/activities/${first.id}/use`, { body: { ...use, spending: [{ ...use.spending[0], category: "banquet" }] } }), 400, "invalid", "/spending/0/category");
  expectError(await shequ.request("POST", `/api/funds/activities/${first.id}/use`, { body: { ...use, held_on: `${year + 1}-01-01` } }), 400, "invalid", "/held_on");
  assert.equal(spends(), 0);
  const used = expectStatus(await shequ.request("POST", `/api/funds/activities/${first.id}/use`, { body: use }), 200).json;
  assert.deepEqual([used.used_on, used.used_participants, used.spent_fen], [day, 26, 42000]);
  assert.deepEqual(used.spending.map((s) => [s.category_label, s.amount_fen, s.receipt_no]), [["宣传与学习资料", 30000, "FP2026001"], ["场地与布置", 12000, null]]);
  expectError(await shequ.request("POST", `/api/funds/activities/${first.id}/use`, { body: use }), 409, "conflict", "/id");
  assert.equal(spends(), 2);

  // Evidence photos: JPEG or PNG read from the bytes, EXIF gone before storing.
  const ph = expectStatus(await upload(shequ, first.id, JPEG, "现场.jpg"), 201).json;
  assert.equal(ph.photo_ids.length, 1);
  const dl = await shequ.request("GET", `/api/funds/activities/${first.id}/photos/${ph.photo_ids[0]}`);
  expectStatus(dl, 200);
  assert.equal(dl.headers.get("content-type"), "image/jpeg");
  assert.equal(Buffer.from(dl.text, "latin1").length > 0, true);
  const stored = sql(srv.db, `SELECT size, stripped_bytes FROM fund_photo WHERE id = ${ph.photo_ids[0]}`)[0].map(Number);
  assert.deepEqual(stored, [JPEG.length - EXIF_SEG.length, EXIF_SEG.length]);
  assert.equal(count(`SELECT COUNT(*) FROM fund_photo WHERE id = ${ph.photo_ids[0]} AND ${PG ? "position('GPS'::bytea in data) > 0" : "instr(data, CAST('GPS' AS BLOB)) > 0"}`), 0, "no position stored");
  expectError(await upload(shequ, first.id, Buffer.from("<html>not a photo</html>"), "x.jpg"), 400, "invalid", "/file");

  // The district's check: only the district, a reason unless as planned, only once recorded.
  expectError(await jiedao.request("POST", `/api/funds/activities/${first.id}/check`, { body: { result: "as_planned" } }), 403, "forbidden");
  expectError(await quwei.request("POST", `/api/funds/activities/${first.id}/check`, { body: { result: "partly" } }), 400, "invalid", "/reason");
  expectError(await quwei.request("POST", `/api/funds/activities/${second.id}/check`, { body: { result: "as_planned" } }), 409, "conflict", "/id");
  const checked = expectStatus(await quwei.request("POST", `/api/funds/activities/${first.id}/check`, { body: { result: "partly", reason: "场地费超出计划" } }), 200).json;
  assert.deepEqual([checked.check_result, checked.check_label, checked.check_reason], ["partly", "部分按计划使用", "场地费超出计划"]);

  // Variance: per allocated activity, approved vs spent; the totals add up.
  const v = expectStatus(await jiedao.request("GET", `/api/funds/variance?org=${c1}&year=${year}`), 200).json;
  const row = v.items.find((r) => r.activity_id === first.id);
  assert.deepEqual([row.approved_fen, row.spent_fen, row.variance_fen, row.check_label], [first.requested_fen, 42000, 42000 - first.requested_fen, "部分按计划使用"]);
  assert.equal(v.items.reduce((t, r) => t + r.spent_fen, 0), v.total.spent_fen);
  assert.equal(v.total.variance_fen, v.total.spent_fen - v.total.approved_fen);
  assert.ok(v.items.some((r) => r.check_result === "as_planned"));
  const audit = sql(srv.db, `SELECT action FROM audit WHERE target_type = 'fund_activity' AND target_id = ${first.id} ORDER BY id`).map((r) => r[0]);
  assert.deepEqual(audit, ["funds.use", "funds.photo", "funds.check"]);
});

// After the use test: the community's quarter has every activity approved and allocated, the
// first held with 26 people and checked as partly used, the rest not yet held; its budget
// leaves 10000 − 1500 = 8500 元 a year, 2125 元 a quarter. Worked by hand with FUND-INCENTIVE
// (held 40%, evidence 30%, participation 30%, 30 people an activity, spread ±20%), rounding
// down at every step:
//   two activities:   held 1/2 = 5000; evidence (0 + 1) / 4 = 2500; participation 26/30 = 8666;
//                     score (4000·5000 + 3000·2500 + 3000·8666) / 10000 = 5349;
//                     factor 8000 + 4000·5349/10000 = 10139; 212500 · 10139 / 10000 = 215453 fen
//   three activities: held 1/3 = 3333; evidence 1/6 = 1666; participation 8666; score 4432;
//                     factor 9772; 212500 · 9772 / 10000 = 207655 fen
test("the incentive suggestion: every input and weight shown, the amount checked by hand", async () => {
  const year = Number(today().slice(0, 4));
  const quarter = Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1;
  const r = expectStatus(await jiedao.request("GET", `/api/funds/incentive?year=${year}&quarter=${quarter}`), 200).json;
  assert.deepEqual([r.rule.id, r.rule.version], ["FUND-INCENTIVE", "funds-2004"]);
  assert.deepEqual([r.for_year, r.for_quarter], quarter === 4 ? [year + 1, 1] : [year, quarter + 1]);
  const mine = r.items.find((x) => x.org_id === c1);
  const n = mine.inputs.planned;
  assert.ok(n === 2 || n === 3, `planned ${n}`);
  assert.deepEqual(mine.inputs, { planned: n, held: 1, as_planned: 0, partly: 1, participants: 26, base_fen: 212500, satisfaction: null });
  assert.deepEqual(mine.weights, { held_bp: 4000, evidence_bp: 3000, participation_bp: 3000, participants_per_activity: 30, spread_bp: 2000 });
  const hand = n === 2 ? { held_bp: 5000, evidence_bp: 2500, participation_bp: 8666, score: 5349, factor: 10139, fen: 215453 }
    : { held_bp: 3333, evidence_bp: 1666, participation_bp: 8666, score: 4432, factor: 9772, fen: 207655 };
  assert.deepEqual(mine.ratios, { held_bp: hand.held_bp, evidence_bp: hand.evidence_bp, participation_bp: hand.participation_bp });
  assert.deepEqual([mine.score_bp, mine.factor_bp, mine.suggested_fen], [hand.score, hand.factor, hand.fen]);
  assert.match(mine.explain, new RegExp(`开展 1/${n} 项.*得分 ${(hand.score / 100).toFixed(2)}%`));
  // The other communities' quarter is not allocated yet: nothing planned, nothing suggested.
  assert.ok(r.items.filter((x) => x.org_id !== c1).every((x) => x.inputs.planned === 0 && x.suggested_fen === 0));
  // A past quarter of the demo: every activity held and checked; the under-spender scores lower.
  if (quarter > 1) {
    const past = expectStatus(await jiedao.request("GET", `/api/funds/incentive?year=${year}&quarter=${quarter - 1}`), 200).json;
    assert.ok(past.items.every((x) => x.inputs.planned > 0 && x.inputs.held === x.inputs.planned));
    const low = past.items.filter((x) => x.inputs.partly > 0);
    assert.equal(low.length, 1);
    assert.ok(past.items.every((x) => x.inputs.partly > 0 || x.score_bp > low[0].score_bp));
  }
});

test("the quarterly review sheet: an xlsx row per activity, amounts as numbers that sum to the total", async () => {
  const res = await fetch(`${srv.url}/api/funds/review.xlsx?org=${street}&year=${Y}&quarter=1`, { headers: { Cookie: quwei.cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get("content-type"), /spreadsheetml/);
  const rows = readXlsx(Buffer.from(await res.arrayBuffer())).rows;
  assert.match(rows[1][0], new RegExp(`${Y}年第1季度党建活动计划审核表`));
  assert.deepEqual(rows[2].slice(0, 7), ["序号", "社区", "活动", "日期", "预计人数", "预算明细", "申请金额（元）"]);
  const data = Object.keys(rows).map(Number).filter((r) => r > 2).map((r) => rows[r]);
  const plans = expectStatus(await quwei.request("GET", `/api/funds/plans?org=${street}&year=${Y}&quarter=1`), 200).json.items;
  const acts = plans.flatMap((p) => p.activities);
  assert.equal(data.length, acts.length + 1, "a row per activity and the total");
  const refused = data.find((r) => r[8] === "不同意");
  assert.deepEqual([refused[2], refused[9], refused[10]], ["红色观影", 0, "与主题党日内容重复"]);
  const adjusted = data.find((r) => r[8] === "调整金额");
  assert.deepEqual([adjusted[6], adjusted[9]], [800, 600], "numbers in 元");
  const total = data[data.length - 1];
  assert.equal(total[1], "合计");
  assert.equal(total[6], data.slice(0, -1).reduce((t, r) => t + r[6], 0));
  assert.equal(total[9], acts.reduce((t, a) => t + Math.max(a.approved_fen || 0, 0), 0) / 100);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM audit WHERE action = 'funds.export'")[0][0], "1");
  expectError(await shuji.request("GET", "/api/funds/review.xlsx"), 403, "forbidden");
});

test("the reward fund: the district's pool is the reserves held back; 七一 commendations, shares, a community's own", async () => {
  const year = Number(today().slice(0, 4));
  const pool = async (who, org, y = year) => expectStatus(await who.request("GET", `/api/funds/rewards?org=${org}&year=${y}`), 200).json;
  const d0 = await pool(quwei, district);
  assert.deepEqual([d0.level, d0.pool_fen, d0.paid_fen, d0.left_fen], ["district", 8 * 150000, 0, 8 * 150000]);
  const pay = (who, body) => who.request("POST", "/api/funds/rewards", { body: { year, awarded_on: `${year}-07-01`, ...body } });
  const n0 = count("SELECT COUNT(*) FROM fund_reward");
  // The district: a branch commended, a share sent to a community; only communities get shares.
  expectStatus(await pay(quwei, { org_id: district, kind: "branch", recipient_org_id: c1, title: "先进基层党组织", amount_fen: 200000, evidence: "组织生活按期开展" }), 201);
  expectStatus(await pay(quwei, { org_id: district, kind: "share", recipient_org_id: c1, title: "下拨社区奖励基金", amount_fen: 50000 }), 201);
  expectError(await pay(quwei, { org_id: district, kind: "share", recipient_org_id: street, title: "下拨", amount_fen: 100 }), 400, "invalid", "/recipient_org_id");
  expectError(await pay(quwei, { org_id: district, kind: "member", title: "优秀共产党员", amount_fen: 100 }), 400, "invalid", "/person_id");
  const over = expectError(await pay(quwei, { org_id: district, kind: "branch", recipient_org_id: c2, title: "先进基层党组织", amount_fen: 950001 }), 409, "conflict", "/amount_fen");
  assert.match(over.message, /余额 9500\.00 元/);
  expectError(await pay(jiedao, { org_id: district, kind: "branch", recipient_org_id: c1, title: "先进", amount_fen: 100 }), 404, "not_found");
  // The community pays its own members from the share it received, never more.
  const member = Number(sql(srv.db, `SELECT MIN(person_id) FROM member WHERE org_path LIKE (SELECT path FROM org WHERE id = ${c1}) || '%' AND status = 'full'`)[0][0]);
  const outsider = Number(sql(srv.db, `SELECT MIN(person_id) FROM member WHERE org_path LIKE (SELECT path FROM org WHERE id = ${c2}) || '%' AND status = 'full'`)[0][0]);
  const c0 = await pool(shequ, c1);
  assert.deepEqual([c0.level, c0.pool_fen, c0.paid_fen], ["community", 50000, 0]);
  expectError(await pay(shequ, { org_id: c1, kind: "branch", recipient_org_id: c1, title: "先进", amount_fen: 100 }), 400, "invalid", "/kind");
  expectError(await pay(shequ, { org_id: c1, kind: "member", person_id: outsider, title: "社区优秀党员", amount_fen: 100 }), 400, "invalid", "/person_id");
  expectStatus(await pay(shequ, { org_id: c1, kind: "member", person_id: member, title: "社区优秀党员", amount_fen: 30000 }), 201);
  expectError(await pay(shequ, { org_id: c1, kind: "member", person_id: member, title: "社区优秀党员", amount_fen: 20001 }), 409, "conflict", "/amount_fen");
  assert.equal(count("SELECT COUNT(*) FROM fund_reward"), n0 + 3, "only the three good payouts were written");
  const c1now = await pool(shequ, c1);
  assert.deepEqual([c1now.paid_fen, c1now.left_fen], [30000, 20000]);
  assert.equal(c1now.items[0].recipient_name, sql(srv.db, `SELECT name FROM person WHERE id = ${member}`)[0][0]);
  const d1 = await pool(quwei, district);
  assert.deepEqual([d1.paid_fen, d1.left_fen], [250000, 950000]);
  assert.equal(d1.items.reduce((t, r) => t + r.amount_fen, 0), d1.paid_fen);
  assert.deepEqual(sql(srv.db, "SELECT COUNT(*) FROM audit WHERE action = 'funds.reward'")[0], ["3"]);
  // Lowering the reserves: never below what the district has paid out (the pool never goes negative).
  const budgets = sql(srv.db, `SELECT org_id, amount_fen FROM fund_budget WHERE year = ${year} ORDER BY org_id`);
  let refused = 0;
  for (const [org, amount] of budgets) {
    const r = await quwei.request("PUT", "/api/funds/budgets", { body: { org_id: Number(org), year, amount_fen: Number(amount), reserve_fen: 0 } });
    if (r.status === 409) { expectError(r, 409, "conflict", "/reserve_fen"); refused++; } else expectStatus(r, 200);
  }
  assert.ok(refused > 0, "some reserve could not go to 0");
  const d2 = await pool(quwei, district);
  assert.ok(d2.pool_fen >= d2.paid_fen && d2.left_fen >= 0, JSON.stringify(d2));
  // Last year's demo 七一 commendations.
  const last = await pool(quwei, district, year - 1);
  assert.equal(last.items.filter((r) => r.kind === "share").length, 8);
  assert.equal(last.items.filter((r) => r.kind === "branch").length, 3);
  assert.ok(last.items.some((r) => r.kind === "member" && r.title === "优秀共产党员" && r.recipient_name));
  assert.equal(last.left_fen, last.pool_fen - last.paid_fen);
});
