// letter-create.js: 组织关系转接 → 介绍信 → 开具介绍信 dialog: a current member of the scope,
// the receiving org outside the system (its full name as the letter addresses it), 党费交至
// (XFER-DUES: filled from the dues ledger when a member is chosen, GET /api/dues/paid-to, and
// editable; left empty the server takes the ledger's), the date issued (today by default) and a
// note.
// The number and validity come back from the server (XFER-VALID); refusals show under their
// field.
import { api, withQuery } from "../../lib/api.js";
import { can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import FormActions from "../../components/form-actions.js";
import { useMemberSearch } from "../../lib/member-search.js";
const { ref, reactive, watch } = Vue;

export default {
  name: "LetterCreate",
  components: { FormActions },
  props: { modelValue: Boolean },
  emits: ["update:modelValue", "created"],
  setup(props, { emit }) {
    const form = reactive({ member_id: null, to_org_name: "", dues_paid_to: "", issued_on: "", note: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    const { members, loading, find } = useMemberSearch();
    const ledger = ref(undefined); // the ledger's 党费交至 of the member chosen: a month, null (none) or undefined (not read)
    watch(() => form.member_id, async (id) => {
      ledger.value = undefined;
      if (!id || !can("dues.read")) return;
      try {
        const r = await api("GET", withQuery("/api/dues/paid-to", { member_id: id }));
        if (form.member_id !== id) return;
        ledger.value = r.paid_to;
        form.dues_paid_to = r.paid_to || "";
      } catch (e) {
        ledger.value = undefined;
      }
    });
    watch(() => props.modelValue, (open) => {
      if (!open) return;
      Object.assign(form, { member_id: null, to_org_name: "", dues_paid_to: "", issued_on: todayCN(), note: "" });
      for (const k of Object.keys(errs)) delete errs[k];
      find("");
    });
    async function submit() {
      await submitForm({ busy, errs, fields: ["member_id", "to_org_name", "dues_paid_to", "issued_on", "note"] }, async () => {
        const r = await api("POST", "/api/transfer-letters", { member_id: form.member_id, to_org_name: form.to_org_name,
          dues_paid_to: form.dues_paid_to || undefined, issued_on: form.issued_on || undefined, note: form.note || undefined });
        emit("update:modelValue", false);
        ElementPlus.ElMessage.success(`已开具第${r.number}号介绍信，有效期至${r.valid_until}`);
        emit("created", r);
      });
    }
    const close = () => emit("update:modelValue", false);
    return { form, errs, busy, members, loading, find, submit, close, ledger };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" title="开具介绍信" width="min(520px, 94vw)" class="create-letter-dialog">
      <el-form label-position="top" @submit.prevent="submit">
        <el-form-item label="党员" :error="errs.member_id">
          <el-select v-model="form.member_id" filterable remote :remote-method="find" :loading="loading" placeholder="输入姓名或拼音首字母" style="width: 100%" class="f-letter-member" popper-class="letter-member-pop">
            <el-option v-for="m in members" :key="m.value" :label="m.label" :value="m.value"><span>{{ m.label }}</span><span class="option-sub">{{ m.sub }}</span></el-option>
          </el-select>
        </el-form-item>
        <el-form-item label="接收党组织（系统外，写全称）" :error="errs.to_org_name"><el-input v-model="form.to_org_name" maxlength="100" class="f-to-org-name" placeholder="如：中共某某县某某镇委员会" /></el-form-item>
        <div class="letter-form-row">
          <el-form-item label="党费交至" :error="errs.dues_paid_to">
            <el-date-picker v-model="form.dues_paid_to" type="month" value-format="YYYY-MM" placeholder="按党费台账" class="f-dues-paid-to" style="width: 100%" />
            <div class="form-hint dues-paid-hint" v-if="ledger !== undefined">{{ ledger ? '党费台账：交至 ' + ledger : '党费台账中没有交清的月份，请填写' }}</div>
          </el-form-item>
          <el-form-item label="开具日期" :error="errs.issued_on"><el-date-picker v-model="form.issued_on" type="date" value-format="YYYY-MM-DD" :clearable="false" class="f-issued-on" style="width: 100%" /></el-form-item>
        </div>
        <el-form-item label="备注" :error="errs.note"><el-input v-model="form.note" maxlength="200" class="f-letter-note" /></el-form-item>
        <form-actions label="开具" :busy="busy" @cancel="close" />
      </el-form>
    </el-dialog>`,
};
