// posts.js: 志愿服务 → 公益岗位 (设岗定责): the scope's posts with who holds each today and how many
// claims it had (GET /api/volunteer/posts), and 设岗: name, kind (关爱老弱岗, 帮助就业岗, 帮贫济困岗,
// 党员先锋岗…), duties and period. Members claim posts on 我的. Duties are shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { options } from "../../lib/meta.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, watch, onMounted } = Vue;

export default {
  name: "VolPosts",
  components: { DataList, FormActions },
  setup() {
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/volunteer/posts", { org: scope.orgId })));
      if (r) items.value = r.items;
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ name: "", kind: "care", duties: "", starts_on: "", ends_on: "" });
    async function submit() {
      const ok = await submitForm({ busy, errs, fields: ["name", "kind", "duties", "starts_on", "ends_on"] }, async () => {
        await api("POST", "/api/volunteer/posts", { org_id: scope.orgId, ...form });
        ElementPlus.ElMessage.success("岗位已设置");
      });
      if (ok) { open.value = false; load(); }
    }
    const kinds = () => options("volunteer_post_kind");
    const columns = [{ key: "name", label: "岗位", min: 130 }, { key: "kind_label", label: "类别", width: 110 }, { key: "duties", label: "职责", min: 200 },
                     { key: "starts_on", label: "期限", width: 200 }, { key: "holder", label: "当前认领人", width: 110 }, { key: "claims", label: "认领次数", width: 90 }];
    return { items, loading, columns, open, busy, errs, form, submit, kinds, can, isMobile };
  },
  template: `
    <div class="vol-posts">
      <div class="toolbar"><el-button v-if="can('volunteer.write')" type="primary" icon="Plus" class="vol-new-post" @click="open = true">设置岗位</el-button></div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="还没有公益岗位">
        <template #starts_on="{ row }">{{ row.starts_on }} 至 {{ row.ends_on }}</template>
      </data-list>
      <el-dialog v-model="open" title="设置公益岗位" :fullscreen="isMobile" width="560px">
        <el-form label-position="top" @submit.prevent="submit">
          <el-form-item label="岗位名称" :error="errs.name"><el-input v-model="form.name" maxlength="60" /></el-form-item>
          <el-form-item label="类别" :error="errs.kind"><el-select v-model="form.kind" style="width: 100%"><el-option v-for="k in kinds()" :key="k.value" :label="k.label" :value="k.value" /></el-select></el-form-item>
          <el-form-item label="岗位职责" :error="errs.duties"><el-input v-model="form.duties" type="textarea" :rows="3" maxlength="1000" /></el-form-item>
          <el-form-item label="开始日期" :error="errs.starts_on"><el-date-picker v-model="form.starts_on" type="date" value-format="YYYY-MM-DD" style="width: 100%" /></el-form-item>
          <el-form-item label="结束日期" :error="errs.ends_on"><el-date-picker v-model="form.ends_on" type="date" value-format="YYYY-MM-DD" style="width: 100%" /></el-form-item>
          <form-actions label="设置" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
