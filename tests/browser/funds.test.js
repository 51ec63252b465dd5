// funds.test.js: 党建经费 in a real browser, one quarter walked through by its three levels:
// the community's cadre fills in next year's first-quarter plan (two activities, amounts typed
// in 元, one in full-width digits) and submits it; the street's cadre sees it in the street's
// aggregation and forwards the quarter in one action with a comment; the district (the demo's
// root org, signed in as the platform admin) adjusts one activity and refuses the other with
// reasons and allocates; the street's ledger shows every community with the chart. Then the community
// records the spending and uploads a photo, the district checks it (partly), the variance
// shows the difference and the incentive tab its inputs; last year's 七一 commendations and
// their printable list. The plan form and the ledger on a 360 px phone. Screenshots at 1366
// and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const count = (q) => Number(sql(env.srv.db, q)[0][0]);
const Y = Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4)) + 1;
const wide = (t) => t.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

// The plans tab at next year's first quarter.
async function nextYearQ1(page) {
  await page.waitForSelector(".funds-plans .f-year");
  await page.click(".funds-plans .f-year");
  await page.click(`.el-select-dropdown__item:visible:has-text('${Y}年')`);
  await page.click(".funds-plans .f-quarter label:has-text('1季度')");
}

test("one quarter: the community plans, the street forwards, the district reviews and allocates", async () => {
  const shequ = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, shequ, "shequ");
  await shequ.click(".side-menu .el-menu-item:has-text('党建经费')");
  await nextYearQ1(shequ);
  await shequ.click("button.new-plan");
  await shequ.waitForSelector(".plan-dialog .plan-activity");
  const acts = shequ.locator(".plan-dialog .plan-activity");
  await acts.nth(0).locator(".f-title input").fill("主题党日：重温入党誓词");
  await acts.nth(0).locator(".f-date input").fill(`${Y}-01-20`);
  await acts.nth(0).locator(".f-date input").press("Enter");
  await acts.nth(0).locator(".f-amount input").fill(wide("600.50"));
  await shequ.click(".plan-dialog button.add-activity");
  await acts.nth(1).locator(".f-title input").fill("党史学习讲座");
  await acts.nth(1).locator(".f-date input").fill(`${Y}-02-10`);
  await acts.nth(1).locator(".f-date input").press("Enter");
  await acts.nth(1).locator(".f-amount input").fill("300");
  await acts.nth(1).locator("button.add-line").click();
  await acts.nth(1).locator(".plan-line").nth(1).locator(".f-amount input").fill("120");
  assert.match(await shequ.textContent(".plan-dialog .plan-total"), /申请合计 1020\.50 元/);
  await shot(shequ, "funds-plan-form-1366", { fullPage: false });
  const saved = shequ.waitForResponse((r) => r.url().endsWith("/submit"));
  await shequ.click(".plan-dialog button.save-submit");
  assert.equal((await saved).status(), 200);
  await shequ.waitForSelector(".plan-card .plan-status:has-text('已提交街道')");
  assert.equal(count(`SELECT SUM(requested_fen) FROM fund_activity a JOIN fund_plan p ON p.id = a.plan_id WHERE p.year = ${Y}`), 102050);
  await shequ.context().close();

  // The street: its aggregation, one action with a comment on an activity.
  const jiedao = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, jiedao, "jiedao");
  await jiedao.goto(env.srv.url + "/funds");
  await nextYearQ1(jiedao);
  await jiedao.click("button.forward-all");
  await jiedao.locator(".forward-dialog .f-comment input").first().fill("同意，注意节约");
  const fw = jiedao.waitForResponse((r) => r.url().endsWith("/api/funds/forward"));
  await jiedao.click(".forward-dialog button[type=submit]");
  assert.equal((await fw).status(), 200);
  await jiedao.waitForSelector(".plan-card .plan-status:has-text('街道已报送')");
  assert.equal(await jiedao.locator("button.review-plan").count(), 0, "the street does not review");
  await shot(jiedao, "funds-street-1366");
  await jiedao.click(".funds-tabs .el-tabs__item:has-text('经费台账')");
  await jiedao.waitForSelector(".funds-ledger .summary-total");
  assert.ok(await jiedao.locator(".funds-ledger .el-table__row").count() >= 9, "a row per community and the total");
  await jiedao.waitForSelector(".funds-chart svg");
  await shot(jiedao, "funds-ledger-street-1366");
  await jiedao.context().close();

  // The district: adjust one, refuse the other, allocate within a budget set for the year.
  const admin = await env.newPage({ width: 1366, height: 900 });
  const api = await login(env.srv, "admin");
  const community = count(`SELECT org_id FROM fund_plan WHERE year = ${Y}`);
  assert.equal((await api.request("PUT", "/api/funds/budgets", { body: { org_id: community, year: Y } })).status, 200);
  await signIn(env, admin, "admin");
  await admin.goto(env.srv.url + "/funds");
  await nextYearQ1(admin);
  await admin.click("button.review-plan");
  const rows = admin.locator(".review-dialog .review-row");
  await rows.nth(0).locator(".f-decision label:has-text('调整金额')").click();
  await rows.nth(0).locator(".f-review-amount input").fill("500");
  await rows.nth(0).locator(".f-reason input").fill("宣传品按区里标准核减");
  await rows.nth(1).locator(".f-decision label:has-text('不同意')").click();
  await rows.nth(1).locator(".f-reason input").fill("与主题党日内容重复");
  await admin.click(".review-dialog button[type=submit]");
  await admin.waitForSelector(".plan-card .plan-status:has-text('已审核')");
  await admin.click("button.allocate-plan");
  await admin.waitForSelector(".plan-card .plan-status:has-text('已分配')");
  assert.match(await admin.textContent(".plan-card"), /核定 500\.00 元/);
  assert.match(await admin.textContent(".plan-card"), /不同意[\s\S]*与主题党日内容重复/);
  assert.equal(count(`SELECT SUM(amount_fen) FROM fund_allocation WHERE year = ${Y}`), 50000);
  await shot(admin, "funds-board-1366");
  await admin.context().close();
  noErrors(env);
});

