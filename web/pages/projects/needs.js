// needs.js: 民生实事 → 需求池: the year's needs of the scope (GET /api/needs) with their source;
// a need from a demand shows the demand's own number and category (linked, never copied).
// 登记需求 (POST /api/needs) and 合并 (POST /api/needs/{id}/merge: the merged need keeps its
// source and points at the one kept). Text is shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, watch, onMounted } = Vue;

const SOURCES = [["demand", "群众诉求"], ["survey", "问卷调查"], ["meeting", "议事会议"], ["unit", "驻区单位"], ["resident", "居民建议"], ["other", "其他"]];

export default {
  name: "ProjNeeds",
  components: { DataList, FormActions },
  setup() {
    const year = ref(Number(todayCN().slice(0, 4)));
    const status = ref("open");
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/needs", { org: scope.orgId, year: year.value, status: status.value || undefined })));
      if (r) items.value = r.items;
    }
    watch(() => [scope.orgId, year.value, status.value], load);
    onMounted(load);
    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ title: "", description: "", source_kind: "demand", source_id: "" });
    async function submit() {
      const ok = await submitForm({ busy, errs, fields: ["org_id", "title", "description", "source_kind", "source_id"] }, async () => {
        await api("POST", "/api/needs", { org_id: scope.orgId, year: year.value, title: form.title, description: form.description || undefined,
                                          source_kind: form.source_kind, source_id: form.source_id ? Number(form.source_id) : undefined });
        ElementPlus.ElMessage.success("需求已登记");
      });
      if (ok) { open.value = false; Object.assign(form, { title: "", description: "", source_id: "" }); load(); }
    }
    async function merge(n) {
      const others = items.value.filter((x) => x.id !== n.id && x.status === "open");
      let into;
      try {
        into = (await ElementPlus.ElMessageBox.prompt(`把“${n.title}”合并到哪条需求？请输入需求编号（${others.slice(0, 5).map((x) => x.id).join("、")}…）`, "合并重复需求",
          { inputPattern: /^\d+$/, inputErrorMessage: "请输入需求编号" })).value;
      } catch { return; }
      try {
        await api("POST", `/api/needs/${n.id}/merge`, { into: Number(into) });
        ElementPlus.ElMessage.success("已合并，来源均保留");
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      load();
    }
    const columns = [{ key: "title", label: "需求", min: 180 }, { key: "id", label: "编号", width: 70 }, { key: "source", label: "来源", min: 150 },
                     { key: "status_label", label: "状态", width: 110 }, { key: "ops", label: "", width: 90, phone: "actions" }];
    return { year, status, items, loading, columns, open, busy, errs, form, submit, merge, can, scope, isMobile, SOURCES };
  },
  template: `
    <div class="proj-needs">
      <div class="toolbar">
        <el-input-number v-model="year" :min="2000" :max="2999" :controls="false" class="year-input" />
        <el-select v-model="status" class="status-select" clearable placeholder="全部状态">
          <el-option label="待处理" value="open" /><el-option label="已合并" value="merged" />
        </el-select>
        <el-button v-if="can('projects.write')" type="primary" icon="Plus" class="need-new" @click="open = true">登记需求</el-button>
      </div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="这一年度还没有需求">
        <template #source="{ row }">
          {{ row.source_label }}<template v-if="row.demand">：{{ row.demand.number }}（{{ row.demand.category }}）</template>
          <template v-if="row.merged_count"> · 含 {{ row.merged_count }} 条合并</template>
        </template>
        <template #status_label="{ row }">{{ row.status_label }}<template v-if="row.merged_into"> → {{ row.merged_into }}</template></template>
        <template #ops="{ row }">
          <el-button v-if="can('projects.write') && row.status === 'open'" size="small" @click="merge(row)">合并</el-button>
        </template>
      </data-list>
      <el-dialog v-model="open" title="登记需求" :fullscreen="isMobile" width="520px">
        <el-form label-position="top" @submit.prevent="submit">
          <p class="form-hint">{{ scope.orgName }} · {{ year }} 年度</p>
          <el-form-item label="需求" :error="errs.title || errs.org_id"><el-input v-model="form.title" maxlength="100" /></el-form-item>
          <el-form-item label="来源" :error="errs.source_kind">
            <el-select v-model="form.source_kind"><el-option v-for="s in SOURCES" :key="s[0]" :label="s[1]" :value="s[0]" /></el-select>
          </el-form-item>
          <el-form-item v-if="form.source_kind === 'demand'" label="诉求编号（系统内编号）" :error="errs.source_id"><el-input v-model="form.source_id" inputmode="numeric" /></el-form-item>
          <el-form-item label="说明（选填）" :error="errs.description"><el-input v-model="form.description" type="textarea" :rows="3" maxlength="2000" /></el-form-item>
          <form-actions label="登记" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
