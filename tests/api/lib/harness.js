// harness.js: starts `dangjian serve --port 0` on a fresh database for one test file and
// gives small request helpers (expectStatus / expectError) over real HTTP. With DANGJIAN_TEST_PG
// set to a PostgreSQL URL (tools/pg-cluster.sh), each server gets a new database in that cluster
// instead of a SQLite file, and sql() runs psql instead of sqlite3.
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const assert = require("node:assert/strict");

const DEMO_PASSWORD = "Demo-Passw0rd";
const BIN = path.resolve(process.env.DANGJIAN_BIN || "build/dangjian");
const ROOT = path.resolve(__dirname, "../../..");

// Every database of a test run is sealed under one key (crypto.key_file, core/seal.h), so a
// cached demo street, a copy of a file and a second server on another's file open alike. The
// key is a fixed test value: the demo cache outlives a run.
const TEST_KEY = "5e1fa7c0de".repeat(6) + "5e1f";
const KEY_FILE = process.env.DANGJIAN_CRYPTO_KEY_FILE || path.join(os.tmpdir(), "dangjian-test.key");
if (!process.env.DANGJIAN_CRYPTO_KEY_FILE) {
  if (!fs.existsSync(KEY_FILE)) {
    const part = `${KEY_FILE}.${process.pid}`;
    fs.writeFileSync(part, TEST_KEY + "\n", { mode: 0o600 });
    fs.renameSync(part, KEY_FILE);
  }
  process.env.DANGJIAN_CRYPTO_KEY_FILE = KEY_FILE;
}

// The database side of sealed values, computed here independently of the C code (node's own
// OpenSSL): unseal(text) opens "s1:…" (SM4-CTR, tag checked), idHash(plain) is the blind index.
const crypto = require("node:crypto");
const sealKeys = (() => {
  const master = Buffer.from(fs.readFileSync(KEY_FILE, "utf8").trim(), "hex");
  const derive = (label) => crypto.createHmac("sm3", master).update(label).digest();
  return { enc: derive("dangjian seal enc").subarray(0, 16), mac: derive("dangjian seal mac"), index: derive("dangjian seal index") };
})();
function unseal(text) {
  if (text == null || text === "") return text;
  assert.ok(text.startsWith("s1:"), `a value stored in plain text: ${text}`);
  const raw = Buffer.from(text.slice(3), "base64");
  const iv = raw.subarray(0, 16), ct = raw.subarray(16, raw.length - 16), tag = raw.subarray(raw.length - 16);
  const mac = crypto.createHmac("sm3", sealKeys.mac).update(Buffer.concat([Buffer.from("s1"), iv, ct])).digest().subarray(0, 16);
  assert.ok(crypto.timingSafeEqual(mac, tag), `sealed value does not verify: ${text}`);
  const d = crypto.createDecipheriv("sm4-ctr", sealKeys.enc, iv);
  return Buffer.concat([d.update(ct), d.final()]).toString("utf8");
}
// seal(plain): what the server stores for plain (a fresh IV each time), for fixtures written
// straight into the database.
function seal(plain) {
  const iv = crypto.randomBytes(16);
  const c = crypto.createCipheriv("sm4-ctr", sealKeys.enc, iv);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  const tag = crypto.createHmac("sm3", sealKeys.mac).update(Buffer.concat([Buffer.from("s1"), iv, ct])).digest().subarray(0, 16);
  return "s1:" + Buffer.concat([iv, ct, tag]).toString("base64");
}
function idHash(plain) {
  return crypto.createHmac("sm3", sealKeys.index).update(plain).digest("hex").slice(0, 32);
}

const PG = process.env.DANGJIAN_TEST_PG || "";
let pgSeq = 0;

// The URL of database name in the test cluster.
function pgUrl(name) {
  return PG.replace(/^postgresql:\/\/\/[^?]*/, `postgresql:///${name}`);
}

// Runs statements (each in its own transaction) on the test cluster's maintenance database;
// returns {status, stdout, stderr}.
function psqlAdmin(...statements) {
  const args = ["-q", "-At", "-v", "ON_ERROR_STOP=1", PG];
  for (const s of statements) args.push("-c", s);
  return spawnSync("psql", args, { encoding: "utf8" });
}

// Creates an empty database in the test cluster; returns its URL.
function pgCreate() {
  const name = `t_${process.pid}_${++pgSeq}`;
  const r = psqlAdmin(`CREATE DATABASE ${name}`);
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return pgUrl(name);
}

// A new empty database for the CLI: a file in dir, or a database in the test cluster.
function newDb(dir, name = "test.db") {
  return PG ? pgCreate() : path.join(dir, name);
}

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "dangjian-api-"));
}

