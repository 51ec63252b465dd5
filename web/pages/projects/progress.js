// progress.js: 民生实事 → 项目进展: the scope's projects (GET /api/projects) with the progress bar
// (computed from milestone weights, never typed); one project opened shows its milestones
// (添加节点, 完成), photos (上传照片: metadata stripped by the server), supervision notes, residents' evaluation summaries (no breakdown under 3
// responses) and 问责 records (登记, 办结), and the chain back to its needs and demands.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { fmtYuan } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, watch, onMounted } = Vue;

const SAT = { satisfied: "满意", basically: "基本满意", unsatisfied: "不满意" };

export default {
  name: "ProjProgress",
  components: { DataList, FormActions },
  setup() {
    const items = ref([]);
    const loading = ref(false);
    const cur = ref(null);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/projects", { org: scope.orgId })));
      if (r) items.value = r.items;
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const photos = ref([]);
    async function openProject(p) {
      try {
        cur.value = await api("GET", `/api/projects/${p.id}/chain`);
        photos.value = (await api("GET", `/api/projects/${p.id}`)).photos;
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
    }
    const fileInput = ref(null);
    function pick() { fileInput.value.value = ""; fileInput.value.click(); }
    async function upload(ev) {
      const f = ev.target.files[0];
      if (!f || !cur.value) return;
      const form = new FormData();
      form.append("file", f, f.name);
      try {
        await api("POST", `/api/projects/${cur.value.project.id}/photos`, form);
        ElementPlus.ElMessage.success("照片已上传（已去除拍摄位置等信息）");
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      refresh();
    }
    async function refresh() { if (cur.value) await openProject(cur.value.project); load(); }
    const ms = reactive({ open: false, title: "", planned_on: "", weight: 1 });
    const merrs = fieldErrors();
    const busy = ref(false);
    async function addMilestone() {
      const ok = await submitForm({ busy, errs: merrs, fields: ["title", "planned_on", "weight"] }, async () => {
        await api("POST", `/api/projects/${cur.value.project.id}/milestones`, { title: ms.title, planned_on: ms.planned_on, weight: ms.weight });
      });
      if (ok) { Object.assign(ms, { open: false, title: "", planned_on: "", weight: 1 }); refresh(); }
    }
    async function done(m) {
      try { await api("POST", `/api/projects/${cur.value.project.id}/milestones/${m.id}/done`, { done_on: m.done_on ? null : todayCN() }); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      refresh();
    }
    async function ask(title, label) {
      try { return (await ElementPlus.ElMessageBox.prompt(label, title, { inputType: "textarea", inputPattern: /\S\S/, inputErrorMessage: "至少两个字" })).value; } catch { return null; }
    }
    async function note() {
      const text = await ask("监督意见", "代表或干部的监督意见");
      if (text === null) return;
      try { await api("POST", `/api/projects/${cur.value.project.id}/notes`, { content: text }); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      refresh();
    }
    const acc = reactive({ open: false, failure: "", responsible: "", deadline: "" });
    const aerrs = fieldErrors();
    async function addAccount() {
      const ok = await submitForm({ busy, errs: aerrs, fields: ["failure", "responsible", "deadline"] }, async () => {
        await api("POST", `/api/projects/${cur.value.project.id}/accountability`, { failure: acc.failure, responsible: acc.responsible, deadline: acc.deadline });
      });
      if (ok) { Object.assign(acc, { open: false, failure: "", responsible: "", deadline: "" }); refresh(); }
    }
    async function closeAccount(x) {
      const text = await ask("问责办结", "整改结果");
      if (text === null) return;
      try { await api("POST", `/api/projects/${cur.value.project.id}/accountability/${x.id}/close`, { outcome: text, closed_on: todayCN() }); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      refresh();
    }
    const columns = [{ key: "title", label: "项目", min: 170 }, { key: "year", label: "年度", width: 70 }, { key: "progress", label: "进度", min: 160 },
                     { key: "status_label", label: "状态", width: 90 }, { key: "body", label: "责任单位", min: 120 }, { key: "ops", label: "", width: 90, phone: "actions" }];
    return { items, loading, cur, photos, fileInput, pick, upload, columns, openProject, ms, merrs, busy, addMilestone, done, note, acc, aerrs, addAccount, closeAccount, can, scope, isMobile, fmtYuan, SAT };
  },
  template: `
    <div class="proj-progress">
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="还没有立项的民生实事">
        <template #progress="{ row }"><el-progress :percentage="row.progress" :stroke-width="10" class="proj-bar" /></template>
        <template #ops="{ row }"><el-button size="small" type="primary" class="project-open" @click="openProject(row)">详情</el-button></template>
      </data-list>
      <el-drawer :model-value="!!cur" @update:model-value="(v) => { if (!v) cur = null }" :size="isMobile ? '100%' : '640px'" :title="cur ? cur.project.title : ''">
        <template v-if="cur">
          <el-progress :percentage="cur.project.progress" :stroke-width="14" class="proj-bar-big" />
          <p class="form-hint">{{ cur.project.org_name }} · {{ cur.project.year }} 年度 · {{ fmtYuan(cur.project.cost_fen) }} 元 · {{ cur.project.body }} · {{ cur.project.status_label }}</p>
          <div class="sub-title">项目节点（进度 = 已完成节点权重 ÷ 全部权重）</div>
          <div v-for="m in cur.project.milestones" :key="m.id" class="proj-ms">
            <el-icon :class="m.done_on ? 'ms-done' : 'ms-todo'"><component :is="m.done_on ? 'CircleCheck' : 'Clock'" /></el-icon>
            <span class="ms-title">{{ m.title }}</span><span class="muted">计划 {{ m.planned_on }} · 权重 {{ m.weight }}<template v-if="m.done_on"> · 完成 {{ m.done_on }}</template></span>
            <el-button v-if="can('projects.write')" size="small" link type="primary" class="ms-toggle" @click="done(m)">{{ m.done_on ? '撤销' : '完成' }}</el-button>
          </div>
          <el-button v-if="can('projects.write')" size="small" class="ms-add" @click="ms.open = true">添加节点</el-button>
          <div class="sub-title">现场照片</div>
          <div class="photo-grid">
            <img v-for="ph in photos" :key="ph.id" class="photo-thumb" :src="'/api/projects/' + cur.project.id + '/photos/' + ph.id" :alt="ph.file_name" />
          </div>
          <input ref="fileInput" type="file" accept="image/jpeg,image/png" class="photo-input" @change="upload" />
          <el-button v-if="can('projects.write')" size="small" class="photo-add" @click="pick">上传照片</el-button>
          <div class="sub-title">监督意见</div>
          <div v-for="n in cur.notes" :key="n.id" class="proj-note-text">{{ n.content }}<span class="muted"> — {{ n.author || '代表' }}</span></div>
          <el-button v-if="can('projects.write')" size="small" @click="note">记录监督意见</el-button>
          <div class="sub-title">居民年度评议</div>
          <div v-if="!cur.evaluations.length" class="muted">尚无评议</div>
          <div v-for="e in cur.evaluations" :key="e.year" class="proj-eval">
            {{ e.year }} 年：{{ e.responses }} 份
            <template v-if="e.published">· 满意 {{ e.satisfaction.satisfied }} · 基本满意 {{ e.satisfaction.basically }} · 不满意 {{ e.satisfaction.unsatisfied }}
              · 质量 {{ e.mean.quality.toFixed(2) }} · 进度 {{ e.mean.timeliness.toFixed(2) }} · 受益 {{ e.mean.benefit.toFixed(2) }}</template>
            <template v-else>（不足 3 份，不公布分项）</template>
          </div>
          <div class="sub-title">问责记录</div>
          <div v-for="x in cur.accountability" :key="x.id" class="proj-account">
            <div>{{ x.failure }}</div>
            <div class="muted">责任：{{ x.responsible }} · 整改期限 {{ x.deadline }}<template v-if="x.closed_on"> · {{ x.closed_on }} 办结</template></div>
            <div v-if="x.outcome">结果：{{ x.outcome }}</div>
            <el-button v-else-if="can('projects.write')" size="small" @click="closeAccount(x)">办结</el-button>
          </div>
          <el-button v-if="can('projects.write')" size="small" class="account-add" @click="acc.open = true">登记问责</el-button>
          <div class="sub-title">全链条</div>
          <div class="proj-chain">
            <div>建议：{{ cur.proposal.title }}（{{ fmtYuan(cur.proposal.cost_fen) }} 元）</div>
            <div v-for="n in cur.needs" :key="n.id">需求：{{ n.title }}（{{ n.source_label }}）<template v-if="n.merged.length">，合并 {{ n.merged.length }} 条</template></div>
            <div v-for="d in cur.demands" :key="d.id + '-' + d.need_id">诉求：{{ d.number }} {{ d.category }}</div>
            <div>清单：{{ cur.selection.year }} 年度 · {{ cur.selection.status_label }} · 异议 {{ cur.selection.answered_count }}/{{ cur.selection.objection_count }} 已答复</div>
          </div>
        </template>
      </el-drawer>
      <el-dialog v-model="ms.open" title="添加节点" :fullscreen="isMobile" width="440px" append-to-body>
        <el-form label-position="top" @submit.prevent="addMilestone">
          <el-form-item label="节点" :error="merrs.title"><el-input v-model="ms.title" maxlength="100" /></el-form-item>
          <el-form-item label="计划日期" :error="merrs.planned_on"><el-date-picker v-model="ms.planned_on" type="date" value-format="YYYY-MM-DD" /></el-form-item>
          <el-form-item label="权重（1–100）" :error="merrs.weight"><el-input-number v-model="ms.weight" :min="1" :max="100" /></el-form-item>
          <form-actions label="添加" :busy="busy" @cancel="ms.open = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="acc.open" title="登记问责" :fullscreen="isMobile" width="480px" append-to-body>
        <el-form label-position="top" @submit.prevent="addAccount">
          <el-form-item label="存在问题" :error="aerrs.failure"><el-input v-model="acc.failure" type="textarea" :rows="3" maxlength="2000" /></el-form-item>
          <el-form-item label="责任单位或责任人" :error="aerrs.responsible"><el-input v-model="acc.responsible" maxlength="200" /></el-form-item>
          <el-form-item label="整改期限" :error="aerrs.deadline"><el-date-picker v-model="acc.deadline" type="date" value-format="YYYY-MM-DD" /></el-form-item>
          <form-actions label="登记" :busy="busy" @cancel="acc.open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
