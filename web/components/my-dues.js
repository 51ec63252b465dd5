// my-dues.js: 我的党费 on 我的: the signed-in member's own dues (GET /api/me/dues): the standard
// (category and monthly amount), this year's twelve months (paid, unpaid, not yet due), the
// year's totals and the entries recorded. Renders nothing for someone who is not a member.
import { api } from "../lib/api.js";
import { fmtYuan } from "../lib/money.js";
import DuesMonths from "./dues-months.js";
const { ref, onMounted } = Vue;

export default {
  name: "MyDues",
  components: { DuesMonths },
  setup() {
    const mine = ref(null);
    const year = ref(0);
    onMounted(async () => {
      try {
        const r = await api("GET", "/api/me/dues");
        mine.value = r.member;
        year.value = r.year;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    });
    return { mine, year, fmtYuan };
  },
  template: `
    <el-card v-if="mine" shadow="never" class="me-card my-dues">
      <template #header><span class="card-title">我的党费</span> <el-tag v-if="mine.outstanding_fen" size="small" type="danger">欠交 {{ fmtYuan(mine.outstanding_fen) }} 元</el-tag></template>
      <p class="me-note"><template v-if="mine.category">{{ mine.category_label }} · 每月 {{ fmtYuan(mine.amount_fen) }} 元</template><template v-else>尚未核定党费标准</template></p>
      <dues-months :months="mine.months" />
      <p class="me-note">{{ year }}年应交 {{ fmtYuan(mine.expected_fen) }} 元，已交 {{ fmtYuan(mine.paid_fen) }} 元<template v-if="mine.extra_fen">，自愿多交 {{ fmtYuan(mine.extra_fen) }} 元</template></p>
      <el-collapse v-if="mine.entries.length" class="my-dues-entries">
        <el-collapse-item :title="'交纳记录（' + mine.entries.length + ' 笔）'" name="entries">
          <div v-for="e in mine.entries" :key="e.id" class="my-dues-entry">{{ e.paid_on }} · {{ e.month }} {{ e.kind_label }} {{ fmtYuan(e.amount_fen) }} 元<template v-if="e.receipt_no">（收据 {{ e.receipt_no }}）</template></div>
        </el-collapse-item>
      </el-collapse>
    </el-card>`,
};
