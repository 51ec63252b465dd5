// authz.test.js: the authorization matrix, generated from the route table: every route ×
// every demo login × (the grant's org, an org below it, an org outside). An allowed call must
// give exactly the status its recipe is built for (the success, or the one validation error
// the recipe provokes on purpose), never 5xx; everything else must be 403/404 in the error
// shape and leak nothing (no items, totals or names). Each route needs a recipe below, so a
// new route without one fails here. Default-scope lists (orgs, audit, users) must count
// exactly the rows inside the caller's scope.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { startServer, login, sql, cli, expectStatus, expectError, DEMO_PASSWORD, PG } = require("./lib/harness");

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
function fixtureMember(org, name) {
  sql(srv.db, `INSERT INTO person (tenant_id, name, gender, created_at, updated_at) VALUES (1, '${name}', 'M', 0, 0);
    INSERT INTO member (tenant_id, person_id, org_id, org_path, status, category, created_at, updated_at)
    SELECT 1, (SELECT MAX(id) FROM person), id, path, 'full', 'community', 0, 0 FROM org WHERE id = ${org}`);
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
  sql(srv.db, `INSERT INTO import_job (org_id, state, error_file, created_at) VALUES (${org}, 'done', ${PG ? "'\\x504B0304'::bytea" : "X'504B0304'"}, 0)`);
  return Number(sql(srv.db, "SELECT MAX(id) FROM import_job")[0][0]);
}

