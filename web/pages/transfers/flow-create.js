// flow-create.js: 组织关系转接 → 流动党员 → 登记外出 dialog (流动党员登记卡): a current member of the
// scope, where and why, contact, the expected period, the destination org and the 流动党员活动证
// (number and validity). A period of 6 months or more comes back flagged (FLOW-DEF: transfer the
// relation instead). Inflows (a member of another org staying here) are registered through the
// API for now.
import { api } from "../../lib/api.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import FormActions from "../../components/form-actions.js";
import { useMemberSearch } from "../../lib/member-search.js";
const { ref, reactive, watch } = Vue;

const FIELDS = ["member_id", "place", "reason", "contact", "dest_org_name", "starts_on", "ends_on", "card_no", "card_valid_until"];

export default {
  name: "FlowCreate",
  components: { FormActions },
  props: { modelValue: Boolean },
  emits: ["update:modelValue", "created"],
  setup(props, { emit }) {
    const form = reactive({});
    const errs = fieldErrors();
    const busy = ref(false);
    const { members, loading, find } = useMemberSearch();
    watch(() => props.modelValue, (open) => {
      if (!open) return;
      for (const k of FIELDS) form[k] = k === "member_id" ? null : "";
      form.starts_on = todayCN();
      for (const k of Object.keys(errs)) delete errs[k];
      find("");
    });
    async function submit() {
      await submitForm({ busy, errs, fields: FIELDS }, async () => {
        const body = { direction: "out" };
        for (const k of FIELDS) if (form[k] !== "" && form[k] !== null) body[k] = form[k];
        const r = await api("POST", "/api/flows", body);
        emit("update:modelValue", false);
        const warn = r.findings.map((f) => f.message).join("；");
        ElementPlus.ElMessage({ type: warn ? "warning" : "success", message: warn ? `已登记。${warn}` : "已登记", duration: warn ? 8000 : 3000 });
        emit("created", r);
      });
    }
    const close = () => emit("update:modelValue", false);
    return { form, errs, busy, members, loading, find, submit, close };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" title="流动党员登记（外出）" width="min(560px, 94vw)" class="create-flow-dialog">
      <el-form label-position="top" @submit.prevent="submit">
        <el-form-item label="党员" :error="errs.member_id">
          <el-select v-model="form.member_id" filterable remote :remote-method="find" :loading="loading" placeholder="输入姓名或拼音首字母" style="width: 100%" class="f-flow-member" popper-class="flow-member-pop">
            <el-option v-for="m in members" :key="m.value" :label="m.label" :value="m.value"><span>{{ m.label }}</span><span class="option-sub">{{ m.sub }}</span></el-option>
          </el-select>
        </el-form-item>
        <div class="letter-form-row">
          <el-form-item label="外出地点" :error="errs.place"><el-input v-model="form.place" maxlength="100" class="f-place" placeholder="如：云岭市南湖区" /></el-form-item>
          <el-form-item label="外出原因" :error="errs.reason"><el-input v-model="form.reason" maxlength="100" class="f-flow-reason" placeholder="如：务工、经商、随子女居住" /></el-form-item>
        </div>
        <el-form-item label="流入地党组织" :error="errs.dest_org_name"><el-input v-model="form.dest_org_name" maxlength="100" class="f-dest-org" placeholder="流入地党组织全称" /></el-form-item>
        <el-form-item label="联系方式" :error="errs.contact"><el-input v-model="form.contact" maxlength="60" class="f-contact" /></el-form-item>
        <div class="letter-form-row">
          <el-form-item label="外出日期" :error="errs.starts_on"><el-date-picker v-model="form.starts_on" type="date" value-format="YYYY-MM-DD" class="f-starts-on" style="width: 100%" /></el-form-item>
          <el-form-item label="预计返回日期" :error="errs.ends_on"><el-date-picker v-model="form.ends_on" type="date" value-format="YYYY-MM-DD" class="f-ends-on" style="width: 100%" /></el-form-item>
        </div>
        <div class="letter-form-row">
          <el-form-item label="《流动党员活动证》编号" :error="errs.card_no"><el-input v-model="form.card_no" maxlength="40" class="f-card-no" /></el-form-item>
          <el-form-item label="活动证有效期至" :error="errs.card_valid_until"><el-date-picker v-model="form.card_valid_until" type="date" value-format="YYYY-MM-DD" class="f-card-valid" style="width: 100%" /></el-form-item>
        </div>
        <form-actions label="登记" :busy="busy" @cancel="close" />
      </el-form>
    </el-dialog>`,
};
