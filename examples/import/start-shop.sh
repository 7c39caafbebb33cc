# Sourced by record-har.sh and record-tools.sh: starts the built sample shop on 127.0.0.1:$port in the background
# and waits until it answers; the caller's EXIT trap stops it ($shop_pid) and removes $work.
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
shop="$root/examples/SampleTarget/LoadOps.SampleTarget/bin/Release/net10.0/LoadOps.SampleTarget"
"$shop" --urls "http://127.0.0.1:$port" --latency 5ms --jitter 2ms >"$work/shop.log" 2>&1 &
shop_pid=$!
trap 'kill "$shop_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
