// public-projects.js: 民生实事公开, without login (GET /api/public/projects): adopted projects
// with their progress and chain (proposal, needs, demands by number and category only,
// the list's 公示 and how many objections were answered, evaluation summaries, 问责 records).
// The server leaves out personal data; this page shows only what it is given, as text.
import { api, withQuery } from "../lib/api.js";
import { fmtYuan } from "../lib/money.js";
import { todayCN } from "../lib/orglife.js";
const { ref, onMounted, watch } = Vue;

export const routes = [{ path: "/public/projects", title: "民生实事公开", public: true, bare: true }];

export default {
  name: "PublicProjectsPage",
  setup() {
    const thisYear = Number(todayCN().slice(0, 4));
    const years = [thisYear - 1, thisYear];
    const year = ref(thisYear);
    const items = ref([]);
    const total = ref(0);
    const page = ref(1);
    const loading = ref(false);
    async function load() {
      loading.value = true;
      try {
        const r = await api("GET", withQuery("/api/public/projects", { year: year.value, page: page.value, size: 20 }));
        items.value = r.items;
        total.value = r.total;
      } catch { items.value = []; total.value = 0; }
      loading.value = false;
    }
    watch(year, () => { page.value = 1; load(); });
    onMounted(load);
    return { year, years, items, total, page, loading, load, fmtYuan };
  },
  template: `
    <div class="public-page">
      <div class="public-head">
        <h1 class="page-title">民生实事公开</h1>
        <el-radio-group v-model="year" size="small" class="pub-years">
          <el-radio-button v-for="y in years" :key="y" :value="y">{{ y }} 年</el-radio-button>
        </el-radio-group>
      </div>
      <p class="page-desc">居民提出需求，代表议事排序，公示后立项；进度、评议和问责全程公开。本页不含个人信息。</p>
      <div v-loading="loading">
        <el-empty v-if="!loading && !items.length" description="这一年度暂无公开的民生实事" />
        <el-card v-for="c in items" :key="c.project.id" shadow="never" class="public-project">
          <div class="pub-title">{{ c.project.title }}</div>
          <div class="muted">{{ c.project.org_name }} · {{ c.project.year }} 年度 · {{ fmtYuan(c.project.cost_fen) }} 元 · {{ c.project.body }} · {{ c.project.status_label }}</div>
          <el-progress :percentage="c.project.progress" :stroke-width="12" class="pub-bar" />
          <div class="pub-ms"><span v-for="m in c.project.milestones" :key="m.id" class="pub-m" :class="{ done: m.done_on }">{{ m.title }}</span></div>
          <div class="pub-chain">
            <div v-for="n in c.needs" :key="n.id">来自需求：{{ n.title }}（{{ n.source_label }}<template v-if="n.merged.length">，另有 {{ n.merged.length }} 条相同需求</template>）</div>
            <div v-if="c.demands.length">关联诉求：<span v-for="d in c.demands" :key="d.id" class="pub-demand">{{ d.category }} {{ d.number }}</span></div>
            <div>清单公示：{{ c.selection.publicity_from || '—' }} 至 {{ c.selection.publicity_until || '—' }}，异议 {{ c.selection.objection_count }} 条，已答复 {{ c.selection.answered_count }} 条</div>
            <div v-for="e in c.evaluations" :key="e.year">{{ e.year }} 年居民评议 {{ e.responses }} 份<template v-if="e.published">：满意 {{ e.satisfaction.satisfied }}、基本满意 {{ e.satisfaction.basically }}、不满意 {{ e.satisfaction.unsatisfied }}</template></div>
            <div v-for="x in c.accountability" :key="x.id">问责：{{ x.failure }}<template v-if="x.outcome">；结果：{{ x.outcome }}</template></div>
          </div>
        </el-card>
        <el-pagination v-if="total > 20" v-model:current-page="page" :page-size="20" :total="total" layout="prev, pager, next" small @current-change="load" />
      </div>
    </div>`,
};
