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
cairn=$(cd "$build" && pwd)/cairn
source "$here/server_common.sh"

case "$backend" in
  sqlite) db="$tmp/mix.db"; n=1 ;;
  postgres) db=$("$here/../scripts/pg-test-cluster" start "$tmp/pg"); n=2 ;;
  *) echo "server_mix.sh: the backend is sqlite or postgres, not '$backend'" >&2; exit 2 ;;
esac
make_program "$items" "$db"
bases=()
ports=()
for i in $(seq "$n"); do
  start_server "$db"
  bases+=(--base "$base")
  ports+=("$base")
done
keys=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/programs/$program/items?limit=8" |
  python3 -c 'import json, sys; print(",".join(i["key"] for i in json.load(sys.stdin)["items"]))')
for b in "${ports[@]}"; do  # every server has computed its views once
  for v in summary forecast; do
    curl -sf -H "Authorization: Bearer $token" "$b/api/v1/programs/$program/$v" > /dev/null
  done
done
echo "$backend: $n server(s), program $program ($items items), $clients clients, ${seconds}s;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/server_mix.py" "${bases[@]}" --token "$token" --program "$program" --items "$keys" \
  --seconds "$seconds" --clients "$clients" | python3 -m json.tool
fivexx=$(cat "$tmp"/server*.log | grep -c '"status":5' || true)
echo "server errors (5xx) in the access logs: $fivexx; load average $(cut -d' ' -f1-3 /proc/loadavg)"
