#!/bin/sh
# checksrc.sh: project rules clang-format cannot see: banned libc calls, SQL outside
# *_store.c and src/db, http/ including anything but core/ and http/ headers, domain/ and io/
# including cli/ anywhere but an area's CLI adapter *_cli.c (the layers,
# docs/architecture.md), and source files without a header comment. Prints each finding.
cd "$(dirname "$0")/.."
status=0

banned=$(grep -nE '(^|[^a-zA-Z0-9_])(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|atoi|atol|gets|gmtime|localtime|ctime)[[:space:]]*\(' \
    $(find src -name '*.c' -o -name '*.h' | grep -v 'src/core/banned.h'))
if [ -n "$banned" ]; then
    echo "checksrc: banned calls (see src/core/banned.h):"
    echo "$banned"
    status=1
fi

sql=$(grep -nE '"[[:space:]]*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH RECURSIVE|CREATE TABLE)[[:space:]]' \
    $(find src -name '*.c' | grep -v '_store\.c$' | grep -v '^src/db/'))
if [ -n "$sql" ]; then
    echo "checksrc: SQL outside *_store.c and src/db:"
    echo "$sql"
    status=1
fi

upward=$(grep -nE '^#include "' src/http/*.c src/http/*.h | grep -vE '#include "(core|http)/')
if [ -n "$upward" ]; then
    echo "checksrc: src/http includes a layer above it (the guard and route lists come from src/app):"
    echo "$upward"
    status=1
fi

# An area's commands are an adapter like its routes: only its *_cli.c sees cli/ (its *_cli.h
# declares the command list without cli/ types, for the module row).
cli=$(grep -nE '^#include "cli/' $(find src/domain src/io -name '*.c' -o -name '*.h') /dev/null |
    grep -v '_cli\.c:')
if [ -n "$cli" ]; then
    echo "checksrc: domain/ or io/ includes cli/ outside a *_cli.c adapter:"
    echo "$cli"
    status=1
fi

for f in $(find src tests/unit tests/db -name '*.c' -o -name '*.h'); do
    if ! head -n 1 "$f" | grep -q '^/\*'; then
        echo "checksrc: $f: missing header comment (what the file does)"
        status=1
    fi
done
exit $status
