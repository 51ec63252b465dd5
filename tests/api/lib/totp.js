// totp.js: the code an authenticator app shows (RFC 6238: HMAC-SHA1 of the 30-second step, 6
// digits), computed with node's own crypto, so tests check the server against an independent
// implementation.
"use strict";
const crypto = require("node:crypto");

function unbase32(s) {
  const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, buf = 0;
  const out = [];
  for (const ch of s) {
    buf = ((buf << 5) | A.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) { out.push((buf >> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

// The code for base32 secret, `shift` steps from now.
function totpCode(secret, shift = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + shift;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac("sha1", unbase32(secret)).update(msg).digest();
  const off = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, "0");
}

module.exports = { totpCode };
