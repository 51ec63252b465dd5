// home.js: 首页: the dashboard of the current scope (GET /api/orgs/{id}/stats): headline
// numbers, then members by category, status, gender, age and education and orgs by type,
// each an ECharts chart with its table beside it; organizational-life reminders
// (components/orglife-reminders.js) and advisories for the subtree below.
import { api } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { fmtNumber, fmtDateLong } from "../lib/format.js";
import ChartCard from "../components/chart-card.js";
import OrglifeReminders from "../components/orglife-reminders.js";
const { ref, computed, watch, onMounted } = Vue;

const rowsOf = (list) => (list || []).map((c) => ({ label: c.label, n: c.count }));

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/", title: "首页", perm: "members.read", menu: { group: "", icon: "HomeFilled", order: 0 } }];

export default {
  name: "HomePage",
  components: { ChartCard, OrglifeReminders },
  setup() {
    const stats = ref(null);
    const advisories = ref([]);
    const loading = ref(false);
    const error = ref("");
    async function load() {
      loading.value = true;
      error.value = "";
      try {
        const [s, a] = await Promise.all([
          api("GET", `/api/orgs/${scope.orgId}/stats`),
          api("GET", `/api/orgs/${scope.orgId}/advisories`).catch(() => ({ items: [] })),
        ]);
        stats.value = s;
        advisories.value = a.items || [];
      } catch (e) {
        error.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const charts = computed(() => {
      const s = stats.value;
      if (!s) return [];
      return [
        { title: "党员类别", type: "pie", rows: rowsOf(s.by_category) },
        { title: "党籍状态（在册党员）", type: "pie", rows: rowsOf(s.by_status) },
        { title: "年龄结构", type: "bar", rows: rowsOf(s.by_age) },
        { title: "学历结构", type: "bar", rows: rowsOf(s.by_education) },
        { title: "性别", type: "pie", rows: rowsOf(s.by_gender) },
        { title: "党组织类型", type: "bar", rows: rowsOf(s.orgs_by_type), unit: "个" },
      ];
    });
    const today = fmtDateLong(new Date());
    // Members who left the roll: not in 党员总数 or any chart, shown apart.
    const departures = computed(() => (stats.value && stats.value.departures) || []);
    const departed = computed(() => departures.value.reduce((t, d) => t + d.count, 0));
    return { stats, advisories, loading, error, charts, scope, fmtNumber, today, departures, departed };
  },
  template: `
    <div class="page home-page" v-loading="loading">
      <div class="page-head"><h1 class="page-title">首页</h1></div>
      <p class="page-desc">{{ scope.orgName }}及下级组织的概况，截至 {{ today }}。</p>
      <el-alert v-if="error" :title="error" type="error" show-icon :closable="false" />
      <template v-if="stats">
        <div class="kpis">
          <div class="kpi"><div class="kpi-label">党员总数（在册）</div><div class="kpi-value">{{ fmtNumber(stats.members) }}<small>人</small></div></div>
          <div class="kpi"><div class="kpi-label">预备党员</div><div class="kpi-value">{{ fmtNumber(stats.probationary) }}<small>人</small></div></div>
          <div class="kpi"><div class="kpi-label">今年新发展</div><div class="kpi-value">{{ fmtNumber(stats.new_this_year) }}<small>人</small></div></div>
          <div class="kpi" :class="{ warn: stats.terms_due > 0 }"><div class="kpi-label">即将或已到期换届</div><div class="kpi-value">{{ fmtNumber(stats.terms_due) }}<small>个</small></div><div class="kpi-note" v-if="stats.terms_expired">其中已届满 {{ fmtNumber(stats.terms_expired) }} 个</div></div>
          <div class="kpi" :class="{ warn: stats.advisories > 0 }"><div class="kpi-label">组织设置提示</div><div class="kpi-value">{{ fmtNumber(stats.advisories) }}<small>条</small></div></div>
        </div>
        <orglife-reminders />
        <p v-if="departed" class="departures form-hint">不在册（不计入以上人数和图表）：<span v-for="(d, i) in departures" :key="d.key">{{ i ? '，' : '' }}{{ d.label }} {{ fmtNumber(d.count) }} 人</span>。</p>
        <div class="charts">
          <chart-card v-for="c in charts" :key="c.title" :title="c.title" :type="c.type" :rows="c.rows" :unit="c.unit || '人'" />
        </div>
        <el-card v-if="advisories.length" shadow="never" class="advisories">
          <template #header><span class="card-title">组织设置提示</span></template>
          <ul class="advisory-list">
            <li v-for="(a, i) in advisories.slice(0, 10)" :key="i" :title="a.rule ? '规则 ' + a.rule : undefined">
              <app-link :to="'/orgs/' + a.org_id" class="link">{{ a.org_name }}</app-link>：{{ a.message }}
            </li>
          </ul>
          <p v-if="advisories.length > 10" class="form-hint">另有 {{ advisories.length - 10 }} 条，请在组织页面查看。</p>
        </el-card>
      </template>
    </div>`,
};
