// dev-print.js: the printable forms of one applicant (A4, serif Chinese type, without the app's
// frame), generated from what is recorded, never typed again: 发展党员工作全程纪实表 (every step
// with its date, body or people, decision, the linked vote's count and the rule outcomes that
// are not plain passes), 发展对象备案表 (step 8) and 材料归档清单 (step 25: the documents on
// file per kind, the missing marked). The sheets are in pages/dev/; text is shown as text.
import { api } from "../lib/api.js";
import { navigate } from "../lib/router.js";
import { FORMS } from "./dev/docs.js";
import PrintRecord from "./dev/print-record.js";
import PrintFiling from "./dev/print-filing.js";
import PrintArchive from "./dev/print-archive.js";
const { ref, computed, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/dev/applicants/:id/print/:form", title: "发展党员表格（打印）", perm: "dev.read", bare: true }];

export default {
  name: "DevPrintPage",
  components: { PrintRecord, PrintFiling, PrintArchive },
  props: { id: { type: String, required: true }, form: { type: String, required: true } },
  setup(props) {
    const a = ref(null);
    const docs = ref(null);
    const votes = ref({});
    const error = ref("");
    const known = computed(() => FORMS.some((f) => f[0] === props.form));
    onMounted(async () => {
      try {
        const [applicant, list] = await Promise.all([api("GET", `/api/dev/applicants/${props.id}`),
          api("GET", `/api/dev/applicants/${props.id}/documents`)]);
        // A withdrawn step (recorded by mistake) is no part of the record the forms print.
        a.value = { ...applicant, steps: applicant.steps.filter((s) => !s.withdrawn) };
        docs.value = list;
      } catch (e) {
        error.value = e.message;
        return;
      }
      // The linked votes' counts (orglife's; left out where the reader may not see the meeting).
      const found = {};
      for (const m of new Set(a.value.steps.filter((s) => s.meeting_id).map((s) => s.meeting_id))) {
        try {
          for (const v of (await api("GET", `/api/meetings/${m}/votes`)).items) found[v.id] = v;
        } catch {
          // the step still shows that a vote is linked
        }
      }
      votes.value = found;
    });
    const go = (f) => navigate(`/dev/applicants/${props.id}/print/${f}`);
    return { a, docs, votes, error, known, FORMS, go, print: () => window.print(), back: () => navigate(`/dev/applicants/${props.id}`) };
  },
  template: `
    <div class="print-page dev-print">
      <div class="print-tools">
        <el-button icon="ArrowLeft" @click="back">返回</el-button>
        <el-button type="primary" icon="Printer" class="do-print" @click="print" :disabled="!a">打印</el-button>
        <el-radio-group :model-value="form" size="small" class="print-forms" @change="go">
          <el-radio-button v-for="f in FORMS" :key="f[0]" :value="f[0]">{{ f[1] }}</el-radio-button>
        </el-radio-group>
        <span class="print-tip">建议使用 A4 纸张、纵向打印。</span>
      </div>
      <p v-if="error" class="print-error">{{ error }}</p>
      <p v-else-if="!known" class="print-error">没有这种表格</p>
      <template v-else-if="a && docs">
        <print-record v-if="form === 'record'" :a="a" :docs="docs" :votes="votes" />
        <print-filing v-else-if="form === 'filing'" :a="a" :docs="docs" />
        <print-archive v-else :a="a" :docs="docs" />
      </template>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
