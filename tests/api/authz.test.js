// authz.test.js: the authorization matrix, generated from the route table: every route ×
// every demo role × (in-scope, out-of-scope). Allowed calls must pass the permission check;
// everything else must be 403/404 in the error shape and leak nothing. Each route needs a
// recipe below (how to call it in and out of scope), so a new route without one fails here.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, expectError, DEMO_PASSWORD } = require("./lib/harness");

// The role → permission table, written out independently of the server's as the oracle.
const POLICY = {
  admin: ["orgs.read", "orgs.write", "members.read", "members.write", "members.reveal_pii", "residents.read", "residents.write", "users.manage", "audit.read"],
  org_admin: ["orgs.read", "orgs.write", "members.read", "members.write", "members.reveal_pii", "residents.read", "residents.write", "users.manage", "audit.read"],
  branch_secretary: ["orgs.read", "members.read", "members.write", "members.reveal_pii"],
  branch_committee: ["orgs.read", "members.read"],
  grid_worker: ["orgs.read", "residents.read", "residents.write"],
  member: [], resident: [], unit_liaison: [],
};
const LOGINS = ["admin", "jiedao", "shequ", "shuji", "weiyuan", "wangge", "dangyuan", "jumin", "lianluo"];

let srv, ctx;
let counter = 0;
const uniq = () => `mx${++counter}`;

// A user whose only grant is at org (created through the CLI so the matrix does not depend
// on the routes it tests).
function fixtureUser(org) {
  const name = uniq();
  const r = cli(["user", "add", "--db", srv.db, "--username", name, "--password", "Matrix-Passw0rd", "--role", "member", "--org", String(org), "--keep-password"]);
  assert.equal(r.status, 0, r.stderr);
  return Number(sql(srv.db, `SELECT id FROM user_account WHERE username = '${name}'`)[0][0]);
}
function fixtureUnit(org) {
  return Number(sql(srv.db, `INSERT INTO org_unit_link (org_id, unit_name, kind, created_at) VALUES (${org}, '${uniq()}', 'co_building', 0) RETURNING id`)[0][0]);
}
function fixtureGrant(user, org) {
  sql(srv.db, `INSERT INTO user_grant (user_id, role, org_id, created_at) VALUES (${user}, 'grid_worker', ${org}, 0)`);
  return Number(sql(srv.db, "SELECT MAX(id) FROM user_grant")[0][0]);
}

