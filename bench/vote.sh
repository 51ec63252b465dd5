#!/bin/bash
# vote.sh: the vote peak (issue 21): N representatives (BENCH_VOTERS, 2,000) of a street's
# consultation assembly log in and vote on one secret approval ballot over loopback with
# bounded concurrency (bench/vote.js), on SQLite and on PostgreSQL (a throwaway cluster,
# tools/pg-cluster.sh). Setup is not timed: a demo street, the roster and the accounts are
# written in bulk with SQL (one account per representative, the demo password's argon2id hash).
# Logins (argon2id, 64 MiB, one per core at a time) and votes are timed separately; the run
# fails unless the tally equals the accepted papers and every second paper was refused. The
# reference, measured in the same run on SQLite: the sqlite3 CLI running the statements one
# vote runs (its reads and writes, one transaction per vote) for N votes in one process.
# Prints markdown table rows for docs/benchmarks.md.
source "$(dirname "$0")/lib.sh"
N=${BENCH_VOTERS:-2000}
party=$(((N / 2) + 1 + N / 20)) residents=$((N - party))
pgdir=""
# shellcheck disable=SC2034 # stop_server (lib.sh) in the trap may run before any server
SERVER_PID=""
trap 'stop_server; [ -n "$pgdir" ] && "$ROOT/tools/pg-cluster.sh" stop "$pgdir"' EXIT

# setup_sql: the body of the street's consultation assembly, its roster (Party members, then
# residents who are not members, none with an account yet) and an account per representative.
setup_sql() {
    cat <<SQL
INSERT INTO delib_body (tenant_id, org_id, kind, name, created_at) SELECT tenant_id, id, 'street_assembly', '街道协商议事会（压测）', 0 FROM org WHERE type = 'street' ORDER BY id LIMIT 1;
INSERT INTO delib_seat (body_id, person_id, role, joined_on) SELECT (SELECT MAX(id) FROM delib_body), person_id, 'party_rep', '2020-01-01' FROM (SELECT m.person_id FROM member m WHERE m.status = 'full' AND NOT EXISTS (SELECT 1 FROM user_account u WHERE u.person_id = m.person_id) ORDER BY m.id LIMIT $party) x;
INSERT INTO delib_seat (body_id, person_id, role, joined_on) SELECT (SELECT MAX(id) FROM delib_body), person_id, 'resident_rep', '2020-01-01' FROM (SELECT r.person_id FROM resident r WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = r.person_id) AND NOT EXISTS (SELECT 1 FROM user_account u WHERE u.person_id = r.person_id) ORDER BY r.person_id LIMIT $residents) x;
INSERT INTO user_account (username, display_name, password_hash, person_id, must_change_password, created_at, updated_at) SELECT 'v' || s.person_id, 'v' || s.person_id, (SELECT password_hash FROM user_account WHERE username = 'admin'), s.person_id, 0, 0, 0 FROM delib_seat s WHERE s.body_id = (SELECT MAX(id) FROM delib_body);
INSERT INTO user_grant (user_id, role, org_id, created_at) SELECT u.id, 'resident', b.org_id, 0 FROM user_account u JOIN delib_seat s ON s.person_id = u.person_id JOIN delib_body b ON b.id = s.body_id WHERE b.id = (SELECT MAX(id) FROM delib_body) AND u.username = 'v' || s.person_id;
SQL
}

# run DRIVER TARGET QUERY-CMD...: sets up, serves, drives; prints the JSON line of vote.js.
run() {
    local target=$1
    shift
    setup_sql | "$@" >/dev/null
    local body persons
    body=$("$@" <<<"SELECT MAX(id) FROM delib_body;" | tr -d ' ')
    persons=$("$@" <<<"SELECT person_id FROM delib_seat WHERE body_id = $body ORDER BY person_id;" | tr -d ' ' | paste -sd, -)
    [ "$(echo "$persons" | tr ',' '\n' | wc -l)" -eq "$N" ] || { echo "vote.sh: the demo street has too few people for $N representatives" >&2; exit 1; }
    start_server "$target"
    BODY_ID=$body node "$ROOT/bench/vote.js" "$SERVER_URL" "$PASSWORD" "$persons"
    stop_server
}

row() { # row DRIVER JSON
    node -e '
const [d, j] = process.argv.slice(1); const r = JSON.parse(j);
console.log(`| ${d}: ${r.voters} representatives, secret approval ballot (2 of 5) | logins ${r.login.wall_s} s (${r.login.concurrency} at a time; p50 ${r.login.p50_ms} ms, p99 ${r.login.p99_ms} ms) | votes ${r.vote.wall_s} s (${r.vote.concurrency} at a time, ${r.vote.per_s}/s; p50 ${r.vote.p50_ms} ms, p99 ${r.vote.p99_ms} ms, max ${r.vote.max_ms} ms) | accepted ${r.accepted}, tally ${r.tally.join("+")} = papers, ${r.dup409} second papers 409, quorum ${r.quorum_met} | ${r.ok ? "ok" : "FAILED"} |`);' "$1" "$2"
}

