// docs.js: the 材料 card of an applicant's page (pages/dev-applicant.js): the documents on file
// (kind, date, name, size; each a download, saved and never opened as a page), a soft reminder
// of those the steps recorded call for and that are missing (never a block: a step is refused
// on recorded decisions only), the links to the printable forms (pages/dev-print.js), and for
// holders of dev.write an upload dialog (kind, date, the 入党志愿书 number, note, file: PDF, PNG,
// JPEG or Word .docx, the server reads the kind from the bytes) and delete. After 材料归档
// (step 25) the list is closed. Text is shown as text.
import { api, withQuery } from "../../lib/api.js";
import { can } from "../../lib/session.js";
import { fmtDateTime } from "../../lib/format.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
const { ref, reactive, computed, onMounted } = Vue;

export const KINDS = [["application", "入党申请书"], ["report", "思想汇报"], ["review", "考察记录"], ["polreview", "政审材料"],
  ["training", "培训证书"], ["volunteer", "入党志愿书"], ["conversion", "转正申请书"], ["other", "其他"]];
export const FORMS = [["record", "发展党员工作全程纪实表"], ["filing", "发展对象备案表"], ["archive", "材料归档清单"]];
export const fileSize = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export default {
  name: "DevDocs",
  props: { applicant: { type: Object, required: true } },
  setup(props) {
    const data = ref(null);
    const error = ref("");
    const base = `/api/dev/applicants/${props.applicant.id}/documents`;
    const archived = computed(() => props.applicant.steps.some((s) => s.step === 25));
    async function load() {
      try {
        data.value = await api("GET", base);
      } catch (e) {
        error.value = e.message;
      }
    }
    onMounted(load);
    // Missing documents the recorded steps call for (the archive's own list is on its form).
    const missing = computed(() => (data.value && !archived.value ? data.value.needs.filter((n) => n.due && !n.have) : []));

    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ kind: "application", date: todayCN(), number: "", note: "", file: null });
    const input = ref(null);
    function start(kind) {
      Object.assign(form, { kind: kind || "application", date: todayCN(), number: "", note: "", file: null });
      for (const k of Object.keys(errs)) delete errs[k];
      if (input.value) input.value.value = "";
      open.value = true;
    }
    function picked(ev) {
      form.file = (ev.target.files && ev.target.files[0]) || null;
      delete errs.file;
    }
    async function save() {
      if (!form.file) {
        errs.file = "请选择要上传的文件";
        return;
      }
      const q = { kind: form.kind, date: form.date || "" };
      if (form.kind === "volunteer" && form.number.trim()) q.number = form.number.trim();
      if (form.note.trim()) q.note = form.note.trim();
      const body = new FormData();
      body.append("file", form.file, form.file.name);
      await submitForm({ busy, errs, fields: ["kind", "date", "number", "note", "file"] }, async () => {
        const d = await api("POST", withQuery(base, q), body);
        ElementPlus.ElMessage.success(`已上传 ${d.kind_label}：${d.file_name}`);
        open.value = false;
        await load();
      });
    }
    async function remove(d) {
      try {
        await ElementPlus.ElMessageBox.confirm(`删除材料“${d.file_name}”？删除后不能恢复。`, "删除材料",
          { confirmButtonText: "删除", cancelButtonText: "取消", type: "warning" });
      } catch {
        return;
      }
      try {
        data.value = await api("DELETE", `${base}/${d.id}`);
        ElementPlus.ElMessage.success("材料已删除");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    return { data, error, base, archived, missing, open, busy, errs, form, input, start, picked, save, remove, fileSize, fmtDateTime,
             KINDS, FORMS, canWrite: computed(() => can("dev.write")), printPath: (f) => `/dev/applicants/${props.applicant.id}/print/${f}` };
  },
  template: `
    <el-card shadow="never" class="dev-docs">
      <template #header>
        <div class="card-head">
          <span class="card-title">材料</span>
          <span class="dev-docs-tools">
            <el-dropdown trigger="click" class="dev-print">
              <el-button size="small" icon="Printer" class="dev-print-button">打印</el-button>
              <template #dropdown>
                <el-dropdown-menu>
                  <el-dropdown-item v-for="f in FORMS" :key="f[0]" :class="'print-' + f[0]"><app-link :to="printPath(f[0])" class="dev-print-link">{{ f[1] }}</app-link></el-dropdown-item>
                </el-dropdown-menu>
              </template>
            </el-dropdown>
            <el-button v-if="canWrite && !archived" size="small" type="primary" plain icon="Upload" class="doc-upload" @click="start()">上传材料</el-button>
          </span>
        </div>
      </template>
      <el-alert v-if="error" type="error" :title="error" :closable="false" />
      <template v-else-if="data">
        <div v-if="missing.length" class="dev-docs-missing">
          <div v-for="n in missing" :key="n.kind" class="doc-missing" :data-kind="n.kind">
            <el-icon><InfoFilled /></el-icon>
            <span>尚未上传{{ n.kind_label }}（第{{ n.from }}步 {{ n.from_name }}）<template v-if="n.before">，宜在第{{ n.before }}步 {{ n.before_name }}前备齐</template>。</span>
            <el-button v-if="canWrite" link type="primary" size="small" class="doc-missing-add" @click="start(n.kind)">上传</el-button>
          </div>
        </div>
        <ul v-if="data.items.length" class="attach-list doc-list">
          <li v-for="d in data.items" :key="d.id" class="attach-item doc-item" :data-kind="d.kind">
            <el-tag size="small" type="info" class="doc-kind">{{ d.kind_label }}</el-tag>
            <a class="link attach-name doc-name" :href="base + '/' + d.id" :download="d.file_name">{{ d.file_name }}</a>
            <span class="attach-meta">{{ d.date }}<template v-if="d.number"> · 编号 {{ d.number }}</template> · {{ d.file_kind_label }} {{ fileSize(d.size) }} · {{ d.uploaded_by_name || '—' }} {{ fmtDateTime(d.uploaded_at) }}</span>
            <el-button v-if="canWrite && !archived" size="small" text type="danger" class="doc-delete" @click="remove(d)">删除</el-button>
            <div v-if="d.note" class="doc-note">{{ d.note }}</div>
          </li>
        </ul>
        <div v-else class="form-hint doc-empty">暂无材料</div>
        <div v-if="archived" class="form-hint">已于第25步材料归档，材料不再增删。</div>
        <div v-else-if="canWrite" class="form-hint">可上传 PDF、PNG、JPEG 图片或 Word（.docx）文件（扫描件或照片）；按文件内容识别类型。</div>
      </template>
      <el-dialog v-model="open" title="上传材料" width="min(520px, 94vw)" class="doc-dialog" append-to-body>
        <el-form label-position="top" @submit.prevent>
          <div class="form-grid">
            <el-form-item label="类别" :error="errs.kind">
              <el-select v-model="form.kind" class="f-doc-kind"><el-option v-for="k in KINDS" :key="k[0]" :value="k[0]" :label="k[1]" /></el-select>
            </el-form-item>
            <el-form-item label="材料日期" :error="errs.date">
              <el-date-picker v-model="form.date" type="date" value-format="YYYY-MM-DD" class="f-doc-date" />
            </el-form-item>
          </div>
          <el-form-item v-if="form.kind === 'volunteer'" label="入党志愿书编号" :error="errs.number">
            <el-input v-model="form.number" maxlength="40" :placeholder="data && data.volunteer_number ? '已登记 ' + data.volunteer_number : '印在志愿书封面上的编号'" class="f-doc-number" />
          </el-form-item>
          <el-form-item label="备注" :error="errs.note"><el-input v-model="form.note" type="textarea" maxlength="500" class="f-doc-note" /></el-form-item>
          <el-form-item label="文件" :error="errs.file">
            <input ref="input" type="file" class="f-doc-file" accept=".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document" @change="picked" />
            <div class="form-hint">PDF、PNG、JPEG 或 Word（.docx），按文件内容识别类型。</div>
          </el-form-item>
        </el-form>
        <template #footer>
          <el-button @click="open = false">取消</el-button>
          <el-button type="primary" :loading="busy" class="doc-save" @click="save">上传</el-button>
        </template>
      </el-dialog>
    </el-card>`,
};