// A member placed exactly at org (rows written directly, so the matrix does not depend on
// the routes it tests).
function fixtureMember(org) {
  sql(srv.db, `INSERT INTO person (tenant_id, name, gender, created_at, updated_at) VALUES (1, '矩阵', 'M', 0, 0);
    INSERT INTO member (tenant_id, person_id, org_id, org_path, status, category, created_at, updated_at)
    SELECT 1, last_insert_rowid(), id, path, 'full', 'community', 0, 0 FROM org WHERE id = ${org}`);
  return Number(sql(srv.db, "SELECT MAX(id) FROM member")[0][0]);
}
// A fresh valid demo ID number (prefix 99, DATA.md §4.4) for member creation.
let idSeq = 100 + Math.floor(Math.random() * 500);
function demoId() {
  const first = `99010119800101${String(++idSeq % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((t, d, i) => t + Number(d) * w[i], 0);
  return first + "10X98765432"[sum % 11];
}
const CHILD_TYPE = { district: "street", street: "community_committee", community_committee: "branch", general_branch: "branch", branch: "group", joint_branch: "group", mobile_branch: "group", group: "group" };
const childType = (org) => CHILD_TYPE[sql(srv.db, `SELECT type FROM org WHERE id = ${org}`)[0][0]];
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

// A finished import job scoped to org, with an error workbook (written directly).
function fixtureImportJob(org) {
  sql(srv.db, `INSERT INTO import_job (org_id, state, error_file, created_at) VALUES (${org}, 'done', X'504B0304', 0)`);
  return Number(sql(srv.db, "SELECT MAX(id) FROM import_job")[0][0]);
}

// How to call each route for a caller: `org` is an org inside (or outside) the caller's
// scope. Returns {path, body}; write bodies are valid so only the permission decides.
const RECIPES = {
  "GET /api/health": () => ({ path: "/api/health" }),
  // Sent without the caller's cookie: logging in ends the session presented (no fixation).
  "POST /api/session": () => ({ path: "/api/session", body: { username: "jumin", password: DEMO_PASSWORD }, anonymous: true }),
  "GET /api/session": () => ({ path: "/api/session" }),
  "GET /api/me/member": () => ({ path: "/api/me/member" }),
  "DELETE /api/session": () => ({ path: "/api/session", fresh: true }),
  "POST /api/session/password": () => ({ path: "/api/session/password", body: { old_password: "not-my-password", new_password: "Whatever-Passw0rd" } }),
  "GET /api/users": (org) => ({ path: `/api/users?org=${org}` }),
  "POST /api/users": (org) => ({ path: "/api/users", body: { username: uniq(), display_name: "矩阵", password: "Matrix-Passw0rd-2", role: "member", org_id: org } }),
  "GET /api/users/{id}": (org) => ({ path: `/api/users/${fixtureUser(org)}` }),
  "PATCH /api/users/{id}": (org) => ({ path: `/api/users/${fixtureUser(org)}`, body: { display_name: "改名" } }),
  "POST /api/users/{id}/password": (org) => ({ path: `/api/users/${fixtureUser(org)}/password`, body: { new_password: "Matrix-Reset-2026" } }),
  "POST /api/users/{id}/grants": (org) => ({ path: `/api/users/${fixtureUser(org)}/grants`, body: { role: "member", org_id: org } }),
  "DELETE /api/users/{id}/grants/{grant_id}": (org) => { const u = fixtureUser(org); return { path: `/api/users/${u}/grants/${fixtureGrant(u, org)}` }; },
  "GET /api/audit": (org) => ({ path: `/api/audit?org=${org}` }),
  // A JSON body (no file): in scope the handler answers 400 after the scope check.
  "POST /api/members/import": (org) => ({ path: `/api/members/import?org=${org}&dry_run=1`, body: {} }),
  "GET /api/members/export": (org) => ({ path: `/api/members/export?org=${org}` }),
  "GET /api/members/import-template": (org) => ({ path: `/api/members/import-template?org=${org}` }),
  "GET /api/import-jobs/{id}": (org) => ({ path: `/api/import-jobs/${fixtureImportJob(org)}` }),
  "GET /api/import-jobs/{id}/errors.xlsx": (org) => ({ path: `/api/import-jobs/${fixtureImportJob(org)}/errors.xlsx` }),
  "GET /api/orgs": (org) => ({ path: `/api/orgs?org=${org}` }),
  "POST /api/orgs": (org) => ({ path: "/api/orgs", body: { parent_id: org, type: childType(org), name: `矩阵${uniq()}` } }),
  "GET /api/orgs/{id}": (org) => ({ path: `/api/orgs/${org}` }),
  "PATCH /api/orgs/{id}": (org) => ({ path: `/api/orgs/${org}`, body: { contact_name: "矩阵" } }),
  "GET /api/orgs/{id}/children": (org) => ({ path: `/api/orgs/${org}/children` }),
  "GET /api/orgs/{id}/tree": (org) => ({ path: `/api/orgs/${org}/tree?depth=1` }),
  "GET /api/orgs/{id}/events": (org) => ({ path: `/api/orgs/${org}/events` }),
  "POST /api/orgs/{id}/events": (org) => ({ path: `/api/orgs/${org}/events`, body: { kind: "rename", effective_on: today(), new_name: `矩阵${uniq()}` } }),
  "GET /api/orgs/{id}/terms": (org) => ({ path: `/api/orgs/${org}/terms` }),
  "POST /api/orgs/{id}/terms": (org) => ({ path: `/api/orgs/${org}/terms`, body: { elected_on: "2024-01-01" } }),
  "GET /api/orgs/{id}/units": (org) => ({ path: `/api/orgs/${org}/units` }),
  "POST /api/orgs/{id}/units": (org) => ({ path: `/api/orgs/${org}/units`, body: { unit_name: uniq(), kind: "co_building" } }),
  "PATCH /api/orgs/{id}/units/{unit}": (org) => ({ path: `/api/orgs/${org}/units/${fixtureUnit(org)}`, body: { left_on: "2026-01-01" } }),
  "GET /api/orgs/{id}/advisories": (org) => ({ path: `/api/orgs/${org}/advisories` }),
  "GET /api/orgs/{id}/stats": (org) => ({ path: `/api/orgs/${org}/stats` }),
  "GET /api/members": (org) => ({ path: `/api/members?org=${org}` }),
  "POST /api/members": (org) => ({ path: "/api/members", body: { name: "矩阵", id_number: demoId(), org_id: org } }),
  "GET /api/members/{id}": (org) => ({ path: `/api/members/${fixtureMember(org)}` }),
  "PATCH /api/members/{id}": (org) => ({ path: `/api/members/${fixtureMember(org)}`, body: { work_unit: "矩阵单位" } }),
  "GET /api/members/{id}/events": (org) => ({ path: `/api/members/${fixtureMember(org)}/events` }),
};

before(async () => {
  srv = await startServer({ demo: {} });
  ctx = { roles: {} };
  const orgs = sql(srv.db, "SELECT id, path, parent_id FROM org").map(([id, path, parent]) => ({ id: Number(id), path, parent: Number(parent || 0) }));
  for (const name of LOGINS) {
    const c = await login(srv, name);
    const g = c.session.grants[0];
    // Out of scope: the org's sibling subtree, or (for a street-wide grant) the root above it.
    const parent = orgs.find((o) => o.id === (orgs.find((x) => x.id === g.org_id).parent));
    let out = null;
    if (parent) {
      const sibling = orgs.find((o) => o.path.startsWith(parent.path) && o.id !== parent.id && !o.path.startsWith(g.org_path) && !g.org_path.startsWith(o.path));
      out = sibling ? sibling.id : parent.id;
    }
    ctx.roles[name] = { client: c, role: g.role, inOrg: g.org_id, outOrg: out };
  }
});
after(async () => { await srv.stop(); });

test("every route has a matrix recipe", () => {
  const routes = JSON.parse(cli(["routes"]).stdout);
  for (const r of routes) assert.ok(RECIPES[`${r.method} ${r.path}`], `no authz recipe for ${r.method} ${r.path}`);
});

test("matrix: routes × roles × (in scope, out of scope)", async () => {
  const routes = JSON.parse(cli(["routes"]).stdout);
  let cells = 0;
  for (const r of routes) {
    for (const name of LOGINS) {
      const who = ctx.roles[name];
      for (const scope of ["in", "out"]) {
        const org = scope === "in" ? who.inOrg : who.outOrg;
        if (org === null) continue; // nothing lies outside a root grant
        if (scope === "out" && ["public", "session"].includes(r.permission)) continue;
        const recipe = RECIPES[`${r.method} ${r.path}`](org);
        const client = recipe.fresh ? await login(srv, name) : who.client;
        const res = recipe.anonymous
          ? await srv.request(r.method, recipe.path, { body: recipe.body })
          : await client.request(r.method, recipe.path, { body: recipe.body });
        const allowed = ["public", "session"].includes(r.permission) ||
          (POLICY[who.role].includes(r.permission) && scope === "in");
        const label = `${r.method} ${r.path} as ${name} (${who.role}) ${scope} scope -> ${res.status} ${res.text.slice(0, 160)}`;
        if (allowed) {
          assert.ok(![401, 403, 404].includes(res.status), label);
        } else {
          assert.ok([403, 404].includes(res.status), label);
          assert.ok(res.json && res.json.error && !res.json.items, label);
        }
        cells++;
      }
    }
  }
  console.log(`# authz matrix: ${routes.length} routes × ${LOGINS.length} logins × 2 scopes = ${cells} cells checked`);
  assert.ok(cells > routes.length * LOGINS.length);
});

test("every non-public route refuses anonymous callers with 401", async () => {
  const routes = JSON.parse(cli(["routes"]).stdout);
  for (const r of routes.filter((x) => x.permission !== "public")) {
    const recipe = RECIPES[`${r.method} ${r.path}`](ctx.roles.shequ.inOrg);
    expectError(await srv.request(r.method, recipe.path, { body: recipe.body }), 401, "unauthenticated");
  }
});

test("every write refuses a missing CSRF token, whatever the role", async () => {
  const routes = JSON.parse(cli(["routes"]).stdout);
  for (const r of routes.filter((x) => x.method !== "GET" && x.permission !== "public")) {
    // Reached with a valid session but no token: refused before the handler runs.
    const recipe = RECIPES[`${r.method} ${r.path}`](ctx.roles.admin.inOrg);
    const res = await ctx.roles.admin.client.request(r.method, recipe.path, { body: recipe.body, noCsrf: true });
    expectError(res, 403, "forbidden");
  }
});
