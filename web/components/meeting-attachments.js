// meeting-attachments.js: 附件 on a meeting's page: the meeting's files (签到表, photos, 会议
// 材料) with their kind, size, who uploaded them and when, each a download link (saved, never
// opened as a page); holders of orglife.write upload (PDF, PNG, JPEG, Word .docx: the server
// reads the kind from the bytes) and delete, and see the meeting's sign-in card
// (meeting-signin.js). Mounted by pages/meeting.js with one line.
import { api } from "../lib/api.js";
import { can } from "../lib/session.js";
import { fmtDateTime } from "../lib/format.js";
import MeetingSignin from "./meeting-signin.js";
const { ref, onMounted } = Vue;

const size = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export default {
  name: "MeetingAttachments",
  components: { MeetingSignin },
  props: { meeting: { type: Object, required: true } },
  setup(props) {
    const items = ref([]);
    const error = ref("");
    const busy = ref(false);
    const input = ref(null);
    const base = `/api/meetings/${props.meeting.id}/attachments`;
    onMounted(async () => {
      try {
        items.value = (await api("GET", base)).items;
      } catch (e) {
        error.value = e.message;
      }
    });
    async function picked(ev) {
      const file = ev.target.files && ev.target.files[0];
      ev.target.value = "";
      if (!file) return;
      const form = new FormData();
      form.append("file", file, file.name);
      busy.value = true;
      try {
        const a = await api("POST", base, form);
        items.value.push(a);
        ElementPlus.ElMessage.success(`已上传 ${a.file_name}`);
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        busy.value = false;
      }
    }
    async function remove(a) {
      try {
        await ElementPlus.ElMessageBox.confirm(`删除附件“${a.file_name}”？删除后不能恢复。`, "删除附件",
          { confirmButtonText: "删除", cancelButtonText: "取消", type: "warning" });
      } catch {
        return;
      }
      try {
        items.value = (await api("DELETE", `${base}/${a.id}`)).items;
        ElementPlus.ElMessage.success("附件已删除");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    return { items, error, busy, input, base, picked, remove, size, fmtDateTime, canWrite: can("orglife.write"),
             choose: () => input.value && input.value.click() };
  },
  template: `
    <div class="meeting-extras">
      <el-card shadow="never" class="me-card meeting-attachments">
        <template #header>
          <div class="card-head">
            <span class="card-title">附件</span>
            <template v-if="canWrite">
              <input ref="input" type="file" class="attach-input" accept=".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document" @change="picked" />
              <el-button size="small" type="primary" plain icon="Upload" class="attach-upload" :loading="busy" @click="choose">上传附件</el-button>
            </template>
          </div>
        </template>
        <el-alert v-if="error" type="error" :title="error" :closable="false" />
        <ul v-else-if="items.length" class="attach-list">
          <li v-for="a in items" :key="a.id" class="attach-item">
            <a class="link attach-name" :href="base + '/' + a.id" :download="a.file_name">{{ a.file_name }}</a>
            <span class="attach-meta">{{ a.kind_label }} · {{ size(a.size) }} · {{ a.uploaded_by_name || '—' }} {{ fmtDateTime(a.uploaded_at) }}</span>
            <el-button v-if="canWrite" size="small" text type="danger" class="attach-delete" @click="remove(a)">删除</el-button>
          </li>
        </ul>
        <div v-else class="form-hint attach-empty">暂无附件</div>
        <div v-if="canWrite" class="form-hint">可上传 PDF、PNG、JPEG 图片或 Word（.docx）文件，如签到表、现场照片、会议材料；按文件内容识别类型。</div>
      </el-card>
      <meeting-signin v-if="canWrite" :meeting-id="meeting.id" />
    </div>`,
};
