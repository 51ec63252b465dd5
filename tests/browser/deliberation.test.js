// deliberation.test.js: 议事协商 in a real browser: the community organizer (1366 px) sees the
// council's roster with the composition check, opens a meeting, sets up an approval ballot in
// the dialog and opens it; a resident representative (jumin) votes on 议事表决 on a 360 px
// phone with large targets (a second paper is not offered); the organizer closes the ballot and
// sees the result with its tally and explanation lines, also on a phone. Screenshots at 1366
// and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql, today } = require("../api/lib/harness.js");

let env, meeting;
before(async () => {
  env = await setup();
  const db = env.srv.db;
  const shequ = await login(env.srv, "shequ");
  const community = shequ.session.grants[0].org_id;
  const jumin = Number(sql(db, "SELECT person_id FROM user_account WHERE username = 'jumin'")[0][0]);
  const party = sql(db, `SELECT m.person_id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path LIKE (SELECT path FROM org WHERE id = ${community}) || '%' AND m.status = 'full' ORDER BY m.id LIMIT 5`).map((r) => Number(r[0]));
  const res = sql(db, `SELECT r.person_id FROM resident r JOIN household h ON h.id = r.household_id WHERE h.org_id = ${community} AND r.person_id <> ${jumin} AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = r.person_id) ORDER BY r.person_id LIMIT 2`).map((r) => Number(r[0]));
  const post = async (p, body) => {
    const r = await shequ.request("POST", p, { body });
    assert.ok(r.status < 300, `${p}: ${r.text}`);
    return r.json;
  };
  const body = (await post("/api/bodies", { org_id: community, kind: "community_council", name: "盛香园社区议事会" })).id;
  for (const p of party) await post(`/api/bodies/${body}/seats`, { person_id: p, role: "party_rep", joined_on: "2026-01-01" });
  for (const p of [jumin, ...res]) await post(`/api/bodies/${body}/seats`, { person_id: p, role: "resident_rep", joined_on: "2026-01-01" });
  meeting = (await post(`/api/bodies/${body}/meetings`, { held_on: today(), place: "社区党群服务中心二楼会议室", agenda: "一、审议2027年民生实事候选项目\n二、表决" })).id;
  for (const p of party) await post(`/api/deliberation/meetings/${meeting}/presence`, { person_id: p, present: true });
});
after(async () => { if (env) await env.close(); });

test("the organizer at 1366 px: roster and check, open the meeting, set up and open a ballot", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(env.srv.url + "/deliberation");
  await page.waitForSelector(".delib-bodies .el-table__row:has-text('盛香园社区议事会')");
  await page.locator(".delib-bodies .el-table__row:has-text('盛香园社区议事会') button:has-text('名册与会议')").click();
  await page.waitForSelector(".delib-bodies h3:has-text('盛香园社区议事会')");
  await page.waitForSelector(".delib-check .el-alert");
  assert.match(await page.textContent(".delib-check"), /代表 8 人，其中党员 5 人，居民代表 3 人/);
  assert.match(await page.textContent(".delib-check"), /符合议事规则/);
  await shot(page, "deliberation-bodies-1366");
  await page.locator(".delib-bodies .el-table__row:has-text('进入') button").first().click();
  await page.waitForSelector(".delib-meeting .delib-sheet");
  await page.click(".delib-meeting button:has-text('开会')");
  await page.waitForSelector(".delib-meeting .el-tag:has-text('进行中')");
  await page.click(".delib-meeting button:has-text('设立表决')");
  const dlg = page.locator(".el-dialog:has-text('设立表决')");
  await dlg.locator(".el-form-item:has-text('表决事项') input").fill("2027年民生实事项目");
  await dlg.locator(".el-form-item:has-text('每人最多选几项') input").fill("2");
  await dlg.locator(".el-form-item:has-text('入选名额') input").fill("2");
  const opts = dlg.locator(".delib-option-row input");
  await opts.nth(0).fill("老旧小区加装电梯");
  await opts.nth(1).fill("口袋公园改造");
  await dlg.locator("button:has-text('增加选项')").click();
  await dlg.locator(".delib-option-row input").nth(2).fill("非机动车充电车棚");
  await shot(page, "deliberation-ballot-setup-1366", { fullPage: false });
  const made = page.waitForResponse((r) => /\/ballots$/.test(r.url()) && r.request().method() === "POST");
  await dlg.locator("button[type=submit]").click();
  assert.equal((await made).status(), 201);
  await page.waitForSelector(".delib-ballot:has-text('2027年民生实事项目')");
  await page.click(".delib-ballot button:has-text('开始投票')");
  await page.waitForSelector(".delib-ballot .el-tag:has-text('投票中')");
  assert.equal(sql(env.srv.db, "SELECT status FROM delib_poll WHERE title = '2027年民生实事项目'")[0][0], "open");
  await shot(page, "deliberation-meeting-1366");
});

