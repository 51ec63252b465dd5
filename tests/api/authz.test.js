// authz.test.js: the authorization matrix, generated from the route table: every route ×
// every demo login × (the grant's org, an org below it, an org outside). An allowed call must
// give exactly the status its recipe is built for (the success, or the one validation error
// the recipe provokes on purpose), never 5xx; everything else must be 403/404 in the error
// shape and leak nothing (no items, totals or names). Each route needs a recipe in its
// area's file under authz/ (loaded by glob), so a new route without one fails here. Default-
// scope lists (orgs, audit, users) must count exactly the rows inside the caller's scope.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { startServer, login, sql, cli, expectStatus, expectError, DEMO_PASSWORD, PG, cjkNum, seal, idHash } = require("./lib/harness");

// The role → permission table, written out independently of the server's PERM_ROW rows as the
// oracle: each area's recipe file under authz/ exports `policy` (permission → roles holding
// it) for the permissions its area declares; gathered below with the recipes.
const POLICY = { admin: [], org_admin: [], branch_secretary: [], branch_committee: [], grid_worker: [], member: [], resident: [], unit_liaison: [] };
const LOGINS = ["admin", "jiedao", "shequ", "shuji", "weiyuan", "wangge", "dangyuan", "jumin", "lianluo"];

let srv, ctx, routes, adminPermissions;
let counter = 0;
const uniq = () => `mx${++counter}`;

