// forms.test.js: the edit forms in a real browser: a member's status change asks for the
// decision's date (决定日期), 文号 and 说明 and records them in the member's history, a server
// field error on them shows under that field; the org page's 编辑 dialog (orgs.write only)
// saves contact fields with PATCH and shows the server's field error inline; the not-found page.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors } = require("./lib/browser.js");
const { sql, sqlPlain } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

// YYYY-MM-DD of today plus days, in the browser's time zone (Asia/Shanghai).
function day(days) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  return d.toISOString().slice(0, 10);
}

// Picks an option of the el-select inside the form item labelled `label`.
async function choose(page, scopeSel, label, option) {
  await page.click(`${scopeSel} .el-form-item:has(> .el-form-item__label:text-is('${label}')) .el-select`);
  await page.click(`.el-select-dropdown:visible .el-select-dropdown__item:has-text('${option}')`);
}

// Types a date into an el-date-picker by its input name.
async function typeDate(page, name, value) {
  await page.fill(`input[name=${name}]`, value);
  await page.press(`input[name=${name}]`, "Enter");
  await page.keyboard.press("Tab");
}

function errorOf(page, inputName) {
  return page.locator(`.el-form-item:has([name=${inputName}]) > .el-form-item__content > .el-form-item__error`);
}

test("a status change asks for 决定日期, shows the server's field error, records 文号 and 说明", async () => {
  const [id, name] = sql(env.srv.db,
    `SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id
     WHERE m.org_path LIKE '/1/2/3/4/%' AND m.status = 'full' ORDER BY m.id LIMIT 1`)[0];
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members/${id}/edit`);
  await page.waitForSelector(".member-form input[name=name]");
  assert.equal(await page.inputValue("input[name=name]"), name);
  assert.equal(await page.$(".status-change"), null, "no decision fields while the status is unchanged");
  await shot(page, "member-edit");

  const patches = [];
  page.on("request", (r) => { if (r.method() === "PATCH") patches.push(r.postDataJSON()); });
  await choose(page, ".member-form", "党籍状态", "停止党籍");
  await page.waitForSelector(".status-change input[name=effective_on]");
  assert.match(await page.textContent(".status-change-hint"), /正式党员.*停止党籍/);
  assert.equal(await page.inputValue("input[name=effective_on]"), "", "the decision date starts empty");
  // Without the date nothing is sent and the field says why.
  await page.click(".member-form button[type=submit]");
  await errorOf(page, "effective_on").waitFor();
  assert.match(await errorOf(page, "effective_on").textContent(), /决定日期/);
  assert.equal(patches.length, 0);

  // A server field error on effective_on (e.g. a rule of the status decision) shows inline.
  const decided = day(-3);
  await typeDate(page, "effective_on", decided);
  await page.fill("input[name=doc_no]", "社党委〔2026〕7号");
  await page.fill("textarea[name=note]", "长期失联，经支部大会讨论决定");
  await page.route(`**/api/members/${id}`, (route) => route.request().method() === "PATCH"
    ? route.fulfill({ status: 400, contentType: "application/json",
                      body: JSON.stringify({ error: { code: "invalid", field: "/effective_on", message: "决定日期不能早于入党日期" } }) })
    : route.continue());
  await page.click(".member-form button[type=submit]");
  await page.waitForFunction(() => /不能早于入党日期/.test(document.querySelector(".status-change").textContent));
  assert.match(await errorOf(page, "effective_on").textContent(), /决定日期不能早于入党日期/);
  assert.deepEqual(patches[0], { status: "suspended", effective_on: decided, doc_no: "社党委〔2026〕7号", note: "长期失联，经支部大会讨论决定" });
  await shot(page, "member-edit-status-error");
  await page.unroute(`**/api/members/${id}`);

  // The real server records the change with its date, number and note.
  await page.click(".member-form button[type=submit]");
  await page.waitForSelector(".member-page .el-tabs");
  assert.equal(sql(env.srv.db, `SELECT status FROM member WHERE id = ${id}`)[0][0], "suspended");
  assert.deepEqual(sql(env.srv.db, `SELECT effective_on, doc_no, note FROM member_event WHERE member_id = ${id} AND kind = 'status' ORDER BY id DESC LIMIT 1`)[0],
                   [decided, "社党委〔2026〕7号", "长期失联，经支部大会讨论决定"]);
  await page.context().close();
  noErrors(env);
});

test("an impossible status change shows the server's error under 党籍状态", async () => {
  const [id] = sql(env.srv.db, `SELECT id FROM member WHERE org_path LIKE '/1/2/3/4/%' AND status = 'full' ORDER BY id DESC LIMIT 1`)[0];
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members/${id}/edit`);
  await page.waitForSelector(".member-form input[name=name]");
  await choose(page, ".member-form", "党籍状态", "预备党员");
  await typeDate(page, "effective_on", day(-1));
  await page.click(".member-form button[type=submit]");
  const err = page.locator(".member-form .el-form-item:has(> .el-form-item__label:text-is('党籍状态')) .el-form-item__error");
  await err.waitFor();
  assert.match(await err.textContent(), /不能从“正式党员”改为“预备党员”/);
  assert.equal(sql(env.srv.db, `SELECT status FROM member WHERE id = ${id}`)[0][0], "full");
  await page.context().close();
  noErrors(env);
});

