// teams.js: 志愿服务 → 队伍: the scope's volunteer teams (GET /api/volunteer/teams) with leader,
// members and skills, and 组建队伍 (name, leader, skills; members are added by person id through
// the API). Names are shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import PersonSelect from "../../components/person-select.js";
const { ref, reactive, watch, onMounted } = Vue;

export default {
  name: "VolTeams",
  components: { DataList, FormActions, PersonSelect },
  setup() {
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/volunteer/teams", { org: scope.orgId })));
      if (r) items.value = r.items;
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ name: "", leader_person_id: null, skills: "" });
    async function submit() {
      const ok = await submitForm({ busy, errs, fields: ["name", "leader_person_id", "skills"] }, async () => {
        await api("POST", "/api/volunteer/teams", { org_id: scope.orgId, name: form.name, leader_person_id: form.leader_person_id || undefined,
                                                   skills: form.skills || undefined, members: form.leader_person_id ? [{ person_id: form.leader_person_id }] : [] });
        ElementPlus.ElMessage.success("队伍已组建");
      });
      if (ok) { open.value = false; Object.assign(form, { name: "", leader_person_id: null, skills: "" }); load(); }
    }
    const columns = [{ key: "name", label: "队伍", min: 150 }, { key: "org_name", label: "所属组织", min: 160 }, { key: "leader_name", label: "队长", width: 100 },
                     { key: "members", label: "队员", width: 80 }, { key: "skills", label: "服务专长", min: 150 }];
    return { items, loading, columns, open, busy, errs, form, submit, can, scope, isMobile };
  },
  template: `
    <div class="vol-teams">
      <div class="toolbar"><el-button v-if="can('volunteer.write')" type="primary" icon="Plus" @click="open = true">组建队伍</el-button></div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="还没有志愿服务队" />
      <el-dialog v-model="open" title="组建志愿服务队" :fullscreen="isMobile" width="520px">
        <el-form label-position="top" @submit.prevent="submit">
          <el-form-item label="队伍名称" :error="errs.name"><el-input v-model="form.name" maxlength="60" /></el-form-item>
          <el-form-item label="队长" :error="errs.leader_person_id"><person-select v-model="form.leader_person_id" :org-id="scope.orgId" /></el-form-item>
          <el-form-item label="服务专长（选填）" :error="errs.skills"><el-input v-model="form.skills" maxlength="100" /></el-form-item>
          <form-actions label="组建" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
