// meeting-pick.js: picks one held meeting of an org itself (not of its 党小组) between two
// dates (v-model = meeting id or null), for "the meeting that held the 民主评议" and "the
// meeting that decided a grade". 民主评议党员, 支部党员大会, 组织生活会 and 支委会 come first,
// each newest first; the others follow. Emits "pick" with the meeting (or null).
import { typeName, allMeetings } from "../lib/orglife.js";
const { ref, watch, onMounted } = Vue;

const FIRST = ["evaluation", "party_congress", "life_meeting", "committee"];
const rank = (m) => (FIRST.includes(m.type) ? FIRST.indexOf(m.type) : FIRST.length);

export default {
  name: "MeetingPick",
  props: { modelValue: { type: Number, default: null }, orgId: { type: Number, default: null },
           from: { type: String, default: "" }, to: { type: String, default: "" } },
  emits: ["update:modelValue", "pick"],
  setup(props, { emit }) {
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      items.value = [];
      if (!props.orgId) return;
      loading.value = true;
      try {
        const all = await allMeetings({ org: props.orgId, status: "held", from: props.from, to: props.to }, 600);
        items.value = all.filter((m) => m.org_id === props.orgId)
          .sort((a, b) => rank(a) - rank(b) || (a.starts_at < b.starts_at ? 1 : a.starts_at > b.starts_at ? -1 : 0));
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loading.value = false;
      }
    }
    watch(() => [props.orgId, props.from, props.to], load);
    onMounted(load);
    const pick = (id) => {
      emit("update:modelValue", id || null);
      emit("pick", items.value.find((m) => m.id === id) || null);
    };
    const label = (m) => `${m.starts_at.slice(0, 10)} ${typeName(m)}：${m.topic}`;
    return { items, loading, pick, label };
  },
  template: `
    <el-select :model-value="modelValue" @update:model-value="pick" filterable clearable :loading="loading"
               :placeholder="items.length || loading ? '不关联会议' : '这段时间没有已召开的会议'" class="meeting-pick" style="width: 100%">
      <el-option v-for="m in items" :key="m.id" :label="label(m)" :value="m.id" />
    </el-select>`,
};
