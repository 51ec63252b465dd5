// in-service.js: 组织关系转接 → 在职党员: 在职党员到社区报到 ("双报到", RULES.md §9) seen from the
// current scope (GET /api/in-service): members reporting to its communities, and members of its
// workplace orgs reporting elsewhere (marked 本单位党员; read-only here). 登记报到 registers a
// member of the scope (the member's side registers them, to any community: the community is
// searched by name over the tree) or a person whose relation lies in a workplace Party org
// outside the system (registered by the community); the community records services (服务登记卡: services done through volunteer activities
// stay in those), its yearly evaluation (RPT-EVAL) and the end; 反馈表 opens the printable
// yearly summary for the workplace. Text is shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { navigate } from "../../lib/router.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import { useMemberSearch } from "../../lib/member-search.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const KINDS = [["wish", "认领微心愿"], ["pairing", "结对帮扶"], ["governance", "参与社区治理"], ["skill", "专业技能服务"], ["publicity", "政策宣讲"], ["other", "其他"]];
const GRADES = [["excellent", "优秀"], ["good", "良好"], ["fair", "一般"], ["poor", "较差"]];
const hours = (m) => (m / 60).toFixed(1).replace(/\.0$/, "");
const clear = (errs) => { for (const k of Object.keys(errs)) delete errs[k]; };

