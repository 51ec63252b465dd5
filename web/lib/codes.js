// codes.js: member status and category codes with their zh-CN labels (the server's
// MEMBER_STATUSES / MEMBER_CATEGORIES), for filters and forms.
export const STATUSES = [
  { value: "probationary", label: "预备党员" },
  { value: "full", label: "正式党员" },
  { value: "suspended", label: "停止党籍" },
  { value: "left", label: "出党" },
  { value: "deceased", label: "死亡" },
];
export const CATEGORIES = [
  { value: "community", label: "组织关系在社区" },
  { value: "mobile_out", label: "外出流动" },
  { value: "in_service", label: "在职党员报到" },
  { value: "retired", label: "离退休" },
  { value: "unemployed", label: "下岗失业" },
  { value: "new_org", label: "两新组织" },
  { value: "student", label: "学生" },
  { value: "other", label: "其他" },
];
export const EDUCATIONS = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下"];
export const GENDERS = [{ value: "M", label: "男" }, { value: "F", label: "女" }];
export const genderLabel = (g) => (g === "M" ? "男" : g === "F" ? "女" : "—");
