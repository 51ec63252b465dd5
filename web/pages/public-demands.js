// public-demands.js: 群众诉求公开栏, open to anyone without signing in (issue 20): the closed
// demands of the last year (or a chosen period, community and category), newest first, with
// names, phone and door numbers removed by the server, and the counts and 满意率 by community
// and category, where a count under the board's minimum shows "少于 N 件" (the server sends
// no number for it). A link to the Open311 feed for developers sits at the foot.
import { api, withQuery, loadWith } from "../lib/api.js";
import { fmtDate } from "../lib/format.js";
import DataList from "../components/data-list.js";
const { ref, reactive, onMounted } = Vue;

export const routes = [{ path: "/public/demands", title: "群众诉求公开栏", public: true, bare: true }];

const pct = (v) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);
const ITEM_COLUMNS = [
  { key: "summary", label: "诉求内容", min: 260 }, { key: "category_name", label: "类别", width: 120 },
  { key: "org_name", label: "承办社区", width: 200 }, { key: "created_at", label: "登记日期", width: 110 },
  { key: "close_days", label: "办结用时", width: 90 }, { key: "reply", label: "办理结果", min: 220 },
];
const COUNT_COLUMNS = [
  { key: "name", label: "名称", min: 200 }, { key: "total", label: "结案件数", width: 110 },
  { key: "satisfaction_rate", label: "满意率", width: 100 },
];

export default {
  name: "PublicDemandsPage",
  components: { DataList },
  setup() {
    const q = reactive({ org: "", category: "", range: null, page: 1 });
    const board = ref(null);
    const orgs = ref([]); // the communities of the unfiltered board, for the filter
    const loading = ref(false);
    const error = ref("");
    async function load() {
      const [from, to] = q.range || [];
      error.value = "";
      try {
        const r = await loadWith(loading, () => api("GET", withQuery("/api/public/demands",
          { org: q.org, category: q.category, from, to, page: q.page, size: 20 })));
        if (r) {
          board.value = r;
          if (!q.org) orgs.value = r.by_org.map((o) => ({ id: o.id, name: o.name }));
        }
      } catch (e) {
        error.value = e.message;
      }
    }
    function refilter() {
      q.page = 1;
      load();
    }
    const cellText = (c) => (c.suppressed ? `少于 ${board.value.min_count} 件` : c.total);
    onMounted(load);
    return { q, board, orgs, loading, error, load, refilter, cellText, pct, fmtDate,
      itemColumns: ITEM_COLUMNS, countColumns: COUNT_COLUMNS };
  },
  template: `
    <div class="board-page">
      <header class="board-head">
        <span class="brand-mark">党</span>
        <div>
          <h1 class="board-title">群众诉求公开栏</h1>
          <p class="board-sub">已办结并回访的群众诉求。为保护隐私，姓名、电话、身份证号和门牌号已隐去，申请不公开的诉求不在此列。</p>
        </div>
      </header>
      <el-card shadow="never" class="board-card">
        <div class="toolbar board-filters">
          <el-select v-model="q.org" placeholder="全部社区" clearable filterable @change="refilter" aria-label="社区">
            <el-option v-for="o in orgs" :key="o.id" :label="o.name" :value="o.id" />
          </el-select>
          <el-select v-model="q.category" placeholder="全部类别" clearable @change="refilter" aria-label="类别">
            <el-option v-for="c in (board ? board.by_category : [])" :key="c.code" :label="c.name" :value="c.code" />
          </el-select>
          <el-date-picker v-model="q.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                          start-placeholder="登记日期起" end-placeholder="登记日期止" @change="refilter" class="stats-range" />
        </div>
        <el-alert v-if="error" :title="error" type="error" show-icon :closable="false" />
        <p v-if="board" class="form-hint">
          {{ board.org ? board.org.name : '全部社区' }}，登记日期 {{ board.from }} 起{{ board.to ? '至 ' + board.to : '' }}：已结案 {{ board.total }} 件。
        </p>
        <data-list :rows="board ? board.items : []" :columns="itemColumns" :loading="loading" row-key="number"
                   empty-text="这段时间没有公开的已结案诉求">
          <template #summary="{ row }"><span class="board-text">{{ row.summary }}</span></template>
          <template #reply="{ row }"><span class="board-text">{{ row.reply || '—' }}</span></template>
          <template #created_at="{ row }">{{ fmtDate(row.created_at) }}</template>
          <template #close_days="{ row }">{{ row.close_days === null ? '—' : row.close_days + ' 天' }}</template>
        </data-list>
        <el-pagination v-if="board && board.total > board.size" v-model:current-page="q.page" :page-size="board.size"
                       :total="board.total" layout="prev, pager, next" small @current-change="load" class="board-pager" />
      </el-card>
      <div v-if="board" class="board-counts">
        <el-card shadow="never" class="board-card">
          <template #header>分社区</template>
          <data-list :rows="board.by_org" :columns="countColumns" row-key="id" size="small">
            <template #total="{ row }">{{ cellText(row) }}</template>
            <template #satisfaction_rate="{ row }">{{ pct(row.satisfaction_rate) }}</template>
          </data-list>
        </el-card>
        <el-card shadow="never" class="board-card">
          <template #header>分类别</template>
          <data-list :rows="board.by_category" :columns="countColumns" row-key="code" size="small">
            <template #total="{ row }">{{ cellText(row) }}</template>
            <template #satisfaction_rate="{ row }">{{ pct(row.satisfaction_rate) }}</template>
          </data-list>
        </el-card>
      </div>
      <p v-if="board" class="form-hint board-foot">
        件数少于 {{ board.min_count }} 件、回访少于 {{ board.min_count }} 件的不公布具体数字，以免推知个人。
        开发者可通过 <a href="/open311/v2/requests.json">Open311 GeoReport v2 接口</a> 读取同样的公开数据。
        <a href="/login">工作人员登录</a>
      </p>
    </div>`,
};
