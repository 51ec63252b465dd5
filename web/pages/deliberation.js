// deliberation.js: 议事协商, the organizer's page, one component per tab from pages/deliberation/:
// 议事机构 (bodies.js: the bodies of the scope, a body's roster with the composition rules'
// warnings, adding and ending seats, calling a meeting) and 会议与表决 (meeting.js: presence
// marked on site, opening and closing the meeting, ballots set up, opened and closed, results
// with tallies and the line-by-line explanation, a printable 会议纪要 sheet). Representatives
// vote on 议事表决 (my-ballots.js), one screen on a phone.
import { isMobile } from "../lib/viewport.js";
import DelibBodies from "./deliberation/bodies.js";
import DelibMeeting from "./deliberation/meeting.js";
const { ref } = Vue;

export const routes = [{ path: "/deliberation", title: "议事协商", perm: "deliberation.read", menu: { group: "服务群众", icon: "Connection", order: 9.5 } }];

export default {
  name: "DeliberationPage",
  components: { DelibBodies, DelibMeeting },
  setup() {
    const tab = ref("bodies");
    const meetingId = ref(null);
    const openMeeting = (id) => { meetingId.value = id; tab.value = "meeting"; };
    return { tab, meetingId, openMeeting, isMobile };
  },
  template: `
    <div class="page deliberation-page">
      <div class="page-head"><h1 class="page-title">议事协商</h1></div>
      <p class="page-desc">社区议事会、街道协商议事会的代表名册，议事会议的到会登记与表决（赞成票、评分、排序，可按预算选定项目）。代表构成和法定人数按议事规则检查。</p>
      <el-card shadow="never">
        <el-tabs v-model="tab" :stretch="isMobile">
          <el-tab-pane label="议事机构" name="bodies"><delib-bodies @meeting="openMeeting" /></el-tab-pane>
          <el-tab-pane label="会议与表决" name="meeting"><delib-meeting :meeting-id="meetingId" /></el-tab-pane>
        </el-tabs>
      </el-card>
    </div>`,
};
