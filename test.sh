#!/usr/bin/env bash
# Runs every test of the solution, then prints one closing line "N passed, N failed, N skipped".
# Usage: ./test.sh [extra dotnet test args, e.g. --filter-class 'LoadOps.Core.Tests.*']
set -euo pipefail
cd "$(dirname "$0")"

# The integration tests start Azurite from node_modules; install it once on a fresh machine.
if [ ! -x node_modules/.bin/azurite ]; then
  echo "== npm ci (Azurite for the integration tests)"
  npm ci --no-audit --no-fund
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test --solution LoadOps.sln --configuration Release "$@" 2>&1 | tee "$log" || status=$?

# -a: test output may hold bytes that make grep treat the log as binary.
passed=$(grep -aE '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -aE '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -aE '^\s+skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
