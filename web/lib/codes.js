// codes.js: the code tables the web shows that the server has no table for in /api/meta
// (gender, education); every other code and label comes from meta.js.
export const EDUCATIONS = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下"];
export const GENDERS = [{ value: "M", label: "男" }, { value: "F", label: "女" }];
export const genderLabel = (g) => (g === "M" ? "男" : g === "F" ? "女" : "—");
