// activities.js: 志愿服务 → 活动: the scope's activities of a year (GET /api/volunteer/activities),
// 发布活动 (time, place, skills wanted, how many), and an activity's roster in a dialog that
// works on a phone: 代为报名 (full: the waitlist), 签到, 签退 (records the slot's hours, verified)
// and 缺席, each through the server's one transition table. Free text is shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import PersonSelect from "../../components/person-select.js";
const { ref, reactive, watch, onMounted } = Vue;

const TAG = { waitlist: "warning", signed: "", confirmed: "success", completed: "success", cancelled: "info", absent: "danger" };

export default {
  name: "VolActivities",
  components: { DataList, FormActions, PersonSelect },
  setup() {
    const year = ref(new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear());
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/volunteer/activities", { org: scope.orgId, year: year.value })));
      if (r) items.value = r.items;
    }
    watch([() => scope.orgId, year], load);
    onMounted(load);

    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ title: "", place: "", starts_at: "", ends_at: "", capacity: 5, skills: "" });
    function publish() {
      Object.assign(form, { title: "", place: "", starts_at: "", ends_at: "", capacity: 5, skills: "" });
      open.value = true;
    }
    async function submit() {
      const ok = await submitForm({ busy, errs, fields: ["title", "place", "starts_at", "ends_at", "capacity", "skills"] }, async () => {
        await api("POST", "/api/volunteer/activities", { org_id: scope.orgId, title: form.title, place: form.place, starts_at: form.starts_at,
                                                        ends_at: form.ends_at, capacity: form.capacity, skills: form.skills || undefined });
        ElementPlus.ElMessage.success("活动已发布");
      });
      if (ok) { open.value = false; load(); }
    }

    const roster = ref(null);
    const rosterBusy = ref(false);
    const who = ref(null);
    async function show(a) {
      roster.value = await api("GET", `/api/volunteer/activities/${a.id}`);
      who.value = null;
    }
    async function act(s, action) {
      rosterBusy.value = true;
      try {
        const r = await api("POST", `/api/volunteer/signups/${s.id}/actions`, { action });
        ElementPlus.ElMessage.success(`${s.name}：${r.status_label}`);
        await show(roster.value);
        load();
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      rosterBusy.value = false;
    }
    async function enroll() {
      if (!who.value) return;
      rosterBusy.value = true;
      try {
        const r = await api("POST", `/api/volunteer/activities/${roster.value.id}/signups`, { person_id: who.value });
        ElementPlus.ElMessage.success(r.status === "waitlist" ? "名额已满，已列入候补" : "已报名");
        await show(roster.value);
        load();
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      rosterBusy.value = false;
    }
    const columns = [{ key: "title", label: "活动", min: 150 }, { key: "starts_at", label: "时间", width: 200 }, { key: "place", label: "地点", min: 140 },
                     { key: "org_name", label: "组织单位", min: 150 }, { key: "taken", label: "报名/名额", width: 120 },
                     { key: "ops", label: "", width: 90, phone: "actions" }];
    return { year, items, loading, columns, open, busy, errs, form, publish, submit, roster, rosterBusy, who, show, act, enroll, can, scope, isMobile, TAG };
  },
  template: `
    <div class="vol-activities">
      <div class="toolbar">
        <el-input-number v-model="year" :min="2000" :max="2100" size="small" controls-position="right" class="vol-year" />
        <el-button v-if="can('volunteer.write')" type="primary" icon="Plus" class="vol-publish" @click="publish">发布活动</el-button>
      </div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="这一年还没有志愿服务活动">
        <template #starts_at="{ row }">{{ row.starts_at }} – {{ row.ends_at.slice(11) }}</template>
        <template #taken="{ row }">{{ row.taken }} / {{ row.capacity }}<span v-if="row.waiting" class="form-hint">（候补 {{ row.waiting }}）</span></template>
        <template #ops="{ row }"><el-button size="small" class="vol-roster" @click="show(row)">名单</el-button></template>
      </data-list>

      <el-dialog v-model="open" title="发布志愿服务活动" :fullscreen="isMobile" width="560px" class="vol-publish-dialog">
        <el-form label-position="top" @submit.prevent="submit">
          <el-form-item label="活动名称" :error="errs.title"><el-input v-model="form.title" maxlength="60" /></el-form-item>
          <el-form-item label="地点" :error="errs.place"><el-input v-model="form.place" maxlength="100" /></el-form-item>
          <el-form-item label="开始时间" :error="errs.starts_at"><el-date-picker v-model="form.starts_at" type="datetime" value-format="YYYY-MM-DD HH:mm" format="YYYY-MM-DD HH:mm" class="vol-starts" style="width: 100%" /></el-form-item>
          <el-form-item label="结束时间" :error="errs.ends_at"><el-date-picker v-model="form.ends_at" type="datetime" value-format="YYYY-MM-DD HH:mm" format="YYYY-MM-DD HH:mm" class="vol-ends" style="width: 100%" /></el-form-item>
          <el-form-item label="招募人数" :error="errs.capacity"><el-input-number v-model="form.capacity" :min="1" :max="1000" /></el-form-item>
          <el-form-item label="所需技能（选填）" :error="errs.skills"><el-input v-model="form.skills" maxlength="100" /></el-form-item>
          <form-actions label="发布" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>

      <el-dialog :model-value="!!roster" @update:model-value="roster = null" :title="roster ? roster.title : ''" :fullscreen="isMobile" width="640px" class="vol-roster-dialog">
        <template v-if="roster">
          <p class="form-hint">{{ roster.starts_at }} – {{ roster.ends_at.slice(11) }} · {{ roster.place }} · 报名 {{ roster.taken }} / {{ roster.capacity }}<template v-if="roster.waiting">，候补 {{ roster.waiting }}</template></p>
          <div v-if="can('volunteer.write')" class="vol-enroll">
            <person-select v-model="who" :org-id="roster.org_id" placeholder="代为报名：输入姓名" />
            <el-button :disabled="!who" :loading="rosterBusy" @click="enroll">报名</el-button>
          </div>
          <div v-for="s in roster.signups" :key="s.id" class="vol-signup">
            <span class="vol-signup-name">{{ s.name }}</span>
            <el-tag :type="TAG[s.status]" size="small">{{ s.status_label }}<template v-if="s.checked_in && s.status === 'confirmed'">·已签到</template></el-tag>
            <span v-if="can('volunteer.write')" class="vol-signup-ops">
              <el-button v-if="['signed', 'confirmed'].includes(s.status) && !s.checked_in" size="small" type="primary" class="vol-checkin" :loading="rosterBusy" @click="act(s, 'checkin')">签到</el-button>
              <el-button v-if="s.status === 'confirmed' && s.checked_in" size="small" type="success" class="vol-checkout" :loading="rosterBusy" @click="act(s, 'checkout')">签退</el-button>
              <el-button v-if="['signed', 'confirmed'].includes(s.status)" size="small" :loading="rosterBusy" @click="act(s, 'absent')">缺席</el-button>
            </span>
          </div>
          <el-empty v-if="!roster.signups.length" description="还没有人报名" :image-size="60" />
        </template>
      </el-dialog>
    </div>`,
};
