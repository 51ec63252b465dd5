// meta.js: the server's codes and zh-CN labels (GET /api/meta): every module's code tables
// (member_status, member_category, org_type, org_event_kind, org_unit_kind, role,
// audit_target_type, …), the permission labels and the audit-action labels. session.js loads
// it once after sign-in; pages read it from here and keep no copies. Tables the server does
// not have (gender) stay in codes.js.
import { api } from "./api.js";
const { reactive } = Vue;

export const meta = reactive({ loaded: false, codes: {}, permissions: [], audit_actions: [] });

// Loads the tables unless they are already here (they are the same for every user).
export async function loadMeta() {
  if (meta.loaded) return;
  const m = await api("GET", "/api/meta");
  meta.codes = m.codes || {};
  meta.permissions = m.permissions || [];
  meta.audit_actions = m.audit_actions || [];
  meta.loaded = true;
}

// A code table as select options [{value, label}], in the server's order ([] if unknown).
export function options(table) {
  return (meta.codes[table] || []).map((r) => ({ value: r.code, label: r.label }));
}

// The label of one code; the code itself when the table does not name it.
export function codeLabel(table, code) {
  const row = (meta.codes[table] || []).find((r) => r.code === code);
  return row ? row.label : code;
}

export function actionLabel(code) {
  const row = meta.audit_actions.find((a) => a.code === code);
  return row ? row.label : code;
}

export function permissionLabel(code) {
  const row = meta.permissions.find((p) => p.code === code);
  return row ? row.label : code;
}
