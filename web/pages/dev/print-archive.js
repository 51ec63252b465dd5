// print-archive.js: 材料归档清单 (step 25, pages/dev-print.js): the documents that go into the
// 人事档案 (RULES.md §2 step 25) kind by kind with how many are on file and their dates, the
// missing marked 缺; other documents on file below; hand-over signature lines and the date of
// step 25 when it is recorded.
import { sheetHead, stepOf } from "./print-filing.js";

export default {
  name: "DevPrintArchive",
  props: { a: { type: Object, required: true }, docs: { type: Object, required: true } },
  setup(props) {
    const of = (kind) => props.docs.items.filter((d) => d.kind === kind);
    const rows = props.docs.needs.filter((n) => n.archived).map((n) => ({ ...n, dates: of(n.kind).map((d) => d.date).join("、") }));
    const others = of("other");
    const done = stepOf(props.a, 25);
    const full = stepOf(props.a, 24);
    return { head: sheetHead(props.a), rows, others, done, full };
  },
  template: `
    <article class="minutes-sheet dev-sheet dev-archive">
      <h1 class="sheet-title">发展党员材料归档清单</h1>
      <div class="sheet-org">{{ a.org_name }}</div>
      <table class="sheet-table">
        <tbody>
          <tr><th>姓　　名</th><td>{{ a.name }}</td><th>性　　别</th><td>{{ head.gender }}</td></tr>
          <tr><th>入党时间</th><td>{{ a.joined_on || '' }}</td><th>转正时间</th><td>{{ full && full.decision === 'approved' ? a.probation_ends_on : '' }}</td></tr>
          <tr><th>志愿书编号</th><td colspan="3">{{ docs.volunteer_number || '' }}</td></tr>
        </tbody>
      </table>
      <table class="sheet-table dev-archive-table">
        <colgroup><col class="c-no" /><col /><col class="c-count" /><col /><col class="c-state" /></colgroup>
        <thead><tr><th>序号</th><th>材料名称</th><th>份数</th><th>材料日期</th><th>情况</th></tr></thead>
        <tbody>
          <tr v-for="(r, i) in rows" :key="r.kind" :data-kind="r.kind" :class="{ 'archive-missing': !r.have }">
            <td class="sheet-center">{{ i + 1 }}</td><td>{{ r.kind_label }}</td><td class="sheet-center">{{ r.have || '' }}</td>
            <td>{{ r.dates }}</td><td class="sheet-center archive-state">{{ r.have ? '齐' : '缺' }}</td>
          </tr>
          <tr v-for="(d, i) in others" :key="'o' + d.id" data-kind="other">
            <td class="sheet-center">{{ rows.length + i + 1 }}</td><td>{{ d.file_name }}</td><td class="sheet-center">1</td><td>{{ d.date }}</td><td class="sheet-center">其他</td>
          </tr>
        </tbody>
      </table>
      <p class="sheet-note">以上材料归入本人人事档案；无人事档案的，由党委或县级党委组织部门建立党员档案保管。</p>
      <div class="sheet-signs">
        <span>移交人（签字）：<span class="sign-line"></span></span>
        <span>接收人（签字）：<span class="sign-line"></span></span>
        <span>归档日期：<template v-if="done">{{ done.date }}</template><span v-else class="sign-line short"></span></span>
      </div>
    </article>`,
};
