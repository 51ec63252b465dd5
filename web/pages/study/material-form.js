// material-form.js: part of the 学习记录 page: the dialog that publishes a study material (POST
// /api/orglife/materials): the publishing org (the chosen branch or the scope's org), title,
// kind (study_kind labels from /api/meta), 学时 and the publishing date. Field errors show at
// their fields. Emits "saved" with the material.
import { api } from "../../lib/api.js";
import { options } from "../../lib/meta.js";
import { isMobile } from "../../lib/viewport.js";
import { fieldErrors, clearErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import OrgSelect from "../../components/org-select.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, watch } = Vue;

const FIELDS = ["org_id", "title", "kind", "hours", "published_on", "note"];

export default {
  name: "StudyMaterialForm",
  components: { OrgSelect, FormActions },
  props: { modelValue: Boolean, orgId: { type: Number, default: null } },
  emits: ["update:modelValue", "saved"],
  setup(props, { emit }) {
    const form = reactive({ org_id: null, title: "", kind: "document", hours: 2, published_on: todayCN(), note: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    watch(() => props.modelValue, (open) => {
      if (!open) return;
      clearErrors(errs);
      Object.assign(form, { org_id: props.orgId, title: "", kind: "document", hours: 2, published_on: todayCN(), note: "" });
    }, { immediate: true });
    const close = () => emit("update:modelValue", false);
    function submit() {
      const body = { org_id: form.org_id, title: form.title.trim(), kind: form.kind, hours: form.hours, published_on: form.published_on || null };
      if (form.note.trim()) body.note = form.note.trim();
      return submitForm({ busy, errs, fields: FIELDS }, async () => {
        const m = await api("POST", "/api/orglife/materials", body);
        ElementPlus.ElMessage.success(`已发布学习材料“${m.title}”`);
        emit("saved", m);
        close();
      });
    }
    return { form, errs, busy, submit, close, KINDS: options("study_kind"), isMobile };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" title="发布学习材料"
               :width="isMobile ? '94%' : '560px'" destroy-on-close>
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="90px" class="material-form" @submit.prevent="submit">
        <el-form-item label="发布组织" :error="errs.org_id" required><org-select v-model="form.org_id" /></el-form-item>
        <el-form-item label="材料名称" :error="errs.title" required>
          <el-input v-model="form.title" name="title" maxlength="200" placeholder="如《中国共产党支部工作条例（试行）》" />
        </el-form-item>
        <el-form-item label="材料类型" :error="errs.kind" required>
          <el-radio-group v-model="form.kind" class="material-kind">
            <el-radio v-for="k in KINDS" :key="k.value" :value="k.value">{{ k.label }}</el-radio>
          </el-radio-group>
        </el-form-item>
        <el-form-item label="学时" :error="errs.hours" required>
          <el-input-number v-model="form.hours" :min="1" :max="100" step-strictly name="hours" class="material-hours" />
        </el-form-item>
        <el-form-item label="发布日期" :error="errs.published_on" required>
          <el-date-picker v-model="form.published_on" type="date" value-format="YYYY-MM-DD" class="material-date" style="width: 100%" />
        </el-form-item>
        <el-form-item label="说明" :error="errs.note">
          <el-input v-model="form.note" type="textarea" name="note" :autosize="{ minRows: 2, maxRows: 4 }" maxlength="1000" show-word-limit />
        </el-form-item>
        <form-actions label="发布" :busy="busy" @cancel="close" class="material-actions" />
      </el-form>
    </el-dialog>`,
};
