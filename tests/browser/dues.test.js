// dues.test.js: 党费 in a real browser: a branch secretary's ledger grid (the demo member 6
// months behind shown in red), a whole month entered in one dialog (amounts typed in 元, one
// with full-width digits) and seen paid in the grid; a reversal on 交纳记录 with its reason;
// the arrears list with the DUES-ARREARS flag; the calculator at a bracket edge; the same
// page and the batch dialog on a 360 px phone; and 我的党费 for a member. Screenshots at 1366
// and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const count = (q) => Number(sql(env.srv.db, q)[0][0]);
const one = (q) => sql(env.srv.db, q)[0];
const monthNow = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);

test("on a 360 px phone: the ledger as cards, the month's entry full screen; 我的党费", async () => {
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "weiyuan");
  await phone.goto(env.srv.url + "/dues");
  await phone.waitForSelector(".dues-cards .list-card .dues-months");
  assert.ok(await overflow(phone) <= 0, "nothing off screen at 360 px");
  await shot(phone, "dues-ledger-360");
  await shot(phone, "dues-ledger-360-top", { fullPage: false });
  await phone.click("button.batch-entry");
  await phone.waitForSelector(".batch-dialog");
  await phone.waitForTimeout(300);
  assert.ok(await overflow(phone) <= 0, "the entry dialog fits at 360 px");
  await shot(phone, "dues-batch-360", { fullPage: false });
  await phone.context().close();
  const me = await env.newPage({ width: 360, height: 740 });
  await signIn(env, me, "dangyuan");
  await me.goto(env.srv.url + "/me");
  await me.waitForSelector(".my-dues .dues-months .dues-month");
  assert.equal(await me.locator(".my-dues .dues-month").count(), 12);
  assert.match(await me.textContent(".my-dues"), /每月 \d+\.\d\d 元/);
  await me.locator(".my-dues").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await shot(me, "dues-me-360");
  await shot(me, "dues-me-360-card", { fullPage: false });
  await me.context().close();
  noErrors(env);
});

