// bodies.js: 议事协商 → 议事机构: the scope's bodies (GET /api/bodies), one body's current roster
// with the composition rules' warnings (DELIB-PARTY-SHARE, DELIB-RESIDENT-MIN), seats added (a
// member found by name, or any person by number) and ended, its meetings and 召集会议. Emits
// `meeting` with a meeting's id to open it on the next tab. Names are shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import PersonSelect from "../../components/person-select.js";
const { ref, reactive, watch, onMounted } = Vue;

const ROLES = [["party_rep", "党员代表"], ["resident_rep", "居民代表"], ["npc_deputy", "人大代表"], ["cppcc_member", "政协委员"], ["unit_rep", "驻区单位代表"]];

export default {
  name: "DelibBodies",
  components: { DataList, FormActions, PersonSelect },
  emits: ["meeting"],
  setup(_, { emit }) {
    const items = ref([]);
    const loading = ref(false);
    const body = ref(null);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/bodies", { org: scope.orgId })));
      if (r) {
        items.value = r.items;
        if (!body.value && r.items.length) pick(r.items[0]);
      }
    }
    async function pick(row) {
      const r = await loadWith(loading, () => api("GET", `/api/bodies/${row.id}`));
      if (r) body.value = r;
    }
    watch(() => scope.orgId, () => { body.value = null; load(); });
    onMounted(load);
    const dlg = reactive({ body: false, seat: false, meeting: false });
    const busy = ref(false);
    const errs = fieldErrors();
    const bf = reactive({ kind: "community_council", name: "" });
    const sf = reactive({ person_id: null, by_number: "", role: "party_rep", joined_on: todayCN() });
    const mf = reactive({ held_on: todayCN(), place: "", agenda: "" });
    const warnings = ref([]);
    async function addBody() {
      const ok = await submitForm({ busy, errs, fields: ["org_id", "kind", "name"] }, async () => {
        await api("POST", "/api/bodies", { org_id: scope.orgId, kind: bf.kind, name: bf.name });
        ElementPlus.ElMessage.success("议事机构已设立");
      });
      if (ok) { dlg.body = false; load(); }
    }
    async function addSeat() {
      const ok = await submitForm({ busy, errs, fields: ["person_id", "role", "joined_on"] }, async () => {
        const pid = sf.by_number ? Number(sf.by_number) : sf.person_id;
        const r = await api("POST", `/api/bodies/${body.value.id}/seats`, { person_id: pid, role: sf.role, joined_on: sf.joined_on });
        warnings.value = r.check.warnings;
        ElementPlus.ElMessage.success("已加入代表名册");
      });
      if (ok) { dlg.seat = false; Object.assign(sf, { person_id: null, by_number: "" }); pick(body.value); }
    }
    async function endSeat(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`${row.name} 于今天退出代表名册？`, "退出名册", { type: "warning" });
        await api("POST", `/api/deliberation/seats/${row.id}/end`, { left_on: todayCN() });
        pick(body.value);
      } catch (e) { if (e !== "cancel" && e.message) ElementPlus.ElMessage.error(e.message); }
    }
    async function addMeeting() {
      const ok = await submitForm({ busy, errs, fields: ["held_on", "place", "agenda"] }, async () => {
        const r = await api("POST", `/api/bodies/${body.value.id}/meetings`, { ...mf });
        ElementPlus.ElMessage.success("会议已召集");
        emit("meeting", r.id);
      });
      if (ok) { dlg.meeting = false; pick(body.value); }
    }
    const columns = [{ key: "name", label: "议事机构", min: 160 }, { key: "kind_label", label: "类别", width: 140 }, { key: "org_name", label: "所属组织", min: 160 },
                     { key: "seats", label: "现任代表", width: 90 }, { key: "ops", label: "", width: 110, phone: "actions" }];
    const seatCols = [{ key: "name", label: "姓名", min: 100 }, { key: "role_label", label: "身份", width: 120 }, { key: "party", label: "党员", width: 70 },
                      { key: "joined_on", label: "加入日期", width: 120 }, { key: "ops", label: "", width: 90, phone: "actions" }];
    const meetCols = [{ key: "held_on", label: "日期", width: 120 }, { key: "place", label: "地点", min: 140 }, { key: "status_label", label: "状态", width: 90 },
                      { key: "present", label: "到会/名册", width: 100 }, { key: "ops", label: "", width: 90, phone: "actions" }];
    return { items, loading, body, pick, columns, seatCols, meetCols, dlg, busy, errs, bf, sf, mf, ROLES, warnings, addBody, addSeat, endSeat, addMeeting, can, scope, isMobile, emit };
  },
  template: `
    <div class="delib-bodies">
      <div class="toolbar"><el-button v-if="can('deliberation.write')" type="primary" icon="Plus" @click="dlg.body = true">设立议事机构</el-button></div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="还没有议事机构">
        <template #ops="{ row }"><el-button link type="primary" @click="pick(row)">名册与会议</el-button></template>
      </data-list>
      <template v-if="body">
        <h3 class="section-title">{{ body.name }}<span class="muted">（{{ body.org_name }}）</span></h3>
        <div class="delib-check">
          <span>代表 {{ body.check.roster }} 人，其中党员 {{ body.check.party }} 人，居民代表 {{ body.check.residents }} 人</span>
          <el-alert v-for="w in body.check.warnings" :key="w" :title="w" type="warning" :closable="false" show-icon class="delib-warning" />
          <el-alert v-if="!body.check.warnings.length" title="代表构成符合议事规则" type="success" :closable="false" show-icon class="delib-warning" />
        </div>
        <div class="toolbar" v-if="can('deliberation.write')">
          <el-button icon="Plus" @click="dlg.seat = true">增加代表</el-button>
          <el-button icon="Calendar" @click="dlg.meeting = true">召集会议</el-button>
        </div>
        <data-list :rows="body.roster" :columns="seatCols" size="small" empty-text="名册为空">
          <template #party="{ row }">{{ row.party ? '是' : '否' }}</template>
          <template #ops="{ row }"><el-button v-if="can('deliberation.write')" link type="danger" @click="endSeat(row)">退出</el-button></template>
        </data-list>
        <h3 class="section-title">会议</h3>
        <data-list :rows="body.meetings" :columns="meetCols" size="small" empty-text="还没有会议">
          <template #present="{ row }">{{ row.present }}/{{ row.roster }}</template>
          <template #ops="{ row }"><el-button link type="primary" @click="emit('meeting', row.id)">进入</el-button></template>
        </data-list>
      </template>
      <el-dialog v-model="dlg.body" title="设立议事机构" :fullscreen="isMobile" width="480px">
        <el-form label-position="top" @submit.prevent="addBody">
          <el-form-item label="类别" :error="errs.kind || errs.org_id">
            <el-radio-group v-model="bf.kind"><el-radio value="community_council">社区议事会</el-radio><el-radio value="street_assembly">街道协商议事会</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item label="名称" :error="errs.name"><el-input v-model="bf.name" maxlength="60" /></el-form-item>
          <form-actions label="设立" :busy="busy" @cancel="dlg.body = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="dlg.seat" title="增加代表" :fullscreen="isMobile" width="480px">
        <el-form label-position="top" @submit.prevent="addSeat">
          <el-form-item label="党员（按姓名查找）" :error="errs.person_id"><person-select v-model="sf.person_id" :org-id="scope.orgId" /></el-form-item>
          <el-form-item label="或居民的人员编号"><el-input v-model="sf.by_number" inputmode="numeric" maxlength="12" /></el-form-item>
          <el-form-item label="身份" :error="errs.role"><el-select v-model="sf.role"><el-option v-for="r in ROLES" :key="r[0]" :value="r[0]" :label="r[1]" /></el-select></el-form-item>
          <el-form-item label="加入日期" :error="errs.joined_on"><el-date-picker v-model="sf.joined_on" value-format="YYYY-MM-DD" /></el-form-item>
          <form-actions label="加入名册" :busy="busy" @cancel="dlg.seat = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="dlg.meeting" title="召集议事会议" :fullscreen="isMobile" width="520px">
        <el-form label-position="top" @submit.prevent="addMeeting">
          <el-form-item label="会议日期" :error="errs.held_on"><el-date-picker v-model="mf.held_on" value-format="YYYY-MM-DD" /></el-form-item>
          <el-form-item label="地点" :error="errs.place"><el-input v-model="mf.place" maxlength="100" /></el-form-item>
          <el-form-item label="议程" :error="errs.agenda"><el-input v-model="mf.agenda" type="textarea" :rows="3" maxlength="2000" /></el-form-item>
          <form-actions label="召集" :busy="busy" @cancel="dlg.meeting = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
