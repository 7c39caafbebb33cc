#!/usr/bin/env bash
# The LoadOps demo, end to end on this machine: build, start the sample shop, validate the demo test, run a baseline
# series on "main", inject a latency regression into the shop, run the "pull request", and print the PR comment
# LoadOps would post. Exits 0 when the regression was caught. Everything it writes goes to demo-out/.
# Traffic goes only to 127.0.0.1; every run is 12 seconds of load and stops by itself.
set -euo pipefail
cd "$(dirname "$0")"

port="${DEMO_PORT:-5080}"
baseline_runs="${DEMO_BASELINE_RUNS:-5}"
out="$PWD/demo-out"
loadops="$PWD/cli/LoadOps.Cli/bin/Release/net10.0/loadops"
shop="$PWD/examples/SampleTarget/LoadOps.SampleTarget/bin/Release/net10.0/LoadOps.SampleTarget"
shop_pid=""

cleanup() { if [ -n "$shop_pid" ]; then kill "$shop_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build (Release)"
dotnet build cli/LoadOps.Cli -c Release --nologo -v quiet
dotnet build examples/SampleTarget/LoadOps.SampleTarget -c Release --nologo -v quiet

# A throwaway repository holding the demo test and its policy, so the demo's history never mixes with yours.
rm -rf "$out"
mkdir -p "$out/repo/loadtests" "$out/repo/.loadops"
cp examples/loadtests/demo.loadtest.yaml "$out/repo/loadtests/"
cp examples/.loadops/policy.yaml "$out/repo/.loadops/"
definition="$out/repo/loadtests/demo.loadtest.yaml"
sed -i "s#http://127.0.0.1:5080#http://127.0.0.1:$port#" "$definition"

step "start the sample shop on 127.0.0.1:$port (20 ms latency)"
"$shop" --urls "http://127.0.0.1:$port" --latency 20ms --jitter 4ms >"$out/shop.log" 2>&1 &
shop_pid=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$shop_pid" 2>/dev/null || { echo "the sample shop did not start:"; cat "$out/shop.log"; exit 1; }
  sleep 0.2
done

step "validate"
"$loadops" validate "$out/repo/loadtests"

run() { # run NAME BRANCH [extra args...]; prints the run's table; returns loadops' exit code
  local name=$1 branch=$2; shift 2
  "$loadops" run "$definition" --target "http://127.0.0.1:$port" --branch "$branch" --commit "$name" \
    --history "$out/history" --out "$out/runs/$name" "$@"
}

step "baseline: $baseline_runs runs on main"
for i in $(seq 1 "$baseline_runs"); do
  code=0
  run "main-$i" main || code=$?
  # Early runs are inconclusive (exit 3) until the history holds enough runs; anything else is a real failure.
  if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then echo "baseline run $i failed with exit code $code"; exit 1; fi
done

step "inject a regression: the shop gets 15 ms slower"
curl -fs -X POST "http://127.0.0.1:$port/admin/faults" -H 'Content-Type: application/json' -d '{"latencyMs": 35}' >/dev/null

step "pull request run on feature/slow-cart"
code=0
run pr feature/slow-cart --no-history || code=$?

step "the PR comment LoadOps would post"
cat "$out/runs/pr/report.md"
printf '\nHTML report: %s\nAll files: %s\n' "$out/runs/pr/report.html" "$out/runs/pr"

if [ "$code" -ne 1 ]; then
  echo "demo: expected the pull request run to fail with exit code 1, got $code."
  exit 1
fi
echo "demo: the regression was caught (loadops run exited 1, as a release gate would)."

step "the same test through the pipeline: Azurite, loadops serve (local runners), loadops gate"
curl -fs -X POST "http://127.0.0.1:$port/admin/faults" -H 'Content-Type: application/json' -d '{"latencyMs": 20}' >/dev/null
bash "$PWD/demo-pipeline.sh" "$out" "$loadops" "$definition"