test("the ledger grid, a whole month entered at once, a reversal, arrears, the calculator", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.click(".side-menu .el-menu-item:has-text('党费')");
  await page.waitForSelector(".dues-grid .el-table__row");
  assert.ok(await page.locator(".dues-grid .dues-cell.m-owed").count() >= 1, "the member behind shows red");
  await shot(page, "dues-ledger-1366");
  // 整月登记: every unpaid member of this month checked with the amount due; one typed in full width.
  await page.click("button.batch-entry");
  await page.waitForSelector(".batch-dialog .batch-row");
  const rows = await page.locator(".batch-dialog .batch-row").count();
  assert.ok(rows >= 3, `rows: ${rows}`);
  const first = page.locator(".batch-dialog .batch-row").first();
  const due = (await first.locator(".batch-due").textContent()).replace("应交", "").trim();
  await first.locator(".batch-amount input").fill(due.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(".", "．"));
  await shot(page, "dues-batch-1366", { fullPage: false });
  const before = count("SELECT COUNT(*) FROM dues_entry");
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/dues/payments/batch"));
  await page.click("button.save-batch");
  assert.equal((await answer).status(), 201);
  await page.waitForSelector(".batch-dialog", { state: "hidden" });
  assert.equal(count("SELECT COUNT(*) FROM dues_entry"), before + rows);
  assert.equal(count(`SELECT COUNT(*) FROM dues_entry WHERE month = '${monthNow()}' AND kind = 'payment'`), rows);
  // 交纳记录: reverse the first entry of last month with a reason.
  await page.click(".dues-tabs .el-tabs__item:has-text('交纳记录')");
  await page.waitForSelector(".dues-receipts .el-table__row");
  await page.locator(".dues-receipts .el-table__row button.reverse-entry").first().click();
  await page.waitForSelector(".reverse-dialog .f-reason input");
  await page.fill(".reverse-dialog .f-reason input", "收据编号登记错误");
  const rev = page.waitForResponse((r) => /\/api\/dues\/payments\/\d+\/reverse$/.test(r.url()));
  await page.click(".reverse-dialog button[type=submit]");
  assert.equal((await rev).status(), 201);
  await page.waitForSelector(".dues-receipts .entry-reason:has-text('收据编号登记错误')");
  assert.ok(await page.locator(".dues-receipts .el-table__row:has-text('已冲正')").count() >= 1);
  await shot(page, "dues-receipts-1366");
  // The printable receipt list of that month: every entry, the month's total.
  const [printed] = await Promise.all([page.waitForURL(/\/dues\/receipts\/\d+\/\d{4}-\d{2}$/), page.click("button.print-receipts")]);
  await page.waitForSelector(".dues-sheet-table tbody tr");
  const m = page.url().match(/(\d+)\/(\d{4}-\d{2})$/);
  assert.equal(await page.locator(".dues-sheet-table tbody tr").count(), count(`SELECT COUNT(*) FROM dues_entry WHERE org_path LIKE (SELECT path FROM org WHERE id = ${m[1]}) || '%' AND month = '${m[2]}'`) + 1);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".print-tools").isVisible(), false, "the buttons do not print");
  await shot(page, "dues-receipts-print");
  await page.emulateMedia({ media: "screen" });
  await page.goBack();
  void printed;
  await page.waitForSelector(".dues-tabs");
  // 欠缴: the member 6 months behind is flagged; nothing is decided for anyone.
  await page.click(".dues-tabs .el-tabs__item:has-text('欠缴')");
  await page.waitForSelector(".dues-arrears .arrears-flag");
  assert.equal(await page.locator(".dues-arrears .arrears-flag").count(), 1);
  await shot(page, "dues-arrears-1366");
  // 标准计算器: 3000.01 元 on the 1% bracket, the whole base (DUES-FLAT).
  await page.click(".dues-tabs .el-tabs__item:has-text('标准计算器')");
  await page.fill(".dues-calc .f-base input", "３０００.０１");
  await page.click(".dues-calc button.do-calc");
  await page.waitForSelector(".dues-amount");
  assert.match(await page.textContent(".dues-amount"), /^30\.00/);
  assert.equal((await page.textContent(".dues-rule-id")).trim(), "DUES-SALARY");
  await shot(page, "dues-calc-1366");
  await page.context().close();
  // 汇总 for the street: a row per community and the total.
  const street = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, street, "jiedao");
  await street.goto(env.srv.url + "/dues");
  await street.click(".dues-tabs .el-tabs__item:has-text('汇总')");
  await street.waitForSelector(".dues-summary .el-table__row.summary-total");
  assert.ok(await street.locator(".dues-summary .el-table__row").count() >= 3);
  assert.match(await street.textContent(".dues-summary .el-table__row >> nth=0"), /\d+\.\d%/, "the first community has a rate");
  assert.match(await street.textContent(".dues-summary .summary-total"), /合计.*\d+\.\d%/);
  await shot(street, "dues-summary-1366");
  await street.context().close();
  noErrors(env);
});

