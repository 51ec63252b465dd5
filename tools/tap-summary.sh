#!/bin/sh
# tap-summary.sh TIER: reads `node --test` output on stdin, passes it through, and prints
# "TIER: N passed, N failed". Exits non-zero when a test failed or none ran.
tier=$1
tmp=$(mktemp)
tee "$tmp"
pass=$(grep -E '^# pass [0-9]+' "$tmp" | tail -1 | awk '{print $3}')
fail=$(grep -E '^# fail [0-9]+' "$tmp" | tail -1 | awk '{print $3}')
rm -f "$tmp"
pass=${pass:-0}
fail=${fail:-0}
echo "# $tier: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
