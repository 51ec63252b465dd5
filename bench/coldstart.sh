#!/bin/bash
# coldstart.sh: exec of `dangjian serve` to the first 200 from /api/health (median of 10).
source "$(dirname "$0")/lib.sh"
db=$(demo_db 3000)
printf "| cold start to first 200 /api/health | %.1f ms | goal ≤ 100 ms |\n" "$(node "$ROOT/bench/coldstart.js" "$BIN" "$db")"
