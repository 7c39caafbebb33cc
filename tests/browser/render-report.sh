#!/usr/bin/env bash
# Browser check of the HTML report: opens rendered reports in headless Chromium, takes a screenshot of each and
# fails if a screenshot is missing or Chromium logged a script/console or renderer error, or if a report pulls in
# an external asset or a script (the report must be self-contained).
#
# Usage: tests/browser/render-report.sh [REPORT.html ...]
#   Default reports: the HTML snapshots under tests/LoadOps.Core.Tests/Reports/Snapshots/, which the snapshot tests
#   keep identical to what the renderer produces (refresh them with
#   LOADOPS_UPDATE_SNAPSHOTS=1 dotnet test --project tests/LoadOps.Core.Tests -c Release --filter-class 'LoadOps.Core.Tests.Reports.*').
#   Screenshots go to $OUT_DIR (default: out/browser/, git-ignored), one NAME.png per report.
#   Installs the Debian package `chromium` when it is missing and we are root; not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

out_dir=${OUT_DIR:-out/browser}
mkdir -p "$out_dir"
if [ "$#" -eq 0 ]; then
  set -- tests/LoadOps.Core.Tests/Reports/Snapshots/*.html
fi

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is not installed; install the Debian package 'chromium' (apt-get install -y chromium) and rerun" >&2
    exit 2
  fi
fi

status=0
for report in "$@"; do
  if [ ! -s "$report" ]; then
    echo "FAIL $report: no such report (render it first)" >&2
    status=1
    continue
  fi
  name=$(basename "$report" .html)
  png="$out_dir/$name.png"
  log="$out_dir/$name.chromium.log"
  profile=$(mktemp -d)
  rm -f "$png"

  if grep -Eiq '<(script|link|iframe|object|embed)[ >]|(src|href)="(https?:)?//[^"]*\.(css|js|png|svg|woff2?)"' "$report"; then
    echo "FAIL $report: loads a script or an external asset; the report must be self-contained" >&2
    status=1
  fi

  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --screenshot="$png" --window-size=1200,1600 "file://$(realpath "$report")" >"$log" 2>&1 || {
      echo "FAIL $report: chromium exited with $? (log: $log)" >&2
      status=1
    }
  rm -rf "$profile"

  # dbus, GPU and sandbox noise is expected in a container; page-level problems are not.
  if grep -Eq ':CONSOLE[:(]|Uncaught|Renderer process crashed|render process gone|Aw, Snap|Failed to load resource|Refused to' "$log"; then
    echo "FAIL $report: chromium reported a page error:" >&2
    grep -E ':CONSOLE[:(]|Uncaught|Renderer process crashed|render process gone|Aw, Snap|Failed to load resource|Refused to' "$log" | head -5 >&2
    status=1
  fi
  if [ ! -s "$png" ] || [ "$(stat -c %s "$png")" -lt 20000 ]; then
    echo "FAIL $report: screenshot $png is missing or blank (log: $log)" >&2
    status=1
  else
    echo "ok   $report -> $png ($(stat -c %s "$png") bytes)"
  fi
done
exit "$status"
