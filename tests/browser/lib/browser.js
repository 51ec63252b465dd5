// browser.js: the browser tier's helpers: Debian's chromium driven by playwright-core (fresh
// profile, headless, no network besides loopback) against `dangjian serve` on a fresh demo
// database, sign-in by typing into the login page, and screenshots into build/screenshots/.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");
const { startServer, login, ROOT, DEMO_PASSWORD } = require("../../api/lib/harness.js");

const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const SHOTS = path.join(ROOT, "build", "screenshots");

// Starts the server and the browser; returns {srv, browser, newPage, close}. Every page's
// console errors and uncaught exceptions (including CSP refusals) are collected in `errors`.
async function setup(opts = {}) {
  const srv = await startServer({ demo: {}, ...opts });
  // playwright gives each launch a new temporary profile (--user-data-dir) and removes it.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--lang=zh-CN"],
  });
  const errors = [];
  const env = {
    srv, browser, errors,
    // A new context (own cookies and storage) with one page at the given viewport.
    async newPage({ width = 1280, height = 800 } = {}) {
      const ctx = await browser.newContext({
        viewport: { width, height }, locale: "zh-CN", timezoneId: "Asia/Shanghai",
        acceptDownloads: true, deviceScaleFactor: 1,
      });
      ctx.setDefaultTimeout(15000);
      const page = await ctx.newPage();
      page.on("console", (m) => {
        if (m.type() === "error" && !/status of (4\d\d)/.test(m.text())) errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      return page;
    },
    async close() {
      await browser.close();
      await srv.stop();
    },
  };
  return env;
}

// Signs in through the login form and waits for the layout (or the forced password page).
async function signIn(env, page, username, password = DEMO_PASSWORD) {
  await page.goto(env.srv.url + "/login");
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await page.click("button.login-submit");
  await page.waitForSelector(".layout, .password-form", { timeout: 15000 });
}

// Menu titles shown in the side menu (or the drawer on phones), in order.
async function menuTitles(page) {
  await page.waitForSelector(".side-menu .el-menu-item");
  return page.$$eval(".side-menu .el-menu-item", (els) => els.map((e) => e.textContent.trim()));
}

// Waits for loading masks to go away and fonts to load, then writes build/screenshots/NAME.png.
async function shot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForFunction(() => !document.querySelector(".el-loading-mask, .page-loading"));
  await page.evaluate(() => document.fonts.ready);
  // Transient toasts would cover the page's own header in the picture.
  await page.evaluate(() => window.ElementPlus && window.ElementPlus.ElMessage.closeAll());
  await page.waitForTimeout(350); // transitions (dialogs, drawers) settle
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`screenshot: ${path.relative(ROOT, file)}`);
  return file;
}

// How far the page reaches past the viewport's right edge (px; 0 or less: nothing off screen).
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

function noErrors(env) {
  assert.deepEqual(env.errors, [], `the pages logged errors:\n${env.errors.join("\n")}`);
}

module.exports = { setup, signIn, menuTitles, shot, noErrors, overflow, login, DEMO_PASSWORD, SHOTS };
