// transfers.test.js: 组织关系转接 in a real browser: a branch secretary's out queue with the demo
// transfer past its deadline marked, 发起转接 with a member and a receiving org outside the
// branch found by name (the member's own branch refused under its field first), then the
// street accepting it on its 转入 queue (the member moves) and returning another with a
// reason; the queue as cards and the dialog at 360 px. Screenshots at 1366 and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

async function pick(page, sel, pop, text, option = text) {
  await page.click(`${sel} .el-select__wrapper`);
  await page.keyboard.type(text);
  await page.click(`.${pop} .el-select-dropdown__item:visible:has-text('${option}')`);
}

test("the out queue, 发起转接 (own org refused under its field), accepted and returned by the receiving side", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.click(".side-menu .el-menu-item:has-text('组织关系转接')");
  await page.waitForSelector(".queue-out .el-table__row");
  assert.equal(await page.locator(".queue-out .xfer-overdue").count(), 1, "the demo transfer past its deadline is marked");
  assert.match(await page.textContent(".queue-out .el-table__row"), /接收党组织应在\d{4}-\d\d-\d\d前接收或退回（30天）/);
  await shot(page, "transfers-out-1366");
  const branch = Number(one("SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shuji'")[0]);
  const [member, name] = one(`SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ${branch} AND m.status = 'full'
    AND NOT EXISTS (SELECT 1 FROM xfer x WHERE x.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM person q WHERE q.name = p.name AND q.id <> p.id) ORDER BY m.id DESC LIMIT 1`);
  const [own] = one(`SELECT name FROM org WHERE id = ${branch}`);
  const [other, otherName] = one(`SELECT id, name FROM org WHERE type = 'branch' AND id <> ${branch} AND dissolved_on IS NULL AND path NOT LIKE (SELECT path FROM org WHERE id = ${branch}) || '%' ORDER BY id DESC LIMIT 1`);
  await page.click("button.new-transfer");
  await page.waitForSelector(".create-transfer-dialog .f-member");
  await pick(page, ".create-transfer-dialog .f-member", "xfer-member-pop", name);
  await pick(page, ".create-transfer-dialog .f-to-org", "xfer-org-pop", own.slice(-10), own);
  await page.fill(".create-transfer-dialog .f-note input", "工作调动");
  await page.click(".create-transfer-dialog button[type=submit]");
  await page.waitForSelector(".create-transfer-dialog .el-form-item__error:has-text('组织关系已在')");
  await shot(page, "transfers-create-refused-1366", { fullPage: false });
  await pick(page, ".create-transfer-dialog .f-to-org", "xfer-org-pop", otherName.slice(-10), otherName);
  await page.click(".create-transfer-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('已发起')");
  await page.waitForSelector(`.queue-out .el-table__row:has-text('${name}')`);
  const [id, status, orgNow] = one(`SELECT x.id, x.status, m.org_id FROM xfer x JOIN member m ON m.id = x.member_id WHERE x.member_id = ${member}`);
  assert.equal(status, "pending");
  assert.equal(Number(orgNow), branch, "still on the branch's roll until accepted");
  await page.context().close();

  const street = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, street, "jiedao");
  await street.click(".side-menu .el-menu-item:has-text('组织关系转接')");
  await street.click(".transfer-tabs .el-tabs__item:has-text('转入')");
  await street.click(".queue-in .queue-status .el-radio-button:has-text('待接收')");
  const row = street.locator(`.queue-in .el-table__row:has-text('${name}')`);
  await row.waitFor();
  await shot(street, "transfers-in-1366");
  await row.locator("button.accept-transfer").click();
  await street.click(".el-message-box button:has-text('接收')");
  await street.waitForSelector(".el-message:has-text('已接收')");
  await street.waitForFunction((n) => ![...document.querySelectorAll(".queue-in .el-table__row")].some((r) => r.textContent.includes(n)), name);
  assert.equal(Number(one(`SELECT org_id FROM member WHERE id = ${member}`)[0]), Number(other), "the member moved on accept");
  assert.equal(one(`SELECT status FROM xfer WHERE id = ${id}`)[0], "accepted");
  // Return the demo transfer that is past its deadline, with a reason.
  const late = street.locator(".queue-in .el-table__row:has(.xfer-overdue)").first();
  await late.locator("button.return-transfer").click();
  await street.waitForSelector(".return-dialog .f-reason textarea");
  await street.click(".return-dialog button[type=submit]");
  await street.waitForSelector(".return-dialog .el-form-item__error");
  await street.fill(".return-dialog .f-reason textarea", "该同志已调回本单位，不再转出");
  await shot(street, "transfers-return-1366", { fullPage: false });
  await street.click(".return-dialog button[type=submit]");
  await street.waitForSelector(".el-message--success:has-text('已退回')");
  assert.equal(Number(one("SELECT COUNT(*) FROM xfer WHERE reason = '该同志已调回本单位，不再转出' AND status = 'returned'")[0]), 1);
  await street.click(".queue-in .queue-status .el-radio-button:has-text('全部')");
  await street.waitForSelector(".queue-in .xfer-reason:has-text('该同志已调回本单位')");
  await street.waitForTimeout(400); // the tags fade in
  await shot(street, "transfers-in-all-1366");
  await street.context().close();
  noErrors(env);
});

