// lost.js: 组织关系转接 → 失联与三不: the reminder ladder of the current scope (GET /api/lost):
// members whose dues are unpaid for consecutive months or who took no part in organizational
// life for as long (the rule rows' months: LOST-R3 tell the 书记, LOST-R5 the upper org, LOST-R6
// a 自行脱党 review candidate), whose relation is not transferred (an expired letter, a long outflow), or who have
// not been reached for 6 months (LOST-R-CONTACT) or whose 停止党籍 is 24 months old (LOST-R-STOP:
// a 除名 review), with the 三不 marks (filter: two or three of
// them), the contact record and the latest decision. Contact attempts and decisions people took
// (with date, body and document number) are recorded here; the roster is not changed.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const METHODS = [["phone", "电话"], ["visit", "上门"], ["message", "短信或微信"], ["letter", "信函"], ["relative", "经亲属"]];
const DECISIONS = [["keep", "继续教育帮助"], ["restore", "恢复联系"], ["stop", "停止党籍"], ["remove", "除名（自行脱党）"]];

export default {
  name: "TransferLost",
  components: { DataList, FormActions },
  props: { version: { type: Number, default: 0 } },
  setup(props) {
    const items = ref([]);
    const loading = ref(false);
    const least = ref(0); // 三不: show members with at least this many marks
    const shown = computed(() => items.value.filter((r) => r.sanbu >= least.value));
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/lost", { org: scope.orgId })));
      if (r) items.value = r.items;
    }
    watch(() => [scope.orgId, props.version], load);
    onMounted(load);
    const canWrite = computed(() => can("transfers.write"));
    // Minimum widths that fit a 1366 px screen beside the menu (the 三不 column made the row scroll).
    const columns = [{ key: "name", label: "党员", min: 80 }, { key: "org_name", label: "所在党组织", min: 140 },
                     { key: "sanbu", label: "三不", min: 150 }, { key: "rung", label: "提醒", min: 200 }, { key: "contact", label: "联系情况", min: 140 },
                     { key: "decision", label: "组织决定", min: 110 }, { key: "actions", label: "", width: 190, phone: "actions" }];
    const rowClass = (r) => (r.rung === "LOST-R6" || r.contact_rule || r.stop_rule ? "lost-high" : "");
    const target = ref(null);
    const busy = ref(false);
    const errs = fieldErrors();
    const showContact = ref(false);
    const contact = reactive({ tried_on: "", method: "phone", reached: false, note: "" });
    const showDecision = ref(false);
    const decision = reactive({ decision: "keep", decided_on: "", body: "", doc_no: "", note: "" });
    function openContact(row) {
      target.value = row;
      Object.assign(contact, { tried_on: todayCN(), method: "phone", reached: false, note: "" });
      for (const k of Object.keys(errs)) delete errs[k];
      showContact.value = true;
    }
    function openDecision(row) {
      target.value = row;
      Object.assign(decision, { decision: "keep", decided_on: todayCN(), body: "", doc_no: "", note: "" });
      for (const k of Object.keys(errs)) delete errs[k];
      showDecision.value = true;
    }
    async function saveContact() {
      await submitForm({ busy, errs, fields: ["tried_on", "method", "reached", "note"] }, async () => {
        await api("POST", "/api/lost/contacts", { member_id: target.value.member_id, ...contact, note: contact.note || undefined });
        showContact.value = false;
        ElementPlus.ElMessage.success("已记录");
        load();
      });
    }
    async function saveDecision() {
      await submitForm({ busy, errs, fields: ["decision", "decided_on", "body", "doc_no", "note"] }, async () => {
        await api("POST", "/api/lost/decisions", { member_id: target.value.member_id, decision: decision.decision, decided_on: decision.decided_on,
          body: decision.body, doc_no: decision.doc_no || undefined, note: decision.note || undefined });
        showDecision.value = false;
        ElementPlus.ElMessage.success("已记录");
        load();
      });
    }
    return { items, shown, least, loading, columns, rowClass, canWrite, target, busy, errs, showContact, contact, showDecision, decision,
             openContact, openDecision, saveContact, saveDecision, METHODS, DECISIONS, scope };
  },
  template: `
    <div class="transfer-lost">
      <p class="form-hint">{{ scope.orgName }}：连续未交党费或未参加组织生活、组织关系未转接、长期联系不上的党员，按规则（LOST-R3、R5、R6 规定的月数）逐级提醒支部书记、报上级、列为审查对象。是否停止党籍、除名由党组织讨论决定，系统只记录。</p>
      <el-radio-group v-model="least" size="small" class="sanbu-filter">
        <el-radio-button :value="0">全部 {{ items.length }}</el-radio-button>
        <el-radio-button :value="2">三不占两项以上 {{ items.filter((r) => r.sanbu >= 2).length }}</el-radio-button>
        <el-radio-button :value="3">三项都有 {{ items.filter((r) => r.sanbu >= 3).length }}</el-radio-button>
      </el-radio-group>
      <data-list :rows="shown" :columns="columns" row-key="member_id" :loading="loading" :row-class="rowClass" size="small" empty-text="没有需要提醒的党员">
        <template #sanbu="{ row }"><div class="sanbu-marks">
          <el-tag v-if="row.no_dues" type="danger" size="small" class="mark-dues">未交党费 {{ row.unpaid_months }} 个月</el-tag>
          <el-tag v-if="row.no_orglife" type="danger" size="small" class="mark-orglife" :title="row.last_attended ? '最后一次参加：' + row.last_attended : '自 ' + row.absent_since + ' 起缺席'">未参加组织生活 {{ row.absent_months }} 个月</el-tag>
          <el-tag v-if="row.relation" type="warning" size="small" class="mark-relation" :title="'自 ' + row.relation_since + ' 起'">{{ row.relation_label }}</el-tag>
          <span v-if="!row.sanbu">—</span>
        </div></template>
        <template #rung="{ row }"><div class="xfer-notes">
          <div v-if="row.rung" class="xfer-finding lost-rung" :data-rule="row.rung" :title="'规则 ' + row.rung">{{ row.rung_message }}</div>
          <div v-if="row.contact_rule" class="xfer-reason lost-contact" :title="'规则 ' + row.contact_rule">{{ row.contact_message }}</div>
          <div v-if="row.stop_rule" class="xfer-reason lost-stop" :title="'规则 ' + row.stop_rule">{{ row.stop_message }}</div>
        </div></template>
        <template #contact="{ row }"><div class="xfer-notes">
          <div v-if="row.attempts">联系 {{ row.attempts }} 次；最近联系上：{{ row.last_reached || '无' }}</div><div v-else>未记录</div>
        </div></template>
        <template #decision="{ row }"><div class="xfer-notes" v-if="row.decision"><b>{{ row.decision_label }}</b> {{ row.decided_on }}<div v-if="row.doc_no">{{ row.doc_no }}</div></div><span v-else>—</span></template>
        <template #actions="{ row }"><span class="xfer-actions" v-if="canWrite">
          <el-button size="small" class="lost-contact-add" @click="openContact(row)">记录联系</el-button>
          <el-button size="small" type="primary" plain class="lost-decide" @click="openDecision(row)">记录决定</el-button>
        </span></template>
      </data-list>
      <el-dialog v-model="showContact" :title="target ? '记录联系：' + target.name : ''" width="min(460px, 94vw)" class="contact-dialog">
        <el-form label-position="top" @submit.prevent="saveContact">
          <div class="letter-form-row">
            <el-form-item label="联系日期" :error="errs.tried_on"><el-date-picker v-model="contact.tried_on" type="date" value-format="YYYY-MM-DD" class="f-tried-on" style="width: 100%" /></el-form-item>
            <el-form-item label="联系方式" :error="errs.method"><el-select v-model="contact.method" class="f-method" style="width: 100%"><el-option v-for="m in METHODS" :key="m[0]" :value="m[0]" :label="m[1]" /></el-select></el-form-item>
          </div>
          <el-form-item label="是否联系上" :error="errs.reached"><el-switch v-model="contact.reached" active-text="联系上" inactive-text="未联系上" class="f-reached" /></el-form-item>
          <el-form-item label="情况" :error="errs.note"><el-input v-model="contact.note" maxlength="200" class="f-contact-note" /></el-form-item>
          <form-actions label="记录" :busy="busy" @cancel="showContact = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="showDecision" :title="target ? '记录决定：' + target.name : ''" width="min(460px, 94vw)" class="decision-dialog">
        <p class="form-hint">记录党组织已作出的决定；名册中的党籍状态由名册页面办理。</p>
        <el-form label-position="top" @submit.prevent="saveDecision">
          <div class="letter-form-row">
            <el-form-item label="决定" :error="errs.decision"><el-select v-model="decision.decision" class="f-decision" style="width: 100%"><el-option v-for="d in DECISIONS" :key="d[0]" :value="d[0]" :label="d[1]" /></el-select></el-form-item>
            <el-form-item label="决定日期" :error="errs.decided_on"><el-date-picker v-model="decision.decided_on" type="date" value-format="YYYY-MM-DD" class="f-decided-on" style="width: 100%" /></el-form-item>
          </div>
          <div class="letter-form-row">
            <el-form-item label="决定机关" :error="errs.body"><el-input v-model="decision.body" maxlength="60" class="f-body" placeholder="如：党支部大会" /></el-form-item>
            <el-form-item label="文号" :error="errs.doc_no"><el-input v-model="decision.doc_no" maxlength="60" class="f-doc-no" /></el-form-item>
          </div>
          <el-form-item label="说明" :error="errs.note"><el-input v-model="decision.note" maxlength="200" class="f-decision-note" /></el-form-item>
          <form-actions label="记录" :busy="busy" @cancel="showDecision = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
