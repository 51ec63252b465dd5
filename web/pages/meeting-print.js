// meeting-print.js: the printable 会议记录 of one meeting (A4, serif Chinese type, without the
// app's frame): 「XX党支部会议记录」, type, topic, time, place, 主持人, 记录人, 应到/实到 with
// the names of those absent, on leave and visited at home, 列席, the agenda with each item's
// record, the minutes, the decisions and lines for the signatures. Text is shown as text.
import { navigate } from "../lib/router.js";
import { fmtDateLong } from "../lib/format.js";
import { useMeeting, typeName, attendCounts } from "../lib/orglife.js";
const { computed } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/meetings/:id/print", title: "会议记录（打印）", perm: "orglife.read", bare: true }];

const names = (list) => (list.length ? list.map((p) => (p.reason ? `${p.name}（${p.reason}）` : p.name)).join("、") : "无");

export default {
  name: "MeetingPrintPage",
  props: { id: { type: String, required: true } },
  setup(props) {
    const { m, people, error } = useMeeting(props.id);
    const counts = computed(() => attendCounts(people.value));
    const of = (...s) => people.value.filter((a) => s.includes(a.status));
    const when = computed(() => {
      if (!m.value) return "";
      const s = m.value.starts_at;
      return `${fmtDateLong(s.slice(0, 10))} ${s.slice(11)}${m.value.ends_at ? ` 至 ${m.value.ends_at.slice(11)}` : ""}`;
    });
    const place = computed(() => (m.value ? [m.value.place, m.value.online ? "线上" : ""].filter(Boolean).join("，") || "—" : ""));
    const print = () => window.print();
    const back = () => navigate(`/meetings/${props.id}`);
    return { m, error, counts, of, names, when, place, print, back, typeName };
  },
  template: `
    <div class="print-page">
      <div class="print-tools">
        <el-button icon="ArrowLeft" @click="back">返回</el-button>
        <el-button type="primary" icon="Printer" class="do-print" @click="print" :disabled="!m">打印</el-button>
        <span class="print-tip">建议使用 A4 纸张、纵向打印。</span>
      </div>
      <p v-if="error" class="print-error">{{ error }}</p>
      <article v-else-if="m" class="minutes-sheet">
        <h1 class="sheet-title">{{ m.org_name }}会议记录</h1>
        <table class="sheet-table">
          <tbody>
            <tr><th>会议类型</th><td>{{ typeName(m) }}</td><th>会议状态</th><td>{{ m.status_label }}</td></tr>
            <tr><th>会议主题</th><td colspan="3">{{ m.topic }}</td></tr>
            <tr><th>时　　间</th><td colspan="3">{{ when }}</td></tr>
            <tr><th>地　　点</th><td colspan="3">{{ place }}</td></tr>
            <tr><th>主 持 人</th><td>{{ m.host_name || '' }}</td><th>记 录 人</th><td>{{ m.recorder_name || '' }}</td></tr>
            <tr><th>应到人数</th><td class="sheet-expected">{{ counts.expected }} 人</td><th>实到人数</th><td class="sheet-present">{{ counts.present }} 人<template v-if="counts.online">（其中线上 {{ counts.online }} 人）</template></td></tr>
            <tr><th>缺席人员</th><td colspan="3" class="sheet-absent">{{ names(of('absent')) }}</td></tr>
            <tr><th>请假人员</th><td colspan="3" class="sheet-leave">{{ names(of('leave')) }}</td></tr>
            <tr v-if="counts.delivered"><th>送学上门</th><td colspan="3">{{ names(of('delivered')) }}</td></tr>
            <tr><th>列席人员</th><td colspan="3">{{ m.guests || '无' }}</td></tr>
            <tr><th>议　　题</th><td colspan="3">
              <ol v-if="m.agenda.length" class="sheet-agenda">
                <li v-for="(a, i) in m.agenda" :key="i"><div class="sheet-agenda-title">{{ a.title }}</div><div v-if="a.minutes" class="pre-text">{{ a.minutes }}</div></li>
              </ol>
              <template v-else>无</template>
            </td></tr>
            <tr class="sheet-minutes-row"><th>会议记录</th><td colspan="3"><div class="pre-text sheet-minutes">{{ m.minutes || '' }}</div></td></tr>
            <tr><th>会议决定</th><td colspan="3"><div class="pre-text">{{ m.decisions || '无' }}</div></td></tr>
          </tbody>
        </table>
        <div class="sheet-signs">
          <span>主持人（签字）：<span class="sign-line"></span></span>
          <span>记录人（签字）：<span class="sign-line"></span></span>
          <span>日期：<span class="sign-line short"></span></span>
        </div>
      </article>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
