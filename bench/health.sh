#!/bin/bash
# health.sh: GET /api/health on dangjian next to nginx serving a static file with the same
# bytes, wrk -t2 -c64, in the same run. Prints one table row.
source "$(dirname "$0")/lib.sh"
db=$(demo_db 3000)
start_server "$db"
trap 'stop_server; stop_nginx 2>/dev/null || true' EXIT
curl -s "$SERVER_URL/api/health" >"$WORK/health.json"
start_nginx "$WORK/health.json"
read -r d_rps d_p50 d_p99 < <(run_wrk "$SERVER_URL/api/health")
read -r n_rps n_p50 n_p99 < <(run_wrk "$NGINX_URL/file")
printf "| GET /api/health (%s B) | %s | %s | %s | nginx %s req/s, p50 %s ms, p99 %s ms | %s× |\n" \
    "$(stat -c %s "$WORK/health.json")" "$d_rps" "$d_p50" "$d_p99" "$n_rps" "$n_p50" "$n_p99" \
    "$(ratio "$d_rps" "$n_rps")"
echo "| idle RSS after the run | $(rss_kb "$SERVER_PID") KiB | | | | |"
