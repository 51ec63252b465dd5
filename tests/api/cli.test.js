// cli.test.js: the command line: help in both languages, bad arguments (exit 2), init,
// migrate, backup, config show, and the refusal to serve a schema that does not match.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const { spawnSync } = require("node:child_process");
const { cli, tmpdir } = require("./lib/harness");

test("top-level and per-command help are bilingual and exit 0", () => {
  const top = cli(["--help"]);
  assert.equal(top.status, 0);
  for (const c of ["init", "migrate", "serve", "demo", "backup", "config", "version", "user", "org", "audit", "import", "export"]) {
    assert.ok(top.stdout.includes(c), `help lists ${c}`);
    const h = cli([c, "--help"]);
    assert.equal(h.status, 0, `${c} --help`);
    assert.match(h.stdout, /用法 Usage: dangjian/);
  }
  assert.match(cli(["serve", "--help"]).stdout, /--port N.*自动选择.*picks a free one/);
});

test("bad arguments give a clear message and exit code 2", () => {
  const cases = [
    [[], /用法 Usage/],
    [["frobnicate"], /未知命令 unknown command: frobnicate/],
    [["init", "--nope"], /未知选项 unknown option: --nope/],
    [["init", "--db"], /选项缺少值 option needs a value: --db/],
    [["init"], /缺少 --db FILE/],
    [["backup", "--db", "x.db"], /缺少 --to FILE/],
    [["config", "list"], /未知子命令/],
    [["demo", "--db", "x.db", "--members", "abc"], /--members 应为/],
    [["serve", "--db", "x.db", "--port", "99999"], /http.port 超出范围/],
    // Enum values are checked before the database is opened (x.db does not exist).
    [["user", "add", "--db", "x.db", "--username", "u1", "--password", "Some-Passw0rd-1", "--role", "king", "--org", "1"],
      /--role 无效 invalid: king（可用 valid: admin org_admin .*unit_liaison）/],
    [["org", "add", "--db", "x.db", "--name", "某支部", "--type", "nope"], /--type 无效 invalid: nope（可用 valid: district street .*group）/],
    // All demo logins share the password, so it may contain none of their names.
    [["demo", "--db", "x.db", "--password", "admin12345"], /--password 不符合密码规则.*用户名/],
    [["demo", "--db", "x.db", "--password", "My-SHEQU-pass-1"], /--password 不符合密码规则.*用户名/],
    // And it must meet the rest of the rules (issue 15): three character classes, not a common one.
    [["demo", "--db", "x.db", "--password", "lowercase-only"], /--password 不符合密码规则.*三类/],
    [["demo", "--db", "x.db", "--password", "Woaini@1314"], /--password 不符合密码规则.*常见/],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `dangjian ${args.join(" ")} -> ${r.status} ${r.stderr}`);
    assert.match(r.stderr, re, `dangjian ${args.join(" ")}`);
  }
});

