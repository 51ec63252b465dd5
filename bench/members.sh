#!/bin/bash
# members.sh: the member list a cadre opens most — authenticated
# GET /api/members?org=<community>&page=1&size=20 on a 100k-member street — next to nginx
# serving a static file with the same response bytes; wrk -t2 -c64. Also the server's RSS.
source "$(dirname "$0")/lib.sh"
db=$(demo_db "${BENCH_MEMBERS:-100000}")
start_server "$db"
trap 'stop_server; stop_nginx 2>/dev/null || true' EXIT
cookie=$(login shequ)
org=$(sqlite3 "$db" "SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shequ'")
url="$SERVER_URL/api/members?org=$org&page=1&size=20"
curl -s -H "Cookie: $cookie" "$url" >"$WORK/members.json"
grep -q '"items"' "$WORK/members.json" || { echo "member list failed: $(head -c 300 "$WORK/members.json")" >&2; exit 1; }
start_nginx "$WORK/members.json"
read -r d_rps d_p50 d_p99 < <(run_wrk "$url" "$cookie")
rss=$(rss_kb "$SERVER_PID")
read -r n_rps n_p50 n_p99 < <(run_wrk "$NGINX_URL/file")
printf "| GET /api/members?org=社区&size=20 (%s B, %s members) | %s | %s | %s | nginx %s req/s, p50 %s ms, p99 %s ms | %s× |\n" \
    "$(stat -c %s "$WORK/members.json")" "${BENCH_MEMBERS:-100000}" "$d_rps" "$d_p50" "$d_p99" \
    "$n_rps" "$n_p50" "$n_p99" "$(ratio "$d_rps" "$n_rps")"
echo "| server RSS under that load | $rss KiB | | | | |"
