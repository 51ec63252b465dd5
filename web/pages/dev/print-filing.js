// print-filing.js: 发展对象备案表 (step 8, pages/dev-print.js): the 发展对象 as recorded up to
// step 7 (application, 积极分子 from step 3, the 培养联系人 of step 5, the half-yearly 考察 of
// step 6, 确定发展对象 at step 7) with boxes for the branch's opinion and the 上级党委's 备案,
// each with signature and seal lines; the date of step 8 when it is recorded.

// What the three sheets share: the head's gender in words, a step's first record (or null).
export function sheetHead(a) {
  return { gender: a.gender === "M" ? "男" : "女" };
}
export const stepOf = (a, n) => a.steps.find((s) => s.step === n) || null;

export default {
  name: "DevPrintFiling",
  props: { a: { type: Object, required: true }, docs: { type: Object, required: true } },
  setup(props) {
    const at = (n) => (stepOf(props.a, n) ? stepOf(props.a, n).date : "");
    const contacts = (stepOf(props.a, 5) || { people: [] }).people.map((p) => p.name).join("、");
    const reviews = props.a.steps.filter((s) => s.step === 6).map((s) => s.date).join("、");
    const filed = stepOf(props.a, 8);
    const decided = stepOf(props.a, 7);
    return { head: sheetHead(props.a), at, contacts, reviews, filed, decided };
  },
  template: `
    <article class="minutes-sheet dev-sheet dev-filing">
      <h1 class="sheet-title">发展对象备案表</h1>
      <div class="sheet-org">{{ a.org_name }}</div>
      <table class="sheet-table">
        <tbody>
          <tr><th>姓　　名</th><td>{{ a.name }}</td><th>性　　别</th><td>{{ head.gender }}</td></tr>
          <tr><th>出生日期</th><td>{{ a.birth_date }}</td><th>身份证号</th><td class="sheet-mono">{{ a.id_number }}</td></tr>
          <tr><th>所在党组织</th><td colspan="3">{{ a.org_name }}</td></tr>
          <tr><th>申请入党时间</th><td>{{ a.applied_on }}</td><th>确定为入党积极分子时间</th><td>{{ at(3) }}</td></tr>
          <tr><th>培养联系人</th><td colspan="3">{{ contacts }}</td></tr>
          <tr><th>培养教育考察</th><td colspan="3">{{ reviews ? '考察日期：' + reviews : '' }}</td></tr>
          <tr><th>确定为发展对象时间</th><td colspan="3">{{ at(7) }}<template v-if="decided && decided.body">（{{ decided.body }}）</template></td></tr>
          <tr class="sheet-box"><th>党支部意见</th><td colspan="3">
            <div class="box-space"></div>
            <div class="box-sign">党支部书记（签字）：<span class="sign-line"></span>　（盖章）　<span class="sign-line short"></span>年<span class="sign-line tiny"></span>月<span class="sign-line tiny"></span>日</div>
          </td></tr>
          <tr class="sheet-box"><th>上级党委备案意见</th><td colspan="3">
            <div class="box-space"><template v-if="filed">已于 {{ filed.date }} 备案<template v-if="filed.body">（{{ filed.body }}）</template>。</template></div>
            <div class="box-sign">（盖章）　<span class="sign-line short"></span>年<span class="sign-line tiny"></span>月<span class="sign-line tiny"></span>日</div>
          </td></tr>
        </tbody>
      </table>
    </article>`,
};
