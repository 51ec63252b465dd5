// projects_ballot.test.js: 问计 in a real browser: the community cadre (1366 px) puts the year's
// feasible proposals to the council's meeting from 民生实事 → 项目建议 (提交议事表决: the options
// are the proposals, nothing typed); the council votes (the resident representative on the API,
// the others present on site); on 议事协商 the closed ballot's result offers 据此确定实事清单,
// which makes the year's list from it with the ballot recorded. Screenshots at 1366 and 360.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql, today } = require("../api/lib/harness.js");

const Y = 2031;
let env, shequ, jumin, meeting, proposals;
before(async () => {
  env = await setup();
  const db = env.srv.db;
  shequ = await login(env.srv, "shequ");
  jumin = await login(env.srv, "jumin");
  const community = shequ.session.grants[0].org_id;
  const post = async (p, body) => {
    const r = await shequ.request("POST", p, { body });
    assert.ok(r.status < 300, `${p}: ${r.text}`);
    return r.json;
  };
  await post("/api/project-budgets", { org_id: community, year: Y, amount_fen: 20000000 });
  const need = (await post("/api/needs", { org_id: community, year: Y, title: "居民议事会收集的意见", source_kind: "meeting" })).id;
  proposals = [];
  for (const [title, cost] of [["小区路灯改造", 12000000], ["老年助餐点", 8000000], ["楼道清理", 5000000]]) {
    const p = await post("/api/proposals", { org_id: community, year: Y, title, cost_fen: cost, body: "社区居委会", needs: [{ need_id: need }] });
    await post(`/api/proposals/${p.id}/review`, { verdict: "feasible" });
    proposals.push(p.id);
  }
  const me = Number(sql(db, "SELECT person_id FROM user_account WHERE username = 'jumin'")[0][0]);
  const party = sql(db, `SELECT m.person_id FROM member m WHERE m.org_path LIKE (SELECT path FROM org WHERE id = ${community}) || '%' AND m.status = 'full' ORDER BY m.id LIMIT 5`).map((r) => Number(r[0]));
  const res = sql(db, `SELECT r.person_id FROM resident r JOIN household h ON h.id = r.household_id WHERE h.org_id = ${community} AND r.person_id <> ${me} AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = r.person_id) ORDER BY r.person_id LIMIT 2`).map((r) => Number(r[0]));
  const body = (await post("/api/bodies", { org_id: community, kind: "community_council", name: "问计测试议事会" })).id;
  for (const p of party) await post(`/api/bodies/${body}/seats`, { person_id: p, role: "party_rep", joined_on: today() });
  for (const p of [me, ...res]) await post(`/api/bodies/${body}/seats`, { person_id: p, role: "resident_rep", joined_on: today() });
  meeting = (await post(`/api/bodies/${body}/meetings`, { held_on: today(), place: "社区党群服务中心", agenda: `审议${Y}年民生实事候选项目` })).id;
  for (const p of party) await post(`/api/deliberation/meetings/${meeting}/presence`, { person_id: p, present: true });
  await post(`/api/deliberation/meetings/${meeting}/actions`, { action: "open" });
});
after(async () => { if (env) await env.close(); });