db="$WORK/vote.db"
rm -f "$db" "$db-wal" "$db-shm"
"$BIN" demo --db "$db" --members "${BENCH_VOTE_MEMBERS:-3000}" --password "$PASSWORD" >/dev/null
sq() { sqlite3 -batch "$db"; }
sqlite_json=$(run "$db" sq)
echo "| vote peak | logins | votes | checks | |"
echo "|---|---|---|---|---|"
row SQLite "$sqlite_json"

# The reference on SQLite: one sqlite3 process running, per vote, the reads the service makes
# (the ballot with its meeting, body and org; the voter's seat; the options) and its
# writes (voter row, voter count, two option counters, presence), one transaction per vote.
ballot=$(echo "$sqlite_json" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).ballot))')
sqlite3 "$db" "INSERT INTO delib_poll (meeting_id, title, method, max_choices, max_score, winners, secret, status, created_at) SELECT meeting_id, '参照', method, max_choices, max_score, winners, 1, 'open', 0 FROM delib_poll WHERE id = $ballot; INSERT INTO delib_option (ballot_id, pos, title) SELECT (SELECT MAX(id) FROM delib_poll), pos, title FROM delib_option WHERE ballot_id = $ballot;"
ref=$(sqlite3 "$db" "SELECT MAX(id) FROM delib_poll")
read -r o1 o2 < <(sqlite3 -separator ' ' "$db" "SELECT MIN(id), MAX(id) FROM delib_option WHERE ballot_id = $ref")
sqlite3 "$db" "SELECT person_id FROM delib_seat WHERE body_id = (SELECT MAX(id) FROM delib_body)" | awk -v b="$ref" -v o1="$o1" -v o2="$o2" '
BEGIN { print "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;" }
{
  print "BEGIN IMMEDIATE;"
  print "SELECT v.id, g.body_id, b.org_id, o.path, v.status, g.held_on FROM delib_poll v JOIN delib_meeting g ON g.id = v.meeting_id JOIN delib_body b ON b.id = g.body_id JOIN org o ON o.id = b.org_id WHERE v.id = " b ";"
  print "SELECT s.id FROM delib_seat s WHERE s.body_id = (SELECT MAX(id) FROM delib_body) AND s.person_id = " $1 " AND s.joined_on <= date() AND (s.left_on IS NULL OR s.left_on > date());"
  print "SELECT id, pos, title, approvals FROM delib_option WHERE ballot_id = " b " ORDER BY pos;"
  print "INSERT INTO delib_voter (ballot_id, person_id, voted_at) VALUES (" b ", " $1 ", 0);"
  print "UPDATE delib_poll SET voters = voters + 1 WHERE id = " b ";"
  print "UPDATE delib_option SET approvals = approvals + 1 WHERE id = " o1 ";"
  print "UPDATE delib_option SET approvals = approvals + 1 WHERE id = " o2 ";"
  print "INSERT INTO delib_presence (meeting_id, person_id, how) SELECT meeting_id, " $1 ", '"'"'online'"'"' FROM delib_poll WHERE id = " b " ON CONFLICT (meeting_id, person_id) DO NOTHING;"
  print "COMMIT;"
}' >"$WORK/vote-ref.sql"
t0=$(date +%s.%N)
sqlite3 "$db" <"$WORK/vote-ref.sql" >/dev/null
t1=$(date +%s.%N)
got=$(sqlite3 "$db" "SELECT voters FROM delib_poll WHERE id = $ref")
awk -v a="$t0" -v b="$t1" -v n="$N" -v got="$got" 'BEGIN { printf "| reference: sqlite3 CLI, the same statements per vote, one process, serial | | %d votes %.2f s (%.2f ms per vote) | voters %d | |\n", n, b - a, (b - a) * 1000 / n, got }'

# PostgreSQL: the same run on a throwaway cluster.
pgdir=$(mktemp -d /tmp/djvote.XXXXXX)
PG_URL=$("$ROOT/tools/pg-cluster.sh" start "$pgdir")
url="${PG_URL/\/postgres\?//vote?}"
psql -q "$PG_URL" -c "CREATE DATABASE vote" >/dev/null
"$BIN" demo --db-url "$url" --members "${BENCH_VOTE_MEMBERS:-3000}" --password "$PASSWORD" >/dev/null
psql -q "$url" -c "VACUUM ANALYZE" >/dev/null
pq() { psql -q -At -v ON_ERROR_STOP=1 "$url"; }
row PostgreSQL "$(run "$url" pq)"
