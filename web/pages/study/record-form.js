// record-form.js: part of the 学习记录 page: the dialog where a cadre records who studied what
// (POST /api/orglife/study, one request for everyone chosen, one transaction): the branch,
// a material published by it or an org over it, or a free entry (content and form), the date, 学时 (the material's
// unless changed), 送学上门 (study taken to an old or sick member) and a note, and the
// branch's members ticked by name (正式 and 预备, in roster order). An error about one person
// (/items/N/...) shows at its field with that person's name. Emits "saved" with the count.
import { api, withQuery } from "../../lib/api.js";
import { options } from "../../lib/meta.js";
import { isMobile } from "../../lib/viewport.js";
import { fieldErrors, clearErrors } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import BranchSelect from "../../components/branch-select.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, computed, watch } = Vue;

const KNOWN = ["org_id", "material_id", "title", "kind", "studied_on", "hours", "delivered", "note", "person_id"];

export default {
  name: "StudyRecordForm",
  components: { BranchSelect, FormActions },
  props: { modelValue: Boolean, orgId: { type: Number, default: null } },
  emits: ["update:modelValue", "saved"],
  setup(props, { emit }) {
    const form = reactive({ org_id: null, material_id: null, title: "", kind: "", studied_on: todayCN(), hours: 2, delivered: false, note: "", people: [] });
    const errs = fieldErrors();
    const busy = ref(false);
    const members = ref([]);
    const materials = ref([]);
    const loadingMembers = ref(false);
    async function loadMembers() {
      members.value = [];
      form.people = [];
      if (!form.org_id) return;
      loadingMembers.value = true;
      try {
        const y = Number((form.studied_on || todayCN()).slice(0, 4));
        members.value = (await api("GET", withQuery("/api/orglife/study-hours", { org: form.org_id, year: y, size: 200 }))).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loadingMembers.value = false;
      }
    }
    async function loadMaterials() {
      try {
        materials.value = form.org_id ? (await api("GET", withQuery("/api/orglife/materials", { org: form.org_id, above: 1, size: 100 }))).items : [];
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    watch(() => props.modelValue, (open) => {
      if (!open) return;
      clearErrors(errs);
      const same = form.org_id === props.orgId; // otherwise the org_id watcher loads them
      Object.assign(form, { org_id: props.orgId, material_id: null, title: "", kind: "", studied_on: todayCN(), hours: 2, delivered: false, note: "", people: [] });
      if (same) {
        loadMaterials();
        loadMembers();
      }
    }, { immediate: true });
    watch(() => form.org_id, (v, old) => {
      if (!props.modelValue || v === old) return;
      loadMembers();
      loadMaterials();
    });
    const material = computed(() => materials.value.find((m) => m.id === form.material_id) || null);
    watch(material, (m) => { if (m) form.hours = m.hours; });
    const close = () => emit("update:modelValue", false);
    const allChosen = computed(() => members.value.length > 0 && form.people.length === members.value.length);
    const toggleAll = () => { form.people = allChosen.value ? [] : members.value.map((m) => m.person_id); };
    function item(person_id) {
      const it = { person_id, studied_on: form.studied_on || null, delivered: form.delivered };
      if (material.value) {
        it.material_id = material.value.id;
        if (form.hours !== material.value.hours) it.hours = form.hours;
      } else {
        it.title = form.title.trim() || null;
        if (form.kind) it.kind = form.kind;
        it.hours = form.hours;
      }
      if (form.note.trim()) it.note = form.note.trim();
      return it;
    }
    // Server errors: /items/N/field at that field, with the person's name; others at theirs.
    function show(e) {
      clearErrors(errs);
      const list = e.fields && e.fields.length ? e.fields : [{ field: e.field, message: e.message }];
      const rest = [];
      for (const f of list) {
        const m = (f.field || "").match(/^\/items\/(\d+)\/(\w+)/);
        const name = m ? m[2] : (f.field || "").replace(/^\//, "").split("/")[0];
        const who = m ? members.value.find((x) => x.person_id === form.people[Number(m[1])]) : null;
        const key = name === "person_id" ? "people" : name;
        if (KNOWN.includes(name) && !errs[key]) errs[key] = who ? `${who.name}：${f.message}` : f.message;
        else if (!KNOWN.includes(name)) rest.push(f.message);
      }
      if (rest.length) ElementPlus.ElMessage.error(rest.join("；"));
    }
    async function submit() {
      clearErrors(errs);
      if (!form.people.length) {
        errs.people = "请选择参加学习的党员";
        return;
      }
      busy.value = true;
      try {
        const r = await api("POST", "/api/orglife/study", { org_id: form.org_id, items: form.people.map(item) });
        ElementPlus.ElMessage.success(`已登记 ${r.created} 人的学习`);
        emit("saved", r.created);
        close();
      } catch (e) {
        show(e);
      } finally {
        busy.value = false;
      }
    }
    return { form, errs, busy, members, materials, material, loadingMembers, allChosen, toggleAll, submit, close, KINDS: options("study_kind"), isMobile };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" title="登记学习"
               :width="isMobile ? '94%' : '640px'" destroy-on-close>
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="90px" class="record-form" @submit.prevent="submit">
        <el-form-item label="党支部" :error="errs.org_id" required><branch-select v-model="form.org_id" class="record-branch" /></el-form-item>
        <el-form-item label="学习材料" :error="errs.material_id">
          <el-select v-model="form.material_id" clearable filterable placeholder="不选则自行填写学习内容" class="record-material" style="width: 100%">
            <el-option v-for="m in materials" :key="m.id" :label="m.title" :value="m.id">
              <span>{{ m.title }}</span><span class="option-sub">{{ m.kind_label }} · {{ m.hours }} 学时</span>
            </el-option>
          </el-select>
        </el-form-item>
        <template v-if="!material">
          <el-form-item label="学习内容" :error="errs.title" required>
            <el-input v-model="form.title" name="title" maxlength="200" placeholder="如 集中学习党章第一章" />
          </el-form-item>
          <el-form-item label="学习形式" :error="errs.kind">
            <el-radio-group v-model="form.kind" class="record-kind">
              <el-radio v-for="k in KINDS" :key="k.value" :value="k.value">{{ k.label }}</el-radio>
            </el-radio-group>
          </el-form-item>
        </template>
        <el-form-item label="学习日期" :error="errs.studied_on" required>
          <el-date-picker v-model="form.studied_on" type="date" value-format="YYYY-MM-DD" class="record-date" style="width: 100%" />
        </el-form-item>
        <el-form-item label="学时" :error="errs.hours" required>
          <el-input-number v-model="form.hours" :min="1" :max="24" step-strictly name="hours" class="record-hours" />
        </el-form-item>
        <el-form-item label="送学上门" :error="errs.delivered">
          <el-checkbox v-model="form.delivered" class="record-delivered">为年老体弱、行动不便的党员送学上门</el-checkbox>
        </el-form-item>
        <el-form-item label="备注" :error="errs.note">
          <el-input v-model="form.note" name="note" maxlength="500" />
        </el-form-item>
        <el-form-item label="参学党员" :error="errs.people" required>
          <div class="record-people" v-loading="loadingMembers">
            <div class="record-people-head">
              <el-button link type="primary" class="record-all" :disabled="!members.length" @click="toggleAll">{{ allChosen ? '全不选' : '全选' }}</el-button>
              <span class="form-hint">已选 {{ form.people.length }} 人</span>
            </div>
            <el-checkbox-group v-model="form.people" class="record-people-list">
              <el-checkbox v-for="m in members" :key="m.person_id" :value="m.person_id" class="record-person">{{ m.name }}<span v-if="m.probationary" class="option-sub">预备</span></el-checkbox>
            </el-checkbox-group>
          </div>
        </el-form-item>
        <form-actions label="登记" :busy="busy" @cancel="close" class="record-actions" />
      </el-form>
    </el-dialog>`,
};
