// demand.js: one demand: its facts (类别, 位置, 登记方式, the resident's contact as the server
// gives it: masked unless the caller may read residents' data), the clocks (响应, 当前环节,
// 办结时限) with 超期 flagged, the timeline of every step (who, when, why, the hop's deadline
// and its rule), and the actions the state allows (one transition table on the server; the
// page offers what the state allows and the server still decides, 409 otherwise): 受理, 派单 /
// 转办 to a handler, 退单, 办结 with the result, 回访 with 满意 / 基本满意 / 不满意 and reason,
// 督办 of an overdue demand, 请求协办 of a second handler (and the helper's 协办回复; the
// 协办 card lists each with its deadline and reply), 暂停计时 with its reason (waiting for the resident) and 恢复计时
// (any other step resumes too; the deadlines move on by the time paused). Free text is shown
// as text.
import { api } from "../lib/api.js";
import { can } from "../lib/session.js";
import { fmtDateTime } from "../lib/format.js";
import { fieldErrors, submitForm } from "../lib/forms.js";
import { isMobile } from "../lib/viewport.js";
const { ref, reactive, computed, onMounted } = Vue;

export const routes = [{ path: "/demands/:id", title: "诉求详情", perm: "demands.read" }];

// What the state allows, as offered here (the server's transition table decides).
const OFFER = {
  submitted: ["accept", "supervise"],
  accepted: ["dispatch", "close", "supervise", "pause"],
  dispatched: ["close", "transfer", "return", "assist", "supervise", "pause"],
  reopened: ["dispatch", "close", "supervise", "pause"],
  supervised: ["dispatch", "close", "assist", "supervise", "pause"],
  resolved: ["visit"],
  closed: [],
};
const LABEL = { accept: "受理", dispatch: "派单", transfer: "转办", return: "退单", close: "办结", visit: "回访", supervise: "督办",
  pause: "暂停计时", resume: "恢复计时", assist: "请求协办", assist_reply: "协办回复" };
const NOTE_LABEL = { transfer: "转办原因", return: "退单原因", close: "办理结果（佐证说明）", visit: "不满意原因 / 回访记录", supervise: "督办意见", accept: "备注", dispatch: "派单说明",
  pause: "暂停原因（如：等待居民补充材料、约定上门时间）", resume: "备注", assist: "请协办的事项", assist_reply: "协办情况" };

