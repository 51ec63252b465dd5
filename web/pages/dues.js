// dues.js: 党费: one page with a component per tab from pages/dues/: 标准计算器 (calc.js),
// 支部台账 (ledger.js: the monthly grid, 整月登记 and the workbook), 交纳记录 (receipts.js:
// entries of a month, 冲正, the printable receipt list), 欠缴 (arrears.js), 少交免交
// (reliefs.js: DUES-HARDSHIP applications and decisions) and 汇总 (summary.js: the scope's
// year per child org). A member's own
// dues are on 我的 (components/my-dues.js). Amounts are shown in 元 with two decimals.
import { isMobile } from "../lib/viewport.js";
import DuesCalc from "./dues/calc.js";
import DuesLedger from "./dues/ledger.js";
import DuesReceipts from "./dues/receipts.js";
import DuesArrears from "./dues/arrears.js";
import DuesSummary from "./dues/summary.js";
import DuesReliefs from "./dues/reliefs.js";
const { ref } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/dues", title: "党费", perm: "dues.read", menu: { group: "党员与组织", icon: "Wallet", order: 18 } }];

export default {
  name: "DuesPage",
  components: { DuesCalc, DuesLedger, DuesReceipts, DuesArrears, DuesSummary, DuesReliefs },
  setup() {
    const tab = ref("ledger");
    return { tab, isMobile };
  },
  template: `
    <div class="page dues-page">
      <div class="page-head"><h1 class="page-title">党费</h1></div>
      <p class="page-desc">按《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）计算和登记党费；金额精确到分。</p>
      <el-card shadow="never">
        <el-tabs v-model="tab" :stretch="isMobile" class="dues-tabs">
          <el-tab-pane :label="isMobile ? '台账' : '支部台账'" name="ledger"><dues-ledger /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '记录' : '交纳记录'" name="receipts" lazy><dues-receipts /></el-tab-pane>
          <el-tab-pane label="欠缴" name="arrears" lazy><dues-arrears /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '减免' : '少交免交'" name="reliefs" lazy><dues-reliefs /></el-tab-pane>
          <el-tab-pane label="汇总" name="summary" lazy><dues-summary /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '计算' : '标准计算器'" name="calc" lazy><dues-calc /></el-tab-pane>
        </el-tabs>
      </el-card>
    </div>`,
};