// How to call each route for a caller: `org` is an org inside (or outside) the caller's
// scope. Returns {path, body, ok, secrets}: ok is the status an allowed call must get (200
// unless given; write bodies are valid, so only the permission decides, except where a
// recipe provokes one validation error on purpose); secrets are names of the records the
// call touches, which a refused call must not echo (the org's name is always one).
const RECIPES = {
  "GET /api/health": () => ({ path: "/api/health" }),
  "GET /api/meta": () => ({ path: "/api/meta" }),
  // Sent without the caller's cookie: logging in ends the session presented (no fixation).
  "POST /api/session": () => ({ path: "/api/session", body: { username: "jumin", password: DEMO_PASSWORD }, anonymous: true }),
  "GET /api/session": () => ({ path: "/api/session" }),
  "GET /api/me/member": () => ({ path: "/api/me/member" }),
  "DELETE /api/session": () => ({ path: "/api/session", fresh: true }),
  // On purpose the wrong old password: reaches the handler, changes nothing.
  "POST /api/session/password": () => ({ path: "/api/session/password", body: { old_password: "not-my-password", new_password: "Whatever-Passw0rd" }, ok: 400 }),
  "GET /api/users": (org) => ({ path: `/api/users?org=${org}` }),
  "POST /api/users": (org) => { const u = uniq(); return { path: "/api/users", body: { username: u, display_name: "矩阵", password: "Matrix-Passw0rd-2", role: "member", org_id: org }, ok: 201, secrets: [u] }; },
  "GET /api/users/{id}": (org) => userRecipe(org, (id) => ({ path: `/api/users/${id}` })),
  "PATCH /api/users/{id}": (org) => userRecipe(org, (id) => ({ path: `/api/users/${id}`, body: { display_name: "改名" } })),
  "POST /api/users/{id}/password": (org) => userRecipe(org, (id) => ({ path: `/api/users/${id}/password`, body: { new_password: "Matrix-Reset-2026" } })),
  // The fixture user holds `member` there already: add `resident` (which needs no permission).
  "POST /api/users/{id}/grants": (org) => userRecipe(org, (id) => ({ path: `/api/users/${id}/grants`, body: { role: "resident", org_id: org }, ok: 201 })),
  "DELETE /api/users/{id}/grants/{grant_id}": (org) => userRecipe(org, (id) => ({ path: `/api/users/${id}/grants/${fixtureGrant(id, org)}` })),
  "GET /api/audit": (org) => ({ path: `/api/audit?org=${org}` }),
  // A JSON body (no file): in scope the handler answers 400 after the scope check.
  "POST /api/members/import": (org) => ({ path: `/api/members/import?org=${org}&dry_run=1`, body: {}, ok: 400 }),
  "GET /api/members/export": (org) => ({ path: `/api/members/export?org=${org}` }),
  "GET /api/members/import-template": (org) => ({ path: `/api/members/import-template?org=${org}` }),
  "GET /api/import-jobs/{id}": (org) => ({ path: `/api/import-jobs/${fixtureImportJob(org)}` }),
  "GET /api/import-jobs/{id}/errors.xlsx": (org) => ({ path: `/api/import-jobs/${fixtureImportJob(org)}/errors.xlsx` }),
  "GET /api/orgs": (org) => ({ path: `/api/orgs?org=${org}` }),
  "POST /api/orgs": (org) => ({ path: "/api/orgs", body: { parent_id: org, type: childType(org), name: `矩阵${uniq()}` }, ok: 201 }),
  "GET /api/orgs/{id}": (org) => ({ path: `/api/orgs/${org}` }),
  "PATCH /api/orgs/{id}": (org) => ({ path: `/api/orgs/${org}`, body: { contact_name: "矩阵" } }),
  "GET /api/orgs/{id}/children": (org) => ({ path: `/api/orgs/${org}/children` }),
  "GET /api/orgs/{id}/tree": (org) => ({ path: `/api/orgs/${org}/tree?depth=1` }),
  "GET /api/orgs/{id}/events": (org) => ({ path: `/api/orgs/${org}/events` }),
  "POST /api/orgs/{id}/events": (org) => ({ path: `/api/orgs/${org}/events`, body: { kind: "rename", effective_on: today(), new_name: `矩阵${uniq()}` }, ok: 201 }),
  "GET /api/orgs/{id}/terms": (org) => ({ path: `/api/orgs/${org}/terms` }),
  "POST /api/orgs/{id}/terms": (org) => ({ path: `/api/orgs/${org}/terms`, body: { elected_on: "2024-01-01" }, ok: 201 }),
  "GET /api/orgs/{id}/units": (org) => ({ path: `/api/orgs/${org}/units` }),
  "POST /api/orgs/{id}/units": (org) => ({ path: `/api/orgs/${org}/units`, body: { unit_name: uniq(), kind: "co_building" }, ok: 201 }),
  "PATCH /api/orgs/{id}/units/{unit}": (org) => ({ path: `/api/orgs/${org}/units/${fixtureUnit(org)}`, body: { left_on: "2026-01-01" } }),
  "GET /api/orgs/{id}/advisories": (org) => ({ path: `/api/orgs/${org}/advisories` }),
  "GET /api/orgs/{id}/stats": (org) => ({ path: `/api/orgs/${org}/stats` }),
  "GET /api/members": (org) => ({ path: `/api/members?org=${org}` }),
  "POST /api/members": (org) => ({ path: "/api/members", body: { name: "矩阵", id_number: demoId(), org_id: org }, ok: 201 }),
  "GET /api/members/{id}": (org) => memberRecipe(org, (id) => ({ path: `/api/members/${id}` })),
  "PATCH /api/members/{id}": (org) => memberRecipe(org, (id) => ({ path: `/api/members/${id}`, body: { work_unit: "矩阵单位" } })),
  "GET /api/members/{id}/events": (org) => memberRecipe(org, (id) => ({ path: `/api/members/${id}/events` })),
  "GET /api/members/{id}/card": (org) => memberRecipe(org, (id) => ({ path: `/api/members/${id}/card` })),
  "PATCH /api/members/{id}/card": (org) => memberRecipe(org, (id) => ({ path: `/api/members/${id}/card`, body: { skills: "矩阵专长" } })),
};
// A new area's recipes live in its own file, tests/api/authz/<area>.js (written by
// tools/new-area.sh): `module.exports = (fx) => ({ "GET /api/x": (org) => ({...}) })`, fx giving
// the helpers below. A route with a recipe in two places fails.
const fx = { DEMO_PASSWORD, uniq, demoId, today, childType };
const AUTHZ_DIR = path.join(__dirname, "authz");
if (fs.existsSync(AUTHZ_DIR)) {
  for (const file of fs.readdirSync(AUTHZ_DIR).filter((f) => f.endsWith(".js")).sort()) {
    for (const [route, recipe] of Object.entries(require(`./authz/${file}`)(fx))) {
      if (RECIPES[route]) throw new Error(`authz/${file}: ${route} has a recipe in another place too`);
      RECIPES[route] = recipe;
    }
  }
}
// Recipes on a fixture user or member at org, whose name a refused call must not echo.
function userRecipe(org, make) {
  const id = fixtureUser(org);
  const name = sql(srv.db, `SELECT username FROM user_account WHERE id = ${id}`)[0][0];
  const r = make(id);
  return { ...r, secrets: [name, ...(r.secrets || [])] };
}
function memberRecipe(org, make) {
  const name = `矩阵成员${uniq()}`;
  return { ...make(fixtureMember(org, name)), secrets: [name] };
}
const orgName = (org) => sql(srv.db, `SELECT name FROM org WHERE id = ${org}`)[0][0];
const ERROR_CODE = { 403: "forbidden", 404: "not_found" };

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
    ctx.roles[name] = { client: c, role: g.role, inOrg: g.org_id, inPath: g.org_path, outOrg: out };
  }
  // Below the grant: an org strictly inside the grant's subtree that is no login's own grant
  // org (so writes there do not collide with that login's cells), not a Party group when
  // anything else is there (groups take no child orgs).
  const grantOrgs = new Set(Object.values(ctx.roles).map((r) => r.inOrg));
  const types = new Map(sql(srv.db, "SELECT id, type FROM org").map(([id, t]) => [Number(id), t]));
  for (const who of Object.values(ctx.roles)) {
    const below = orgs.filter((o) => o.path.startsWith(who.inPath) && o.id !== who.inOrg && !grantOrgs.has(o.id))
      .sort((a, b) => (types.get(a.id) === "group") - (types.get(b.id) === "group") || a.path.length - b.path.length || a.id - b.id);
    who.subOrg = below.length ? below[0].id : null;
  }
});
after(async () => { await srv.stop(); });

