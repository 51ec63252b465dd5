// points.js: 志愿服务 → 积分与表彰: each person's points of the year from verified records only
// (GET /api/points: hours and confirmed post record cards under the VOL-PTS-* rule rows, with
// the yearly caps), listed by name and never ranked (RULES.md §11.2); and the year's
// commendation candidates (VOL-COMMEND-HOURS) with their evidence. The software proposes;
// the Party organization decides.
import { api, withQuery, loadWith, download } from "../../lib/api.js";
import { scope } from "../../lib/session.js";
import DataList from "../../components/data-list.js";
const { ref, watch, onMounted } = Vue;

const RULE = { "VOL-PTS-HOUR": "服务时长", "VOL-PTS-POST": "岗位履职" };

export default {
  name: "VolPoints",
  components: { DataList },
  setup() {
    const year = ref(new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear());
    const points = ref([]);
    const cands = ref(null);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const q = { org: scope.orgId, year: year.value };
      const r = await loadWith(loading, () => Promise.all([api("GET", withQuery("/api/points", q)), api("GET", withQuery("/api/volunteer/commendations", q))]));
      if (r) [points.value, cands.value] = [r[0].items, r[1]];
    }
    watch([() => scope.orgId, year], load);
    onMounted(load);
    const detail = (row) => row.items.map((i) => `${RULE[i.rule] || i.rule} ${i.points} 分${i.raw > i.points ? `（已达年度上限 ${i.cap}）` : ""}`).join("；");
    const hours = (m) => (m / 60).toFixed(1);
    const columns = [{ key: "name", label: "姓名", min: 100 }, { key: "total", label: "积分", width: 80 }, { key: "detail", label: "构成", min: 260 }];
    const exportXlsx = () => download(withQuery("/api/volunteer/export.xlsx", { org: scope.orgId, year: year.value }), `志愿服务-${year.value}.xlsx`)
      .catch((e) => ElementPlus.ElMessage.error(e.message));
    return { year, points, cands, loading, columns, detail, hours, exportXlsx };
  },
  template: `
    <div class="vol-points">
      <div class="toolbar"><el-input-number v-model="year" :min="2000" :max="2100" size="small" controls-position="right" />
        <el-button icon="Download" class="vol-export" @click="exportXlsx">导出 Excel</el-button></div>
      <p class="form-hint">积分只由经核实的服务时长和经确认的岗位履职记录计算，不计登录和浏览；按姓名排列，不排名，只作民主评议的参考。</p>
      <data-list :rows="points" :columns="columns" row-key="person_id" :loading="loading" size="small" empty-text="这一年还没有经核实的记录">
        <template #detail="{ row }">{{ detail(row) }}</template>
      </data-list>
      <h3 class="vol-subhead">表彰候选人</h3>
      <p v-if="cands" class="form-hint">年度经核实服务满 {{ hours(cands.threshold_minutes) }} 小时（{{ cands.rule }}）。{{ cands.note }}。</p>
      <el-collapse v-if="cands && cands.items.length" class="vol-cands">
        <el-collapse-item v-for="c in cands.items" :key="c.person_id" :name="c.person_id">
          <template #title><span class="vol-cand-title">{{ c.name }} · {{ hours(c.verified_minutes) }} 小时 · 活动 {{ c.activities }} 次 · 岗位记录 {{ c.post_records }} 条 · {{ c.points }} 分</span></template>
          <div v-for="h in c.evidence.hours" :key="'h' + h.id" class="vol-evidence">{{ h.start }} – {{ h.end.slice(11) }} {{ h.what }}（{{ h.status_label }}，{{ hours(h.minutes) }} 小时）</div>
          <div v-for="r in c.evidence.post_records" :key="'r' + r.id" class="vol-evidence">{{ r.done_on }} {{ r.post_name }}：{{ r.content }}<template v-if="r.feedback">；反馈：{{ r.feedback }}</template></div>
        </el-collapse-item>
      </el-collapse>
      <el-empty v-else-if="cands" description="暂无候选人" :image-size="60" />
    </div>`,
};
