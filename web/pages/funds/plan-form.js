// plan-form.js: 党建经费 → 填报计划: a community's plan for a quarter (POST /api/funds/plans)
// as a dialog, full screen on a phone: the community (its own, or one of the street's), the
// year and quarter, and activities, each with a title, content, date, expected participants
// and budget lines (a category from GET /api/funds/rules, an amount typed in 元). Saved as a
// draft; 保存并提交 submits it to the street at once. Errors show at their activity and line.
import { api } from "../../lib/api.js";
import { fieldErrors, showError, clearErrors } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { fmtYuan, parseYuan } from "../../lib/money.js";
import { scope } from "../../lib/session.js";
import { todayCN } from "../../lib/orglife.js";
const { ref, reactive, computed, onMounted } = Vue;

const newLine = () => ({ category: "materials", amount: "" });
const newActivity = () => ({ title: "", content: "", date: "", participants: 30, lines: [newLine()] });

export default {
  name: "PlanForm",
  props: { communities: { type: Array, required: true }, year: Number, quarter: Number },
  emits: ["done", "cancel"],
  setup(props, { emit }) {
    const show = ref(true);
    const busy = ref(false);
    const errs = fieldErrors();
    const categories = ref([]);
    const form = reactive({ org_id: props.communities.length === 1 ? props.communities[0].org_id : null,
                            year: props.year, quarter: props.quarter, activities: [newActivity()] });
    const rule = ref(null);
    // The last day to submit a quarter's plan (FUND-DEADLINE in force today), "" when unknown.
    const deadline = (y, q) => (rule.value && rule.value.param[`q${q}`] ? `${y}-${rule.value.param[`q${q}`]}` : "");
    onMounted(async () => {
      const r = await api("GET", `/api/funds/rules?org=${scope.orgId}`);
      categories.value = r.categories;
      const today = todayCN();
      rule.value = r.rules.filter((x) => x.id === "FUND-DEADLINE" && x.valid_from <= today && today < x.valid_to)
        .sort((a, b) => (a.valid_from < b.valid_from ? 1 : -1))[0] || null;
      // A quarter past its deadline takes no plan: start at the first one still open.
      for (let y = form.year, q = form.quarter, n = 0; n < 8 && deadline(y, q) && deadline(y, q) < today; n++) {
        [y, q] = q === 4 ? [y + 1, 1] : [y, q + 1];
        form.year = y;
        form.quarter = q;
      }
    });
    const fenOf = (l) => parseYuan(l.amount).fen || 0;
    const total = computed(() => form.activities.reduce((t, a) => t + a.lines.reduce((s, l) => s + fenOf(l), 0), 0));
    const err = (path) => errs[path] || "";
    async function save(submit) {
      clearErrors(errs);
      let bad = false;
      const activities = form.activities.map((a, i) => ({
        title: a.title, content: a.content || undefined, date: a.date, participants: Number(a.participants) || 0,
        budget_lines: a.lines.map((l, k) => {
          const p = parseYuan(l.amount);
          if (p.error || !p.fen) { errs[`activities/${i}/budget_lines/${k}/amount_fen`] = p.error || "请输入金额"; bad = true; }
          return { category: l.category, amount_fen: p.fen };
        }),
      }));
      if (bad) return;
      busy.value = true;
      try {
        const plan = await api("POST", "/api/funds/plans", { org_id: form.org_id, year: form.year, quarter: form.quarter, activities });
        if (submit) await api("POST", `/api/funds/plans/${plan.id}/submit`);
        ElementPlus.ElMessage.success(submit ? "计划已提交街道" : "已保存草稿");
        show.value = false;
        emit("done");
      } catch (e) {
        showError(e, errs, ["org_id", "year", "quarter", "activities"]);
      } finally {
        busy.value = false;
      }
    }
    const addActivity = () => form.activities.push(newActivity());
    return { show, busy, errs, err, form, categories, total, save, addActivity, newLine, fmtYuan, isMobile, emit, deadline };
  },
  template: `
    <el-dialog v-model="show" title="填报季度活动计划" width="min(760px, 96vw)" :fullscreen="isMobile" class="plan-dialog" @closed="emit('cancel')">
      <el-form label-position="top" class="plan-form" @submit.prevent="save(false)">
        <div class="plan-form-head">
          <el-form-item label="社区" :error="errs.org_id" required class="f-org">
            <el-select v-model="form.org_id" placeholder="请选择社区" style="width: 100%">
              <el-option v-for="c in communities" :key="c.org_id" :value="c.org_id" :label="c.name" />
            </el-select>
          </el-form-item>
          <el-form-item label="季度" :error="errs.quarter" required>
            <el-input-number v-model="form.year" :min="2000" :max="2999" controls-position="right" class="f-plan-year" />
            <el-select v-model="form.quarter" style="width: 100px; margin-left: 8px" class="f-plan-quarter"><el-option v-for="q in 4" :key="q" :value="q" :label="'第' + q + '季度'" /></el-select>
          </el-form-item>
        </div>
        <p v-if="deadline(form.year, form.quarter)" class="form-hint plan-deadline">本季度计划报送截止日期：{{ deadline(form.year, form.quarter) }}（规则 FUND-DEADLINE）</p>
        <div v-for="(a, i) in form.activities" :key="i" class="plan-activity">
          <div class="plan-activity-head">活动 {{ i + 1 }}
            <el-button v-if="form.activities.length > 1" link type="danger" size="small" @click="form.activities.splice(i, 1)">删除</el-button></div>
          <el-form-item label="活动名称" :error="err('activities/' + i + '/title')" required><el-input v-model="a.title" maxlength="100" class="f-title" /></el-form-item>
          <el-form-item label="内容与预期效果" :error="err('activities/' + i + '/content')"><el-input v-model="a.content" type="textarea" :rows="2" maxlength="1000" class="f-content" /></el-form-item>
          <div class="plan-activity-row">
            <el-form-item label="日期" :error="err('activities/' + i + '/date')" required><el-date-picker v-model="a.date" type="date" value-format="YYYY-MM-DD" class="f-date" /></el-form-item>
            <el-form-item label="预计人数" :error="err('activities/' + i + '/participants')"><el-input-number v-model="a.participants" :min="0" :max="100000" controls-position="right" class="f-participants" /></el-form-item>
          </div>
          <div class="plan-lines-label">预算明细</div>
          <div v-for="(l, k) in a.lines" :key="k" class="plan-line">
            <el-select v-model="l.category" class="f-category" aria-label="类别"><el-option v-for="c in categories" :key="c.code" :value="c.code" :label="c.label" /></el-select>
            <el-input v-model="l.amount" inputmode="decimal" class="f-amount" aria-label="金额（元）" placeholder="金额"><template #append>元</template></el-input>
            <el-button v-if="a.lines.length > 1" link type="danger" @click="a.lines.splice(k, 1)">删除</el-button>
            <div v-if="err('activities/' + i + '/budget_lines/' + k + '/amount_fen') || err('activities/' + i + '/budget_lines/' + k + '/category')" class="el-form-item__error plan-line-error">
              {{ err('activities/' + i + '/budget_lines/' + k + '/amount_fen') || err('activities/' + i + '/budget_lines/' + k + '/category') }}</div>
          </div>
          <el-button link type="primary" icon="Plus" class="add-line" @click="a.lines.push(newLine())">添加预算</el-button>
        </div>
        <el-button icon="Plus" class="add-activity" @click="addActivity">添加活动</el-button>
        <p class="plan-total">共 {{ form.activities.length }} 项活动，申请合计 {{ fmtYuan(total) }} 元</p>
        <div class="form-actions">
          <el-button @click="show = false">取消</el-button>
          <el-button native-type="submit" :loading="busy" class="save-draft">保存草稿</el-button>
          <el-button type="primary" :loading="busy" class="save-submit" @click="save(true)">保存并提交</el-button>
        </div>
      </el-form>
    </el-dialog>`,
};