test("on a 360 px phone: the queue as cards, the 发起转接 dialog fits", async () => {
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shuji");
  await phone.goto(env.srv.url + "/transfers");
  await phone.waitForSelector(".queue-out .list-card");
  assert.ok(await overflow(phone) <= 0, "nothing off screen at 360 px");
  await shot(phone, "transfers-out-360");
  await phone.click(".transfer-tabs .el-tabs__item:has-text('转入')");
  await phone.waitForSelector(".queue-in .list-card");
  await shot(phone, "transfers-in-360");
  await phone.click("button.new-transfer");
  await phone.waitForSelector(".create-transfer-dialog .f-member");
  await phone.waitForTimeout(300);
  assert.ok(await overflow(phone) <= 0, "the dialog fits at 360 px");
  await shot(phone, "transfers-create-360", { fullPage: false });
  await phone.context().close();
  noErrors(env);
});

test("介绍信: issued from the dialog, the printed letter with 存根 and 回执 (a copy counted), the receipt recorded; 口袋党员", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.goto(env.srv.url + "/transfers");
  await page.click(".transfer-tabs .el-tabs__item:has-text('口袋党员')");
  await page.waitForSelector(".transfer-pocket .el-table__row");
  assert.match(await page.textContent(".transfer-pocket .el-table__row"), /介绍信逾期未回执/);
  await shot(page, "transfers-pocket-1366");
  await page.click(".transfer-tabs .el-tabs__item:has-text('介绍信')");
  await page.waitForSelector(".transfer-letters .el-table__row .letter-expired-tag");
  await page.click("button.new-letter");
  await page.waitForSelector(".create-letter-dialog .f-letter-member");
  const branch = Number(one("SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shuji'")[0]);
  const [member, name] = one(`SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ${branch} AND m.status = 'full'
    AND NOT EXISTS (SELECT 1 FROM xfer x WHERE x.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM xfer_letter x WHERE x.member_id = m.id)
    AND NOT EXISTS (SELECT 1 FROM person q WHERE q.name = p.name AND q.id <> p.id) ORDER BY m.id LIMIT 1`);
  await pick(page, ".create-letter-dialog .f-letter-member", "letter-member-pop", name);
  await page.fill(".create-letter-dialog .f-to-org-name input", "中共青溪县临河镇委员会");
  // 党费交至 comes from the dues ledger, as the server reads it.
  const { paid_to: paidTo } = await (await page.request.get(`${env.srv.url}/api/dues/paid-to?member_id=${member}`)).json();
  assert.match(paidTo, /^\d{4}-\d{2}$/);
  await page.waitForSelector(`.create-letter-dialog .dues-paid-hint:has-text('交至 ${paidTo}')`);
  assert.equal(await page.inputValue(".create-letter-dialog .f-dues-paid-to input"), paidTo);
  await shot(page, "transfers-letter-dialog-1366", { fullPage: false });
  await page.click(".create-letter-dialog button[type=submit]");
  await page.waitForSelector(".letter-sheet .letter-main");
  const [id, number, lettersPaidTo] = one(`SELECT id, year || '-' || substr('00' || seq, -3), dues_paid_to FROM xfer_letter WHERE member_id = ${member}`);
  assert.equal(lettersPaidTo, paidTo);
  assert.match(page.url(), new RegExp(`/transfers/letters/${id}/print$`));
  assert.equal((await page.locator(".letter-sheet .letter-title").allTextContents()).length, 3, "存根, letter and 回执");
  assert.match(await page.textContent(".letter-main"), new RegExp(`兹介绍${name}同志`));
  assert.match(await page.textContent(".letter-main"), /中共青溪县临河镇委员会/);
  assert.equal(await page.textContent(".letter-stub .letter-number"), number);
  assert.match(await page.textContent(".letter-main"), /\d{6}\*+\d{3}[\dX]/, "the ID number masked");
  // The full number for the paper letter: shown on request, the view audited.
  const reveals = () => Number(one(`SELECT COUNT(*) FROM audit WHERE action = 'member.reveal' AND target_id = ${member}`)[0]);
  const r0 = reveals();
  await page.click("button.do-reveal");
  await page.waitForFunction(() => /身份证号码\s*99\d{15}[\dX]/.test(document.querySelector(".letter-main").textContent));
  assert.equal(reveals(), r0 + 1);
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  await page.click("button.do-print");
  await page.waitForFunction(() => window.printed === 1);
  assert.equal(Number(one(`SELECT print_count FROM xfer_letter WHERE id = ${id}`)[0]), 1);
  await shot(page, "transfers-letter-print-1366");
  await page.emulateMedia({ media: "print" });
  await shot(page, "transfers-letter-printed-1366");
  await page.emulateMedia({ media: "screen" });
  await page.click(".print-tools button:has-text('返回')");
  await page.click(".transfer-tabs .el-tabs__item:has-text('介绍信')");
  const row = page.locator(`.transfer-letters .el-table__row:has-text('${name}')`);
  await row.locator("button.receipt-letter").click();
  await page.waitForSelector(".receipt-dialog .f-receipt-note input");
  await page.fill(".receipt-dialog .f-receipt-note input", "回执已附存根");
  await page.click(".receipt-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('回执已登记')");
  await row.locator(".letter-received").waitFor();
  assert.equal(one(`SELECT receipt_note FROM xfer_letter WHERE id = ${id}`)[0], "回执已附存根");
  await page.waitForTimeout(300);
  await shot(page, "transfers-letters-1366");
  await page.context().close();

  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shuji");
  await phone.goto(env.srv.url + `/transfers/letters/${id}/print`);
  await phone.waitForSelector(".letter-sheet .letter-receipt");
  assert.ok(await overflow(phone) <= 0, "the letter fits at 360 px");
  await shot(phone, "transfers-letter-print-360");
  await phone.goto(env.srv.url + "/transfers");
  await phone.click(".transfer-tabs .el-tabs__item:has-text('口袋')");
  await phone.waitForSelector(".transfer-pocket .list-card");
  await shot(phone, "transfers-pocket-360");
  await phone.click(".transfer-tabs .el-tabs__item:has-text('介绍信')");
  await phone.waitForSelector(".transfer-letters .list-card");
  assert.ok(await overflow(phone) <= 0, "the letters fit at 360 px");
  await shot(phone, "transfers-letters-360");
  await phone.context().close();
  noErrors(env);
});

