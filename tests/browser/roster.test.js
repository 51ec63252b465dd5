// roster.test.js: issue 14 in a real browser: a 19-digit ID number is kept as typed and
// refused with the field error; the member form assigns a 党小组; the dashboard shows the
// roll and departures apart; a community admin's org page names its 上级组织 without a 404;
// the new-account dialog offers only grantable roles and links a person from the roster; an
// unlinked member account's 我的 says what to ask for.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const errorOf = (page, name) => page.locator(`.el-form-item:has([name=${name}]) > .el-form-item__content > .el-form-item__error`);

test("a 19-digit ID number is not cut to 18: the field error shows", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/members/new`);
  await page.waitForSelector(".member-form input[name=id_number]");
  await page.fill("input[name=name]", "十九位");
  await page.type("input[name=id_number]", "9901011985031200141");
  assert.equal(await page.inputValue("input[name=id_number]"), "9901011985031200141");
  await page.click(".member-form button[type=submit]");
  await errorOf(page, "id_number").waitFor();
  assert.match(await errorOf(page, "id_number").textContent(), /身份证号/);
  await shot(page, "roster-id19-1366");
  noErrors(env);
});

test("member form: 党小组 is assigned apart from the branch; detail and list show it", async () => {
  const [[gid, gname, branch]] = sql(env.srv.db, "SELECT g.id, g.name, g.parent_id FROM org g WHERE g.type = 'group' AND g.dissolved_on IS NULL ORDER BY g.id LIMIT 1");
  const [[mid]] = sql(env.srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id LIMIT 1`);
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 900 });
    await signIn(env, page, "shequ");
    await page.goto(`${env.srv.url}/members/${mid}/edit`);
    await page.waitForSelector(".member-form .group-select");
    if (width === 1366) {
      await page.click(".member-form .group-select");
      await page.click(`.el-select-dropdown:visible .el-select-dropdown__item:has-text('${gname}')`);
      await page.click(".member-form button[type=submit]");
      await page.waitForURL(new RegExp(`/members/${mid}$`));
    } else {
      await page.goto(`${env.srv.url}/members/${mid}`);
    }
    await page.waitForSelector(".member-tabs");
    assert.match(await page.textContent(".page-desc"), new RegExp(gname));
    await shot(page, `roster-member-${width}`);
  }
  assert.deepEqual(sql(env.srv.db, `SELECT group_id FROM member_group WHERE member_id = ${mid}`), [[gid]]);
  assert.deepEqual(sql(env.srv.db, `SELECT org_id FROM member WHERE id = ${mid}`), [[branch]]);

  // DEV-PROB-END: a 预备党员 whose 预备期 ended shows the finding on the page and in the list.
  const [[pid, pname]] = sql(env.srv.db, "SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.status = 'probationary' ORDER BY m.id LIMIT 1");
  sql(env.srv.db, `UPDATE member SET joined_on = '2023-03-01' WHERE id = ${pid}`);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/members/${pid}`);
  await page.waitForSelector(".member-finding");
  assert.match(await page.textContent(".member-finding"), /预备期已于 2024-03-01 届满/);
  await shot(page, "roster-member-prob-end-1366");
  await page.goto(`${env.srv.url}/members?q=${encodeURIComponent(pname)}`);
  await page.waitForSelector(".finding-tag");
  noErrors(env);
});

test("dashboard: 在册 status chart, departures apart; org page names 上级组织 with no 404", async () => {
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 900 });
    const failed = [];
    await signIn(env, page, "shequ");
    page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    await page.waitForSelector(".kpis");
    assert.match(await page.textContent(".kpis"), /党员总数（在册）/);
    assert.match(await page.textContent(".departures"), /不在册.*去世/);
    await shot(page, `roster-home-${width}`);
    const [[community, pname]] = sql(env.srv.db, "SELECT o.id, p.name FROM org o JOIN org p ON p.id = o.parent_id WHERE o.type = 'community_committee' ORDER BY o.id LIMIT 1");
    await page.goto(`${env.srv.url}/orgs/${community}`);
    await page.waitForSelector(".el-descriptions");
    await page.waitForFunction((n) => document.body.textContent.includes(n), pname);
    await shot(page, `roster-org-${width}`);
    assert.deepEqual(failed, []);
  }
  noErrors(env);
});

test("new account: only grantable roles, 关联党员 from the roster; an unlinked member's 我的 says what to ask", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/users`);
  await page.click("button:has-text('新建账号')");
  await page.waitForSelector(".el-dialog input[name=username]");
  await page.click(".el-dialog .el-form-item:has(> .el-form-item__label:text-is('角色')) .el-select");
  await page.waitForSelector(".el-select-dropdown:visible .el-select-dropdown__item");
  const roles = await page.$$eval(".el-select-dropdown:visible .el-select-dropdown__item", (els) => els.map((e) => e.textContent.trim()));
  assert.ok(roles.length > 0);
  assert.ok(!roles.includes("平台管理员"), roles.join(","));
  await page.keyboard.press("Escape");
  const [[pid, pname]] = sql(env.srv.db, "SELECT p.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.status = 'full' AND length(p.name) >= 2 ORDER BY m.id LIMIT 1");
  await page.fill("input[name=username]", "linked_member");
  await page.fill("input[name=password]", "Linked-Pass-2026!");
  await page.click(".el-dialog .person-select");
  await page.keyboard.type(pname);
  await page.click(`.el-select-dropdown:visible .el-select-dropdown__item:has-text('${pname}')`);
  assert.equal(await page.inputValue(".el-dialog input[name=display_name]"), pname);
  await shot(page, "roster-new-account-1366");
  await page.click(".el-dialog button[type=submit]");
  await page.waitForSelector(".el-message--success");
  assert.deepEqual(sql(env.srv.db, "SELECT person_id FROM user_account WHERE username = 'linked_member'"), [[pid]]);

  // A member account without a person: 我的 explains.
  const [[uid]] = sql(env.srv.db, "SELECT u.id FROM user_account u JOIN user_grant g ON g.user_id = u.id WHERE g.role = 'member' ORDER BY u.id LIMIT 1");
  sql(env.srv.db, `UPDATE user_account SET person_id = NULL WHERE id = ${uid}`);
  const [[uname]] = sql(env.srv.db, `SELECT username FROM user_account WHERE id = ${uid}`);
  const me = await env.newPage({ width: 360, height: 800 });
  await signIn(env, me, uname);
  await me.goto(`${env.srv.url}/me`);
  await me.waitForSelector(".me-unlinked");
  assert.match(await me.textContent(".me-unlinked"), /尚未关联党员档案.*联系/s);
  await shot(me, "roster-me-unlinked-360");
  noErrors(env);
});

