#!/usr/bin/env bash
# Runner throughput and latency against wrk and hey, each client pinned to one core, nginx pinned to another.
# Usage: bench/Runner/run.sh [seconds per run, default 12] [repeats, default 3]
# Needs: apt-get install -y wrk hey nginx. All traffic goes to 127.0.0.1 and every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-12}
REPEATS=${2:-3}
CONNECTIONS=50
OPEN_RATES="500 2000"
CLIENT_CORE=1
SERVER_CORE=0
WORK=$(mktemp -d /tmp/loadops-bench-runner.XXXXXX)
RUNNER="$WORK/runner/loadops-runner"

for tool in wrk hey nginx taskset python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk hey nginx util-linux python3" >&2; exit 2; }
done

echo "== build"
dotnet publish runner-image/LoadOps.Runner/LoadOps.Runner.csproj -c Release -o "$WORK/runner" -v quiet -nologo >/dev/null

echo "== nginx on 127.0.0.1:8089, core $SERVER_CORE"
mkdir -p "$WORK/nginx/tmp"
cp bench/Runner/nginx.conf "$WORK/nginx/nginx.conf"
taskset -c "$SERVER_CORE" nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX=$!
trap 'kill $NGINX 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:8089/ >/dev/null && break; sleep 0.1; done

# A shard spec starting now: closed model with CONNECTIONS users, or open model at OPEN_RATE/s.
spec() {
  local model=$1 target=$2 start
  start=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%S.%3NZ)
  cat <<JSON
{ "runId": "bench", "shardId": "bench-s000", "shardIndex": 0, "shardCount": 1, "location": "local",
  "startAt": "$start", "definitionHash": "bench", "interval": "00:00:05",
  "definition": { "name": "bench", "target": { "baseUrl": "http://127.0.0.1:8089" },
    "load": { "model": "$model", "maxInFlight": 5000,
      "stages": [ { "duration": "00:00:00.001", "target": $target }, { "duration": "00:00:$(printf %02d "$SECONDS_PER_RUN")", "target": $target } ] },
    "scenarios": [ { "name": "hit", "weight": 1, "steps": [ { "name": "root", "method": "GET", "path": "/" } ] } ] } }
JSON
}

# Runs a client pinned to CLIENT_CORE; prints its output, then "cpu SECONDS" (user + system time it used).
pinned() {
  python3 -c 'import resource, subprocess, sys
out = subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(out)
print("cpu", r.ru_utime + r.ru_stime)' taskset -c "$CLIENT_CORE" "$@"
}

runner() { # model target [runner args] -> the runner's summary line and cpu line (no args: the default client)
  spec "$1" "$2" > "$WORK/spec.json"
  shift 2
  pinned "$RUNNER" shard --spec "$WORK/spec.json" --out "$WORK/out" "$@" | grep -E '^(summary:|cpu |untrustworthy)'
}

# Requests and CPU seconds from each client's output.
wrk_counts() { awk '/requests in/ {n=$1} /^cpu / {print n, $2}'; }
hey_counts() { awk '/Total:/ {t=$2} /Requests\/sec/ {r=$2} /^cpu / {printf "%d %s\n", t * r, $2}'; }
runner_counts() { awk '/^summary:/ {n=$2} /^cpu / {print n, $2}'; }

results="$WORK/results.txt"
: > "$results"
for i in $(seq "$REPEATS"); do
  echo "== round $i"
  w=$(pinned wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" http://127.0.0.1:8089/ | wrk_counts)
  h=$(pinned hey -z "${SECONDS_PER_RUN}s" -c "$CONNECTIONS" http://127.0.0.1:8089/ | hey_counts)
  r=$(runner closed "$CONNECTIONS" --http client | runner_counts)
  rr=$(runner closed "$CONNECTIONS" | runner_counts)
  open=""
  for rate in $OPEN_RATES; do
    ho=$(pinned hey -z "${SECONDS_PER_RUN}s" -c "$CONNECTIONS" -q $((rate / CONNECTIONS)) http://127.0.0.1:8089/ | awk '/ 50% in / {print $3 * 1000 "ms"}')
    rro=$(runner open "$rate" | tee -a "$WORK/open.log" | sed -nE 's/.*latency p50 ([^,]+),.*/\1/p')
    open="$open $ho $rro"
    echo "open ${rate}/s p50: hey $ho, runner $rro; $(grep summary: "$WORK/open.log" | tail -1 | sed -nE 's/.*(schedule lag.*)/\1/p')"
  done
  echo "requests cpu-seconds: wrk $w | hey $h | runner --http client $r | runner (default, raw) $rr"
  echo "$w $h $r $rr$open" >> "$results"
done

echo "== medians of $REPEATS rounds, $SECONDS_PER_RUN s each, $CONNECTIONS connections, open rates $OPEN_RATES /s"
grep -h untrustworthy "$WORK/open.log" | sort | uniq -c || true
grep -h "schedule lag" "$WORK/open.log" | sed -nE 's/.*(schedule lag.*)/\1/p' || true
python3 - "$results" "$SECONDS_PER_RUN" $OPEN_RATES <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
seconds = float(sys.argv[2])
def ms(text):
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return float(text)
def med(i):
    return statistics.median(float(r[i]) for r in rows)
# Columns: requests and CPU seconds of wrk, hey, runner --http client, runner default (raw); then per open rate the p50 of hey -q and the runner.
clients = (("wrk", 0), ("hey", 2), ("runner --http client", 4), ("runner (default)", 6))
per_core = {name: statistics.median(float(r[i]) / float(r[i + 1]) for r in rows) for name, i in clients}
for name, i in clients:
    print(f"{name:22} {med(i) / seconds:8.0f} requests/s wall clock, {per_core[name]:8.0f} requests per CPU-second ({per_core[name] / per_core['wrk']:.2f} of wrk)")
for k, rate in enumerate(sys.argv[3:]):
    hey, runner = (statistics.median(ms(r[8 + 2 * k + j]) for r in rows) for j in (0, 1))
    print(f"p50 at a fixed open rate of {rate}/s: hey -q {hey:.2f} ms, runner {runner:.2f} ms ({runner - hey:+.2f} ms)")
PY
