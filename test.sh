#!/usr/bin/env bash
# Runs every test of the solution, then prints one closing line "N passed, N failed, N skipped".
# Tests whose verdicts rest on the machine's run-to-run noise (trait Isolation=alone) run after the rest, on their own.
# Usage: ./test.sh [--no-build] | ./test.sh [dotnet test args, e.g. --filter-class 'LoadOps.Core.Tests.*'] (one run)
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
if [ "$#" -gt 0 ] && [ "$*" != "--no-build" ]; then
  dotnet test --solution LoadOps.sln --configuration Release "$@" 2>&1 | tee "$log" || status=$?
else
  dotnet test --solution LoadOps.sln --configuration Release "$@" --filter-not-trait "Isolation=alone" 2>&1 | tee "$log" || status=$?
  echo "== tests that run alone (Isolation=alone)"
  dotnet test --project tests/LoadOps.Cli.Tests --configuration Release --no-build --filter-trait "Isolation=alone" 2>&1 | tee -a "$log" || status=$?
fi

# -a: test output may hold bytes that make grep treat the log as binary. Each dotnet test run ends with its own totals.
sum() { grep -aE "^\s+$1: [0-9]+" "$log" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
echo "$(sum succeeded) passed, $(sum failed) failed, $(sum skipped) skipped"
exit "$status"