export default {
  name: "DemandPage",
  props: { id: { type: String, required: true } },
  setup(props) {
    const d = ref(null);
    const error = ref("");
    const handlers = ref([]);
    const dialog = reactive({ open: false, action: "", handler_user_id: null, note: "", answer: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    async function load() {
      try { d.value = await api("GET", `/api/demands/${props.id}`); } catch (e) { error.value = e.message; }
    }
    onMounted(load);
    const actions = computed(() => {
      if (!d.value || !can("demands.handle")) return [];
      const offer = (OFFER[d.value.status] || []).filter((a) => a !== "supervise" || d.value.overdue);
      const open = d.value.paused_at ? offer.filter((a) => a !== "pause").concat("resume") : offer;
      return d.value.my_assist_open ? open.concat("assist_reply") : open;
    });
    async function open(action) {
      Object.assign(dialog, { open: true, action, handler_user_id: null, note: "", answer: action === "visit" ? "satisfied" : "" });
      for (const k of Object.keys(errs)) delete errs[k];
      if (["dispatch", "transfer", "assist"].includes(action) && !handlers.value.length) {
        try { handlers.value = (await api("GET", `/api/demands/${props.id}/handlers`)).items; } catch (e) { ElementPlus.ElMessage.error(e.message); }
      }
    }
    const fileInput = ref(null);
    const uploading = ref(false);
    async function upload(ev) {
      const file = ev.target.files && ev.target.files[0];
      ev.target.value = "";
      if (!file) return;
      const form = new FormData();
      form.append("file", file, file.name);
      uploading.value = true;
      try {
        await api("POST", `/api/demands/${props.id}/photos`, form);
        ElementPlus.ElMessage.success("照片已上传（已去除拍摄位置等信息）");
        await load();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        uploading.value = false;
      }
    }
    const photoUrl = (p) => `/api/demands/${props.id}/photos/${p.id}`;
    async function submit() {
      const body = { action: dialog.action };
      if (["dispatch", "transfer", "assist"].includes(dialog.action)) body.handler_user_id = dialog.handler_user_id || undefined;
      if (dialog.note.trim()) body.note = dialog.note;
      if (dialog.action === "visit") body.answer = dialog.answer;
      const ok = await submitForm({ busy, errs, fields: ["handler_user_id", "note", "answer"] }, async () => {
        const r = await api("POST", `/api/demands/${props.id}/actions`, body);
        ElementPlus.ElMessage.success(`${LABEL[dialog.action]}完成：${r.status_label}`);
      });
      if (ok) {
        dialog.open = false;
        await load();
      }
    }
    const show = (v) => (v === null || v === undefined || v === "" ? "—" : v);
    const statusType = computed(() => (!d.value ? "info" : d.value.overdue ? "danger"
      : { open: "warning", fixed: "success", closed: "info" }[d.value.status_class]));
    const dotType = (e) => ({ close: "success", visit: "primary", supervise: "danger", return: "warning" }[e.action] || "info");
    return { d, error, handlers, dialog, errs, busy, actions, open, submit, show, statusType, dotType, fmtDateTime, isMobile,
             LABEL, NOTE_LABEL, fileInput, uploading, upload, photoUrl, canHandle: computed(() => can("demands.handle")) };
  },
  template: `
    <div class="page demand-page">
      <el-result v-if="error" icon="warning" title="无法查看" :sub-title="error">
        <template #extra><app-link to="/demands"><el-button type="primary">返回诉求办理</el-button></app-link></template>
      </el-result>
      <template v-else-if="d">
        <div class="page-head">
          <h1 class="page-title">诉求 {{ d.number }}</h1>
          <div class="demand-status">
            <el-tag :type="statusType" size="large">{{ d.status_label }}</el-tag>
            <el-tag v-if="d.overdue" type="danger" effect="dark" size="large">超期</el-tag>
            <el-tag v-if="d.paused_at" type="warning" effect="dark" size="large" class="demand-paused">计时暂停（{{ fmtDateTime(d.paused_at) }} 起）</el-tag>
            <el-tag v-if="d.supervise_level" type="danger" size="large">督办 {{ d.supervise_level }} 次</el-tag>
            <el-tag v-if="d.reopen_count && d.status !== 'reopened'" type="warning" size="large">曾重新办理</el-tag>
          </div>
        </div>
        <el-card shadow="never" class="demand-facts">
          <p class="demand-description">{{ d.description }}</p>
          <el-descriptions :column="isMobile ? 1 : 3" border size="small">
            <el-descriptions-item label="类别">{{ d.category_name }}</el-descriptions-item>
            <el-descriptions-item label="社区">{{ d.org_name }}</el-descriptions-item>
            <el-descriptions-item label="网格">{{ show(d.grid_name) }}{{ d.building_name ? ' · ' + d.building_name : '' }}</el-descriptions-item>
            <el-descriptions-item label="地址">{{ show(d.address) }}</el-descriptions-item>
            <el-descriptions-item label="登记方式">{{ d.channel_label }}</el-descriptions-item>
            <el-descriptions-item label="登记人">{{ show(d.intake_by) }}</el-descriptions-item>
            <el-descriptions-item label="诉求人">{{ show(d.reporter_name) }}</el-descriptions-item>
            <el-descriptions-item label="联系电话">{{ show(d.reporter_phone) }}</el-descriptions-item>
            <el-descriptions-item label="本人同意">{{ d.consent ? '是（' + show(d.consent_note) + '）' : '未记录联系方式' }}</el-descriptions-item>
            <el-descriptions-item label="承办人">{{ show(d.handler_name) }}</el-descriptions-item>
            <el-descriptions-item label="登记时间">{{ fmtDateTime(d.created_at) }}</el-descriptions-item>
            <el-descriptions-item label="响应时限">{{ fmtDateTime(d.respond_due) }}{{ d.first_response_at ? '（已于 ' + fmtDateTime(d.first_response_at) + ' 响应）' : '' }}</el-descriptions-item>
            <el-descriptions-item label="当前环节时限">{{ fmtDateTime(d.hop_due) }}</el-descriptions-item>
            <el-descriptions-item label="办结时限">{{ fmtDateTime(d.due_at) }}</el-descriptions-item>
            <el-descriptions-item label="回访结果">{{ show(d.satisfaction_label) }}{{ d.satisfaction_reason ? '：' + d.satisfaction_reason : '' }}</el-descriptions-item>
          </el-descriptions>
          <div v-if="actions.length" class="demand-actions">
            <el-button v-for="a in actions" :key="a" :type="a === 'supervise' ? 'danger' : a === 'close' || a === 'visit' ? 'success' : 'primary'"
                       :plain="a === 'return' || a === 'transfer'" @click="open(a)">{{ LABEL[a] }}</el-button>
          </div>
        </el-card>
        <el-card shadow="never" class="demand-timeline-card demand-photos">
          <template #header>
            <div class="card-head-row"><span>照片（{{ d.photos.length }}）</span>
              <el-button v-if="canHandle" size="small" :loading="uploading" @click="fileInput.click()">上传照片</el-button></div>
          </template>
          <input ref="fileInput" type="file" accept="image/jpeg,image/png" class="photo-input" @change="upload" />
          <div v-if="d.photos.length" class="photo-grid">
            <el-image v-for="p in d.photos" :key="p.id" :src="photoUrl(p)" :preview-src-list="d.photos.map(photoUrl)" fit="cover"
                      class="photo-thumb" :alt="p.file_name" :title="p.file_name + '（' + show(p.uploaded_by) + ' ' + fmtDateTime(p.uploaded_at) + '）'" />
          </div>
          <p v-else class="form-hint">还没有照片。照片只收 JPEG、PNG，保存前去除拍摄位置、相机型号等信息。</p>
        </el-card>
        <el-card v-if="d.assists.length" shadow="never" class="demand-timeline-card demand-assists">
          <template #header>协办（{{ d.assists.length }}）</template>
          <div v-for="x in d.assists" :key="x.id" class="assist-row">
            <div><strong>{{ x.name }}</strong>
              <el-tag v-if="x.done_at" type="success" size="small">已回复</el-tag>
              <el-tag v-else :type="x.late ? 'danger' : 'warning'" size="small">{{ x.late ? '超期未回复' : '待回复' }}</el-tag>
              <span class="form-hint"> {{ show(x.asked_by) }} {{ fmtDateTime(x.asked_at) }} 请求，{{ fmtDateTime(x.due_at) }} 前回复</span></div>
            <div class="timeline-note">{{ x.note }}</div>
            <div v-if="x.reply" class="timeline-note">回复：{{ x.reply }}</div>
          </div>
        </el-card>
        <el-card shadow="never" class="demand-timeline-card">
          <template #header>办理经过</template>
          <el-timeline class="demand-timeline">
            <el-timeline-item v-for="e in d.events" :key="e.id" :timestamp="fmtDateTime(e.at)" :type="dotType(e)" placement="top">
              <div class="timeline-head"><strong>{{ e.action_label }}</strong> → {{ e.to_label }}<span class="timeline-who"> · {{ show(e.actor) }}</span></div>
              <div v-if="e.handler" class="timeline-line">{{ e.action === 'assist' ? '协办人' : '承办人' }}：{{ e.handler }}</div>
              <div v-if="e.note" class="timeline-line timeline-note">{{ e.note }}</div>
              <div v-if="e.deadline" class="timeline-line form-hint">时限 {{ fmtDateTime(e.deadline) }}（{{ e.rule_id }}，{{ e.rule_hours }} 小时）</div>
            </el-timeline-item>
          </el-timeline>
        </el-card>
        <el-dialog v-model="dialog.open" :title="LABEL[dialog.action]" :width="isMobile ? '94%' : '480px'" append-to-body>
          <el-form label-position="top" @submit.prevent="submit">
            <el-form-item v-if="['dispatch', 'transfer', 'assist'].includes(dialog.action)" :label="dialog.action === 'assist' ? '协办人' : '承办人'" required :error="errs.handler_user_id">
              <el-select v-model="dialog.handler_user_id" filterable placeholder="请选择承办人" class="w-full">
                <el-option v-for="h in handlers" :key="h.user_id" :label="h.name + '（' + h.org_name + '）'" :value="h.user_id" />
              </el-select>
            </el-form-item>
            <el-form-item v-if="dialog.action === 'visit'" label="回访结果" required :error="errs.answer">
              <el-radio-group v-model="dialog.answer">
                <el-radio label="satisfied">满意</el-radio><el-radio label="basically">基本满意</el-radio><el-radio label="unsatisfied">不满意</el-radio>
              </el-radio-group>
            </el-form-item>
            <el-form-item :label="NOTE_LABEL[dialog.action]" :required="['transfer', 'return', 'close', 'supervise', 'pause', 'assist', 'assist_reply'].includes(dialog.action) || dialog.answer === 'unsatisfied'" :error="errs.note">
              <el-input v-model="dialog.note" type="textarea" :rows="3" maxlength="1000" />
            </el-form-item>
            <p v-if="dialog.action === 'visit' && dialog.answer === 'unsatisfied'" class="form-hint">第一次不满意重新办理；再次不满意转督办。</p>
          </el-form>
          <template #footer>
            <el-button @click="dialog.open = false">取消</el-button>
            <el-button type="primary" :loading="busy" @click="submit">确定</el-button>
          </template>
        </el-dialog>
      </template>
    </div>`,
};
