#!/bin/sh
# with-pg.sh: runs a command with a throwaway PostgreSQL cluster (tools/pg-cluster.sh) whose URL
# is in DANGJIAN_TEST_PG, and removes the cluster afterwards whatever the command's outcome.
# Usage: tools/with-pg.sh COMMAND [ARG...]
set -eu
dir=$(mktemp -d /tmp/dangjian-pg-XXXXXX)
trap 'tools/pg-cluster.sh stop "$dir"' EXIT INT TERM
DANGJIAN_TEST_PG=$(tools/pg-cluster.sh start "$dir")
export DANGJIAN_TEST_PG
"$@"
