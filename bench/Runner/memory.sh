#!/usr/bin/env bash
# Peak memory of one runner holding 10,000 closed-model users, all in flight against the sample target
# (2 s latency per request). Usage: bench/Runner/memory.sh [users, default 10000] [client|raw, default client]
# All traffic goes to 127.0.0.1; the run lasts about 20 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS=${1:-10000}
HTTP=${2:-client}
PORT=5099
WORK=$(mktemp -d /tmp/loadops-bench-memory.XXXXXX)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((USERS + 1000)) ]; then
  echo "open-file limit $(ulimit -n) is too low for $USERS connections" >&2
  exit 2
fi

dotnet publish runner-image/LoadOps.Runner/LoadOps.Runner.csproj -c Release -o "$WORK/runner" -v quiet -nologo >/dev/null
dotnet publish examples/SampleTarget/LoadOps.SampleTarget/LoadOps.SampleTarget.csproj -c Release -o "$WORK/target" -v quiet -nologo >/dev/null

"$WORK/target/LoadOps.SampleTarget" --urls "http://127.0.0.1:$PORT" --latency 2s > "$WORK/target.log" 2>&1 &
TARGET=$!
trap 'kill $TARGET 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

cat > "$WORK/spec.json" <<JSON
{ "runId": "memory", "shardId": "memory-s000", "shardIndex": 0, "shardCount": 1, "location": "local",
  "startAt": "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)", "definitionHash": "memory", "interval": "00:00:05",
  "definition": { "name": "memory", "target": { "baseUrl": "http://127.0.0.1:$PORT" },
    "load": { "model": "closed", "stages": [ { "duration": "00:00:05", "target": $USERS }, { "duration": "00:00:12", "target": $USERS } ] },
    "scenarios": [ { "name": "browse", "weight": 1, "steps": [
      { "name": "product", "method": "GET", "path": "/api/products/{{ random 1 1000 }}", "expect": { "status": [200] } } ] } ] } }
JSON

python3 - "$WORK/runner/loadops-runner" "$WORK/spec.json" "$WORK/out" "$HTTP" <<'PY'
import resource, subprocess, sys
runner, spec, out, http = sys.argv[1:]
run = subprocess.run([runner, "shard", "--spec", spec, "--out", out, "--http", http], capture_output=True, text=True)
print("\n".join(l for l in run.stdout.splitlines() if l.startswith(("summary", "untrustworthy"))))
peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"peak working set of the runner: {peak_mib:.0f} MiB (exit {run.returncode})")
PY
echo "target saw at most $(curl -s "http://127.0.0.1:$PORT/admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["maxConcurrent"])') requests at once"
