// orglife_eval.test.js: 民主评议 and 学习记录 in a real browser: a community cadre opens this
// year's round for a branch with a 预备党员, grades two members (不合格 asks for the
// improvement measures before anything is sent), sees the 预备党员 listed as 不参加评定 with no
// grade to choose, records one 优秀 past the local share (a warning, saved all the same), and
// the member card shows the grade; a branch secretary records a study for two members with
// 送学上门 and their 学时 rise by it, listed by name, publishes a material and credits it once;
// a 党员 records their own study on a 360 px
// phone and sees the year's hours rise in 我的.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];
const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
const num = async (page, sel) => Number((await page.textContent(sel)).replace(/[^\d]/g, ""));

// Chooses the option of the el-select inside `sel` whose label is `label` (typing to filter it);
// `partial` accepts a label that only contains it. It waits until the filter has applied (every
// visible option contains the text typed): clicking while the list still shrinks can land on
// another option.
async function choose(page, sel, label, partial = false) {
  await page.click(`${sel} .el-select__wrapper`);
  await page.keyboard.type(label);
  await page.waitForFunction((t) => {
    const shown = [...document.querySelectorAll(".el-select-dropdown__item")].filter((e) => e.offsetParent !== null);
    return shown.length > 0 && shown.every((e) => e.textContent.includes(t));
  }, label);
  const text = partial ? label : new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  const item = page.locator(".el-select-dropdown__item:visible").filter({ hasText: text }).first();
  await item.click();
}

