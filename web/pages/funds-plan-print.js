// funds-plan-print.js: a quarterly plan as an A4 sheet (党建活动计划及经费使用情况), without the
// app's frame: every activity with its content, date, participants, budget lines, the amount
// requested, the street's comment, the district's decision and the approved amount, the
// totals; then, for activities held, the evidence report (day, participants, summary,
// spending with receipts, the district's check); and lines for the signatures of the
// community, the street and the district. Text is shown as text.
import { api } from "../lib/api.js";
import { fmtYuan } from "../lib/money.js";
const { ref, computed, onMounted } = Vue;

export const routes = [{ path: "/funds/plans/:id/print", title: "党建活动计划（打印）", perm: "funds.read", bare: true }];

export default {
  name: "FundsPlanPrintPage",
  props: { id: { type: String, required: true } },
  setup(props) {
    const plan = ref(null);
    const error = ref("");
    onMounted(async () => {
      try {
        plan.value = await api("GET", `/api/funds/plans/${props.id}`);
      } catch (e) {
        error.value = e.message;
      }
    });
    const held = computed(() => (plan.value ? plan.value.activities.filter((a) => a.used_on) : []));
    const lines = (a) => a.budget_lines.map((l) => `${l.category_label} ${fmtYuan(l.amount_fen)}`).join("；");
    const print = () => window.print();
    const back = () => window.history.back();
    return { plan, error, held, lines, print, back, fmtYuan };
  },
  template: `
    <div class="print-page funds-print">
      <div class="print-tools"><el-button icon="ArrowLeft" @click="back">返回</el-button><el-button type="primary" icon="Printer" class="do-print" @click="print">打印</el-button></div>
      <el-alert v-if="error" type="error" :closable="false" :title="error" />
      <div v-else-if="!plan" class="page-loading" v-loading="true" style="min-height: 200px"></div>
      <div v-else class="minutes-sheet funds-sheet">
        <h1 class="sheet-title">{{ plan.year }}年第{{ plan.quarter }}季度党建活动计划</h1>
        <p class="sheet-org">{{ plan.org_name }} · {{ plan.status_label }} · 申请 {{ fmtYuan(plan.requested_fen) }} 元<template v-if="plan.status === 'reviewed' || plan.status === 'allocated'"> · 核定 {{ fmtYuan(plan.approved_fen) }} 元</template></p>
        <table class="sheet-table funds-sheet-table">
          <thead><tr><th>序号</th><th>活动及内容</th><th>日期</th><th>人数</th><th>预算明细（元）</th><th>申请（元）</th><th>街道意见</th><th>审核意见</th><th>核定（元）</th></tr></thead>
          <tbody>
            <tr v-for="(a, i) in plan.activities" :key="a.id">
              <td>{{ i + 1 }}</td><td><b>{{ a.title }}</b><div v-if="a.content">{{ a.content }}</div></td><td>{{ a.date }}</td><td class="num">{{ a.participants }}</td>
              <td>{{ lines(a) }}</td><td class="num">{{ fmtYuan(a.requested_fen) }}</td><td>{{ a.street_comment || '' }}</td>
              <td>{{ a.decision_label || '待审核' }}<div v-if="a.reason">{{ a.reason }}</div></td><td class="num">{{ a.approved_fen === null ? '' : fmtYuan(a.approved_fen) }}</td>
            </tr>
            <tr class="sheet-total"><td colspan="5">合计</td><td class="num">{{ fmtYuan(plan.requested_fen) }}</td><td colspan="2"></td><td class="num">{{ fmtYuan(plan.approved_fen) }}</td></tr>
          </tbody>
        </table>
        <template v-if="held.length">
          <h2 class="sheet-section">经费使用情况</h2>
          <table class="sheet-table funds-sheet-table">
            <thead><tr><th>活动</th><th>开展日期</th><th>人数</th><th>活动小结</th><th>支出明细</th><th>支出（元）</th><th>核查</th></tr></thead>
            <tbody>
              <tr v-for="a in held" :key="a.id">
                <td>{{ a.title }}</td><td>{{ a.used_on }}</td><td class="num">{{ a.used_participants }}</td><td>{{ a.summary }}</td>
                <td><div v-for="(s, k) in a.spending" :key="k">{{ s.category_label }} {{ fmtYuan(s.amount_fen) }}<template v-if="s.receipt_no">（收据 {{ s.receipt_no }}）</template></div></td>
                <td class="num">{{ fmtYuan(a.spent_fen) }}</td><td>{{ a.check_label || '待核查' }}<div v-if="a.check_reason">{{ a.check_reason }}</div></td>
              </tr>
            </tbody>
          </table>
        </template>
        <p class="sheet-sign">社区党组织书记（签字）：＿＿＿＿＿＿　　街道审核（签字）：＿＿＿＿＿＿　　区委组织部（盖章）：＿＿＿＿＿＿</p>
      </div>
    </div>`,
};