// A real 24×16 PNG (a red flag with a yellow corner) with a tEXt chunk carrying a position:
// the browser can show it, and the server must not keep the text.
const zlib = require("node:zlib");
function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])) >>> 0);
  return Buffer.concat([len, Buffer.from(type), data, crc]);
}
function flagPng() {
  const w = 24, h = 16, raw = [];
  for (let y = 0; y < h; y++) {
    raw.push(0);
    for (let x = 0; x < w; x++) raw.push(...(x < 6 && y < 5 ? [255, 222, 0] : [200, 22, 29]));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), pngChunk("IHDR", ihdr),
    pngChunk("tEXt", Buffer.from("Comment\0GPS 31.23N 121.47E")), pngChunk("IDAT", zlib.deflateSync(Buffer.from(raw))), pngChunk("IEND", Buffer.alloc(0))]);
}
const PNG = flagPng();

test("use and evidence: the community records spending and a photo, the district checks; variance and incentive", async () => {
  const shequ = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, shequ, "shequ");
  await shequ.goto(env.srv.url + "/funds");
  await shequ.click(".funds-tabs .el-tabs__item:has-text('使用与核查')");
  await shequ.click(".funds-evidence .f-ev-year");
  await shequ.click(`.el-select-dropdown__item:visible:has-text('${Y}年')`);
  await shequ.click(".funds-evidence .f-ev-quarter label:has-text('1季度')");
  await shequ.waitForSelector(".evidence-list .el-table__row button.record-use");
  await shequ.click(".evidence-list .el-table__row button.record-use");
  await shequ.fill(".use-dialog .f-summary textarea", "按计划开展，签到表存档");
  await shequ.fill(".use-dialog .plan-line >> nth=0 >> .f-amount input", wide("480"));
  await shequ.fill(".use-dialog .plan-line >> nth=0 >> .f-receipt input", "FP-0001");
  await shot(shequ, "funds-use-1366", { fullPage: false });
  const used = shequ.waitForResponse((r) => /\/api\/funds\/activities\/\d+\/use$/.test(r.url()));
  await shequ.click(".use-dialog button.save-use");
  assert.equal((await used).status(), 200);
  await shequ.waitForSelector(".evidence-list .el-table__row:has-text('FP-0001')");
  const up = shequ.waitForResponse((r) => /\/photos$/.test(r.url()));
  await shequ.click(".evidence-list .el-table__row button.upload-photo");
  await shequ.setInputFiles(".funds-evidence .photo-input", { name: "现场.png", mimeType: "image/png", buffer: PNG });
  assert.equal((await up).status(), 201);
  await shequ.waitForSelector(".evidence-list .photo-thumb");
  assert.equal(count("SELECT COUNT(*) FROM fund_photo WHERE stripped_bytes > 0"), 1, "the position was stripped");
  await shequ.waitForFunction(() => { const i = document.querySelector(".evidence-list .photo-thumb img"); return i && i.naturalWidth === 24; });
  await shequ.context().close();

  const admin = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, admin, "admin");
  await admin.goto(env.srv.url + "/funds");
  await admin.click(".funds-tabs .el-tabs__item:has-text('使用与核查')");
  await admin.click(".funds-evidence .f-ev-year");
  await admin.click(`.el-select-dropdown__item:visible:has-text('${Y}年')`);
  await admin.click(".funds-evidence .f-ev-quarter label:has-text('1季度')");
  await admin.click(".evidence-list .el-table__row button.check-use");
  await admin.click(".check-dialog .f-check label:has-text('部分')");
  await admin.fill(".check-dialog .f-check-reason textarea", "照片不足，签到表未上传");
  await admin.click(".check-dialog button[type=submit]");
  await admin.waitForSelector(".evidence-list .check.c-partly");
  assert.match(await admin.textContent(".variance-list"), /-20\.00/, "480 spent of 500 approved");
  await shot(admin, "funds-evidence-1366");
  // The plan with its evidence report as an A4 sheet.
  await admin.goto(`${env.srv.url}/funds/plans/${count(`SELECT id FROM fund_plan WHERE year = ${Y}`)}/print`);
  await admin.waitForSelector(".funds-sheet .sheet-total");
  assert.match(await admin.textContent(".funds-sheet"), /经费使用情况[\s\S]*FP-0001[\s\S]*部分按计划使用/);
  await admin.emulateMedia({ media: "print" });
  assert.equal(await admin.locator(".print-tools").isVisible(), false, "the buttons do not print");
  await shot(admin, "funds-plan-print");
  await admin.emulateMedia({ media: "screen" });
  await admin.goto(env.srv.url + "/funds");
  // The incentive of the demo's last full quarter: every input and weight on each row.
  await admin.click(".funds-tabs .el-tabs__item:has-text('竞争激励')");
  await admin.waitForSelector(".incentive-list .incentive-explain");
  assert.match(await admin.textContent(".incentive-rule"), /FUND-INCENTIVE/);
  await shot(admin, "funds-incentive-1366");
  // The reward fund: last year's 七一 commendations of the demo, and their printable list.
  await admin.click(".funds-tabs .el-tabs__item:has-text('奖励基金')");
  await admin.click(".funds-rewards .f-rw-year");
  await admin.click(`.el-select-dropdown__item:visible:has-text('${Y - 2}年')`);
  await admin.waitForSelector(".rewards-list .el-table__row");
  assert.match(await admin.textContent(".rewards-list"), /优秀共产党员[\s\S]*先进基层党组织|先进基层党组织[\s\S]*优秀共产党员/);
  await shot(admin, "funds-rewards-1366");
  await admin.click("button.print-rewards");
  await admin.waitForSelector(".rewards-sheet-table .sheet-total");
  assert.equal(await admin.locator(".rewards-sheet-table tbody tr").count(), count(`SELECT COUNT(*) FROM fund_reward WHERE year = ${Y - 2} AND org_id = (SELECT id FROM org WHERE type = 'district')`) + 1);
  await admin.emulateMedia({ media: "print" });
  await shot(admin, "funds-rewards-print");
  await admin.context().close();
  noErrors(env);
});

