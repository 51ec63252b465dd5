#!/bin/sh
# lint.sh: clang-format in check mode, tools/checksrc.sh, cppcheck. Prints one closing line.
cd "$(dirname "$0")/.."
failed=0
files=$(find src tests/unit tests/db -name '*.c' -o -name '*.h' | sort)
if ! clang-format --dry-run --Werror $files; then
    echo "lint: clang-format differences (run: clang-format -i <file>)"
    failed=$((failed + 1))
fi
tools/checksrc.sh || failed=$((failed + 1))
if ! cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
    --enable=warning,portability --suppress=missingIncludeSystem -D__CPPCHECK__ -Isrc src; then
    failed=$((failed + 1))
fi
echo "# lint: $((3 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
