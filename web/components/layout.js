// layout.js: the signed-in frame: left menu (rows from menu.js the user may see, by group), header with
// the org scope switcher and the user menu (修改密码, 退出登录). On phones the menu is a drawer.
import { menuGroups } from "../menu.js";
import { route, navigate } from "../lib/router.js";
import { session, logout } from "../lib/session.js";
import { isMobile } from "../lib/viewport.js";
import ScopePicker from "./scope-picker.js";
import PasswordForm from "./password-form.js";
import SideMenu from "./side-menu.js";
const { computed, ref } = Vue;

export default {
  name: "AppLayout",
  components: { ScopePicker, PasswordForm, SideMenu },
  setup() {
    const groups = computed(() => menuGroups());
    const items = computed(() => groups.value.flatMap((g) => g.items));
    // The menu row a page belongs to: the longest menu path that prefixes the current path.
    const active = computed(() => {
      let best = "";
      for (const p of items.value) {
        const hit = p.path === "/" ? route.path === "/" : route.path === p.path || route.path.startsWith(p.path + "/");
        if (hit && p.path.length > best.length) best = p.path;
      }
      return best || route.path;
    });
    const drawer = ref(false);
    const pwd = ref(false);
    function go(path) {
      drawer.value = false;
      navigate(path);
    }
    async function onCommand(cmd) {
      if (cmd === "password") pwd.value = true;
      if (cmd === "logout") {
        await logout();
        navigate("/login", { replace: true });
        ElementPlus.ElMessage.success("已退出登录");
      }
    }
    const roleText = computed(() => session.grants.map((g) => g.role_label).filter((v, i, a) => a.indexOf(v) === i).join("、"));
    return { groups, active, drawer, pwd, go, onCommand, session, isMobile, roleText, route };
  },
  template: `
    <el-container class="layout">
      <el-aside v-if="!isMobile" width="208px" class="aside">
        <side-menu :groups="groups" :active="active" @select="go" />
      </el-aside>
      <el-drawer v-else v-model="drawer" direction="ltr" size="220px" :with-header="false" class="menu-drawer">
        <side-menu :groups="groups" :active="active" @select="go" />
      </el-drawer>
      <el-container class="main-col">
        <el-header class="header" height="auto">
          <el-button v-if="isMobile" class="menu-toggle" text @click="drawer = true" aria-label="打开菜单">
            <el-icon :size="22"><Menu /></el-icon>
          </el-button>
          <!-- The org scope matters only to users whose pages list inside it (none for a 居民). -->
          <scope-picker v-if="session.permissions.length" class="header-scope" />
          <div class="header-spacer"></div>
          <el-dropdown trigger="click" @command="onCommand">
            <span class="user-chip" role="button" tabindex="0" aria-label="用户菜单">
              <el-avatar :size="28" class="user-avatar">{{ (session.user.display_name || session.user.username).slice(0, 1) }}</el-avatar>
              <span class="user-name">{{ session.user.display_name || session.user.username }}</span>
              <el-icon><ArrowDown /></el-icon>
            </span>
            <template #dropdown>
              <el-dropdown-menu>
                <el-dropdown-item disabled class="user-role">{{ roleText }}</el-dropdown-item>
                <el-dropdown-item command="password" divided :icon="'Lock'">修改密码</el-dropdown-item>
                <el-dropdown-item command="logout" :icon="'SwitchButton'">退出登录</el-dropdown-item>
              </el-dropdown-menu>
            </template>
          </el-dropdown>
        </el-header>
        <el-main class="main">
          <slot />
        </el-main>
      </el-container>
      <el-dialog v-model="pwd" title="修改密码" :width="isMobile ? '92%' : '420px'" destroy-on-close>
        <password-form cancellable @done="pwd = false" @cancel="pwd = false" />
      </el-dialog>
    </el-container>`,
};
