// actions.js: the org page's write buttons in its header and their dialogs: 编辑 (PATCH: type,
// short name, code, founding date, contact, address, area; name and parent change only by an
// event), 新建下级组织 (the child types the server allows here) and 登记变更 (更名, 隶属调整,
// 撤销 with the date it took effect and the document number). The page shows it to holders of
// orgs.write on an org not dissolved; the server checks. Emits "updated" with the saved org
// and "event" after a change was recorded (the page reloads and opens 沿革).
import { api } from "../../lib/api.js";
import { session } from "../../lib/session.js";
import { navigate } from "../../lib/router.js";
import { fieldErrors, clearErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { options } from "../../lib/meta.js";
import OrgTreeSelect from "../../components/org-tree-select.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, computed } = Vue;

export default {
  name: "OrgActions",
  components: { OrgTreeSelect, FormActions },
  props: { org: { type: Object, required: true } },
  emits: ["updated", "event"],
  setup(props, { emit }) {
    // Codes and labels from the server (/api/meta). An event of kind 成立 is written when an org
    // is created, so the 登记变更 dialog offers the others.
    const TYPES = options("org_type");
    const KINDS = options("org_event_kind").filter((k) => k.value !== "found");
    const busy = ref(false);

    // 登记变更.
    const evOpen = ref(false);
    const ev = reactive({ kind: "rename", effective_on: "", doc_no: "", new_name: "", new_short_name: "", new_parent_id: null, note: "" });
    const evErrs = fieldErrors();
    const grantRoots = computed(() => {
      const seen = new Set();
      const list = session.grants.filter((g) => !seen.has(g.org_id) && seen.add(g.org_id))
        .map((g) => ({ id: g.org_id, name: g.org_name, path: g.org_path }));
      return list.filter((o) => !list.some((p) => p !== o && o.path.startsWith(p.path)));
    });
    function openEvent(kind) {
      clearErrors(evErrs);
      Object.assign(ev, { kind, effective_on: "", doc_no: "", new_name: props.org.name, new_short_name: props.org.short_name || "", new_parent_id: null, note: "" });
      evOpen.value = true;
    }
    async function submitEvent() {
      const body = { kind: ev.kind, effective_on: ev.effective_on, doc_no: ev.doc_no.trim(), note: ev.note.trim() };
      if (ev.kind === "rename") Object.assign(body, { new_name: ev.new_name.trim(), new_short_name: ev.new_short_name.trim() });
      if (ev.kind === "move" && ev.new_parent_id) body.new_parent_id = ev.new_parent_id;
      for (const k of Object.keys(body)) if (body[k] === "") delete body[k];
      await submitForm({ busy, errs: evErrs, fields: ["effective_on", "doc_no", "new_name", "new_short_name", "new_parent_id", "note"] }, async () => {
        await api("POST", `/api/orgs/${props.org.id}/events`, body);
        ElementPlus.ElMessage.success(`已登记${KINDS.find((k) => k.value === ev.kind).label}`);
        evOpen.value = false;
        emit("event");
      });
    }

    // 新建下级组织: the types the server allows directly under this org (child_types, its one rule).
    const childOpen = ref(false);
    const child = reactive({});
    const childErrs = fieldErrors();
    const childTypes = computed(() => TYPES.filter((t) => (props.org.child_types || []).includes(t.value)));
    const CHILD_FIELDS = ["type", "name", "short_name", "code", "founded_on", "contact_name", "contact_phone", "address", "area", "doc_no"];
    function openChild() {
      clearErrors(childErrs);
      for (const f of CHILD_FIELDS) child[f] = "";
      child.type = (childTypes.value.find((t) => t.value === "branch") || childTypes.value[0] || {}).value || "";
      childOpen.value = true;
    }
    async function submitChild() {
      const body = { parent_id: props.org.id };
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
      for (const f of EDIT_FIELDS) edit[f] = props.org[f] || "";
      editOpen.value = true;
    }
    async function submitEdit() {
      const body = {};
      for (const f of EDIT_FIELDS) {
        const v = String(edit[f] || "").trim();
        if (v !== (props.org[f] || "")) body[f] = v;
      }
      if (!Object.keys(body).length) {
        editOpen.value = false;
        ElementPlus.ElMessage.info("没有修改");
        return;
      }
      await submitForm({ busy, errs: editErrs, fields: EDIT_FIELDS }, async () => {
        emit("updated", await api("PATCH", `/api/orgs/${props.org.id}`, body));
        ElementPlus.ElMessage.success("组织信息已保存");
        editOpen.value = false;
      });
    }
    return { busy, TYPES, KINDS, isMobile, evOpen, ev, evErrs, grantRoots, openEvent, submitEvent,
             childOpen, child, childErrs, childTypes, openChild, submitChild, editOpen, edit, editErrs, openEdit, submitEdit };
  },
  template: `
    <div class="head-actions org-actions">
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

      <el-dialog v-model="evOpen" :title="'登记' + (KINDS.find((k) => k.value === ev.kind) || {}).label" :width="isMobile ? '94%' : '520px'" destroy-on-close append-to-body>
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
          <form-actions label="确认登记" :busy="busy" :danger="ev.kind === 'dissolve'" @cancel="evOpen = false" />
        </el-form>
      </el-dialog>

      <el-dialog v-model="childOpen" title="新建下级组织" :width="isMobile ? '94%' : '560px'" destroy-on-close append-to-body>
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
          <form-actions label="新建" :busy="busy" @cancel="childOpen = false" />
        </el-form>
      </el-dialog>

      <el-dialog v-model="editOpen" title="编辑组织信息" :width="isMobile ? '94%' : '560px'" destroy-on-close append-to-body>
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
          <form-actions label="保存" :busy="busy" @cancel="editOpen = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