test("流动党员: the demo's cards, 登记外出 (a period ending before it starts refused under its field), a meeting at the destination", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.goto(env.srv.url + "/transfers");
  await page.click(".transfer-tabs .el-tabs__item:has-text('流动党员')");
  await page.waitForSelector(".transfer-flows .el-table__row");
  assert.ok(await page.locator(".transfer-flows .el-table__row:has-text('外出（流出）')").count() >= 1);
  assert.ok(await page.locator(".transfer-flows .el-table__row:has-text('流入')").count() >= 1);
  await shot(page, "transfers-flows-1366");
  const branch = Number(one("SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shuji'")[0]);
  const [member, name] = one(`SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ${branch} AND m.status = 'full'
    AND NOT EXISTS (SELECT 1 FROM xfer_flow x WHERE x.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM person q WHERE q.name = p.name AND q.id <> p.id) ORDER BY m.id DESC LIMIT 1 OFFSET 3`);
  await page.click("button.new-flow");
  await page.waitForSelector(".create-flow-dialog .f-flow-member");
  await pick(page, ".create-flow-dialog .f-flow-member", "flow-member-pop", name);
  await page.fill(".create-flow-dialog .f-place input", "云岭市南湖区");
  await page.fill(".create-flow-dialog .f-flow-reason input", "务工");
  await page.fill(".create-flow-dialog .f-dest-org input", "中共云岭市南湖区滨江街道工作委员会");
  const start = await page.inputValue(".create-flow-dialog .f-starts-on input");
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  await page.fill(".create-flow-dialog .f-ends-on input", d.toISOString().slice(0, 10));
  await page.keyboard.press("Enter");
  await page.click(".create-flow-dialog .el-dialog__title");
  await page.click(".create-flow-dialog button[type=submit]");
  await page.waitForSelector(".create-flow-dialog .el-form-item__error:has-text('不能早于外出日期')");
  await shot(page, "transfers-flow-refused-1366", { fullPage: false });
  d.setUTCDate(d.getUTCDate() + 91);
  await page.fill(".create-flow-dialog .f-ends-on input", d.toISOString().slice(0, 10));
  await page.keyboard.press("Enter");
  await page.fill(".create-flow-dialog .f-card-no input", "宁流证〔2026〕088号");
  await page.fill(".create-flow-dialog .f-card-valid input", d.toISOString().slice(0, 10));
  await page.keyboard.press("Enter");
  await page.click(".create-flow-dialog .el-dialog__title");
  await page.click(".create-flow-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('已登记')");
  const row = page.locator(`.transfer-flows .el-table__row:has-text('${name}')`);
  await row.waitFor();
  const [flow, card] = one(`SELECT id, card_no FROM xfer_flow WHERE member_id = ${member}`);
  assert.equal(card, "宁流证〔2026〕088号");
  await row.locator("button.flow-meeting").click();
  await page.waitForSelector(".flow-meeting-dialog .f-topic input");
  await page.fill(".flow-meeting-dialog .f-topic input", "主题党日：学习贯彻");
  await page.click(".flow-meeting-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('已记录')");
  await row.locator(".flow-meetings:has-text('1 次')").waitFor();
  assert.equal(Number(one(`SELECT COUNT(*) FROM xfer_flow_meeting WHERE flow_id = ${flow}`)[0]), 1);
  await page.waitForTimeout(300);
  await shot(page, "transfers-flows-after-1366");
  // The meetings at the destination show in the member's 民主评议 (FLOW-IN-DUTY).
  const year = today().slice(0, 4);
  const [away, awayName, meetings] = one(`SELECT m.person_id, p.name, (SELECT COUNT(*) FROM xfer_flow_meeting x WHERE x.flow_id = f.id AND x.met_on >= '${year}-01-01')
    FROM xfer_flow f JOIN member m ON m.id = f.member_id JOIN person p ON p.id = m.person_id WHERE f.home_org_id = ${branch} AND f.direction = 'out' ORDER BY f.id LIMIT 1`);
  const cadre = await login(env.srv, "shuji");
  await cadre.request("POST", "/api/orglife/evaluations", { body: { org_id: branch, year: Number(year) } });
  const [round] = one(`SELECT id FROM eval_round WHERE org_id = ${branch} AND year = ${year}`);
  await page.goto(env.srv.url + `/orglife/evaluations/${round}`);
  const subject = page.locator(`.subject-list .el-table__row:has-text('${awayName}')`).first();
  await subject.locator("button.subject-edit").click();
  await page.waitForSelector(".subject-dialog .flow-records .flow-record");
  assert.equal(await page.locator(".subject-dialog .flow-record").count(), Number(meetings));
  assert.ok(Number(away) > 0);
  await shot(page, "transfers-flow-in-evaluation-1366", { fullPage: false });
  await page.context().close();

  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shuji");
  await phone.goto(env.srv.url + "/transfers");
  await phone.click(".transfer-tabs .el-tabs__item:has-text('流动')");
  await phone.waitForSelector(".transfer-flows .list-card");
  assert.ok(await overflow(phone) <= 0, "the flows fit at 360 px");
  await shot(phone, "transfers-flows-360");
  await phone.click("button.new-flow");
  await phone.waitForSelector(".create-flow-dialog .f-flow-member");
  await phone.waitForTimeout(300);
  assert.ok(await overflow(phone) <= 0, "the registration dialog fits at 360 px");
  await shot(phone, "transfers-flow-dialog-360", { fullPage: false });
  await phone.context().close();
  noErrors(env);
});

