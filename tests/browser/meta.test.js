// meta.test.js: the web app's codes and labels come from GET /api/meta, loaded once after
// sign-in: 审计日志 shows every action and object type by the server's label (also actions the
// web never named by hand, such as 修改组织信息), and the 党员 filters offer the server's
// categories and statuses in its order; both pages at 1366 and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, login } = require("./lib/browser.js");

let env;
let meta;
before(async () => {
  env = await setup();
  const shequ = await login(env.srv, "shequ");
  const res = await shequ.request("GET", "/api/meta");
  assert.equal(res.status, 200, res.text);
  meta = res.json;
  // An org change: an audit action (org.update) the web app had no hand-kept label for.
  const patch = await shequ.request("PATCH", "/api/orgs/4", { body: { contact_phone: "0571-86005678" } });
  assert.equal(patch.status, 200, patch.text);
});
after(async () => { if (env) await env.close(); });

const labels = (table) => meta.codes[table].map((r) => r.label);

// Counts the page's GET /api/meta requests.
function countMeta(page) {
  const seen = { n: 0 };
  page.on("request", (r) => { if (new URL(r.url()).pathname === "/api/meta") seen.n++; });
  return seen;
}

for (const width of [1366, 360]) {
  test(`审计日志 shows the server's action and object labels at ${width} px`, async () => {
    const page = await env.newPage({ width, height: width > 800 ? 800 : 740 });
    const metaGets = countMeta(page);
    await signIn(env, page, "shequ");
    // Through the menu, inside the app: the tables are fetched once per page load.
    const menu = async (title) => {
      if (width <= 800) await page.click(".menu-toggle");
      await page.click(`${width <= 800 ? ".menu-drawer " : ""}.side-menu .el-menu-item:has-text('${title}')`);
    };
    await menu("审计日志");
    // A table at 1366 px (操作 the third column), cards at 360 px (操作 the card's heading).
    const phone = width <= 800;
    await page.waitForSelector(phone ? ".audit-list .list-card" : ".audit-list .el-table__row");
    await page.waitForFunction(() => !document.querySelector(".el-loading-mask"));
    const cells = await page.$$eval(phone ? ".audit-list .list-card-title" : ".el-table__body-wrapper .el-table__row td:nth-child(3)",
      (els) => els.map((e) => e.textContent.trim()));
    assert.ok(cells.length > 0);
    const codes = new Set(meta.audit_actions.map((a) => a.code));
    const known = new Set(meta.audit_actions.map((a) => a.label));
    for (const c of cells) {
      assert.ok(!codes.has(c), `raw action code shown: ${c}`);
      assert.ok(known.has(c), `not a label from /api/meta: ${c}`);
    }
    const orgUpdate = meta.audit_actions.find((a) => a.code === "org.update").label;
    assert.ok(cells.includes(orgUpdate), `${orgUpdate} among ${cells.join(", ")}`);
    // The object by its type's label and its name (组织 盛香园社区…党支部), not a number.
    const orgLabel = meta.codes.audit_target_type.find((r) => r.code === "org").label;
    const orgName = await page.evaluate(async () => (await (await fetch("/api/orgs/4")).json()).name);
    assert.ok((await page.textContent(".audit-list")).includes(`${orgLabel} ${orgName}`));
    await shot(page, `audit-meta-${width}`);
    await menu("党员");
    await page.waitForSelector(".members-page .el-table__row");
    assert.equal(metaGets.n, 1, "GET /api/meta once after sign-in");
    await page.context().close();
    noErrors(env);
  });

  test(`the 党员 filters offer the server's categories and statuses at ${width} px`, async () => {
    const page = await env.newPage({ width, height: width > 800 ? 800 : 740 });
    await signIn(env, page, "shequ");
    await page.goto(env.srv.url + "/members");
    await page.waitForSelector(".members-page .el-table__row");
    if (width <= 800) await page.click(".more-filters");
    const optionsOf = async (label) => {
      await page.click(`.filters .el-form-item:has(> .el-form-item__label:text-is('${label}')) .el-select`);
      const items = page.locator(".el-select-dropdown:visible .el-select-dropdown__item");
      await items.first().waitFor();
      const texts = (await items.allTextContents()).map((t) => t.trim());
      await page.keyboard.press("Escape");
      await page.waitForSelector(".el-select-dropdown:visible", { state: "detached" }).catch(() => {});
      return texts;
    };
    assert.deepEqual(await optionsOf("党员类别"), labels("member_category"));
    assert.deepEqual(await optionsOf("党籍状态"), ["在册党员", "全部（含已故等）", ...labels("member_status")]);
    // The list's own labels (from the server) match: pick 外出流动 and every row says so.
    const mobile = meta.codes.member_category.find((r) => r.code === "mobile_out").label;
    await page.click(".filters .el-form-item:has(> .el-form-item__label:text-is('党员类别')) .el-select");
    await page.click(`.el-select-dropdown:visible .el-select-dropdown__item:has-text('${mobile}')`);
    await page.waitForFunction(() => /category=mobile_out/.test(location.search));
    await page.waitForFunction(() => !document.querySelector(".el-loading-mask"));
    const rows = await page.$$eval(".members-page .el-table__row", (els) => els.map((e) => e.textContent));
    assert.ok(rows.length > 0, "the filter leaves rows");
    for (const r of rows) assert.ok(r.includes(mobile), `a row of another category: ${r}`);
    await shot(page, `members-filters-meta-${width}`);
    await page.context().close();
    noErrors(env);
  });
}
