// authz/notify.js: authorization-matrix recipes for the notify area (see authz.test.js): the
// caller's own messages and marking them all read (session routes: no org, no permission of
// its own).
"use strict";
module.exports = () => ({
  "GET /api/me/notifications": () => ({ path: "/api/me/notifications" }),
  "POST /api/me/notifications/read": () => ({ path: "/api/me/notifications/read", body: {} }),
});
