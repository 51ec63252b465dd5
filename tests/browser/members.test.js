// members.test.js: the 党员 pages in a real browser: search by pinyin initials, a branch
// secretary cannot open another branch's member by URL, the audited 显示 of a masked ID
// number, a bad ID number shown on its field, and the list and detail at 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

// shuji is the secretary of org 4; its subtree's path comes from the database.
function branchPath() {
  return sql(env.srv.db, "SELECT path FROM org WHERE id = 4")[0][0];
}

test("the list searches by pinyin initials", async () => {
  const [name, initials] = sql(env.srv.db,
    `SELECT p.name, p.name_initials FROM member m JOIN person p ON p.id = m.person_id
     WHERE m.org_path >= '${branchPath()}' AND length(p.name_initials) = 3 ORDER BY m.id LIMIT 1`)[0];
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.click(".side-menu .el-menu-item:has-text('党员')");
  await page.waitForSelector(".members-page .el-table__row");
  await shot(page, "members");
  await page.fill("input[name=q]", initials);
  await page.click(".filters button[type=submit]");
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll(".members-page .el-table__body-wrapper .el-table__row")];
    return rows.length > 0 && rows.every((r) => r.textContent.length) && rows.some((r) => r.textContent.includes(n));
  }, name);
  assert.match(page.url(), new RegExp(`q=${initials}`));
  await shot(page, "members-search-initials");
  // The row opens the member's page with its tabs.
  await page.click(`.members-page .el-table__row:has-text('${name}') a`);
  await page.waitForSelector(".member-page .el-tabs");
  for (const tab of ["基本信息", "党籍信息", "联系卡", "历史"]) {
    assert.ok(await page.isVisible(`.el-tabs__item:has-text('${tab}')`), `tab ${tab}`);
  }
  await shot(page, "member-detail");
  await page.context().close();
  noErrors(env);
});

test("显示 reveals the masked ID number to a permitted user and is audited", async () => {
  const [id] = sql(env.srv.db, `SELECT id FROM member WHERE org_path >= '${branchPath()}' ORDER BY id LIMIT 1`)[0];
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members/${id}`);
  await page.click(".el-tabs__item:has-text('联系卡')");
  const masked = await page.textContent(".pii[data-field=id_number]");
  assert.match(masked, /\*{4,}/);
  await page.click(".contact-card tr:has-text('身份证号') .reveal-btn");
  await page.waitForFunction(() => !document.querySelector(".pii[data-field=id_number]").textContent.includes("*"));
  assert.match(await page.textContent(".pii[data-field=id_number]"), /^99\d{15}[\dX]$/);
  await shot(page, "member-contact-revealed");
  const rows = sql(env.srv.db, `SELECT count(*) FROM audit WHERE action = 'member.reveal' AND target_id = ${id}`);
  assert.equal(rows[0][0], "1");
  // A branch committee member may read but not reveal: no 显示 button.
  const p2 = await env.newPage();
  await signIn(env, p2, "weiyuan");
  await p2.goto(`${env.srv.url}/members/${id}`);
  await p2.click(".el-tabs__item:has-text('联系卡')");
  await p2.waitForSelector(".pii[data-field=id_number]");
  assert.equal(await p2.$(".reveal-btn"), null);
  await p2.context().close();
  await page.context().close();
});

test("a branch secretary cannot open another branch's member by URL", async () => {
  const [id] = sql(env.srv.db, `SELECT id FROM member WHERE org_path NOT LIKE '${branchPath()}%' ORDER BY id LIMIT 1`)[0];
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members/${id}`);
  await page.waitForSelector(".member-page .el-result");
  assert.match(await page.textContent(".member-page"), /没有找到这名党员，或您无权查看/);
  await shot(page, "member-out-of-scope");
  await page.context().close();
});

test("creating a member with a bad ID number shows the error on that field", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members`);
  await page.click("button:has-text('新增党员')");
  await page.waitForSelector(".member-form");
  await page.fill("input[name=name]", "测试党员");
  await page.fill("input[name=id_number]", "990101199001011235");
  await page.click(".member-form button[type=submit]");
  const item = page.locator(".el-form-item:has(input[name=id_number])");
  await item.locator(".el-form-item__error").waitFor();
  assert.match(await item.locator(".el-form-item__error").textContent(), /身份证/);
  await shot(page, "member-create-id-error", { fullPage: false });
  await page.context().close();
  noErrors(env);
});

test("the member list and detail work at 360 px", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members`);
  await page.waitForSelector(".members-page .el-table__row");
  let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the list is ${overflow}px wider than the phone`);
  await shot(page, "members-360");
  await page.click(".members-page .el-table__row a");
  await page.waitForSelector(".member-page .el-tabs");
  overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the detail is ${overflow}px wider than the phone`);
  await shot(page, "member-detail-360");
  await page.context().close();
  noErrors(env);
});
