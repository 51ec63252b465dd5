// import-list.test.js: the import wizard's error file at the preview step and its import as a
// background job with a real progress bar (rows done/total); the member list's 标签 and 年龄
// filters and its columns sorted by the server (?sort=), folded under 筛选 on a 360 px phone.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { setup, signIn, shot, noErrors } = require("./lib/browser.js");
const { sql, sqlPlain, idHash } = require("../api/lib/harness.js");
// An 18-digit ID number in the demo region "99" with its check digit (GB 11643).
const { withCheckDigit: idNumber } = require("../api/lib/xlsx.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });


// Signs in as the branch secretary and runs the wizard's 检查 (dry run) on file.
async function checkAsSecretary(file) {
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members/import`);
  await page.setInputFiles(".import-upload input[type=file]", file);
  await page.waitForSelector(".import-file");
  await page.click("button:has-text('下一步：检查')");
  return page;
}

// The text of every part of an xlsx (a zip), for looking for a string in its cells.
function xlsxText(file) {
  const r = spawnSync("unzip", ["-p", file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("the preview offers the error file; the import runs as a job with a progress bar", async () => {
  const [org] = sql(env.srv.db, "SELECT name FROM org WHERE id = 4")[0];
  const good = idNumber("99010119860412123");
  const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
  const csv = ["姓名,性别,身份证号,所在党组织,党员状态,人员类别,入党日期",
               `孙进度,男,${good},${org},正式党员,组织关系在社区,2011-07-01`,
               `李错码,男,${bad},${org},正式党员,组织关系在社区,2012-07-01`].join("\r\n");
  const file = path.join(env.srv.dir, "进度导入.csv");
  fs.writeFileSync(file, "\ufeff" + csv + "\r\n");
  const page = await checkAsSecretary(file);
  await page.waitForSelector(".import-errors .el-table__row");

  // 下载错误清单 at the preview: the dry run's rejected rows with their reasons.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".preview-error-file")]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const saved = path.join(env.srv.dir, "preview-errors.xlsx");
  await download.saveAs(saved);
  assert.equal(fs.readFileSync(saved).subarray(0, 2).toString(), "PK");
  const text = xlsxText(saved);
  assert.match(text, /李错码/, "the error file holds the rejected row");
  assert.match(text, /身份证/, "and its reason");
  assert.doesNotMatch(text, /孙进度/, "but not the good row");
  await shot(page, "import-preview-errors");

  // The import: POST ?async=1, then the job is polled; hold the first polls at 40 of 100
  // rows so the bar can be seen, then let the real job answer.
  const posts = [];
  page.on("request", (r) => { if (r.method() === "POST" && r.url().includes("/api/members/import")) posts.push(r.url()); });
  let hold = true;
  await page.route(/\/api\/import-jobs\/\d+$/, (route) => hold
    ? route.fulfill({ status: 200, contentType: "application/json",
                      body: JSON.stringify({ id: 1, state: "running", done: 40, total: 100, accepted: 40, rejected: 0, errors: [] }) })
    : route.continue());
  await page.click(".skip-invalid");
  await page.click("button:has-text('确认导入')");
  await page.waitForSelector(".import-count:has-text('40 / 100')");
  assert.match(posts[0], /[?&]async=1(&|$)/, `the import asks for a job: ${posts[0]}`);
  assert.match(await page.textContent(".import-bar"), /40%/);
  await shot(page, "import-progress");
  hold = false;
  await page.waitForSelector(".import-page .el-result");
  assert.match(await page.textContent(".import-page .el-result"), /成功导入 1 行（新增 1，更新 0），跳过 1 行/);
  assert.ok(await page.isVisible("button:has-text('下载错误行')"));
  assert.equal(sql(env.srv.db, "SELECT count(*) FROM person WHERE name = '孙进度'")[0][0], "1");
  assert.equal(sql(env.srv.db, "SELECT count(*) FROM import_job WHERE dry_run = 0 AND state = 'done'")[0][0], "1");
  await shot(page, "import-job-done");
  await page.context().close();
  noErrors(env);
});

// The ages shown in the list (the 年龄 column), page order.
async function ages(page) {
  return page.$$eval(".members-page .el-table__body-wrapper tr.el-table__row td.col-age",
    (tds) => tds.map((td) => td.textContent.trim()).filter((t) => /^\d+$/.test(t)).map(Number));
}

// Waits for the list request carrying every given query parameter, returns its URL.
function listRequest(page, params) {
  return page.waitForRequest((r) => {
    if (r.method() !== "GET" || !r.url().includes("/api/members?")) return false;
    const q = new URL(r.url()).searchParams;
    return Object.entries(params).every(([k, v]) => (v === null ? !q.has(k) : q.get(k) === String(v)));
  }, { timeout: 30000 });
}

test("the list filters by 标签 and 年龄 and sorts by the column headers", async () => {
  const [tag, n] = sql(env.srv.db,
    `SELECT t.tag, count(*) FROM member_tag t JOIN member m ON m.id = t.member_id
     WHERE m.org_path LIKE '/1/2/3/4/%' GROUP BY t.tag ORDER BY 2 DESC LIMIT 1`)[0];
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members`);
  await page.waitForSelector(".members-page .el-table__row");

  await page.fill("input[name=tag]", tag);
  let req = listRequest(page, { tag });
  await page.click(".filters button[type=submit]");
  await req;
  await page.waitForFunction((t) => document.querySelector(".page-desc").textContent.includes(`共 ${t} 人`), n);
  assert.match(page.url(), new RegExp(`tag=${encodeURIComponent(tag)}`));

  await page.fill("input[name=age_min]", "60");
  await page.fill("input[name=age_max]", "85");
  req = listRequest(page, { tag, age_min: 60, age_max: 85 });
  await page.click(".filters button[type=submit]");
  await req;
  await page.waitForFunction(() => !document.querySelector(".members-page .el-loading-mask"));
  const inRange = await ages(page);
  assert.ok(inRange.length > 0, "some members of the tag are 60 to 85");
  assert.ok(inRange.every((a) => a >= 60 && a <= 85), `ages within 60–85: ${inRange}`);
  assert.match(page.url(), /age_min=60&age_max=85/);

  // 年龄 ascending is the youngest first: sort=-birth_date; again: descending.
  req = listRequest(page, { sort: "-birth_date", tag });
  await page.click(".members-page th.col-age .cell");
  await req;
  await page.waitForFunction(() => !document.querySelector(".members-page .el-loading-mask"));
  let a = await ages(page);
  assert.deepEqual(a, [...a].sort((x, y) => x - y), `ascending ages: ${a}`);
  req = listRequest(page, { sort: "birth_date" });
  await page.click(".members-page th.col-age .cell");
  await req;
  await page.waitForFunction(() => !document.querySelector(".members-page .el-loading-mask"));
  a = await ages(page);
  assert.deepEqual(a, [...a].sort((x, y) => y - x), `descending ages: ${a}`);
  assert.match(page.url(), /sort=birth_date/);
  await shot(page, "members-filters");

  // 姓名 sorts by name; the order survives a reload from the address.
  req = listRequest(page, { sort: "name" });
  await page.click(".members-page th:has-text('姓名') .cell");
  await req;
  await page.reload();
  await page.waitForSelector(".members-page .el-table__row");
  assert.equal(await page.inputValue("input[name=tag]"), tag);
  assert.ok(await page.isVisible(".members-page th.ascending:has-text('姓名')"), "the header shows the order");
  // 重置 clears every filter and the order.
  req = listRequest(page, { tag: null, age_min: null, sort: null });
  await page.click(".filters button:has-text('重置')");
  await req;
  await page.context().close();
  noErrors(env);
});

