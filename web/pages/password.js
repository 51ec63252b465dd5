// password.js: the forced first-login password change. Until it is done every other page
// redirects here (the server answers 403 too); after it the user reaches their first page.
import PasswordForm from "../components/password-form.js";
import { session, loadSession, logout } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { homePath } from "../menu.js";

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/password", title: "修改初始密码", perm: "session", bare: true }];

export default {
  name: "PasswordPage",
  components: { PasswordForm },
  setup() {
    async function done() {
      await loadSession();
      navigate(homePath(), { replace: true });
    }
    async function quit() {
      await logout();
      navigate("/login", { replace: true });
    }
    return { session, done, quit };
  },
  template: `
    <div class="login-page">
      <div class="login-card">
        <div class="login-brand"><span class="brand-mark">党</span></div>
        <h1 class="login-title">请修改初始密码</h1>
        <el-alert type="warning" show-icon :closable="false" class="login-alert"
          :title="(session.user ? session.user.display_name + '，' : '') + '您的密码是管理员设置的初始密码，修改后才能继续使用。'" />
        <password-form @done="done" />
        <p class="login-foot"><el-button link type="primary" @click="quit">退出登录</el-button></p>
      </div>
    </div>`,
};
