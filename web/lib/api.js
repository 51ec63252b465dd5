// api.js: the one way pages talk to the server: JSON in and out, the CSRF header on writes,
// and errors turned into ApiError {status, code, message, field, fields, rules, details, retryAfter}. It does not
// show messages itself; callers (or the app's hooks for 401/403) decide what to show.

const CSRF_KEY = "dj.csrf";
const hooks = { unauthenticated: null, mustChangePassword: null };

export class ApiError extends Error {
  constructor(status, body, headers) {
    const e = (body && body.error) || {};
    super(e.message || `服务器返回错误（${status}）`);
    this.status = status;
    this.code = e.code || "internal";
    this.field = e.field || "";
    this.fields = Array.isArray(e.fields) ? e.fields : []; // every bad field: [{field, message}]
    // A conflict refused by rules: their IDs and one explanation each (docs/errors.md).
    this.rules = Array.isArray(e.rules) ? e.rules : [];
    this.details = Array.isArray(e.details) ? e.details : [];
    this.requestId = e.request_id || "";
    const ra = headers && headers.get("Retry-After");
    this.retryAfter = ra ? Number(ra) : 0;
  }
}

export function setHooks(h) {
  Object.assign(hooks, h);
}

export function setCsrf(token) {
  if (token) localStorage.setItem(CSRF_KEY, token);
  else localStorage.removeItem(CSRF_KEY);
}

// Builds "/api/x?a=1&b=2" from an object, leaving out empty values.
export function withQuery(path, query = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export async function api(method, path, body, opts = {}) {
  const headers = { Accept: "application/json" };
  const init = { method, headers, credentials: "same-origin" };
  if (method !== "GET") headers["X-CSRF-Token"] = localStorage.getItem(CSRF_KEY) || "";
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    headers["Content-Type"] = "application/json";
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, { error: { code: "unavailable", message: "无法连接服务器，请检查网络后重试" } });
  }
  if (opts.raw && res.ok) return res;
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.ok) return json;
  const err = new ApiError(res.status, json, res.headers);
  const sessionRoute = path.startsWith("/api/session");
  if (res.status === 401 && !sessionRoute && hooks.unauthenticated) hooks.unauthenticated();
  if (res.status === 403 && err.message.includes("修改初始密码") && hooks.mustChangePassword)
    hooks.mustChangePassword();
  throw err;
}

// Downloads a file answer (export, error file) and hands it to the browser as a download.
export async function download(path, fallbackName) {
  const res = await api("GET", path, undefined, { raw: true });
  const blob = await res.blob();
  const cd = res.headers.get("Content-Disposition") || "";
  let name = fallbackName;
  const m = cd.match(/filename\*=UTF-8''([^;]+)/i) || cd.match(/filename="?([^";]+)"?/i);
  if (m) name = decodeURIComponent(m[1]);
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Runs one read for a page: `flag` (a ref) is true meanwhile; a failure is shown as a message.
// Returns work's result, or undefined when it failed.
export async function loadWith(flag, work) {
  flag.value = true;
  try {
    return await work();
  } catch (e) {
    ElementPlus.ElMessage.error(e.message);
    return undefined;
  } finally {
    flag.value = false;
  }
}
