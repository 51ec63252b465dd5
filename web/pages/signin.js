// signin.js: 会议签到, the page a meeting's sign-in link or QR code opens on a member's phone
// (/signin/{token}; the route guard sends a signed-out member to 登录 and back). It shows the
// meeting's topic, time and place and the window, and one 签到 button that marks the member
// 出席 (POST /api/me/signin). It asks for no location. What the server refuses (outside the
// window, not expected, 请假 recorded) is shown as its message.
import { api, withQuery } from "../lib/api.js";
const { ref, computed, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/signin/:token", title: "会议签到", perm: "session" }];

export default {
  name: "SigninPage",
  props: { token: { type: String, required: true } },
  setup(props) {
    const m = ref(null);
    const error = ref("");
    const refusal = ref("");
    const done = ref(false);
    const busy = ref(false);
    onMounted(async () => {
      try {
        m.value = await api("GET", withQuery("/api/me/signin", { token: props.token }));
        done.value = m.value.my_status === "present" || m.value.my_status === "online";
      } catch (e) {
        error.value = e.message;
      }
    });
    async function signIn() {
      busy.value = true;
      refusal.value = "";
      try {
        const r = await api("POST", "/api/me/signin", { token: props.token });
        m.value.my_status = r.my_status;
        m.value.my_status_label = r.my_status_label;
        done.value = true;
      } catch (e) {
        refusal.value = e.message;
      } finally {
        busy.value = false;
      }
    }
    const when = computed(() => (m.value ? m.value.starts_at + (m.value.ends_at ? ` 至 ${m.value.ends_at.slice(11)}` : "") : ""));
    // Why the button is off, before the member taps it.
    const blocked = computed(() => {
      const v = m.value;
      if (!v || done.value) return "";
      if (v.status === "cancelled") return "会议已取消，无需签到";
      if (!v.linked) return "此账号未关联党员，不能签到";
      if (v.my_status) return `记录人已登记您为“${v.my_status_label}”，如已到会请联系记录人更正`;
      if (!v.expected) return "您不在这次会议的应到人员中，不能签到；如有疑问请联系支部";
      if (!v.open) return `签到时段为 ${v.opens_at} 至 ${v.closes_at}，现在不能签到`;
      return "";
    });
    return { m, error, refusal, done, busy, when, blocked, signIn };
  },
  template: `
    <div class="page signin-page">
      <h1 class="page-title">会议签到</h1>
      <el-result v-if="error" icon="warning" title="无法签到" :sub-title="error" class="signin-error" />
      <el-card v-else-if="m" shadow="never" class="me-card">
        <div class="card-title signin-topic">{{ m.topic }}</div>
        <div class="signin-facts">
          <div>{{ m.org_name }}</div>
          <div>时间：{{ when }}</div>
          <div v-if="m.place">地点：{{ m.place }}</div>
          <div class="form-hint">签到时段：{{ m.opens_at }} 至 {{ m.closes_at }}</div>
        </div>
        <el-result v-if="done" icon="success" title="已签到" :sub-title="'已登记为' + (m.my_status_label || '出席')" class="signin-done" />
        <template v-else>
          <el-alert v-if="blocked || refusal" type="warning" :title="refusal || blocked" :closable="false" show-icon class="signin-refusal" />
          <el-button v-else type="primary" class="signin-go" :loading="busy" @click="signIn">签到</el-button>
          <div class="form-hint">签到只登记本人出席，不获取位置信息。</div>
        </template>
      </el-card>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
