// member-import.js: the import wizard: 1 choose an .xlsx/.csv file (template download) → 2
// dry run: the server checks every row and lists per-row errors → 3 confirm (optionally
// skipping invalid rows; the preview's error file can be downloaded) → 4 progress: the import
// runs as a background job (?async=1) polled at /api/import-jobs/{id} for rows done/total →
// 5 result with counts and the error file to download.
import { api, download, withQuery } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { fmtNumber } from "../lib/format.js";
import { isMobile } from "../lib/viewport.js";
const { ref, computed } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/members/import", title: "导入党员", perm: "members.write" }];

export default {
  name: "MemberImportPage",
  setup() {
    const step = ref(0);
    const file = ref(null);
    const preview = ref(null);
    const result = ref(null);
    const busy = ref(false);
    const skipInvalid = ref(false);
    const progress = ref({ done: 0, total: 0 });
    const percent = computed(() => {
      const p = progress.value;
      return p.total > 0 ? Math.min(100, Math.floor((p.done * 100) / p.total)) : 0;
    });
    function pick(uploadFile) {
      file.value = uploadFile.raw;
      preview.value = null;
      return false;
    }
    // The check answers in the request; the import itself runs as a job (async=1) whose
    // rows done/total are polled until it ends. A large file may become a job either way.
    async function send(dryRun) {
      const fd = new FormData();
      fd.append("file", file.value, file.value.name);
      let r = await api("POST", withQuery("/api/members/import", { org: scope.orgId, dry_run: dryRun, skip_invalid: skipInvalid.value, async: dryRun ? "" : 1 }), fd);
      progress.value = { done: 0, total: 0 };
      const id = r.job_id;
      while (id && r.state === "running") {
        await new Promise((ok) => setTimeout(ok, 500));
        r = await api("GET", `/api/import-jobs/${id}`);
        progress.value = { done: r.done || 0, total: r.total || 0 };
      }
      if (r.state === "failed") throw new Error(r.message || "导入失败");
      return r;
    }
    async function check() {
      if (!file.value) {
        ElementPlus.ElMessage.warning("请先选择要导入的文件");
        return;
      }
      busy.value = true;
      try {
        const r = await send(true);
        // A dry run that became a job answers with the job's fields (total, errors).
        preview.value = { ...r, rows: r.rows ?? r.total, errors_total: r.errors_total ?? (r.errors || []).length };
        step.value = 1;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        busy.value = false;
      }
    }
    async function confirm() {
      busy.value = true;
      step.value = 2;
      try {
        result.value = await send(false);
        step.value = 3;
      } catch (e) {
        step.value = 1;
        ElementPlus.ElMessage.error(e.message);
      } finally {
        busy.value = false;
      }
    }
    function restart() {
      file.value = null;
      preview.value = null;
      result.value = null;
      step.value = 0;
    }
    const canImport = computed(() => preview.value && preview.value.accepted > 0 && (preview.value.rejected === 0 || skipInvalid.value));
    const template = () => download("/api/members/import-template", "党员导入模板.xlsx").catch((e) => ElementPlus.ElMessage.error(e.message));
    const errorFile = (r) => download(r.error_file, "导入错误清单.xlsx").catch((e) => ElementPlus.ElMessage.error(e.message));
    return { step, file, preview, result, busy, skipInvalid, progress, percent, pick, check, confirm, restart, canImport, template, errorFile, fmtNumber, isMobile, navigate };
  },
  template: `
    <div class="page import-page">
      <div class="page-head">
        <div>
          <app-link to="/members" class="back-link"><el-icon><ArrowLeft /></el-icon> 党员</app-link>
          <h1 class="page-title">导入党员</h1>
        </div>
      </div>
      <el-card shadow="never">
        <el-steps :active="step" finish-status="success" align-center class="import-steps" :simple="isMobile">
          <el-step title="选择文件" /><el-step title="检查" /><el-step title="导入" /><el-step title="完成" />
        </el-steps>
        <div v-if="step === 0" class="import-body">
          <p>请使用导入模板填写，每行一名党员。已登记的身份证号会更新原有信息（姓名须一致）。支持 .xlsx 和 .csv 文件。</p>
          <el-alert type="info" :closable="false" show-icon class="import-move-hint" title="导入不改变党员的所在党组织">
            本辖区内调整：在党员详情中点“编辑”，改“所在党组织”，变更记入党员的历史。从辖区外转入：请该党员所在党组织或共同上级党组织的管理员在党员详情中调整。组织关系转接（转出、接收、回执）的办理功能尚在建设中。
          </el-alert>
          <el-button icon="Download" @click="template">下载导入模板</el-button>
          <el-upload class="import-upload" drag :auto-upload="false" :show-file-list="false" accept=".xlsx,.csv" :on-change="pick">
            <el-icon class="el-icon--upload"><UploadFilled /></el-icon>
            <div class="el-upload__text" v-if="!file">将文件拖到此处，或<em>点击选择</em></div>
            <div class="el-upload__text" v-else>已选择：<b class="import-file">{{ file.name }}</b>（点击更换）</div>
          </el-upload>
          <div class="form-actions"><el-button type="primary" :loading="busy" :disabled="!file" @click="check">下一步：检查</el-button></div>
        </div>
        <div v-else-if="step === 1 && preview" class="import-body">
          <el-alert :type="preview.rejected ? 'warning' : 'success'" show-icon :closable="false"
            :title="'检查完成：共 ' + fmtNumber(preview.rows) + ' 行，' + fmtNumber(preview.accepted) + ' 行可以导入，' + fmtNumber(preview.rejected) + ' 行有错误'" class="import-summary" />
          <template v-if="preview.errors && preview.errors.length">
            <div class="import-errors-head">
              <h3 class="section-title">错误明细（共 {{ fmtNumber(preview.errors_total) }} 处；请修改文件后重新上传，或跳过这些行）</h3>
              <el-button v-if="preview.error_file" icon="Download" size="small" class="preview-error-file" @click="errorFile(preview)">下载错误清单</el-button>
            </div>
            <el-table :data="preview.errors" size="small" max-height="360" class="import-errors">
              <el-table-column prop="row" label="行号" width="70" />
              <el-table-column prop="column" label="列" width="120" />
              <el-table-column prop="message" label="问题" min-width="240" />
            </el-table>
            <el-checkbox v-model="skipInvalid" class="skip-invalid">跳过有错误的行，只导入正确的 {{ fmtNumber(preview.accepted) }} 行</el-checkbox>
          </template>
          <template v-if="preview.updated_rows && preview.updated_rows.length">
            <h3 class="section-title">将更新已登记的党员（共 {{ fmtNumber(preview.updated_rows_total) }} 人<template v-if="preview.unchanged">；另有 {{ fmtNumber(preview.unchanged) }} 人信息无变化</template>）</h3>
            <el-table :data="preview.updated_rows" size="small" max-height="240" class="import-updates">
              <el-table-column prop="row" label="行号" width="70" />
              <el-table-column prop="name" label="姓名" width="110" />
              <el-table-column label="将更新的项目" min-width="200"><template #default="{ row }">{{ row.fields.join('、') }}</template></el-table-column>
            </el-table>
          </template>
          <div class="form-actions">
            <el-button @click="restart">重新选择文件</el-button>
            <el-button type="primary" :disabled="!canImport" :loading="busy" @click="confirm">确认导入</el-button>
          </div>
        </div>
        <div v-else-if="step === 2" class="import-body import-progress">
          <el-progress :percentage="percent" :stroke-width="18" text-inside class="import-bar" :status="percent >= 100 ? 'success' : ''" />
          <p class="import-count" v-if="progress.total">已处理 {{ fmtNumber(progress.done) }} / {{ fmtNumber(progress.total) }} 行</p>
          <p class="import-count" v-else>正在读取文件…</p>
          <p>正在导入，请不要关闭页面…</p>
        </div>
        <div v-else-if="step === 3 && result" class="import-body">
          <el-result icon="success" title="导入完成" :sub-title="'成功导入 ' + fmtNumber(result.accepted) + ' 行（新增 ' + fmtNumber(result.created) + '，更新 ' + fmtNumber(result.updated - (result.unchanged || 0)) + (result.unchanged ? '，无变化 ' + fmtNumber(result.unchanged) : '') + '）' + (result.rejected ? '，跳过 ' + fmtNumber(result.rejected) + ' 行' : '')">
            <template #extra>
              <el-button v-if="result.error_file" icon="Download" @click="errorFile(result)">下载错误行</el-button>
              <el-button type="primary" @click="navigate('/members')">查看党员列表</el-button>
            </template>
          </el-result>
        </div>
      </el-card>
    </div>`,
};