test("export: a holder of the reveal permission may export full data (confirmed, audited)", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/members`);
  await page.waitForSelector(".export-btn .el-dropdown__caret-button");
  await page.click(".export-btn .el-dropdown__caret-button");
  await page.click(".export-full");
  await page.waitForSelector(".el-message-box");
  assert.match(await page.textContent(".el-message-box"), /审计/);
  const [req] = await Promise.all([page.waitForRequest(/\/api\/members\/export/), page.waitForEvent("download"),
    page.click(".el-message-box .el-button--primary")]);
  assert.match(decodeURIComponent(req.url()), /reveal=id_number,phone,address/);
  assert.ok(Number(sql(env.srv.db, "SELECT count(*) FROM audit WHERE action = 'member.export_reveal'")[0][0]) >= 1);
  await shot(page, "roster-members-1366");
  // Without the permission: the plain button only.
  const weiyuan = await env.newPage({ width: 360, height: 800 });
  await signIn(env, weiyuan, "weiyuan");
  await weiyuan.goto(`${env.srv.url}/members`);
  await weiyuan.waitForSelector(".export-btn");
  assert.equal(await weiyuan.$(".export-btn .el-dropdown__caret-button"), null);
  await shot(weiyuan, "roster-members-360");
  noErrors(env);
});
