#!/usr/bin/env bash
# Screenshot of the history page made from real runs against the sample shop: four runs on main, the shop made 15 ms
# slower, four more runs (a change point), the first slow run accepted as the new baseline; then
# `loadops report --history` renders the page and headless Chromium takes docs/images/history-page.png.
# Traffic goes only to 127.0.0.1; each run is 6 seconds of load from one runner (on a busy machine a second runner
# starting late makes runs untrustworthy: then the page shows them grey and finds no change point).
# Installs nothing; needs the Debian package chromium.
#
# Usage: tests/browser/screenshot-history.sh   (writes into out/history-shots/ and docs/images/)
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${SHOT_PORT:-5081}"
out="$PWD/out/history-shots"
loadops="$PWD/cli/LoadOps.Cli/bin/Release/net10.0/loadops"
shop="$PWD/examples/SampleTarget/LoadOps.SampleTarget/bin/Release/net10.0/LoadOps.SampleTarget"
shop_pid=""
cleanup() { [ -n "$shop_pid" ] && kill "$shop_pid" 2>/dev/null || true; }
trap cleanup EXIT

command -v chromium >/dev/null 2>&1 || { echo "install the Debian package chromium first (apt-get install -y chromium)" >&2; exit 2; }
dotnet build cli/LoadOps.Cli -c Release --nologo -v quiet
dotnet build examples/SampleTarget/LoadOps.SampleTarget -c Release --nologo -v quiet

rm -rf "$out"
mkdir -p "$out/repo/loadtests" "$out/repo/.loadops" docs/images
cp examples/loadtests/demo.loadtest.yaml "$out/repo/loadtests/"
cp examples/.loadops/policy.yaml "$out/repo/.loadops/"

"$shop" --urls "http://127.0.0.1:$port" --latency 20ms --jitter 4ms >"$out/shop.log" 2>&1 &
shop_pid=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done

run() { # run COMMIT: one run on main; inconclusive (3) and regression (1) are expected verdicts here
  local code=0
  "$loadops" run "$out/repo/loadtests/demo.loadtest.yaml" --target "http://127.0.0.1:$port" --branch main --commit "$1" \
    --duration 6s --runners 1 --history "$out/history" --out "$out/runs/$1" >"$out/run-$1.log" 2>&1 || code=$?
  case "$code" in 0|1|3) ;; *) echo "run $1 exited $code (log: $out/run-$1.log)" >&2; exit 1 ;; esac
}

for i in 1 2 3 4; do run "fast00$i"; done
curl -fs -X POST "http://127.0.0.1:$port/admin/faults" -H 'Content-Type: application/json' -d '{"latencyMs": 35}' >/dev/null
for i in 1 2 3 4; do run "slow00$i"; done
first_slow=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["runId"])' "$out/runs/slow001/result.json")
"$loadops" baseline accept "$first_slow" --history "$out/history" >/dev/null

"$loadops" report --history "$out/history" --test demo-shop --format html --out "$out/history.html"
profile=$(mktemp -d)
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
  --hide-scrollbars --window-size=1150,1900 --screenshot="$PWD/docs/images/history-page.png" "file://$out/history.html" >"$out/chromium.log" 2>&1
rm -rf "$profile"
echo "docs/images/history-page.png ($(stat -c %s docs/images/history-page.png) bytes) from $out/history.html"
