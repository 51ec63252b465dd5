// member-edit.js: the create (/members/new) and edit (/members/:id/edit) form of a member.
// The server checks every rule (ID number check digit and region, dates, phone); its field
// error shows under that field. Edit sends only the fields that changed, so masked personal
// data is never written back. A change of 党籍状态 (or 类别, or 所在党组织) is recorded in the
// member's history: the form then asks for the decision's date (required for a status change),
// its document number and a note, sent as effective_on, doc_no and note.
import { api } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { fieldErrors, showError, clearErrors } from "../lib/forms.js";
import { GENDERS } from "../lib/codes.js";
import { options, codeLabel } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import OrgSelect from "../components/org-select.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const FIELDS = ["name", "former_name", "gender", "ethnicity", "birth_date", "id_number", "phone", "address",
                "hukou", "education", "org_id", "status", "category", "joined_on", "full_member_on",
                "work_unit", "post", "tags"];
const NOTE_FIELDS = ["effective_on", "doc_no", "note"]; // how a change is recorded (PATCH only)
const statusLabel = (v) => codeLabel("member_status", v);

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [
  { path: "/members/new", title: "新增党员", perm: "members.write" },
  { path: "/members/:id/edit", title: "编辑党员信息", perm: "members.write" },
];

export default {
  name: "MemberEditPage",
  components: { OrgSelect },
  props: { id: String },
  setup(props) {
    const STATUSES = options("member_status");
    const CATEGORIES = options("member_category");
    const EDUCATIONS = options("member_education");
    const editing = computed(() => !!props.id);
    const form = reactive(Object.fromEntries(FIELDS.map((f) => [f, ""])));
    Object.assign(form, { org_id: scope.orgId, status: "full", category: "community", ethnicity: "汉族" });
    const change = reactive({ effective_on: "", doc_no: "", note: "" });
    // 党小组: a separate assignment (PUT /api/members/{id}/group) among the 党小组 of the
    // chosen org; the member's org (its relation) stays the branch.
    const group = ref(null);
    const groupWas = ref(null);
    const groups = ref([]);
    async function loadGroups(orgId) {
      groups.value = [];
      if (!orgId) return;
      try {
        const r = await api("GET", `/api/orgs/${orgId}/children`);
        groups.value = r.items.filter((o) => o.type === "group" && !o.dissolved_on);
      } catch { /* no 党小组 offered */ }
      if (!groups.value.some((g) => g.id === group.value)) group.value = null;
    }
    watch(() => form.org_id, loadGroups);
    const original = ref(null);
    // A status, category or org change is an event in the member's history.
    const statusChanged = computed(() => !!original.value && form.status !== original.value.status);
    const recorded = computed(() => !!original.value &&
      (statusChanged.value || form.category !== original.value.category || form.org_id !== original.value.org_id));
    const changeTitle = computed(() => statusChanged.value
      ? `党籍状态由“${statusLabel(original.value.status)}”变为“${statusLabel(form.status)}”，请填写组织决定的日期和文号。`
      : "党员类别或所在党组织有变更，将记入党员的历史。");
    const futureDate = (d) => {
      const t = new Date();
      t.setHours(23, 59, 59, 999);
      return d.getTime() > t.getTime();
    };
    const errs = fieldErrors();
    const busy = ref(false);
    const loaded = ref(!props.id);
    onMounted(async () => {
      if (!props.id) { loadGroups(form.org_id); return; }
      try {
        const m = await api("GET", `/api/members/${props.id}`);
        for (const f of FIELDS) form[f] = m[f] === null || m[f] === undefined ? "" : m[f];
        form.tags = (m.tags || []).join(",");
        group.value = groupWas.value = m.group_id || null;
        original.value = { ...form };
        loaded.value = true;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
        navigate("/members", { replace: true });
      }
    });
    function body() {
      const out = {};
      for (const f of FIELDS) {
        const v = typeof form[f] === "string" ? form[f].trim() : form[f];
        if (original.value) {
          if (v !== original.value[f]) out[f] = v;
        } else if (v !== "" && v !== null) out[f] = v;
      }
      if (recorded.value) {
        for (const f of NOTE_FIELDS) {
          const v = change[f].trim();
          if (v) out[f] = v;
        }
      }
      return out;
    }
    async function submit() {
      clearErrors(errs);
      const b = body();
      const groupChanged = (group.value || null) !== (groupWas.value || null);
      if (editing.value && !Object.keys(b).length && !groupChanged) {
        ElementPlus.ElMessage.info("没有修改");
        return;
      }
      if (statusChanged.value && !b.effective_on) {
        errs.effective_on = "党籍状态变更须填写决定日期";
        const el = document.querySelector('[name="effective_on"]');
        if (el) el.scrollIntoView({ block: "center" });
        return;
      }
      busy.value = true;
      try {
        const r = editing.value ? (Object.keys(b).length ? await api("PATCH", `/api/members/${props.id}`, b) : null)
          : await api("POST", "/api/members", b);
        const id = editing.value ? props.id : r.id;
        if (groupChanged) await api("PUT", `/api/members/${id}/group`, { group_id: group.value || 0 });
        ElementPlus.ElMessage.success(editing.value ? "已保存" : "党员已新增");
        navigate(`/members/${id}`, { replace: true });
      } catch (e) {
        showError(e, errs, [...FIELDS, ...NOTE_FIELDS, "group_id"]);
        if (e.field) {
          const el = document.querySelector(`[name="${e.field.replace(/^\//, "")}"]`);
          if (el) el.scrollIntoView({ block: "center" });
        }
      } finally {
        busy.value = false;
      }
    }
    const back = () => navigate(props.id ? `/members/${props.id}` : "/members");
    return { form, change, group, groups, errs, busy, loaded, editing, submit, back, statusChanged, recorded, changeTitle, futureDate,
             STATUSES, CATEGORIES, EDUCATIONS, GENDERS, isMobile };
  },
  template: `
    <div class="page member-edit-page">
      <div class="page-head"><h1 class="page-title">{{ editing ? '编辑党员信息' : '新增党员' }}</h1></div>
      <p class="page-desc">带 * 的为必填项。出生日期和性别可由身份证号自动得出。</p>
      <el-card shadow="never" v-if="loaded">
        <el-form :label-position="isMobile ? 'top' : 'right'" label-width="110px" @submit.prevent="submit" class="member-form">
          <h3 class="section-title">基本信息</h3>
          <el-row :gutter="16">
            <el-col :xs="24" :md="12"><el-form-item label="姓名" :error="errs.name" required><el-input v-model="form.name" name="name" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="身份证号" :error="errs.id_number" :required="!editing"><el-input v-model="form.id_number" name="id_number" placeholder="18 位" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="性别" :error="errs.gender">
              <el-radio-group v-model="form.gender"><el-radio v-for="g in GENDERS" :key="g.value" :value="g.value">{{ g.label }}</el-radio></el-radio-group>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="出生日期" :error="errs.birth_date"><el-date-picker v-model="form.birth_date" type="date" value-format="YYYY-MM-DD" name="birth_date" style="width: 100%" placeholder="选择日期" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="民族" :error="errs.ethnicity"><el-input v-model="form.ethnicity" name="ethnicity" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="学历" :error="errs.education">
              <el-select v-model="form.education" clearable style="width: 100%" placeholder="请选择"><el-option v-for="e in EDUCATIONS" :key="e.value" :label="e.label" :value="e.value" /></el-select>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="曾用名" :error="errs.former_name"><el-input v-model="form.former_name" name="former_name" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="户籍所在地" :error="errs.hukou"><el-input v-model="form.hukou" name="hukou" /></el-form-item></el-col>
          </el-row>
          <h3 class="section-title">党籍信息</h3>
          <el-row :gutter="16">
            <el-col :xs="24" :md="12"><el-form-item label="所在党组织" :error="errs.org_id" required><org-select v-model="form.org_id" /></el-form-item></el-col>
            <el-col v-if="groups.length" :xs="24" :md="12"><el-form-item label="党小组" :error="errs.group_id">
              <el-select v-model="group" clearable style="width: 100%" placeholder="未编入党小组" class="group-select">
                <el-option v-for="g in groups" :key="g.id" :label="g.name" :value="g.id" />
              </el-select>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="党籍状态" :error="errs.status" required>
              <el-select v-model="form.status" style="width: 100%"><el-option v-for="s in STATUSES" :key="s.value" :label="s.label" :value="s.value" /></el-select>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="党员类别" :error="errs.category" required>
              <el-select v-model="form.category" style="width: 100%"><el-option v-for="c in CATEGORIES" :key="c.value" :label="c.label" :value="c.value" /></el-select>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="入党日期" :error="errs.joined_on"><el-date-picker v-model="form.joined_on" type="date" value-format="YYYY-MM-DD" name="joined_on" style="width: 100%" placeholder="选择日期" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="转正日期" :error="errs.full_member_on"><el-date-picker v-model="form.full_member_on" type="date" value-format="YYYY-MM-DD" name="full_member_on" style="width: 100%" placeholder="选择日期" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="标签" :error="errs.tags"><el-input v-model="form.tags" name="tags" placeholder="多个用逗号分隔" /></el-form-item></el-col>
          </el-row>
          <div v-if="recorded" class="status-change">
            <el-alert type="warning" :closable="false" show-icon :title="changeTitle" class="status-change-hint" />
            <el-row :gutter="16">
              <el-col :xs="24" :md="12"><el-form-item label="决定日期" :error="errs.effective_on" :required="statusChanged">
                <el-date-picker v-model="change.effective_on" type="date" value-format="YYYY-MM-DD" name="effective_on" style="width: 100%"
                                placeholder="组织作出决定的日期" :disabled-date="futureDate" />
              </el-form-item></el-col>
              <el-col :xs="24" :md="12"><el-form-item label="文号" :error="errs.doc_no"><el-input v-model="change.doc_no" name="doc_no" maxlength="100" placeholder="如 社党委〔2026〕3号" /></el-form-item></el-col>
              <el-col :span="24"><el-form-item label="说明" :error="errs.note"><el-input v-model="change.note" name="note" type="textarea" :rows="2" maxlength="500" show-word-limit /></el-form-item></el-col>
            </el-row>
          </div>
          <h3 class="section-title">联系方式与工作</h3>
          <el-row :gutter="16">
            <el-col :xs="24" :md="12"><el-form-item label="手机号码" :error="errs.phone"><el-input v-model="form.phone" name="phone" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="现居住地址" :error="errs.address"><el-input v-model="form.address" name="address" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="工作单位" :error="errs.work_unit"><el-input v-model="form.work_unit" name="work_unit" /></el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="职务" :error="errs.post"><el-input v-model="form.post" name="post" /></el-form-item></el-col>
          </el-row>
          <div class="form-actions">
            <el-button @click="back">取消</el-button>
            <el-button type="primary" native-type="submit" :loading="busy">{{ editing ? '保存' : '新增' }}</el-button>
          </div>
        </el-form>
      </el-card>
    </div>`,
};
