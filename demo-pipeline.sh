#!/usr/bin/env bash
# The second half of ./demo.sh: the demo test through the pipeline the Functions app runs in Azure, on this machine.
# Starts Azurite (installed with npm ci when missing), `loadops serve` over the demo's repository with local runners,
# and `loadops gate`, which starts a run through the run API, waits for the verdict and prints the report.
# Usage: demo-pipeline.sh OUT LOADOPS DEFINITION (called by demo.sh, which has started the sample shop).
# Exits 0 when the pipeline reported a verdict (pass, or inconclusive while its fresh storage holds no baseline yet).
set -euo pipefail
cd "$(dirname "$0")"
out=$1 loadops=$2 definition=$3
azurite_port="${DEMO_AZURITE_PORT:-10300}"   # blob; queue and table on the next two ports
api_port="${DEMO_API_PORT:-7081}"
azurite_pid="" serve_pid=""
cleanup() { # serve first, and wait for it: it still talks to storage while it stops
  # (|| true: under set -e a failed kill, or wait's 143 for a process that TERM ended, would become the exit code)
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

wait_for() { # wait_for WHAT PID COMMAND...: polls COMMAND for 30 s while PID lives
  local what=$1 pid=$2; shift 2
  for _ in $(seq 1 150); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "demo: $what stopped at start; its log is in $out"; return 1; }
    sleep 0.2
  done
  echo "demo: $what did not start within 30 s; its log is in $out"
  return 1
}

if [ ! -x node_modules/.bin/azurite ]; then
  echo "== npm ci (Azurite)"
  npm ci --no-audit --no-fund
fi

node_modules/.bin/azurite --silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck \
  --blobPort "$azurite_port" --queuePort $((azurite_port + 1)) --tablePort $((azurite_port + 2)) >"$out/azurite.log" 2>&1 &
azurite_pid=$!
wait_for Azurite "$azurite_pid" curl -s "http://127.0.0.1:$azurite_port/"

# Azurite's documented development account (public, not a secret), on the ports started above.
account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1"
storage="$storage;QueueEndpoint=http://127.0.0.1:$((azurite_port + 1))/devstoreaccount1"
storage="$storage;TableEndpoint=http://127.0.0.1:$((azurite_port + 2))/devstoreaccount1"

# A token for this demo only: serve keeps its SHA-256, gate sends it; neither prints it.
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
LoadOps__Api__Tokens__0__Sha256=$(printf %s "$token" | sha256sum | cut -d' ' -f1) \
  "$loadops" serve --repo "$out/repo" --storage "$storage" --out "$out/pipeline" --listen "http://127.0.0.1:$api_port" \
  >"$out/serve.log" 2>&1 &
serve_pid=$!
wait_for "loadops serve" "$serve_pid" grep -q 'listening on' "$out/serve.log"

# The demo's repository is a plain folder, so the run gets a made-up commit id (the API wants a hex SHA).
commit=$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')
code=0
LOADOPS_TOKEN=$token "$loadops" gate --url "http://127.0.0.1:$api_port" --test "$definition" --repository demo/shop \
  --branch main --commit "$commit" --timeout 5m --out "$out/gate" || code=$?
printf '\nserve log: %s\nstage outputs and reports: %s\n' "$out/serve.log" "$out/pipeline"
case "$code" in
  0|3) echo "demo: the pipeline (validate, plan, dispatch, local runners, collect, evaluate, report) reported a verdict (gate exit $code)." ;;
  *) echo "demo: loadops gate exited $code; see $out/serve.log"; exit 1 ;;
esac