test("a cadre runs a 民主评议 round: two members graded, the 预备党员 not gradable, 优秀 past the share only warns", async () => {
  // A branch of the community (org 3, shequ's) with a 预备党员 and at least four 正式党员.
  const [org, orgName] = one(`SELECT o.id, o.name FROM org o WHERE o.path LIKE '/1/2/3/%' AND o.type = 'branch' AND o.dissolved_on IS NULL
    AND EXISTS (SELECT 1 FROM member m WHERE m.org_id = o.id AND m.status = 'probationary')
    AND (SELECT COUNT(*) FROM member m WHERE m.org_id = o.id AND m.status = 'full') >= 4 ORDER BY o.id LIMIT 1`);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('民主评议')");
  await page.waitForSelector(".round-list .el-table__row");
  await page.click("button.new-round");
  await page.waitForSelector(".round-form");
  await choose(page, ".round-form-branch", orgName);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/orglife/evaluations") && r.request().method() === "POST");
  await page.click(".round-form-actions button[type=submit]");
  assert.equal((await answer).status(), 201);
  await page.waitForURL(/\/orglife\/evaluations\/\d+$/);
  const id = Number(page.url().match(/(\d+)$/)[1]);
  assert.deepEqual(one(`SELECT org_id, year FROM eval_round WHERE id = ${id}`), [String(org), String(year)]);
  await page.waitForSelector(".subject-list .el-table__row");
  const [full, prob] = one(`SELECT SUM(CASE WHEN probationary = 0 THEN 1 ELSE 0 END), SUM(probationary) FROM eval_subject WHERE round_id = ${id}`).map(Number);
  assert.equal(await page.locator(".subject-list .el-table__row").count(), full + prob);
  assert.equal(await num(page, ".count-graded"), full);
  assert.equal(await num(page, ".count-probationary"), prob);

  // The 预备党员: 不参加评定, and the dialog offers no grade.
  const probRow = page.locator(".subject-list .el-table__row.is-probationary").first();
  assert.match(await probRow.textContent(), /预备党员[\s\S]*不参加评定/);
  await probRow.locator("button.subject-edit").click();
  await page.waitForSelector(".subject-form .subject-probationary");
  assert.equal(await page.locator(".subject-form .final-grade").count(), 0);
  assert.equal(await page.locator(".subject-form .proposed-grade").count(), 0);
  await page.click(".subject-actions button:has-text('取消')");
  await page.waitForSelector(".subject-form", { state: "detached" });

  // Member 1: 合格 with tallies and the committee's proposal.
  const rows = page.locator(".subject-list .el-table__row:not(.is-probationary)");
  const name1 = (await rows.nth(0).locator(".subject-name").textContent()).trim();
  await rows.nth(0).locator("button.subject-edit").click();
  await page.waitForSelector(".subject-form .final-grade");
  await page.fill(".subject-form textarea[name=self_text]", "认真履行党员义务，积极参加志愿服务。");
  await page.fill(".subject-form input[name=peer_qualified]", "12");
  await page.fill(".subject-form input[name=peer_excellent]", "3");
  await page.click(".subject-form .proposed-grade .el-radio:has-text('合格') >> nth=0");
  await page.click(".subject-form .final-grade .el-radio:has-text('合格') >> nth=0");
  await page.click(".subject-actions button[type=submit]");
  await page.waitForSelector(".subject-form", { state: "detached" });
  await page.waitForFunction(() => document.querySelector(".count-decided").textContent.startsWith("1"));
  const p1 = one(`SELECT s.person_id FROM eval_subject s JOIN person p ON p.id = s.person_id WHERE s.round_id = ${id} AND p.name = '${name1}'`)[0];
  assert.deepEqual(one(`SELECT proposed_grade, final_grade, peer_excellent, peer_qualified, self_text FROM eval_subject WHERE round_id = ${id} AND person_id = ${p1}`),
    ["qualified", "qualified", "3", "12", "认真履行党员义务，积极参加志愿服务。"]);

  // Member 2: 不合格 asks for the measures before anything is sent.
  const name2 = (await rows.nth(1).locator(".subject-name").textContent()).trim();
  let puts = 0;
  page.on("request", (r) => { if (r.method() === "PUT") puts++; });
  await rows.nth(1).locator("button.subject-edit").click();
  await page.waitForSelector(".subject-form .final-grade");
  await page.click(".subject-form .final-grade .el-radio:has-text('不合格')");
  await page.click(".subject-actions button[type=submit]");
  const noteError = page.locator(".subject-form .el-form-item:has(textarea[name=note]) .el-form-item__error");
  await noteError.waitFor();
  assert.match(await noteError.textContent(), /整改措施/);
  assert.equal(puts, 0, "nothing sent without the measures");
  await page.fill(".subject-form textarea[name=note]", "限期三个月改正，支委结对帮扶。");
  await page.click(".subject-actions button[type=submit]");
  await page.waitForSelector(".subject-form", { state: "detached" });
  await page.waitForSelector(".round-warning[data-rule=EVAL-FAIL]");
  assert.equal(puts, 1);
  assert.deepEqual(one(`SELECT s.final_grade, s.note FROM eval_subject s JOIN person p ON p.id = s.person_id WHERE s.round_id = ${id} AND p.name = '${name2}'`),
    ["unqualified", "限期三个月改正，支委结对帮扶。"]);
  assert.match(await rows.nth(1).textContent(), /不合格[\s\S]*限期三个月改正/);

  // 优秀 up to the share (a third) set through the API; one more in the page: warned, saved.
  const api = await login(env.srv, "shequ");
  const others = sql(env.srv.db, `SELECT s.person_id FROM eval_subject s JOIN person p ON p.id = s.person_id WHERE s.round_id = ${id} AND s.probationary = 0
    AND s.final_grade IS NULL ORDER BY p.name_initials, p.id`).map(([p]) => Number(p));
  const third = Math.floor(full / 3);
  for (const p of others.slice(0, third)) {
    assert.equal((await api.request("PUT", `/api/orglife/evaluations/${id}/members/${p}`, { body: { final_grade: "excellent" } })).status, 200);
  }
  const extra = others[third];
  const [extraName] = one(`SELECT name FROM person WHERE id = ${extra}`);
  await page.reload();
  await page.waitForSelector(".subject-list .el-table__row");
  assert.equal(await page.locator(".round-warning[data-rule=EVAL-QUOTA]").count(), 0, "within the share: no warning");
  await page.locator(".subject-list .el-table__row", { hasText: extraName }).locator("button.subject-edit").click();
  await page.waitForSelector(".subject-form .final-grade");
  await page.click(".subject-form .final-grade .el-radio:has-text('优秀')");
  await page.waitForSelector(".subject-form .quota-note");
  assert.match(await page.textContent(".subject-form .quota-note"), /仅作提示/);
  await shot(page, "orglife-eval-quota-1366", { fullPage: false });
  await page.click(".subject-actions button[type=submit]");
  await page.waitForSelector(".subject-form", { state: "detached" });
  await page.waitForSelector(".round-warning[data-rule=EVAL-QUOTA]");
  assert.equal(one(`SELECT final_grade FROM eval_subject WHERE round_id = ${id} AND person_id = ${extra}`)[0], "excellent", "saved all the same");
  assert.equal(await num(page, ".count-excellent"), third + 1);
  assert.ok(await page.locator(".kpi.warn .count-excellent").count() === 1);
  assert.doesNotMatch(await page.textContent(".evaluation-page"), /EVAL-|LIFE-/, "no rule codes on screen");
  await shot(page, "orglife-eval-round-1366");

  // The member card: this year's grade under 民主评议.
  const [mid] = one(`SELECT id FROM member WHERE person_id = ${p1} AND status IN ('full', 'probationary')`);
  await page.goto(`${env.srv.url}/members/${mid}`);
  await page.click(".member-tabs .el-tabs__item:has-text('民主评议')");
  await page.waitForSelector(".member-evaluations .eval-item");
  const first = page.locator(".member-evaluations .eval-item").first();
  assert.match(await first.textContent(), new RegExp(`${year} 年度[\\s\\S]*合格[\\s\\S]*${orgName}`));
  await page.context().close();
  noErrors(env);
});

