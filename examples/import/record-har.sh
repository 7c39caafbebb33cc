#!/usr/bin/env bash
# Records examples/import/shop.har with headless Chromium against the sample shop on 127.0.0.1.
# Needs Debian's chromium, Node.js with npm, and a built sample shop
# (dotnet build examples/SampleTarget/LoadOps.SampleTarget -c Release). playwright-core goes into a temporary folder.
# Usage: examples/import/record-har.sh [PORT]   (default 5187)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-5187}"
# shellcheck source=start-shop.sh
. "$here/start-shop.sh"
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund playwright-core@1 >/dev/null)
cp "$here/record-har.mjs" "$work/"
(cd "$work" && timeout 120 node record-har.mjs "http://127.0.0.1:$port" "$here/shop.har")
echo "recorded: $here/shop.har"
