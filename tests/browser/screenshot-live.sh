#!/usr/bin/env bash
# Screenshot of a run's live page made from a real run against the sample shop: Azurite, `loadops serve` with local
# runners uploading their interim snapshots every second, the demo test started through the run API; halfway through
# the load the page is fetched with the bearer token and headless Chromium takes docs/images/live-page.png.
# Traffic goes only to 127.0.0.1; the load lasts 12 seconds. Installs nothing; needs Azurite in node_modules and the
# Debian package chromium.
#
# Usage: tests/browser/screenshot-live.sh   (writes into out/live-shots/ and docs/images/)
set -euo pipefail
cd "$(dirname "$0")/../.."

shop_port="${SHOT_PORT:-5082}"
azurite_port="${SHOT_AZURITE_PORT:-10310}"   # blob; queue and table on the next two ports
api_port="${SHOT_API_PORT:-7091}"
out="$PWD/out/live-shots"
loadops="$PWD/cli/LoadOps.Cli/bin/Release/net10.0/loadops"
shop="$PWD/examples/SampleTarget/LoadOps.SampleTarget/bin/Release/net10.0/LoadOps.SampleTarget"
shop_pid="" azurite_pid="" serve_pid=""
cleanup() { # serve first, and wait for it: it still talks to storage while it stops
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
  if [ -n "$shop_pid" ]; then kill "$shop_pid" 2>/dev/null || true; wait "$shop_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

command -v chromium >/dev/null 2>&1 || { echo "install the Debian package chromium first (apt-get install -y chromium)" >&2; exit 2; }
[ -x node_modules/.bin/azurite ] || { echo "Azurite is missing: run npm ci first" >&2; exit 2; }
dotnet build cli/LoadOps.Cli -c Release --nologo -v quiet
dotnet build examples/SampleTarget/LoadOps.SampleTarget -c Release --nologo -v quiet

wait_for() { # wait_for WHAT COMMAND...: polls COMMAND for 30 s
  local what=$1; shift
  for _ in $(seq 1 150); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "$what did not start within 30 s; logs are in $out" >&2
  exit 1
}

rm -rf "$out"
mkdir -p "$out/repo/loadtests" "$out/repo/.loadops" docs/images
sed "s#baseUrl: http://127.0.0.1:5080#baseUrl: http://127.0.0.1:$shop_port#" examples/loadtests/demo.loadtest.yaml >"$out/repo/loadtests/demo.loadtest.yaml"
cp examples/.loadops/policy.yaml "$out/repo/.loadops/"

"$shop" --urls "http://127.0.0.1:$shop_port" --latency 20ms --jitter 4ms >"$out/shop.log" 2>&1 &
shop_pid=$!
wait_for "the sample shop" curl -fs "http://127.0.0.1:$shop_port/health"

node_modules/.bin/azurite --silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck \
  --blobPort "$azurite_port" --queuePort $((azurite_port + 1)) --tablePort $((azurite_port + 2)) >"$out/azurite.log" 2>&1 &
azurite_pid=$!
wait_for Azurite curl -s "http://127.0.0.1:$azurite_port/"
account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1"
storage="$storage;QueueEndpoint=http://127.0.0.1:$((azurite_port + 1))/devstoreaccount1"
storage="$storage;TableEndpoint=http://127.0.0.1:$((azurite_port + 2))/devstoreaccount1"

token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
api="http://127.0.0.1:$api_port"
LoadOps__Api__Tokens__0__Sha256=$(printf %s "$token" | sha256sum | cut -d' ' -f1) \
  LoadOps__Plan__Interval=00:00:01 LoadOps__Plan__SnapshotUploadInterval=00:00:01 \
  "$loadops" serve --repo "$out/repo" --storage "$storage" --out "$out/pipeline" --listen "$api" >"$out/serve.log" 2>&1 &
serve_pid=$!
wait_for "loadops serve" grep -q 'listening on' "$out/serve.log"

commit=$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')
run_id=$(curl -fs -X POST "$api/api/runs" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"repository\":\"demo/shop\",\"commit\":\"$commit\",\"branch\":\"main\",\"test\":\"demo-shop\"}" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["runIds"][0])')

# Halfway through the 12 s load: the figures, both runners' location row and a chart with a few intervals.
elapsed=0
for _ in $(seq 1 150); do
  # 404 until the validate stage has created the run: counted as no figures yet.
  elapsed=$( (curl -fs "$api/api/runs/$run_id" -H "Authorization: Bearer $token" |
    python3 -c 'import json, sys; live = json.load(sys.stdin).get("live"); print(int(live["elapsedSeconds"]) if live else 0)') 2>/dev/null || echo 0)
  [ "$elapsed" -ge 7 ] && break
  sleep 0.2
done
[ "$elapsed" -ge 7 ] || { echo "no live figures 7 s into run $run_id; see $out/serve.log" >&2; exit 1; }
curl -fs "$api/api/runs/$run_id/live" -H "Authorization: Bearer $token" -o "$out/live.html"

profile=$(mktemp -d)
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
  --hide-scrollbars --window-size=900,760 --screenshot="$PWD/docs/images/live-page.png" "file://$out/live.html" >"$out/chromium.log" 2>&1
rm -rf "$profile"
echo "docs/images/live-page.png ($(stat -c %s docs/images/live-page.png) bytes) of run $run_id at ${elapsed}s, from $out/live.html"
