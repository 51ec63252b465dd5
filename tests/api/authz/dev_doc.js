// authz/dev_doc.js: authorization-matrix recipes for an applicant's documents (发展党员材料):
// upload (a body without the file's facts: the one validation error, after the scope check),
// list, download and delete of a fixture document, and the applicant's own list. The routes
// reuse dev.read and dev.write, whose policy is in authz/dev.js. (A file of its own, beside
// dev.js, so the two areas' work merges without touching one file.)
"use strict";
module.exports = (fx) => ({
  "POST /api/dev/applicants/{id}/documents": (org) => ({ path: `/api/dev/applicants/${fx.applicant(org)}/documents`, body: {}, ok: 400 }),
  "GET /api/dev/applicants/{id}/documents": (org) => ({ path: `/api/dev/applicants/${fx.applicant(org)}/documents` }),
  "GET /api/dev/applicants/{id}/documents/{doc}": (org) => {
    const d = fx.devDocument(org);
    return { path: `/api/dev/applicants/${d.applicant}/documents/${d.id}`, secrets: ["矩阵材料"] };
  },
  "DELETE /api/dev/applicants/{id}/documents/{doc}": (org) => {
    const d = fx.devDocument(org);
    return { path: `/api/dev/applicants/${d.applicant}/documents/${d.id}`, secrets: ["矩阵材料"] };
  },
  "GET /api/me/dev/documents": () => ({ path: "/api/me/dev/documents" }),
});
module.exports.policy = {};