test("the member edit form with a status change fits a 360 px phone", async () => {
  const [id] = sql(env.srv.db, `SELECT id FROM member WHERE org_path LIKE '/1/2/3/4/%' AND status = 'probationary' ORDER BY id LIMIT 1`)[0]
    || sql(env.srv.db, `SELECT id FROM member WHERE org_path LIKE '/1/2/3/4/%' AND status = 'full' ORDER BY id DESC LIMIT 1`)[0];
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members/${id}/edit`);
  await page.waitForSelector(".member-form input[name=name]");
  await choose(page, ".member-form", "党籍状态", "出党");
  await page.waitForSelector(".status-change input[name=effective_on]");
  await page.locator(".status-change").scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the form is ${overflow}px wider than the phone`);
  await shot(page, "member-edit-360");
  await page.context().close();
  noErrors(env);
});

test("编辑 on the org page saves contact fields and shows the server's field error inline", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/orgs/4`);
  await page.click(".edit-org-btn");
  await page.waitForSelector(".org-edit-form input[name=contact_phone]");
  await shot(page, "org-edit");
  const patches = [];
  page.on("request", (r) => { if (r.method() === "PATCH") patches.push(r.postDataJSON()); });
  await page.fill(".org-edit-form input[name=contact_phone]", "0571-86001234");
  await page.fill(".org-edit-form input[name=address]", "宏福公寓 3 幢 101 室党群服务站");
  await page.click(".org-edit-form button[type=submit]");
  await page.waitForSelector(".org-edit-form", { state: "detached" });
  assert.deepEqual(patches[0], { contact_phone: "0571-86001234", address: "宏福公寓 3 幢 101 室党群服务站" });
  assert.match(await page.textContent(".org-page .el-descriptions"), /宏福公寓 3 幢 101 室党群服务站/);
  assert.deepEqual(sqlPlain(env.srv.db, "SELECT contact_phone, address FROM org WHERE id = 4")[0],
                   ["0571-86001234", "宏福公寓 3 幢 101 室党群服务站"]);

  // The server refuses a founding date in the future, on that field.
  await page.click(".edit-org-btn");
  await page.waitForSelector(".org-edit-form input[name=founded_on]");
  await typeDate(page, "founded_on", day(400));
  await page.click(".org-edit-form button[type=submit]");
  await errorOf(page, "founded_on").waitFor();
  assert.match(await errorOf(page, "founded_on").textContent(), /成立日期不能晚于今天/);
  await shot(page, "org-edit-error");
  await page.context().close();

  // A branch secretary (no orgs.write) gets no 编辑.
  const p2 = await env.newPage();
  await signIn(env, p2, "shuji");
  await p2.goto(`${env.srv.url}/orgs/4`);
  await p2.waitForSelector(".org-page .el-descriptions");
  assert.equal(await p2.$(".edit-org-btn"), null);
  await p2.context().close();
  noErrors(env);
});

test("the org edit dialog fits a 360 px phone", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/orgs/4`);
  await page.click(".edit-org-btn");
  await page.waitForSelector(".org-edit-form input[name=contact_phone]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await shot(page, "org-edit-360", { fullPage: false });
  await page.context().close();
  noErrors(env);
});

test("an unknown address shows the not-found page", async () => {
  for (const [width, name] of [[1280, "not-found"], [360, "not-found-360"]]) {
    const page = await env.newPage({ width, height: 740 });
    await signIn(env, page, "shuji");
    await page.goto(`${env.srv.url}/no-such-page`);
    await page.waitForSelector(".el-result");
    assert.match(await page.textContent(".el-result"), /页面不存在/);
    assert.ok(await page.isVisible(".el-result button:has-text('返回首页')"));
    await shot(page, name);
    await page.context().close();
  }
  noErrors(env);
});

test("党员联系卡: a secretary fills the card's own fields; a committee member only reads them", async () => {
  const [id] = sql(env.srv.db, "SELECT id FROM member WHERE org_id = 4 AND status = 'full' AND id NOT IN (SELECT member_id FROM member_card) ORDER BY id DESC LIMIT 1")[0];
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members/${id}`);
  await page.click(".el-tabs__item:has-text('联系卡')");
  await page.click(".card-edit");
  await page.fill(".card-form textarea[name=skills]", "水电维修、家电清洗");
  await page.fill(".card-form textarea[name=households]", "5号楼1单元 8 户");
  await page.click(".card-save");
  await page.waitForFunction(() => document.querySelector(".card-field[data-field=skills]").textContent.includes("水电维修"));
  assert.equal((await page.textContent(".card-field[data-field=households]")).trim(), "5号楼1单元 8 户");
  assert.equal((await page.textContent(".card-field[data-field=pledge]")).trim(), "—", "an unfilled field shows a dash");
  assert.deepEqual(sql(env.srv.db, `SELECT skills, households, pledge FROM member_card WHERE member_id = ${id}`)[0], ["水电维修、家电清洗", "5号楼1单元 8 户", ""]);
  await shot(page, "member-card");
  await page.context().close();
  const reader = await env.newPage({ width: 360, height: 740 });
  await signIn(env, reader, "weiyuan");
  await reader.goto(`${env.srv.url}/members/${id}`);
  await reader.click(".el-tabs__item:has-text('联系卡')");
  await reader.waitForFunction(() => document.querySelector(".card-field[data-field=skills]").textContent.includes("水电维修"));
  assert.equal(await reader.$(".card-edit"), null, "no 编辑联系卡 without members.write");
  const overflow = await reader.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the card is ${overflow}px wider than the phone`);
  await shot(reader, "member-card-360");
  await reader.context().close();
  noErrors(env);
});
