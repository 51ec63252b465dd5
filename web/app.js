// app.js: entry point of the web UI. Shows the server's health until the app shell arrives.
"use strict";
fetch("/api/health")
  .then((r) => r.json())
  .then((h) => {
    document.getElementById("health").textContent =
      `正常（版本 ${h.version}，数据库 ${h.db}，结构版本 ${h.schema_version}）`;
  })
  .catch(() => {
    document.getElementById("health").textContent = "无法连接服务器";
  });