test("proposals to the council's vote from 民生实事, and the year's list from its result on 议事协商", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(env.srv.url + "/projects");
  await page.click(".projects-tabs .el-tabs__item:has-text('项目建议')");
  await page.locator(".proj-proposals .year-input input").fill(String(Y));
  await page.locator(".proj-proposals .year-input input").press("Enter");
  await page.waitForSelector(".proj-proposals .el-table__row:has-text('楼道清理')");
  await page.click(".proj-proposals button.proposal-vote");
  const dlg = page.locator(".proposal-vote-dialog");
  await dlg.locator(".el-form-item:has-text('议事会议') .el-select").click();
  await page.locator(".el-select-dropdown__item:visible:has-text('问计测试议事会')").click();
  assert.equal(await dlg.locator(".el-form-item:has-text('表决的建议') .el-tag").count(), 3);
  await shot(page, "projects-ballot-dialog-1366", { fullPage: false });
  const made = page.waitForResponse((r) => r.url().endsWith("/proposal-ballots") && r.request().method() === "POST");
  await dlg.locator("button[type=submit]").click();
  assert.equal((await made).status(), 201);
  const ballot = Number(sql(env.srv.db, `SELECT MAX(ballot_id) FROM delib_option WHERE ref_kind = 'proposal' AND ref_id = ${proposals[0]}`)[0][0]);
  assert.deepEqual(sql(env.srv.db, `SELECT title, cost_fen FROM delib_option WHERE ballot_id = ${ballot} ORDER BY cost_fen DESC`).map((r) => [r[0], Number(r[1])]),
    [["小区路灯改造", 12000000], ["老年助餐点", 8000000], ["楼道清理", 5000000]]);
  // The vote: open, the resident representative's paper (A and B), closed.
  assert.equal((await shequ.request("POST", `/api/ballots/${ballot}/actions`, { body: { action: "open" } })).status, 200);
  const b = (await shequ.request("GET", `/api/ballots/${ballot}`)).json;
  const opt = Object.fromEntries(b.options.map((o) => [o.ref_id, o.id]));
  const v = await jumin.request("POST", `/api/ballots/${ballot}/votes`, { body: { choices: [{ option_id: opt[proposals[0]] }, { option_id: opt[proposals[1]] }] } });
  assert.equal(v.status, 201, v.text);
  assert.equal((await shequ.request("POST", `/api/ballots/${ballot}/actions`, { body: { action: "close" } })).status, 200);
  // 议事协商: the result and 据此确定实事清单.
  await page.goto(env.srv.url + "/deliberation");
  await page.locator(".delib-bodies .el-table__row:has-text('问计测试议事会') button:has-text('名册与会议')").click();
  await page.waitForSelector(".delib-bodies h3:has-text('问计测试议事会')");
  await page.locator(".delib-bodies .el-table__row:has-text('进入') button").first().click();
  await page.waitForSelector(".delib-meeting button.to-selection");
  const chosen = page.waitForResponse((r) => r.url().endsWith("/api/selections") && r.request().method() === "POST");
  await page.click(".delib-meeting button.to-selection");
  assert.equal((await chosen).status(), 201);
  await page.waitForSelector(".el-message:has-text('实事清单')");
  await shot(page, "projects-ballot-result-1366", { fullPage: false });
  const [sel, items] = sql(env.srv.db, `SELECT s.ballot_id, (SELECT COUNT(*) FROM proj_selection_item i WHERE i.selection_id = s.id) FROM proj_selection s WHERE s.year = ${Y}`)[0].map(Number);
  assert.equal(sel, ballot);
  assert.equal(items, 2);
  noErrors(env);
});

test("the same on a 360 px phone: the vote dialog and the result with its button fit the screen", async () => {
  const phone = await env.newPage({ width: 360, height: 780 });
  await signIn(env, phone, "shequ");
  await phone.goto(env.srv.url + "/projects");
  await phone.click(".projects-tabs .el-tabs__item:has-text('建议')");
  await phone.locator(".proj-proposals .year-input input").fill(String(Y + 1));
  await phone.locator(".proj-proposals .year-input input").press("Enter");
  await phone.waitForSelector(".proj-proposals button.proposal-vote");
  assert.ok(await overflow(phone) <= 0, "项目建议 fits at 360 px");
  await shot(phone, "projects-proposals-360", { fullPage: false });
  await phone.goto(env.srv.url + "/deliberation");
  await phone.locator(".delib-bodies .list-card:has-text('问计测试议事会') button:has-text('名册与会议')").click();
  await phone.waitForSelector(".delib-bodies h3:has-text('问计测试议事会')");
  await phone.locator(".delib-bodies .list-card:has-text('进入') button").first().click();
  await phone.waitForSelector(".delib-meeting button.to-selection");
  assert.ok(await overflow(phone) <= 0, "the meeting fits at 360 px");
  await phone.locator(".delib-meeting button.to-selection").scrollIntoViewIfNeeded();
  await shot(phone, "projects-ballot-result-360", { fullPage: false });
  noErrors(env);
});
