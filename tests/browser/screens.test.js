// screens.test.js: what a cadre sees on screen (issue 14, items 13 and 15–19): no English codes
// (rule codes, routes, permission codes) where a Chinese label exists, every dashboard chart
// readable at 1366 and 360 px, lists as cards on a phone (audit log, member units), the import
// page saying what to do today about transfers, a login page without a 401 in the console, and a
// home page for the roles whose areas have not arrived (网格员, 居民, 共建单位联络人).
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
