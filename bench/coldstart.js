// coldstart.js: time from exec of `dangjian serve` to the first 200 from /api/health, the
// median of 10 starts on an existing database. Usage: node coldstart.js BIN DB
"use strict";
const { spawn } = require("node:child_process");
const http = require("node:http");
const [bin, db] = process.argv.slice(2);

function once(port) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const proc = spawn(bin, ["serve", "--db", db, "--port", String(port)], { stdio: "ignore", env: { ...process.env, DANGJIAN_LOG_LEVEL: "off" } });
    const poll = () => {
      const req = http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false }, (res) => {
        res.resume();
        if (res.statusCode === 200) {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          proc.on("exit", () => resolve(ms));
          proc.kill("SIGTERM");
        } else setImmediate(poll);
      });
      req.on("error", () => setTimeout(poll, 1));
    };
    poll();
  });
}

(async () => {
  const times = [];
  for (let i = 0; i < 10; i++) times.push(await once(20000 + Math.floor(Math.random() * 20000)));
  times.sort((a, b) => a - b);
  console.log((times[4] + times[5]) / 2);
})();