test("失联与三不: the ladder with the drifting member (dues and organizational life), the 三不 filter, the member not reached, a contact and a decision recorded", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.goto(env.srv.url + "/transfers");
  await page.click(".transfer-tabs .el-tabs__item:has-text('失联')");
  await page.waitForSelector(".transfer-lost .el-table__row");
  assert.ok(await page.locator(".transfer-lost .lost-rung[data-rule='LOST-R6']").count() >= 1);
  assert.equal(await page.locator(".transfer-lost .lost-contact").count(), 1);
  // The drifting member carries two 三不 marks; the filter 两项以上 keeps exactly the members the
  // server marks twice or more.
  const drifting = page.locator(".transfer-lost .el-table__row:has(.mark-dues):has(.mark-orglife)");
  assert.match(await drifting.first().locator(".mark-orglife").textContent(), /未参加组织生活 \d+ 个月/);
  const all = await page.locator(".transfer-lost .el-table__row").count();
  const lost = await (await page.request.get(env.srv.url + "/api/lost")).json();
  await page.click(".sanbu-filter .el-radio-button:has-text('两项以上')");
  await page.waitForFunction((n) => document.querySelectorAll(".transfer-lost .el-table__row").length === n, lost.items.filter((l) => l.sanbu >= 2).length);
  assert.ok(all > lost.items.filter((l) => l.sanbu >= 2).length);
  await shot(page, "transfers-lost-1366");
  await page.click(".sanbu-filter .el-radio-button:has-text('全部')");
  await page.waitForFunction((n) => document.querySelectorAll(".transfer-lost .el-table__row").length === n, all);
  const row = page.locator(".transfer-lost .el-table__row:has(.lost-rung[data-rule='LOST-R6'])").first();
  const name = (await row.locator("td").first().textContent()).trim();
  const [member] = one(`SELECT m.id FROM member m JOIN person p ON p.id = m.person_id WHERE p.name = '${name}' ORDER BY m.id LIMIT 1`);
  await row.locator("button.lost-contact-add").click();
  await page.waitForSelector(".contact-dialog .f-contact-note input");
  await page.fill(".contact-dialog .f-contact-note input", "电话无人接听");
  await page.click(".contact-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('已记录')");
  assert.equal(one(`SELECT note, reached FROM xfer_lost_contact WHERE member_id = ${member} ORDER BY id DESC LIMIT 1`).join(), "电话无人接听,0");
  await row.locator("button.lost-decide").click();
  await page.waitForSelector(".decision-dialog .f-body input");
  await page.click(".decision-dialog .f-decision .el-select__wrapper");
  await page.click(".el-select-dropdown__item:visible:has-text('停止党籍')");
  await page.fill(".decision-dialog .f-body input", "党支部大会");
  await page.click(".decision-dialog button[type=submit]");
  await page.waitForSelector(".decision-dialog .el-form-item__error:has-text('文号')");
  await page.fill(".decision-dialog .f-doc-no input", "宁街党〔2026〕12号");
  await shot(page, "transfers-lost-decision-1366", { fullPage: false });
  await page.click(".decision-dialog button[type=submit]");
  await page.waitForSelector(".transfer-lost .el-table__row:has-text('宁街党〔2026〕12号')");
  assert.equal(one(`SELECT decision, doc_no FROM xfer_lost_decision WHERE member_id = ${member} ORDER BY id DESC LIMIT 1`).join(), "stop,宁街党〔2026〕12号");
  await page.context().close();
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shuji");
  await phone.goto(env.srv.url + "/transfers");
  await phone.click(".transfer-tabs .el-tabs__item:has-text('失联')");
  await phone.waitForSelector(".transfer-lost .list-card");
  assert.ok(await overflow(phone) <= 0, "the ladder fits at 360 px");
  await shot(phone, "transfers-lost-360");
  await phone.context().close();
  noErrors(env);
});

