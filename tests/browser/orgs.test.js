// orgs.test.js: the 组织 pages in a real browser: the lazy org tree, the org page's tabs
// (沿革, 班子与任期 with the overdue warning, 提示), a 更名 by the street admin that the
// historical tree before its date does not show, a branch secretary's read-only view and
// out-of-scope URL, the header's scope switcher picking a branch from the tree, 360 px, and
// a community admin founding a branch, recording its first term and dissolving it.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];

test("the org tree renders and expands level by level", async () => {
  const [street] = one("SELECT name FROM org WHERE id = 2");
  const [community] = one("SELECT name FROM org WHERE id = 3");
  const [branch] = one("SELECT name FROM org WHERE parent_id = 3 AND type = 'branch' ORDER BY id LIMIT 1");
  const page = await env.newPage();
  await signIn(env, page, "jiedao");
  // 组织 exactly: 组织关系转接 and 组织生活规则 contain the word too.
  await page.locator(".side-menu .el-menu-item", { hasText: /^\s*组织\s*$/ }).click();
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
  // Every tab fits on the phone (short labels), none cut off at the right edge.
  const cut = await page.$$eval(".org-tabs .el-tabs__item", (tabs) => {
    const nav = tabs[0].closest(".el-tabs__nav-wrap").getBoundingClientRect();
    return tabs.filter((t) => t.getBoundingClientRect().right > nav.right + 1).map((t) => t.textContent);
  });
  assert.deepEqual(cut, [], `tabs cut off at 360 px: ${cut.join(", ")}`);
  await shot(page, "org-detail-360");
  await page.click(".el-tabs__item:has-text('班子')");
  await page.waitForSelector(".term-block");
  assert.ok(await overflow(page) <= 0, `班子与任期 is ${await overflow(page)}px wider than the phone`);
  await shot(page, "org-terms-360");
  await page.context().close();
  noErrors(env);
});