test("a resident representative votes on a 360 px phone: one screen, large targets", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "jumin");
  await page.goto(env.srv.url + "/my/ballots");
  const card = page.locator(".vote-card:has-text('2027年民生实事项目')");
  await card.locator(".vote-option").first().waitFor();
  const box = await card.locator(".vote-option").first().boundingBox();
  assert.ok(box.height >= 48 && box.width >= 280, `a target of ${box.width}×${box.height}`);
  await card.locator(".vote-option:has-text('老旧小区加装电梯')").click();
  await card.locator(".vote-option:has-text('非机动车充电车棚')").click();
  await card.locator(".vote-option:has-text('口袋公园改造')").click(); // a third: refused on the page
  assert.equal(await card.locator(".vote-option.chosen").count(), 2);
  assert.ok(await overflow(page) <= 0, "nothing off screen");
  await shot(page, "deliberation-vote-360");
  await card.locator("button.vote-send").click();
  const sent = page.waitForResponse((r) => /\/votes$/.test(r.url()));
  await page.click(".el-message-box button:has-text('提交')");
  assert.equal((await sent).status(), 201);
  await card.locator(".el-result:has-text('您已投票')").waitFor();
  assert.equal(await card.locator("button.vote-send").count(), 0);
  await shot(page, "deliberation-voted-360");
  assert.equal(sql(env.srv.db, "SELECT voters FROM delib_poll WHERE title = '2027年民生实事项目'")[0][0], "1");
});

test("the organizer closes the ballot: tally and explanation lines, at 1366 and on a phone", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(env.srv.url + "/deliberation");
  await page.locator(".delib-bodies .el-table__row:has-text('盛香园社区议事会') button:has-text('名册与会议')").click();
  await page.waitForSelector(".delib-bodies h3:has-text('盛香园社区议事会')");
  await page.locator(".delib-bodies .el-table__row:has-text('进入') button").first().click();
  await page.click(".delib-ballot button:has-text('结束投票')");
  await page.waitForSelector(".delib-ballot .delib-lines li");
  const text = await page.textContent(".delib-ballot");
  // 5 on site + jumin online = 6 of 8 ≥ 2/3.
  assert.match(text, /到会 6 人，代表名册 8 人/);
  assert.match(text, /第1名 老旧小区加装电梯（1 票），入选/);
  assert.match(text, /第3名 口袋公园改造（0 票），名额已满，未入选/);
  await shot(page, "deliberation-result-1366");
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shequ");
  await phone.goto(env.srv.url + "/deliberation");
  await phone.locator(".delib-bodies .list-card:has-text('盛香园社区议事会') button:has-text('名册与会议')").click();
  await phone.waitForSelector(".delib-bodies h3:has-text('盛香园社区议事会')");
  await phone.locator(".delib-bodies button:has-text('进入')").first().click();
  await phone.waitForSelector(".delib-ballot .delib-lines li");
  assert.ok(await overflow(phone) <= 0, "nothing off screen");
  await shot(phone, "deliberation-result-360");
  noErrors(env);
});
