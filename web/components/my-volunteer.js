// my-volunteer.js: 我的志愿服务 on 我的, phone first (GET /api/me/volunteer): activities open to
// me with 报名 (full: 候补) or 取消报名, public-welfare posts to claim, my year's service record
// (verified and pending hours), logging an hour of my own for a post I hold (the organizer
// approves it), and the printable certificate once one is issued. Shown only to a member or
// resident; free text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { navigate } from "../lib/router.js";
const { ref, reactive, onMounted } = Vue;

export default {
  name: "MyVolunteer",
  setup() {
    const data = ref(null);
    const busy = ref(false);
    const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
    async function load() {
      try { data.value = await api("GET", withQuery("/api/me/volunteer", { year })); } catch (e) { data.value = null; }
    }
    onMounted(load);
    async function run(work, done) {
      busy.value = true;
      try { const r = await work(); ElementPlus.ElMessage.success(done(r)); await load(); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      busy.value = false;
    }
    const signUp = (a) => run(() => api("POST", `/api/volunteer/activities/${a.id}/signups`, {}), (r) => (r.status === "waitlist" ? "名额已满，已列入候补，有人取消时自动递补" : "报名成功"));
    const cancel = (a) => run(() => api("POST", `/api/volunteer/signups/${a.my_signup_id}/actions`, { action: "cancel" }), () => "已取消报名");
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const claim = (p) => run(() => api("POST", `/api/volunteer/posts/${p.id}/claims`, { from_on: today > p.starts_on ? today : p.starts_on, to_on: p.ends_on }), () => "已认领");
    const log = reactive({ post_id: null, start: "", end: "", note: "" });
    const logHours = () => run(() => api("POST", "/api/volunteer/hours", { post_id: log.post_id, start: log.start, end: log.end, note: log.note || undefined }),
                               () => { Object.assign(log, { start: "", end: "", note: "" }); return "已登记，待组织者核实"; });
    const hours = (m) => (m / 60).toFixed(1);
    const held = (d) => d.record.claims.filter((c) => c.to_on >= today);
    const printCert = () => navigate(`/volunteer/certificate/me/${year}`);
    // The latest records first; eight unless all are asked for (a phone screen stays short).
    const all = ref(false);
    const recent = (d) => { const h = [...d.record.hours].reverse(); return all.value ? h : h.slice(0, 8); };
    return { data, busy, year, signUp, cancel, claim, log, logHours, hours, held, printCert, all, recent };
  },
  template: `
    <el-card v-if="data && data.person" shadow="never" class="my-volunteer">
      <template #header><span>我的志愿服务</span></template>
      <div class="my-vol-sum">{{ year }}年经核实服务 <b>{{ hours(data.record.verified_minutes) }}</b> 小时<template v-if="data.record.pending_minutes">，待核实 {{ hours(data.record.pending_minutes) }} 小时</template>
        <el-button v-if="data.record.certificate" size="small" icon="Printer" class="my-vol-cert" @click="printCert">服务证明</el-button>
      </div>
      <h4 class="vol-subhead">可报名的活动</h4>
      <div v-for="a in data.activities" :key="a.id" class="my-vol-activity">
        <div class="my-vol-title">{{ a.title }}</div>
        <div class="form-hint">{{ a.starts_at }} – {{ a.ends_at.slice(11) }} · {{ a.place }} · 已报 {{ a.taken }}/{{ a.capacity }}<template v-if="a.skills"> · {{ a.skills }}</template></div>
        <div class="my-vol-ops">
          <el-tag v-if="a.my_status && a.my_status !== 'cancelled'" size="small" :type="a.my_status === 'waitlist' ? 'warning' : 'success'">{{ a.my_status_label }}</el-tag>
          <el-button v-if="!a.my_status || a.my_status === 'cancelled'" size="small" type="primary" class="my-vol-signup" :loading="busy" @click="signUp(a)">{{ a.taken >= a.capacity ? '候补报名' : '报名' }}</el-button>
          <el-button v-else-if="['signed', 'waitlist', 'confirmed'].includes(a.my_status)" size="small" class="my-vol-cancel" :loading="busy" @click="cancel(a)">取消报名</el-button>
        </div>
      </div>
      <el-empty v-if="!data.activities.length" description="近期没有可报名的活动" :image-size="50" />
      <h4 class="vol-subhead">公益岗位</h4>
      <div v-for="p in data.posts" :key="p.id" class="my-vol-activity">
        <div class="my-vol-title">{{ p.name }} <el-tag size="small" type="info">{{ p.kind_label }}</el-tag></div>
        <div class="form-hint">{{ p.duties }}（{{ p.starts_on }} 至 {{ p.ends_on }}）</div>
        <div class="my-vol-ops"><span v-if="p.holder" class="form-hint">认领人：{{ p.holder }}</span><el-button v-else size="small" :loading="busy" class="my-vol-claim" @click="claim(p)">认领</el-button></div>
      </div>
      <template v-if="held(data).length">
        <h4 class="vol-subhead">登记岗位服务时长</h4>
        <el-form label-position="top" class="my-vol-log" @submit.prevent="logHours">
          <el-form-item label="岗位"><el-select v-model="log.post_id" style="width: 100%"><el-option v-for="c in held(data)" :key="c.id" :label="c.post_name" :value="c.post_id" /></el-select></el-form-item>
          <el-form-item label="开始"><el-date-picker v-model="log.start" type="datetime" value-format="YYYY-MM-DD HH:mm" format="YYYY-MM-DD HH:mm" style="width: 100%" /></el-form-item>
          <el-form-item label="结束"><el-date-picker v-model="log.end" type="datetime" value-format="YYYY-MM-DD HH:mm" format="YYYY-MM-DD HH:mm" style="width: 100%" /></el-form-item>
          <el-form-item label="服务内容"><el-input v-model="log.note" maxlength="200" /></el-form-item>
          <el-button type="primary" native-type="submit" :loading="busy" :disabled="!log.post_id">登记</el-button>
        </el-form>
      </template>
      <h4 class="vol-subhead">本年服务记录</h4>
      <div v-for="h in recent(data)" :key="h.id" class="my-vol-hour">
        <span>{{ h.start.slice(0, 10) }} {{ h.what }}</span>
        <span>{{ hours(h.minutes) }} 小时 <el-tag size="small" :type="h.status === 'verified' ? 'success' : h.status === 'pending' ? 'warning' : 'info'">{{ h.status_label }}</el-tag></span>
      </div>
      <el-button v-if="!all && data.record.hours.length > 8" text type="primary" class="my-vol-all" @click="all = true">查看全部 {{ data.record.hours.length }} 条</el-button>
      <el-empty v-if="!data.record.hours.length" description="本年还没有服务记录" :image-size="50" />
    </el-card>`,
};
