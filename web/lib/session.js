// session.js: who is signed in (user, grants, permissions) and the org scope every page
// works in. The scope defaults to the first grant's org and is kept per user in the browser.
// It does not check permissions for the server: the server decides; this only hides menus.
// Signing in (or finding a session) also loads the code/label tables of meta.js, once.
import { api, setCsrf } from "./api.js";
import { loadMeta } from "./meta.js";
const { reactive } = Vue;

export const session = reactive({ loaded: false, user: null, grants: [], permissions: [], grantable_roles: [] });
export const scope = reactive({ orgId: null, orgName: "", orgPath: "" });

export function can(perm) {
  if (!perm || perm === "session") return !!session.user;
  return session.permissions.includes(perm);
}

function scopeKey() {
  return session.user ? `dj.scope.${session.user.id}` : "";
}

export function setScope(org) {
  scope.orgId = org.id;
  scope.orgName = org.name;
  scope.orgPath = org.path || "";
  if (scopeKey()) localStorage.setItem(scopeKey(), JSON.stringify(org));
}

function apply(s) {
  session.user = s ? s.user : null;
  session.grants = s ? s.grants : [];
  session.permissions = s ? s.permissions : [];
  session.grantable_roles = (s && s.grantable_roles) || [];
  session.loaded = true;
  if (s && s.csrf_token) setCsrf(s.csrf_token);
  if (!s) {
    scope.orgId = null;
    return;
  }
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(scopeKey()) || "null");
  } catch {
    saved = null;
  }
  // A saved scope is kept only while it is inside one of the user's grants.
  const inGrant = saved && session.grants.some((g) => (saved.path || "").startsWith(g.org_path));
  const g = session.grants[0];
  if (inGrant) setScope(saved);
  else if (g) setScope({ id: g.org_id, name: g.org_name, path: g.org_path });
}

// GET /api/session answers {user: null} when no one is signed in (no 401 in the console).
export async function loadSession() {
  const s = await api("GET", "/api/session");
  if (!s || !s.user) {
    apply(null);
    return;
  }
  await loadMeta();
  apply(s);
}

// totpCode: the authenticator's 6 digits or a recovery code, when the server asked for one.
export async function login(username, password, totpCode) {
  const body = { username, password };
  if (totpCode) body.totp_code = totpCode;
  const s = await api("POST", "/api/session", body);
  await loadMeta();
  apply(s);
}

export async function logout() {
  try {
    await api("DELETE", "/api/session");
  } finally {
    setCsrf("");
    apply(null);
  }
}

export function forget() {
  apply(null);
}
