// create.js: 组织关系转接 → 发起转接 dialog: a current member of the scope (found in the roster
// by name or pinyin initials), the receiving org anywhere in the tree (GET
// /api/transfers/receivers, by name; XFER-DIRECT) and a note. The server's refusals (the
// member's own org, a pending transfer already) show under their field.
import { api, withQuery } from "../../lib/api.js";
import { scope } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import FormActions from "../../components/form-actions.js";
import { useMemberSearch } from "../../lib/member-search.js";
const { ref, reactive, watch } = Vue;

export default {
  name: "TransferCreate",
  components: { FormActions },
  props: { modelValue: Boolean },
  emits: ["update:modelValue", "created"],
  setup(props, { emit }) {
    const form = reactive({ member_id: null, to_org_id: null, note: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    const { members, loading: loadingM, find: findMember } = useMemberSearch();
    const orgs = ref([]);
    const loadingO = ref(false);
    watch(() => props.modelValue, (open) => {
      if (!open) return;
      Object.assign(form, { member_id: null, to_org_id: null, note: "" });
      for (const k of Object.keys(errs)) delete errs[k];
      findMember("");
      findOrg("");
    });
    async function findOrg(q) {
      loadingO.value = true;
      try {
        const r = await api("GET", withQuery("/api/transfers/receivers", { org: scope.orgId, q: (q || "").trim() }));
        orgs.value = r.items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loadingO.value = false;
      }
    }
    async function submit() {
      await submitForm({ busy, errs, fields: ["member_id", "to_org_id", "note"] }, async () => {
        const r = await api("POST", "/api/transfers", { member_id: form.member_id, to_org_id: form.to_org_id, note: form.note || undefined });
        emit("update:modelValue", false);
        ElementPlus.ElMessage.success(r.due_on ? `已发起，接收党组织应在${r.due_on}前办理` : "已发起");
        emit("created", r);
      });
    }
    const close = () => emit("update:modelValue", false);
    return { form, errs, busy, members, orgs, loadingM, loadingO, findMember, findOrg, submit, close };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" title="发起组织关系转接" width="min(520px, 94vw)" class="create-transfer-dialog">
      <el-form label-position="top" @submit.prevent="submit">
        <el-form-item label="党员" :error="errs.member_id">
          <el-select v-model="form.member_id" filterable remote :remote-method="findMember" :loading="loadingM" placeholder="输入姓名或拼音首字母" style="width: 100%" class="f-member" popper-class="xfer-member-pop">
            <el-option v-for="m in members" :key="m.value" :label="m.label" :value="m.value"><span>{{ m.label }}</span><span class="option-sub">{{ m.sub }}</span></el-option>
          </el-select>
        </el-form-item>
        <el-form-item label="接收党组织" :error="errs.to_org_id">
          <el-select v-model="form.to_org_id" filterable remote :remote-method="findOrg" :loading="loadingO" placeholder="输入党组织名称" style="width: 100%" class="f-to-org" popper-class="xfer-org-pop">
            <el-option v-for="o in orgs" :key="o.id" :label="o.name" :value="o.id" />
          </el-select>
          <div class="form-hint">可转往全区任一党组织（党小组除外），不经中间层级。</div>
        </el-form-item>
        <el-form-item label="备注" :error="errs.note"><el-input v-model="form.note" maxlength="200" class="f-note" placeholder="如：工作调动、迁居" /></el-form-item>
        <form-actions label="发起" :busy="busy" @cancel="close" />
      </el-form>
    </el-dialog>`,
};
