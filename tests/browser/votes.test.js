// votes.test.js: 表决 in a real browser: a branch secretary opens a vote on a 支部党员大会's
// page (the server's field error shown at 表决事项), records a show of hands one tap per person
// and closes it (confirmed) to read 通过 with what it means; on a 360 px phone a vote with too
// few present closes as 到会人数不足; a 党员 casts their own secret ballot in 我的 once, reads
// 已投票 and never what they chose; the demo meeting shows a passed and a failed-quorum vote.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env, shuji, branch, full;
before(async () => {
  env = await setup();
  shuji = await login(env.srv, "shuji");
  branch = shuji.session.grants[0].org_id;
  full = sql(env.srv.db, `SELECT person_id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY person_id`).map(([p]) => Number(p));
});
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];
const dayOffset = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * 86400 * 1000).toISOString().slice(0, 10);

// A 支部党员大会 yesterday with `present` of the branch's 正式党员 recorded 出席, the rest 缺席.
async function congress(topic, present) {
  const m = (await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "party_congress", topic, starts_at: `${dayOffset(-1)} 15:00` } })).json;
  const r = await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: full.map((p) => ({ person_id: p, status: present.includes(p) ? "present" : "absent" })) });
  assert.equal(r.status, 200);
  return m;
}

async function openVote(page, subject) {
  await page.click("button.vote-new");
  await page.waitForSelector(".vote-form input[name=subject]");
  await page.fill(".vote-form input[name=subject]", subject);
  await page.click(".vote-form button[type=submit]");
}

// Closes the vote through its confirm dialog; returns the vote's element.
async function closeVote(page, vote) {
  await vote.locator("button.vote-close").click();
  await page.waitForSelector(".el-message-box");
  assert.match(await page.textContent(".el-message-box"), /结束后不能再投票/);
  await page.click(".el-message-box button:has-text('结束表决')");
  await page.waitForFunction((id) => document.querySelector(`.vote-item[data-vote="${id}"]`).classList.contains("vote-closed"), await vote.getAttribute("data-vote"));
}

test("a secretary opens a show of hands, records it one tap per person and closes it: 通过, said in words", async () => {
  const m = await congress("讨论为民办实事项目", full);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/meetings/${m.id}`);
  await page.waitForSelector(".meeting-votes");
  // Too short a subject: the server's message under 表决事项, nothing opened.
  await openVote(page, "表");
  await page.waitForSelector(".vote-form .el-form-item.is-error");
  assert.match(await page.textContent(".vote-form .el-form-item:has(input[name=subject]) .el-form-item__error"), /表决事项/);
  assert.equal(one(`SELECT COUNT(*) FROM meeting_vote WHERE meeting_id = ${m.id}`)[0], "0");
  await page.fill(".vote-form input[name=subject]", "同意推荐楼道加装扶手项目");
  await page.click(".vote-form button[type=submit]");
  const vote = page.locator(".vote-item").first();
  await vote.waitFor();
  assert.equal(Number(await vote.locator(".v-expected").textContent()), full.length, "应到: the branch's 正式党员");
  assert.match(await vote.locator(".vote-sub").textContent(), /议事决定 · 举手表决/);

  // One tap per person: everyone 赞成 but the first, who is against.
  await vote.locator("button.vote-ballots").click();
  const rows = vote.locator(".ballot-row");
  await rows.first().waitFor();
  assert.equal(await rows.count(), full.length);
  for (let i = 0; i < full.length; i++) await rows.nth(i).locator(i === 0 ? "button.choice-no" : "button.choice-yes").click();
  assert.match(await vote.locator(".ballot-save").textContent(), new RegExp(`已选 ${full.length} 人`));
  await shot(page, "votes-ballots-1366");
  await vote.locator("button.ballot-submit").click();
  await page.waitForFunction((n) => Number(document.querySelector(".vote-item .v-yes").textContent) === n, full.length - 1);
  assert.equal(Number(await vote.locator(".v-no").textContent()), 1);
  assert.equal(one(`SELECT COUNT(*) FROM meeting_voter t JOIN meeting_vote v ON v.id = t.vote_id WHERE v.meeting_id = ${m.id} AND t.choice IS NOT NULL`)[0], String(full.length));

  await closeVote(page, vote);
  assert.equal((await vote.locator(".vote-status").textContent()).trim(), "通过");
  assert.equal((await vote.locator(".vote-explain").textContent()).trim(),
    `应到 ${full.length} 人，实到 ${full.length} 人；赞成 ${full.length - 1} 票，超过应到人数的半数：通过`);
  assert.deepEqual(one(`SELECT result, pass_rule FROM meeting_vote WHERE meeting_id = ${m.id}`), ["passed", "VOTE-PASS"]);
  assert.equal(await vote.locator("button.vote-close").count(), 0, "a closed vote takes nothing more");
  await shot(page, "votes-passed-1366");
  await page.context().close();
  noErrors(env);
});

test("on a 360 px phone a vote with too few present closes as 到会人数不足", async () => {
  const few = full.slice(0, Math.floor(full.length / 2));
  const m = await congress("临时支部党员大会", few);
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/meetings/${m.id}`);
  await page.waitForSelector(".meeting-votes");
  await page.click("button.vote-new");
  await page.fill(".vote-form input[name=subject]", "同意调整支部党小组设置");
  await page.click(".vote-form button.excluded-add");
  assert.ok(await overflow(page) <= 0, "the form fits a phone");
  await shot(page, "votes-create-360", { fullPage: false });
  await page.click(".vote-form button.excluded-remove");
  await page.click(".vote-form button[type=submit]");
  const vote = page.locator(".vote-item").first();
  await vote.waitFor();
  assert.match(await vote.locator(".vote-explain").textContent(), new RegExp(`应到 ${full.length} 人，已登记到会 ${few.length} 人，尚未过半数`));
  await vote.locator("button.vote-ballots").click();
  const present = vote.locator(".ballot-row:has(.el-tag:has-text('到会')):not(:has(.el-tag:has-text('未到会')))");
  await present.first().waitFor();
  assert.equal(await present.count(), few.length);
  for (let i = 0; i < few.length; i++) await present.nth(i).locator("button.choice-yes").click();
  const box = await present.first().locator("button.choice-abstain").boundingBox();
  assert.ok(box.x + box.width <= 360, "every choice on screen");
  assert.ok(await overflow(page) <= 0, "nothing off screen at 360 px");
  await shot(page, "votes-ballots-360");
  await vote.locator("button.ballot-submit").click();
  await page.waitForFunction((n) => Number(document.querySelector(".vote-item .v-yes").textContent) === n, few.length);
  await closeVote(page, vote);
  assert.equal((await vote.locator(".vote-status").textContent()).trim(), "到会人数不足");
  assert.equal((await vote.locator(".vote-explain").textContent()).trim(), `应到 ${full.length} 人，实到 ${few.length} 人，未过半数：到会人数不足`);
  assert.equal(one(`SELECT result FROM meeting_vote WHERE meeting_id = ${m.id}`)[0], "failed_quorum");
  assert.ok(await overflow(page) <= 0);
  await shot(page, "votes-failed-quorum-360");
  await page.context().close();
  noErrors(env);
});