// A fresh valid demo ID number (prefix 99, DATA.md §4.4) for member creation.
let idSeq = 100 + Math.floor(Math.random() * 500);
function demoId() {
  const first = `99010119800101${String(++idSeq % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((t, d, i) => t + Number(d) * w[i], 0);
  return first + "10X98765432"[sum % 11];
}
const CHILD_TYPE = { district: "street", street: "community_committee", community_committee: "branch", general_branch: "branch", branch: "group", joint_branch: "group", mobile_branch: "group", group: "group" };
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

// Every org (id -> {path, parent, type, name}), read once; read again after a successful
// write to an org (a rename event changes the name a refused call must not echo).
let orgs = null;
let orgsStale = true;
function orgInfo(org) {
  if (orgsStale) {
    orgs = new Map(sql(srv.db, "SELECT id, path, COALESCE(parent_id, 0), type, name FROM org")
      .map(([id, p, parent, type, name]) => [Number(id), { id: Number(id), path: p, parent: Number(parent), type, name }]));
    orgsStale = false;
  }
  return orgs.get(org);
}
const orgName = (org) => orgInfo(org).name;

// Fixtures (users, members, units, grants, import jobs) are made in one batch, not per cell.
// Each test's cells are first walked with recipes that only record, in order, the fixtures
// they ask for (plan); before() creates all of them at once (one `user add --batch`, one SQL
// script, rows written directly so the matrix does not depend on the routes it tests); then
// the test walks the same cells and each recipe gets its own fresh fixture, as before.
const plans = {};
let planning = null; // the plan being recorded
let running = null; // { list, i }: the plan being used
function want(kind, org, extra = {}) {
  if (planning) {
    planning.push({ kind, org, ...extra });
    return -planning.length; // a placeholder id: -(index + 1)
  }
  const f = running.list[running.i++];
  assert.ok(f && f.kind === kind && f.org === org && (extra.user === undefined || extra.user === f.userId),
    `fixture ${running.i - 1} is ${f && f.kind} at ${f && f.org}, the recipe wants ${kind} at ${org}`);
  return f;
}
const fx = {
  DEMO_PASSWORD, uniq, demoId, today,
  childType: (org) => CHILD_TYPE[orgInfo(org).type],
  orgType: (org) => orgInfo(org).type,
  // A user whose only grant is `member` at org: {id, username}.
  user(org) {
    const f = want("user", org, planning ? { username: uniq() } : {});
    return planning ? { id: f, username: "" } : { id: f.id, username: f.username };
  },
  // A member placed exactly at org: {id, name}.
  member(org) {
    const f = want("member", org, planning ? { name: `矩阵成员${cjkNum(++counter)}` } : {});
    return planning ? { id: f, name: "", person_id: 0 } : { id: f.id, name: f.name, person_id: f.second };
  },
  unit(org) { const f = want("unit", org, planning ? { name: uniq() } : {}); return planning ? f : f.id; },
  // One more grant (grid_worker at org) of a fixture user.
  grant(user, org) {
    const f = want("grant", org, planning ? { userRef: planning[-user - 1] } : { user });
    return planning ? f : f.id;
  },
  // A finished import job scoped to org, with an error workbook.
  importJob(org) { const f = want("importJob", org); return planning ? f : f.id; },
  // A planned meeting of org today (a 党小组会 at a group, else a 主题党日).
  meeting(org) { const f = want("meeting", org); return planning ? f : f.id; },
  // A 民主评议 round of org (a year of its own) with one subject, a person made for it:
  // {id, person_id, name}.
  evalRound(org) {
    const f = want("evalRound", org, planning ? { name: `矩阵评议${cjkNum(++counter)}` } : {});
    return planning ? { id: f, person_id: 0, name: "" } : { id: f.id, person_id: f.second, name: f.name };
  },
  // An open vote in a held meeting of org today: {id, meeting}.
  vote(org) { const f = want("vote", org); return planning ? { id: f, meeting: f } : { id: f.id, meeting: f.second }; },
  // A planned meeting of org today with one attachment and a sign-in link: {id, meeting}.
  attachment(org) { const f = want("attachment", org); return planning ? { id: f, meeting: f } : { id: f.id, meeting: f.second }; },
  // A local frequency rule of org (a 主题党日 override in force since 2000).
  localRule(org) { const f = want("localRule", org); return planning ? f : f.id; },
  orgType: (org) => orgInfo(org).type,
  // A dues payment (党费) of a member placed at org, for last January.
  duesEntry(org) {
    const f = want("duesEntry", org, planning ? { name: `矩阵党费${cjkNum(++counter)}` } : {});
    return planning ? f : f.id;
  },
  // A draft Party-building funds plan (党建经费活动计划) of org with no activity.
  fundPlan(org) { const f = want("fundPlan", org); return planning ? f : f.id; },
  // An activity of such a plan, and an evidence photo of one: {id, activity}.
  fundActivity(org) { const f = want("fundActivity", org); return planning ? f : f.id; },
  fundPhoto(org) { const f = want("fundPhoto", org); return planning ? { id: f, activity: f } : { id: f.id, activity: f.second }; },
  // 民生实事 records of org: a need, a pending proposal, a draft selection, a selection whose
  // 公示 ended in 2000 with no objection, and a project (of its own selection and proposal).
  projNeed(org) { const f = want("projNeed", org); return planning ? f : f.id; },
  projProposal(org) { const f = want("projProposal", org); return planning ? f : f.id; },
  projSelection(org) { const f = want("projSelection", org); return planning ? f : f.id; },
  projSelectionEnded(org) { const f = want("projSelectionEnded", org); return planning ? f : f.id; },
  project(org) { const f = want("project", org); return planning ? f : f.id; },
  // A photo of such a project: {id, project}.
  projPhoto(org) { const f = want("projPhoto", org); return planning ? { id: f, project: f } : { id: f.id, project: f.second }; },
  // The id of the first step (递交入党申请书) of a fixture applicant (0 while planning).
  devFirstStep: (applicant) => (applicant > 0 ? Number(sql(srv.db, `SELECT MIN(id) FROM dev_step WHERE applicant_id = ${applicant}`)[0][0]) : 0),
  // The id of a shipped member-development rule row (dev_rule) of rule and version.
  devRuleRow: (rule, version) => Number(sql(srv.db, `SELECT id FROM dev_rule WHERE rule_id = '${rule}' AND rule_set = '${version}'`)[0][0]),
  // A grid (网格) of org worked by the 网格员 login, and a 待受理 demand on such a grid.
  grid(org) { const f = want("grid", org, planning ? { name: `矩阵网格${cjkNum(++counter)}` } : {}); return planning ? f : f.id; },
  demand(org) { const f = want("demand", org, planning ? { name: `矩阵诉求网格${cjkNum(++counter)}` } : {}); return planning ? f : f.id; },
  // A demand taken up (已受理), as the Open311 API publishes it; its number is JZ + its id.
  takenDemand(org) { const f = want("takenDemand", org, planning ? { name: `矩阵受理网格${cjkNum(++counter)}` } : {}); return planning ? f : f.id; },
  // A photo of such a demand: {id, demand}.
  demandPhoto(org) {
    const f = want("demandPhoto", org, planning ? { name: `矩阵照片网格${cjkNum(++counter)}` } : {});
    return planning ? { id: f, demand: f } : { id: f.id, demand: f.second };
  },
  // A pending transfer (组织关系转接) into org of a member placed at org's parent (org itself for
  // a root), so whoever may not act at org sees nothing of it.
  transfer(org) {
    const f = want("transfer", org, planning ? { name: `矩阵转接${cjkNum(++counter)}` } : {});
    return planning ? f : f.id;
  },
  // An introduction letter (介绍信) issued today by org for a member placed at org.
  transferLetter(org) {
    const f = want("transferLetter", org, planning ? { name: `矩阵介绍信${cjkNum(++counter)}` } : {});
    return planning ? f : f.id;
  },
  // A 流动党员 outflow registered today by org for a member placed at org.
  transferFlow(org) {
    const f = want("transferFlow", org, planning ? { name: `矩阵流动${cjkNum(++counter)}` } : {});
    return planning ? f : f.id;
  },
  // A pending 免交 application (DUES-HARDSHIP) of a member placed at org, to be decided at org.
  duesRelief(org) {
    const f = want("duesRelief", org, planning ? { name: `矩阵免交${cjkNum(++counter)}` } : {});
    return planning ? f : f.id;
  },
  // An in-service member (在职党员报到) of a workplace outside the tree reporting to org since
  // 2026-01-01.
  inService(org) {
    const f = want("inService", org, planning ? { name: `矩阵报到${cjkNum(++counter)}` } : {});
    return planning ? f : f.id;
  },
  // A volunteer activity (志愿服务) of org, and a self-logged hours record on one, pending.
  volActivity(org) { const f = want("volActivity", org); return planning ? f : f.id; },
  volHours(org) { const f = want("volHours", org, planning ? { name: `矩阵志愿者${cjkNum(++counter)}` } : {}); return planning ? f : f.id; },
  // 议事协商: a body of org with one seated member ({id, person_id}); a seat; a closed meeting; a
  // closed ballot of a closed meeting.
  delibBody(org) {
    const f = want("delibBody", org, planning ? { name: `矩阵代表${cjkNum(++counter)}` } : {});
    return planning ? { id: f, person_id: 0 } : { id: f.id, person_id: f.second };
  },
  delibSeat(org) { const f = want("delibSeat", org, planning ? { name: `矩阵代表${cjkNum(++counter)}` } : {}); return planning ? f : f.id; },
  delibMeeting(org) { const f = want("delibMeeting", org); return planning ? f : f.id; },
  delibBallot(org) { const f = want("delibBallot", org); return planning ? f : f.id; },
  // An applicant for membership (发展党员) at org, with step 1 recorded.
  applicant(org) {
    const f = want("applicant", org, planning ? { name: `矩阵申请人${cjkNum(++counter)}`, idn: demoId() } : {});
    return planning ? f : f.id;
  },
  // A document (a PDF 入党申请书) of an applicant at org: {id, applicant}.
  devDocument(org) {
    const f = want("devDocument", org, planning ? { name: `矩阵材料人${cjkNum(++counter)}`, idn: demoId() } : {});
    return planning ? { id: f, applicant: f } : { id: f.id, applicant: f.second };
  },
};

// How to call each route for a caller: `org` is an org inside (or outside) the caller's
// scope. Returns {path, body, ok, secrets}: ok is the status an allowed call must get (200
// unless given; write bodies are valid, so only the permission decides, except where a
// recipe provokes one validation error on purpose); secrets are names of the records the
// call touches, which a refused call must not echo (the org's name is always one). Flags:
// anonymous (sent without the caller's cookie), fresh (on a session of its own).
const RECIPES = {};
const POLICY_OWNER = {};
for (const file of fs.readdirSync(path.join(__dirname, "authz")).filter((f) => f.endsWith(".js")).sort()) {
  const area = require(`./authz/${file}`);
  for (const [route, recipe] of Object.entries(area(fx))) {
    if (RECIPES[route]) throw new Error(`authz/${file}: ${route} has a recipe in another file too`);
    RECIPES[route] = recipe;
  }
  for (const [perm, roles] of Object.entries(area.policy || {})) {
    if (POLICY_OWNER[perm]) throw new Error(`authz/${file}: ${perm} has a policy in ${POLICY_OWNER[perm]} too`);
    POLICY_OWNER[perm] = file;
    for (const role of roles) POLICY[role].push(perm);
  }
}

// The cells of each test, in order: {r: route, org, ...}.
function matrixCells() {
  const cells = [];
  for (const r of routes) {
    const anyScope = ["public", "session"].includes(r.permission);
    for (const name of LOGINS) {
      const who = ctx.roles[name];
      for (const scope of ["in", "below", "out"]) {
        const org = { in: who.inOrg, below: who.subOrg, out: who.outOrg }[scope];
        if (org === null) continue; // nothing lies outside a root grant / below a leaf
        if (scope !== "in" && anyScope) continue; // no org involved
        cells.push({ r, name, who, scope, org, anyScope });
      }
    }
  }
  return cells;
}
const anonymousCells = () => routes.filter((x) => x.permission !== "public").map((r) => ({ r, org: ctx.roles.shequ.inOrg }));
const csrfCells = () => routes.filter((x) => x.method !== "GET" && x.permission !== "public").map((r) => ({ r, org: ctx.roles.admin.inOrg }));
const PHASES = { matrix: matrixCells, anonymous: anonymousCells, csrf: csrfCells };

// Creates every planned fixture: users through the CLI in one batch (they share the
// password, hashed once), everything else in one SQL script whose RETURNING ids come back
// in order.
function createFixtures(list) {
  const users = list.filter((f) => f.kind === "user");
  if (users.length) {
    const r = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Matrix-Passw0rd", "--keep-password"],
      { input: users.map((u) => `${u.username} member ${u.org}\n`).join("") });
    assert.equal(r.status, 0, r.stderr);
    const ids = new Map([...r.stdout.matchAll(/created user (\S+) \(id (\d+)\)/g)].map((m) => [m[1], Number(m[2])]));
    for (const u of users) u.id = ids.get(u.username);
    assert.ok(users.every((u) => u.id > 0), "every fixture user was created");
  }
  const rest = list.filter((f) => f.kind !== "user");
  for (const f of rest) if (f.kind === "grant") f.userId = f.userRef.id;
  const stmt = {
    member: (f) => `INSERT INTO person (tenant_id, name, gender, created_at, updated_at) VALUES (1, '${f.name}', 'M', 0, 0);
      INSERT INTO member (tenant_id, person_id, org_id, org_path, status, category, created_at, updated_at)
      SELECT 1, (SELECT MAX(id) FROM person), id, path, 'full', 'community', 0, 0 FROM org WHERE id = ${f.org} RETURNING id, person_id;`,
    unit: (f) => `INSERT INTO org_unit_link (org_id, unit_name, kind, created_at) VALUES (${f.org}, '${f.name}', 'co_building', 0) RETURNING id;`,
    grant: (f) => `INSERT INTO user_grant (user_id, role, org_id, created_at) VALUES (${f.userId}, 'grid_worker', ${f.org}, 0) RETURNING id;`,
    meeting: (f) => `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, created_at, updated_at)
      SELECT 1, id, path, CASE WHEN type = 'group' THEN 'group' ELSE 'theme_day' END, '矩阵会议', '${today()}', '${today()} 00:00', 'planned', 0, 0 FROM org WHERE id = ${f.org} RETURNING id;`,
    evalRound: (f) => `INSERT INTO person (tenant_id, name, gender, created_at, updated_at) VALUES (1, '${f.name}', 'M', 0, 0);
      INSERT INTO eval_round (tenant_id, org_id, org_path, year, held_on, rule_row, created_at, updated_at)
      SELECT 1, id, path, (SELECT COALESCE(MAX(year), 1900) + 1 FROM eval_round WHERE org_id = ${f.org}), '2000-12-31', (SELECT MIN(id) FROM eval_rule), 0, 0 FROM org WHERE id = ${f.org};
      INSERT INTO eval_subject (round_id, person_id, probationary, updated_at) VALUES ((SELECT MAX(id) FROM eval_round), (SELECT MAX(id) FROM person), 0, 0) RETURNING round_id, person_id;`,
    vote: (f) => `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, created_at, updated_at)
      SELECT 1, id, path, 'party_congress', '矩阵表决会议', '${today()}', '${today()} 00:00', 'held', 0, 0 FROM org WHERE id = ${f.org};
      INSERT INTO meeting_vote (tenant_id, meeting_id, subject, kind, method, expected_n, created_at)
      SELECT 1, MAX(id), '矩阵表决', 'decision', 'open', 0, 0 FROM meeting RETURNING id, meeting_id;`,
    attachment: (f) => `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, created_at, updated_at)
      SELECT 1, id, path, CASE WHEN type = 'group' THEN 'group' ELSE 'theme_day' END, '矩阵附件会议', '${today()}', '${today()} 00:00', 'planned', 0, 0 FROM org WHERE id = ${f.org};
      INSERT INTO meeting_signin (meeting_id, token, created_at) SELECT MAX(id), 'mx' || MAX(id), 0 FROM meeting;
      INSERT INTO meeting_attachment (meeting_id, file_name, kind, content_type, size, sha256, data, uploaded_at)
      SELECT MAX(id), '矩阵附件.pdf', 'pdf', 'application/pdf', 5, 'x', ${PG ? "'\\x255044462D'::bytea" : "X'255044462D'"}, 0 FROM meeting RETURNING id, meeting_id;`,
    localRule: (f) => `INSERT INTO orglife_rule (rule_id, rule_set, type, period, min_count, org_types, org_id, valid_from, confidence, source, created_at)
      VALUES ('LIFE-ZHUTI', 'local', 'theme_day', 'month', 2, ',branch,', ${f.org}, '2000-01-01', 'local', '矩阵规则', 0) RETURNING id;`,
    applicant: (f) => `INSERT INTO dev_applicant (tenant_id, org_id, org_path, name, gender, birth_date, id_number, id_hash, applied_on, status, created_at, updated_at)
      SELECT 1, id, path, '${f.name}', 'M', '1980-01-01', '${seal(f.idn)}', '${idHash(f.idn)}', '2020-01-01', 'applicant', 0, 0 FROM org WHERE id = ${f.org};
      INSERT INTO dev_step (applicant_id, step, done_on, org_id, findings, created_at) SELECT MAX(id), 1, '2020-01-01', ${f.org}, '[]', 0 FROM dev_applicant RETURNING applicant_id;`,
    duesEntry: (f) => `${stmt.member(f).replace(/ RETURNING id, person_id;$/, ";")}
      INSERT INTO dues_entry (tenant_id, member_id, org_id, org_path, month, kind, amount_fen, method, paid_on, warnings, created_at)
      SELECT 1, MAX(m.id), ${f.org}, (SELECT path FROM org WHERE id = ${f.org}), '2026-01', 'payment', 20, 'cash', '2026-01-05', '[]', 0 FROM member m RETURNING id;`,
    devDocument: (f) => `${stmt.applicant(f).replace(/ RETURNING applicant_id;$/, ";")}
      INSERT INTO dev_document (applicant_id, step, kind, doc_date, file_name, file_kind, content_type, size, sha256, data, uploaded_at)
      SELECT MAX(id), 1, 'application', '2020-01-01', '矩阵材料.pdf', 'pdf', 'application/pdf', 5, 'x', ${PG ? "'\\x255044462D'::bytea" : "X'255044462D'"}, 0 FROM dev_applicant RETURNING id, applicant_id;`,
    grid: (f) => `INSERT INTO grid (tenant_id, org_id, org_path, name, created_at) SELECT 1, id, path, '${f.name}', 0 FROM org WHERE id = ${f.org};
      INSERT INTO grid_worker (grid_id, user_id, created_at) SELECT (SELECT MAX(id) FROM grid), id, 0 FROM user_account WHERE username = 'wangge' RETURNING grid_id;`,
    demand: (f) => `${stmt.grid(f).replace(/ RETURNING grid_id;$/, ";")}
      INSERT INTO demand (tenant_id, org_id, org_path, grid_id, category, description, status, channel, respond_due, due_at, created_at, updated_at)
      SELECT 1, org_id, org_path, id, 'environment', '矩阵诉求', 'submitted', 'visit', 0, 0, 0, 0 FROM grid WHERE id = (SELECT MAX(id) FROM grid);
      UPDATE demand SET number = 'JZ' || id WHERE number IS NULL RETURNING id;`,
    takenDemand: (f) => stmt.demand(f).replace("WHERE number IS NULL RETURNING id;", "WHERE number IS NULL;\n      UPDATE demand SET status = 'accepted' WHERE id = (SELECT MAX(id) FROM demand) RETURNING id;"),
    demandPhoto: (f) => `${stmt.demand(f).replace(/ RETURNING id;$/, ";")}
      INSERT INTO demand_photo (demand_id, file_name, kind, content_type, size, stripped_bytes, data, uploaded_at)
      SELECT MAX(id), '矩阵照片.png', 'png', 'image/png', 4, 0, ${PG ? "'\\x89504E47'::bytea" : "X'89504E47'"}, 0 FROM demand RETURNING id, demand_id;`,
    transfer: (f) => `INSERT INTO person (tenant_id, name, gender, created_at, updated_at) VALUES (1, '${f.name}', 'M', 0, 0);
      INSERT INTO member (tenant_id, person_id, org_id, org_path, status, category, created_at, updated_at)
      SELECT 1, (SELECT MAX(id) FROM person), p.id, p.path, 'full', 'community', 0, 0 FROM org o JOIN org p ON p.id = COALESCE(o.parent_id, o.id) WHERE o.id = ${f.org};
      INSERT INTO xfer (tenant_id, member_id, from_org_id, from_path, to_org_id, to_path, status, member_status, sent_on, created_at)
      SELECT 1, m.id, m.org_id, m.org_path, o.id, o.path, 'pending', 'full', '${today()}', 0 FROM member m JOIN org o ON o.id = ${f.org} WHERE m.id = (SELECT MAX(id) FROM member) RETURNING id;`,
    transferLetter: (f) => `${stmt.member(f).replace(/ RETURNING id, person_id;$/, ";")}
      INSERT INTO xfer_letter (tenant_id, member_id, org_id, org_path, year, seq, to_org_name, issued_on, valid_until, valid_rule, dues_paid_to, member_status, created_at)
      SELECT 1, (SELECT MAX(id) FROM member), o.id, o.path, 2000, (SELECT COUNT(*) + 1 FROM xfer_letter), '矩阵外部党组织', '${today()}', '2999-01-01', 'XFER-VALID', '2000-01', 'full', 0 FROM org o WHERE o.id = ${f.org} RETURNING id;`,
    transferFlow: (f) => `${stmt.member(f).replace(/ RETURNING id, person_id;$/, ";")}
      INSERT INTO xfer_flow (tenant_id, member_id, direction, org_id, org_path, home_org_id, home_path, dest_org_name, place, reason, starts_on, created_at)
      SELECT 1, (SELECT MAX(id) FROM member), 'out', o.id, o.path, o.id, o.path, '矩阵外部党组织', '矩阵', '务工', '${today()}', 0 FROM org o WHERE o.id = ${f.org} RETURNING id;`,
    duesRelief: (f) => `${stmt.member(f).replace(/ RETURNING id, person_id;$/, ";")}
      INSERT INTO dues_relief (tenant_id, member_id, approver_org_id, kind, amount_fen, from_month, to_month, reason, applied_on, branch_agreed_on, created_at)
      SELECT 1, MAX(id), ${f.org}, 'exempt', 0, '2026-01', '2026-06', '矩阵困难', '2026-01-05', '2026-01-06', 0 FROM member RETURNING id;`,
    inService: (f) => `INSERT INTO person (tenant_id, name, gender, created_at, updated_at) VALUES (1, '${f.name}', 'F', 0, 0);
      INSERT INTO xfer_report (tenant_id, person_id, community_id, unit_org_name, reported_on, created_at)
      SELECT 1, MAX(id), ${f.org}, '矩阵单位党组织', '2026-01-01', 0 FROM person RETURNING id;`,
    volActivity: (f) => `INSERT INTO volunteer_activity (tenant_id, org_id, org_path, title, place, starts_at, ends_at, start_min, end_min, capacity, status, created_at)
      SELECT 1, id, path, '矩阵活动', '矩阵地点', '2000-01-01 09:00', '2000-01-01 10:00', 0, 60, 5, 'open', 0 FROM org WHERE id = ${f.org} RETURNING id;`,
    volHours: (f) => `${stmt.member(f).replace(/ RETURNING id, person_id;$/, ";")}
      ${stmt.volActivity(f).replace(/ RETURNING id;$/, ";")}
      INSERT INTO volunteer_hours (tenant_id, person_id, org_id, org_path, activity_id, start_at, end_at, start_min, end_min, minutes, source, status, created_at)
      SELECT 1, (SELECT MAX(id) FROM person), o.id, o.path, (SELECT MAX(id) FROM volunteer_activity), '2000-01-01 09:00', '2000-01-01 10:00', 0, 60, 60, 'self', 'pending', 0 FROM org o WHERE o.id = ${f.org} RETURNING id;`,
    delibBody: (f) => `${stmt.member(f).replace(/ RETURNING id, person_id;$/, ";")}
      INSERT INTO delib_body (tenant_id, org_id, kind, name, created_at) VALUES (1, ${f.org}, 'community_council', '矩阵议事会' || (SELECT COUNT(*) FROM delib_body), 0);
      INSERT INTO delib_seat (body_id, person_id, role, joined_on) SELECT MAX(b.id), (SELECT MAX(id) FROM person), 'party_rep', '2000-01-01' FROM delib_body b RETURNING body_id, person_id;`,
    delibSeat: (f) => `${stmt.delibBody(f).replace(/ RETURNING body_id, person_id;$/, " RETURNING id;")}`,
    delibMeeting: (f) => `INSERT INTO delib_body (tenant_id, org_id, kind, name, created_at) VALUES (1, ${f.org}, 'community_council', '矩阵议事会' || (SELECT COUNT(*) FROM delib_body), 0);
      INSERT INTO delib_meeting (body_id, held_on, place, agenda, status, created_at) SELECT MAX(id), '2000-01-01', '矩阵地点', '矩阵议程', 'closed', 0 FROM delib_body RETURNING id;`,
    delibBallot: (f) => `${stmt.delibMeeting(f).replace(/ RETURNING id;$/, ";")}
      INSERT INTO delib_poll (meeting_id, title, method, max_choices, max_score, winners, secret, status, created_at) SELECT MAX(id), '矩阵表决', 'approval', 1, 0, 1, 1, 'closed', 0 FROM delib_meeting;
      INSERT INTO delib_option (ballot_id, pos, title) SELECT MAX(id), 1, '甲' FROM delib_poll;
      INSERT INTO delib_option (ballot_id, pos, title) SELECT MAX(id), 2, '乙' FROM delib_poll RETURNING ballot_id;`,
    fundPlan: (f) => `INSERT INTO fund_plan (tenant_id, org_id, org_path, year, quarter, status, created_at, updated_at)
      SELECT 1, id, path, 2000 + (SELECT COUNT(*) FROM fund_plan), 1, 'draft', 0, 0 FROM org WHERE id = ${f.org} RETURNING id;`,
    fundActivity: (f) => `${stmt.fundPlan(f).replace(/ RETURNING id;$/, ";")}
      INSERT INTO fund_activity (plan_id, seq, title, held_on, requested_fen) SELECT MAX(id), 1, '矩阵活动', '2000-01-10', 100 FROM fund_plan RETURNING id;`,
    fundPhoto: (f) => `${stmt.fundActivity(f).replace(/ RETURNING id;$/, ";")}
      INSERT INTO fund_photo (activity_id, file_name, kind, content_type, size, stripped_bytes, data, uploaded_at)
      SELECT MAX(id), '矩阵照片.png', 'png', 'image/png', 4, 0, ${PG ? "'\\x89504E47'::bytea" : "X'89504E47'"}, 0 FROM fund_activity RETURNING id, activity_id;`,
    projNeed: (f) => `INSERT INTO proj_need (tenant_id, org_id, year, title, source_kind, status, created_at, updated_at)
      SELECT 1, id, 2000, '矩阵需求', 'other', 'open', 0, 0 FROM org WHERE id = ${f.org} RETURNING id;`,
    projProposal: (f) => `INSERT INTO proj_proposal (tenant_id, org_id, year, title, cost_fen, body, status, created_at, updated_at)
      SELECT 1, id, 2000, '矩阵建议', 100, '矩阵单位', 'pending', 0, 0 FROM org WHERE id = ${f.org} RETURNING id;`,
    projSelection: (f) => `INSERT INTO proj_selection (tenant_id, org_id, year, basis, status, total_fen, budget_fen, created_at)
      SELECT 1, id, 1000 + (SELECT COUNT(*) FROM proj_selection), '矩阵会议', 'draft', 0, 0, 0 FROM org WHERE id = ${f.org} RETURNING id;`,
    projSelectionEnded: (f) => `INSERT INTO proj_selection (tenant_id, org_id, year, basis, status, total_fen, budget_fen, publicity_days, publicity_from, publicity_until, created_at)
      SELECT 1, id, 1000 + (SELECT COUNT(*) FROM proj_selection), '矩阵会议', 'publicity', 0, 0, 7, '2000-01-01', '2000-01-07', 0 FROM org WHERE id = ${f.org} RETURNING id;`,
    project: (f) => `${stmt.projSelection(f).replace(/ RETURNING id;$/, ";")}
      ${stmt.projProposal(f).replace(/ RETURNING id;$/, ";")}
      INSERT INTO project (tenant_id, org_id, year, selection_id, proposal_id, rank, status, created_at, updated_at)
      SELECT 1, ${f.org}, 2000, (SELECT MAX(id) FROM proj_selection), (SELECT MAX(id) FROM proj_proposal), 1, 'ongoing', 0, 0 RETURNING id;`,
    projPhoto: (f) => `${stmt.project(f).replace(/ RETURNING id;$/, ";")}
      INSERT INTO proj_photo (tenant_id, project_id, file_name, kind, content_type, size, stripped_bytes, data, uploaded_at)
      SELECT 1, MAX(id), '矩阵照片.png', 'png', 'image/png', 4, 0, ${PG ? "'\\x89504E47'::bytea" : "X'89504E47'"}, 0 FROM project RETURNING id, project_id;`,
    importJob: (f) => `INSERT INTO import_job (org_id, state, error_file, created_at) VALUES (${f.org}, 'done', ${PG ? "'\\x504B0304'::bytea" : "X'504B0304'"}, 0) RETURNING id;`,
  };
  if (!rest.length) return;
  const ids = sql(srv.db, `BEGIN; ${rest.map((f) => stmt[f.kind](f)).join("\n")} COMMIT;`);
  assert.equal(ids.length, rest.length, "one id per fixture row");
  rest.forEach((f, i) => { f.id = Number(ids[i][0]); f.second = Number(ids[i][1]); });
}

before(async () => {
  srv = await startServer({ demo: {} });
  routes = JSON.parse(cli(["routes"]).stdout);
  ctx = { roles: {} };
  orgInfo(0);
  const all = [...orgs.values()];
  const clients = await Promise.all(LOGINS.map((name) => login(srv, name)));
  adminPermissions = clients[LOGINS.indexOf("admin")].session.permissions;
  LOGINS.forEach((name, i) => {
    const c = clients[i];
    const g = c.session.grants[0];
    // Out of scope: the org's sibling subtree, or (for a street-wide grant) the root above it.
    const parent = all.find((o) => o.id === orgs.get(g.org_id).parent);
    let out = null;
    if (parent) {
      const sibling = all.find((o) => o.path.startsWith(parent.path) && o.id !== parent.id && !o.path.startsWith(g.org_path) && !g.org_path.startsWith(o.path));
      out = sibling ? sibling.id : parent.id;
    }
    ctx.roles[name] = { client: c, role: g.role, inOrg: g.org_id, inPath: g.org_path, outOrg: out };
  });
  // Below the grant: an org strictly inside the grant's subtree that is no login's own grant
  // org (so writes there do not collide with that login's cells), not a Party group when
  // anything else is there (groups take no child orgs).
  const grantOrgs = new Set(Object.values(ctx.roles).map((r) => r.inOrg));
  for (const who of Object.values(ctx.roles)) {
    const below = all.filter((o) => o.path.startsWith(who.inPath) && o.id !== who.inOrg && !grantOrgs.has(o.id))
      .sort((a, b) => (a.type === "group") - (b.type === "group") || a.path.length - b.path.length || a.id - b.id);
    who.subOrg = below.length ? below[0].id : null;
  }
  // Plan every test's fixtures (routes without a recipe are reported by the first test),
  // then create them all.
  for (const [phase, cells] of Object.entries(PHASES)) {
    planning = plans[phase] = [];
    for (const c of cells()) {
      const recipe = RECIPES[`${c.r.method} ${c.r.path}`];
      if (recipe) recipe(c.org);
    }
    planning = null;
  }
  createFixtures(Object.values(plans).flat());
});
after(async () => { await srv.stop(); });

// Walks a test's cells with the fixtures planned for them; checks every one was used.
async function walk(phase, each) {
  running = { list: plans[phase], i: 0 };
  for (const c of PHASES[phase]()) await each(c, RECIPES[`${c.r.method} ${c.r.path}`](c.org));
  assert.equal(running.i, running.list.length, `${phase}: every planned fixture was used`);
  running = null;
}

test("every route has a matrix recipe", () => {
  for (const r of routes) assert.ok(RECIPES[`${r.method} ${r.path}`], `no authz recipe for ${r.method} ${r.path}`);
});

// The platform admin holds every permission, so its list names them all.
test("every permission has an oracle policy in its area's authz/ file", () => {
  assert.ok(adminPermissions.length >= 9);
  for (const p of new Set([...adminPermissions, ...routes.map((r) => r.permission)])) {
    if (["public", "session"].includes(p)) continue;
    assert.ok(POLICY_OWNER[p], `no policy for ${p}: export it from the area's tests/api/authz/*.js`);
  }
});

const ERROR_CODE = { 403: "forbidden", 404: "not_found" };

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
  const tally = { allowed: 0, refused: 0, below: 0 };
  let cells = 0;
  await walk("matrix", async ({ r, name, who, scope, org, anyScope }, recipe) => {
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
      if (res.status < 300 && r.method !== "GET" && r.path.startsWith("/api/orgs")) orgsStale = true;
      tally.allowed++;
    } else {
      assertRefused(res, [...(recipe.secrets || []), ...(anyScope ? [] : [orgName(org)])], label);
      tally.refused++;
    }
    if (scope === "below") tally.below++;
    cells++;
  });
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
  await walk("anonymous", async ({ r }, recipe) => {
    expectError(await srv.request(r.method, recipe.path, { body: recipe.body }), 401, "unauthenticated");
  });
});

test("every write refuses a missing CSRF token, whatever the role", async () => {
  // Reached with a valid session but no token: refused before the handler runs.
  await walk("csrf", async ({ r }, recipe) => {
    const res = await ctx.roles.admin.client.request(r.method, recipe.path, { body: recipe.body, noCsrf: true });
    expectError(res, 403, "forbidden");
  });
});
