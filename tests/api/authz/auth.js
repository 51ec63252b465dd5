// authz/auth.js: authorization-matrix recipes for the auth area: sessions, the caller's own
// password, and account management on a fixture user whose only grant is at the cell's org.
"use strict";
module.exports = (fx) => {
  // A recipe on a fresh fixture user at org, whose username a refused call must not echo.
  const onUser = (org, make) => {
    const u = fx.user(org);
    const r = make(u.id);
    return { ...r, secrets: [u.username, ...(r.secrets || [])] };
  };
  return {
    // Sent without the caller's cookie: logging in ends the session presented (no fixation).
    "POST /api/session": () => ({ path: "/api/session", body: { username: "jumin", password: fx.DEMO_PASSWORD }, anonymous: true }),
    "GET /api/session": () => ({ path: "/api/session" }),
    "DELETE /api/session": () => ({ path: "/api/session", fresh: true }),
    // On purpose the wrong old password: reaches the handler, changes nothing.
    "POST /api/session/password": () => ({ path: "/api/session/password", body: { old_password: "not-my-password", new_password: "Whatever-Passw0rd" }, ok: 400 }),
    "GET /api/session/totp": () => ({ path: "/api/session/totp" }),
    "POST /api/session/totp/setup": () => ({ path: "/api/session/totp/setup" }),
    // A code of the wrong length and the wrong password: they reach the handler, change nothing.
    "POST /api/session/totp/enable": () => ({ path: "/api/session/totp/enable", body: { code: "1" }, ok: 400 }),
    "POST /api/session/totp/disable": () => ({ path: "/api/session/totp/disable", body: { password: "not-my-password" }, ok: 400 }),
    "GET /api/users": (org) => ({ path: `/api/users?org=${org}` }),
    "POST /api/users": (org) => { const u = fx.uniq(); return { path: "/api/users", body: { username: u, display_name: "矩阵", password: "Matrix-Passw0rd-2", role: "member", org_id: org }, ok: 201, secrets: [u] }; },
    "GET /api/users/{id}": (org) => onUser(org, (id) => ({ path: `/api/users/${id}` })),
    "PATCH /api/users/{id}": (org) => onUser(org, (id) => ({ path: `/api/users/${id}`, body: { display_name: "改名" } })),
    "POST /api/users/{id}/password": (org) => onUser(org, (id) => ({ path: `/api/users/${id}/password`, body: { new_password: "Matrix-Reset-2026" } })),
    // The fixture user holds `member` there already: add `resident` (which needs no permission).
    "POST /api/users/{id}/grants": (org) => onUser(org, (id) => ({ path: `/api/users/${id}/grants`, body: { role: "resident", org_id: org }, ok: 201 })),
    "POST /api/users/{id}/totp-reset": (org) => onUser(org, (id) => ({ path: `/api/users/${id}/totp-reset` })),
    "DELETE /api/users/{id}/grants/{grant_id}": (org) => onUser(org, (id) => ({ path: `/api/users/${id}/grants/${fx.grant(id, org)}` })),
  };
};

// The roles holding each permission the auth area declares (the oracle).
module.exports.policy = {
  "users.manage": ["admin", "org_admin"],
  "residents.read": ["admin", "org_admin", "grid_worker"],
  "residents.write": ["admin", "org_admin", "grid_worker"],
};
