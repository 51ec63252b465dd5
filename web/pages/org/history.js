// history.js: the 沿革 tab of the org page: found, rename, move and dissolve events with their
// dates and document numbers, newest first, the parents of 隶属调整 named (the server names
// them: a community admin may not open the orgs above). It loads the events when it is first
// shown (the page mounts it lazily and remounts it after a new event).
import { api } from "../../lib/api.js";
const { ref, onMounted } = Vue;

export default {
  name: "OrgHistory",
  props: { org: { type: Object, required: true } },
  setup(props) {
    const events = ref(null);
    onMounted(async () => {
      try {
        events.value = (await api("GET", `/api/orgs/${props.org.id}/events`)).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    });
    const eventText = (e) => {
      if (e.kind === "rename") return `${e.old_name || "—"} → ${e.new_name || "—"}`;
      if (e.kind === "move") return `上级组织：${e.old_parent_name || "—"} → ${e.new_parent_name || "—"}`;
      if (e.kind === "found") return `${e.new_name || ""}成立${e.new_parent_id ? "，隶属" + (e.new_parent_name || "") : ""}`;
      if (e.kind === "dissolve") return `${e.old_name || props.org.name}撤销`;
      return "";
    };
    return { events, eventText };
  },
  template: `
    <div class="org-history">
      <el-timeline v-if="events && events.length" class="org-events">
        <el-timeline-item v-for="e in events" :key="e.id" :timestamp="e.effective_on" placement="top"
                          :type="e.kind === 'dissolve' ? 'warning' : e.kind === 'found' ? 'primary' : ''">
          <div class="event-title">{{ e.kind_label }}</div>
          <div class="event-body">{{ eventText(e) }}</div>
          <div v-if="e.doc_no || e.note" class="form-hint">{{ [e.doc_no ? '文号：' + e.doc_no : '', e.note].filter(Boolean).join('；') }}</div>
        </el-timeline-item>
      </el-timeline>
      <el-empty v-else-if="events" description="暂无沿革记录" />
      <div v-else class="tab-loading">正在加载…</div>
    </div>`,
};
