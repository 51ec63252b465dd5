// my-learning.js: the 学习 and 民主评议 part of 我的, one component so that me.js mounts it with
// one line: 我的学习 (components/my-study.js) and 我的民主评议 (components/my-evaluations.js).
import MyStudy from "./my-study.js";
import MyEvaluations from "./my-evaluations.js";

export default {
  name: "MyLearning",
  components: { MyStudy, MyEvaluations },
  template: `<my-study /><my-evaluations />`,
};