test("every route has a matrix recipe", () => {
  const routes = JSON.parse(cli(["routes"]).stdout);
  for (const r of routes) assert.ok(RECIPES[`${r.method} ${r.path}`], `no authz recipe for ${r.method} ${r.path}`);
});

// Asserts a refused call: 403/404 in the error shape, nothing but the error, no names.
function assertRefused(res, secrets, label) {
  assert.ok([403, 404].includes(res.status), label);
  assert.ok(res.json && res.json.error, label);
  assert.deepEqual(Object.keys(res.json), ["error"], label);
  assert.equal(res.json.error.code, ERROR_CODE[res.status], label);
  for (const k of Object.keys(res.json.error)) assert.ok(["code", "message", "field", "request_id"].includes(k), `${label}: error.${k}`);
  for (const secret of secrets) assert.ok(!res.text.includes(secret), `${label}: leaks ${secret}`);
}

test("matrix: routes × logins × (grant org, below it, out of scope)", async () => {
  const routes = JSON.parse(cli(["routes"]).stdout);
  const tally = { allowed: 0, refused: 0, below: 0 };
  let cells = 0;
  for (const r of routes) {
    const anyScope = ["public", "session"].includes(r.permission);
    for (const name of LOGINS) {
      const who = ctx.roles[name];
      for (const scope of ["in", "below", "out"]) {
        const org = { in: who.inOrg, below: who.subOrg, out: who.outOrg }[scope];
        if (org === null) continue; // nothing lies outside a root grant / below a leaf
        if (scope !== "in" && anyScope) continue; // no org involved
        const recipe = RECIPES[`${r.method} ${r.path}`](org);
        const client = recipe.fresh ? await login(srv, name) : who.client;
        const res = recipe.anonymous
          ? await srv.request(r.method, recipe.path, { body: recipe.body })
          : await client.request(r.method, recipe.path, { body: recipe.body });
        const allowed = anyScope || (POLICY[who.role].includes(r.permission) && scope !== "out");
        const label = `${r.method} ${r.path} as ${name} (${who.role}) ${scope} scope (org ${org}) -> ${res.status} ${res.text.slice(0, 160)}`;
        assert.ok(res.status < 500, label);
        if (allowed) {
          assert.equal(res.status, recipe.ok || 200, label);
          if (res.status >= 400) assert.ok(res.json && res.json.error && res.json.error.code === "invalid", label);
          tally.allowed++;
        } else {
          assertRefused(res, [...(recipe.secrets || []), ...(anyScope ? [] : [orgName(org)])], label);
          tally.refused++;
        }
        if (scope === "below") tally.below++;
        cells++;
      }
    }
  }
  console.log(`# authz matrix: ${routes.length} routes × ${LOGINS.length} logins × 3 scopes (grant org, below, outside) = ${cells} cells checked ` +
    `(${tally.allowed} allowed, ${tally.refused} refused, ${tally.below} below the grant org)`);
  assert.ok(tally.below > routes.length, "cells below the grant org were checked");
  assert.ok(tally.allowed > 100 && tally.refused > 100);
});

