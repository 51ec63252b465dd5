// screens.test.js: what a cadre sees on screen (issue 14, items 13 and 15–19): no English codes
// (rule codes, routes, permission codes) where a Chinese label exists, every dashboard chart
// readable at 1366 and 360 px, lists as cards on a phone (audit log, member units), the import
// page saying what to do today about transfers, a login page without a 401 in the console, and a
// home page for the roles whose areas have not arrived (网格员, 居民, 共建单位联络人).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];

test("the login page checks the session without a 401 (item 18)", async () => {
  const page = await env.newPage();
  const messages = [], statuses = [];
  page.on("console", (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on("response", (r) => { if (r.url().includes("/api/")) statuses.push(`${r.status()} ${new URL(r.url()).pathname}`); });
  await page.goto(env.srv.url + "/");
  await page.waitForSelector("button.login-submit");
  assert.deepEqual(statuses, ["200 /api/session"]);
  assert.deepEqual(messages.filter((m) => /40\d|error/i.test(m)), []);
  await page.context().close();
  noErrors(env);
});

test("no English codes on screen: advisories, the audit log's source and object, a refused permission (item 13)", async () => {
  const page = await env.newPage({ width: 1366, height: 800 });
  await signIn(env, page, "jiedao");
  await page.waitForSelector(".advisory-list li");
  const adv = await page.textContent(".advisory-list");
  assert.doesNotMatch(adv, /[A-Z]{3,}-[A-Z]+/, "advisories say the rule in words");
  assert.match(await page.getAttribute(".advisory-list li", "title"), /^规则 [A-Z]+-[A-Z]+$/, "the rule code in the tooltip");
  const [expired] = one(`SELECT org_id FROM org_term WHERE ended_on IS NULL AND ends_on < date('now') AND org_id IN (SELECT id FROM org WHERE path LIKE '/1/2/%' AND dissolved_on IS NULL) ORDER BY org_id LIMIT 1`);
  await page.goto(`${env.srv.url}/orgs/${expired}`);
  await page.click(".el-tabs__item:has-text('提示')");
  await page.waitForSelector("#pane-advisories .advisory");
  assert.doesNotMatch(await page.textContent("#pane-advisories"), /[A-Z]{3,}-[A-Z]+/);
  await page.goto(`${env.srv.url}/audit`);
  await page.waitForSelector(".audit-list .el-table__row");
  const audit = await page.textContent(".audit-list");
  assert.doesNotMatch(audit, /(GET|POST|PATCH|DELETE) \/api|cli:/, "the source in words");
  assert.doesNotMatch(audit, /账号 #\d/, "an account by its name");
  assert.match(audit, /网页：登录/);
  assert.match(audit, /命令行：生成演示数据/);
  assert.match(audit, /账号 街道党工委组织委员（jiedao）/);
  await shot(page, "screens-audit-1366");
  // A refused permission names it in words (the 403 of GET /api/audit for a branch secretary).
  const p2 = await env.newPage();
  await signIn(env, p2, "shuji");
  const msg = await p2.evaluate(async () => (await (await fetch("/api/audit")).json()).error.message);
  assert.equal(msg, "您没有此项权限（查看审计日志）");
  await page.context().close();
  await p2.context().close();
  noErrors(env);
});

test("lists show as cards at 360 px: the audit log and the member units with 登记退出 (item 16)", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/audit`);
  await page.waitForSelector(".audit-list .list-card");
  assert.equal(await page.$(".audit-list .el-table"), null, "no table on a phone");
  assert.ok(await overflow(page) <= 0, "nothing off screen");
  const card = await page.textContent(".audit-list .list-card");
  for (const label of ["时间", "操作人", "对象", "结果", "来源"]) assert.ok(card.includes(label), label);
  await shot(page, "screens-audit-360");
  // 成员单位 of the community: each unit a card, 登记退出 on screen.
  await page.goto(`${env.srv.url}/orgs/3`);
  await page.click(".el-tabs__item:has-text('单位')");
  await page.waitForSelector(".unit-table .list-card");
  const button = page.locator(".unit-table .list-card button:has-text('登记退出')").first();
  const box = await button.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `登记退出 on screen: ${JSON.stringify(box)}`);
  assert.ok(await overflow(page) <= 0, "nothing off screen");
  await shot(page, "screens-units-360");
  await page.context().close();
  noErrors(env);
});

// The texts each chart draws (ECharts' SVG renderer puts them in the page), with their boxes.
const chartTexts = (page) => page.$$eval(".chart-card", (cards) => cards.map((card) => {
  const box = card.querySelector(".chart").getBoundingClientRect();
  const texts = [...card.querySelectorAll(".chart svg text")].filter((t) => t.textContent.trim()).map((t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent.trim(), x: r.x, y: r.y, w: r.width, h: r.height };
  });
  return { title: card.querySelector(".card-title").textContent.trim(), box: { x: box.x, y: box.y, w: box.width, h: box.height }, texts };
}));
const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test("every dashboard chart reads at 1366 and 360 px: shares on the rings, no label on another (item 15)", async () => {
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 800 });
    await signIn(env, page, "jiedao");
    await page.waitForSelector(".chart-card .chart svg text");
    await page.waitForTimeout(300);
    const charts = await chartTexts(page);
    assert.equal(charts.length, 6);
    for (const c of charts) {
      assert.ok(c.texts.length > 0, `${c.title} at ${width}: draws texts`);
      for (const t of c.texts) {
        assert.ok(t.x >= c.box.x - 1 && t.x + t.w <= c.box.x + c.box.w + 1, `${c.title} at ${width}: "${t.text}" inside the chart`);
      }
      for (let i = 0; i < c.texts.length; i++) {
        for (let j = i + 1; j < c.texts.length; j++) {
          assert.ok(!meets(c.texts[i], c.texts[j]), `${c.title} at ${width}: "${c.texts[i].text}" meets "${c.texts[j].text}"`);
        }
      }
    }
    for (const title of ["党员类别", "党籍状态（在册党员）", "性别"]) {
      const pie = charts.find((c) => c.title === title);
      for (const t of pie.texts) assert.match(t.text, /^\d+%$/, `${title}: a share, not a count`);
    }
    const gender = charts.find((c) => c.title === "性别");
    assert.equal(gender.texts.length, 2, "both slices of 性别 are labelled");
    assert.ok(await overflow(page) <= 0, `nothing off screen at ${width}`);
    await shot(page, `screens-home-${width}`);
    const cards = page.locator(".chart-card");
    for (let i = 0; i < 6; i++) await cards.nth(i).screenshot({ path: `build/screenshots/screens-chart${i}-${width}.png` });
    await page.context().close();
  }
  noErrors(env);
});

test("the import page says what to do today about moving a member, and names no 组织关系转接 procedure (item 17)", async () => {
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 800 });
    await signIn(env, page, "shequ");
    await page.goto(`${env.srv.url}/members/import`);
    await page.waitForSelector(".import-move-hint");
    const text = await page.textContent(".import-body");
    assert.doesNotMatch(text, /请办理组织关系转接/);
    assert.match(text, /在党员详情中点“编辑”，改“所在党组织”/);
    assert.match(text, /尚在建设中/);
    assert.ok(await overflow(page) <= 0);
    await shot(page, `screens-import-${width}`);
    await page.context().close();
  }
  noErrors(env);
});

test("网格员, 居民 and 共建单位联络人 land on a home page saying what they can do and what is coming; a 居民 is shown by their household (item 19)", async () => {
  const [address] = one(`SELECT h.address FROM user_account u JOIN resident r ON r.person_id = u.person_id
                         JOIN household h ON h.id = r.household_id WHERE u.username = 'jumin'`);
  const [committee] = one("SELECT o.name FROM user_grant g JOIN user_account u ON u.id = g.user_id JOIN org o ON o.id = g.org_id WHERE u.username = 'jumin'");
  for (const [user, role, can, coming] of [["wangge", "网格员", "组织", "群众诉求"], ["jumin", "居民", "我的", "反映诉求"], ["lianluo", "共建单位联络人", "我的", "共建项目"]]) {
    for (const width of [1366, 360]) {
      const page = await env.newPage({ width, height: 800 });
      await signIn(env, page, user);
      await page.waitForSelector(".start-page .start-role");
      assert.match(page.url(), /\/start$/, `${user} lands on the start page`);
      const text = await page.textContent(".start-page");
      assert.match(text, new RegExp(role));
      assert.match(text, /现在可以/);
      assert.ok(text.includes(can), `${user}: ${can}`);
      assert.match(text, /即将上线/);
      assert.ok(text.includes(coming), `${user}: ${coming}`);
      if (user === "jumin") {
        await page.waitForSelector(".my-household");
        assert.ok((await page.textContent(".my-household")).includes(address));
        assert.ok(!text.includes(committee), "a 居民 is not shown under the Party committee");
        assert.equal(await page.$(".header-scope"), null, "no org scope in the header");
      }
      assert.ok(await overflow(page) <= 0);
      await shot(page, `screens-start-${user}-${width}`);
      await page.context().close();
    }
  }
  // 我的 of a 居民: the household, and the grant shown by its address, not the committee.
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "jumin");
  await page.goto(`${env.srv.url}/me`);
  await page.waitForSelector(".my-household");
  await page.waitForFunction((a) => document.querySelector(".me-grant-org").textContent.includes(a), address);
  assert.ok(!(await page.textContent(".me-page")).includes(committee));
  await shot(page, "screens-me-jumin-360");
  await page.context().close();
  noErrors(env);
});

test("the org page's tabs, each its own component, at 1366 and 360 px; the login page at both widths", async () => {
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 800 });
    await page.goto(env.srv.url + "/login");
    await page.waitForSelector("button.login-submit");
    await shot(page, `screens-login-${width}`);
    await signIn(env, page, "shequ");
    await page.goto(`${env.srv.url}/orgs/3`);
    await page.waitForSelector(".org-page .org-basic");
    for (const [tab, part] of [["基本", ".org-basic"], ["沿革", ".org-history .org-events"], ["班子", ".org-terms .term-block"],
                               ["单位", ".org-units .unit-table"], ["提示", ".org-advisories"]]) {
      await page.click(`.org-tabs .el-tabs__item:has-text('${tab}')`);
      await page.waitForSelector(`.org-page ${part}`);
      assert.ok(await overflow(page) <= 0, `${tab} at ${width}: nothing off screen`);
      await shot(page, `screens-org-${part.split(" ")[0].slice(5)}-${width}`);
    }
    await page.context().close();
  }
  noErrors(env);
});

test("组织生活 at 1366 and 360 px: 会议, a meeting, its form, 登记出席, its 表决, the printed record, 民主评议, a round, 学习记录, 落实情况 and 我的 (会议, 学习, 民主评议), nothing off screen", async () => {
  const [branch] = one("SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shuji'");
  const [id] = one(`SELECT id FROM meeting WHERE org_id = ${branch} AND status = 'held' AND minutes IS NOT NULL AND present_n > 0 ORDER BY meets_on DESC LIMIT 1`);
  const [round] = one(`SELECT id FROM eval_round WHERE org_id = ${branch} ORDER BY year DESC LIMIT 1`);
  const [voted] = one(`SELECT meeting_id FROM meeting_vote v JOIN meeting m ON m.id = v.meeting_id WHERE m.org_id = ${branch} ORDER BY m.meets_on DESC LIMIT 1`);
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 800 });
    await signIn(env, page, "shuji");
    for (const [path, ready, name] of [
      ["/meetings", width > 767 ? ".year-table tbody tr" : ".year-month", "meetings"],
      [`/meetings/${id}`, ".meeting-page .attend-groups", "meeting"],
      [`/meetings/${id}/edit`, ".meeting-form input[name=topic]", "meeting-edit"],
      [`/meetings/${id}/attendance`, ".attend-row", "attendance"],
      [`/meetings/${voted}`, ".meeting-votes .vote-item", "meeting-votes"],
      [`/meetings/${id}/print`, ".minutes-sheet", "meeting-print"],
      ["/orglife/evaluations", ".round-list .el-table__row, .round-list .list-card", "evaluations"],
      [`/orglife/evaluations/${round}`, ".subject-list .el-table__row, .subject-list .list-card", "evaluation"],
      ["/orglife/study", ".hours-list .el-table__row, .hours-rows .hours-row", "study"],
    ]) {
      await page.goto(env.srv.url + path);
      await page.waitForSelector(ready);
      if (name === "meetings") await page.waitForSelector(".meeting-list .el-table__row, .meeting-list .list-card");
      assert.ok(await overflow(page) <= 0, `${name} at ${width}: nothing off screen`);
      await shot(page, `screens-orglife-${name}-${width}`);
    }
    await page.context().close();
    const p2 = await env.newPage({ width, height: 800 });
    await signIn(env, p2, "shequ");
    await p2.goto(env.srv.url + "/orglife/compliance");
    await p2.waitForSelector(".compliance-list .c-cell");
    if (width === 360) assert.equal(await p2.$(".compliance-list .el-table"), null, "cards on a phone");
    assert.ok(await overflow(p2) <= 0, `落实情况 at ${width}: nothing off screen`);
    await shot(p2, `screens-orglife-compliance-${width}`);
    await p2.context().close();
    const p3 = await env.newPage({ width, height: 800 });
    await signIn(env, p3, "dangyuan");
    await p3.goto(env.srv.url + "/me");
    await p3.waitForSelector(".my-meetings .my-meeting");
    await p3.waitForSelector(".my-study .my-study-item");
    await p3.waitForSelector(".my-evaluations .eval-item");
    assert.ok(await overflow(p3) <= 0, `我的 at ${width}: nothing off screen`);
    await shot(p3, `screens-orglife-me-${width}`);
    await p3.context().close();
  }
  noErrors(env);
});