test("a community admin founds a branch, records its first term with a secretary, then dissolves it", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  const community = await page.evaluate(async () => (await (await fetch("/api/session")).json()).grants[0].org_id);
  const [memberName] = one(`SELECT p.name FROM member m JOIN person p ON p.id = m.person_id JOIN org o ON o.id = ${community}
    WHERE m.org_path >= o.path AND m.org_path < substr(o.path, 1, length(o.path) - 1) || '0' AND m.status = 'full'
    AND length(p.name) = 3 AND (SELECT count(*) FROM person q WHERE q.name = p.name) = 1 ORDER BY m.id LIMIT 1`);
  await page.goto(`${env.srv.url}/orgs/${community}`);
  await page.click(".org-page button:has-text('新建下级组织')");
  await page.waitForSelector(".child-form input[name=name]");
  // The type choices are the server's rule for a 社区党委 (no 党小组 directly below it).
  await page.click(".child-form .el-form-item:has-text('组织类型') .el-select");
  const options = page.locator(".el-select-dropdown:visible .el-select-dropdown__item");
  await options.first().waitFor();
  assert.deepEqual(await options.allTextContents(), ["社区党总支", "党支部", "联合党支部", "流动党员党支部"]);
  await options.filter({ hasText: /^党支部$/ }).click();
  // Without a name the server's field error shows under 名称.
  await page.fill(".child-form input[name=founded_on]", "2026-03-01");
  await page.keyboard.press("Enter");
  await page.click(".child-form button[type=submit]");
  const nameItem = page.locator(".child-form .el-form-item:has(input[name=name])");
  await nameItem.locator(".el-form-item__error").waitFor();
  assert.match(await nameItem.locator(".el-form-item__error").textContent(), /名称/);
  await page.fill(".child-form input[name=name]", "测试新建第九党支部");
  await page.fill(".child-form input[name=doc_no]", "盛委〔2026〕21号");
  await shot(page, "org-child-form", { fullPage: false });
  await page.click(".child-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector(".org-page .page-title")?.textContent.includes("测试新建第九党支部"));
  const [id, type] = one("SELECT id, type FROM org WHERE name = '测试新建第九党支部'");
  assert.equal(type, "branch");
  assert.match(page.url(), new RegExp(`/orgs/${id}$`));

  // Those who serve must be members of the branch: move one in first, as the 党员 page would.
  const [memberId] = one(`SELECT m.id FROM member m JOIN person p ON p.id = m.person_id WHERE p.name = '${memberName}' ORDER BY m.id LIMIT 1`);
  const [homeOrg] = one(`SELECT org_id FROM member WHERE id = ${memberId}`);
  const move = (org) => page.evaluate(async ([mid, to]) => (await fetch(`/api/members/${mid}`, {
    method: "PATCH", headers: { "Content-Type": "application/json", "X-CSRF-Token": localStorage.getItem("dj.csrf") },
    body: JSON.stringify({ org_id: to }) })).status, [Number(memberId), Number(org)]);
  assert.equal(await move(id), 200);
  await page.click(".el-tabs__item:has-text('班子与任期')");
  await page.click(".term-btn");
  await page.waitForSelector(".term-form");
  await page.fill(".term-form input[name=elected_on]", "2026-03-15");
  await page.keyboard.press("Enter");
  await page.click(".term-form .post-person");
  await page.keyboard.type(memberName);
  await page.click(`.el-select-dropdown__item:visible:has-text('${memberName}')`);
  await shot(page, "org-term-form", { fullPage: false });
  await page.click(".term-form button[type=submit]");
  await page.waitForSelector(".term-block .term-posts");
  const terms = await page.textContent(".term-block");
  assert.ok(terms.includes(memberName) && terms.includes("书记"), terms);
  // The term length comes from the versioned rules (a branch inside a community: 5 years).
  const [years] = one("SELECT term_years FROM org_rule WHERE org_type = 'branch' AND in_community = 1 AND valid_from <= '2026-03-15' ORDER BY valid_from DESC LIMIT 1");
  assert.ok(terms.includes(`至 ${2026 + Number(years)}-03-15 届满`), terms);

  await page.click(".event-btn");
  await page.click(".el-dropdown-menu__item:has-text('撤销')");
  await page.waitForSelector(".event-form input[name=effective_on]");
  await page.fill(".event-form input[name=effective_on]", "2026-06-30");
  await page.keyboard.press("Enter");
  await page.fill(".event-form input[name=doc_no]", "盛委〔2026〕30号");
  // Refused while a member is still in the branch, with what to do about it.
  await page.click(".event-form button[type=submit]");
  await page.waitForSelector(".el-message--error:has-text('请先转出党员')");
  assert.equal(one(`SELECT dissolved_on IS NULL FROM org WHERE id = ${id}`)[0], "1");
  assert.equal(await move(homeOrg), 200);
  await page.click(".event-form button[type=submit]");
  await page.waitForSelector(".org-events .event-title:has-text('撤销')");
  assert.equal(one(`SELECT dissolved_on FROM org WHERE id = ${id}`)[0], "2026-06-30");
  await shot(page, "org-dissolved");
  await page.context().close();
  noErrors(env);
});

test("成员单位: the community admin links a 大党委 member unit and records a withdrawal", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  const community = await page.evaluate(async () => (await (await fetch("/api/session")).json()).grants[0].org_id);
  await page.goto(`${env.srv.url}/orgs/${community}`);
  await page.click(".el-tabs__item:has-text('成员单位')");
  await page.click(".unit-add-btn");
  await page.waitForSelector(".unit-form input[name=unit_name]");
  await page.click(".unit-form button[type=submit]");
  const item = page.locator(".unit-form .el-form-item:has(input[name=unit_name])");
  await item.locator(".el-form-item__error").waitFor();
  assert.match(await item.locator(".el-form-item__error").textContent(), /单位名称/);
  await page.fill(".unit-form input[name=unit_name]", "澜川区第二小学");
  await page.click(".unit-form button[type=submit]");
  await page.waitForSelector(".unit-table .el-table__row:has-text('澜川区第二小学')");
  assert.match(await page.textContent(".unit-table"), /大党委成员单位/);
  await page.click(".unit-table .el-table__row:has-text('澜川区第二小学') button:has-text('登记退出')");
  await page.fill(".el-message-box input", "2026-06-30");
  await page.click(".el-message-box button:has-text('确认退出')");
  await page.waitForSelector(".unit-table .el-table__row:has-text('2026-06-30 退出')");
  assert.equal(one("SELECT left_on FROM org_unit_link WHERE unit_name = '澜川区第二小学'")[0], "2026-06-30");
  await shot(page, "org-units");
  await page.context().close();
  noErrors(env);
});
