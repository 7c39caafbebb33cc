#!/usr/bin/env bash
# Peak memory of `loadops serve` while 8 clients each POST a 24 MB body to the webhook that GitHub did not sign.
# Usage: bench/Webhook/memory.sh [PATH/TO/loadops.dll] [none|wrong]
#   none:  no X-Hub-Signature-256 header;  wrong: a well-formed header with another secret's HMAC.
# Starts Azurite and serve on free loopback ports, prints RSS before and the peak (VmHWM) after, stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dll="${1:-$root/cli/LoadOps.Cli/bin/Release/net10.0/loadops.dll}"
mode="${2:-wrong}"
work="$(mktemp -d)"
trap 'kill "${serve_pid:-}" "${azurite_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
blob=$(free_port); queue=$(free_port); table=$(free_port); http=$(free_port)
"$root/node_modules/.bin/azurite" --silent --loose --skipApiVersionCheck --disableTelemetry --location "$work/azurite" \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >/dev/null 2>&1 & azurite_pid=$!
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$table/" && curl -s -o /dev/null "http://127.0.0.1:$blob/" && break; sleep 0.5; done
mkdir -p "$work/repo/loadtests"
# Serve gives storage 20 s to answer; on a loaded machine Azurite's first answers can take longer: try again.
for attempt in $(seq 1 10); do
  LOADOPS_WEBHOOK_SECRET="bench-webhook-secret-0123456789" dotnet "$dll" serve --repo "$work/repo" --storage "$conn" \
    --out "$work/out" --listen "http://127.0.0.1:$http" >"$work/serve.log" 2>&1 & serve_pid=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$http/" && break; kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$serve_pid" 2>/dev/null && break
done
sleep 2
kill -0 "$serve_pid" 2>/dev/null || { echo "serve is not running:"; cat "$work/serve.log"; exit 1; }
before=$(awk '/VmRSS/ {print $2}' "/proc/$serve_pid/status")
head -c $((24 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$work/body"
header=()
if [ "$mode" = wrong ]; then
  header=(-H "X-Hub-Signature-256: sha256=$(openssl dgst -sha256 -hmac other-secret -r "$work/body" | cut -d' ' -f1)")
fi
curls=()
for i in $(seq 1 8); do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$http/api/github/webhook" \
    -H "X-GitHub-Event: push" -H "X-GitHub-Delivery: bench-$i" -H "Content-Type: application/json" \
    "${header[@]}" --data-binary "@$work/body" >>"$work/codes" & curls+=($!)
done
wait "${curls[@]}"
peak=$(awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status")
echo "mode=$mode answers=$(sort "$work/codes" | uniq -c | tr -s ' ' | tr '\n' ';') rss_before_mb=$((before / 1024)) peak_mb=$((peak / 1024))"
