// meeting.js: one meeting: its facts (type, time, place, 主持人, 记录人, 列席), the attendance
// counts (应到/实到/请假/缺席/送学上门) with the names under each, the agenda with each item's
// record, the minutes and the decisions, all shown as text, and the meeting's 表决
// (components/meeting-votes.js). Holders of orglife.write get 编辑, 登记出席 and the votes'
// actions; everyone who may read it gets 打印 (the printable 会议记录).
import { can } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { fmtDateTime } from "../lib/format.js";
import { isMobile } from "../lib/viewport.js";
import { useMeeting, typeName, attendCounts } from "../lib/orglife.js";
import MeetingVotes from "../components/meeting-votes.js";
import MeetingAttachments from "../components/meeting-attachments.js";
const { computed } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/meetings/:id", title: "会议详情", perm: "orglife.read" }];

export default {
  name: "MeetingPage",
  components: { MeetingVotes, MeetingAttachments },
  props: { id: { type: String, required: true } },
  setup(props) {
    const { m, people, error } = useMeeting(props.id);
    const counts = computed(() => attendCounts(people.value));
    const recorded = computed(() => people.value.some((a) => a.status));
    // The names under each status, with the reason of 请假 and 送学上门.
    const groups = computed(() => [
      ["present", "出席"], ["online", "线上参会"], ["leave", "请假"], ["delivered", "送学上门"], ["absent", "缺席"],
    ].map(([status, label]) => ({ status, label, people: people.value.filter((a) => a.status === status) }))
      .filter((g) => g.people.length));
    const when = computed(() => (m.value ? m.value.starts_at + (m.value.ends_at ? ` 至 ${m.value.ends_at.slice(11)}` : "") : ""));
    const show = (v) => (v === null || v === undefined || v === "" ? "—" : v);
    const statusType = (s) => ({ held: "success", planned: "primary", cancelled: "info" }[s] || "info");
    return { m, people, error, counts, recorded, groups, when, show, statusType, typeName, fmtDateTime, isMobile, navigate,
             canWrite: computed(() => can("orglife.write")) };
  },
  template: `
    <div class="page meeting-page">
      <el-result v-if="error" icon="warning" title="无法查看" :sub-title="error">
        <template #extra><app-link to="/meetings"><el-button type="primary">返回会议</el-button></app-link></template>
      </el-result>
      <template v-else-if="m">
        <div class="page-head">
          <div class="org-head">
            <app-link to="/meetings" class="back-link"><el-icon><ArrowLeft /></el-icon> 会议</app-link>
            <h1 class="page-title">{{ m.topic }} <el-tag size="small" :type="statusType(m.status)" class="meeting-status">{{ m.status_label }}</el-tag></h1>
          </div>
          <div class="head-actions">
            <el-button v-if="canWrite" type="primary" icon="Checked" class="take-attendance" @click="navigate('/meetings/' + m.id + '/attendance')">登记出席</el-button>
            <el-button v-if="canWrite" icon="Edit" class="edit-meeting" @click="navigate('/meetings/' + m.id + '/edit')">编辑</el-button>
            <el-button icon="Printer" class="print-meeting" @click="navigate('/meetings/' + m.id + '/print')">打印</el-button>
          </div>
        </div>
        <p class="page-desc">{{ m.org_name }} · {{ typeName(m) }}</p>
        <div class="kpis attend-counts">
          <div class="kpi"><div class="kpi-label">应到</div><div class="kpi-value count-expected">{{ counts.expected }}<small>人</small></div></div>
          <div class="kpi"><div class="kpi-label">实到</div><div class="kpi-value count-present">{{ counts.present }}<small>人</small></div>
            <div v-if="counts.online" class="kpi-sub">其中线上 {{ counts.online }} 人</div></div>
          <div class="kpi"><div class="kpi-label">请假</div><div class="kpi-value count-leave">{{ counts.leave }}<small>人</small></div></div>
          <div class="kpi" :class="{ warn: counts.absent }"><div class="kpi-label">缺席</div><div class="kpi-value count-absent">{{ counts.absent }}<small>人</small></div></div>
          <div class="kpi"><div class="kpi-label">送学上门</div><div class="kpi-value count-delivered">{{ counts.delivered }}<small>人</small></div></div>
        </div>
        <el-card shadow="never" class="me-card">
          <template #header><span class="card-title">会议信息</span></template>
          <el-descriptions :column="isMobile ? 1 : 2" border class="meeting-facts">
            <el-descriptions-item label="会议类型">{{ typeName(m) }}</el-descriptions-item>
            <el-descriptions-item label="时间">{{ when }}</el-descriptions-item>
            <el-descriptions-item label="地点">{{ show(m.place) }}<el-tag v-if="m.online" size="small" class="tag-gap-left">线上</el-tag></el-descriptions-item>
            <el-descriptions-item label="主持人">{{ show(m.host_name) }}</el-descriptions-item>
            <el-descriptions-item label="记录人">{{ show(m.recorder_name) }}</el-descriptions-item>
            <el-descriptions-item label="列席人员">{{ show(m.guests) }}</el-descriptions-item>
          </el-descriptions>
        </el-card>
        <el-card shadow="never" class="me-card">
          <template #header><span class="card-title">出席情况</span></template>
          <div v-if="recorded" class="attend-groups">
            <div v-for="g in groups" :key="g.status" class="attend-group" :class="'attend-' + g.status">
              <span class="attend-group-label">{{ g.label }}（{{ g.people.length }}）</span>
              <span class="attend-names">
                <span v-for="p in g.people" :key="p.person_id" class="attend-name">{{ p.name }}<template v-if="p.reason">（{{ p.reason }}）</template></span>
              </span>
            </div>
          </div>
          <el-empty v-else :description="people.length ? '尚未登记出席情况' : '这次会议没有应到人员'" :image-size="60" />
        </el-card>
        <meeting-votes :meeting="m" :people="people" :can-write="canWrite" />
        <el-card shadow="never" class="me-card">
          <template #header><span class="card-title">议题</span></template>
          <ol v-if="m.agenda.length" class="agenda-view">
            <li v-for="(a, i) in m.agenda" :key="i"><div class="agenda-view-title">{{ a.title }}</div><div v-if="a.minutes" class="pre-text">{{ a.minutes }}</div></li>
          </ol>
          <div v-else class="form-hint">未列议题</div>
        </el-card>
        <el-card shadow="never" class="me-card">
          <template #header><span class="card-title">会议记录</span></template>
          <div v-if="m.minutes" class="pre-text meeting-minutes">{{ m.minutes }}</div>
          <div v-else class="form-hint">尚未填写会议记录</div>
          <template v-if="m.decisions">
            <h3 class="section-title">会议决定</h3>
            <div class="pre-text meeting-decisions">{{ m.decisions }}</div>
          </template>
        </el-card>
        <meeting-attachments :meeting="m" />
        <p class="form-hint">最后修改于 {{ fmtDateTime(m.updated_at) }}</p>
      </template>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
