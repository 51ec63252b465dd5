// orgs.test.js: the 组织 pages in a real browser: the lazy org tree, the org page's tabs
// (沿革, 班子与任期 with the overdue warning, 提示), a 更名 by the street admin that the
// historical tree before its date does not show, a branch secretary's read-only view and
// out-of-scope URL, the header's scope switcher picking a branch from the tree, and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("the org tree renders and expands level by level", async () => {
  const [street] = one("SELECT name FROM org WHERE id = 2");
  const [community] = one("SELECT name FROM org WHERE id = 3");
  const [branch] = one("SELECT name FROM org WHERE parent_id = 3 AND type = 'branch' ORDER BY id LIMIT 1");
  const page = await env.newPage();
  await signIn(env, page, "jiedao");
  await page.click(".side-menu .el-menu-item:has-text('组织')");
  await page.waitForSelector(`.org-tree .el-tree-node__content:has-text('${community}')`);
  assert.match(await page.textContent(".org-tree"), new RegExp(street));
  assert.equal(await page.isVisible(`.org-tree .el-tree-node__content:has-text('${branch}')`), false);
  await page.click(`.org-tree .el-tree-node__content:has-text('${community}') .el-tree-node__expand-icon`);
  await page.waitForSelector(`.org-tree .el-tree-node__content:has-text('${branch}')`);
  await shot(page, "orgs-tree");
  // Search lists the hits as links to the org pages.
  await page.fill("input[name=q]", "离退休");
  await page.click(".filters button[type=submit]");
  await page.waitForSelector(".org-results li");
  assert.ok((await page.$$eval(".org-results li", (els) => els.every((e) => e.textContent.includes("离退休")))));
  await shot(page, "orgs-search");
  await page.context().close();
  noErrors(env);
});

test("the org page shows its history, terms with the overdue warning and advisories", async () => {
  const [doc] = one("SELECT doc_no FROM org_event WHERE org_id = 4 AND kind = 'found'");
  const [secretary] = one(`SELECT p.name FROM org_post op JOIN member m ON m.id = op.member_id JOIN person p ON p.id = m.person_id
                           WHERE op.org_id = 4 AND op.post = '书记' AND op.ended_on IS NULL`);
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/orgs/4`);
  await page.waitForSelector(".org-page .org-tabs");
  for (const tab of ["基本信息", "沿革", "班子与任期", "提示"]) {
    assert.ok(await page.isVisible(`.el-tabs__item:has-text('${tab}')`), `tab ${tab}`);
  }
  await shot(page, "org-detail");
  await page.click(".el-tabs__item:has-text('沿革')");
  await page.waitForSelector(".org-events .event-title");
  const history = await page.textContent(".org-events");
  assert.match(history, /成立/);
  assert.ok(history.includes(doc), `history shows the document number ${doc}`);
  await shot(page, "org-history");
  await page.click(".el-tabs__item:has-text('班子与任期')");
  await page.waitForSelector(".term-block .term-posts");
  const terms = await page.textContent("#pane-terms");
  assert.match(terms, /书记/);
  assert.ok(terms.includes(secretary), `terms show the secretary ${secretary}`);
  assert.match(terms, /届满/);
  await shot(page, "org-terms");
  // An org whose term has run out warns on 班子与任期 and lists it under 提示.
  const [expired] = one(`SELECT org_id FROM org_term WHERE ended_on IS NULL AND ends_on < date('now')
                         AND org_id IN (SELECT id FROM org WHERE path LIKE '/1/2/3/%') ORDER BY org_id LIMIT 1`);
  await page.goto(`${env.srv.url}/orgs/${expired}`);
  await page.click(".el-tabs__item:has-text('班子与任期')");
  await page.waitForSelector(".term-overdue");
  assert.match(await page.textContent(".term-overdue"), /届满，应按期换届/);
  await shot(page, "org-terms-overdue");
  await page.click(".el-tabs__item:has-text('提示')");
  await page.waitForSelector("#pane-advisories .advisory");
  assert.match(await page.textContent("#pane-advisories"), /任期/);
  await shot(page, "org-advisories");
  await page.context().close();
  noErrors(env);
});

test("a 更名 by the street admin renames the org; the tree before that date keeps the old name", async () => {
  const [id, oldName, parentName] = one(`SELECT o.id, o.name, p.name FROM org o JOIN org p ON p.id = o.parent_id
    WHERE o.type = 'branch' AND o.parent_id = 3 AND o.founded_on < '2020-01-01' AND o.id <> 4 ORDER BY o.id LIMIT 1`);
  const newName = "盛香园社区测试更名党支部";
  const page = await env.newPage();
  await signIn(env, page, "jiedao");
  await page.goto(`${env.srv.url}/orgs/${id}`);
  await page.click(".event-btn");
  await page.click(".el-dropdown-menu__item:has-text('更名')");
  await page.waitForSelector(".event-form input[name=new_name]");
  // The server's field error shows under its field.
  await page.fill(".event-form input[name=new_name]", "");
  await page.fill(".event-form input[name=effective_on]", "2025-07-01");
  await page.keyboard.press("Enter");
  await page.fill(".event-form input[name=doc_no]", "宁组〔2025〕9号");
  await page.click(".event-form button[type=submit]");
  const item = page.locator(".event-form .el-form-item:has(input[name=new_name])");
  await item.locator(".el-form-item__error").waitFor();
  assert.match(await item.locator(".el-form-item__error").textContent(), /新名称/);
  await shot(page, "org-rename-error", { fullPage: false });
  await page.fill(".event-form input[name=new_name]", newName);
  await page.click(".event-form button[type=submit]");
  await page.waitForFunction((n) => document.querySelector(".org-page .page-title").textContent.includes(n), newName);
  await page.waitForSelector(".org-events .event-title:has-text('更名')");
  const history = await page.textContent(".org-events");
  assert.ok(history.includes(oldName) && history.includes("宁组〔2025〕9号"), history);
  await shot(page, "org-renamed-history");
  // The tree as of the day before shows the old name; today's tree the new one.
  await page.goto(`${env.srv.url}/orgs?as_of=2025-06-30`);
  await page.waitForSelector(".as-of-alert");
  await page.click(`.org-tree .el-tree-node__content:has-text('${parentName}') .el-tree-node__expand-icon`);
  await page.waitForSelector(`.org-tree .el-tree-node__content:has-text('${oldName}')`);
  assert.doesNotMatch(await page.textContent(".org-tree"), new RegExp(newName));
  await shot(page, "orgs-as-of");
  await page.click(".as-of-alert button:has-text('回到今天')");
  await page.click(`.org-tree .el-tree-node__content:has-text('${parentName}') .el-tree-node__expand-icon`);
  await page.waitForSelector(`.org-tree .el-tree-node__content:has-text('${newName}')`);
  assert.equal(one(`SELECT name FROM org WHERE id = ${id}`)[0], newName);
  await page.context().close();
  noErrors(env);
});

test("a branch secretary sees no write buttons and cannot open an org outside the branch", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/orgs/4`);
  await page.waitForSelector(".org-page .org-tabs");
  assert.equal(await page.$(".org-actions"), null);
  await page.click(".el-tabs__item:has-text('班子与任期')");
  await page.waitForSelector(".term-block");
  assert.equal(await page.$(".term-btn"), null);
  await shot(page, "org-branch-secretary");
  await page.goto(`${env.srv.url}/orgs/3`);
  await page.waitForSelector(".org-page .el-result");
  assert.match(await page.textContent(".org-page"), /没有找到这个党组织，或您无权查看/);
  await shot(page, "org-out-of-scope");
  await page.context().close();
  noErrors(env);
});