test("a 党员 casts their own secret ballot in 我的 once; it reads 已投票, never the choice", async () => {
  const m = await congress("接收预备党员大会", full);
  const v = (await shuji.request("POST", `/api/meetings/${m.id}/votes`, { body: { subject: "接收李某某为预备党员", kind: "admission", method: "secret" } })).json.items[0];
  const wide = await env.newPage({ width: 1366, height: 800 });
  await signIn(env, wide, "dangyuan");
  await wide.goto(`${env.srv.url}/me`);
  await wide.waitForSelector(`.my-votes .my-vote[data-vote="${v.id}"] button.my-vote-yes`);
  assert.ok(await overflow(wide) <= 0);
  await shot(wide, "votes-me-1366");
  await wide.context().close();
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "dangyuan");
  await page.goto(`${env.srv.url}/me`);
  const item = page.locator(`.my-votes .my-vote[data-vote="${v.id}"]`);
  await item.waitFor();
  assert.match(await item.textContent(), /接收李某某为预备党员/);
  assert.ok(await overflow(page) <= 0);
  await shot(page, "votes-me-360");
  await item.locator("button.my-vote-no").click();
  await page.waitForSelector(".el-message-box");
  assert.match(await page.textContent(".el-message-box"), /提交后不能更改/);
  await page.click(".el-message-box button:has-text('投反对票')");
  await item.locator(".my-vote-done").waitFor();
  assert.equal(await item.locator("button").count(), 0, "no second ballot offered");
  assert.doesNotMatch(await item.textContent(), /反对|赞成|弃权/, "the choice is not shown back");
  // The server stores that they voted, not what; a second ballot is refused.
  const [me] = one("SELECT person_id FROM user_account WHERE username = 'dangyuan'");
  assert.deepEqual(one(`SELECT how, COALESCE(choice, '-') FROM meeting_voter WHERE vote_id = ${v.id} AND person_id = ${me}`), ["present", "-"]);
  assert.equal(one(`SELECT no_n FROM meeting_vote WHERE id = ${v.id}`)[0], "1");
  const second = await page.evaluate(async (id) => {
    const r = await fetch(`/api/me/votes/${id}/ballot`, { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": localStorage.getItem("dj.csrf") }, body: JSON.stringify({ choice: "yes", how: "present" }) });
    return [r.status, (await r.json()).error.message];
  }, v.id);
  assert.deepEqual(second, [409, "此人已投过票，每人只能投一票"]);
  await page.reload();
  await item.locator(".my-vote-done").waitFor();
  assert.equal(await item.locator("button").count(), 0);
  await shot(page, "votes-me-voted-360");
  // The secretary sees that they voted, not how.
  const p2 = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, p2, "shuji");
  await p2.goto(`${env.srv.url}/meetings/${m.id}`);
  await p2.locator("button.vote-ballots").click();
  const row = p2.locator(`.ballot-row[data-person="${me}"]`);
  await row.waitFor();
  assert.equal((await row.locator(".ballot-done").textContent()).trim(), "已投票");
  await p2.context().close();
  await page.context().close();
  noErrors(env);
});

