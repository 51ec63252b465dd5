// my-demands.js: 我的诉求, for a 居民 on a phone: submit a demand of their own (placed by the
// server on their household's grid; phone optional, given with their consent by submitting),
// follow each of theirs with its timeline, and answer the 回访 of one that is 已办结 (满意 /
// 基本满意 / 不满意 with a reason), add photos to one not yet 已结案; the messages about them (受理, 办结 and 请评价) on top
// (components/my-messages.js). Free text is shown as text.
import { api } from "../lib/api.js";
import { fmtDateTime } from "../lib/format.js";
import { fieldErrors, submitForm } from "../lib/forms.js";
import MyMessages from "../components/my-messages.js";
const { ref, reactive, onMounted } = Vue;

export const routes = [{ path: "/my/demands", title: "我的诉求", perm: "session", roles: ["resident"],
                         menu: { group: "服务群众", icon: "ChatLineRound", order: 5 } }];

export default {
  name: "MyDemandsPage",
  components: { MyMessages },
  setup() {
    const items = ref([]);
    const cats = ref([]);
    const loading = ref(false);
    const form = reactive({ category: "", description: "", reporter_phone: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    const visit = reactive({ id: 0, answer: "satisfied", note: "" });
    const vErrs = fieldErrors();
    async function load() {
      loading.value = true;
      try { items.value = (await api("GET", "/api/me/demands?size=50")).items; } catch (e) { ElementPlus.ElMessage.error(e.message); }
      loading.value = false;
    }
    onMounted(async () => {
      load();
      try { cats.value = (await api("GET", "/api/demands/categories")).items.filter((c) => c.enabled); } catch { cats.value = []; }
    });
    async function submit() {
      const ok = await submitForm({ busy, errs, fields: ["category", "description", "reporter_phone"] }, async () => {
        const r = await api("POST", "/api/me/demands", { category: form.category, description: form.description,
                                                          reporter_phone: form.reporter_phone || undefined });
        ElementPlus.ElMessage.success(`已提交，编号 ${r.number}`);
      });
      if (ok) {
        Object.assign(form, { category: "", description: "", reporter_phone: "" });
        load();
      }
    }
    async function answer() {
      const ok = await submitForm({ busy, errs: vErrs, fields: ["answer", "note"] }, async () => {
        await api("POST", `/api/me/demands/${visit.id}/visit`, { answer: visit.answer, note: visit.note || undefined });
        ElementPlus.ElMessage.success("感谢您的评价");
      });
      if (ok) {
        visit.id = 0;
        load();
      }
    }
    // A photo of one's own demand, until it is 已结案 (the server strips its location data).
    const uploading = ref(0);
    async function addPhoto(d, ev) {
      const file = ev.target.files && ev.target.files[0];
      ev.target.value = "";
      if (!file) return;
      const body = new FormData();
      body.append("file", file, file.name);
      uploading.value = d.id;
      try {
        d.photos = (await api("POST", `/api/me/demands/${d.id}/photos`, body)).photos;
        ElementPlus.ElMessage.success("照片已上传（已去除拍摄位置等信息）");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        uploading.value = 0;
      }
    }
    const tagType = (d) => ({ open: "warning", fixed: "success", closed: "info" }[d.status_class] || "info");
    return { items, cats, loading, form, errs, busy, submit, visit, vErrs, answer, tagType, fmtDateTime, uploading, addPhoto };
  },
  template: `
    <div class="page my-demands-page">
      <div class="page-head"><h1 class="page-title">我的诉求</h1></div>
      <my-messages :links="false" />
      <el-card shadow="never">
        <template #header>反映问题</template>
        <el-form label-position="top" class="demand-form" @submit.prevent="submit">
          <el-form-item label="类别" required :error="errs.category">
            <el-select v-model="form.category" placeholder="请选择类别" class="w-full">
              <el-option v-for="c in cats" :key="c.code" :label="c.name" :value="c.code" />
            </el-select>
          </el-form-item>
          <el-form-item label="问题描述" required :error="errs.description">
            <el-input v-model="form.description" type="textarea" :rows="4" maxlength="2000" show-word-limit name="description" />
          </el-form-item>
          <el-form-item label="联系电话（可不填，便于回访）" :error="errs.reporter_phone">
            <el-input v-model="form.reporter_phone" maxlength="24" inputmode="tel" name="reporter_phone" />
          </el-form-item>
          <p class="form-hint">提交即表示您同意社区为办理和回访使用您的姓名和电话。诉求按您登记的住址转给所在网格。</p>
          <div class="form-actions-row"><el-button type="primary" native-type="submit" :loading="busy">提交</el-button></div>
        </el-form>
      </el-card>
      <el-card shadow="never" class="stats-card" v-loading="loading">
        <template #header>我提交的诉求</template>
        <el-empty v-if="!loading && !items.length" description="还没有诉求" :image-size="80" />
        <div v-for="d in items" :key="d.id" class="list-card my-demand">
          <div class="list-card-title">{{ d.category_name }} <el-tag :type="tagType(d)" size="small">{{ d.status_label }}</el-tag></div>
          <p class="demand-text">{{ d.description }}</p>
          <div class="form-hint">{{ d.number }} · {{ fmtDateTime(d.created_at) }}<span v-if="d.photos && d.photos.length"> · 照片 {{ d.photos.length }} 张</span></div>
          <label v-if="d.status !== 'closed'" class="el-button el-button--small my-photo-add" :class="{ 'is-disabled': uploading === d.id }">
            {{ uploading === d.id ? '正在上传…' : '补充照片' }}
            <input type="file" accept="image/jpeg,image/png" class="photo-input" :disabled="uploading === d.id" @change="addPhoto(d, $event)" />
          </label>
          <el-timeline class="demand-timeline">
            <el-timeline-item v-for="e in d.events" :key="e.id" :timestamp="fmtDateTime(e.at)" placement="top">
              {{ e.action_label }} → {{ e.to_label }}<div v-if="e.note" class="timeline-note">{{ e.note }}</div>
            </el-timeline-item>
          </el-timeline>
          <div v-if="d.status === 'resolved'">
            <el-button v-if="visit.id !== d.id" type="success" @click="Object.assign(visit, { id: d.id, answer: 'satisfied', note: '' })">评价办理结果</el-button>
            <el-form v-else label-position="top" @submit.prevent="answer">
              <el-form-item label="您对办理结果" :error="vErrs.answer">
                <el-radio-group v-model="visit.answer">
                  <el-radio label="satisfied">满意</el-radio><el-radio label="basically">基本满意</el-radio><el-radio label="unsatisfied">不满意</el-radio>
                </el-radio-group>
              </el-form-item>
              <el-form-item label="意见" :required="visit.answer === 'unsatisfied'" :error="vErrs.note">
                <el-input v-model="visit.note" type="textarea" :rows="2" maxlength="1000" />
              </el-form-item>
              <div class="form-actions-row"><el-button @click="visit.id = 0">取消</el-button><el-button type="primary" native-type="submit" :loading="busy">提交评价</el-button></div>
            </el-form>
          </div>
        </div>
      </el-card>
    </div>`,
};
