// authz/orglife_attach.js: authorization-matrix recipes for a meeting's attachments and sign-in
// link: upload (sent as JSON on purpose, so an allowed caller gets the one 400 on /file after
// the scope check), list, download and delete of a fixture attachment, the link, a new link and
// its QR code; a member's view of a link and their sign-in, with a token that does not exist
// (every caller gets the same 400, before who they are matters). The area reuses
// orglife.read/orglife.write, whose policy authz/orglife.js exports, so this file exports none.
"use strict";
module.exports = (fx) => ({
  "POST /api/meetings/{id}/attachments": (org) => ({ path: `/api/meetings/${fx.meeting(org)}/attachments`, body: {}, ok: 400 }),
  "GET /api/meetings/{id}/attachments": (org) => ({ path: `/api/meetings/${fx.meeting(org)}/attachments` }),
  "GET /api/meetings/{id}/attachments/{att}": (org) => {
    const a = fx.attachment(org);
    return { path: `/api/meetings/${a.meeting}/attachments/${a.id}`, secrets: ["矩阵附件"] };
  },
  "DELETE /api/meetings/{id}/attachments/{att}": (org) => {
    const a = fx.attachment(org);
    return { path: `/api/meetings/${a.meeting}/attachments/${a.id}`, secrets: ["矩阵附件"] };
  },
  "GET /api/meetings/{id}/signin": (org) => ({ path: `/api/meetings/${fx.meeting(org)}/signin` }),
  "POST /api/meetings/{id}/signin": (org) => ({ path: `/api/meetings/${fx.meeting(org)}/signin` }),
  "GET /api/meetings/{id}/signin-qr.svg": (org) => ({ path: `/api/meetings/${fx.attachment(org).meeting}/signin-qr.svg` }),
  "GET /api/me/signin": () => ({ path: "/api/me/signin?token=nosuchtoken", ok: 400 }),
  "POST /api/me/signin": () => ({ path: "/api/me/signin", body: { token: "nosuchtoken" }, ok: 400 }),
});