test("at 360 px the filters fold under 筛选 and stay usable", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members`);
  await page.waitForSelector(".members-page .el-table__row");
  assert.equal(await page.$("input[name=tag]"), null, "folded at first");
  await shot(page, "members-filters-folded-360", { fullPage: false });
  await page.click(".more-filters");
  await page.waitForSelector("input[name=tag]");
  for (const sel of ["input[name=tag]", "input[name=age_min]", "input[name=age_max]", ".sort-select"]) {
    const box = await page.locator(sel).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360 && box.width >= 60, `${sel} fits the phone: ${JSON.stringify(box)}`);
  }
  await page.fill("input[name=age_min]", "70");
  await page.click(".sort-select");
  const req = listRequest(page, { sort: "birth_date", age_min: 70 });
  await page.click(".el-select-dropdown:visible .el-select-dropdown__item:has-text('年龄从大到小')");
  await req;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the list is ${overflow}px wider than the phone`);
  assert.match(await page.textContent(".more-filters"), /筛选（2）/);
  await shot(page, "members-filters-360");
  await page.context().close();
  noErrors(env);
});

test("the preview lists the registered members a re-import would change, and what", async () => {
  const [name, idn, org, education] = sqlPlain(env.srv.db, `SELECT p.name, p.id_number, o.name, p.education
    FROM member m JOIN person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id
    WHERE m.org_id = 4 AND p.education <> '高中' ORDER BY m.id LIMIT 1`)[0];
  const file = path.join(env.srv.dir, "更新导入.csv");
  fs.writeFileSync(file, "\ufeff" + ["姓名,身份证号,所在党组织,学历", `${name},${idn},${org},高中`].join("\r\n") + "\r\n");
  const page = await checkAsSecretary(file);
  const row = page.locator(".import-updates .el-table__row");
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  const cells = await row.first().locator("td").allTextContents();
  assert.deepEqual(cells.map((t) => t.trim()), ["2", name, "学历"]);
  assert.equal(sql(env.srv.db, `SELECT education FROM person WHERE id_hash = '${idHash(idn)}'`)[0][0], education, "a preview writes nothing");
  await shot(page, "import-preview-updates");
  await page.context().close();
  noErrors(env);
});

test("the list shows the members on the roll unless 全部 is chosen", async () => {
  const path = sql(env.srv.db, "SELECT path FROM org WHERE id = 3")[0][0];
  const count = (where) => Number(sql(env.srv.db, `SELECT count(*) FROM member m WHERE m.org_path >= '${path}' AND m.org_path < '${path}~' AND ${where}`)[0][0]);
  const onRoll = count("m.status IN ('probationary', 'full')");
  const all = count("1");
  assert.ok(all > onRoll, "the demo community has members who died, left or are suspended");
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/members`);
  await page.waitForSelector(".members-page .el-table__row");
  assert.match(await page.textContent(".page-desc"), new RegExp(`在册党员，共 ${onRoll.toLocaleString("zh-CN")} 人`));
  await page.click(".el-form-item:has-text('党籍状态') .el-select");
  await page.click(".el-select-dropdown__item:has-text('全部（含已故等）')");
  await page.waitForFunction((n) => document.querySelector(".page-desc").textContent.includes(`共 ${n} 人`), all.toLocaleString("zh-CN"));
  assert.match(page.url(), /status=all/);
  await page.context().close();
  noErrors(env);
});
