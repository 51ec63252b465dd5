// meeting-attendance.js: 登记出席, made for a phone held at the door: the expected people, one
// tap each for 出席 / 线上 / 请假 / 缺席 / 送学上门, a reason under 请假 (required, with 已批准)
// and 送学上门, 全部出席 to mark everyone present first (before the meeting starts only 请假 can
// be recorded, as the server rules; a cancelled meeting takes none), the counts (应到/实到/请假/缺席/送学上门)
// kept in view, and 保存 as one PUT of everyone marked. A refused row shows the server's
// message under that person (/items/3/reason).
import { api } from "../lib/api.js";
import { navigate } from "../lib/router.js";
import { fieldErrors, showError, clearErrors } from "../lib/forms.js";
import { useMeeting, typeName, attendCounts, nowCN } from "../lib/orglife.js";
const { ref, computed } = Vue;

const CHOICES = [
  { value: "present", label: "出席" },
  { value: "online", label: "线上" },
  { value: "leave", label: "请假" },
  { value: "absent", label: "缺席" },
  { value: "delivered", label: "送学上门" },
];
const NEEDS_REASON = ["leave", "delivered"];

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/meetings/:id/attendance", title: "登记出席", perm: "orglife.write" }];

export default {
  name: "MeetingAttendancePage",
  props: { id: { type: String, required: true } },
  setup(props) {
    const editable = (items) => items.map((a) => ({ ...a, reason: a.reason || "", leave_approved: !!a.leave_approved }));
    const rows = ref([]);
    const { m, error } = useMeeting(props.id, (meeting, items) => { rows.value = editable(items); });
    const busy = ref(false);
    const errs = fieldErrors();
    const counts = computed(() => attendCounts(rows.value));
    const early = computed(() => !!m.value && m.value.starts_at > nowCN());
    const cancelled = computed(() => !!m.value && m.value.status === "cancelled");
    const allowed = (c) => !cancelled.value && (!early.value || c === "leave");
    function set(row, status) {
      row.status = status;
      if (!NEEDS_REASON.includes(status)) row.reason = "";
      if (status !== "leave") row.leave_approved = false;
    }
    function allPresent() {
      for (const r of rows.value) if (r.expected) set(r, "present");
    }
    // The rows sent: everyone marked, in the list's order (so /items/N names the Nth of them).
    const marked = () => rows.value.filter((r) => r.status);
    async function save() {
      clearErrors(errs);
      const list = marked();
      if (!list.length) {
        ElementPlus.ElMessage.warning("请先为参会人员选择出席情况");
        return;
      }
      // 请假 without a reason: said at the row before asking the server.
      let missing = false;
      list.forEach((r, i) => {
        if (r.status === "leave" && !r.reason.trim()) {
          errs[`items/${i}/reason`] = "请假须填写事由";
          missing = true;
        }
      });
      if (missing) {
        scrollToError();
        return;
      }
      busy.value = true;
      try {
        const body = list.map((r) => {
          const o = { person_id: r.person_id, status: r.status };
          if (NEEDS_REASON.includes(r.status) && r.reason.trim()) o.reason = r.reason.trim();
          if (r.status === "leave") o.leave_approved = r.leave_approved;
          return o;
        });
        const res = await api("PUT", `/api/meetings/${props.id}/attendance`, body);
        rows.value = editable(res.items);
        ElementPlus.ElMessage.success("出席情况已保存");
        navigate(`/meetings/${props.id}`);
      } catch (e) {
        showError(e, errs, ["items"]);
        scrollToError();
      } finally {
        busy.value = false;
      }
    }
    function scrollToError() {
      setTimeout(() => {
        const el = document.querySelector(".attend-row .el-form-item__error, .attend-row.has-error");
        if (el) el.scrollIntoView({ block: "center" });
      }, 50);
    }
    // The error of a row: its index among the rows sent.
    function rowErr(row, field) {
      const i = marked().indexOf(row);
      if (i < 0) return "";
      return field ? errs[`items/${i}/${field}`] : errs[`items/${i}/person_id`] || errs[`items/${i}/status`];
    }
    const back = () => navigate(`/meetings/${props.id}`);
    return { m, rows, error, busy, counts, early, cancelled, allowed, CHOICES, NEEDS_REASON, set, allPresent, save, rowErr, back, typeName, errs };
  },
  template: `
    <div class="page attendance-page">
      <el-result v-if="error" icon="warning" title="无法登记" :sub-title="error">
        <template #extra><app-link to="/meetings"><el-button type="primary">返回会议</el-button></app-link></template>
      </el-result>
      <template v-else-if="m">
        <app-link :to="'/meetings/' + m.id" class="back-link"><el-icon><ArrowLeft /></el-icon> 会议详情</app-link>
        <h1 class="page-title">登记出席</h1>
        <p class="page-desc">{{ m.topic }} · {{ typeName(m) }} · {{ m.starts_at }}</p>
        <div class="attend-bar">
          <div class="attend-counts-line">
            <span>应到 <b class="n-expected">{{ counts.expected }}</b></span>
            <span>实到 <b class="n-present">{{ counts.present }}</b></span>
            <span>请假 <b class="n-leave">{{ counts.leave }}</b></span>
            <span>缺席 <b class="n-absent">{{ counts.absent }}</b></span>
            <span>送学上门 <b class="n-delivered">{{ counts.delivered }}</b></span>
          </div>
          <div class="attend-bar-actions">
            <span v-if="counts.unmarked" class="attend-unmarked">未登记 {{ counts.unmarked }} 人</span>
            <el-button v-if="!early && !cancelled" size="small" class="all-present" @click="allPresent">全部出席</el-button>
          </div>
        </div>
        <el-alert v-if="cancelled" type="info" :closable="false" show-icon title="会议已取消，不能登记出席" class="attend-alert" />
        <el-alert v-else-if="early" type="warning" :closable="false" show-icon title="会议尚未开始，现在只能登记请假；会议开始后再登记出席。" class="attend-alert attend-early" />
        <el-alert v-if="errs.items" type="error" :closable="false" :title="errs.items" class="attend-alert" />
        <div v-if="rows.length" class="attend-list">
          <div v-for="r in rows" :key="r.person_id" class="attend-row" :class="{ 'has-error': rowErr(r), unmarked: !r.status }" :data-person="r.person_id">
            <div class="attend-who">
              <span class="attend-person">{{ r.name }}</span>
              <el-tag v-if="r.probationary" size="small" type="warning" class="tag-gap-left">预备党员</el-tag>
              <el-tag v-if="!r.expected" size="small" type="info" class="tag-gap-left">非应到</el-tag>
            </div>
            <div class="attend-choices" role="radiogroup" :aria-label="r.name + '的出席情况'">
              <button v-for="c in CHOICES" :key="c.value" type="button" role="radio" :aria-checked="r.status === c.value"
                      class="attend-choice" :class="['choice-' + c.value, { active: r.status === c.value }]" :disabled="!allowed(c.value)" @click="set(r, c.value)">{{ c.label }}</button>
            </div>
            <div v-if="NEEDS_REASON.includes(r.status)" class="attend-reason">
              <el-form-item :error="rowErr(r, 'reason')" label-width="0" class="attend-reason-item">
                <el-input v-model="r.reason" maxlength="200" size="small" class="reason-input"
                          :placeholder="r.status === 'leave' ? '请假事由（必填）' : '送学上门说明，如 年高行动不便'" />
              </el-form-item>
              <el-checkbox v-if="r.status === 'leave'" v-model="r.leave_approved" size="small" class="leave-approved">已批准</el-checkbox>
            </div>
            <div v-if="rowErr(r)" class="attend-row-error">{{ rowErr(r) }}</div>
          </div>
        </div>
        <el-empty v-else description="这次会议没有应到人员" :image-size="60" />
        <div class="attend-save">
          <el-button @click="back">取消</el-button>
          <el-button type="primary" :loading="busy" :disabled="cancelled" class="attend-submit" @click="save">保存</el-button>
        </div>
      </template>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
