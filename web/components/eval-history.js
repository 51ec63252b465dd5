// eval-history.js: a person's 民主评议 results, newest year first, as GET
// /api/members/{id}/evaluations and GET /api/me/evaluations give them (`items`): year, branch,
// the grade decided (a 预备党员 is shown as 不参加评定; a round still open as 尚未评定), the
// committee's proposal when it differs, and the improvement measures as text. It fetches
// nothing; member.js and my-evaluations.js hand it the items.
import { gradeType } from "../lib/evalstudy.js";

export default {
  name: "EvalHistory",
  props: { items: { type: Array, default: () => [] }, emptyText: { type: String, default: "暂无民主评议记录" } },
  setup() {
    return { gradeType };
  },
  template: `
    <ul v-if="items.length" class="eval-history">
      <li v-for="e in items" :key="e.round_id" class="eval-item">
        <div class="eval-item-head">
          <span class="eval-year">{{ e.year }} 年度</span>
          <span v-if="e.probationary" class="not-graded eval-grade">预备党员，不参加评定</span>
          <el-tag v-else-if="e.final_grade" size="small" :type="gradeType(e.final_grade)" class="eval-grade">{{ e.final_grade_label }}</el-tag>
          <span v-else class="not-decided eval-grade">尚未评定</span>
        </div>
        <div class="eval-item-sub">{{ e.org_name }}<template v-if="e.proposed_grade && e.proposed_grade !== e.final_grade"> · 支委会意见：{{ e.proposed_grade_label }}</template></div>
        <div v-if="e.note" class="eval-item-sub pre-text">整改措施：{{ e.note }}</div>
      </li>
    </ul>
    <div v-else class="form-hint eval-empty">{{ emptyText }}</div>`,
};