test("学习记录: a branch secretary records a study for two members with 送学上门 (学时 rise, the list stays by name) and a material once per person", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.click(".side-menu .el-menu-item:has-text('学习记录')");
  await page.waitForSelector(".hours-list .el-table__row");
  const names = await page.$$eval(".hours-list .hours-name", (els) => els.map((e) => e.textContent.trim()));
  const [branch] = one("SELECT g.org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shuji'");
  const byName = sql(env.srv.db, `SELECT p.name FROM member m JOIN person p ON p.id = m.person_id JOIN org o ON o.id = ${branch}
    WHERE m.org_path LIKE o.path || '%' AND m.status IN ('probationary', 'full') ORDER BY p.name_initials, p.name, p.id`).map(([n]) => n);
  assert.deepEqual(names, byName, "by name, as the roster orders it");
  const hoursOf = async (name) => Number((await page.locator(".hours-list .el-table__row", { hasText: name }).locator(".hours-value").textContent()).split("/")[0]);
  const [a, b] = [names[1], names[2]];
  const [ha, hb] = [await hoursOf(a), await hoursOf(b)];
  await page.click("button.record-study");
  await page.waitForSelector(".record-form .record-person");
  await page.fill(".record-form input[name=title]", "送学上门：学习党的二十大精神");
  await page.click(".record-form .record-kind .el-radio:has-text('党课')");
  await page.fill(".record-form input[name=hours]", "3");
  await page.click(".record-form .record-delivered");
  await page.click(`.record-form .record-person:has-text('${a}')`);
  await page.click(`.record-form .record-person:has-text('${b}')`);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/orglife/study") && r.request().method() === "POST");
  await page.click(".record-actions button[type=submit]");
  assert.equal((await answer).status(), 201);
  await page.waitForSelector(".record-form", { state: "detached" });
  await page.waitForFunction(([n, h]) => [...document.querySelectorAll(".hours-list .el-table__row")]
    .some((r) => r.textContent.includes(n) && r.querySelector(".hours-value").textContent.trim().startsWith(`${h} `)), [a, ha + 3]);
  assert.equal(await hoursOf(b), hb + 3);
  assert.deepEqual(one(`SELECT COUNT(*), SUM(hours), MIN(delivered), MIN(source) FROM study_record WHERE title = '送学上门：学习党的二十大精神'`), ["2", "6", "1", "cadre"]);
  assert.deepEqual(await page.$$eval(".hours-list .hours-name", (els) => els.map((e) => e.textContent.trim())), names, "still by name");
  await shot(page, "orglife-study-1366");

  // A material the branch publishes, then studied by one member (its 学时 by default); the same
  // material for them again is refused at the material, naming the person, nothing written.
  await page.click("button.new-material");
  await page.waitForSelector(".material-form input[name=title]");
  await page.fill(".material-form input[name=title]", "《中国共产党支部工作条例（试行）》第三章");
  await page.fill(".material-form input[name=hours]", "4");
  await page.click(".material-actions button[type=submit]");
  await page.waitForSelector(".material-list .material-title:has-text('第三章')");
  assert.deepEqual(one("SELECT org_id, kind, hours FROM study_material WHERE title LIKE '%第三章'"), [String(branch), "document", "4"]);
  const c = names[3];
  const hc = await hoursOf(c);
  for (const attempt of [1, 2]) {
    await page.click("button.record-study");
    await page.waitForSelector(".record-form .record-person");
    await choose(page, ".record-material", "第三章", true);
    assert.equal(await page.inputValue(".record-form input[name=hours]"), "4", "the material's 学时");
    assert.equal(await page.locator(".record-form input[name=title]").count(), 0, "no free content with a material");
    await page.click(`.record-form .record-person:has-text('${c}')`);
    await page.click(".record-actions button[type=submit]");
    if (attempt === 1) {
      await page.waitForSelector(".record-form", { state: "detached" });
      await page.waitForFunction(([n, h]) => [...document.querySelectorAll(".hours-list .el-table__row")]
        .some((r) => r.textContent.includes(n) && r.querySelector(".hours-value").textContent.trim().startsWith(`${h} `)), [c, hc + 4]);
    } else {
      const err = page.locator(".record-form .el-form-item:has(.record-material) .el-form-item__error");
      await err.waitFor();
      assert.match(await err.textContent(), new RegExp(`${c}：该学习材料已为此人登记过`));
      await page.click(".record-actions button:has-text('取消')");
    }
  }
  assert.equal(one("SELECT COUNT(*) FROM study_record r JOIN study_material m ON m.id = r.material_id WHERE m.title LIKE '%第三章'")[0], "1");
  await page.context().close();
  noErrors(env);
});