export default {
  name: "TransferInService",
  components: { DataList, FormActions },
  props: { version: { type: Number, default: 0 } },
  setup(props) {
    const items = ref([]);
    const year = ref(0);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/in-service", { org: scope.orgId })));
      if (r) { items.value = r.items; year.value = r.year; }
    }
    watch(() => [scope.orgId, props.version], load);
    onMounted(load);
    const canWrite = computed(() => can("transfers.write"));
    const columns = [{ key: "name", label: "姓名", min: 80 }, { key: "unit", label: "工作单位党组织", min: 220 },
                     { key: "community_name", label: "报到社区", min: 150 }, { key: "skills", label: "特长和服务意向", min: 180 },
                     { key: "service", label: "本年服务", width: 110 }, { key: "actions", label: "", width: 250, phone: "actions" }];
    const busy = ref(false);
    const errs = fieldErrors();
    const target = ref(null);

    // 登记报到
    const showCreate = ref(false);
    const communities = ref([]);
    const searching = ref(false);
    // Communities by name anywhere in the tree (the server refuses an org that is not one).
    async function findCommunity(q) {
      if (!(q || "").trim()) return;
      searching.value = true;
      try {
        communities.value = (await api("GET", withQuery("/api/transfers/receivers", { q: q.trim() }))).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        searching.value = false;
      }
    }
    const form = reactive({ mode: "outside", community_id: null, member_id: null, name: "", gender: "M", phone: "", unit_org_name: "", work_unit: "", skills: "", wishes: "", reported_on: "" });
    const { members, loading: finding, find } = useMemberSearch();
    async function openCreate() {
      Object.assign(form, { mode: "outside", community_id: null, member_id: null, name: "", gender: "M", phone: "", unit_org_name: "", work_unit: "", skills: "", wishes: "", reported_on: todayCN() });
      clear(errs);
      showCreate.value = true;
      try {
        const r = await api("GET", withQuery("/api/orgs", { org: scope.orgId, type: "community_committee", size: 200 }));
        communities.value = r.items;
        if (r.items.length === 1) form.community_id = r.items[0].id;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    async function create() {
      const body = { community_id: form.community_id, work_unit: form.work_unit || undefined, skills: form.skills || undefined,
                     wishes: form.wishes || undefined, reported_on: form.reported_on || undefined };
      if (form.mode === "member") body.member_id = form.member_id;
      else Object.assign(body, { name: form.name, gender: form.gender, phone: form.phone || undefined, unit_org_name: form.unit_org_name });
      await submitForm({ busy, errs, fields: ["community_id", "member_id", "name", "gender", "phone", "unit_org_name", "work_unit", "skills", "wishes", "reported_on"] }, async () => {
        await api("POST", "/api/in-service", body);
        showCreate.value = false;
        ElementPlus.ElMessage.success("已登记报到");
        load();
      });
    }

    // 登记服务
    const showService = ref(false);
    const service = reactive({ served_on: "", hours: 1, kind: "wish", content: "" });
    function openService(row) {
      target.value = row;
      Object.assign(service, { served_on: todayCN(), hours: 1, kind: "wish", content: "" });
      clear(errs);
      showService.value = true;
    }
    async function addService() {
      await submitForm({ busy, errs, fields: ["served_on", "minutes", "kind", "content"] }, async () => {
        await api("POST", `/api/in-service/${target.value.id}/services`, { served_on: service.served_on, minutes: Math.round(Number(service.hours) * 60),
          kind: service.kind, content: service.content });
        showService.value = false;
        ElementPlus.ElMessage.success("已登记服务");
        load();
      });
    }

    // 年度评价
    const showReview = ref(false);
    const review = reactive({ year: 0, grade: "good", comment: "" });
    function openReview(row) {
      target.value = row;
      Object.assign(review, { year: year.value, grade: "good", comment: "" });
      clear(errs);
      showReview.value = true;
    }
    async function saveReview() {
      await submitForm({ busy, errs, fields: ["year", "grade", "comment"] }, async () => {
        await api("PUT", `/api/in-service/${target.value.id}/review`, { ...review });
        showReview.value = false;
        ElementPlus.ElMessage.success("已保存评价");
      });
    }

    async function end(row) {
      let reason;
      try {
        ({ value: reason } = await ElementPlus.ElMessageBox.prompt(`登记${row.name}今天停止报到，请填写原因`, "停止报到",
          { confirmButtonText: "登记", cancelButtonText: "取消", inputPlaceholder: "如：迁出本社区、退休", inputPattern: /\S{2,}/, inputErrorMessage: "请填写原因（至少2个字）" }));
      } catch {
        return;
      }
      try {
        await api("POST", `/api/in-service/${row.id}/end`, { reason });
        ElementPlus.ElMessage.success("已登记停止报到");
        load();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    const summary = (row) => navigate(`/transfers/in-service/${row.id}/print?year=${year.value}`);
    return { items, year, loading, columns, canWrite, busy, errs, target, showCreate, communities, searching, findCommunity, form, members, finding, find, openCreate, create,
             showService, service, openService, addService, showReview, review, openReview, saveReview, end, summary, hours, KINDS, GRADES, scope };
  },
  template: `
    <div class="transfer-in-service">
      <div class="toolbar">
        <el-button v-if="canWrite" size="small" type="primary" plain icon="Plus" class="new-report" @click="openCreate">登记报到</el-button>
        <span class="form-hint">在职党员到居住地社区报到，“8小时之外”参加社区服务；社区登记服务、年度评价，并向工作单位党组织反馈。参加志愿服务活动的时长在志愿服务中登记，这里不重复登记。</span>
      </div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="没有在职党员报到登记" :row-class="(r) => r.ended_on ? 'report-ended' : ''">
        <template #name="{ row }">{{ row.name }}<div class="xfer-notes" v-if="row.ended_on">{{ row.ended_on }} 停止报到</div></template>
        <template #unit="{ row }">{{ row.unit_org_name }}<div class="xfer-notes">{{ row.work_unit || '' }}<el-tag v-if="row.side === 'unit'" size="small" type="info" class="side-unit">本单位党员</el-tag></div></template>
        <template #community_name="{ row }">{{ row.community_name }}<div class="xfer-notes">{{ row.reported_on }} 报到</div></template>
        <template #skills="{ row }"><div class="xfer-notes">{{ row.skills || '—' }}<div v-if="row.wishes">{{ row.wishes }}</div></div></template>
        <template #service="{ row }"><span class="report-service">{{ row.services }} 次 · {{ hours(row.minutes) }} 小时</span></template>
        <template #actions="{ row }"><span class="xfer-actions">
          <el-button size="small" class="report-summary" @click="summary(row)">反馈表</el-button>
          <template v-if="canWrite && row.side === 'community' && !row.ended_on">
            <el-button size="small" type="primary" plain class="report-service-add" @click="openService(row)">登记服务</el-button>
            <el-button size="small" class="report-review" @click="openReview(row)">评价</el-button>
            <el-button size="small" link type="danger" class="report-end" @click="end(row)">停止报到</el-button>
          </template>
        </span></template>
      </data-list>
      <el-dialog v-model="showCreate" title="登记在职党员报到" width="min(560px, 94vw)" class="report-dialog">
        <el-form label-position="top" @submit.prevent="create">
          <el-form-item label="报到社区" :error="errs.community_id">
            <el-select v-model="form.community_id" filterable remote :remote-method="findCommunity" :loading="searching" placeholder="请选择社区党组织（可输入名称查找）" class="f-community" style="width: 100%">
              <el-option v-for="c in communities" :key="c.id" :label="c.name" :value="c.id" />
            </el-select>
          </el-form-item>
          <el-radio-group v-model="form.mode" size="small" class="f-mode" style="margin-bottom: 12px">
            <el-radio-button value="outside">组织关系在系统外单位</el-radio-button>
            <el-radio-button value="member" @click="find('')">本系统内的党员</el-radio-button>
          </el-radio-group>
          <p class="form-hint" v-if="form.mode === 'member'">系统内的党员由其所在党组织（或上级）登记到居住地社区；下面只列出您管辖范围内的党员。</p>
          <template v-if="form.mode === 'member'">
            <el-form-item label="党员" :error="errs.member_id">
              <el-select v-model="form.member_id" filterable remote :remote-method="find" :loading="finding" placeholder="输入姓名或拼音首字母" class="f-report-member" style="width: 100%" popper-class="report-member-pop">
                <el-option v-for="m in members" :key="m.value" :label="m.label" :value="m.value"><span>{{ m.label }}</span><span class="option-sub">{{ m.sub }}</span></el-option>
              </el-select>
            </el-form-item>
          </template>
          <template v-else>
            <div class="letter-form-row">
              <el-form-item label="姓名" :error="errs.name"><el-input v-model="form.name" maxlength="30" class="f-name" /></el-form-item>
              <el-form-item label="性别" :error="errs.gender"><el-radio-group v-model="form.gender" class="f-gender"><el-radio value="M">男</el-radio><el-radio value="F">女</el-radio></el-radio-group></el-form-item>
            </div>
            <el-form-item label="手机号码" :error="errs.phone"><el-input v-model="form.phone" maxlength="20" inputmode="tel" class="f-phone" /></el-form-item>
            <el-form-item label="组织关系所在党组织（写全称）" :error="errs.unit_org_name"><el-input v-model="form.unit_org_name" maxlength="100" class="f-unit-org" placeholder="如：中共某某局机关委员会" /></el-form-item>
          </template>
          <div class="letter-form-row">
            <el-form-item label="工作单位" :error="errs.work_unit"><el-input v-model="form.work_unit" maxlength="100" class="f-work-unit" /></el-form-item>
            <el-form-item label="报到日期" :error="errs.reported_on"><el-date-picker v-model="form.reported_on" type="date" value-format="YYYY-MM-DD" class="f-reported-on" style="width: 100%" /></el-form-item>
          </div>
          <el-form-item label="特长" :error="errs.skills"><el-input v-model="form.skills" maxlength="200" class="f-skills" placeholder="如：法律咨询、水电维修" /></el-form-item>
          <el-form-item label="服务意向" :error="errs.wishes"><el-input v-model="form.wishes" maxlength="200" class="f-wishes" /></el-form-item>
          <form-actions label="登记" :busy="busy" @cancel="showCreate = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="showService" :title="target ? '登记服务：' + target.name : ''" width="min(460px, 94vw)" class="report-service-dialog">
        <el-form label-position="top" @submit.prevent="addService">
          <div class="letter-form-row">
            <el-form-item label="服务日期" :error="errs.served_on"><el-date-picker v-model="service.served_on" type="date" value-format="YYYY-MM-DD" class="f-served-on" style="width: 100%" /></el-form-item>
            <el-form-item label="时长（小时）" :error="errs.minutes"><el-input-number v-model="service.hours" :min="0.5" :max="24" :step="0.5" class="f-hours" style="width: 100%" /></el-form-item>
          </div>
          <el-form-item label="服务类别" :error="errs.kind"><el-select v-model="service.kind" class="f-kind" style="width: 100%"><el-option v-for="k in KINDS" :key="k[0]" :value="k[0]" :label="k[1]" /></el-select></el-form-item>
          <el-form-item label="服务内容" :error="errs.content"><el-input v-model="service.content" maxlength="200" class="f-content" /></el-form-item>
          <form-actions label="登记" :busy="busy" @cancel="showService = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="showReview" :title="target ? '年度评价：' + target.name : ''" width="min(460px, 94vw)" class="report-review-dialog">
        <p class="form-hint">由社区党组织研究后填写，反馈工作单位党组织。再次填写同一年度即更新。</p>
        <el-form label-position="top" @submit.prevent="saveReview">
          <div class="letter-form-row">
            <el-form-item label="年度" :error="errs.year"><el-input-number v-model="review.year" :min="2000" :max="2100" class="f-review-year" style="width: 100%" /></el-form-item>
            <el-form-item label="评价等次" :error="errs.grade"><el-select v-model="review.grade" class="f-grade" style="width: 100%"><el-option v-for="g in GRADES" :key="g[0]" :value="g[0]" :label="g[1]" /></el-select></el-form-item>
          </div>
          <el-form-item label="评价意见" :error="errs.comment"><el-input v-model="review.comment" type="textarea" :rows="3" maxlength="300" class="f-comment" /></el-form-item>
          <form-actions label="保存" :busy="busy" @cancel="showReview = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