// The oracle of a default (no ?org=) list: rows whose org lies under one of the caller's
// grants carrying perm; a platform admin (admin at the root) sees every row.
function scopeWhere(who, perm, col) {
  return POLICY[who.role].includes(perm) ? `${col} LIKE '${who.inPath}%'` : null;
}

test("default-scope lists count only rows inside the caller's scope (orgs, audit, users)", async () => {
  const allOrgs = Number(sql(srv.db, "SELECT COUNT(*) FROM org WHERE dissolved_on IS NULL")[0][0]);
  let checked = 0;
  for (const name of LOGINS) {
    const who = ctx.roles[name];
    const c = who.client;
    // Orgs.
    const ow = scopeWhere(who, "orgs.read", "path");
    const orgsRes = await c.request("GET", "/api/orgs?size=200");
    if (!ow) {
      assertRefused(orgsRes, [], `GET /api/orgs as ${name}`);
    } else {
      expectStatus(orgsRes, 200);
      const expected = Number(sql(srv.db, `SELECT COUNT(*) FROM org WHERE dissolved_on IS NULL AND ${ow}`)[0][0]);
      assert.equal(orgsRes.json.total, expected, `GET /api/orgs total as ${name}`);
      for (const o of orgsRes.json.items) assert.ok(o.path.startsWith(who.inPath), `${name} sees org ${o.path}`);
      if (who.role !== "admin") assert.ok(expected < allOrgs, `${name}: some orgs lie outside the scope`);
      checked++;
    }
    // Audit.
    const aw = scopeWhere(who, "audit.read", "o.path");
    const auditRes = await c.request("GET", "/api/audit?size=200");
    if (!aw) {
      assertRefused(auditRes, [], `GET /api/audit as ${name}`);
    } else {
      expectStatus(auditRes, 200);
      const all = Number(sql(srv.db, "SELECT COUNT(*) FROM audit")[0][0]);
      const inside = Number(sql(srv.db, `SELECT COUNT(*) FROM audit a JOIN org o ON o.id = a.org_id WHERE ${aw}`)[0][0]);
      const expected = who.role === "admin" ? all : inside;
      assert.equal(auditRes.json.total, expected, `GET /api/audit total as ${name}`);
      if (who.role !== "admin") {
        assert.ok(inside < all, `${name}: some audit rows lie outside the scope`);
        const paths = new Map(sql(srv.db, "SELECT id, path FROM org").map(([id, p]) => [Number(id), p]));
        for (const row of auditRes.json.items) assert.ok(paths.get(row.org_id).startsWith(who.inPath), `${name} sees audit row ${row.id}`);
      }
      checked++;
    }
    // Users: every user with a grant inside the scope, and only grants inside it.
    const uw = scopeWhere(who, "users.manage", "o.path");
    const usersRes = await c.request("GET", "/api/users?size=200");
    if (!uw) {
      assertRefused(usersRes, [], `GET /api/users as ${name}`);
    } else {
      expectStatus(usersRes, 200);
      const expected = Number(sql(srv.db, `SELECT COUNT(DISTINCT g.user_id) FROM user_grant g JOIN org o ON o.id = g.org_id WHERE ${uw}`)[0][0]);
      assert.equal(usersRes.json.total, expected, `GET /api/users total as ${name}`);
      for (const u of usersRes.json.items)
        for (const g of u.grants) assert.ok(g.org_path.startsWith(who.inPath), `${name} sees ${u.username}'s grant at ${g.org_path}`);
      checked++;
    }
  }
  assert.ok(checked >= 9, `${checked} default-scope lists checked`);
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
