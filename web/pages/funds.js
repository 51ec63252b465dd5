// funds.js: 党建经费 (社区党建经费, docs/funds.md): one page with a component per tab from
// pages/funds/: 活动计划 (plans.js: a community's quarterly plan form, the street's aggregation
// with one action to forward, the district's review board with per-activity decisions and
// allocation), 使用与核查 (evidence.js: use, photos, the district's check, variance), 经费台账
// (ledger.js: budget, reserve, allocated, spent and remaining per child org, with a chart) and
// 竞争激励 (incentive.js: next quarter's suggestion with every input and weight) and 奖励基金
// (rewards.js: the pool, 七一 commendations, shares, the printable list). What a level may do is the server's to decide; the page shows the
// actions of the scope's level (GET /api/funds/ledger says which it is).
import { isMobile } from "../lib/viewport.js";
import FundsPlans from "./funds/plans.js";
import FundsLedger from "./funds/ledger.js";
import FundsEvidence from "./funds/evidence.js";
import FundsIncentive from "./funds/incentive.js";
import FundsRewards from "./funds/rewards.js";
const { ref } = Vue;

export const routes = [{ path: "/funds", title: "党建经费", perm: "funds.read", menu: { group: "党员与组织", icon: "Money", order: 19 } }];

export default {
  name: "FundsPage",
  components: { FundsPlans, FundsLedger, FundsEvidence, FundsIncentive, FundsRewards },
  setup() {
    const tab = ref("plans");
    return { tab, isMobile };
  },
  template: `
    <div class="page funds-page">
      <div class="page-head"><h1 class="page-title">党建经费</h1></div>
      <p class="page-desc">社区每季度报送活动计划，街道汇总报送，区委组织部逐项审核并按计划分配经费；金额精确到分。</p>
      <el-card shadow="never">
        <el-tabs v-model="tab" :stretch="isMobile" class="funds-tabs">
          <el-tab-pane label="活动计划" name="plans"><funds-plans /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '使用' : '使用与核查'" name="evidence" lazy><funds-evidence /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '台账' : '经费台账'" name="ledger" lazy><funds-ledger /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '激励' : '竞争激励'" name="incentive" lazy><funds-incentive /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '奖励' : '奖励基金'" name="rewards" lazy><funds-rewards /></el-tab-pane>
        </el-tabs>
      </el-card>
    </div>`,
};
