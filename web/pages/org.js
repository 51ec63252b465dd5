// org.js: one org's page with tabs 基本信息 (and its direct sub-orgs), 沿革 (found, rename, move
// and dissolve events with document numbers), 班子与任期 (terms, posts, term end, a warning
// when the term is overdue), 成员单位 (components/org-units.js) and 提示 (the server's
// advisories for the org and its subtree).
// Users holding orgs.write also get 编辑 (PATCH: type, short name, code, founding date,
// contact, address, area; name and parent change only by an event), 登记变更, 新建下级组织 and
// 登记换届; the server checks.
import { api, withQuery } from "../lib/api.js";
import { session, scope, setScope, can } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { fmtNumber } from "../lib/format.js";
import { fieldErrors, clearErrors, submitForm } from "../lib/forms.js";
import { isMobile } from "../lib/viewport.js";
import { options } from "../lib/meta.js";
import OrgTreeSelect from "../components/org-tree-select.js";
import OrgUnits from "../components/org-units.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

// Posts are suggestions (the field takes any text), not a server code table.
const POSTS = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "统战委员", "委员", "组长"];

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/orgs/:id", title: "党组织详情", perm: "orgs.read" }];

export default {
  name: "OrgPage",
  components: { OrgTreeSelect, OrgUnits },
  props: { id: { type: String, required: true } },
  setup(props) {
    // Codes and labels from the server (/api/meta). An event of kind 成立 is written when an org
    // is created, so the 登记变更 dialog offers the others.
    const TYPES = options("org_type");
    const KINDS = options("org_event_kind").filter((k) => k.value !== "found");
    const org = ref(null);
    const parent = ref(null);
    const kids = ref([]);
    const events = ref(null);
    const terms = ref(null);
    const advisories = ref(null);
    const names = reactive({}); // org id → name, for the parents named in 隶属调整 events
    const error = ref("");
    const tab = ref("basic");
    const canWrite = computed(() => can("orgs.write"));
    const active = computed(() => org.value && !org.value.dissolved_on);

    async function load() {
      try {
        org.value = await api("GET", `/api/orgs/${props.id}`);
      } catch (e) {
        error.value = e.status === 404 ? "没有找到这个党组织，或您无权查看。" : e.message;
        return;
      }
      names[org.value.id] = org.value.name;
      // The server names the ancestors (a community admin may not read the orgs above).
      for (const a of org.value.ancestors || []) names[a.id] = a.name;
      // Linked only where a grant of the user's lies at or above it (else its page is 404).
      const above = (org.value.ancestors || []).map((a) => a.id);
      parent.value = org.value.parent_id ? { id: org.value.parent_id, name: org.value.parent_name,
        readable: session.grants.some((g) => g.role === "admin" || above.includes(g.org_id)) } : null;
      api("GET", `/api/orgs/${props.id}/children`).then((r) => { kids.value = r.items; }).catch(() => {});
      api("GET", `/api/orgs/${props.id}/advisories`).then((r) => { advisories.value = r.items; }).catch(() => {});
      if (tab.value === "history") loadEvents();
      if (tab.value === "terms") loadTerms();
    }
    async function loadEvents() {
      try {
        events.value = (await api("GET", `/api/orgs/${props.id}/events`)).items;
        for (const e of events.value) {
          for (const pid of [e.old_parent_id, e.new_parent_id]) {
            if (pid && !names[pid]) {
              names[pid] = `#${pid}`;
              api("GET", `/api/orgs/${pid}`).then((p) => { names[pid] = p.name; }).catch(() => {});
            }
          }
        }
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    async function loadTerms() {
      try {
        terms.value = (await api("GET", `/api/orgs/${props.id}/terms`)).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    const onTab = (name) => {
      if (name === "history" && !events.value) loadEvents();
      if (name === "terms" && !terms.value) loadTerms();
    };
    onMounted(load);
    watch(() => props.id, () => { events.value = null; terms.value = null; tab.value = "basic"; load(); });

    // 登记变更: 更名, 隶属调整, 撤销 with the date it took effect and the document number.
    const evOpen = ref(false);
    const ev = reactive({ kind: "rename", effective_on: "", doc_no: "", new_name: "", new_short_name: "", new_parent_id: null, note: "" });
    const evErrs = fieldErrors();
    const busy = ref(false);
    const grantRoots = computed(() => {
      const seen = new Set();
      const list = session.grants.filter((g) => !seen.has(g.org_id) && seen.add(g.org_id))
        .map((g) => ({ id: g.org_id, name: g.org_name, path: g.org_path }));
      return list.filter((o) => !list.some((p) => p !== o && o.path.startsWith(p.path)));
    });
    function openEvent(kind) {
      clearErrors(evErrs);
      Object.assign(ev, { kind, effective_on: "", doc_no: "", new_name: org.value.name, new_short_name: org.value.short_name || "", new_parent_id: null, note: "" });
      evOpen.value = true;
    }
    async function submitEvent() {
      const body = { kind: ev.kind, effective_on: ev.effective_on, doc_no: ev.doc_no.trim(), note: ev.note.trim() };
      if (ev.kind === "rename") Object.assign(body, { new_name: ev.new_name.trim(), new_short_name: ev.new_short_name.trim() });
      if (ev.kind === "move" && ev.new_parent_id) body.new_parent_id = ev.new_parent_id;
      for (const k of Object.keys(body)) if (body[k] === "") delete body[k];
      await submitForm({ busy, errs: evErrs, fields: ["effective_on", "doc_no", "new_name", "new_short_name", "new_parent_id", "note"] }, async () => {
        await api("POST", `/api/orgs/${props.id}/events`, body);
        ElementPlus.ElMessage.success(`已登记${KINDS.find((k) => k.value === ev.kind).label}`);
        evOpen.value = false;
        events.value = null;
        await load();
        if (scope.orgId === org.value.id) setScope({ id: org.value.id, name: org.value.name, path: org.value.path });
        tab.value = "history";
        loadEvents();
      });
    }

    // 新建下级组织.
    const childOpen = ref(false);
    const child = reactive({});
    const childErrs = fieldErrors();
    // The types the server allows directly under this org (child_types, its one rule).
    const childTypes = computed(() => TYPES.filter((t) => (org.value.child_types || []).includes(t.value)));
    const CHILD_FIELDS = ["type", "name", "short_name", "code", "founded_on", "contact_name", "contact_phone", "address", "area", "doc_no"];
    function openChild() {
      clearErrors(childErrs);
      for (const f of CHILD_FIELDS) child[f] = "";
      child.type = (childTypes.value.find((t) => t.value === "branch") || childTypes.value[0] || {}).value || "";
      childOpen.value = true;
    }
    async function submitChild() {
      const body = { parent_id: org.value.id };
      for (const f of CHILD_FIELDS) if (String(child[f] || "").trim()) body[f] = String(child[f]).trim();
      await submitForm({ busy, errs: childErrs, fields: CHILD_FIELDS }, async () => {
        const r = await api("POST", "/api/orgs", body);
        ElementPlus.ElMessage.success("下级组织已新建");
        childOpen.value = false;
        navigate(`/orgs/${r.id}`);
      });
    }

    // 编辑: the fields PATCH /api/orgs/{id} accepts; only the changed ones are sent ("" clears).
    const EDIT_FIELDS = ["type", "short_name", "code", "founded_on", "contact_name", "contact_phone", "address", "area"];
    const editOpen = ref(false);
    const edit = reactive({});
    const editErrs = fieldErrors();
    function openEdit() {
      clearErrors(editErrs);
      for (const f of EDIT_FIELDS) edit[f] = org.value[f] || "";
      editOpen.value = true;
    }
    async function submitEdit() {
      const body = {};
      for (const f of EDIT_FIELDS) {
        const v = String(edit[f] || "").trim();
        if (v !== (org.value[f] || "")) body[f] = v;
      }
      if (!Object.keys(body).length) {
        editOpen.value = false;
        ElementPlus.ElMessage.info("没有修改");
        return;
      }
      await submitForm({ busy, errs: editErrs, fields: EDIT_FIELDS }, async () => {
        org.value = await api("PATCH", `/api/orgs/${props.id}`, body);
        ElementPlus.ElMessage.success("组织信息已保存");
        editOpen.value = false;
      });
    }

    // 登记换届: the election date, the document number and who holds which post.
    const termOpen = ref(false);
    const term = reactive({ elected_on: "", doc_no: "", note: "", posts: [] });
    const termErrs = fieldErrors();
    const people = ref([]);
    async function findPeople(qs) {
      try {
        const r = await api("GET", withQuery("/api/members", { org: props.id, q: qs, size: 20 }));
        people.value = r.items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    function openTerm() {
      clearErrors(termErrs);
      Object.assign(term, { elected_on: "", doc_no: "", note: "", posts: [{ post: "书记", member_id: null }] });
      people.value = [];
      termOpen.value = true;
    }
    async function submitTerm() {
      const body = { elected_on: term.elected_on, posts: term.posts.filter((p) => p.member_id).map((p) => ({ post: p.post, member_id: p.member_id })) };
      if (term.doc_no.trim()) body.doc_no = term.doc_no.trim();
      if (term.note.trim()) body.note = term.note.trim();
      await submitForm({ busy, errs: termErrs, fields: ["elected_on", "doc_no", "note", "posts"] }, async () => {
        await api("POST", `/api/orgs/${props.id}/terms`, body);
        ElementPlus.ElMessage.success("换届已登记");
        termOpen.value = false;
        await loadTerms();
        api("GET", `/api/orgs/${props.id}/advisories`).then((r) => { advisories.value = r.items; }).catch(() => {});
      });
    }

    const show = (v) => (v === null || v === undefined || v === "" ? "—" : v);
    const eventText = (e) => {
      if (e.kind === "rename") return `${e.old_name || "—"} → ${e.new_name || "—"}`;
      if (e.kind === "move") return `上级组织：${names[e.old_parent_id] || "—"} → ${names[e.new_parent_id] || "—"}`;
      if (e.kind === "found") return `${e.new_name || ""}成立${e.new_parent_id ? "，隶属" + (names[e.new_parent_id] || "") : ""}`;
      if (e.kind === "dissolve") return `${e.old_name || org.value.name}撤销`;
      return "";
    };
    const termState = (t) => (t.current ? (t.expired ? { text: "已届满未换届", type: "danger" } : { text: "本届", type: "success" }) : { text: "往届", type: "info" });
    return { org, parent, kids, events, terms, advisories, error, tab, onTab, canWrite, active, show, eventText, termState, fmtNumber, isMobile,
             evOpen, ev, evErrs, openEvent, submitEvent, grantRoots, busy, KINDS, TYPES, POSTS,
             childOpen, child, childErrs, childTypes, openChild, submitChild, editOpen, edit, editErrs, openEdit, submitEdit,
             termOpen, term, termErrs, people, findPeople, openTerm, submitTerm };
  },
  template: `
    <div class="page org-page">
      <el-result v-if="error" icon="warning" title="无法查看" :sub-title="error">
        <template #extra><app-link to="/orgs"><el-button type="primary">返回组织</el-button></app-link></template>
      </el-result>
      <template v-else-if="org">
        <div class="page-head">
          <div class="org-head">
            <app-link to="/orgs" class="back-link"><el-icon><ArrowLeft /></el-icon> 组织</app-link>
            <h1 class="page-title">{{ org.name }}
              <el-tag size="small" type="info">{{ org.type_label }}</el-tag>
              <el-tag v-if="org.dissolved_on" size="small" type="warning">已于 {{ org.dissolved_on }} 撤销</el-tag>
            </h1>
          </div>
          <div v-if="canWrite && active" class="head-actions org-actions">
            <el-button icon="Edit" class="edit-org-btn" @click="openEdit">编辑</el-button>
            <el-button v-if="childTypes.length" type="primary" icon="Plus" @click="openChild">新建下级组织</el-button>
            <el-dropdown trigger="click" @command="openEvent">
              <el-button icon="EditPen" class="event-btn">登记变更 <el-icon class="el-icon--right"><ArrowDown /></el-icon></el-button>
              <template #dropdown>
                <el-dropdown-menu>
                  <el-dropdown-item v-for="k in KINDS" :key="k.value" :command="k.value">{{ k.label }}</el-dropdown-item>
                </el-dropdown-menu>
              </template>
            </el-dropdown>
          </div>
        </div>
        <p class="page-desc">{{ [org.short_name, org.code].filter(Boolean).join(' · ') }}</p>
        <el-card shadow="never">
          <el-tabs v-model="tab" @tab-change="onTab" :stretch="isMobile" class="org-tabs">
            <el-tab-pane :label="isMobile ? '基本' : '基本信息'" name="basic">
              <el-descriptions :column="isMobile ? 1 : 2" border>
                <el-descriptions-item label="名称">{{ org.name }}</el-descriptions-item>
                <el-descriptions-item label="简称">{{ show(org.short_name) }}</el-descriptions-item>
                <el-descriptions-item label="组织类型">{{ org.type_label }}</el-descriptions-item>
                <el-descriptions-item label="组织代码">{{ show(org.code) }}</el-descriptions-item>
                <el-descriptions-item label="上级组织">
                  <app-link v-if="parent && parent.readable" :to="'/orgs/' + parent.id" class="link">{{ parent.name }}</app-link><template v-else>{{ parent ? parent.name : '—' }}</template>
                </el-descriptions-item>
                <el-descriptions-item label="成立日期">{{ show(org.founded_on) }}</el-descriptions-item>
                <el-descriptions-item label="直属党员">{{ fmtNumber(org.members) }} 人</el-descriptions-item>
                <el-descriptions-item label="下级组织">{{ fmtNumber(org.children) }} 个</el-descriptions-item>
                <el-descriptions-item label="联系人">{{ show(org.contact_name) }}</el-descriptions-item>
                <el-descriptions-item label="联系电话">{{ show(org.contact_phone) }}</el-descriptions-item>
                <el-descriptions-item label="地址">{{ show(org.address) }}</el-descriptions-item>
                <el-descriptions-item label="所辖区域">{{ show(org.area) }}</el-descriptions-item>
              </el-descriptions>
              <template v-if="kids.length">
                <h3 class="section-title">下级组织</h3>
                <ul class="org-results">
                  <li v-for="k in kids" :key="k.id">
                    <app-link :to="'/orgs/' + k.id" class="link">{{ k.name }}</app-link>
                    <el-tag size="small" type="info" class="org-type">{{ k.type_label }}</el-tag>
                    <span v-if="k.members" class="org-node-count">{{ fmtNumber(k.members) }} 人</span>
                  </li>
                </ul>
              </template>
            </el-tab-pane>
            <el-tab-pane label="沿革" name="history">
              <el-timeline v-if="events && events.length" class="org-events">
                <el-timeline-item v-for="e in events" :key="e.id" :timestamp="e.effective_on" placement="top"
                                  :type="e.kind === 'dissolve' ? 'warning' : e.kind === 'found' ? 'primary' : ''">
                  <div class="event-title">{{ e.kind_label }}</div>
                  <div class="event-body">{{ eventText(e) }}</div>
                  <div v-if="e.doc_no || e.note" class="form-hint">{{ [e.doc_no ? '文号：' + e.doc_no : '', e.note].filter(Boolean).join('；') }}</div>
                </el-timeline-item>
              </el-timeline>
              <el-empty v-else-if="events" description="暂无沿革记录" />
              <div v-else class="tab-loading">正在加载…</div>
            </el-tab-pane>
            <el-tab-pane :label="isMobile ? '班子' : '班子与任期'" name="terms">
              <div v-if="canWrite && active" class="form-actions left"><el-button type="primary" icon="Plus" @click="openTerm" class="term-btn">登记换届</el-button></div>
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
            </el-tab-pane>
            <el-tab-pane :label="isMobile ? '单位' : '成员单位'" name="units" lazy>
              <org-units :org-id="org.id" :writable="canWrite && active" />
            </el-tab-pane>
            <el-tab-pane name="advisories">
              <template #label>提示<el-badge v-if="advisories && advisories.length" :value="advisories.length" type="warning" class="tab-badge" /></template>
              <template v-if="advisories && advisories.length">
                <el-alert v-for="(a, i) in advisories" :key="i" :type="a.severity === 'error' ? 'error' : 'warning'" :closable="false" show-icon class="advisory">
                  <template #title>
                    <app-link v-if="a.org_id !== org.id" :to="'/orgs/' + a.org_id" class="link">{{ a.org_name }}</app-link><span v-else>本组织</span>：{{ a.message }}
                  </template>
                </el-alert>
              </template>
              <el-empty v-else description="没有需要处理的提示" />
            </el-tab-pane>
          </el-tabs>
        </el-card>

        <el-dialog v-model="evOpen" :title="'登记' + (KINDS.find((k) => k.value === ev.kind) || {}).label" :width="isMobile ? '94%' : '520px'" destroy-on-close>
          <el-form label-position="top" @submit.prevent="submitEvent" class="event-form">
            <el-form-item label="变更类型">
              <el-radio-group v-model="ev.kind"><el-radio-button v-for="k in KINDS" :key="k.value" :value="k.value">{{ k.label }}</el-radio-button></el-radio-group>
            </el-form-item>
            <template v-if="ev.kind === 'rename'">
              <el-form-item label="新名称" :error="evErrs.new_name" required><el-input v-model="ev.new_name" name="new_name" /></el-form-item>
              <el-form-item label="新简称" :error="evErrs.new_short_name"><el-input v-model="ev.new_short_name" name="new_short_name" /></el-form-item>
            </template>
            <el-form-item v-if="ev.kind === 'move'" label="新的上级组织" :error="evErrs.new_parent_id" required>
              <org-tree-select v-model="ev.new_parent_id" :roots="grantRoots" placeholder="请选择新的上级党组织" />
            </el-form-item>
            <el-alert v-if="ev.kind === 'dissolve'" type="warning" :closable="false" show-icon class="dissolve-hint"
                      title="撤销前须先转出全部党员、撤销全部下级组织。撤销后组织只在历史中可见。" />
            <el-form-item label="生效日期" :error="evErrs.effective_on" required>
              <el-date-picker v-model="ev.effective_on" type="date" value-format="YYYY-MM-DD" name="effective_on" placeholder="选择日期" style="width: 100%" />
            </el-form-item>
            <el-form-item label="批复文号" :error="evErrs.doc_no"><el-input v-model="ev.doc_no" name="doc_no" placeholder="如 宁组〔2026〕5号" /></el-form-item>
            <el-form-item label="备注" :error="evErrs.note"><el-input v-model="ev.note" name="note" type="textarea" :rows="2" /></el-form-item>
            <div class="form-actions">
              <el-button @click="evOpen = false">取消</el-button>
              <el-button :type="ev.kind === 'dissolve' ? 'danger' : 'primary'" native-type="submit" :loading="busy">确认登记</el-button>
            </div>
          </el-form>
        </el-dialog>

        <el-dialog v-model="childOpen" title="新建下级组织" :width="isMobile ? '94%' : '560px'" destroy-on-close>
          <el-form label-position="top" @submit.prevent="submitChild" class="child-form">
            <p class="form-hint">上级组织：{{ org.name }}</p>
            <el-form-item label="组织类型" :error="childErrs.type" required>
              <el-select v-model="child.type" style="width: 100%"><el-option v-for="t in childTypes" :key="t.value" :label="t.label" :value="t.value" /></el-select>
            </el-form-item>
            <el-form-item label="名称" :error="childErrs.name" required><el-input v-model="child.name" name="name" /></el-form-item>
            <el-row :gutter="12">
              <el-col :xs="24" :sm="12"><el-form-item label="简称" :error="childErrs.short_name"><el-input v-model="child.short_name" name="short_name" /></el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="组织代码" :error="childErrs.code"><el-input v-model="child.code" name="code" /></el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="成立日期" :error="childErrs.founded_on" required>
                <el-date-picker v-model="child.founded_on" type="date" value-format="YYYY-MM-DD" name="founded_on" placeholder="选择日期" style="width: 100%" />
              </el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="批复文号" :error="childErrs.doc_no"><el-input v-model="child.doc_no" name="doc_no" /></el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="联系人" :error="childErrs.contact_name"><el-input v-model="child.contact_name" name="contact_name" /></el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="联系电话" :error="childErrs.contact_phone"><el-input v-model="child.contact_phone" name="contact_phone" /></el-form-item></el-col>
            </el-row>
            <el-form-item label="地址" :error="childErrs.address"><el-input v-model="child.address" name="address" /></el-form-item>
            <el-form-item label="所辖区域" :error="childErrs.area"><el-input v-model="child.area" name="area" /></el-form-item>
            <div class="form-actions">
              <el-button @click="childOpen = false">取消</el-button>
              <el-button type="primary" native-type="submit" :loading="busy">新建</el-button>
            </div>
          </el-form>
        </el-dialog>

        <el-dialog v-model="editOpen" title="编辑组织信息" :width="isMobile ? '94%' : '560px'" destroy-on-close>
          <el-form label-position="top" @submit.prevent="submitEdit" class="org-edit-form">
            <p class="form-hint">名称：{{ org.name }}（更名、调整隶属关系请用“登记变更”，以便保留沿革）</p>
            <el-form-item label="组织类型" :error="editErrs.type" required>
              <el-select v-model="edit.type" style="width: 100%"><el-option v-for="t in TYPES" :key="t.value" :label="t.label" :value="t.value" /></el-select>
            </el-form-item>
            <el-row :gutter="12">
              <el-col :xs="24" :sm="12"><el-form-item label="简称" :error="editErrs.short_name"><el-input v-model="edit.short_name" name="short_name" maxlength="50" /></el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="组织代码" :error="editErrs.code"><el-input v-model="edit.code" name="code" maxlength="40" /></el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="成立日期" :error="editErrs.founded_on">
                <el-date-picker v-model="edit.founded_on" type="date" value-format="YYYY-MM-DD" name="founded_on" placeholder="选择日期" style="width: 100%" />
              </el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="联系人" :error="editErrs.contact_name"><el-input v-model="edit.contact_name" name="contact_name" maxlength="50" /></el-form-item></el-col>
              <el-col :xs="24" :sm="12"><el-form-item label="联系电话" :error="editErrs.contact_phone"><el-input v-model="edit.contact_phone" name="contact_phone" maxlength="30" /></el-form-item></el-col>
            </el-row>
            <el-form-item label="地址" :error="editErrs.address"><el-input v-model="edit.address" name="address" maxlength="200" /></el-form-item>
            <el-form-item label="所辖区域" :error="editErrs.area"><el-input v-model="edit.area" name="area" maxlength="200" /></el-form-item>
            <div class="form-actions">
              <el-button @click="editOpen = false">取消</el-button>
              <el-button type="primary" native-type="submit" :loading="busy">保存</el-button>
            </div>
          </el-form>
        </el-dialog>

        <el-dialog v-model="termOpen" title="登记换届" :width="isMobile ? '94%' : '560px'" destroy-on-close>
          <el-form label-position="top" @submit.prevent="submitTerm" class="term-form">
            <el-form-item label="选举日期" :error="termErrs.elected_on" required>
              <el-date-picker v-model="term.elected_on" type="date" value-format="YYYY-MM-DD" name="elected_on" placeholder="选择日期" style="width: 100%" />
              <div class="form-hint">任期届满日期由系统按规则自动计算。</div>
            </el-form-item>
            <el-form-item label="班子成员" :error="termErrs.posts">
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
            <el-form-item label="批复文号" :error="termErrs.doc_no"><el-input v-model="term.doc_no" name="doc_no" /></el-form-item>
            <el-form-item label="备注" :error="termErrs.note"><el-input v-model="term.note" name="note" type="textarea" :rows="2" /></el-form-item>
            <div class="form-actions">
              <el-button @click="termOpen = false">取消</el-button>
              <el-button type="primary" native-type="submit" :loading="busy">确认登记</el-button>
            </div>
          </el-form>
        </el-dialog>
      </template>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