// Runs the CLI synchronously; returns {status, stdout, stderr}.
function cli(args, opts = {}) {
  const r = spawnSync(BIN, args, {
    encoding: "utf8",
    cwd: ROOT,
    // Overdue demands are not escalated behind a test's back unless it asks (demands.test.js).
    env: { ...process.env, DANGJIAN_LOG_LEVEL: "warn", DANGJIAN_DEMANDS_AUTO_SUPERVISE: "false", ...(opts.env || {}) },
    input: opts.input, // stdin text (e.g. `user add --batch -`)
    timeout: 120000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The demo street of a test file. The generator is deterministic (same binary, size, password
// and pinned date: same database), so it runs once per binary and setting and each file starts
// from a copy (about 40 generations of 2-3 s each on SQLite, 10-15 s on PostgreSQL, were a third
// of the API tier). On SQLite the entry is a file under the system's temp folder; on PostgreSQL a
// template database in the test cluster, copied by CREATE DATABASE … TEMPLATE. Several test
// processes may build the same entry at once: each builds its own and renames it into place
// (atomic; the loser drops its copy), so a reader never sees half a database.
function demoDb(db, demo) {
  const args = ["demo", "--db", db, "--members", String(demo.members || 3000), "--password", demo.password || DEMO_PASSWORD];
  const st = fs.statSync(BIN);
  // The demo's dates are relative to today: a run that crosses midnight gets a new entry.
  const key = require("node:crypto").createHash("sha256")
    .update(JSON.stringify([BIN, st.size, st.mtimeMs, args.slice(3), process.env.DANGJIAN_TEST_NOW || today(), fs.readFileSync(KEY_FILE, "utf8")])).digest("hex").slice(0, 24);
  return PG ? demoPg(db, args, `demo_${key}`) : demoSqlite(db, args, key);
}

function demoSqlite(db, args, key) {
  const cacheDir = path.join(os.tmpdir(), "dangjian-demo-cache");
  const cached = path.join(cacheDir, `${key}.db`);
  if (!fs.existsSync(cached)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const part = `${cached}.${process.pid}.part`;
    const r = cli(["demo", "--db", part, ...args.slice(3)]);
    if (r.status !== 0) return r;
    for (const ext of ["-wal", "-shm"]) assert.ok(!fs.existsSync(part + ext), `the demo left ${part}${ext} behind`);
    fs.renameSync(part, cached);
  }
  fs.copyFileSync(cached, db);
  return { status: 0, stdout: "", stderr: "" };
}

function demoPg(db, args, template) {
  const has = psqlAdmin(`SELECT 1 FROM pg_database WHERE datname = '${template}'`);
  if (has.status !== 0) return has;
  if (has.stdout.trim() !== "1") {
    const part = `${template}_${process.pid}`;
    const made = psqlAdmin(`CREATE DATABASE ${part}`);
    if (made.status !== 0) return made;
    const r = cli(["demo", "--db", pgUrl(part), ...args.slice(3)]);
    if (r.status !== 0) return r;
    if (psqlAdmin(`ALTER DATABASE ${part} RENAME TO ${template}`).status !== 0) psqlAdmin(`DROP DATABASE ${part}`);
  }
  const name = db.match(/^postgresql:\/\/\/([^?]*)/)[1];
  return psqlAdmin(`DROP DATABASE ${name}`, `CREATE DATABASE ${name} TEMPLATE ${template}`);
}

// Starts a server on a new database. demo: {members, password} generates the demo street;
// db: serve this existing database instead (a second server on another's file), which the
// caller removes.
async function startServer(opts = {}) {
  const dir = opts.db ? null : tmpdir();
  const db = opts.db || newDb(dir);
  const init = opts.db ? { status: 0 } : opts.demo ? demoDb(db, opts.demo) : cli(["init", "--db", db]);
  assert.equal(init.status, 0, `setting up the database failed: ${init.stderr}`);
  const proc = spawn(BIN, ["serve", "--db", db, "--port", "0", ...(opts.args || [])], {
    cwd: ROOT,
    // Overdue demands are not escalated behind a test's back unless it asks (demands.test.js).
    env: { ...process.env, DANGJIAN_LOG_LEVEL: "warn", DANGJIAN_DEMANDS_AUTO_SUPERVISE: "false", ...(opts.env || {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr.on("data", (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 15000);
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  const server = {
    url, db, dir, proc,
    stderr: () => stderr,
    async stop() {
      const code = proc.exitCode !== null || proc.signalCode !== null
        ? (proc.exitCode ?? proc.signalCode)
        : await new Promise((r) => { proc.on("exit", (c, sig) => r(c ?? sig)); proc.kill("SIGTERM"); });
      // Whatever the test file did through whichever path, no number was stored plain.
      const plain = plainSealed(db);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(plain, [], "ID or phone numbers stored in plain text");
      // DANGJIAN_TEST_LOG=FILE keeps every server's log lines for debugging a failed run.
      if (process.env.DANGJIAN_TEST_LOG) fs.appendFileSync(process.env.DANGJIAN_TEST_LOG, stderr);
      // A clean stop exits 0; the sanitizer build exits non-zero on leaks or errors.
      assert.equal(code, 0, `server exited with ${code}: ${stderr.slice(-2000)}`);
      return code;
    },
    // Sends one request; body objects are sent as JSON. Returns {status, headers, json, text}.
    async request(method, p, { body, headers = {}, raw } = {}) {
      const init = { method, headers: { ...headers } };
      if (raw !== undefined) init.body = raw;
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers["Content-Type"] = "application/json";
      }
      const res = await fetch(url + p, init);
      const text = await res.text();
      let json = null;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, headers: res.headers, json, text };
    },
  };
  return server;
}

// Sends a request line exactly as given (no URL normalization, unlike fetch).
// Returns {status, text}.
function rawGet(url, target) {
  const net = require("node:net");
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname, () => {
      sock.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    sock.setEncoding("utf8");
    sock.on("data", (d) => { data += d; });
    sock.on("end", () => resolve({ status: Number(data.split(" ")[1]), text: data }));
    sock.on("error", reject);
  });
}

// A signed-in client: keeps the session cookie and sends the CSRF token on writes.
async function login(srv, username, password = DEMO_PASSWORD) {
  const res = await srv.request("POST", "/api/session", { body: { username, password } });
  expectStatus(res, 200);
  const cookie = res.headers.get("set-cookie").split(";")[0];
  const csrf = res.json.csrf_token;
  return {
    username, cookie, csrf, session: res.json,
    request(method, p, opts = {}) {
      const headers = { Cookie: cookie, ...(opts.headers || {}) };
      if (method !== "GET" && !opts.noCsrf) headers["X-CSRF-Token"] = csrf;
      return srv.request(method, p, { ...opts, headers });
    },
  };
}

// Runs a query on the test database with the sqlite3 or psql CLI; returns rows as arrays of
// strings (booleans as 1/0 on both).
function sql(db, query) {
  const pg = db.startsWith("postgresql:");
  // A long script (the authorization matrix's fixtures) goes through stdin: an argument is
  // capped at 128 KiB.
  const long = query.length > 64 * 1024;
  const r = pg
    ? spawnSync("psql", ["-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", db, ...(long ? [] : ["-c", query])], { encoding: "utf8", input: long ? query : undefined })
    : spawnSync("sqlite3", ["-separator", "\t", db, ...(long ? [] : [query])], { encoding: "utf8", input: long ? query : undefined });
  if (r.status !== 0) throw new Error(`${pg ? "psql" : "sqlite3"}: ${r.stderr || r.error}`);
  return r.stdout.split("\n").filter((l) => l.length)
    .map((l) => l.split("\t").map((v) => (pg && v === "t" ? "1" : pg && v === "f" ? "0" : v)));
}

// Today in Asia/Shanghai (YYYY-MM-DD), as the server counts days; n years earlier or later.
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
// A number written in CJK digits (12 → 一二), for fixture person names: names take no
// ASCII digits (members_rules.c member_name_normalize).
const cjkNum = (n) => String(n).replace(/\d/g, (d) => "〇一二三四五六七八九"[d]);
const shiftYears = (date, n) => `${Number(date.slice(0, 4)) + n}${date.slice(4)}`;

// Asserts the status and returns the response, showing the body when it differs.
function expectStatus(res, status) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text.slice(0, 400)}`);
  return res;
}

// Asserts the documented error shape {"error":{code,message,field?,request_id}}.
function expectError(res, status, code, field) {
  expectStatus(res, status);
  assert.ok(res.json && res.json.error, `no error object in ${res.text}`);
  const e = res.json.error;
  assert.equal(e.code, code);
  assert.equal(typeof e.message, "string");
  assert.ok(e.message.length > 0, "error message is empty");
  assert.match(e.request_id, /^[0-9a-f]{16}$/);
  assert.equal(res.headers.get("x-request-id"), e.request_id);
  if (field !== undefined) assert.equal(e.field, field);
  return e;
}

// sql() with every sealed value ("s1:…") opened: what a test compares with what was typed.
function sqlPlain(db, query) {
  return sql(db, query).map((row) => row.map((v) => (v && v.startsWith("s1:") ? unseal(v) : v)));
}

// The columns the modules keep sealed (their .sealed rows), and which of their values in db are
// not: "table.column: value" for each.
const SEALED_COLUMNS = [["person", "id_number"], ["person", "phone"], ["dev_applicant", "id_number"], ["org", "contact_phone"], ["demand", "reporter_phone"], ["xfer_flow", "contact"], ["notification", "phone"]];
function plainSealed(db) {
  const out = [];
  for (const [t, c] of SEALED_COLUMNS) {
    for (const [v] of sql(db, `SELECT ${c} FROM ${t} WHERE ${c} IS NOT NULL AND ${c} <> '' AND ${c} NOT LIKE 's1:%' LIMIT 5`)) out.push(`${t}.${c}: ${v}`);
  }
  return out;
}

module.exports = { BIN, ROOT, DEMO_PASSWORD, PG, KEY_FILE, seal, unseal, idHash, sqlPlain, newDb, today, shiftYears, cjkNum, cli, tmpdir, startServer, rawGet, login, sql, expectStatus, expectError };