test("在职党员: the community registers a person from a workplace outside the system, records a service and prints the yearly 反馈表; the list on a phone", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(env.srv.url + "/transfers");
  await page.click(".transfer-tabs .el-tabs__item:has-text('在职党员')");
  await page.waitForSelector(".transfer-in-service .el-table__row");
  assert.equal(await page.locator(".transfer-in-service .el-table__row").count(), 3, "the demo's three registrations");
  await page.click("button.new-report");
  await page.waitForSelector(".report-dialog .f-name input");
  await page.waitForFunction(() => document.querySelector(".report-dialog .f-community .el-select__selected-item:not(.is-transparent)"));
  await page.fill(".report-dialog .f-name input", "沈知远");
  await page.fill(".report-dialog .f-phone input", "１３９ ００００ １２３４");
  await page.fill(".report-dialog .f-work-unit input", "青溪区税务局");
  await page.fill(".report-dialog .f-skills input", "税务咨询");
  await page.click(".report-dialog button[type=submit]");
  await page.waitForSelector(".report-dialog .el-form-item__error:has-text('工作单位党组织')");
  await page.fill(".report-dialog .f-unit-org input", "中共青溪区税务局委员会");
  await shot(page, "transfers-in-service-dialog-1366", { fullPage: false });
  await page.click(".report-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('已登记报到')");
  const [id, unit] = one("SELECT r.id, r.unit_org_name FROM xfer_report r JOIN person p ON p.id = r.person_id WHERE p.name = '沈知远'");
  assert.equal(unit, "中共青溪区税务局委员会");
  const row = page.locator(".transfer-in-service .el-table__row:has-text('沈知远')");
  await row.locator("button.report-service-add").click();
  await page.waitForSelector(".report-service-dialog .f-content input");
  await page.fill(".report-service-dialog .f-content input", "为社区商户讲解个税新政");
  await page.click(".report-service-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('已登记服务')");
  await page.waitForSelector(".transfer-in-service .el-table__row:has-text('沈知远') .report-service:has-text('1 次 · 1 小时')");
  assert.deepEqual(one(`SELECT minutes, kind, content FROM xfer_report_service WHERE report_id = ${id}`), ["60", "wish", "为社区商户讲解个税新政"]);
  await shot(page, "transfers-in-service-1366");
  // The yearly 反馈表 of a demo registration: every service of the year, the total as summed.
  const [demo, n, minutes] = one(`SELECT r.id, COUNT(s.id), SUM(s.minutes) FROM xfer_report r JOIN xfer_report_service s ON s.report_id = r.id
    WHERE s.served_on LIKE '${today().slice(0, 4)}-%' GROUP BY r.id ORDER BY r.id LIMIT 1`);
  await page.goto(`${env.srv.url}/transfers/in-service/${demo}/print?year=${today().slice(0, 4)}`);
  await page.waitForSelector(".report-sheet .report-services");
  assert.equal(await page.locator(".report-services tbody tr").count(), Number(n) + 1);
  assert.equal((await page.textContent(".report-total")).trim(), (Number(minutes) / 60).toFixed(1).replace(/\.0$/, ""));
  await page.emulateMedia({ media: "print" });
  await shot(page, "transfers-in-service-print");
  await page.emulateMedia({ media: "screen" });
  await page.click(".print-tools button:has-text('返回')");
  await page.waitForSelector(".transfer-in-service .el-table__row");
  await page.context().close();
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shequ");
  await phone.goto(env.srv.url + "/transfers");
  await phone.click(".transfer-tabs .el-tabs__item:has-text('在职')");
  await phone.waitForSelector(".transfer-in-service .list-card");
  assert.ok(await overflow(phone) <= 0, "the list fits at 360 px");
  await shot(phone, "transfers-in-service-360");
  await phone.context().close();
  noErrors(env);
});
