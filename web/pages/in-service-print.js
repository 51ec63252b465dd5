// in-service-print.js: the printable 在职党员到社区报到服务情况反馈表 of one registration and
// year (A4, without the app's frame), for the workplace Party org (RPT-DUAL, RPT-FORMS): who,
// where they work and report, skills and wishes, the year's services by date with the total
// hours, the volunteer service verified in the volunteer area that year (not typed again), the
// community's evaluation (RPT-EVAL), and lines for the community's seal and the
// workplace org's remarks. Everything comes from the record (GET /api/in-service/{id}/summary).
// Text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { navigate, route } from "../lib/router.js";
import { fmtDateLong } from "../lib/format.js";
const { ref, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/transfers/in-service/:id/print", title: "在职党员服务情况反馈表（打印）", perm: "transfers.read", bare: true }];

const hours = (m) => (m / 60).toFixed(1).replace(/\.0$/, "");

export default {
  name: "InServicePrintPage",
  props: { id: { type: String, required: true } },
  setup(props) {
    const s = ref(null);
    const error = ref("");
    onMounted(async () => {
      try {
        s.value = await api("GET", withQuery(`/api/in-service/${props.id}/summary`, { year: route.query.year }));
      } catch (e) {
        error.value = e.message;
      }
    });
    return { s, error, hours, fmtDateLong, print: () => window.print(), back: () => navigate("/transfers?tab=in-service") };
  },
  template: `
    <div class="print-page report-print">
      <div class="print-tools">
        <el-button icon="ArrowLeft" @click="back">返回</el-button>
        <el-button type="primary" icon="Printer" class="do-print" @click="print" :disabled="!s">打印</el-button>
        <span class="print-tip">建议使用 A4 纸张、纵向打印；社区党组织盖章后送工作单位党组织。</span>
      </div>
      <el-alert v-if="error" type="error" :closable="false" :title="error" />
      <article v-else-if="s" class="minutes-sheet report-sheet">
        <h1 class="sheet-title">在职党员到社区报到服务情况反馈表</h1>
        <p class="sheet-sub">（{{ s.year }}年度）</p>
        <table class="sheet-table report-who">
          <tbody>
            <tr><th>姓名</th><td>{{ s.name }}</td><th>报到日期</th><td>{{ fmtDateLong(s.reported_on) }}</td></tr>
            <tr><th>工作单位</th><td colspan="3">{{ s.work_unit || '' }}</td></tr>
            <tr><th>组织关系所在党组织</th><td colspan="3">{{ s.unit_org_name }}</td></tr>
            <tr><th>报到社区</th><td colspan="3">{{ s.community_name }}</td></tr>
            <tr><th>特长</th><td>{{ s.skills || '' }}</td><th>服务意向</th><td>{{ s.wishes || '' }}</td></tr>
          </tbody>
        </table>
        <h2 class="sheet-h2">服务记录</h2>
        <table class="sheet-table report-services">
          <thead><tr><th class="col-no">序号</th><th class="col-date">日期</th><th class="col-kind">类别</th><th>服务内容</th><th class="col-hours">时长（小时）</th></tr></thead>
          <tbody>
            <tr v-for="(v, i) in s.items" :key="v.id"><td>{{ i + 1 }}</td><td>{{ v.served_on }}</td><td>{{ v.kind_label }}</td><td>{{ v.content }}</td><td class="num">{{ hours(v.minutes) }}</td></tr>
            <tr v-if="!s.items.length"><td colspan="5" class="report-none">本年度没有登记的服务</td></tr>
            <tr class="sheet-total"><td colspan="4">合计 {{ s.items.length }} 次</td><td class="num report-total">{{ hours(s.total_minutes) }}</td></tr>
          </tbody>
        </table>
        <template v-if="s.volunteer_items.length">
          <h2 class="sheet-h2">志愿服务（志愿服务记录）</h2>
          <table class="sheet-table report-services report-volunteer">
            <thead><tr><th class="col-no">序号</th><th class="col-date">日期</th><th>服务内容</th><th class="col-hours">时长（小时）</th></tr></thead>
            <tbody>
              <tr v-for="(v, i) in s.volunteer_items" :key="v.id"><td>{{ i + 1 }}</td><td>{{ v.served_on }}</td><td>{{ v.content }}</td><td class="num">{{ hours(v.minutes) }}</td></tr>
              <tr class="sheet-total"><td colspan="3">合计 {{ s.volunteer_items.length }} 次</td><td class="num report-volunteer-total">{{ hours(s.volunteer_minutes) }}</td></tr>
            </tbody>
          </table>
        </template>
        <table class="sheet-table report-eval">
          <tbody>
            <tr><th>社区党组织评价</th><td><b class="report-grade">{{ s.grade_label || '未评价' }}</b><div class="pre-text">{{ s.comment || '' }}</div>
              <div class="report-seal">社区党组织（盖章）<span>　　　　年　　月　　日</span></div></td></tr>
            <tr><th>工作单位党组织意见</th><td><div class="report-blank"></div><div class="report-seal">工作单位党组织（盖章）<span>　　　　年　　月　　日</span></div></td></tr>
          </tbody>
        </table>
      </article>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