async function pickOption(page, selectSel, text) {
  await page.click(`${selectSel} .el-select__wrapper`);
  const item = text ? page.locator(`.el-select-dropdown__item:visible:has-text('${text}')`).first() : page.locator(".el-select-dropdown__item:visible").first();
  await item.waitFor();
  const label = (await item.textContent()).trim();
  await item.click();
  await item.waitFor({ state: "hidden" }); // the list closed, so the next select's is the one visible
  return label;
}

test("a secret vote with one member not counted, its paper ballots entered (too many refused at 赞成票) and closed", async () => {
  const m = await congress("接收预备党员支部党员大会", full);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/meetings/${m.id}`);
  await page.waitForSelector(".meeting-votes");
  await page.click("button.vote-new");
  await page.fill(".vote-form input[name=subject]", "接收张某某为预备党员");
  assert.equal(await pickOption(page, ".vote-form .vote-kind", "接收预备党员"), "接收预备党员");
  await page.click(".vote-form .vote-method label:has-text('无记名投票')");
  await page.click(".vote-form button.excluded-add");
  const away = await pickOption(page, ".vote-form .excluded-person");
  // No reason: the server names /excluded/0/reason, shown at that row.
  await page.click(".vote-form button[type=submit]");
  const reasonErr = page.locator(".vote-excluded-row .vote-excluded-field").nth(1).locator(".el-form-item__error");
  await reasonErr.waitFor();
  assert.match(await reasonErr.textContent(), /不计入理由/);
  await shot(page, "votes-create-errors-1366", { fullPage: false });
  await page.fill(".vote-form input[name=excluded_0_reason]", "出国（境）学习");
  await page.click(".vote-form button[type=submit]");
  const vote = page.locator(".vote-item").first();
  await vote.waitFor();
  assert.equal(Number(await vote.locator(".v-expected").textContent()), full.length - 1, "应到 less the one not counted");
  assert.match(await vote.locator(".vote-sub").textContent(), /接收预备党员 · 无记名投票/);
  assert.match(await vote.textContent(), new RegExp(`不计入应到人数：${away}（出国（境）学习）`));

  // Paper ballots: more than the voting members present is refused at 赞成票.
  await vote.locator("button.vote-tally").click();
  const field = (label) => page.locator(`.tally-form .el-form-item:has(.el-form-item__label:text-is('${label}')) input`);
  await field("赞成票").fill(String(full.length));
  await page.click(".tally-form button[type=submit]");
  const yesErr = page.locator(".tally-form .el-form-item:has(.el-form-item__label:text-is('赞成票')) .el-form-item__error");
  await yesErr.waitFor();
  assert.match(await yesErr.textContent(), /多于到会有表决权的人数/);
  await shot(page, "votes-tally-errors-1366", { fullPage: false });
  await field("赞成票").fill(String(full.length - 3));
  await field("反对票").fill("1");
  await field("弃权票").fill("1");
  await page.click(".tally-form button[type=submit]");
  await page.waitForFunction((n) => Number(document.querySelector(".vote-item .v-yes").textContent) === n, full.length - 3);
  assert.equal(Number(await vote.locator(".v-no").textContent()), 1);
  await closeVote(page, vote);
  const n = full.length - 1, y = full.length - 3;
  const result = y * 2 > n ? "通过" : "未通过";
  assert.equal((await vote.locator(".vote-status").textContent()).trim(), result);
  assert.match(await vote.locator(".vote-explain").textContent(), new RegExp(`^应到 ${n} 人，实到 ${n} 人`));
  await page.context().close();
  noErrors(env);
});

test("the demo branch's latest 支部党员大会 shows a passed vote, the one before a vote that failed quorum", async () => {
  const meetings = sql(env.srv.db, `SELECT v.meeting_id, v.result FROM meeting_vote v JOIN meeting m ON m.id = v.meeting_id
                                    WHERE m.is_synthetic = 1 AND m.org_id = ${branch} ORDER BY m.meets_on DESC`);
  assert.deepEqual(meetings.map(([, r]) => r), ["passed", "failed_quorum"]);
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 800 });
    await signIn(env, page, "shuji");
    for (const [id, result] of meetings) {
      await page.goto(`${env.srv.url}/meetings/${id}`);
      await page.waitForSelector(".meeting-votes .vote-item");
      assert.match(await page.textContent(".vote-explain"), result === "passed" ? /：通过$/ : /未过半数：到会人数不足$/);
      assert.ok(await overflow(page) <= 0, `${result} at ${width}: nothing off screen`);
      await shot(page, `votes-demo-${result}-${width}`);
    }
    await page.context().close();
  }
  noErrors(env);
});
