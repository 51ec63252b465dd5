#!/bin/bash
# search.sh: single-request latency of the member list and its searches on a 100k-member
# database, as a cadre meets them after a change (cache off, cache.max_bytes=0): median of 20
# sequential requests each, for a community and for the whole district. No reference: these
# are the numbers the roster issue asks for; the throughput ratio is members.sh.
source "$(dirname "$0")/lib.sh"
db=$(demo_db "${BENCH_MEMBERS:-100000}")
trap 'stop_server' EXIT
DANGJIAN_CACHE_MAX_BYTES=0 start_server "$db"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
cookie=$(login admin)
comm=$(sqlite3 "$db" "SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shequ'")
root=$(sqlite3 "$db" "SELECT id FROM org WHERE parent_id IS NULL")
# A three-character name, a two-character name and a name's pinyin initials of members of
# the community.
pick() { sqlite3 "$db" "SELECT $1 FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id IN (SELECT id FROM org WHERE path LIKE (SELECT path FROM org WHERE id = $comm) || '%') AND length(p.name) = $2 ORDER BY m.id LIMIT 1 OFFSET 5"; }
name3=$(pick p.name 3)
name2=$(pick p.name 2)
ini=$(pick p.name_initials 3)
enc() { node -e 'console.log(encodeURIComponent(process.argv[1]))' "$1"; }
for scope in community district; do
    if [ $scope = community ]; then org=$comm; else org=$root; fi
    for q in "" "$name3" "$name2" "$ini"; do
        url="$SERVER_URL/api/members?org=$org&size=20${q:+&q=$(enc "$q")}"
        total=$(curl -s -H "Cookie: $cookie" "$url" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
        ms=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$url"; done | awk '{ print $1 * 1000 }' | median)
        printf "| %s list%s | %s matches | p50 %.1f ms |\n" "$scope" "${q:+, q=$q}" "$total" "$ms"
    done
done
