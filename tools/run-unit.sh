#!/bin/sh
# run-unit.sh: runs each unit-test binary, shows its TAP output, and prints one closing
# "unit: N passed, N failed" line summed over all suites. Exits non-zero on any failure.
passed=0
failed=0
status=0
for t in "$@"; do
    out=$("$t" 2>&1)
    rc=$?
    echo "$out"
    p=$(echo "$out" | grep -c '^ok ')
    f=$(echo "$out" | grep -c '^not ok ')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $t exited with status $rc"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    [ "$rc" -ne 0 ] && status=1
done
echo "# unit: $passed passed, $failed failed"
exit $status