test("on a 360 px phone: the plan form full screen and the ledger as cards", async () => {
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shequ");
  await phone.goto(env.srv.url + "/funds");
  await phone.waitForSelector(".funds-plans .plan-card");
  assert.ok(await overflow(phone) <= 0, "nothing off screen at 360 px");
  await shot(phone, "funds-plans-360");
  await phone.click("button.new-plan");
  await phone.waitForSelector(".plan-dialog .plan-deadline");
  await phone.waitForTimeout(300);
  // This quarter's deadline has passed (the 15th of its first month): the form starts at the next open quarter.
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const hint = (await phone.textContent(".plan-dialog .plan-deadline")).match(/\d{4}-\d{2}-\d{2}/)[0];
  assert.ok(hint >= today, `the form's quarter is still open: ${hint}`);
  assert.ok(await overflow(phone) <= 0, "the plan form fits at 360 px");
  await shot(phone, "funds-plan-form-360", { fullPage: false });
  await phone.click(".plan-dialog .form-actions button:has-text('取消')");
  await phone.click(".funds-tabs .el-tabs__item:has-text('台账')");
  await phone.waitForSelector(".funds-ledger .list-card");
  assert.ok(await overflow(phone) <= 0, "the ledger fits at 360 px");
  await shot(phone, "funds-ledger-360");
  await phone.context().close();
  noErrors(env);
});