test("a 党员 records their own study on a 360 px phone and the year's 学时 in 我的 rise", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "dangyuan");
  await page.goto(`${env.srv.url}/me`);
  await page.waitForSelector(".my-study .my-hours-value");
  const [pid] = one("SELECT person_id FROM user_account WHERE username = 'dangyuan'");
  const count = () => Number(one(`SELECT COALESCE(SUM(hours), 0) FROM study_record WHERE person_id = ${pid} AND studied_on BETWEEN '${year}-01-01' AND '${year}-12-31'`)[0]);
  const before = await num(page, ".my-hours-value");
  assert.equal(before, count());
  assert.ok(await page.locator(".my-evaluations .eval-item").count() > 0, "我的民主评议");
  await page.click("button.my-study-add");
  await page.waitForSelector(".my-study-form");
  // No content: the server's error at the field, nothing written.
  await page.fill(".my-study-form input[name=hours]", "2");
  await page.click("button.my-study-submit");
  const titleError = page.locator(".my-study-form .el-form-item:has(input[name=title]) .el-form-item__error");
  await titleError.waitFor();
  assert.match(await titleError.textContent(), /学习内容/);
  assert.equal(count(), before);
  await page.fill(".my-study-form input[name=title]", "自学《中国共产党章程》");
  await page.click(".my-study-form .my-study-kind .el-radio:has-text('书籍')");
  await page.click("button.my-study-submit");
  await page.waitForSelector(".my-study-form", { state: "detached" });
  await page.waitForFunction((h) => document.querySelector(".my-hours-value").textContent.trim() === String(h), before + 2);
  assert.equal(count(), before + 2);
  const first = page.locator(".my-study-item").first();
  assert.match(await first.textContent(), /自学《中国共产党章程》[\s\S]*2 学时[\s\S]*书籍[\s\S]*本人登记/);
  assert.ok(await overflow(page) <= 0, "nothing off screen at 360 px");
  await page.locator(".my-study").scrollIntoViewIfNeeded();
  await shot(page, "orglife-my-study-360");
  await page.context().close();
  noErrors(env);
});
