// login.js: the sign-in page. Wrong credentials show under the password; an account with
// two-factor login is then asked for its 动态验证码 (or a recovery code); throttling shows how
// long to wait and counts down; after sign-in it goes to ?next or the user's first page (the
// route guard sends a user who must change the initial password to /password first).
import { login } from "../lib/session.js";
import { route, navigate } from "../lib/router.js";
import { fieldErrors, clearErrors } from "../lib/forms.js";
import { homePath } from "../menu.js";
const { reactive, ref, computed, onUnmounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/login", title: "登录", public: true, bare: true }];

export default {
  name: "LoginPage",
  setup() {
    const form = reactive({ username: "", password: "", totp_code: "" });
    const needCode = ref(false);
    const errs = fieldErrors();
    const busy = ref(false);
    const wait = ref(0);
    const message = ref("");
    let timer = null;
    function countdown(seconds) {
      wait.value = seconds;
      clearInterval(timer);
      timer = setInterval(() => {
        wait.value -= 1;
        if (wait.value <= 0) {
          clearInterval(timer);
          message.value = "";
        }
      }, 1000);
    }
    onUnmounted(() => clearInterval(timer));
    const waitText = computed(() => (wait.value > 0 ? `登录尝试次数过多，请 ${wait.value} 秒后再试` : ""));
    async function submit() {
      clearErrors(errs);
      message.value = "";
      if (!form.username) errs.username = "请输入用户名";
      if (!form.password) errs.password = "请输入密码";
      if (needCode.value && !form.totp_code.trim()) errs.totp_code = "请输入动态验证码";
      if (errs.username || errs.password || errs.totp_code) return;
      busy.value = true;
      try {
        await login(form.username.trim(), form.password, needCode.value ? form.totp_code.trim() : "");
        const next = route.query.next;
        navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : homePath(), { replace: true });
      } catch (e) {
        if (e.code === "throttled") countdown(e.retryAfter || 60);
        else if (e.field === "/totp_code") {
          // The first time it is a question (show the field), afterwards a wrong code.
          if (needCode.value) errs.totp_code = e.message;
          needCode.value = true;
        } else if (e.field === "/password" || e.field === "/username") errs[e.field.slice(1)] = e.message;
        else message.value = e.message;
      } finally {
        busy.value = false;
      }
    }
    return { form, errs, busy, wait, waitText, message, submit, needCode };
  },
  template: `
    <div class="login-page">
      <div class="login-card">
        <div class="login-brand"><span class="brand-mark">党</span></div>
        <h1 class="login-title">社区党建与基层治理平台</h1>
        <p class="login-sub">街道、社区党组织和党员的工作平台</p>
        <el-alert v-if="waitText" :title="waitText" type="warning" show-icon :closable="false" class="login-alert" role="alert" />
        <el-alert v-else-if="message" :title="message" type="error" show-icon :closable="false" class="login-alert" role="alert" />
        <el-form label-position="top" @submit.prevent="submit" size="large">
          <el-form-item label="用户名" :error="errs.username">
            <el-input v-model="form.username" name="username" autocomplete="username" placeholder="请输入用户名" prefix-icon="User" />
          </el-form-item>
          <el-form-item label="密码" :error="errs.password">
            <el-input v-model="form.password" name="password" type="password" show-password autocomplete="current-password" placeholder="请输入密码" prefix-icon="Lock" />
          </el-form-item>
          <el-form-item v-if="needCode" label="动态验证码" :error="errs.totp_code">
            <el-input v-model="form.totp_code" name="totp_code" inputmode="numeric" autocomplete="one-time-code" placeholder="身份验证器中的 6 位数字" prefix-icon="Iphone" autofocus />
            <div class="form-hint">打开手机上的身份验证器查看；手机丢失时可输入恢复码。</div>
          </el-form-item>
          <el-button type="primary" native-type="submit" :loading="busy" :disabled="wait > 0" class="login-submit">
            {{ wait > 0 ? '请稍候（' + wait + ' 秒）' : '登录' }}
          </el-button>
        </el-form>
        <p class="login-foot">忘记密码请联系所在党组织的管理员重置。</p>
        <p class="login-foot"><a href="/public/demands">群众诉求公开栏</a>（无需登录）</p>
      </div>
    </div>`,
};
