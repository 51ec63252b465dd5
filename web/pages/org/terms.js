// terms.js: the 班子与任期 tab of the org page: its terms, newest first, each with its posts
// and term end, a warning on a current term that has run out; with `writable`, 登记换届 (the
// election date, document number and who holds which post). Emits "changed" after a new term
// (the page reloads its advisories). Loads when first shown (the page mounts it lazily).
import { api, withQuery } from "../../lib/api.js";
import { fieldErrors, clearErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, onMounted } = Vue;

// Posts are suggestions (the field takes any text), not a server code table.
const POSTS = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "统战委员", "委员", "组长"];

const termState = (t) => (t.current ? (t.expired ? { text: "已届满未换届", type: "danger" } : { text: "本届", type: "success" }) : { text: "往届", type: "info" });

export default {
  name: "OrgTerms",
  components: { FormActions },
  props: { orgId: { type: Number, required: true }, writable: Boolean },
  emits: ["changed"],
  setup(props, { emit }) {
    const terms = ref(null);
    async function load() {
      try {
        terms.value = (await api("GET", `/api/orgs/${props.orgId}/terms`)).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    onMounted(load);

    const open = ref(false);
    const busy = ref(false);
    const term = reactive({ elected_on: "", doc_no: "", note: "", posts: [] });
    const errs = fieldErrors();
    const people = ref([]);
    async function findPeople(qs) {
      try {
        const r = await api("GET", withQuery("/api/members", { org: props.orgId, q: qs, size: 20 }));
        people.value = r.items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    function openTerm() {
      clearErrors(errs);
      Object.assign(term, { elected_on: "", doc_no: "", note: "", posts: [{ post: "书记", member_id: null }] });
      people.value = [];
      open.value = true;
    }
    async function submitTerm() {
      const body = { elected_on: term.elected_on, posts: term.posts.filter((p) => p.member_id).map((p) => ({ post: p.post, member_id: p.member_id })) };
      if (term.doc_no.trim()) body.doc_no = term.doc_no.trim();
      if (term.note.trim()) body.note = term.note.trim();
      await submitForm({ busy, errs, fields: ["elected_on", "doc_no", "note", "posts"] }, async () => {
        await api("POST", `/api/orgs/${props.orgId}/terms`, body);
        ElementPlus.ElMessage.success("换届已登记");
        open.value = false;
        await load();
        emit("changed");
      });
    }
    return { terms, termState, open, busy, term, errs, people, findPeople, openTerm, submitTerm, POSTS, isMobile };
  },
  template: `
    <div class="org-terms">
      <div v-if="writable" class="form-actions left"><el-button type="primary" icon="Plus" @click="openTerm" class="term-btn">登记换届</el-button></div>
      <template v-if="terms && terms.length">
        <div v-for="t in terms" :key="t.id" class="term-block">
          <el-alert v-if="t.current && t.expired" type="error" :closable="false" show-icon class="term-overdue"
                    :title="'本届任期已于 ' + t.ends_on + ' 届满，应按期换届'" />
          <div class="term-head">
            <el-tag :type="termState(t).type" size="small">{{ termState(t).text }}</el-tag>
            <span class="term-dates"><span>{{ t.elected_on }} 选举</span> · <span>任期 {{ t.years }} 年</span> · <span>至 {{ t.ends_on }} 届满</span></span>
            <span v-if="t.doc_no" class="form-hint">文号：{{ t.doc_no }}</span>
          </div>
          <el-table :data="t.posts" size="small" class="term-posts" empty-text="本届未登记班子成员">
            <el-table-column label="职务" prop="post" min-width="90" />
            <el-table-column label="姓名" min-width="80">
              <template #default="{ row }"><app-link :to="'/members/' + row.member_id" class="link">{{ row.name }}</app-link></template>
            </el-table-column>
            <el-table-column label="任职时间" min-width="150">
              <template #default="{ row }">{{ row.started_on }} 至 {{ row.ended_on || '今' }}</template>
            </el-table-column>
          </el-table>
        </div>
      </template>
      <el-empty v-else-if="terms" description="暂无换届记录" />
      <div v-else class="tab-loading">正在加载…</div>

      <el-dialog v-model="open" title="登记换届" :width="isMobile ? '94%' : '560px'" destroy-on-close append-to-body>
        <el-form label-position="top" @submit.prevent="submitTerm" class="term-form">
          <el-form-item label="选举日期" :error="errs.elected_on" required>
            <el-date-picker v-model="term.elected_on" type="date" value-format="YYYY-MM-DD" name="elected_on" placeholder="选择日期" style="width: 100%" />
            <div class="form-hint">任期届满日期由系统按规则自动计算。</div>
          </el-form-item>
          <el-form-item label="班子成员" :error="errs.posts">
            <div v-for="(p, i) in term.posts" :key="i" class="post-row">
              <el-select v-model="p.post" allow-create filterable placeholder="职务" class="post-name"><el-option v-for="n in POSTS" :key="n" :label="n" :value="n" /></el-select>
              <el-select v-model="p.member_id" filterable remote :remote-method="findPeople" placeholder="输入姓名或拼音首字母" class="post-person">
                <el-option v-for="m in people" :key="m.id" :label="m.name + '（' + m.org_name + '）'" :value="m.id" />
              </el-select>
              <el-button icon="Delete" text aria-label="删除此行" @click="term.posts.splice(i, 1)" />
            </div>
            <el-button icon="Plus" text type="primary" @click="term.posts.push({ post: '委员', member_id: null })">添加职务</el-button>
            <div class="form-hint">任职党员须是本组织（含下级组织）的在册党员；新建的组织请先转入党员的组织关系。</div>
          </el-form-item>
          <el-form-item label="批复文号" :error="errs.doc_no"><el-input v-model="term.doc_no" name="doc_no" /></el-form-item>
          <el-form-item label="备注" :error="errs.note"><el-input v-model="term.note" name="note" type="textarea" :rows="2" /></el-form-item>
          <form-actions label="确认登记" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
