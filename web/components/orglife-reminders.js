// orglife-reminders.js: 组织生活提醒 on 首页 (RULES.md §4.2: remind before a period ends, mark
// overdue after it): the branches of the current scope with meetings overdue this year or due
// within 30 days and not yet held (GET /api/orglife/compliance), overdue first, each linking to
// that branch's 会议 of that type. Shown only to callers who may read organizational life, and
// only when there is something to do; a scope too large for a per-branch answer shows nothing
// here (its 落实情况 page sums per community).
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { yearRange } from "../lib/orglife.js";
const { ref, computed, watch, onMounted } = Vue;

const SHOWN = 10;

export default {
  name: "OrglifeReminders",
  setup() {
    const items = ref([]);
    async function load() {
      items.value = [];
      if (!can("orglife.read") || !scope.orgId) return;
      const [from, to] = yearRange();
      try {
        const r = await api("GET", withQuery("/api/orglife/compliance", { org: scope.orgId, from, to }));
        items.value = r.items.filter((i) => i.overdue > 0 || i.due_soon > 0)
          .sort((a, b) => (b.overdue > 0) - (a.overdue > 0) || (a.next_due || "").localeCompare(b.next_due || ""));
      } catch (e) {
        items.value = []; // too large a scope or no access: the 落实情况 page says why
      }
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const shown = computed(() => items.value.slice(0, SHOWN));
    const link = (i) => withQuery("/meetings", { org: i.org_id, org_name: i.org_name, type: i.type });
    const text = (i) => (i.overdue > 0 ? `今年已逾期 ${i.overdue} 次未开` : `还需召开 ${i.due_soon} 次${i.next_due ? `，${i.next_due} 前` : ""}`);
    return { items, shown, link, text, SHOWN };
  },
  template: `
    <el-card v-if="items.length" shadow="never" class="advisories orglife-reminders">
      <template #header><span class="card-title">组织生活提醒</span></template>
      <ul class="advisory-list">
        <li v-for="i in shown" :key="i.org_id + i.type" :class="{ 'reminder-overdue': i.overdue > 0 }" :title="'规则 ' + i.rule_id">
          <app-link :to="link(i)" class="link">{{ i.org_name }} · {{ i.type_label }}</app-link>：{{ text(i) }}
        </li>
      </ul>
      <p v-if="items.length > SHOWN" class="form-hint">另有 {{ items.length - SHOWN }} 项，请在“落实情况”中查看。</p>
    </el-card>`,
};
