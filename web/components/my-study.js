// my-study.js: 我的学习 on 我的: the signed-in member's 学时 of a year against the target (32; 56
// for a branch secretary or committee member), their study records of that year (their own
// and those their branch entered), and 登记学习: a material their orgs published, or what they
// studied in their own words, the date and 学时 (POST /api/me/study). No timer and no
// ranking: the hours are what was recorded. Shown only to an account linked to a person.
import { api, withQuery } from "../lib/api.js";
import { session } from "../lib/session.js";
import { options } from "../lib/meta.js";
import { fieldErrors, clearErrors, submitForm } from "../lib/forms.js";
import { todayCN } from "../lib/orglife.js";
import { recentYears, thisYear, hoursState, hoursPct } from "../lib/evalstudy.js";
const { ref, reactive, computed, onMounted } = Vue;

const FIELDS = ["material_id", "title", "kind", "studied_on", "hours", "note"];
const SHOWN = 8;

export default {
  name: "MyStudy",
  setup() {
    const year = ref(thisYear());
    const data = ref(null);
    const error = ref("");
    const all = ref(false);
    async function load() {
      try {
        data.value = await api("GET", withQuery("/api/me/study", { year: year.value }));
        error.value = "";
      } catch (e) {
        error.value = e.message;
      }
    }
    onMounted(() => { if (session.user.person_id) load(); });
    const items = computed(() => (data.value ? (all.value ? data.value.items : data.value.items.slice(0, SHOWN)) : []));

    const adding = ref(false);
    const form = reactive({ material_id: null, title: "", kind: "", studied_on: todayCN(), hours: 1, note: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    const material = computed(() => (data.value && data.value.materials.find((m) => m.id === form.material_id)) || null);
    function start() {
      clearErrors(errs);
      Object.assign(form, { material_id: null, title: "", kind: "", studied_on: todayCN(), hours: 1, note: "" });
      adding.value = true;
    }
    function onMaterial() {
      if (material.value) form.hours = material.value.hours;
    }
    function submit() {
      const b = { studied_on: form.studied_on || null };
      if (material.value) {
        b.material_id = material.value.id;
        if (form.hours !== material.value.hours) b.hours = form.hours;
      } else {
        b.title = form.title.trim() || null;
        if (form.kind) b.kind = form.kind;
        b.hours = form.hours;
      }
      if (form.note.trim()) b.note = form.note.trim();
      return submitForm({ busy, errs, fields: FIELDS }, async () => {
        await api("POST", "/api/me/study", b);
        ElementPlus.ElMessage.success("学习已登记");
        adding.value = false;
        year.value = Number(b.studied_on.slice(0, 4));
        await load();
      });
    }
    return { year, data, error, all, items, load, adding, form, errs, busy, material, start, onMaterial, submit, SHOWN,
             YEARS: recentYears(3), KINDS: options("study_kind"), hoursState, hoursPct, linked: !!session.user.person_id };
  },
  template: `
    <el-card v-if="linked" shadow="never" class="me-card my-study">
      <template #header>
        <span class="card-title">我的学习</span>
        <el-select v-model="year" size="small" style="width: 100px" class="my-study-year" @change="load">
          <el-option v-for="y in YEARS" :key="y" :label="y + ' 年'" :value="y" />
        </el-select>
      </template>
      <el-alert v-if="error" type="error" :title="error" :closable="false" />
      <template v-else-if="data">
        <div class="my-hours">
          <div class="my-hours-line"><span class="my-hours-value num">{{ data.summary.hours }}</span><span class="my-hours-target"> / {{ data.summary.target }} 学时</span>
            <span :class="data.summary.met ? 'hours-met' : 'hours-short'" class="my-hours-state">{{ hoursState(data.summary) }}</span></div>
          <el-progress :percentage="hoursPct(data.summary)" :show-text="false" :stroke-width="8" :color="data.summary.met ? '#67c23a' : '#e6a23c'" />
          <div class="form-hint">{{ data.summary.leader ? '基层党组织书记和班子成员每年不少于 56 学时' : '党员每年不少于 32 学时' }}</div>
        </div>
        <ul v-if="items.length" class="my-study-list">
          <li v-for="r in items" :key="r.id" class="my-study-item">
            <div class="my-study-head"><span class="my-study-title">{{ r.title }}</span><span class="num my-study-hours">{{ r.hours }} 学时</span></div>
            <div class="my-meeting-sub">{{ r.studied_on }} · {{ r.kind_label }} · {{ r.source_label }}<el-tag v-if="r.delivered" size="small" type="warning" class="tag-gap-left">送学上门</el-tag></div>
          </li>
        </ul>
        <div v-else class="form-hint">{{ year }} 年还没有学习记录</div>
        <div v-if="data.items.length > SHOWN && !all" class="form-actions left"><el-button text type="primary" @click="all = true" class="my-study-all">显示全部 {{ data.items.length }} 条</el-button></div>
        <el-divider />
        <el-button v-if="!adding" icon="EditPen" class="my-study-add" @click="start">登记学习</el-button>
        <el-form v-else label-position="top" class="my-study-form" @submit.prevent="submit">
          <el-form-item label="学习材料" :error="errs.material_id">
            <el-select v-model="form.material_id" clearable filterable placeholder="不选则自行填写学习内容" class="my-study-material" style="width: 100%" @change="onMaterial">
              <el-option v-for="m in data.materials" :key="m.id" :label="m.title" :value="m.id" />
            </el-select>
          </el-form-item>
          <template v-if="!material">
            <el-form-item label="学习内容" :error="errs.title" required>
              <el-input v-model="form.title" name="title" maxlength="200" placeholder="如 自学《中国共产党章程》" />
            </el-form-item>
            <el-form-item label="学习形式" :error="errs.kind">
              <el-radio-group v-model="form.kind" class="my-study-kind">
                <el-radio v-for="k in KINDS" :key="k.value" :value="k.value">{{ k.label }}</el-radio>
              </el-radio-group>
            </el-form-item>
          </template>
          <el-form-item label="学习日期" :error="errs.studied_on" required>
            <el-date-picker v-model="form.studied_on" type="date" value-format="YYYY-MM-DD" class="my-study-date" style="width: 100%" />
          </el-form-item>
          <el-form-item label="学时" :error="errs.hours" required>
            <el-input-number v-model="form.hours" :min="1" :max="24" step-strictly name="hours" class="my-study-hours-input" />
          </el-form-item>
          <el-form-item label="备注" :error="errs.note"><el-input v-model="form.note" name="note" maxlength="500" /></el-form-item>
          <div class="form-actions left">
            <el-button type="primary" native-type="submit" :loading="busy" class="my-study-submit">登记</el-button>
            <el-button @click="adding = false">取消</el-button>
          </div>
        </el-form>
      </template>
    </el-card>`,
};
