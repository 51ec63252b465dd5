// calc.js: 党费 → 标准计算器: a category and a monthly base in 元 give the monthly dues under the
// rule in force in the month chosen (GET /api/dues/standard), naming the rule, its version,
// the bracket and rate, and the rounding; the flat rate (DUES-FLAT) is said so the jump at a
// bracket edge is not taken for an error. Below, the rounding and deduction items in force
// (GET /api/dues/settings); holders of dues.settings change them for a district or street.
import { api, withQuery } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import FormActions from "../../components/form-actions.js";
import { options } from "../../lib/meta.js";
import { fmtYuan, parseYuan, monthCN } from "../../lib/money.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

export default {
  name: "DuesCalc",
  components: { FormActions },
  setup() {
    // The settings in force in the scope, and their dialog.
    const settings = ref(null);
    const loadSettings = async () => {
      if (scope.orgId) settings.value = await api("GET", withQuery("/api/dues/settings", { org: scope.orgId })).catch(() => null);
    };
    watch(() => scope.orgId, loadSettings);
    onMounted(loadSettings);
    const show = ref(false);
    const saving = ref(false);
    const errs = fieldErrors();
    const edit = reactive({ rounding: "half_fen", items: "" });
    const roundings = computed(() => options("dues_rounding"));
    function openSettings() {
      edit.rounding = settings.value ? settings.value.rounding : "half_fen";
      edit.items = settings.value ? settings.value.deduct_items.join("、") : "";
      show.value = true;
    }
    async function saveSettings() {
      await submitForm({ busy: saving, errs, fields: ["org_id", "rounding", "deduct_items"] }, async () => {
        const names = edit.items.split(/[、,，;；\s]+/).filter(Boolean).map((name) => ({ name }));
        settings.value = await api("PUT", "/api/dues/settings", { org_id: scope.orgId, rounding: edit.rounding, deduct_items: names });
        show.value = false;
        result.value = null;
      });
    }
    const form = reactive({ category: "employed", base: "", month: monthCN() });
    const result = ref(null);
    const error = ref("");
    const busy = ref(false);
    const fixed = computed(() => ["farmer", "student", "unemployed", "relief"].includes(form.category));
    const categories = computed(() => options("dues_category"));
    async function calc() {
      error.value = "";
      result.value = null;
      const b = parseYuan(form.base);
      if (b.error) { error.value = b.error; return; }
      if (b.fen === null && !fixed.value) { error.value = "请输入计算基数（元）"; return; }
      busy.value = true;
      try {
        result.value = await api("GET", withQuery("/api/dues/standard", { org: scope.orgId, category: form.category, base_fen: b.fen ?? 0, month: form.month }));
      } catch (e) {
        error.value = e.message;
      } finally {
        busy.value = false;
      }
    }
    return { form, result, error, busy, fixed, categories, calc, fmtYuan, settings, show, saving, errs, edit, roundings,
             openSettings, saveSettings, scope, canSet: computed(() => can("dues.settings")) };
  },
  template: `
    <div class="dues-calc">
      <el-form label-position="top" class="dues-calc-form" @submit.prevent="calc">
        <el-form-item label="党员类别">
          <el-select v-model="form.category" class="f-category">
            <el-option v-for="c in categories" :key="c.value" :value="c.value" :label="c.label" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="!fixed" label="每月计算基数（元，税后工资、离退休费或上季度月平均纯收入）" :error="error">
          <el-input v-model="form.base" inputmode="decimal" placeholder="例如 3000.00" class="f-base"><template #append>元</template></el-input>
        </el-form-item>
        <el-form-item label="月份"><el-date-picker v-model="form.month" type="month" value-format="YYYY-MM" :clearable="false" class="f-month" /></el-form-item>
        <el-button type="primary" native-type="submit" :loading="busy" class="do-calc">计算</el-button>
      </el-form>
      <el-alert v-if="error && fixed" type="error" :closable="false" :title="error" />
      <div v-if="result" class="dues-result">
        <div class="kpi"><div class="kpi-label">每月应交党费</div><div class="kpi-value dues-amount">{{ fmtYuan(result.amount_fen) }}<small>元</small></div></div>
        <p class="dues-rule">规则 <el-tag size="small" class="dues-rule-id">{{ result.rule.id }}</el-tag>（{{ result.rule.version }}，{{ result.rule.valid_from }} 起施行）
          <template v-if="result.rule.rate_bp">：计算基数 {{ fmtYuan(result.base_fen) }} 元<template v-if="result.rule.bracket_upto_fen !== null">（本档上限 {{ fmtYuan(result.rule.bracket_upto_fen) }} 元，含本数）</template><template v-else>（最高档）</template>，按 {{ result.rule.rate_bp / 100 }}% 交纳，{{ result.rule.rounding_label }}。</template>
          <template v-else>：按固定标准交纳。</template></p>
        <p v-if="result.rule.rate_bp" class="form-hint">比例适用于全部基数，不分段累进（DUES-FLAT）：跨过档次线时应交金额会跳升，这是规定本身。</p>
      </div>
      <el-divider />
      <p v-if="settings" class="dues-settings">舍入方式：<strong class="dues-rounding">{{ settings.rounding_label }}</strong>；计算基数扣除：{{ settings.deduct_items.join('、') || '无' }}
        <span class="form-hint">（{{ settings.org_id ? '上级组织设置' : '默认，文件未规定，请街道党工委确认' }}）</span>
        <el-button v-if="canSet" link type="primary" class="edit-settings" @click="openSettings">修改</el-button></p>
      <el-dialog v-model="show" title="党费设置" width="min(460px, 94vw)" class="settings-dialog">
        <p class="form-hint">在区或街道党组织设置，下级组织沿用；已核定的标准保留核定时的舍入方式。当前：{{ scope.orgName }}</p>
        <el-form label-position="top" @submit.prevent="saveSettings">
          <el-form-item label="舍入方式" :error="errs.rounding || errs.org_id">
            <el-radio-group v-model="edit.rounding" class="f-rounding"><el-radio v-for="r in roundings" :key="r.value" :value="r.value">{{ r.label }}</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item label="计算基数扣除项目（用顿号分隔）" :error="errs.deduct_items"><el-input v-model="edit.items" maxlength="400" class="f-deduct" /></el-form-item>
          <form-actions label="保存" :busy="saving" @cancel="show = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
