// volunteer-cert-print.js: the printable yearly service certificate (志愿服务证明), A4 without the
// app's frame: its number, the person, the year's verified hours and activities, each verified
// record, and the issuing organization's seal and date. "me" prints the caller's own (GET
// /api/me/volunteer); an organizer prints anyone's in scope and may issue the number here
// (POST /api/volunteer/people/{id}/certificate). Text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { can } from "../lib/session.js";
const { ref, computed, onMounted } = Vue;

export const routes = [{ path: "/volunteer/certificate/:person/:year", title: "志愿服务证明（打印）", perm: "session", bare: true }];

export default {
  name: "VolunteerCertPrintPage",
  props: { person: { type: String, required: true }, year: { type: String, required: true } },
  setup(props) {
    const rec = ref(null);
    const error = ref("");
    const busy = ref(false);
    async function load() {
      try {
        rec.value = props.person === "me"
          ? (await api("GET", withQuery("/api/me/volunteer", { year: props.year }))).record
          : await api("GET", withQuery(`/api/volunteer/people/${props.person}/record`, { year: props.year }));
      } catch (e) { error.value = e.message; }
    }
    onMounted(load);
    const verified = computed(() => (rec.value ? rec.value.hours.filter((h) => h.status === "verified") : []));
    const hours = (m) => (m / 60).toFixed(1);
    async function issue() {
      busy.value = true;
      try { await api("POST", `/api/volunteer/people/${props.person}/certificate`, { year: Number(props.year) }); await load(); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      busy.value = false;
    }
    const canIssue = computed(() => props.person !== "me" && can("volunteer.write"));
    return { rec, error, busy, verified, hours, issue, canIssue, print: () => window.print(), back: () => history.back() };
  },
  template: `
    <div class="print-page vol-cert-print">
      <div class="print-tools"><el-button icon="ArrowLeft" @click="back">返回</el-button>
        <el-button v-if="rec && !rec.certificate && canIssue" type="primary" :loading="busy" class="vol-issue" @click="issue">出具证明</el-button>
        <el-button v-if="rec && rec.certificate" type="primary" icon="Printer" class="do-print" @click="print">打印</el-button></div>
      <el-alert v-if="error" type="error" :closable="false" :title="error" />
      <div v-else-if="!rec" class="page-loading" v-loading="true" style="min-height: 200px"></div>
      <el-alert v-else-if="!rec.certificate" type="info" :closable="false" title="本年度尚未出具志愿服务证明" />
      <div v-else class="minutes-sheet vol-cert-sheet">
        <p class="vol-cert-no">编号：{{ rec.certificate.number }}</p>
        <h1 class="sheet-title">志愿服务证明</h1>
        <p class="vol-cert-body">兹证明<u>{{ rec.person.name }}</u>同志于{{ rec.year }}年参加志愿服务活动{{ rec.activities }}次，经核实服务时长累计<u>{{ hours(rec.certificate.minutes) }}</u>小时。</p>
        <p class="vol-cert-body">特此证明。</p>
        <table class="sheet-table">
          <thead><tr><th>序号</th><th>日期</th><th>活动或岗位</th><th>时间</th><th>时长（小时）</th></tr></thead>
          <tbody><tr v-for="(h, i) in verified" :key="h.id"><td>{{ i + 1 }}</td><td>{{ h.start.slice(0, 10) }}</td><td>{{ h.what }}</td><td>{{ h.start.slice(11) }}–{{ h.end.slice(11) }}</td><td class="num">{{ hours(h.minutes) }}</td></tr></tbody>
        </table>
        <p class="sheet-sign vol-cert-seal">出具单位（盖章）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日</p>
      </div>
    </div>`,
};
