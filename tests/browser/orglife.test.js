// orglife.test.js: 组织生活 in a real browser: a branch secretary creates a meeting (the
// server's field errors shown at their fields, an agenda item's at that item), takes the
// attendance on a 360 px phone with one 请假 whose reason is required, and the meeting's page
// shows the counts; the printable record names the absent; the community's 落实情况 lists its
// branches and an overdue figure opens the 会议 list filtered by that branch, type and range;
// a 党员 sees 我的会议.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];
// A date n days from today in China.
const dayOffset = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * 86400 * 1000).toISOString().slice(0, 10);
let meetingId = 0;

async function pickFirst(page, selectSel) {
  await page.click(`${selectSel} .el-select__wrapper`);
  const item = page.locator(".el-select-dropdown__item:visible").first();
  await item.waitFor();
  const label = (await item.locator("span").first().textContent()).trim();
  await item.click();
  return label;
}

test("a branch secretary creates a meeting; the server's field errors show at the topic and at agenda item 2", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.click(".side-menu .el-menu-item:has-text('会议')");
  await page.waitForSelector(".year-table tbody tr");
  await page.waitForSelector(".meeting-list .el-table__row");
  await page.click("button.new-meeting");
  await page.waitForSelector(".meeting-form input[name=topic]");
  const day = dayOffset(-1);
  await page.fill(".meeting-form .date-pick input", day);
  await page.keyboard.press("Enter");
  await page.fill(".meeting-form input[name=topic]", "学");
  await page.fill(".meeting-form input[name=place]", "社区党群服务中心");
  const host = await pickFirst(page, ".host-select");
  await page.click("button.agenda-add");
  await page.click("button.agenda-add");
  await page.fill("input[name=agenda_0_title]", "学习社区治理条例");
  await page.fill("textarea[name=agenda_0_minutes]", "书记领学第三章。\n<b>不是标记</b>");
  // Item 2 has no title: the server names /agenda/1/title; the topic is too short: /topic.
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/meetings") && r.request().method() === "POST");
  await page.click("button.meeting-save");
  const res = await answer;
  assert.equal(res.status(), 400);
  const fields = (await res.json()).error.fields.map((f) => f.field);
  assert.ok(fields.includes("/agenda/1/title") && fields.includes("/topic"), fields.join(","));
  const item2 = page.locator(".agenda-item").nth(1).locator(".el-form-item__error");
  await item2.waitFor();
  assert.match(await item2.textContent(), /议题/);
  assert.equal(await page.locator(".agenda-item").nth(0).locator(".el-form-item__error").count(), 0, "item 1 is fine");
  assert.match(await page.textContent(".meeting-form .el-form-item:has(input[name=topic]) .el-form-item__error"), /会议主题/);
  await shot(page, "orglife-meeting-errors-1366");

  await page.fill(".meeting-form input[name=topic]", "学习社区治理条例主题党日");
  await page.fill("input[name=agenda_1_title]", "交流发言");
  await page.fill("textarea[name=minutes]", "会议由书记主持。\n与会党员逐一发言。");
  assert.match(await page.textContent(".meeting-form .el-form-item:has(textarea[name=minutes]) .el-input__count"), /\/ ?20000/);
  await page.click("button.meeting-save");
  await page.waitForURL(/\/meetings\/\d+$/);
  meetingId = Number(page.url().match(/\/meetings\/(\d+)$/)[1]);
  await page.waitForSelector(".meeting-page .agenda-view");
  const [topic, starts, hostName, n] = one(`SELECT m.topic, m.starts_at, p.name, (SELECT COUNT(*) FROM meeting_agenda a WHERE a.meeting_id = m.id)
                                          FROM meeting m LEFT JOIN person p ON p.id = m.host_person_id WHERE m.id = ${meetingId}`);
  assert.deepEqual([topic, hostName, n], ["学习社区治理条例主题党日", host, "2"]);
  assert.match(starts, new RegExp(`^${day}`));
  // Free text is text: the angle brackets are on screen, no <b> element made of them.
  assert.match(await page.textContent(".agenda-view"), /<b>不是标记<\/b>/);
  assert.equal(await page.$(".agenda-view b"), null);
  // 编辑 sends only what changed.
  const patches = [];
  page.on("request", (r) => { if (r.method() === "PATCH") patches.push(r.postDataJSON()); });
  await page.click("button.edit-meeting");
  await page.waitForSelector(".meeting-form input[name=place]");
  assert.equal(await page.inputValue("input[name=agenda_1_title]"), "交流发言");
  await page.fill(".meeting-form input[name=place]", "楼栋党员议事点");
  await page.click("button.meeting-save");
  await page.waitForURL(new RegExp(`/meetings/${meetingId}$`));
  await page.waitForSelector(".meeting-facts");
  assert.deepEqual(patches, [{ place: "楼栋党员议事点" }]);
  assert.match(await page.textContent(".meeting-facts"), /楼栋党员议事点/);
  await page.context().close();
  noErrors(env);
});

