// transfers.js: 组织关系转接 (issue 18): the queues of the current scope, 转出 (sent from it)
// and 转入 (received into it), pending first with the deadline of the rule row in force
// (XFER-ONLINE-LIMIT; past it the row is marked, nothing is refused); 发起转接 (a member of the
// scope to any org of the tree, XFER-DIRECT) and, on the receiving side, 接收 (the member moves
// then) and 退回 with a reason; 介绍信 (letters for transfers outside the system,
// transfers/letters.js), 口袋党员 (letters run out without a receipt, transfers/pocket.js) and
// 流动党员 (registration cards, 活动证, meetings at the destination, transfers/flows.js) and 失联
// (the reminder ladder with contact attempts and decisions, and the 三不 marks, transfers/lost.js)
// and 在职党员 (在职党员到社区报到, transfers/in-service.js).
// The tabs and dialogs are in pages/transfers/; text is shown as text.
import { isMobile } from "../lib/viewport.js";
import { can } from "../lib/session.js";
import { route } from "../lib/router.js";
import TransferQueue from "./transfers/queue.js";
import TransferCreate from "./transfers/create.js";
import TransferLetters from "./transfers/letters.js";
import TransferPocket from "./transfers/pocket.js";
import TransferFlows from "./transfers/flows.js";
import TransferLost from "./transfers/lost.js";
import TransferInService from "./transfers/in-service.js";
const { ref, computed } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/transfers", title: "组织关系转接", perm: "transfers.read", menu: { group: "党员与组织", icon: "Switch", order: 19 } }];

export default {
  name: "TransfersPage",
  components: { TransferQueue, TransferCreate, TransferLetters, TransferPocket, TransferFlows, TransferLost, TransferInService },
  setup() {
    const TABS = ["out", "in", "letters", "pocket", "flows", "lost", "in-service"];
    const tab = ref(TABS.includes(route.query.tab) ? route.query.tab : "out"); // ?tab= from a print page's 返回
    const showCreate = ref(false);
    const version = ref(0); // bumped after a write: both queues load again
    const canWrite = computed(() => can("transfers.write"));
    const created = () => { version.value++; tab.value = "out"; };
    return { tab, showCreate, version, canWrite, created, isMobile };
  },
  template: `
    <div class="page transfers-page">
      <div class="page-head">
        <h1 class="page-title">组织关系转接</h1>
        <el-button v-if="canWrite" type="primary" icon="Plus" class="new-transfer" @click="showCreate = true">发起转接</el-button>
      </div>
      <p class="page-desc">系统内转接：转出党组织发起，接收党组织接收或退回；接收前党员仍在原党组织（转出中）。接收党组织不在系统内的，开具纸质介绍信。期限按规则提示，由党组织办理，系统不代为决定。</p>
      <el-card shadow="never">
        <el-tabs v-model="tab" :stretch="isMobile" class="transfer-tabs">
          <el-tab-pane label="转出" name="out"><transfer-queue box="out" :version="version" @changed="version++" /></el-tab-pane>
          <el-tab-pane label="转入" name="in" lazy><transfer-queue box="in" :version="version" @changed="version++" /></el-tab-pane>
          <el-tab-pane label="介绍信" name="letters" lazy><transfer-letters :version="version" @changed="version++" /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '口袋' : '口袋党员'" name="pocket" lazy><transfer-pocket :version="version" /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '流动' : '流动党员'" name="flows" lazy><transfer-flows :version="version" @changed="version++" /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '失联' : '失联与三不'" name="lost" lazy><transfer-lost :version="version" /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '在职' : '在职党员'" name="in-service" lazy><transfer-in-service :version="version" /></el-tab-pane>
        </el-tabs>
      </el-card>
      <transfer-create v-model="showCreate" @created="created" />
    </div>`,
};
