#!/bin/bash
# load.sh: the soak test of issue 15: 64 connections for LOAD_DURATION (60 s) of a cadre's mixed
# reads and writes (bench/load.lua: lists, searches, members, statistics, creates, changes) on a
# copy of the 100k-member demo street, answer cache on as deployed. Prints one table row:
# requests/s, how many answers were errors (non-2xx or socket errors; must be 0), p50 and p99,
# the server's RSS before and after, its peak, and the rows the writes added.
source "$(dirname "$0")/lib.sh"
src=$(demo_db "${BENCH_MEMBERS:-100000}")
db="$WORK/load.db"
cp "$src" "$db"
rm -f "$db-wal" "$db-shm"
trap 'stop_server' EXIT
start_server "$db"
org=$(sqlite3 "$db" "SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shequ'")
branch=$(sqlite3 "$db" "SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shuji'")
ids=$(sqlite3 "$db" "SELECT group_concat(m.id) FROM (SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
    WHERE o.path LIKE (SELECT path FROM org WHERE id = $org) || '%' LIMIT 500) m")
resp=$(curl -s -D "$WORK/login.h" -H 'Content-Type: application/json' \
    -d "{\"username\":\"shequ\",\"password\":\"$PASSWORD\"}" "$SERVER_URL/api/session")
cookie=$(sed -n 's/^Set-Cookie: \(dj_session=[^;]*\).*/\1/ip' "$WORK/login.h" | tr -d '\r')
csrf=$(echo "$resp" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
before_rows=$(sqlite3 "$db" "SELECT count(*) FROM member")
rss0=$(rss_kb "$SERVER_PID")
out=$(BENCH_COOKIE=$cookie BENCH_CSRF=$csrf BENCH_ORG=$org BENCH_BRANCH=$branch BENCH_IDS=$ids \
    wrk -t2 -c64 -d"${LOAD_DURATION:-60s}" --latency -s "$ROOT/bench/load.lua" "$SERVER_URL")
echo "$out" >>"$WORK/wrk.log"
rss1=$(rss_kb "$SERVER_PID")
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")
added=$(($(sqlite3 "$db" "SELECT count(*) FROM member") - before_rows))
echo "$out" | awk -v rss0="$rss0" -v rss1="$rss1" -v peak="$peak" -v added="$added" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /requests in/ { total = $1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad += $NF }
    /Socket errors/ { for (i = 3; i <= NF; i += 2) { v = $(i + 1); gsub(/,/, "", v); bad += v } }
    END { printf "| mixed load, 64 connections (%s requests, %d members created) | %.0f | %.3f | %.3f | errors %d; RSS %d → %d KiB, peak %d KiB | |\n", total, added, rps, p50, p99, bad, rss0, rss1, peak }'
