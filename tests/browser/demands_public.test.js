// demands_public.test.js: 群众诉求公开栏 in a real browser, without signing in: reached from the
// login page's link, it lists closed demands with the names and numbers removed, filters by
// community, shows the counts by community and category (a small count as "少于 N 件"), and
// pages; on a 360 px phone the same page is cards with nothing off screen. Screenshots at 1366
// and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

test("the public board at 1366 px: from the login page, filtered by community, counts and paging", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await page.goto(env.srv.url + "/login");
  await page.click("a[href='/public/demands']");
  await page.waitForSelector(".board-page .el-table__row");
  assert.equal(await page.locator(".board-title").textContent(), "群众诉求公开栏");
  const rows = await page.locator(".board-page .el-table__row").count();
  assert.ok(rows >= 10);
  // Nothing of a reporter on the page: no stored reporter name or phone of a closed demand shows.
  const names = sql(env.srv.db, "SELECT DISTINCT reporter_name FROM demand WHERE status = 'closed' AND reporter_name IS NOT NULL").map((r) => r[0]);
  const text = await page.locator(".board-page").textContent();
  for (const n of names) if (n.length >= 2) assert.ok(!text.includes(n), `the board shows ${n}`);
  assert.doesNotMatch(text, /1[3-9]\d{9}/);
  await shot(page, "demands-public-1366");
  // One community: the counts and the list narrow to it.
  await page.click(".board-filters .el-select >> nth=0");
  const option = page.locator(".el-select-dropdown__item:visible").first();
  const community = (await option.textContent()).trim();
  await option.click();
  await page.waitForFunction((c) => document.querySelector(".board-page .form-hint").textContent.startsWith(c), community);
  const orgs = await page.locator(".board-counts .el-card >> nth=0 >> .el-table__row").count();
  assert.equal(orgs, 1);
  await page.waitForSelector(".board-page .el-table__row");
  const cells = await page.locator(".board-page .el-table__body").first().locator("td:nth-child(3)").allTextContents();
  assert.ok(cells.length > 0 && cells.every((c) => c.trim() === community));
  if (await page.locator(".board-pager").count()) {
    const first = await page.locator(".board-page .el-table__row").first().textContent();
    await page.click(".board-pager .btn-next");
    await page.waitForFunction((f) => document.querySelector(".board-page .el-table__row").textContent !== f, first);
  }
  noErrors(env);
});

test("the public board on a 360 px phone: cards, nothing off screen", async () => {
  const page = await env.newPage({ width: 360, height: 780 });
  await page.goto(env.srv.url + "/public/demands");
  await page.waitForSelector(".board-page .list-card");
  assert.ok(await overflow(page) <= 0, "nothing reaches past the right edge");
  await shot(page, "demands-public-360");
  noErrors(env);
});
