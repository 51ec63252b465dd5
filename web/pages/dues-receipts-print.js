// dues-receipts-print.js: the printable receipt list (党费收缴清单) of one branch and month, A4,
// without the app's frame: each entry's receipt number, member, amount in 元, method (代缴 with
// the payer), date and kind (冲正 entries as their own lines, with the reason), the month's
// total, and lines for the 经手人 and 支部书记 signatures. Text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { navigate } from "../lib/router.js";
import { fmtYuan } from "../lib/money.js";
const { ref, computed, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/dues/receipts/:org/:month", title: "党费收缴清单（打印）", perm: "dues.read", bare: true }];

export default {
  name: "DuesReceiptsPrintPage",
  props: { org: { type: String, required: true }, month: { type: String, required: true } },
  setup(props) {
    const items = ref([]);
    const orgName = ref("");
    const error = ref("");
    const loaded = ref(false); // the sheet shows once every page is in (no early 合计 0)
    onMounted(async () => {
      try {
        orgName.value = (await api("GET", `/api/orgs/${props.org}`)).name;
        // Every page of the month's entries (200 a page).
        const all = [];
        for (let page = 1; ; page++) {
          const p = await api("GET", withQuery("/api/dues/payments", { org: props.org, month: props.month, page, size: 200 }));
          all.push(...p.items);
          if (all.length >= p.total || !p.items.length) break;
        }
        items.value = all;
        loaded.value = true;
      } catch (e) {
        error.value = e.message;
      }
    });
    const total = computed(() => items.value.reduce((t, e) => t + e.amount_fen, 0));
    const print = () => window.print();
    const back = () => navigate("/dues");
    return { items, orgName, error, loaded, total, print, back, fmtYuan };
  },
  template: `
    <div class="print-page dues-print">
      <div class="print-tools"><el-button icon="ArrowLeft" @click="back">返回</el-button><el-button type="primary" icon="Printer" class="do-print" @click="print">打印</el-button></div>
      <el-alert v-if="error" type="error" :closable="false" :title="error" />
      <div v-else-if="!loaded" class="page-loading" v-loading="true" style="min-height: 200px"></div>
      <div v-else class="minutes-sheet dues-sheet">
        <h1 class="sheet-title">{{ orgName }}党费收缴清单</h1>
        <p class="sheet-sub">{{ month.slice(0, 4) }}年{{ Number(month.slice(5)) }}月 · 共 {{ items.length }} 笔 · 合计 {{ fmtYuan(total) }} 元</p>
        <table class="sheet-table dues-sheet-table">
          <thead><tr><th>序号</th><th>收据编号</th><th>姓名</th><th>金额（元）</th><th>方式</th><th>交纳日期</th><th>类型</th><th>备注</th></tr></thead>
          <tbody>
            <tr v-for="(e, i) in items" :key="e.id" :class="{ reversal: e.kind === 'reversal' }">
              <td>{{ i + 1 }}</td><td>{{ e.receipt_no || '—' }}</td><td>{{ e.name }}</td><td class="num">{{ fmtYuan(e.amount_fen) }}</td>
              <td>{{ e.method_label || '—' }}<template v-if="e.method === 'proxy' && e.paid_by">（{{ e.paid_by }}）</template></td>
              <td>{{ e.paid_on }}</td><td>{{ e.kind_label }}</td><td>{{ e.reason || '' }}</td>
            </tr>
            <tr class="sheet-total"><td colspan="3">合计</td><td class="num">{{ fmtYuan(total) }}</td><td colspan="4"></td></tr>
          </tbody>
        </table>
        <p class="sheet-sign">经手人（签字）：＿＿＿＿＿＿　　支部书记（签字）：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿</p>
      </div>
    </div>`,
};
