// roles.js: the roles a grant can carry, with their zh-CN names (the server's role_label).
export const ROLES = [
  { value: "admin", label: "平台管理员" },
  { value: "org_admin", label: "组织管理员" },
  { value: "branch_secretary", label: "支部书记" },
  { value: "branch_committee", label: "支部委员" },
  { value: "grid_worker", label: "网格员" },
  { value: "member", label: "党员" },
  { value: "resident", label: "居民" },
  { value: "unit_liaison", label: "共建单位联络人" },
];
