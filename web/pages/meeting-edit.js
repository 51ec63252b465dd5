// meeting-edit.js: the create (/meetings/new) and edit (/meetings/:id/edit) form of a meeting:
// type (its label from /api/meta; 其他 asks for its name), topic, date with start and end
// time, place, online, 主持人 and 记录人 from the org's members, 列席人员, agenda items (added
// and removed, each with its own record), the minutes (counted up to 20000 characters),
// decisions and status. The server checks every rule; each field error shows at its field,
// an agenda item's at that item (/agenda/1/title). Edit sends only what changed (PATCH).
import { api } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { route, navigate } from "../lib/router.js";
import { fieldErrors, showError, clearErrors } from "../lib/forms.js";
import { options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { todayCN } from "../lib/orglife.js";
import OrgSelect from "../components/org-select.js";
import PersonSelect from "../components/person-select.js";
const { ref, reactive, computed, onMounted } = Vue;

const TEXT = ["type", "custom_type", "topic", "place", "status", "guests", "minutes", "decisions"];
const FIELDS = [...TEXT, "org_id", "starts_at", "ends_at", "online", "host_person_id", "recorder_person_id", "agenda"];
const MINUTES_MAX = 20000;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [
  { path: "/meetings/new", title: "新建会议", perm: "orglife.write" },
  { path: "/meetings/:id/edit", title: "编辑会议", perm: "orglife.write" },
];

export default {
  name: "MeetingEditPage",
  components: { OrgSelect, PersonSelect },
  props: { id: String },
  setup(props) {
    const TYPES = options("meeting_type");
    const STATUSES = options("meeting_status");
    const editing = computed(() => !!props.id);
    const form = reactive({ org_id: scope.orgId, type: route.query.type || "theme_day", custom_type: "", topic: "", date: todayCN(),
                            start: "14:30", end: "", place: "", online: false, host_person_id: null, recorder_person_id: null,
                            status: "planned", guests: "", minutes: "", decisions: "", agenda: [] });
    const names = reactive({ org: "", host: "", recorder: "" });
    const original = ref(null);
    const loaded = ref(!props.id);
    const errs = fieldErrors();
    const busy = ref(false);
    onMounted(async () => {
      if (!props.id) return;
      try {
        const m = await api("GET", `/api/meetings/${props.id}`);
        Object.assign(form, {
          org_id: m.org_id, type: m.type, custom_type: m.custom_type || "", topic: m.topic, date: m.starts_at.slice(0, 10),
          start: m.starts_at.slice(11, 16), end: m.ends_at ? m.ends_at.slice(11, 16) : "", place: m.place || "", online: m.online,
          host_person_id: m.host_person_id, recorder_person_id: m.recorder_person_id, status: m.status, guests: m.guests || "",
          minutes: m.minutes || "", decisions: m.decisions || "", agenda: (m.agenda || []).map((a) => ({ title: a.title, minutes: a.minutes || "" })),
        });
        Object.assign(names, { org: m.org_name, host: m.host_name || "", recorder: m.recorder_name || "" });
        original.value = body();
        loaded.value = true;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
        navigate("/meetings", { replace: true });
      }
    });
    // The meeting as the API takes it, empty text as null (absent on create).
    function body() {
      const b = { org_id: form.org_id, online: form.online, host_person_id: form.host_person_id || null,
                  recorder_person_id: form.recorder_person_id || null };
      for (const f of TEXT) b[f] = form[f].trim() || null;
      if (b.type !== "custom") b.custom_type = null;
      b.starts_at = form.date && form.start ? `${form.date} ${form.start}` : (form.date || null);
      b.ends_at = form.date && form.end ? `${form.date} ${form.end}` : null;
      b.agenda = form.agenda.map((a) => (a.minutes.trim() ? { title: a.title.trim(), minutes: a.minutes.trim() } : { title: a.title.trim() }));
      return b;
    }
    function changes() {
      const b = body(), out = {};
      for (const f of FIELDS) {
        if (original.value) {
          if (JSON.stringify(b[f]) !== JSON.stringify(original.value[f])) out[f] = b[f];
        } else if (b[f] !== null) out[f] = b[f];
      }
      delete out.org_id; // the org of a meeting does not change
      if (!original.value) out.org_id = b.org_id;
      return out;
    }
    async function submit() {
      clearErrors(errs);
      const b = changes();
      if (editing.value && !Object.keys(b).length) {
        ElementPlus.ElMessage.info("没有修改");
        return;
      }
      busy.value = true;
      try {
        const m = editing.value ? await api("PATCH", `/api/meetings/${props.id}`, b) : await api("POST", "/api/meetings", b);
        ElementPlus.ElMessage.success(editing.value ? "已保存" : "会议已新建");
        navigate(`/meetings/${m.id}`, { replace: true });
      } catch (e) {
        showError(e, errs, FIELDS);
        const el = document.querySelector(".meeting-form .is-error");
        if (el) el.scrollIntoView({ block: "center" });
      } finally {
        busy.value = false;
      }
    }
    // The agenda's own error (too many items) when no single item is named.
    const agendaErr = computed(() => (Object.keys(errs).some((k) => k.startsWith("agenda/")) ? "" : errs.agenda));
    const timeErr = computed(() => errs.starts_at);
    const addItem = () => form.agenda.push({ title: "", minutes: "" });
    const removeItem = (i) => form.agenda.splice(i, 1);
    const back = () => navigate(props.id ? `/meetings/${props.id}` : "/meetings");
    return { form, names, errs, busy, loaded, editing, submit, back, addItem, removeItem, agendaErr, timeErr,
             TYPES, STATUSES, MINUTES_MAX, isMobile };
  },
  template: `
    <div class="page meeting-edit-page">
      <div class="page-head"><h1 class="page-title">{{ editing ? '编辑会议' : '新建会议' }}</h1></div>
      <p class="page-desc">带 * 的为必填项。应到人员按会议当日的党员名册自动生成。</p>
      <el-card shadow="never" v-if="loaded">
        <el-form :label-position="isMobile ? 'top' : 'right'" label-width="100px" @submit.prevent="submit" class="meeting-form">
          <h3 class="section-title">会议信息</h3>
          <el-row :gutter="16">
            <el-col :xs="24" :md="12"><el-form-item label="党组织" :error="errs.org_id" required>
              <org-select v-if="!editing" v-model="form.org_id" /><span v-else class="form-static">{{ names.org }}（不可更改）</span>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="会议类型" :error="errs.type" required>
              <el-select v-model="form.type" style="width: 100%" class="type-select" name="type">
                <el-option v-for="t in TYPES" :key="t.value" :label="t.label" :value="t.value" />
              </el-select>
            </el-form-item></el-col>
            <el-col v-if="form.type === 'custom'" :xs="24" :md="12"><el-form-item label="类型名称" :error="errs.custom_type" required>
              <el-input v-model="form.custom_type" name="custom_type" maxlength="20" placeholder="如 党员冬训" />
            </el-form-item></el-col>
            <el-col :span="24"><el-form-item label="会议主题" :error="errs.topic" required>
              <el-input v-model="form.topic" name="topic" maxlength="100" show-word-limit />
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="会议时间" :error="timeErr" required class="time-item">
              <div class="time-row">
                <el-date-picker v-model="form.date" type="date" value-format="YYYY-MM-DD" name="date" placeholder="日期" class="date-pick" :clearable="false" />
                <el-time-select v-model="form.start" start="07:00" end="22:00" step="00:15" placeholder="开始" class="time-pick start-time" :clearable="false" />
              </div>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="结束时间" :error="errs.ends_at">
              <el-time-select v-model="form.end" start="07:00" end="23:00" step="00:15" :min-time="form.start" placeholder="结束（可不填）" class="time-pick end-time" />
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="地点" :error="errs.place">
              <el-input v-model="form.place" name="place" maxlength="100" placeholder="如 社区党群服务中心会议室" />
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="线上会议" :error="errs.online">
              <el-switch v-model="form.online" active-text="线上召开" />
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="主持人" :error="errs.host_person_id">
              <person-select v-model="form.host_person_id" :org-id="form.org_id" :name="names.host" class="host-select" />
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="记录人" :error="errs.recorder_person_id">
              <person-select v-model="form.recorder_person_id" :org-id="form.org_id" :name="names.recorder" class="recorder-select" />
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="会议状态" :error="errs.status">
              <el-select v-model="form.status" style="width: 100%" class="status-select">
                <el-option v-for="s in STATUSES" :key="s.value" :label="s.label" :value="s.value" />
              </el-select>
            </el-form-item></el-col>
            <el-col :xs="24" :md="12"><el-form-item label="列席人员" :error="errs.guests">
              <el-input v-model="form.guests" name="guests" maxlength="500" placeholder="如 社区党委委员 王某" />
            </el-form-item></el-col>
          </el-row>
          <h3 class="section-title">议题</h3>
          <el-form-item label-width="0" :error="agendaErr" class="agenda-block">
            <div class="agenda-list">
              <div v-for="(a, i) in form.agenda" :key="i" class="agenda-item">
                <div class="agenda-no">议题{{ i + 1 }}</div>
                <el-form-item :error="errs['agenda/' + i + '/title']" label-width="0" class="agenda-field">
                  <el-input v-model="a.title" :name="'agenda_' + i + '_title'" maxlength="200" placeholder="议题名称" class="agenda-title" />
                </el-form-item>
                <el-form-item :error="errs['agenda/' + i + '/minutes']" label-width="0" class="agenda-field">
                  <el-input v-model="a.minutes" type="textarea" :autosize="{ minRows: 2, maxRows: 8 }" maxlength="5000" show-word-limit
                            :name="'agenda_' + i + '_minutes'" placeholder="本议题的讨论情况（可不填）" />
                </el-form-item>
                <el-button icon="Delete" text type="danger" class="agenda-remove" @click="removeItem(i)">删除议题</el-button>
              </div>
              <el-button icon="Plus" class="agenda-add" @click="addItem">添加议题</el-button>
            </div>
          </el-form-item>
          <h3 class="section-title">会议记录</h3>
          <el-form-item label="会议记录" :error="errs.minutes">
            <el-input v-model="form.minutes" type="textarea" name="minutes" :autosize="{ minRows: 6, maxRows: 20 }" :maxlength="MINUTES_MAX" show-word-limit
                      placeholder="如实记录会议的过程、发言要点" />
          </el-form-item>
          <el-form-item label="会议决定" :error="errs.decisions">
            <el-input v-model="form.decisions" type="textarea" name="decisions" :autosize="{ minRows: 3, maxRows: 10 }" maxlength="5000" show-word-limit />
          </el-form-item>
          <div class="form-actions">
            <el-button @click="back">取消</el-button>
            <el-button type="primary" native-type="submit" :loading="busy" class="meeting-save">{{ editing ? '保存' : '新建' }}</el-button>
          </div>
        </el-form>
      </el-card>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
