// menu.js: the app's pages and its left menu. Each file in pages/ exports its `routes` (path,
// title, perm, and `menu: {group, icon, order}` when it shows in the menu); the build gathers
// them into gen/page-index.js (tools/web-compile.js), so adding a page is adding one file.
// `perm` is a permission code or "session" (anyone signed in); `roles`, when given, limits a
// row's menu entry to holders of a grant in one of those roles; `bare` pages render without
// the layout; `public` pages need no session. The menu shows the rows the user may open,
// grouped, a group without such rows hidden.
import { PAGES } from "./page-index.js";
import { can, session } from "./lib/session.js";

export { PAGES };

// The menu's groups in order; "" holds the rows shown above every group (首页).
export const GROUPS = ["", "党员与组织", "组织生活", "服务群众", "系统"];

// [{group, items}] for the signed-in user: each group's rows by `order`, empty groups left out,
// and no headings at all when only one group would have one.
export function menuGroups() {
  const unknown = PAGES.filter((p) => p.menu && !GROUPS.includes(p.menu.group));
  if (unknown.length) console.warn(`menu group not in GROUPS: ${unknown.map((p) => p.path).join(", ")}`);
  const groups = GROUPS.map((group) => ({
    group,
    items: PAGES.filter((p) => p.menu && p.menu.group === group && can(p.perm)
      && (!p.roles || session.grants.some((g) => p.roles.includes(g.role))))
      .sort((a, b) => a.menu.order - b.menu.order),
  })).filter((g) => g.items.length);
  // A heading over the only group a user has (a 党员 or 居民: 首页 and 我的) says nothing.
  const titled = groups.filter((g) => g.group);
  if (titled.length !== 1) return groups;
  return [{ group: "", items: groups.flatMap((g) => g.items) }];
}

// The first page a user may see: the first menu row they hold the permission for.
export function homePath() {
  const first = menuGroups()[0];
  return first ? first.items[0].path : "/me";
}