test("the scope switcher picks a branch from the tree and the member list follows", async () => {
  const [community] = one("SELECT name FROM org WHERE id = 3");
  const [branch] = one("SELECT name FROM org WHERE id = 4");
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/members`);
  await page.waitForSelector(".members-page .el-table__row");
  const before = await page.textContent(".members-page .page-desc");
  assert.ok(before.includes(community), before);
  await page.click(".scope-picker .el-select__wrapper");
  await page.click(`.org-tree-popper .el-tree-node__content:has-text('${community}') .el-tree-node__expand-icon`);
  const node = page.locator(`.org-tree-popper .el-tree-node__content:has-text('${branch}')`).first();
  await node.waitFor();
  await shot(page, "scope-picker-tree", { fullPage: false });
  await node.click();
  await page.waitForFunction((b) => document.querySelector(".members-page .page-desc").textContent.includes(b), branch);
  await page.waitForFunction((b) => {
    const cells = [...document.querySelectorAll(".members-page .el-table__body-wrapper .el-table__row")];
    return cells.length > 0 && cells.every((r) => r.textContent.includes(b));
  }, branch);
  const [n] = one(`SELECT count(*) FROM member WHERE org_path LIKE '/1/2/3/4/%'`);
  const total = await page.textContent(".members-page .el-pagination__total");
  assert.ok(total.includes(n), `${total} vs ${n}`);
  await shot(page, "members-scoped-branch");
  // The choice is kept: the org pages start from it too.
  await page.goto(`${env.srv.url}/orgs`);
  await page.waitForSelector(`.org-tree .el-tree-node__content:has-text('${branch}')`);
  assert.equal(await page.isVisible(`.org-tree .el-tree-node__content:has-text('${community}')`), false);
  await page.context().close();
  noErrors(env);
});

test("the org pages work at 360 px", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/orgs`);
  await page.waitForSelector(".org-tree .el-tree-node__content:has-text('党支部')");
  assert.ok(await overflow(page) <= 0, `the tree is ${await overflow(page)}px wider than the phone`);
  await shot(page, "orgs-360");
  await page.goto(`${env.srv.url}/orgs/4`);
  await page.waitForSelector(".org-page .org-tabs");
  assert.ok(await overflow(page) <= 0, `the org page is ${await overflow(page)}px wider than the phone`);
  await shot(page, "org-detail-360");
  await page.click(".el-tabs__item:has-text('班子与任期')");
  await page.waitForSelector(".term-block");
  assert.ok(await overflow(page) <= 0, `班子与任期 is ${await overflow(page)}px wider than the phone`);
  await shot(page, "org-terms-360");
  await page.context().close();
  noErrors(env);
});
