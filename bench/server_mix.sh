#!/usr/bin/env bash
# A mix with 10 % writes against `cairn serve` (docs/server.md, "Measured: a mix with writes"):
# a generated ITEMS-item program (default 10,000), CLIENTS client threads (default 8) for SECONDS
# (default 30) through bench/server_mix.py; errors and lost updates counted, then how long after a
# write each server serves the new summary and forecast.
#
#   bench/server_mix.sh BUILD_DIR sqlite|postgres [ITEMS] [SECONDS] [CLIENTS]
#
# sqlite: one server on a SQLite file. postgres: a throwaway PostgreSQL cluster on loopback
# (scripts/pg-test-cluster: fsync off, as for tests) and two servers on it, used in turn.
set -euo pipefail
build=${1:?usage: server_mix.sh BUILD_DIR sqlite|postgres [ITEMS] [SECONDS] [CLIENTS]}
backend=${2:?usage: server_mix.sh BUILD_DIR sqlite|postgres [ITEMS] [SECONDS] [CLIENTS]}
items=${3:-10000}
seconds=${4:-30}
clients=${5:-8}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cairn=$(cd "$build" && pwd)/cairn
tmp=$(mktemp -d)
servers=()
cleanup() {
  for p in "${servers[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  [ -f "$tmp/pg/url" ] && "$root/scripts/pg-test-cluster" stop "$tmp/pg" > /dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

case "$backend" in
  sqlite) db="$tmp/mix.db"; n=1 ;;
  postgres) db=$("$root/scripts/pg-test-cluster" start "$tmp/pg"); n=2 ;;
  *) echo "server_mix.sh: the backend is sqlite or postgres, not '$backend'" >&2; exit 2 ;;
esac
python3 "$here/gen_deadline_program.py" --items "$items" --seed 1 > "$tmp/plan.yaml"
"$cairn" apply "$tmp/plan.yaml" --db "$db" -q
token=$("$cairn" token create --db "$db" --user mix --role tpm 2> /dev/null)
bases=()
for i in $(seq "$n"); do
  "$cairn" serve --db "$db" --listen 127.0.0.1:0 > "$tmp/port$i" 2> "$tmp/server$i.log" &
  servers+=($!)
  for _ in $(seq 100); do [ -s "$tmp/port$i" ] && break; sleep 0.1; done
  bases+=(--base "http://127.0.0.1:$(head -1 "$tmp/port$i")")
done
base=${bases[1]}
program=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/programs" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["key"])')
keys=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/programs/$program/items?limit=8" |
  python3 -c 'import json, sys; print(",".join(i["key"] for i in json.load(sys.stdin)["items"]))')
for i in $(seq "$n"); do  # every server has computed its views once
  b=$(head -1 "$tmp/port$i")
  for v in summary forecast; do
    curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$b/api/v1/programs/$program/$v" > /dev/null
  done
done
echo "$backend: $n server(s), program $program ($items items), $clients clients, ${seconds}s;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/server_mix.py" "${bases[@]}" --token "$token" --program "$program" --items "$keys" \
  --seconds "$seconds" --clients "$clients" | python3 -m json.tool
fivexx=$(cat "$tmp"/server*.log | grep -c '"status":5' || true)
echo "server errors (5xx) in the access logs: $fivexx; load average $(cut -d' ' -f1-3 /proc/loadavg)"
