// meeting-signin.js: 签到 on a meeting's page, for holders of orglife.write: the meeting's
// sign-in link and its QR code (drawn by the server), the window in which it works (from N
// minutes before the start to M after the end), 复制链接, and 生成/更换签到码 (a new code stops
// the old link). Members open the link on their phone and sign themselves in (pages/signin.js);
// no location is asked.
import { api } from "../lib/api.js";
const { ref, onMounted } = Vue;

export default {
  name: "MeetingSignin",
  props: { meetingId: { type: Number, required: true } },
  setup(props) {
    const link = ref(null);
    const error = ref("");
    const busy = ref(false);
    const path = `/api/meetings/${props.meetingId}/signin`;
    onMounted(async () => {
      try {
        link.value = await api("GET", path);
      } catch (e) {
        error.value = e.message;
      }
    });
    async function renew() {
      if (link.value && link.value.token) {
        try {
          await ElementPlus.ElMessageBox.confirm("更换后，原来的签到链接和二维码立即失效。确定更换吗？", "更换签到码",
            { confirmButtonText: "更换", cancelButtonText: "取消", type: "warning" });
        } catch {
          return;
        }
      }
      busy.value = true;
      try {
        link.value = await api("POST", path);
        ElementPlus.ElMessage.success("签到码已生成");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        busy.value = false;
      }
    }
    async function copy() {
      try {
        await navigator.clipboard.writeText(link.value.url);
        ElementPlus.ElMessage.success("链接已复制");
      } catch {
        ElementPlus.ElMessage.info("请长按或选中链接复制");
      }
    }
    const PHASE = { before: ["未到签到时间", "info"], open: ["正在签到", "success"], after: ["签到已结束", "info"], cancelled: ["会议已取消", "info"] };
    const phase = (l) => PHASE[l.phase] || PHASE.after;
    return { link, error, busy, renew, copy, phase };
  },
  template: `
    <el-card shadow="never" class="me-card meeting-signin">
      <template #header><span class="card-title">签到</span></template>
      <el-alert v-if="error" type="error" :title="error" :closable="false" />
      <template v-else-if="link">
        <div v-if="link.token" class="signin-box">
          <img :key="link.token" class="signin-qr" :src="'/api/meetings/' + meetingId + '/signin-qr.svg'" alt="签到二维码" />
          <div class="signin-info">
            <div class="signin-window">签到时段：{{ link.opens_at }} 至 {{ link.closes_at }}
              <el-tag size="small" :type="phase(link)[1]" class="tag-gap-left signin-phase">{{ phase(link)[0] }}</el-tag></div>
            <div class="signin-url">{{ link.url }}</div>
            <div class="form-hint">党员用手机扫码或打开链接，用本人账号登录后点“签到”即登记为出席。签到不获取位置；记录人登记的请假等情况不会被覆盖。</div>
            <div class="form-actions left">
              <el-button size="small" icon="DocumentCopy" class="signin-copy" @click="copy">复制链接</el-button>
              <el-button size="small" icon="Refresh" class="signin-renew" :loading="busy" :disabled="link.phase === 'cancelled'" @click="renew">更换签到码</el-button>
            </div>
          </div>
        </div>
        <div v-else-if="link.phase === 'after' || link.phase === 'cancelled'" class="signin-empty form-hint">
          {{ link.phase === 'cancelled' ? '会议已取消，无需签到。' : '签到时段已于 ' + link.closes_at + ' 结束；出席情况请用“登记出席”登记。' }}
        </div>
        <div v-else class="signin-empty">
          <div class="form-hint">生成签到码后，党员可在 {{ link.opens_at }} 至 {{ link.closes_at }} 扫码签到。</div>
          <el-button type="primary" icon="Iphone" class="signin-make" :loading="busy" @click="renew">生成签到码</el-button>
        </div>
      </template>
    </el-card>`,
};
