// bad_input.test.js: the malformed-request corpus (tests/api/bad_input/*.json, one case per
// line: name, raw request, expected status, and the field the error names where one must)
// replayed byte for byte over a socket. Each answer has the expected status and, where the
// application answers, the documented JSON error shape;
// afterwards the server still answers, no business row changed (a refused upload leaves only a
// failed import job) and the audit chain verifies.
// Cases marked "json": false are refused by libmicrohttpd before the application sees them
// (docs/errors.md). In the raw text {x80} is the byte 0x80, {1000*[} a run of 1000 "[",
// {LEN} the body's length in bytes, {HOST} {COOKIE} {CSRF} {ORG} {MEMBER} {MEETING} the test's
// values.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");
const { startServer, login, sql, cli, expectStatus } = require("./lib/harness");

const DIR = path.join(__dirname, "bad_input");
let srv, vars, before_counts;
const COUNTED = ["person", "member", "member_event", "member_card", "org", "org_event", "org_term", "org_unit_link", "user_account", "user_grant", "password_history", "meeting_attachment", "meeting_signin"];

// Text with {xHH} bytes as a Buffer (everything else UTF-8).
function encode(s) {
  const parts = s.split(/\{x([0-9A-F]{2})\}/);
  return Buffer.concat(parts.map((p, i) => (i % 2 ? Buffer.from([parseInt(p, 16)]) : Buffer.from(p, "utf8"))));
}

function build(raw) {
  let s = raw.replace(/\{(\d+)\*(.)\}/gsu, (_, n, ch) => ch.repeat(Number(n)));
  s = s.replace(/\{(HOST|COOKIE|CSRF|ORG|MEMBER|MEETING)\}/g, (_, k) => vars[k]);
  const cut = s.indexOf("\r\n\r\n");
  if (cut < 0) return encode(s);
  const body = encode(s.slice(cut + 4));
  return Buffer.concat([encode(s.slice(0, cut + 4).replace("{LEN}", String(body.length))), body]);
}

// Sends bytes, returns {status, headers, body} of the first answer; status 0 when none came
// within 3 s (the server is still waiting for the rest of the request).
function send(bytes) {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve) => {
    const sock = net.connect(Number(port), hostname);
    let got = Buffer.alloc(0);
    const done = () => {
      sock.destroy();
      const text = got.toString("utf8");
      const cut = text.indexOf("\r\n\r\n");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, head: cut < 0 ? text : text.slice(0, cut), body: cut < 0 ? "" : text.slice(cut + 4) });
    };
    const timer = setTimeout(done, 3000);
    sock.on("data", (d) => {
      got = Buffer.concat([got, d]);
      const text = got.toString("latin1");
      const cut = text.indexOf("\r\n\r\n");
      const len = /\r\ncontent-length: *(\d+)/i.exec(text);
      if (cut >= 0 && len && got.length >= cut + 4 + Number(len[1])) { clearTimeout(timer); done(); }
    });
    sock.on("error", () => {}); // a reset after the answer, or the server refusing mid-send
    sock.on("close", () => { clearTimeout(timer); done(); });
    sock.write(bytes, () => {});
  });
}

const counts = () => Object.fromEntries(COUNTED.map((t) => [t, sql(srv.db, `SELECT count(*) FROM ${t}`)[0][0]]));

before(async () => {
  srv = await startServer({ demo: { members: 300 } });
  const shequ = await login(srv, "shequ");
  const list = expectStatus(await shequ.request("GET", "/api/members?size=1"), 200).json;
  vars = {
    HOST: new URL(srv.url).host, COOKIE: shequ.cookie, CSRF: shequ.csrf,
    ORG: String(shequ.session.grants[0].org_id), MEMBER: String(list.items[0].id),
    MEETING: sql(srv.db, `SELECT m.id FROM meeting m JOIN org o ON o.id = ${shequ.session.grants[0].org_id} WHERE m.org_path LIKE o.path || '%' ORDER BY m.id LIMIT 1`)[0][0],
  };
  before_counts = counts();
});
after(async () => { await srv.stop(); });

const cases = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).sort()
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")).map((c) => ({ ...c, file: f })));

test(`the corpus holds at least 150 malformed requests (${cases.length})`, () => {
  assert.ok(cases.length >= 150);
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, "case names are unique");
});

for (const c of cases) {
  test(`${c.file}: ${c.name} → ${c.status}`, async () => {
    const res = await send(build(c.raw));
    assert.equal(res.status, c.status, `answer: ${res.head.split("\r\n")[0]} ${res.body.slice(0, 200)}`);
    if (c.status === 0 || c.json === false) return;
    assert.match(res.head, /\r\ncontent-type: application\/json/i, "a JSON answer");
    const json = JSON.parse(res.body);
    if (c.status >= 400) {
      assert.equal(typeof json.error?.code, "string", res.body);
      assert.match(json.error.message, /[\u4e00-\u9fff]/, `a Chinese message: ${res.body}`);
      if (c.field) assert.equal(json.error.field, c.field, res.body);
    }
  });
}

test("after the corpus the server answers, no row changed and the audit chain verifies", async () => {
  expectStatus(await srv.request("GET", "/api/health"), 200);
  assert.deepEqual(counts(), before_counts);
  // A refused upload is recorded as a failed import job and nothing else.
  assert.deepEqual(sql(srv.db, "SELECT DISTINCT state FROM import_job").map((r) => r[0]), ["failed"]);
  const audit = cli(["audit", "verify", "--db", srv.db]);
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
});
