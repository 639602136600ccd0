#!/usr/bin/env bash
# `cairn serve` soak (docs/server.md, "Measured"): SECONDS (default 600) of reads and writes against
# a generated ITEMS-item program (default 10,000) in SQLite, one line a minute: reads per second
# (wrk on the summary, 60 s at a time), the server's resident memory (VmRSS) and its peak (VmHWM).
# Writers (bench/server_writers.py: read-modify-write on item titles with If-Match) run the whole
# time, so every view is recomputed in the background again and again; at the end their writes,
# errors and lost updates are counted, and the forecast's revision is checked against the store's.
#
#   bench/server_soak.sh BUILD_DIR [ITEMS] [SECONDS]
set -euo pipefail
build=${1:?usage: server_soak.sh BUILD_DIR [ITEMS] [SECONDS]}
items=${2:-10000}
seconds=${3:-600}
here=$(cd "$(dirname "$0")" && pwd)
cairn=$(cd "$build" && pwd)/cairn
source "$here/server_common.sh"
make_program "$items" "$tmp/soak.db"
start_server "$tmp/soak.db"
auth="Authorization: Bearer $token"
curl -sf -H "$auth" "$base/api/v1/programs/$program/summary" > /dev/null
curl -sf -H "$auth" "$base/api/v1/programs/$program/forecast" > /dev/null
mem() { awk -v k="$1" '$1 == k":" { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }
echo "program $program: $items items; load average $(cut -d' ' -f1-3 /proc/loadavg)"
keys=$(sqlite3 "$tmp/soak.db" "SELECT key FROM entities WHERE kind = 'item' ORDER BY key LIMIT 8" | tr '\n' ' ')
python3 "$here/server_writers.py" "$base" "$token" "$program" "$seconds" 2 $keys > "$tmp/writers.json" &
writers=$!
printf "%6s %10s %9s %9s %8s\n" minute "reads/s" "RSS MB" "peak MB" "non-2xx"
printf "%6s %10s %9s %9s %8s\n" 0 - "$(mem VmRSS)" "$(mem VmHWM)" -
minutes=$(( (seconds + 59) / 60 ))
for m in $(seq "$minutes"); do
  out=$(wrk -t1 -c4 -d60s -H "$auth" "$base/api/v1/programs/$program/summary")
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  bad=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  printf "%6s %10s %9s %9s %8s\n" "$m" "$rps" "$(mem VmRSS)" "$(mem VmHWM)" "${bad:-0}"
done
wait "$writers"
echo "writers: $(cat "$tmp/writers.json")"
sleep 2
rev=$(sqlite3 "$tmp/soak.db" "SELECT revision FROM programs WHERE key = '$program'")
seen=$(curl -sf -H "$auth" -D - -o /dev/null "$base/api/v1/programs/$program/forecast" |
       awk -F': ' 'tolower($1) == "cairn-revision" { print $2 }' | tr -d '\r')
echo "store revision $rev; forecast served at revision ${seen:-?}"
echo "server errors (5xx): $(grep -c '"status":5' "$tmp/server1.log" || true)"
