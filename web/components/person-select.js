// person-select.js: picks one person among the current members of an org (v-model = person
// id, as meetings name their 主持人 and 记录人), found in the roster by name or pinyin initials
// (GET /api/members?org=&q=&status=current); the org's first members are offered on opening.
// `name` labels the current value before any search (the record's own host_name).
import { api, withQuery } from "../lib/api.js";
const { ref, watch } = Vue;

// 第二党小组 rather than the branch's name again.
const shortGroup = (m) => (m.group_name && m.org_name && m.group_name.startsWith(m.org_name) ? m.group_name.slice(m.org_name.length) : m.group_name || "");

export default {
  name: "PersonSelect",
  props: { modelValue: { type: Number, default: null }, orgId: { type: Number, default: null }, name: { type: String, default: "" },
           placeholder: { type: String, default: "输入姓名或拼音首字母" } },
  emits: ["update:modelValue"],
  setup(props) {
    const people = ref([]);
    const loading = ref(false);
    const seed = () => {
      people.value = props.modelValue && props.name ? [{ value: props.modelValue, label: props.name }] : [];
    };
    seed();
    watch(() => props.name, seed);
    async function find(q) {
      if (!props.orgId) return;
      loading.value = true;
      try {
        const r = await api("GET", withQuery("/api/members", { org: props.orgId, q: (q || "").trim(), status: "current", size: 20 }));
        const found = r.items.map((m) => ({ value: m.person_id, label: m.name, sub: shortGroup(m) }));
        const keep = people.value.find((p) => p.value === props.modelValue);
        people.value = keep && !found.some((p) => p.value === keep.value) ? [keep, ...found] : found;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loading.value = false;
      }
    }
    const onVisible = (open) => { if (open) find(""); };
    return { people, loading, find, onVisible };
  },
  template: `
    <el-select :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event || null)" filterable remote clearable
               :remote-method="find" :loading="loading" :placeholder="placeholder" @visible-change="onVisible" style="width: 100%" class="person-select">
      <el-option v-for="p in people" :key="p.value" :label="p.label" :value="p.value">
        <span>{{ p.label }}</span><span v-if="p.sub" class="option-sub">{{ p.sub }}</span>
      </el-option>
    </el-select>`,
};
