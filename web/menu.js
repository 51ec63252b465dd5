// menu.js: every page of the app, one row each. A row with `menu` shows in the left menu when
// the user holds `perm` ("session" = anyone signed in). Adding a page = one file in pages/ and
// one row here. `bare` pages render without the layout; `public` pages need no session.
import { can } from "./lib/session.js";

export const PAGES = [
  { path: "/login", title: "登录", public: true, bare: true, page: () => import("./pages/login.js") },
  { path: "/password", title: "修改初始密码", bare: true, page: () => import("./pages/password.js") },
  { path: "/", title: "首页", icon: "HomeFilled", perm: "members.read", menu: true, page: () => import("./pages/home.js") },
  { path: "/members", title: "党员", icon: "User", perm: "members.read", menu: true, page: () => import("./pages/members.js") },
  { path: "/members/new", title: "新增党员", perm: "members.write", page: () => import("./pages/member-edit.js") },
  { path: "/members/import", title: "导入党员", perm: "members.write", page: () => import("./pages/member-import.js") },
  { path: "/members/:id/edit", title: "编辑党员信息", perm: "members.write", page: () => import("./pages/member-edit.js") },
  { path: "/members/:id", title: "党员详情", perm: "members.read", page: () => import("./pages/member.js") },
  { path: "/orgs", title: "组织", icon: "OfficeBuilding", perm: "orgs.read", menu: true, page: () => import("./pages/orgs.js") },
  { path: "/orgs/:id", title: "党组织详情", perm: "orgs.read", page: () => import("./pages/org.js") },
  { path: "/users", title: "账号管理", icon: "UserFilled", perm: "users.manage", menu: true, page: () => import("./pages/users.js") },
  { path: "/audit", title: "审计日志", icon: "Tickets", perm: "audit.read", menu: true, page: () => import("./pages/audit.js") },
  { path: "/me", title: "我的", icon: "Avatar", perm: "session", menu: true, page: () => import("./pages/me.js") },
  { path: "*", title: "页面不存在", perm: "session", page: () => import("./pages/not-found.js") },
];

// The first page a user may see: the first menu row they hold the permission for.
export function homePath() {
  const row = PAGES.find((p) => p.menu && can(p.perm));
  return row ? row.path : "/me";
}
