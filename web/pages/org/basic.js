// basic.js: the 基本信息 tab of the org page: the org's fields, its parent (a link where the user
// may open it) and its direct sub-orgs. Display only; the page loads the org and the children.
import { fmtNumber } from "../../lib/format.js";
import { isMobile } from "../../lib/viewport.js";

const show = (v) => (v === null || v === undefined || v === "" ? "—" : v);

export default {
  name: "OrgBasic",
  props: { org: { type: Object, required: true }, parent: Object, kids: { type: Array, default: () => [] } },
  setup() {
    return { show, fmtNumber, isMobile };
  },
  template: `
    <div class="org-basic">
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
    </div>`,
};
