// seal.test.js: ID numbers and phone numbers sealed at rest (core/seal.h, docs/security.md):
// the database holds neither in plain text (on SQLite the file itself is searched), the values
// open with node's own SM4/SM3 to what was typed, look-ups go through the blind index, a wrong
// or missing key is refused before anything is written, a database from before sealing is
// sealed by `migrate`, and `key rotate` re-seals everything under a new key.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { startServer, login, sql, sqlPlain, cli, unseal, idHash, expectStatus, expectError, KEY_FILE, PG, tmpdir, newDb, DEMO_PASSWORD } = require("./lib/harness");

let srv, shequ, branch;
const ID = "99010119850312007X";
const PHONE = "13900012222";

before(async () => {
  srv = await startServer({ demo: { members: 300 } });
  shequ = await login(srv, "shequ");
  branch = Number(sql(srv.db, "SELECT org_id FROM member m JOIN user_account u ON u.person_id = m.person_id WHERE u.username = 'dangyuan'")[0][0]);
});
after(async () => srv && srv.stop());

// Every byte SQLite keeps for the database: the file and its write-ahead log.
const fileText = (db) => [db, `${db}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString("latin1")).join("\n");

test("a member's ID and phone numbers are stored sealed; node's own SM4 opens them to what was typed", async () => {
  const m = expectStatus(await shequ.request("POST", "/api/members", { body: { name: "封存", id_number: "９９０１０１１９８５０３１２００７ｘ", phone: "139 0001 2222", org_id: branch } }), 201).json;
  const [[idStored, hash, phoneStored]] = sql(srv.db, `SELECT p.id_number, p.id_hash, p.phone FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ${m.id}`);
  for (const v of [idStored, phoneStored]) assert.match(v, /^s1:[A-Za-z0-9+/=]+$/);
  assert.equal(unseal(idStored), ID);
  assert.equal(unseal(phoneStored), PHONE);
  assert.equal(hash, idHash(ID));
  if (!PG) {
    const bytes = fileText(srv.db);
    assert.ok(!bytes.includes(ID) && !bytes.includes(PHONE), "the database file holds the plain ID or phone number");
  }
  // The server opens them for a caller allowed to see them, and finds the person by the number.
  const d = expectStatus(await shequ.request("GET", `/api/members/${m.id}?reveal=id_number,phone`), 200).json;
  assert.deepEqual([d.id_number, d.phone], [ID, PHONE]);
  expectError(await shequ.request("POST", "/api/members", { body: { name: "封存", id_number: ID, org_id: branch } }), 409, "conflict", "/id_number");
});

test("no ID or phone number of the demo street (people's, and orgs' contact phones) is in the database in plain text", () => {
  const people = sqlPlain(srv.db, "SELECT id_number, phone FROM person UNION ALL SELECT contact_phone, NULL FROM org UNION ALL SELECT id_number, NULL FROM dev_applicant");
  const plain = new Set(people.flat().filter(Boolean));
  assert.ok(plain.size > 300, `only ${plain.size} numbers`);
  for (const [col, table] of [["id_number", "person"], ["phone", "person"], ["id_number", "dev_applicant"], ["contact_phone", "org"]]) {
    assert.deepEqual(sql(srv.db, `SELECT count(*) FROM ${table} WHERE ${col} IS NOT NULL AND ${col} NOT LIKE 's1:%'`), [["0"]], `${table}.${col}`);
  }
  if (!PG) {
    const bytes = fileText(srv.db);
    const found = [...plain].filter((v) => bytes.includes(v));
    assert.deepEqual(found, [], "plain numbers in the database file");
  }
});

test("a wrong or missing key file is refused before anything is written, and not created", () => {
  const dir = tmpdir();
  const wrong = path.join(dir, "wrong.key");
  fs.writeFileSync(wrong, "ab".repeat(32) + "\n", { mode: 0o600 });
  const before = sql(srv.db, "SELECT count(*), max(updated_at) FROM seal_check");
  let r = cli(["migrate", "--db", srv.db], { env: { DANGJIAN_CRYPTO_KEY_FILE: wrong } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /与数据库不符/);
  const missing = path.join(dir, "missing.key");
  r = cli(["serve", "--db", srv.db, "--port", "0"], { env: { DANGJIAN_CRYPTO_KEY_FILE: missing } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /无法读取密钥文件/);
  assert.equal(fs.existsSync(missing), false, "a key was made up for a sealed database");
  assert.deepEqual(sql(srv.db, "SELECT count(*), max(updated_at) FROM seal_check"), before);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a database from before sealing (or a value written plain by hand) is sealed by migrate", async () => {
  const [[pid]] = sql(srv.db, `SELECT p.id FROM person p WHERE p.id_hash = '${idHash(ID)}'`);
  sql(srv.db, `UPDATE person SET id_number = '${ID}', id_hash = NULL, phone = '${PHONE}' WHERE id = ${pid}`);
  const r = cli(["migrate", "--db", srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const [[idStored, hash, phoneStored]] = sql(srv.db, `SELECT id_number, id_hash, phone FROM person WHERE id = ${pid}`);
  assert.deepEqual([unseal(idStored), hash, unseal(phoneStored)], [ID, idHash(ID), PHONE]);
  assert.match(idStored, /^s1:/);
  if (!PG) {
    const bytes = fileText(srv.db);
    assert.ok(!bytes.includes(ID) && !bytes.includes(PHONE), "the plain numbers stayed in free pages or the WAL");
  }
  expectError(await shequ.request("POST", "/api/members", { body: { name: "封存", id_number: ID, org_id: branch } }), 409, "conflict", "/id_number");
});

test("key rotate re-seals every value under a new key; the old key is kept and no longer opens the database", async () => {
  // Its own database and key file: the run's shared test key must not change.
  const dir = tmpdir();
  const key = path.join(dir, "street.key");
  const env = { DANGJIAN_CRYPTO_KEY_FILE: key };
  const db = newDb(dir, "street.db");
  let r = cli(["demo", "--db", db, "--members", "100", "--password", DEMO_PASSWORD], { env });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.statSync(key).mode & 0o777, 0o600);
  const oldKey = fs.readFileSync(key, "utf8");
  // Every sealed value, with its blind index where it has one.
  const stored = () => sql(db, `SELECT 'p' || id, id_number, id_hash, phone FROM person
    UNION ALL SELECT 'a' || id, id_number, id_hash, NULL FROM dev_applicant
    UNION ALL SELECT 'o' || id, NULL, NULL, contact_phone FROM org ORDER BY 1`);
  const before = stored();
  let s = await startServer({ db, env });
  let c = await login(s, "shequ");
  const mid = Number(sql(db, "SELECT min(id) FROM member")[0][0]);
  const shown = expectStatus(await c.request("GET", `/api/members/${mid}?reveal=id_number,phone`), 200).json;
  await s.stop();

  r = cli(["key", "rotate", "--db", db], { env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /重新加密 \d+ 项/);
  const newKey = fs.readFileSync(key, "utf8");
  assert.notEqual(newKey, oldKey);
  const kept = fs.readdirSync(dir).filter((f) => /^street\.key\.\d+\.old$/.test(f));
  assert.equal(kept.length, 1);
  assert.equal(fs.readFileSync(path.join(dir, kept[0]), "utf8"), oldKey);
  const after = stored();
  assert.equal(after.length, before.length);
  assert.ok(before.some(([k, id]) => k.startsWith("a") && id) && before.some(([k, , , ph]) => k.startsWith("o") && ph), "the demo has applicants and org phones");
  for (let i = 0; i < before.length; i++) {
    const [, idA, hashA, phoneA] = before[i], [, idB, hashB, phoneB] = after[i];
    if (idA) assert.ok(idA !== idB && hashA !== hashB, "ID number not re-sealed");
    if (phoneA) assert.notEqual(phoneA, phoneB);
  }
  // The same numbers, through the server on the new key; the old key is refused.
  s = await startServer({ db, env });
  c = await login(s, "shequ");
  const again = expectStatus(await c.request("GET", `/api/members/${mid}?reveal=id_number,phone`), 200).json;
  assert.deepEqual([again.id_number, again.phone], [shown.id_number, shown.phone]);
  await s.stop();
  r = cli(["migrate", "--db", db], { env: { DANGJIAN_CRYPTO_KEY_FILE: path.join(dir, kept[0]) } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /与数据库不符/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("PostgreSQL needs crypto.key_file; SQLite defaults to the database file's name + .key", () => {
  const dir = tmpdir();
  const db = path.join(dir, "plain.db");
  const r = cli(["init", "--db", db], { env: { DANGJIAN_CRYPTO_KEY_FILE: "" } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.statSync(`${db}.key`).mode & 0o777, 0o600);
  assert.match(fs.readFileSync(`${db}.key`, "utf8"), /^[0-9a-f]{64}\n$/);
  fs.rmSync(dir, { recursive: true, force: true });
  if (PG) {
    const url = newDb(null);
    const p = cli(["init", "--db", url], { env: { DANGJIAN_CRYPTO_KEY_FILE: "" } });
    assert.notEqual(p.status, 0);
    assert.match(p.stderr, /crypto\.key_file/);
  }
});