test("attendance on a 360 px phone: 全部出席, one 请假 needs its reason, one PUT, the meeting shows the counts", async () => {
  assert.ok(meetingId, "the meeting of the first test");
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/meetings/${meetingId}`);
  await page.click("button.take-attendance");
  await page.waitForSelector(".attend-row");
  const expected = await page.locator(".attend-row").count();
  assert.ok(expected >= 3, `expected people: ${expected}`);
  assert.equal(Number(await page.textContent(".n-expected")), expected);
  assert.ok(await overflow(page) <= 0, "nothing off screen at 360 px");
  await page.click("button.all-present");
  assert.equal(Number(await page.textContent(".n-present")), expected);
  const row = page.locator(".attend-row").nth(1);
  const who = (await row.locator(".attend-person").textContent()).trim();
  await row.locator("button.choice-leave").click();
  const box = await row.locator("button.choice-delivered").boundingBox();
  assert.ok(box.x + box.width <= 360, "every choice on screen");
  // No reason: said at the row, nothing sent.
  let puts = 0;
  page.on("request", (r) => { if (r.method() === "PUT") puts++; });
  await page.click("button.attend-submit");
  await row.locator(".el-form-item__error").waitFor();
  assert.match(await row.locator(".el-form-item__error").textContent(), /请假须填写事由/);
  assert.equal(puts, 0);
  await shot(page, "orglife-attendance-360");
  await row.locator(".reason-input input").fill("外地出差");
  await row.locator(".leave-approved").click();
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meetingId}/attendance`) && r.request().method() === "PUT");
  await page.click("button.attend-submit");
  assert.equal((await answer).status(), 200);
  assert.equal(puts, 1, "one PUT");
  await page.waitForURL(new RegExp(`/meetings/${meetingId}$`));
  await page.waitForSelector(".attend-groups");
  assert.equal(Number((await page.textContent(".count-expected")).replace(/\D/g, "")), expected);
  assert.equal(Number((await page.textContent(".count-present")).replace(/\D/g, "")), expected - 1);
  assert.equal(Number((await page.textContent(".count-leave")).replace(/\D/g, "")), 1);
  assert.equal(Number((await page.textContent(".count-absent")).replace(/\D/g, "")), 0);
  assert.match(await page.textContent(".attend-leave"), new RegExp(`${who}（外地出差）`));
  assert.deepEqual(one(`SELECT status, present_n, leave_n FROM meeting WHERE id = ${meetingId}`), ["held", String(expected - 1), "1"]);
  assert.deepEqual(one(`SELECT reason, leave_approved FROM meeting_attendance WHERE meeting_id = ${meetingId} AND status = 'leave'`), ["外地出差", "1"]);
  assert.ok(await overflow(page) <= 0);
  await shot(page, "orglife-meeting-360");
  // The printable record: the branch's title, the counts, the one on leave with the reason.
  await page.click("button.print-meeting");
  await page.waitForSelector(".minutes-sheet");
  const [org] = one(`SELECT o.name FROM meeting m JOIN org o ON o.id = m.org_id WHERE m.id = ${meetingId}`);
  assert.equal((await page.textContent(".sheet-title")).trim(), `${org}会议记录`);
  assert.equal((await page.textContent(".sheet-present")).trim(), `${expected - 1} 人`);
  assert.match(await page.textContent(".sheet-leave"), new RegExp(`${who}（外地出差）`));
  assert.match(await page.textContent(".sheet-signs"), /主持人（签字）/);
  await shot(page, "orglife-print-360");
  // Printed: the sheet alone, without the buttons.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible(".print-tools"), false);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".sheet-title")).visibility), "visible");
  assert.match(await page.evaluate(() => getComputedStyle(document.querySelector(".minutes-sheet")).fontFamily), /Serif CJK SC/);
  await page.emulateMedia({ media: "screen" });
  await page.context().close();
  noErrors(env);
});

