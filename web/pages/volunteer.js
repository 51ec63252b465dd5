// volunteer.js: 志愿服务, the organizer's page, one component per tab from pages/volunteer/:
// 活动 (activities.js: the list, 发布活动, the roster with check-in and check-out on a phone),
// 时长审核 (hours.js: self-logged hours to approve or refuse), 公益岗位 (posts.js: the posts
// board, 设岗), 积分与表彰 (points.js: points by name, never ranked, and commendation
// candidates with their evidence) and 队伍 (teams.js). A member's own sign-ups and record are on 我的
// (components/my-volunteer.js).
import { isMobile } from "../lib/viewport.js";
import VolActivities from "./volunteer/activities.js";
import VolHours from "./volunteer/hours.js";
import VolPosts from "./volunteer/posts.js";
import VolPoints from "./volunteer/points.js";
import VolTeams from "./volunteer/teams.js";
const { ref } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/volunteer", title: "志愿服务", perm: "volunteer.read", menu: { group: "服务群众", icon: "Sunny", order: 8 } }];

export default {
  name: "VolunteerPage",
  components: { VolActivities, VolHours, VolPosts, VolPoints, VolTeams },
  setup() {
    const tab = ref("activities");
    return { tab, isMobile };
  },
  template: `
    <div class="page volunteer-page">
      <div class="page-head"><h1 class="page-title">志愿服务</h1></div>
      <p class="page-desc">发布活动、报名签到、核实服务时长，设置公益岗位（设岗定责）。签到由组织者登记，不强制打卡；积分只来自经核实的记录，不排名。</p>
      <el-card shadow="never">
        <el-tabs v-model="tab" :stretch="isMobile" class="volunteer-tabs">
          <el-tab-pane label="活动" name="activities"><vol-activities /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '审核' : '时长审核'" name="hours" lazy><vol-hours /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '岗位' : '公益岗位'" name="posts" lazy><vol-posts /></el-tab-pane>
          <el-tab-pane :label="isMobile ? '积分' : '积分与表彰'" name="points" lazy><vol-points /></el-tab-pane>
          <el-tab-pane label="队伍" name="teams" lazy><vol-teams /></el-tab-pane>
        </el-tabs>
      </el-card>
    </div>`,
};
