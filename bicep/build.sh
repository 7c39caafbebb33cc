#!/usr/bin/env bash
# Compiles bicep/main.bicep to ARM JSON in bicep/out/ and lints it. Fails on any warning or error.
# The bicep binary comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (version in Directory.Packages.props),
# restored by `dotnet restore LoadOps.sln` (tests/LoadOps.Infra.Tests references it). Override with BICEP=/path/to/bicep.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

if [[ -z "${BICEP:-}" ]]; then
  version=$(grep -oP 'Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\K[^"]+' "$root/Directory.Packages.props")
  packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  BICEP="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
fi
if [[ ! -f "$BICEP" ]]; then
  echo "bicep/build.sh: bicep binary not found at $BICEP; run 'dotnet restore LoadOps.sln' first (or set BICEP)." >&2
  exit 2
fi
[[ -x "$BICEP" ]] || chmod +x "$BICEP"

mkdir -p "$here/out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
"$BICEP" build "$here/main.bicep" --outdir "$here/out" >"$log" 2>&1 || status=$?
"$BICEP" lint "$here/main.bicep" >>"$log" 2>&1 || status=$?
cat "$log"

# bicep prints each diagnostic once per pass; count distinct ones.
diagnostics=$(grep -E ' : (Warning|Error) ' "$log" | sort -u | wc -l || true)
echo "bicep: ${diagnostics} warnings/errors"
if [[ "$status" -ne 0 || "$diagnostics" -ne 0 ]]; then
  exit 1
fi
echo "bicep: wrote $here/out/main.json"
