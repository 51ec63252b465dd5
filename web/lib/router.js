// router.js: a small history-API router for the single-page app. Routes come from menu.js;
// a route's page module is loaded on first visit. Their order does not matter: a literal
// segment beats a :param ("/members/new" before "/members/:id"), and "*" is the fallback. It does not nest routes: the layout is
// chosen by the app from the matched row (bare pages such as login render without it).
const { reactive, markRaw, defineAsyncComponent, h } = Vue;

export const route = reactive({ path: "/", query: {}, params: {}, row: null, fullPath: "/" });
let table = [];
let guard = null;

function compile(pattern) {
  const names = [];
  if (pattern === "*") return { re: /^$/, names }; // the fallback row: chosen when nothing matches
  const src = pattern.replace(/:(\w+)/g, (_, n) => {
    names.push(n);
    return "([^/]+)";
  });
  return { re: new RegExp(`^${src}/?$`), names };
}

// Loading a page module: a short placeholder while it loads, a message if it fails.
const Loading = { render: () => h("div", { class: "page-loading" }, "正在加载…") };
const Failed = { render: () => h("div", { class: "page-loading" }, "页面加载失败，请刷新重试") };

// Orders patterns so the first match is the most literal one: compared segment by segment.
function specificity(a, b) {
  const sa = a.path.split("/"), sb = b.path.split("/");
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const pa = sa[i].startsWith(":"), pb = sb[i].startsWith(":");
    if (pa !== pb) return pa ? 1 : -1;
  }
  return sa.length - sb.length; // patterns of different lengths never match the same path
}

export function setRoutes(rows) {
  table = [...rows].sort(specificity).map((r) => ({
    ...r,
    ...compile(r.path),
    component: markRaw(defineAsyncComponent({
      loader: () => r.page().then((m) => m.default),
      loadingComponent: Loading,
      errorComponent: Failed,
      delay: 150,
    })),
  }));
}

export function beforeEach(fn) {
  guard = fn;
}

function match(path) {
  for (const r of table) {
    const m = path.match(r.re);
    if (m) {
      const params = {};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { row: r, params };
    }
  }
  return { row: table.find((r) => r.path === "*") || null, params: {} };
}

export function resolve() {
  const u = new URL(location.href);
  const m = match(u.pathname);
  const target = { path: u.pathname, query: Object.fromEntries(u.searchParams), params: m.params,
                   row: m.row, fullPath: u.pathname + u.search };
  const redirect = guard ? guard(target) : null;
  if (redirect && redirect !== target.fullPath) {
    navigate(redirect, { replace: true });
    return;
  }
  Object.assign(route, target);
  document.title = `${m.row ? m.row.title + " - " : ""}社区党建与基层治理平台`;
}

export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.scrollTo(0, 0);
  resolve();
}

// Replaces the query string of the current page (filters, page number) without a new entry.
export function setQuery(query) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const s = qs.toString();
  history.replaceState(null, "", route.path + (s ? `?${s}` : ""));
  route.query = Object.fromEntries(qs);
  route.fullPath = route.path + (s ? `?${s}` : "");
}

window.addEventListener("popstate", resolve);

// <app-link to="/members/3">: a real link (opens in a new tab with Ctrl) that routes in place.
export const AppLink = {
  name: "AppLink",
  props: { to: { type: String, required: true } },
  setup(props, { slots }) {
    const onClick = (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(props.to);
    };
    return () => h("a", { href: props.to, onClick, class: "app-link" }, slots.default && slots.default());
  },
};
