#!/usr/bin/env bash
# Records examples/import/shop.har with headless Chromium against the sample shop on 127.0.0.1.
# Needs Debian's chromium, Node.js with npm, and a built sample shop
# (dotnet build examples/SampleTarget/LoadOps.SampleTarget -c Release). playwright-core goes into a temporary folder.
# Usage: examples/import/record-har.sh [PORT]   (default 5187)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${1:-5187}"
work="$(mktemp -d)"
shop="$root/examples/SampleTarget/LoadOps.SampleTarget/bin/Release/net10.0/LoadOps.SampleTarget"
"$shop" --urls "http://127.0.0.1:$port" --latency 5ms --jitter 2ms >"$work/shop.log" 2>&1 &
shop_pid=$!
trap 'kill "$shop_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund playwright-core@1 >/dev/null)
cp "$here/record-har.mjs" "$work/"
(cd "$work" && timeout 120 node record-har.mjs "http://127.0.0.1:$port" "$here/shop.har")
echo "recorded: $here/shop.har"
