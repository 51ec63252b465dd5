// units.js: the 成员单位 tab of the org page: the street/community 大党委's member units and the
// 共建单位 (current first, then those that left, kept as history), a dialog to link one and a
// button to record a unit's withdrawal; a table on a wide screen, cards on a phone
// (components/data-list.js). Props: orgId, writable (orgs.write here and the org not
// dissolved).
import { api } from "../../lib/api.js";
import { fmtDate } from "../../lib/format.js";
import { fieldErrors, clearErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { options } from "../../lib/meta.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, computed, onMounted } = Vue;

const COLUMNS = [
  { key: "unit_name", label: "单位名称", min: 160 },
  { key: "kind_label", label: "类型", min: 110 },
  { key: "joined_on", label: "加入日期", min: 100 },
  { key: "state", label: "状态", min: 120 },
];
const ACTIONS = { key: "actions", label: "操作", width: 90, phone: "actions" };

export default {
  name: "OrgUnits",
  components: { DataList, FormActions },
  props: { orgId: { type: Number, required: true }, writable: Boolean },
  setup(props) {
    const KINDS = options("org_unit_kind");
    const units = ref(null);
    const open = ref(false);
    const busy = ref(false);
    const form = reactive({ unit_name: "", kind: "committee_member_unit", joined_on: "" });
    const errs = fieldErrors();
    const path = () => `/api/orgs/${props.orgId}/units`;

    async function load() {
      try {
        units.value = (await api("GET", path())).items;
      } catch (e) {
        units.value = [];
        ElementPlus.ElMessage.error(e.message);
      }
    }
    function openAdd() {
      clearErrors(errs);
      Object.assign(form, { unit_name: "", kind: "committee_member_unit", joined_on: "" });
      open.value = true;
    }
    async function submit() {
      const body = { unit_name: form.unit_name.trim(), kind: form.kind };
      if (form.joined_on) body.joined_on = form.joined_on;
      await submitForm({ busy, errs, fields: ["unit_name", "kind", "joined_on"] }, async () => {
        units.value = (await api("POST", path(), body)).items;
        ElementPlus.ElMessage.success("单位已登记");
        open.value = false;
      });
    }
    async function leave(u) {
      let value;
      try {
        ({ value } = await ElementPlus.ElMessageBox.prompt(`“${u.unit_name}”退出${u.kind_label}的日期（年-月-日）`, "登记退出", {
          confirmButtonText: "确认退出", cancelButtonText: "取消",
          inputValue: fmtDate(new Date()), // today in Beijing (toISOString is UTC: yesterday before 08:00)
          inputPattern: /^\d{4}-\d{2}-\d{2}$/, inputErrorMessage: "请按 2026-06-30 的格式填写日期",
        }));
      } catch {
        return; // cancelled
      }
      try {
        units.value = (await api("PATCH", `${path()}/${u.id}`, { left_on: value })).items;
        ElementPlus.ElMessage.success("已登记退出");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    onMounted(load);
    const columns = computed(() => (props.writable ? [...COLUMNS, ACTIONS] : COLUMNS));
    return { units, columns, open, busy, form, errs, KINDS, openAdd, submit, leave, isMobile };
  },
  template: `
    <div class="org-units">
      <div v-if="writable" class="form-actions left"><el-button type="primary" icon="Plus" @click="openAdd" class="unit-add-btn">登记单位</el-button></div>
      <data-list v-if="units && units.length" :rows="units" :columns="columns" size="small" class="unit-table"
                 :row-class="(row) => row.left_on ? 'unit-left' : ''">
        <template #state="{ row }">
          <el-tag v-if="row.left_on" size="small" type="info">{{ row.left_on }} 退出</el-tag>
          <el-tag v-else size="small" type="success">在册</el-tag>
        </template>
        <template #actions="{ row }"><el-button v-if="!row.left_on" link type="primary" @click="leave(row)">登记退出</el-button></template>
      </data-list>
      <el-empty v-else-if="units" description="尚未登记成员单位或共建单位" />
      <div v-else class="tab-loading">正在加载…</div>

      <el-dialog v-model="open" title="登记单位" :width="isMobile ? '94%' : '480px'" destroy-on-close append-to-body>
        <el-form label-position="top" @submit.prevent="submit" class="unit-form">
          <el-form-item label="类型" :error="errs.kind" required>
            <el-radio-group v-model="form.kind"><el-radio-button v-for="k in KINDS" :key="k.value" :value="k.value">{{ k.label }}</el-radio-button></el-radio-group>
          </el-form-item>
          <el-form-item label="单位名称" :error="errs.unit_name" required><el-input v-model="form.unit_name" name="unit_name" placeholder="如：澜川区第二小学" /></el-form-item>
          <el-form-item label="加入日期" :error="errs.joined_on">
            <el-date-picker v-model="form.joined_on" type="date" value-format="YYYY-MM-DD" name="joined_on" placeholder="选择日期" style="width: 100%" />
          </el-form-item>
          <form-actions label="登记" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
