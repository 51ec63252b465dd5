// print-record.js: 发展党员工作全程纪实表 (pages/dev-print.js): the applicant, then the 25 steps
// by stage, each recorded one (step 6 may be several) with its date, body, decision, the people
// named, training, the linked 支部党员大会 vote's count, and the rule outcomes that are not plain
// passes (warnings, overdue, computed dates, overrides); steps not recorded stay blank rows.
import { sheetHead } from "./print-filing.js";
const { computed } = Vue;

// The five stages of RULES.md §2.
const STAGES = ["", "申请入党", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收", "预备党员的教育考察和转正"];

function detail(s, v) {
  const out = [];
  if (s.decision_label) out.push(s.decision_label);
  if (s.people.length) out.push(`${s.step === 5 ? "培养联系人" : "入党介绍人"}：${s.people.map((p) => p.name).join("、")}`);
  const training = [s.training_days && `${s.training_days} 天`, s.training_hours && `${s.training_hours} 学时`].filter(Boolean);
  if (training.length) out.push(`集中培训 ${training.join("、")}`);
  if (s.vote_id) {
    out.push(v ? `支部党员大会表决：应到 ${v.expected_n} 人，实到 ${v.present_n} 人，赞成 ${v.yes_n}、反对 ${v.no_n}、弃权 ${v.abstain_n}（${v.result_label || "未结束"}）`
      : "已关联支部党员大会表决");
  }
  if (s.extend_months) out.push(`延长预备期 ${s.extend_months} 个月`);
  if (s.override_reason) out.push(`特殊情况理由：${s.override_reason}`);
  if (s.note) out.push(s.note);
  return out;
}

export default {
  name: "DevPrintRecord",
  props: { a: { type: Object, required: true }, docs: { type: Object, required: true }, votes: { type: Object, default: () => ({}) } },
  setup(props) {
    // One row per recorded step (in the order recorded), a blank row per step never recorded,
    // grouped by stage; again when the votes' counts arrive.
    const stages = computed(() => [1, 2, 3, 4, 5].map((k) => ({
      k, name: STAGES[k],
      rows: props.docs.steps.filter((d) => d.stage === k).flatMap((d) => {
        const done = props.a.steps.filter((s) => s.step === d.step);
        return done.length ? done.map((s) => ({ key: `s${s.id}`, def: d, s, lines: detail(s, props.votes[s.vote_id]),
          notes: s.findings.filter((f) => f.result !== "pass") })) : [{ key: `d${d.step}`, def: d, s: null, lines: [], notes: [] }];
      }),
    })));
    return { stages, head: sheetHead(props.a) };
  },
  template: `
    <article class="minutes-sheet dev-sheet dev-record">
      <h1 class="sheet-title">发展党员工作全程纪实表</h1>
      <div class="sheet-org">{{ a.org_name }}</div>
      <table class="sheet-table dev-head-table">
        <tbody>
          <tr><th>姓　　名</th><td>{{ a.name }}</td><th>性　　别</th><td>{{ head.gender }}</td></tr>
          <tr><th>出生日期</th><td>{{ a.birth_date }}</td><th>身份证号</th><td class="sheet-mono">{{ a.id_number }}</td></tr>
          <tr><th>目前状态</th><td>{{ a.status_label }}</td><th>志愿书编号</th><td>{{ docs.volunteer_number || '' }}</td></tr>
          <tr><th>预 备 期</th><td colspan="3">{{ a.joined_on ? a.joined_on + ' 至 ' + a.probation_ends_on + (a.extensions ? '（已延长）' : '') : '' }}</td></tr>
        </tbody>
      </table>
      <table class="sheet-table dev-steps-table">
        <colgroup><col class="c-step" /><col class="c-date" /><col class="c-body" /><col /><col class="c-rules" /></colgroup>
        <thead><tr><th>步　骤</th><th>日　期</th><th>负责机构或人员</th><th>情　况</th><th>规则检查</th></tr></thead>
        <tbody v-for="g in stages" :key="g.k">
          <tr class="stage-row"><td colspan="5">第{{ '一二三四五'[g.k - 1] }}阶段　{{ g.name }}</td></tr>
          <tr v-for="r in g.rows" :key="r.key" :data-step="r.def.step" :class="{ 'step-blank': !r.s }">
            <td>{{ r.def.step }}. {{ r.def.name }}</td>
            <td class="sheet-date">{{ r.s ? r.s.date : '' }}</td>
            <td>{{ r.s && r.s.body ? r.s.body : '' }}</td>
            <td><div v-for="(l, i) in r.lines" :key="i">{{ l }}</div></td>
            <td class="sheet-rules"><template v-if="r.s"><div v-for="f in r.notes" :key="f.rule" class="sheet-finding">{{ f.message }}</div><div v-if="!r.notes.length">符合</div></template></td>
          </tr>
        </tbody>
      </table>
      <div class="sheet-signs">
        <span>党支部书记（签字）：<span class="sign-line"></span></span>
        <span>党支部（盖章）</span>
        <span>填表日期：<span class="sign-line short"></span></span>
      </div>
    </article>`,
};