test("init creates and migrates; migrate is idempotent; a missing file is a clear error", () => {
  const dir = tmpdir();
  const db = path.join(dir, "a.db");
  const r = cli(["init", "--db", db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /schema version \d+/);
  const again = cli(["migrate", "--db", db]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /applied 0/);
  const missing = cli(["migrate", "--db", path.join(dir, "none.db")]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /不存在|无法打开/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("serve refuses a database with a newer schema than it knows", () => {
  const dir = tmpdir();
  const db = path.join(dir, "new.db");
  assert.equal(cli(["init", "--db", db]).status, 0);
  spawnSync("sqlite3", [db, "INSERT INTO schema_version VALUES (9999, 'future', 0)"]);
  const r = cli(["serve", "--db", db, "--port", "0"]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /比本程序支持的版本 \d+ 新/);
  const m = cli(["migrate", "--db", db]);
  assert.equal(m.status, 1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("backup writes a consistent copy and never overwrites", () => {
  const dir = tmpdir();
  const db = path.join(dir, "src.db");
  const to = path.join(dir, "copy.db");
  assert.equal(cli(["init", "--db", db]).status, 0);
  const r = cli(["backup", "--db", db, "--to", to]);
  assert.equal(r.status, 0, r.stderr);
  const check = spawnSync("sqlite3", [to, "PRAGMA integrity_check; SELECT MAX(version) FROM schema_version;"], { encoding: "utf8" });
  assert.match(check.stdout, /^ok\n\d+/);
  const again = cli(["backup", "--db", db, "--to", to]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /已存在/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("config show: defaults < file < environment; bad values stop with the key named", () => {
  const dir = tmpdir();
  const file = path.join(dir, "dangjian.conf");
  fs.writeFileSync(file, "# comment\nhttp.port = 9090\nhttp.body_max = 2m\nlog.level = warn\n");
  const r = cli(["config", "show", "--config", file], { env: { DANGJIAN_LOG_LEVEL: "" } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^http\.port = 9090$/m);
  assert.match(r.stdout, /^http\.body_max = 2097152$/m);
  const env = cli(["config", "show", "--config", file], { env: { DANGJIAN_HTTP_PORT: "7070" } });
  assert.match(env.stdout, /^http\.port = 7070$/m);
  fs.writeFileSync(file, "http.port = many\n");
  const bad = cli(["config", "show", "--config", file]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /http\.port 应为整数（.*第 1 行）/);
  fs.writeFileSync(file, "http.nope = 1\n");
  assert.match(cli(["config", "show", "--config", file]).stderr, /未知的配置项 http\.nope/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a new installation: init, the root org and the first admin from the command line", () => {
  const dir = tmpdir();
  const db = path.join(dir, "new.db");
  assert.equal(cli(["init", "--db", db]).status, 0);
  const notRoot = cli(["org", "add", "--db", db, "--name", "某支部", "--type", "branch"]);
  assert.equal(notRoot.status, 1);
  assert.match(notRoot.stderr, /根组织只能是区委组织部/);
  const root = cli(["org", "add", "--db", db, "--name", "中共某某区委组织部", "--type", "district"]);
  assert.equal(root.status, 0, root.stderr);
  assert.match(root.stdout, /created org 中共某某区委组织部 \(id 1\)/);
  const street = cli(["org", "add", "--db", db, "--name", "中共某某街道工作委员会", "--type", "street", "--parent", "1"]);
  assert.equal(street.status, 0, street.stderr);
  const rows = spawnSync("sqlite3", [db, "SELECT id, tenant_id, IFNULL(parent_id, '-'), path, depth FROM org ORDER BY id"], { encoding: "utf8" }).stdout;
  assert.equal(rows, "1|1|-|/1/|0\n2|1|1|/1/2/|1\n");
  const admin = cli(["user", "add", "--db", db, "--username", "chief", "--password", "First-Passw0rd-1", "--role", "admin", "--org", "1"]);
  assert.equal(admin.status, 0, admin.stderr);
  const verify = cli(["audit", "verify", "--db", db]);
  assert.equal(verify.status, 0);
  assert.match(verify.stdout, /intact: 3 rows/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("PostgreSQL: an unreachable database is one clear line and exit 1; the password is never shown", () => {
  for (const args of [["serve", "--db-url", "postgresql://cadre:Secret-Pw-77@127.0.0.1:1/dangjian", "--port", "0"],
    ["migrate", "--db", "postgresql://cadre:Secret-Pw-77@127.0.0.1:1/dangjian"]]) {
    const r = cli(args);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /无法连接 PostgreSQL 数据库.*cannot connect to PostgreSQL/);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /Secret-Pw-77/);
  }
  // --db FILE beats a db.url in the environment: the file is used, the URL never tried.
  const dir = tmpdir();
  const file = path.join(dir, "flag.db");
  assert.equal(cli(["init", "--db", file]).status, 0);
  const flag = cli(["stats", "verify", "--db", file], { env: { DANGJIAN_DB_URL: "postgresql://cadre:Secret-Pw-77@127.0.0.1:1/dangjian" } });
  assert.equal(flag.status, 0, flag.stderr);
  fs.rmSync(dir, { recursive: true, force: true });
  const shown = cli(["config", "show"], { env: { DANGJIAN_DB_URL: "postgresql://cadre:Secret-Pw-77@db.example/dangjian" } });
  assert.match(shown.stdout, /^db\.url = postgresql:\/\/cadre:\*\*\*@db\.example\/dangjian$/m);
  assert.doesNotMatch(shown.stdout, /Secret-Pw-77/);
  // The password as a URL query parameter and in a libpq key=value string is hidden too.
  for (const [url, want] of [
    ["postgresql:///dangjian?host=/run/pg&user=cadre&password=Secret-Pw-77&sslmode=disable", "postgresql:///dangjian?host=/run/pg&user=cadre&password=***&sslmode=disable"],
    ["host=db.example user=cadre password=Secret-Pw-77 dbname=dangjian", "host=db.example user=cadre password=*** dbname=dangjian"],
  ]) {
    const out = cli(["config", "show"], { env: { DANGJIAN_DB_URL: url } }).stdout;
    assert.ok(out.includes(`db.url = ${want}\n`), out);
    assert.doesNotMatch(out, /Secret-Pw-77/);
  }
});
