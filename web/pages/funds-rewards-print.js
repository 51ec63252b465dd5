// funds-rewards-print.js: the printable 七一 commendation list (奖励基金表彰名单) of a district or
// community for a year, A4, without the app's frame: each commendation's name, recipient (a
// branch, or a member with the org they belong to), amount in 元, date and the deeds it rests
// on; the total paid of the pool; lines for signatures. Text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { fmtYuan } from "../lib/money.js";
const { ref, onMounted } = Vue;

export const routes = [{ path: "/funds/rewards/:org/:year/print", title: "表彰名单（打印）", perm: "funds.read", bare: true }];

export default {
  name: "FundsRewardsPrintPage",
  props: { org: { type: String, required: true }, year: { type: String, required: true } },
  setup(props) {
    const data = ref(null);
    const error = ref("");
    onMounted(async () => {
      try {
        data.value = await api("GET", withQuery("/api/funds/rewards", { org: props.org, year: props.year }));
      } catch (e) {
        error.value = e.message;
      }
    });
    return { data, error, print: () => window.print(), back: () => window.history.back(), fmtYuan };
  },
  template: `
    <div class="print-page funds-print">
      <div class="print-tools"><el-button icon="ArrowLeft" @click="back">返回</el-button><el-button type="primary" icon="Printer" class="do-print" @click="print">打印</el-button></div>
      <el-alert v-if="error" type="error" :closable="false" :title="error" />
      <div v-else-if="!data" class="page-loading" v-loading="true" style="min-height: 200px"></div>
      <div v-else class="minutes-sheet funds-sheet">
        <h1 class="sheet-title">{{ year }}年“七一”表彰及奖励基金使用名单</h1>
        <p class="sheet-org">{{ data.org_name }} · 奖励基金 {{ fmtYuan(data.pool_fen) }} 元 · 已支出 {{ fmtYuan(data.paid_fen) }} 元 · 余额 {{ fmtYuan(data.left_fen) }} 元</p>
        <table class="sheet-table funds-sheet-table rewards-sheet-table">
          <thead><tr><th>序号</th><th>表彰</th><th>对象</th><th>金额（元）</th><th>日期</th><th>事迹与依据</th></tr></thead>
          <tbody>
            <tr v-for="(r, i) in data.items" :key="r.id">
              <td>{{ i + 1 }}</td><td>{{ r.title }}</td><td>{{ r.recipient_name }}<div v-if="r.recipient_org_name">{{ r.recipient_org_name }}</div></td>
              <td class="num">{{ fmtYuan(r.amount_fen) }}</td><td>{{ r.awarded_on }}</td><td>{{ r.evidence || '' }}</td>
            </tr>
            <tr class="sheet-total"><td colspan="3">合计</td><td class="num">{{ fmtYuan(data.paid_fen) }}</td><td colspan="2"></td></tr>
          </tbody>
        </table>
        <p class="sheet-sign">经办人（签字）：＿＿＿＿＿＿　　负责人（签字）：＿＿＿＿＿＿　　（盖章）</p>
      </div>
    </div>`,
};
