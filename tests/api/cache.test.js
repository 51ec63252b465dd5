// cache.test.js: cached answers (member list pages, dashboard statistics) equal freshly
// computed ones after every kind of write: through the API, by another process writing the
// database file directly (as the CLI import does), and to the org network. Two servers share
// one database: A with the answer cache, B with it turned off, so B always recomputes.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, expectStatus } = require("./lib/harness");

let a, b, shequA, shequB, community, branch;

before(async () => {
  a = await startServer({ demo: {} });
  b = await startServer({ db: a.db, env: { DANGJIAN_CACHE_MAX_BYTES: "0" } });
  shequA = await login(a, "shequ");
  shequB = await login(b, "shequ");
  community = shequA.session.grants[0].org_id;
  branch = (await login(a, "shuji")).session.grants[0].org_id;
});
after(async () => {
  await b.stop();
  await a.stop();
});

const cacheHits = async (srv) => expectStatus(await srv.request("GET", "/api/health"), 200).json.cache.hits;

// The answers a dashboard and a roster page show, from both servers; asserts they are equal.
async function sameAnswers(label) {
  const paths = [
    `/api/orgs/${community}/stats`,
    `/api/members?org=${community}&page=1&size=20`,
    `/api/members?org=${community}&category=mobile_out&sort=-joined_on`,
    `/api/members?org=${branch}`,
  ];
  for (const p of paths) {
    const fromA = expectStatus(await shequA.request("GET", p), 200).json;
    const fromB = expectStatus(await shequB.request("GET", p), 200).json;
    assert.deepEqual(fromA, fromB, `${label}: ${p} differs between the cached and the uncached server`);
  }
}

test("repeated reads are served from the cache and equal the recomputed answers", async () => {
  await sameAnswers("first read");
  const before = await cacheHits(a);
  await sameAnswers("second read");
  // Each read finds its answer and the path of the org it names (for the scope check).
  assert.equal(await cacheHits(a) - before, 8, "the second round of four reads should all hit");
  assert.equal(await cacheHits(b), 0, "the server with the cache off never hits");
});

test("after API writes (create, change category) cached answers follow", async () => {
  await sameAnswers("warm");
  const m = expectStatus(await shequA.request("POST", "/api/members", {
    body: { name: "缓存测试", id_number: "990101198001010014", org_id: branch, category: "mobile_out", joined_on: "2005-07-01" },
  }), 201).json;
  await sameAnswers("after create");
  const stats = expectStatus(await shequA.request("GET", `/api/orgs/${community}/stats`), 200).json;
  const mobile_out = stats.by_category.find((c) => c.key === "mobile_out").count;
  expectStatus(await shequA.request("PATCH", `/api/members/${m.id}`, { body: { category: "community" } }), 200);
  await sameAnswers("after category change");
  const after = expectStatus(await shequA.request("GET", `/api/orgs/${community}/stats`), 200).json;
  assert.equal(after.by_category.find((c) => c.key === "mobile_out").count, mobile_out - 1);
});

test("after another process writes the database file, cached answers follow", async () => {
  await sameAnswers("warm");
  const [id] = sql(a.db, `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.id = ${branch} ORDER BY m.id LIMIT 1`)[0];
  sql(a.db, `UPDATE person SET name = '改名测试' WHERE id = (SELECT person_id FROM member WHERE id = ${id})`);
  await sameAnswers("after a direct rename");
  const list = expectStatus(await shequA.request("GET", `/api/members?org=${branch}`), 200).json;
  assert.ok(list.items.some((x) => x.name === "改名测试"), "the cached page shows the new name");
  sql(a.db, `UPDATE member SET status = 'suspended' WHERE id = ${id}`);
  await sameAnswers("after a direct status change");
});

test("after org network changes (new branch, rename) cached answers follow", async () => {
  await sameAnswers("warm");
  expectStatus(await shequA.request("POST", "/api/orgs", {
    body: { parent_id: community, name: "缓存测试党支部", type: "branch" },
  }), 201);
  await sameAnswers("after a new branch");
  expectStatus(await shequA.request("POST", `/api/orgs/${branch}/events`, {
    body: { kind: "rename", effective_on: "2026-02-01", new_name: "改名后的党支部", doc_no: "测委〔2026〕1号" },
  }), 201);
  await sameAnswers("after a rename");
  const list = expectStatus(await shequA.request("GET", `/api/members?org=${branch}`), 200).json;
  assert.ok(list.items.every((x) => x.org_name === "改名后的党支部"));
});
