#!/usr/bin/env bash
# `cairn serve` under load (docs/server.md, "Measured"): wrk on loopback against the summary
# endpoint of a generated 10,000-item program in SQLite, then the same with writers beside it
# (read-modify-write on item titles with If-Match; errors and lost updates counted).
#
#   bench/server_bench.sh BUILD_DIR [ITEMS] [SECONDS]
#
# Run it under `nice -n 10` on a shared machine and say the load average with the figures.
set -euo pipefail
build=${1:?usage: server_bench.sh BUILD_DIR [ITEMS] [SECONDS]}
items=${2:-10000}
seconds=${3:-10}
here=$(cd "$(dirname "$0")" && pwd)
cairn=$(cd "$build" && pwd)/cairn
source "$here/server_common.sh"
make_program "$items" "$tmp/bench.db"
start_server "$tmp/bench.db" --threads "${CAIRN_BENCH_THREADS:-16}"
url="$base/api/v1/programs/$program/summary"
auth="Authorization: Bearer $token"
start=$(date +%s.%N)
curl -sf -H "$auth" "$url" > /dev/null
echo "program $program: $items items; first summary (computed) $(echo "$(date +%s.%N) - $start" | bc) s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== reads only: wrk -t2 -c8 -d${seconds}s --latency (summary)"
wrk -t2 -c8 -d"${seconds}s" --latency -H "$auth" "$url" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|errors"

echo "== reads with writers beside them"
keys=$(sqlite3 "$tmp/bench.db" "SELECT key FROM entities WHERE kind = 'item' ORDER BY key LIMIT 8" | tr '\n' ' ')
python3 "$here/server_writers.py" "$base" "$token" "$program" "$seconds" 4 $keys > "$tmp/writers.json" &
writers=$!
wrk -t2 -c8 -d"${seconds}s" --latency -H "$auth" "$url" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|errors"
wait "$writers"
echo "writers: $(cat "$tmp/writers.json")"
echo "server store errors: $(curl -sf -H "$auth" "$base/metrics" | grep '^cairn_store_errors_total')"
python3 - "$tmp/server1.log" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
patch = sorted(l["ms"] for l in lines if l["method"] == "PATCH" and l["status"] == 200)
if patch:
    print(f"PATCH 200: {len(patch)}, p50 {patch[len(patch) // 2]:.1f} ms, max {patch[-1]:.1f} ms")
for l in [l for l in lines if l["status"] >= 500][:3]:
    print("server error:", l)
PY
grep -v '^{' "$tmp/server1.log" | head -5 || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
