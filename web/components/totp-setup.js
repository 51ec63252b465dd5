// totp-setup.js: 双因素认证 on the 我的 page: its state, enrolment (a QR code to scan with an
// authenticator app, the key to type by hand, the first code to confirm), the ten recovery codes
// shown once with a print button, and turning it off with the password. When the user's role
// requires it (auth.totp_roles) the page says so and nothing else works until it is on.
import { api } from "../lib/api.js";
import { session, loadSession } from "../lib/session.js";
import { fieldErrors, submitForm } from "../lib/forms.js";
const { ref, reactive, onMounted } = Vue;

export default {
  name: "TotpSetup",
  setup() {
    const state = ref(null);
    const setup = ref(null);
    const codes = ref([]);
    const form = reactive({ code: "", password: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    const off = ref(false);
    async function load() {
      try {
        state.value = await api("GET", "/api/session/totp");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    onMounted(load);
    async function start() {
      await submitForm({ busy, errs }, async () => {
        setup.value = await api("POST", "/api/session/totp/setup");
      });
    }
    async function confirm() {
      await submitForm({ busy, errs, fields: ["code"] }, async () => {
        const r = await api("POST", "/api/session/totp/enable", { code: form.code });
        codes.value = r.recovery_codes;
        setup.value = null;
        form.code = "";
        await loadSession(); // a role that required it gets its permissions back
        await load();
      });
    }
    async function disable() {
      await submitForm({ busy, errs, fields: ["password"] }, async () => {
        await api("POST", "/api/session/totp/disable", { password: form.password });
        form.password = "";
        off.value = false;
        ElementPlus.ElMessage.success("已停用双因素认证");
        await load();
      });
    }
    const qr = (svg) => `data:image/svg+xml;base64,${btoa(svg)}`;
    const print = () => window.print();
    return { session, state, setup, codes, form, errs, busy, off, start, confirm, disable, qr, print };
  },
  template: `
    <div class="totp" v-if="state">
      <el-alert v-if="state.required" type="warning" show-icon :closable="false" class="totp-alert"
        title="您的角色须使用双因素认证：启用后才能使用系统的其他功能。" />
      <div class="totp-head">
        <span>双因素认证（动态验证码）</span>
        <el-tag size="small" :type="state.enabled ? 'success' : 'info'">{{ state.enabled ? '已启用' : '未启用' }}</el-tag>
      </div>
      <template v-if="codes.length">
        <el-alert type="success" show-icon :closable="false" title="已启用。请抄写或打印下面的恢复码并妥善保管：手机丢失时，每个恢复码可代替动态验证码登录一次，此后不再显示。" />
        <ol class="totp-codes"><li v-for="c in codes" :key="c">{{ c }}</li></ol>
        <div class="form-actions no-print">
          <el-button icon="Printer" @click="print">打印恢复码</el-button>
          <el-button type="primary" @click="codes = []">我已保存</el-button>
        </div>
      </template>
      <template v-else-if="setup">
        <p class="form-hint">1. 在手机上打开身份验证器（如 Microsoft Authenticator、Google 身份验证器、FreeOTP），扫描二维码：</p>
        <img class="totp-qr" :src="qr(setup.qr_svg)" alt="双因素认证二维码" />
        <p class="form-hint">无法扫码时手动输入密钥：<code class="totp-secret">{{ setup.secret }}</code></p>
        <el-form label-position="top" @submit.prevent="confirm">
          <el-form-item label="2. 输入身份验证器显示的 6 位数字" :error="errs.code">
            <el-input v-model="form.code" name="totp_enable_code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" placeholder="例如 123456" />
          </el-form-item>
          <div class="form-actions">
            <el-button @click="setup = null">取消</el-button>
            <el-button type="primary" native-type="submit" :loading="busy">确认启用</el-button>
          </div>
        </el-form>
      </template>
      <template v-else-if="state.enabled">
        <p class="form-hint">登录时除密码外还需输入手机上的动态验证码。剩余恢复码 {{ state.recovery_codes_left }} 个。手机丢失请用恢复码登录，或联系管理员重置。</p>
        <el-button v-if="!off && !state.required" @click="off = true">停用</el-button>
        <el-form v-if="off" label-position="top" @submit.prevent="disable">
          <el-form-item label="输入登录密码以停用" :error="errs.password">
            <el-input v-model="form.password" name="totp_disable_password" type="password" show-password autocomplete="current-password" />
          </el-form-item>
          <div class="form-actions">
            <el-button @click="off = false">取消</el-button>
            <el-button type="danger" native-type="submit" :loading="busy">停用双因素认证</el-button>
          </div>
        </el-form>
      </template>
      <template v-else>
        <p class="form-hint">启用后，登录时除密码外还需输入手机身份验证器上的 6 位动态验证码，密码泄露也无法登录。</p>
        <el-button type="primary" icon="Iphone" :loading="busy" @click="start">启用双因素认证</el-button>
      </template>
    </div>`,
};
