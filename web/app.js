// app.js: entry point of the web UI: mounts Vue with Element Plus (zh-CN), loads the session,
// guards routes (login, forced password change, required two-factor setup, permissions) and renders the matched page
// inside the layout. Pages and menu rows live in menu.js.
import { setHooks } from "./lib/api.js";
import { route, setRoutes, beforeEach, resolve, navigate, AppLink } from "./lib/router.js";
import { session, loadSession, forget, can } from "./lib/session.js";
import { PAGES, homePath } from "./menu.js";
import AppLayout from "./components/layout.js";

const { createApp, h } = Vue;

setRoutes(PAGES);
beforeEach((to) => {
  const row = to.row;
  if (!session.user) {
    if (row && row.public) return null;
    return `/login${to.fullPath !== "/" ? `?next=${encodeURIComponent(to.fullPath)}` : ""}`;
  }
  if (session.user.must_change_password) return to.path === "/password" ? null : "/password";
  // A role that must use two-factor login has no permission until it is on: 我的 sets it up.
  if (session.user.totp_setup_required) return to.path === "/me" ? null : "/me";
  if (to.path === "/login" || to.path === "/password") return homePath();
  if (row && row.perm && !can(row.perm)) return homePath();
  return null;
});

setHooks({
  unauthenticated() {
    forget();
    resolve();
  },
  mustChangePassword() {
    if (session.user) session.user.must_change_password = true;
    navigate("/password", { replace: true });
  },
});

const Root = {
  name: "Root",
  setup() {
    return () => {
      // Signed out while a page shows (log out, expired session): nothing until the guard moves on.
      if (!session.loaded || !route.row || (!route.row.public && !session.user)) return h("p", { class: "boot" }, "正在加载…");
      const page = h(route.row.component, { key: route.path, ...route.params });
      return route.row.bare ? page : h(AppLayout, null, { default: () => page });
    };
  },
};

async function main() {
  const app = createApp(Root);
  app.use(ElementPlus, { locale: ElementPlusLocaleZhCn });
  for (const [name, comp] of Object.entries(ElementPlusIconsVue)) app.component(name, comp);
  app.component("AppLink", AppLink);
  app.config.errorHandler = (err) => {
    console.error(err);
    ElementPlus.ElMessage.error(err && err.message ? err.message : "页面出错，请刷新重试");
  };
  try {
    await loadSession();
  } catch (e) {
    document.getElementById("app").textContent = e.message || "无法连接服务器";
    return;
  }
  resolve();
  app.mount("#app");
}

main();
