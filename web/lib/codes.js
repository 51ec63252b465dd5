// codes.js: the code table the web shows that the server has no table for in /api/meta
// (gender); every other code and label (学历: member_education) comes from meta.js.
export const GENDERS = [{ value: "M", label: "男" }, { value: "F", label: "女" }];
export const genderLabel = (g) => (g === "M" ? "男" : g === "F" ? "女" : "—");
