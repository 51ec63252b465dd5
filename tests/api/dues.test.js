// dues.test.js: Party dues (党费, issue 19) over the API on the demo street: the calculator at
// the bracket edges (the rows of migration 0019), a whole branch's month entered in one
// request and one transaction (and refused whole when one item is bad), a back-payment with
// its DUES-BACKPAY warning, an overpayment refused unless marked extra (DUES-EXTRA flagged at
// 1000 元), a reversal (and a second reversal and a reversal of a reversal refused), arrears
// with the demo member 6 months behind flagged (DUES-ARREARS), the member's own dues, bad
// input refused with its field path and nothing written, and scope (a branch secretary sees
// nothing of another branch).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError } = require("./lib/harness");
const { readXlsx, demoId } = require("./lib/xlsx");

let srv, jiedao, shuji, weiyuan, dangyuan, branch, street;
before(async () => {
  srv = await startServer({ demo: {} });
  [jiedao, shuji, weiyuan, dangyuan] = await Promise.all(["jiedao", "shuji", "weiyuan", "dangyuan"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
  street = jiedao.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const count = (q) => Number(sql(srv.db, q)[0][0]);
const entries = () => count("SELECT COUNT(*) FROM dues_entry");
// The month n months from now (Asia/Shanghai), YYYY-MM.
function month(n) {
  const [y, m] = today().split("-").map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}
const wideMonth = (m) => m.replace(/[0-9-]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const ledger = async (who, org, year) => expectStatus(await who.request("GET", `/api/dues/ledger?org=${org}&year=${year}`), 200).json;
const cell = (row, m) => row.months.find((c) => c.month === m);

test("the calculator: every edge of the examples, the rule named, typed digits normalized", async () => {
  const cases = [["employed", 300000, 1500, "DUES-SALARY"], ["employed", 300001, 3000, "DUES-SALARY"],
    ["employed", 1000001, 20000, "DUES-SALARY"], ["retired", 500000, 2500, "DUES-RETIRED"], ["retired", 500001, 5000, "DUES-RETIRED"],
    ["self_employed", 500001, 7500, "DUES-SELF"], ["student", 0, 20, "DUES-MIN"], ["relief", 0, 20, "DUES-MIN"], ["farmer", 0, 20, "DUES-FARMER"]];
  for (const [category, base, amount, rule] of cases) {
    const r = expectStatus(await shuji.request("GET", `/api/dues/standard?category=${category}&base_fen=${base}&month=2026-03`), 200).json;
    assert.equal(r.amount_fen, amount, `${category} ${base}`);
    assert.equal(r.rule.id, rule);
    assert.equal(r.rule.version, "dues-2008");
    assert.equal(r.rule.rounding, "half_fen");
  }
  const r = expectStatus(await shuji.request("GET", `/api/dues/standard?category=employed&base_fen=${encodeURIComponent("３０００００ ")}&month=2026-03`), 200).json;
  assert.equal(r.amount_fen, 1500);
  assert.equal(r.rule.bracket_upto_fen, 300000);
  assert.equal(r.rule.rate_bp, 50);
  expectError(await shuji.request("GET", "/api/dues/standard?category=employed&base_fen=1&month=2026-13"), 400, "invalid", "/month");
  expectError(await shuji.request("GET", "/api/dues/standard?category=employed&base_fen=-1"), 400, "invalid", "/base_fen");
  expectError(await shuji.request("GET", "/api/dues/standard?category=soldier&base_fen=1"), 400, "invalid", "/category");
  expectError(await shuji.request("GET", "/api/dues/standard?category=employed&base_fen=1&month=2007-12"), 404, "not_found", "/month");
});

test("rounding is a setting of the district or street, inherited below; stored standards keep theirs", async () => {
  const calc = async () => expectStatus(await shuji.request("GET", "/api/dues/standard?category=self_employed&base_fen=123457&month=2026-03"), 200).json;
  const s0 = expectStatus(await shuji.request("GET", "/api/dues/settings"), 200).json;
  assert.equal(s0.rounding, "half_fen");
  assert.equal(s0.org_id, null);
  assert.deepEqual(s0.deduct_items, ["个人所得税"]);
  assert.equal((await calc()).amount_fen, 617); // 0.5% of 1234.57 元 = 6.17285 元
  expectError(await shuji.request("PUT", "/api/dues/settings", { body: { org_id: branch, rounding: "up_jiao", deduct_items: [] } }), 403, "forbidden");
  const shequ = await login(srv, "shequ");
  const community = shequ.session.grants[0].org_id;
  expectError(await shequ.request("PUT", "/api/dues/settings", { body: { org_id: community, rounding: "up_jiao", deduct_items: [] } }), 400, "invalid", "/org_id");
  expectError(await jiedao.request("PUT", "/api/dues/settings", { body: { org_id: street, rounding: "round", deduct_items: [] } }), 400, "invalid", "/rounding");
  const s1 = expectStatus(await jiedao.request("PUT", "/api/dues/settings", { body: { org_id: street, rounding: "up_jiao", deduct_items: [{ name: "个人所得税" }, { name: " 五险一金 " }] } }), 200).json;
  assert.equal(s1.org_id, street);
  assert.deepEqual(s1.deduct_items, ["个人所得税", "五险一金"]);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'dues.settings' AND target_id = ${street}`), 1);
  const c = await calc();
  assert.equal(c.amount_fen, 620); // up to the jiao
  assert.equal(c.rule.rounding, "up_jiao");
  assert.equal(expectStatus(await shuji.request("GET", "/api/dues/settings"), 200).json.rounding, "up_jiao");
  expectStatus(await jiedao.request("PUT", "/api/dues/settings", { body: { org_id: street, rounding: "half_fen", deduct_items: [{ name: "个人所得税" }] } }), 200);
  assert.equal((await calc()).amount_fen, 617);
  // The demo's standards were computed half-up and keep saying so.
  assert.equal(count("SELECT COUNT(*) FROM dues_standard WHERE rounding <> 'half_fen'"), 0);
});

test("the demo street: a year collected, the current month open, one member 6 months behind flagged", async () => {
  const l = await ledger(jiedao, street, Number(month(-1).slice(0, 4)));
  assert.ok(l.items.length > 1000, "every current member has a row");
  assert.ok(l.items.every((r) => r.amount_fen > 0), "every member has a standard");
  assert.ok(l.totals.paid_fen > 0 && l.totals.outstanding_fen > 0);
  const a = expectStatus(await shuji.request("GET", `/api/dues/arrears?org=${branch}`), 200).json;
  assert.equal(a.rule, "DUES-ARREARS");
  const flagged = a.items.filter((i) => i.flagged);
  assert.equal(flagged.length, 1, JSON.stringify(a.items));
  assert.equal(flagged[0].months_unpaid, 6);
  assert.equal(flagged[0].consecutive, 6);
  assert.equal(flagged[0].since, month(-6));
  assert.ok(flagged[0].name.length >= 2);
  // The demo's back-payments carry their warning; the reversal is a row of its own.
  assert.ok(count("SELECT COUNT(*) FROM dues_entry WHERE warnings LIKE '%DUES-BACKPAY%'") > 0);
  assert.equal(count("SELECT COUNT(*) FROM dues_entry WHERE kind = 'reversal'"), 1);
  // The street's summary per community adds up to the ledger.
  const y = Number(month(-1).slice(0, 4));
  const sum = expectStatus(await jiedao.request("GET", `/api/dues/summary?org=${street}&year=${y}`), 200).json;
  const lt = (await ledger(jiedao, street, y));
  assert.ok(sum.items.length >= 2, "a row per community");
  assert.ok(sum.items.every((r) => r.org_id !== street), "no member sits at the street itself");
  assert.ok(sum.items.filter((r) => r.members > 0).length >= 2, "members counted under their community");
  assert.equal(sum.items.reduce((t, r) => t + r.members, 0), lt.items.length);
  assert.equal(sum.total.members, lt.items.length);
  assert.equal(sum.total.paid_fen, lt.totals.paid_fen);
  assert.equal(sum.total.outstanding_fen, lt.totals.outstanding_fen);
  assert.equal(sum.items.reduce((t, r) => t + r.outstanding_fen, 0), sum.total.outstanding_fen);
  assert.ok(sum.total.due_fen > sum.total.outstanding_fen && sum.total.members_owing >= 1);
  // Nothing about anyone's status changed: the software flags, people decide.
  assert.equal(sql(srv.db, `SELECT status FROM member WHERE id = ${flagged[0].member_id}`)[0][0], "full");
});

test("a branch's month in one request and one transaction; one bad item refuses them all", async () => {
  const m = month(0);
  const l = await ledger(shuji, branch, Number(m.slice(0, 4)));
  const due = l.items.filter((r) => cell(r, m).paid_fen < cell(r, m).expected_fen);
  assert.ok(due.length >= 5, `members to collect: ${due.length}`);
  const items = due.map((r, i) => ({ member_id: r.member_id, amount_fen: cell(r, m).expected_fen, receipt_no: `T${m}-${i}` }));
  // Typed text is normalized (a full-width receipt number, a pasted blank); 代缴 needs the payer.
  const wide = (t) => t.replace(/[0-9A-Z-]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  items[0].receipt_no = ` ${wide(items[0].receipt_no)}　`;
  items[1].method = "proxy";
  const before = entries();
  const bad = structuredClone(items);
  bad[1].paid_by = "家属";
  bad[2].amount_fen = cell(due[2], m).expected_fen + 1; // overpays the month
  const e = expectError(await weiyuan.request("POST", "/api/dues/payments/batch", { body: { org_id: branch, month: m, items: bad } }), 409, "conflict", "/items/2/amount_fen");
  assert.match(e.message, /第 3 项/);
  const noPayer = expectError(await weiyuan.request("POST", "/api/dues/payments/batch", { body: { org_id: branch, month: m, items } }), 400, "invalid", "/items/1/paid_by");
  assert.match(noPayer.message, /代缴/);
  assert.equal(entries(), before, "nothing written");
  items[1].paid_by = "配偶 李某";
  const r = expectStatus(await weiyuan.request("POST", "/api/dues/payments/batch", { body: { org_id: branch, month: m, method: "cash", items } }), 201).json;
  assert.equal(r.count, items.length);
  assert.equal(r.ids.length, items.length);
  assert.equal(entries(), before + items.length);
  assert.equal(sql(srv.db, `SELECT receipt_no FROM dues_entry WHERE id = ${r.ids[0]}`)[0][0], `T${m}-0`);
  const after = await ledger(shuji, branch, Number(m.slice(0, 4)));
  for (const d of due) {
    const row = after.items.find((x) => x.member_id === d.member_id);
    assert.equal(cell(row, m).paid_fen, cell(row, m).expected_fen);
  }
  // Every entry keeps the standard it was checked against and who recorded it.
  const [kept] = sql(srv.db, `SELECT base_fen, rate_bp IS NOT NULL OR rule_id = 'DUES-MIN', rounding, rule_set, recorded_by IS NOT NULL, paid_by FROM dues_entry WHERE id = ${r.ids[1]}`);
  assert.equal(kept[2], "half_fen");
  assert.equal(kept[3], "dues-2008");
  assert.equal(kept[4], "1");
  assert.equal(kept[5], "配偶 李某");
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'dues.pay' AND target_id = ${r.ids[0]}`), 1);
  // A member of another branch in the batch: 404 naming the item, nothing written.
  const other = Number(sql(srv.db, `SELECT id FROM member WHERE org_id <> ${branch} AND status = 'full' AND org_path NOT LIKE (SELECT path FROM org WHERE id = ${branch}) || '%' LIMIT 1`)[0][0]);
  expectError(await weiyuan.request("POST", "/api/dues/payments/batch", { body: { org_id: branch, month: m, items: [{ member_id: other, amount_fen: 20 }] } }), 404, "not_found", "/items/0/member_id");
  assert.equal(entries(), before + items.length);
});

test("a standard changed from a month, a back-payment warned, overpaying refused unless extra, a reversal", async () => {
  const member = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id DESC LIMIT 1`)[0][0]);
  const back = month(-8);
  // DUES-CHANGE: a higher base from 9 months ago makes those months short.
  const s = expectStatus(await shuji.request("POST", "/api/dues/standards", { body: { member_id: member, category: "employed", base_fen: 1200000, from_month: month(-9), note: "工资调整" } }), 201).json;
  assert.equal(s.amount_fen, 24000);
  assert.equal(s.rule.id, "DUES-SALARY");
  expectError(await shuji.request("POST", "/api/dues/standards", { body: { member_id: member, category: "employed", base_fen: 1200000, from_month: month(-9) } }), 409, "conflict", "/from_month");
  const l = await ledger(shuji, branch, Number(back.slice(0, 4)));
  const c = cell(l.items.find((x) => x.member_id === member), back);
  assert.equal(c.expected_fen, 24000);
  const short = c.expected_fen - c.paid_fen;
  assert.ok(short > 0);
  const before = entries();
  const p = expectStatus(await shuji.request("POST", "/api/dues/payments", { body: { member_id: member, month: back, amount_fen: short, method: "transfer", receipt_no: "BJ-001" } }), 201).json;
  assert.equal(p.warnings.length, 1);
  assert.equal(p.warnings[0].rule, "DUES-BACKPAY");
  assert.match(sql(srv.db, `SELECT warnings FROM dues_entry WHERE id = ${p.id}`)[0][0], /DUES-BACKPAY/);
  // The month is paid in full: one more fen overpays, unless it is extra.
  expectError(await shuji.request("POST", "/api/dues/payments", { body: { member_id: member, month: back, amount_fen: 1, method: "cash" } }), 409, "conflict", "/amount_fen");
  const x = expectStatus(await shuji.request("POST", "/api/dues/payments", { body: { member_id: member, month: month(0), amount_fen: 100000, method: "transfer", extra: true } }), 201).json;
  assert.deepEqual(x.warnings.map((w) => w.rule), ["DUES-EXTRA"]);
  assert.equal(entries(), before + 2);
  // The reversal is a new entry; the paid entry is untouched.
  const r = expectStatus(await shuji.request("POST", `/api/dues/payments/${p.id}/reverse`, { body: { reason: "金额登记错误" } }), 201).json;
  assert.equal(r.reverses_id, p.id);
  assert.equal(r.amount_fen, -short);
  assert.equal(sql(srv.db, `SELECT amount_fen FROM dues_entry WHERE id = ${p.id}`)[0][0], String(short));
  expectError(await shuji.request("POST", `/api/dues/payments/${p.id}/reverse`, { body: { reason: "再冲一次" } }), 409, "conflict", "/id");
  expectError(await shuji.request("POST", `/api/dues/payments/${r.id}/reverse`, { body: { reason: "冲正的冲正" } }), 409, "conflict", "/id");
  assert.equal(entries(), before + 3);
  const l2 = await ledger(shuji, branch, Number(back.slice(0, 4)));
  assert.equal(cell(l2.items.find((x2) => x2.member_id === member), back).paid_fen, c.paid_fen);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'dues.reverse' AND target_id = ${r.id}`), 1);
  const list = expectStatus(await shuji.request("GET", `/api/dues/payments?org=${branch}&month=${back}&size=200`), 200).json;
  const orig = list.items.find((i) => i.id === p.id);
  assert.equal(orig.reversed_by, r.id);
  assert.equal(list.items.find((i) => i.id === r.id).kind_label, "冲正");
  assert.equal(list.total, list.items.length);
  // The list is paged: a street's year is read a page at a time.
  const page = expectStatus(await jiedao.request("GET", `/api/dues/payments?org=${street}&year=${back.slice(0, 4)}&size=5&page=2`), 200).json;
  assert.equal(page.items.length, 5);
  assert.equal(page.page, 2);
  assert.ok(page.total > 1000);
});

test("bad input: each refused with its field path and nothing written", async () => {
  const member = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id LIMIT 1 OFFSET 2`)[0][0]);
  const before = entries();
  const pay = (body) => shuji.request("POST", "/api/dues/payments", { body: { member_id: member, month: month(-1), method: "cash", ...body } });
  expectError(await pay({ amount_fen: -100 }), 400, "invalid", "/amount_fen");
  expectError(await pay({ amount_fen: 0 }), 400, "invalid", "/amount_fen");
  expectError(await pay({ amount_fen: 12.5 }), 400, "invalid", "/amount_fen");
  expectError(await pay({ amount_fen: 100, month: month(1) }), 400, "invalid", "/month");
  expectError(await pay({ amount_fen: 100, month: "2026/01" }), 400, "invalid", "/month");
  // A full-width month is read as the digits it shows (and the month is then checked).
  expectError(await pay({ amount_fen: 100, month: wideMonth(month(1)) }), 400, "invalid", "/month");
  expectError(await pay({ amount_fen: 100, method: "alipay" }), 400, "invalid", "/method");
  expectError(await pay({ amount_fen: 100, paid_on: "2999-01-01" }), 400, "invalid", "/paid_on");
  const other = Number(sql(srv.db, `SELECT m.id FROM member m WHERE m.org_path NOT LIKE (SELECT path FROM org WHERE id = ${branch}) || '%' AND m.status = 'full' LIMIT 1`)[0][0]);
  expectError(await shuji.request("POST", "/api/dues/payments", { body: { member_id: other, month: month(-1), amount_fen: 100, method: "cash" } }), 404, "not_found");
  expectError(await shuji.request("POST", "/api/dues/payments", { body: { member_id: 99999999, month: month(-1), amount_fen: 100, method: "cash" } }), 404, "not_found", "/member_id");
  expectError(await shuji.request("POST", "/api/dues/payments/99999999/reverse", { body: { reason: "不存在" } }), 404, "not_found");
  expectError(await shuji.request("POST", "/api/dues/standards", { body: { member_id: member, category: "employed", base_fen: 100, from_month: "2026-3" } }), 400, "invalid", "/from_month");
  // A rate needs a base: without one the standard would be 0 and every payment refused.
  expectError(await shuji.request("POST", "/api/dues/standards", { body: { member_id: member, category: "employed", from_month: month(0) } }), 400, "invalid", "/base_fen");
  assert.equal(entries(), before);
});

test("the branch ledger as a workbook: a row per member, a column per month, totals; audited", async () => {
  const y = Number(month(-1).slice(0, 4));
  const l = await ledger(shuji, branch, y);
  const res = await fetch(`${srv.url}/api/dues/ledger.xlsx?org=${branch}&year=${y}`, { headers: { Cookie: shuji.cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get("content-type"), /spreadsheetml/);
  const rows = readXlsx(Buffer.from(await res.arrayBuffer())).rows;
  assert.match(rows[1][0], new RegExp(`${y}年党费收缴台账`));
  assert.deepEqual(rows[2].slice(0, 6), ["序号", "姓名", "类别", "计算基数（元）", "月标准（元）", "1月"]);
  assert.equal(rows[2][19], "欠交（元）");
  const data = Object.keys(rows).map(Number).filter((r) => r > 2).map((r) => rows[r]);
  assert.equal(data.length, l.items.length + 1, "a row per member and the totals");
  // Amounts are number cells (Excel sums them), in 元.
  const yuan = (f) => f / 100;
  l.items.forEach((it, i) => {
    const r = data[i];
    assert.equal(r[1], it.name);
    assert.equal(r[4], yuan(it.amount_fen));
    for (let k = 0; k < 12; k++) assert.equal(r[5 + k] ?? "", it.months[k].paid_fen ? yuan(it.months[k].paid_fen) : "", `${it.name} ${k + 1}月`);
    assert.equal(r[18], yuan(it.paid_fen));
    assert.equal(r[19], yuan(it.outstanding_fen));
  });
  const total = data[data.length - 1];
  assert.equal(total[1], "合计");
  assert.equal(total[17], yuan(l.totals.expected_fen));
  assert.equal(total[18], yuan(l.totals.paid_fen));
  assert.equal(total[19], yuan(l.totals.outstanding_fen));
  assert.ok(count("SELECT COUNT(*) FROM audit WHERE action = 'dues.export'") >= 1);
});

test("scope: a branch secretary sees nothing outside the branch; a member sees only their own dues", async () => {
  expectError(await shuji.request("GET", `/api/dues/ledger?org=${street}`), 404, "not_found");
  expectError(await shuji.request("GET", `/api/dues/arrears?org=${street}`), 404, "not_found");
  expectError(await dangyuan.request("GET", `/api/dues/ledger?org=${branch}`), 403, "forbidden");
  const mine = expectStatus(await dangyuan.request("GET", "/api/me/dues"), 200).json;
  assert.ok(mine.member, "the demo member has dues");
  assert.equal(mine.member.months.length, 12);
  assert.ok(mine.member.amount_fen > 0);
  const last = month(-1);
  if (last.slice(0, 4) === String(mine.year)) assert.equal(cell(mine.member, last).paid_fen, cell(mine.member, last).expected_fen);
  assert.ok(mine.member.entries.length > 0);
  assert.ok(mine.member.entries.every((e) => e.member_id === mine.member.member_id));
  const none = expectStatus(await jiedao.request("GET", "/api/me/dues"), 200).json;
  assert.equal(none.member, null);
});

test("a member who moves keeps their months; an org that moves keeps its receipts; the counter moves", async () => {
  const gen = () => count("SELECT n FROM generation WHERE name = 'dues'");
  const g0 = gen();
  const y = Number(month(-1).slice(0, 4));
  const [[mid, from]] = sql(srv.db, `SELECT id, org_id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id LIMIT 1 OFFSET 3`);
  const before = (await ledger(jiedao, from, y)).items.find((r) => r.member_id === Number(mid));
  const [[to, toPath]] = sql(srv.db, `SELECT id, path FROM org WHERE type = 'branch' AND id <> ${branch} AND path LIKE (SELECT path FROM org WHERE id = ${street}) || '%' ORDER BY id LIMIT 1`);
  sql(srv.db, `UPDATE member SET org_id = ${to}, org_path = '${toPath}' WHERE id = ${mid}`);
  const moved = (await ledger(jiedao, Number(to), y)).items.find((r) => r.member_id === Number(mid));
  assert.ok(moved, "the member is on the new branch's ledger");
  assert.equal(moved.paid_fen, before.paid_fen);
  assert.equal(moved.outstanding_fen, before.outstanding_fen);
  assert.ok(!(await ledger(jiedao, from, y)).items.some((r) => r.member_id === Number(mid)));
  // A reversal made after the move is booked where the entry was.
  const eid = Number(sql(srv.db, `SELECT id FROM dues_entry WHERE member_id = ${mid} AND kind = 'payment' AND org_id = ${from} ORDER BY id LIMIT 1`)[0][0]);
  const rev = expectStatus(await jiedao.request("POST", `/api/dues/payments/${eid}/reverse`, { body: { reason: "调动后冲正" } }), 201).json;
  assert.deepEqual(sql(srv.db, `SELECT e.org_id, e.org_path = o.path FROM dues_entry e JOIN org o ON o.id = ${from} WHERE e.id = ${rev.id}`)[0], [String(from), "1"]);
  // The entries stay with the branch they were booked at (its receipt list), whose path they follow.
  const booked = count(`SELECT COUNT(*) FROM dues_entry WHERE org_id = ${from}`); // with the reversal
  assert.ok(booked > 100);
  sql(srv.db, `UPDATE org SET path = path || '9/' WHERE id = ${from}`);
  assert.equal(count(`SELECT COUNT(*) FROM dues_entry e JOIN org o ON o.id = e.org_id WHERE e.org_id = ${from} AND e.org_path = o.path AND o.path LIKE '%9/'`), booked);
  sql(srv.db, `UPDATE org SET path = substr(path, 1, length(path) - 2) WHERE id = ${from}`);
  assert.equal(count(`SELECT COUNT(*) FROM dues_entry e JOIN org o ON o.id = e.org_id WHERE e.org_id = ${from} AND e.org_path = o.path`), booked);
  sql(srv.db, `UPDATE member SET org_id = ${from}, org_path = (SELECT path FROM org WHERE id = ${from}) WHERE id = ${mid}`);
  // Every write moves the 'dues' change counter.
  expectStatus(await shuji.request("POST", "/api/dues/payments", { body: { member_id: Number(mid), month: month(0), amount_fen: 100000, method: "cash", extra: true } }), 201);
  assert.ok(gen() > g0);
});


test("少交/免交 (DUES-HARDSHIP): the branch records the application, the upper committee decides; only an approved relief changes what months expect", async () => {
  const shequ = await login(srv, "shequ");
  const arrears = async () => expectStatus(await shuji.request("GET", `/api/dues/arrears?org=${branch}`), 200).json.items;
  const behind = (await arrears()).find((i) => i.flagged);
  const reliefs = () => count("SELECT COUNT(*) FROM dues_relief");
  const body = { member_id: behind.member_id, kind: "exempt", from_month: month(-6), to_month: month(-1), reason: "长期患病，无固定收入", applied_on: today(), branch_agreed_on: today() };
  // Bad input: nothing written.
  const n0 = reliefs();
  expectError(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, to_month: month(-7) } }), 400, "invalid", "/to_month");
  expectError(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, from_month: "2026-13" } }), 400, "invalid", "/from_month");
  expectError(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, applied_on: "2999-01-01" } }), 400, "invalid", "/applied_on");
  expectError(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, applied_on: "2026-01-02", branch_agreed_on: "2026-01-01" } }), 400, "invalid", "/branch_agreed_on");
  const std = sql(srv.db, `SELECT amount_fen FROM dues_standard WHERE member_id = ${behind.member_id} AND from_month <= '${month(-6)}' ORDER BY from_month DESC LIMIT 1`)[0][0];
  const tooMuch = expectError(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, kind: "reduce", amount_fen: Number(std) } }), 400, "invalid", "/amount_fen");
  assert.match(tooMuch.message, /免交/);
  assert.equal(reliefs(), n0);
  // Recorded, pending: nothing changes yet; the branch may not decide its own application.
  const { id } = expectStatus(await shuji.request("POST", "/api/dues/reliefs", { body }), 201).json;
  expectError(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, from_month: month(-2), to_month: month(0) } }), 409, "conflict", "/from_month");
  assert.ok((await arrears()).some((i) => i.member_id === behind.member_id && i.consecutive === 6));
  expectError(await shuji.request("POST", `/api/dues/reliefs/${id}/decide`, { body: { approve: true, body: "中共盛香园社区委员会" } }), 404, "not_found");
  const list = expectStatus(await shequ.request("GET", "/api/dues/reliefs"), 200).json.items;
  assert.deepEqual([list[0].id, list[0].status, list[0].status_label, list[0].kind_label], [id, "pending", "待上级党委审批", "免交"]);
  const paidTo = async () => expectStatus(await shuji.request("GET", `/api/dues/paid-to?member_id=${behind.member_id}`), 200).json.paid_to;
  assert.ok((await paidTo()) < month(-6), "paid up to before the unpaid months");
  // The community (the org above the branch) approves: the six months expect nothing now.
  expectError(await shequ.request("POST", `/api/dues/reliefs/${id}/decide`, { body: { approve: true, decided_on: "2026-01-01", body: "社区党委" } }), 400, "invalid", "/decided_on");
  const done = expectStatus(await shequ.request("POST", `/api/dues/reliefs/${id}/decide`, { body: { approve: true, body: "中共盛香园社区委员会", doc_no: "盛社党〔2026〕3号" } }), 200).json;
  assert.deepEqual([done.status, done.decided_on, done.doc_no], ["approved", today(), "盛社党〔2026〕3号"]);
  expectError(await shequ.request("POST", `/api/dues/reliefs/${id}/decide`, { body: { approve: false, body: "中共盛香园社区委员会" } }), 409, "conflict", "/status");
  assert.ok(!(await arrears()).some((i) => i.member_id === behind.member_id), "no unpaid month left");
  const row = (await ledger(shuji, branch, Number(month(-1).slice(0, 4)))).items.find((r) => r.member_id === behind.member_id);
  assert.equal(cell(row, month(-1)).expected_fen, 0);
  assert.ok((await paidTo()) >= month(-1), "paid up to last month at least");
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action IN ('dues.relief', 'dues.relief_decide') AND target_id = ${behind.member_id}`), 2);

  // 少交: a new member's reduced amount from this month; paying the full standard is now an
  // overpayment.
  const other = expectStatus(await shuji.request("POST", "/api/members", { body: { name: "廖静远", id_number: demoId("19560311", "731", "990105"), org_id: branch, status: "full", joined_on: "1985-07-01", full_member_on: "1986-07-01" } }), 201).json.id;
  const full = expectStatus(await shuji.request("POST", "/api/dues/standards", { body: { member_id: other, category: "retired", base_fen: 500000, from_month: month(0) } }), 201).json.amount_fen;
  assert.equal(full, 2500);
  const r2 = expectStatus(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, member_id: Number(other), kind: "reduce", amount_fen: 100, from_month: month(0), to_month: month(2) } }), 201).json.id;
  expectStatus(await shequ.request("POST", `/api/dues/reliefs/${r2}/decide`, { body: { approve: true, body: "中共盛香园社区委员会" } }), 200);
  const over = expectError(await shuji.request("POST", "/api/dues/payments", { body: { member_id: Number(other), month: month(0), amount_fen: Number(full), method: "cash" } }), 409, "conflict", "/amount_fen");
  assert.match(over.message, /应交 1\.00 元/);
  const paid = expectStatus(await shuji.request("POST", "/api/dues/payments", { body: { member_id: Number(other), month: month(0), amount_fen: 100, method: "cash" } }), 201).json;
  assert.equal(sql(srv.db, `SELECT expected_fen FROM dues_entry WHERE id = ${paid.id}`)[0][0], "100");
  // Ended early (income recovered): from the month after, the full standard again.
  const expectedIn = async (m) => (await ledger(shuji, branch, Number(m.slice(0, 4)))).items.find((r) => r.member_id === other).months.find((c) => c.month === m).expected_fen;
  assert.equal(await expectedIn(month(1)), 100);
  expectError(await shuji.request("POST", `/api/dues/reliefs/${r2}/end`, { body: { to_month: month(0), reason: "收入已恢复" } }), 404, "not_found");
  expectError(await shequ.request("POST", `/api/dues/reliefs/${r2}/end`, { body: { to_month: month(2), reason: "收入已恢复" } }), 400, "invalid", "/to_month");
  expectError(await shequ.request("POST", `/api/dues/reliefs/${r2}/end`, { body: { to_month: month(-1), reason: "收入已恢复" } }), 400, "invalid", "/to_month");
  const ended = expectStatus(await shequ.request("POST", `/api/dues/reliefs/${r2}/end`, { body: { to_month: month(0), reason: "收入已恢复" } }), 200).json;
  assert.deepEqual([ended.to_month, ended.original_to_month, ended.ended_reason, ended.can_end], [month(0), month(2), "收入已恢复", false]);
  assert.equal(await expectedIn(month(1)), Number(full));
  assert.equal(await expectedIn(month(0)), 100);
  // A refused application changes nothing.
  const r3 = expectStatus(await shuji.request("POST", "/api/dues/reliefs", { body: { ...body, member_id: Number(other), from_month: month(3), to_month: month(3) } }), 201).json.id;
  expectStatus(await shequ.request("POST", `/api/dues/reliefs/${r3}/decide`, { body: { approve: false, body: "中共盛香园社区委员会", note: "收入已恢复" } }), 200);
  assert.equal(count(`SELECT COUNT(*) FROM dues_relief WHERE id = ${r3} AND status = 'refused'`), 1);
  expectError(await shequ.request("POST", `/api/dues/reliefs/${r3}/end`, { body: { to_month: month(3), reason: "收入已恢复" } }), 409, "conflict", "/status");
});
