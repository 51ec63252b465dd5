// transfer-letter-print.js: the printable 中国共产党党员组织关系介绍信 of one letter (A4, serif
// Chinese type, without the app's frame): the 存根 kept by the issuing org, the letter itself
// and the 回执 the receiving org sends back (XFER-RECEIPT), each with the letter's number,
// separated by cut lines that carry the number across (骑缝). Printing counts a copy (POST
// .../printed). Everything comes from the record; the ID number is masked as the roster masks
// it until a holder of members.reveal_pii asks for the full number (显示完整身份证号: the view is
// audited). Text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { can } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { fmtDateLong } from "../lib/format.js";
const { ref, computed, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/transfers/letters/:id/print", title: "组织关系介绍信（打印）", perm: "transfers.read", bare: true }];

const monthLong = (m) => (m ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : "");

export default {
  name: "TransferLetterPrintPage",
  props: { id: { type: String, required: true } },
  setup(props) {
    const l = ref(null);
    const error = ref("");
    const revealed = ref(false);
    onMounted(async () => {
      try {
        l.value = await api("GET", `/api/transfer-letters/${props.id}`);
      } catch (e) {
        error.value = e.message;
      }
    });
    async function reveal() {
      try {
        const r = await api("GET", withQuery(`/api/transfer-letters/${props.id}`, { reveal: "id_number" }));
        l.value.id_number = r.id_number;
        revealed.value = true;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    const who = computed(() => {
      if (!l.value) return "";
      const parts = [l.value.gender === "M" ? "男" : "女"];
      if (l.value.age !== null) parts.push(`${l.value.age}岁`);
      if (l.value.ethnicity) parts.push(l.value.ethnicity);
      return parts.join("，");
    });
    const kind = computed(() => (l.value && l.value.member_status === "probationary" ? "预备" : "正式"));
    async function print() {
      try {
        const r = await api("POST", `/api/transfer-letters/${props.id}/printed`);
        l.value.print_count = r.print_count;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
        return;
      }
      window.print();
    }
    return { l, error, who, kind, print, reveal, revealed, canReveal: can("members.reveal_pii"), fmtDateLong, monthLong, back: () => navigate("/transfers") };
  },
  template: `
    <div class="print-page letter-print">
      <div class="print-tools">
        <el-button icon="ArrowLeft" @click="back">返回</el-button>
        <el-button v-if="canReveal && !revealed" icon="View" class="do-reveal" @click="reveal" :disabled="!l">显示完整身份证号</el-button>
        <el-button type="primary" icon="Printer" class="do-print" @click="print" :disabled="!l">打印</el-button>
        <span class="print-tip" v-if="l">已打印 {{ l.print_count }} 份。{{ revealed ? '已显示完整身份证号（已记录查看）。' : '' }}建议使用 A4 纸张、纵向打印；沿虚线裁开，存根留存，回执由接收党组织寄回。</span>
      </div>
      <p v-if="error" class="print-error">{{ error }}</p>
      <article v-else-if="l" class="minutes-sheet letter-sheet">
        <section class="letter-part letter-stub">
          <h2 class="letter-title">中国共产党党员组织关系介绍信<span class="letter-kind">（存根）</span></h2>
          <div class="letter-no">第 <b class="letter-number">{{ l.number }}</b> 号</div>
          <p class="letter-body"><u class="fill">{{ l.name }}</u>同志（{{ who }}），系中共{{ kind }}党员，身份证号码<u class="fill mono">{{ l.id_number || '　　　　　　' }}</u>，组织关系由<u class="fill">{{ l.member_org_name }}</u>转到<u class="fill">{{ l.to_org_name }}</u>。党费已交到<u class="fill">{{ monthLong(l.dues_paid_to) }}</u>。</p>
          <p class="letter-valid">有效期至 {{ fmtDateLong(l.valid_until) }}</p>
          <div class="letter-date">{{ fmtDateLong(l.issued_on) }}</div>
        </section>
        <div class="letter-cut"><span>第 {{ l.number }} 号　（骑缝）</span></div>
        <section class="letter-part letter-main">
          <h2 class="letter-title">中国共产党党员组织关系介绍信</h2>
          <div class="letter-no">第 <b>{{ l.number }}</b> 号</div>
          <p class="letter-to"><u class="fill">{{ l.to_org_name }}</u>：</p>
          <p class="letter-body">兹介绍<u class="fill">{{ l.name }}</u>同志（{{ who }}），系中共{{ kind }}党员，身份证号码<u class="fill mono">{{ l.id_number || '　　　　　　' }}</u>，由<u class="fill">{{ l.member_org_name }}</u>转去你处，请接洽。</p>
          <p class="letter-body">该同志党费已交到<u class="fill">{{ monthLong(l.dues_paid_to) }}</u>。</p>
          <p class="letter-valid">（有效期至 {{ fmtDateLong(l.valid_until) }}）</p>
          <div class="letter-sign"><div>{{ l.org_name }}（盖章）</div><div>{{ fmtDateLong(l.issued_on) }}</div></div>
        </section>
        <div class="letter-cut"><span>第 {{ l.number }} 号　（骑缝）</span></div>
        <section class="letter-part letter-receipt">
          <h2 class="letter-title">中国共产党党员组织关系介绍信<span class="letter-kind">（回执）</span></h2>
          <div class="letter-no">第 <b>{{ l.number }}</b> 号</div>
          <p class="letter-to"><u class="fill">{{ l.org_name }}</u>：</p>
          <p class="letter-body"><u class="fill">{{ l.name }}</u>同志的党员组织关系已转达我处，特此回复。</p>
          <div class="letter-sign"><div>接收党组织（盖章）</div><div><span class="sign-line short"></span>年<span class="sign-line tiny"></span>月<span class="sign-line tiny"></span>日</div></div>
        </section>
      </article>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
