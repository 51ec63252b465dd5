// demand-new.js: 登记诉求, the intake form a 网格员 or cadre fills in on a resident's behalf
// (入户走访 with 背包服务, phone, 来访), made for a 360 px phone: one column, large controls.
// Location is a grid (and building) of the caller's scope, or a free address with its
// community. The resident's name and phone are optional and need the resident's consent
// recorded (勾选 and how it was given). Errors show under their fields; on success the page
// opens the new demand.
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { options } from "../lib/meta.js";
import { fieldErrors, submitForm } from "../lib/forms.js";
import { isMobile } from "../lib/viewport.js";
const { reactive, ref, computed, onMounted, watch } = Vue;

export const routes = [{ path: "/demands/new", title: "登记诉求", perm: "demands.intake" }];

const FIELDS = ["category", "description", "grid_id", "building_id", "org_id", "address", "channel", "reporter_name",
                "reporter_phone", "consent", "consent_note", "no_publish"];

export default {
  name: "DemandNewPage",
  setup() {
    const form = reactive({ category: "", description: "", where: "grid", grid_id: null, building_id: null, org_id: null, address: "",
                            channel: "visit", reporter_name: "", reporter_phone: "", consent: false, consent_note: "", no_publish: false });
    const errs = fieldErrors();
    const busy = ref(false);
    const cats = ref([]);
    const grids = ref([]);
    const CHANNELS = options("demand_channel").filter((c) => c.value !== "web");
    const contact = computed(() => form.reporter_name.trim() || form.reporter_phone.trim());
    const communities = computed(() => {
      const m = new Map();
      for (const g of grids.value) m.set(g.org_id, g.org_name);
      return [...m].map(([id, name]) => ({ id, name }));
    });
    const sla = computed(() => {
      const c = cats.value.find((x) => x.code === form.category);
      return c && c.sla_hours ? c.sla_hours : null;
    });
    async function loadGrids() {
      if (!scope.orgId || !can("grids.read")) return;
      try { grids.value = (await api("GET", withQuery("/api/grids", { org: scope.orgId }))).items; } catch { grids.value = []; }
      if (grids.value.length === 1) form.grid_id = grids.value[0].id;
    }
    onMounted(async () => {
      try { cats.value = (await api("GET", "/api/demands/categories")).items.filter((c) => c.enabled); } catch { cats.value = []; }
      loadGrids();
    });
    watch(() => scope.orgId, loadGrids);
    async function submit() {
      const body = { category: form.category, description: form.description, channel: form.channel, no_publish: form.no_publish };
      if (form.where === "grid") body.grid_id = form.grid_id || undefined;
      else Object.assign(body, { address: form.address, org_id: form.org_id || undefined });
      if (contact.value || form.consent) Object.assign(body, { reporter_name: form.reporter_name, reporter_phone: form.reporter_phone,
                                                               consent: form.consent, consent_note: form.consent_note });
      await submitForm({ busy, errs, fields: FIELDS }, async () => {
        const r = await api("POST", "/api/demands", body);
        ElementPlus.ElMessage.success(`已登记，编号 ${r.number}`);
        navigate(`/demands/${r.id}`);
      });
    }
    return { form, errs, busy, cats, grids, communities, CHANNELS, contact, sla, submit, isMobile, navigate };
  },
  template: `
    <div class="page demand-new-page">
      <div class="page-head"><h1 class="page-title">登记诉求</h1></div>
      <p class="page-desc">代居民登记诉求。记录居民姓名、电话须征得本人同意。</p>
      <el-card shadow="never">
        <el-form :model="form" label-position="top" class="demand-form" @submit.prevent="submit">
          <el-form-item label="诉求类别" required :error="errs.category">
            <el-select v-model="form.category" placeholder="请选择类别" class="w-full" name="category">
              <el-option v-for="c in cats" :key="c.code" :label="c.name" :value="c.code" />
            </el-select>
            <div v-if="sla" class="form-hint">办结时限 {{ sla }} 小时（规则 DEM-SLA）</div>
          </el-form-item>
          <el-form-item label="诉求内容" required :error="errs.description">
            <el-input v-model="form.description" type="textarea" :rows="4" maxlength="2000" show-word-limit name="description"
                      placeholder="居民反映的问题、地点和诉求" />
          </el-form-item>
          <el-form-item label="位置">
            <el-radio-group v-model="form.where">
              <el-radio-button label="grid">网格</el-radio-button>
              <el-radio-button label="address">填写地址</el-radio-button>
            </el-radio-group>
          </el-form-item>
          <el-form-item v-if="form.where === 'grid'" label="网格" required :error="errs.grid_id">
            <el-select v-model="form.grid_id" placeholder="请选择网格" filterable class="w-full" name="grid_id">
              <el-option v-for="g in grids" :key="g.id" :label="g.org_name + ' ' + g.name" :value="g.id" />
            </el-select>
          </el-form-item>
          <template v-else>
            <el-form-item label="所在社区" required :error="errs.org_id">
              <el-select v-model="form.org_id" placeholder="请选择社区" class="w-full" name="org_id">
                <el-option v-for="c in communities" :key="c.id" :label="c.name" :value="c.id" />
              </el-select>
            </el-form-item>
            <el-form-item label="诉求地址" required :error="errs.address">
              <el-input v-model="form.address" maxlength="200" name="address" placeholder="例如：青枫路6号东门" />
            </el-form-item>
          </template>
          <el-form-item label="登记方式" :error="errs.channel">
            <el-radio-group v-model="form.channel">
              <el-radio v-for="c in CHANNELS" :key="c.value" :label="c.value">{{ c.label }}</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="诉求人姓名（可不填）" :error="errs.reporter_name">
            <el-input v-model="form.reporter_name" maxlength="40" name="reporter_name" />
          </el-form-item>
          <el-form-item label="联系电话（可不填）" :error="errs.reporter_phone">
            <el-input v-model="form.reporter_phone" maxlength="24" inputmode="tel" name="reporter_phone" />
          </el-form-item>
          <el-form-item v-if="contact || form.consent" :error="errs.consent">
            <el-checkbox v-model="form.consent" name="consent" @change="delete errs.consent">居民本人同意记录姓名和电话，仅用于办理和回访</el-checkbox>
          </el-form-item>
          <el-form-item v-if="form.consent" label="如何表示同意" :error="errs.consent_note">
            <el-input v-model="form.consent_note" maxlength="100" name="consent_note" placeholder="例如：当面口头同意" />
          </el-form-item>
          <el-form-item :error="errs.no_publish">
            <el-checkbox v-model="form.no_publish">不公开（不在公开栏展示）</el-checkbox>
          </el-form-item>
          <div class="form-actions-row">
            <el-button @click="navigate('/demands')">取消</el-button>
            <el-button type="primary" native-type="submit" :loading="busy">登记</el-button>
          </div>
        </el-form>
      </el-card>
    </div>`,
};