test("少交免交: the branch records a 免交 application, the community approves it on a phone; the months then expect nothing", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.goto(env.srv.url + "/dues");
  await page.click(".dues-tabs .el-tabs__item:has-text('少交免交')");
  await page.click("button.new-relief");
  await page.waitForSelector(".relief-dialog .f-reason input");
  const branch = Number(one("SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shuji'")[0]);
  const [member, name] = one(`SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ${branch} AND m.status = 'full'
    AND EXISTS (SELECT 1 FROM dues_standard s WHERE s.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM dues_relief r WHERE r.member_id = m.id)
    AND NOT EXISTS (SELECT 1 FROM person q WHERE q.name = p.name AND q.id <> p.id) ORDER BY m.id DESC LIMIT 1`);
  await page.click(".relief-dialog .f-relief-member .el-select__wrapper");
  await page.keyboard.type(name);
  await page.locator(".relief-member-pop .el-select-dropdown__item:visible").filter({ hasText: new RegExp(`^${name}`) }).first().click();
  await page.fill(".relief-dialog .f-reason input", "长期患病，无固定收入");
  await shot(page, "dues-relief-dialog-1366", { fullPage: false });
  await page.click(".relief-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('待上级党委审批')");
  const [id, status, from] = one(`SELECT id, status, from_month FROM dues_relief WHERE member_id = ${member}`);
  assert.equal(status, "pending");
  assert.equal(await page.locator(`.dues-reliefs .el-table__row:has-text('${name}') button.relief-decide`).count(), 0, "the branch does not decide its own application");
  await shot(page, "dues-reliefs-1366");
  await page.context().close();

  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shequ");
  await phone.goto(env.srv.url + "/dues");
  await phone.click(".dues-tabs .el-tabs__item:has-text('减免')");
  const card = phone.locator(`.dues-reliefs .list-card:has-text('${name}')`);
  await card.locator("button.relief-decide").click();
  await phone.waitForSelector(".relief-decide-dialog .f-doc-no input");
  await phone.fill(".relief-decide-dialog .f-doc-no input", "盛社党〔2026〕5号");
  assert.ok(await overflow(phone) <= 0, "the decision fits at 360 px");
  await shot(phone, "dues-relief-decide-360", { fullPage: false });
  await phone.click(".relief-decide-dialog button[type=submit]");
  await phone.waitForSelector(".el-message--success:has-text('已批准')");
  assert.deepEqual(one(`SELECT status, doc_no FROM dues_relief WHERE id = ${id}`), ["approved", "盛社党〔2026〕5号"]);
  const ledger = await (await phone.request.get(`${env.srv.url}/api/dues/ledger?org=${branch}&year=${from.slice(0, 4)}`)).json();
  assert.equal(ledger.items.find((r) => r.member_id === Number(member)).months.find((c) => c.month === from).expected_fen, 0);
  await phone.waitForSelector(`.dues-reliefs .list-card:has-text('${name}') .relief-status:has-text('已批准')`);
  await shot(phone, "dues-reliefs-360");
  // A two-month 免交 (approved, as a fixture row), ended early from the page.
  const [other] = one(`SELECT m.id FROM member m WHERE m.org_id = ${branch} AND m.status = 'full' AND m.id <> ${member}
    AND EXISTS (SELECT 1 FROM dues_standard s WHERE s.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM dues_relief r WHERE r.member_id = m.id) ORDER BY m.id LIMIT 1`);
  const [y, mo] = from.split("-").map(Number);
  const next = `${Math.floor((y * 12 + mo) / 12)}-${String(((y * 12 + mo) % 12) + 1).padStart(2, "0")}`;
  const day = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const rid = Number(one(`INSERT INTO dues_relief (tenant_id, member_id, approver_org_id, kind, amount_fen, from_month, to_month, reason, applied_on, branch_agreed_on, status, decided_on, decided_body, created_at)
    SELECT tenant_id, id, (SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shequ'), 'exempt', 0, '${from}', '${next}', '临时困难', '${day}', '${day}', 'approved', '${day}', '社区党委', 0 FROM member WHERE id = ${other} RETURNING id`)[0]);
  await phone.reload();
  await phone.click(".dues-tabs .el-tabs__item:has-text('减免')");
  await phone.locator(".dues-reliefs .list-card:has(button.relief-end)").first().locator("button.relief-end").click();
  await phone.waitForSelector(".relief-end-dialog .f-end-reason input");
  await phone.fill(".relief-end-dialog .f-end-reason input", "收入已恢复");
  await phone.click(".relief-end-dialog button[type=submit]");
  await phone.waitForSelector(".el-message--success:has-text('已提前终止')");
  assert.deepEqual(one(`SELECT to_month, original_to_month, ended_reason FROM dues_relief WHERE id = ${rid}`), [from, next, "收入已恢复"]);
  await phone.context().close();
  noErrors(env);
});
