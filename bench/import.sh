#!/bin/bash
# import.sh: `dangjian import members` of a 100k-row roster (.xlsx) into a database with the
# demo street's org tree but none of these people, next to `sqlite3 .import` of the same rows
# as CSV into a plain table, timed in the same run. The roster is the demo's members read
# straight from the demo database (the export masks ID numbers, and an import needs real ones)
# and written as .xlsx by the tests' own writer (tests/api/lib/xlsx.js).
source "$(dirname "$0")/lib.sh"
n=${BENCH_MEMBERS:-100000}
runs=${BENCH_IMPORT_RUNS:-3}
db=$(demo_db "$n")
dir="$WORK/import"
mkdir -p "$dir"

# The roster: one row per member, with the labels a cadre's spreadsheet has (男/女, 正式党员).
# ID and phone numbers are stored sealed: the tests' own SM4 code opens them (harness.js).
roster_sql="SELECT p.name AS 姓名, CASE p.gender WHEN 'M' THEN '男' ELSE '女' END AS 性别,
  p.ethnicity AS 民族, p.birth_date AS 出生日期, p.id_number AS 身份证号, p.phone AS 手机号码,
  o.name AS 所在党组织,
  CASE m.status WHEN 'probationary' THEN '预备党员' WHEN 'full' THEN '正式党员'
    WHEN 'suspended' THEN '停止党籍' WHEN 'left' THEN '出党' ELSE '死亡' END AS 党员状态,
  CASE m.category WHEN 'community' THEN '组织关系在社区' WHEN 'mobile_out' THEN '外出流动'
    WHEN 'in_service' THEN '在职党员报到' WHEN 'retired' THEN '离退休' WHEN 'unemployed' THEN '下岗失业'
    WHEN 'new_org' THEN '两新组织' WHEN 'student' THEN '学生' ELSE '其他' END AS 人员类别, m.joined_on AS 入党日期, m.full_member_on AS 转正日期,
  p.education AS 学历, m.work_unit AS 工作单位, m.post AS 职务, p.address AS 家庭住址,
  p.hukou AS 户籍地,
  (SELECT group_concat(t.tag, ',') FROM member_tag t WHERE t.member_id = m.id) AS 标签
FROM member m JOIN person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id ORDER BY m.id"

if [ ! -f "$dir/roster-$n.xlsx" ] || [ "$db" -nt "$dir/roster-$n.xlsx" ]; then
    echo "writing the $n-row roster (csv and xlsx)..." >&2
    sqlite3 -json "$db" "$roster_sql" >"$dir/roster-$n.json"
    node -e '
        const fs = require("fs");
        const { buildXlsx } = require(process.argv[1]);
        const { unseal } = require(process.argv[2]);
        const rows = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
        const head = Object.keys(rows[0]);
        const out = [head];
        for (const r of rows) out.push(head.map((k) => (r[k] === null || r[k] === "" ? null : unseal(String(r[k])))));
        fs.writeFileSync(process.argv[4], buildXlsx(out, { sheetName: "党员名册" }));
        const csv = (v) => (v === null ? "" : /[",\n]/.test(v) ? `"${v.replace(/"/g, "\"\"")}"` : v);
        fs.writeFileSync(process.argv[5], out.map((r) => r.map(csv).join(",")).join("\n") + "\n");
    ' "$ROOT/tests/api/lib/xlsx.js" "$ROOT/tests/api/lib/harness.js" "$dir/roster-$n.json" "$dir/roster-$n.xlsx" "$dir/roster-$n.csv"
    rm -f "$dir/roster-$n.json"
fi

# The target: the demo database without its members (and without their persons, residents
# and posts), so every row creates a person and a member; the org tree is the same.
if [ ! -f "$dir/empty-$n.db" ] || [ "$db" -nt "$dir/empty-$n.db" ]; then
    echo "making the database without members..." >&2
    rm -f "$dir/empty-$n.db"
    sqlite3 "$db" ".backup '$dir/empty-$n.db'"
    sqlite3 "$dir/empty-$n.db" <<'SQL'
PRAGMA foreign_keys = ON;
CREATE TEMP TABLE gone AS SELECT person_id AS id FROM member;
DELETE FROM org_post;
DELETE FROM member_tag;
DELETE FROM member_event;
DELETE FROM member;
UPDATE user_account SET person_id = NULL WHERE person_id IN (SELECT id FROM gone);
DELETE FROM resident WHERE person_id IN (SELECT id FROM gone);
DELETE FROM person WHERE id IN (SELECT id FROM gone);
VACUUM;
SQL
fi

# secs OUT CMD...: wall seconds of one run of CMD (its output kept in $dir/OUT).
secs() {
    local out="$dir/$1" t0 t1
    shift
    t0=$(date +%s.%N)
    "$@" >"$out" 2>&1 || { echo "failed: $* : $(tail -5 "$out")" >&2; exit 1; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

sqlite_import() {
    rm -f "$dir/plain.db"
    sqlite3 "$dir/plain.db" ".import --csv '$dir/roster-$n.csv' roster"
}

dj_import() {
    rm -f "$dir/target.db" "$dir/target.db-wal" "$dir/target.db-shm"
    cp "$dir/empty-$n.db" "$dir/target.db"
    secs import.out "$BIN" import members --db "$dir/target.db" "$dir/roster-$n.xlsx"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

d=$(for _ in $(seq 1 "$runs"); do dj_import; echo; done | median)
got=$(sqlite3 "$dir/target.db" "SELECT count(*) FROM member")
[ "$got" = "$n" ] || { echo "import made $got members, not $n: $(tail -5 "$dir/import.out")" >&2; exit 1; }
s=$(for _ in $(seq 1 "$runs"); do secs sqlite.out sqlite_import; echo; done | median)
printf "| import %sk members (xlsx) | %s s | sqlite3 .import CSV %s s | %s× |\n" \
    "$((n / 1000))" "$d" "$s" "$(ratio "$d" "$s")"
