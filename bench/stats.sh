#!/bin/bash
# stats.sh: the dashboard's subtree statistics (GET /api/orgs/{id}/stats) on a large demo
# database, for a street and for the whole district: median of 20 warm calls through the
# API next to the same SQL (bench/stats.sql) timed inside the sqlite3 CLI (.timer), median of 20.
source "$(dirname "$0")/lib.sh"
db=$(demo_db "${BENCH_STATS_MEMBERS:-1000000}")
start_server "$db"
trap 'stop_server' EXIT
cookie=$(login admin)

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

for level in street district; do
    if [ $level = street ]; then
        read -r id path < <(sqlite3 -separator ' ' "$db" "SELECT id, path FROM org WHERE type = 'street' ORDER BY id LIMIT 1")
    else
        read -r id path < <(sqlite3 -separator ' ' "$db" "SELECT id, path FROM org WHERE parent_id IS NULL")
    fi
    hi="${path%/}0"
    members=$(sqlite3 "$db" "SELECT count(*) FROM member WHERE org_path >= '$path' AND org_path < '$hi'")
    curl -s -o /dev/null -H "Cookie: $cookie" "$SERVER_URL/api/orgs/$id/stats"   # warm up
    api=$(for _ in $(seq 1 20); do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$SERVER_URL/api/orgs/$id/stats"
    done | awk '{ print $1 * 1000 }' | median)
    sed -e "s|:lo|$path|g" -e "s|:hi|$hi|g" -e "s|:since|$(date +%Y)-01-01|g" "$ROOT/bench/stats.sql" >"$WORK/stats-$level.sql"
    # One sqlite3 process runs the 7 statements 21 times with .timer on; the first round warms
    # the cache, and each later round's "Run Time: real" values are summed.
    { echo ".timer on"; for _ in $(seq 1 21); do cat "$WORK/stats-$level.sql"; done; } >"$WORK/stats-$level.run"
    raw=$(sqlite3 "$db" <"$WORK/stats-$level.run" 2>&1 | awk '/^Run Time: real/ { t += $4 * 1000; if (++n % 7 == 0) { if (n > 7) print t; t = 0 } }' | median)
    printf "| stats of the %s (%s members) | API p50 %.1f ms | sqlite3 CLI p50 %.1f ms | %s× |\n" \
        "$level" "$members" "$api" "$raw" "$(ratio "$api" "$raw")"
done