// The label over the 落实情况 column of a meeting type (the header of its cells' column).
const typeLabelOf = (page, code) => page.evaluate((c) => {
  const td = document.querySelector(`.compliance-list .el-table__body td:has(.c-cell[data-type="${c}"])`);
  const i = [...td.parentElement.children].indexOf(td);
  return document.querySelectorAll(".compliance-list .el-table__header th")[i].textContent.trim();
}, code);

test("before a meeting starts only 请假 can be chosen, and saving it keeps the meeting planned", async () => {
  const api = await login(env.srv, "shuji");
  const branch = api.session.grants[0].org_id;
  const m = (await api.request("POST", "/api/meetings", { body: { org_id: branch, type: "party_congress", topic: "下周支部党员大会", starts_at: `${dayOffset(7)} 15:00` } })).json;
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/meetings/${m.id}/attendance`);
  await page.waitForSelector(".attend-early");
  assert.ok(await page.locator(".attend-row").count() > 0, "the roll of the meeting date");
  {
    const row = page.locator(".attend-row").first();
    assert.equal(await row.locator("button.choice-present").isDisabled(), true);
    assert.equal(await page.$("button.all-present"), null);
    await row.locator("button.choice-leave").click();
    await row.locator(".reason-input input").fill("外出探亲");
    await page.click("button.attend-submit");
    await page.waitForURL(new RegExp(`/meetings/${m.id}$`));
    await page.waitForSelector(".attend-groups");
    assert.deepEqual(one(`SELECT status, leave_n FROM meeting WHERE id = ${m.id}`), ["planned", "1"]);
  }
  await page.context().close();
  noErrors(env);
});

test("落实情况 lists the community's branches; an overdue figure opens the meetings of that branch, type and range", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('落实情况')");
  await page.waitForSelector(".compliance-list .el-table__row");
  const rows = await page.locator(".compliance-list .el-table__row").count();
  assert.ok(rows > 5, `rows: ${rows}`);
  assert.ok(await page.locator(".compliance-list .row-overdue .c-overdue").count() > 0, "overdue cells highlighted");
  await shot(page, "orglife-compliance-1366");
  const row = page.locator(".compliance-list .row-overdue").first();
  const rowText = await row.locator(".c-org").textContent();
  const code = await row.locator(".c-overdue").first().getAttribute("data-type");
  const type = await typeLabelOf(page, code);
  await row.locator(".c-overdue .overdue-cell").first().click();
  await page.waitForURL(/\/meetings\?/);
  const url = new URL(page.url());
  const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  assert.equal(url.searchParams.get("from"), `${year}-01-01`);
  assert.equal(url.searchParams.get("to"), `${year}-12-31`);
  const org = Number(url.searchParams.get("org"));
  const [orgName] = one(`SELECT name FROM org WHERE id = ${org}`);
  assert.equal(orgName, rowText.trim());
  await page.waitForSelector(".meeting-list .el-table__row");
  assert.equal((await page.textContent(".org-filter")).trim(), orgName);
  await page.waitForSelector(".year-table tbody tr");
  assert.equal((await page.textContent(".branch-select")).trim(), orgName, "the year of that branch");
  const types = await page.$$eval(".meeting-list .el-table__row td:nth-child(3)", (els) => els.map((e) => e.textContent.trim()));
  assert.ok(types.length > 0 && types.every((t) => t === type), `types: ${types}`);
  const orgs = await page.$$eval(".meeting-list .el-table__row td:nth-child(4)", (els) => els.map((e) => e.textContent.trim()));
  assert.ok(orgs.every((o) => o.startsWith(orgName)), `orgs: ${orgs}`);
  await shot(page, "orglife-meetings-filtered-1366");
  await page.context().close();
  noErrors(env);
});

test("我的会议 on a 党员's 我的 at 360 px", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "dangyuan");
  await page.goto(`${env.srv.url}/me`);
  await page.waitForSelector(".my-meetings .my-meeting");
  const [pid] = one("SELECT person_id FROM user_account WHERE username = 'dangyuan'");
  const [n] = one(`SELECT COUNT(*) FROM meeting_attendance WHERE person_id = ${pid}`);
  assert.ok(Number(n) > 0);
  assert.equal(await page.$(".my-meetings a.my-meeting-topic"), null, "a 党员 sees the list without links to pages they may not open");
  assert.ok(await overflow(page) <= 0);
  await shot(page, "orglife-me-360");
  await page.context().close();
  noErrors(env);
});
