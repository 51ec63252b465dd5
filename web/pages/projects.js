// projects.js: 民生实事, the cadres' page (问需 → 问计 → 问效 → 问责), one component per tab from
// pages/projects/: 需求池 (needs.js: needs from demands, surveys, meetings, units, residents;
// merging duplicates), 项目建议 (proposals.js: cost, responsible body, the needs behind it,
// feasibility review, retire), 实事清单与公示 (selections.js: the year's list within the budget,
// 公示, objections and answers, adoption) and 项目进展 (progress.js: milestones, the computed
// progress bar, supervision notes, 问责 records, the chain). Residents evaluate on
// project-evaluate.js; the public list without login is public-projects.js.
import { isMobile } from "../lib/viewport.js";
import ProjNeeds from "./projects/needs.js";
import ProjProposals from "./projects/proposals.js";
import ProjSelections from "./projects/selections.js";
import ProjProgress from "./projects/progress.js";
const { ref } = Vue;

export const routes = [{ path: "/projects", title: "民生实事", perm: "projects.read", menu: { group: "服务群众", icon: "Flag", order: 9 } }];

export default {
  name: "ProjectsPage",
  components: { ProjNeeds, ProjProposals, ProjSelections, ProjProgress },
  setup() {
    const tab = ref("needs");
    return { tab, isMobile };
  },
  template: `
    <div class="page projects-page">
      <div class="page-head"><h1 class="page-title">民生实事</h1></div>
      <p class="page-desc">问需于民、问计于民、问效于民、问责于民：需求汇集成建议，经可行性审查和议事协商确定年度清单，公示期满、异议均已答复后立项；进度按节点权重自动计算，居民年度评议，问题留痕问责。</p>
      <el-card shadow="never">
        <el-tabs v-model="tab" :stretch="isMobile" class="projects-tabs">
          <el-tab-pane :label="isMobile ? '需求' : '需求池'" name="needs"><proj-needs /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '建议' : '项目建议'" name="proposals" lazy><proj-proposals /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '清单' : '实事清单与公示'" name="selections" lazy><proj-selections /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '进展' : '项目进展'" name="progress" lazy><proj-progress /></el-tab-pane>
        </el-tabs>
      </el-card>
    </div>`,
};
