# Shared by bench/server_bench.sh, server_soak.sh and server_mix.sh (sourced, not run): a scratch
# folder, a generated program in a store, `cairn serve` processes on port 0 and their cleanup.
#
#   here=...; cairn=...; source "$here/server_common.sh"
#   make_program ITEMS DB      generated ITEMS-item program (bench/gen_deadline_program.py, seed 1)
#                              applied to DB; sets $program and $token (a tpm token)
#   start_server DB [ARGS...]  starts `cairn serve --db DB --listen 127.0.0.1:0 ARGS`, logs to
#                              $tmp/serverN.log; sets $base and $server (its pid)
tmp=$(mktemp -d)
servers=()
server_cleanup() {
  for p in "${servers[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  [ -f "$tmp/pg/url" ] && "$here/../scripts/pg-test-cluster" stop "$tmp/pg" > /dev/null 2>&1
  rm -rf "$tmp"
}
trap server_cleanup EXIT

make_program() {
  python3 "$here/gen_deadline_program.py" --items "$1" --seed 1 > "$tmp/plan.yaml"
  "$cairn" apply "$tmp/plan.yaml" --db "$2" -q
  program=GEN  # the generator's program key
  token=$("$cairn" token create --db "$2" --user bench --role tpm 2> /dev/null)
}

start_server() {
  local db=$1 n=$(( ${#servers[@]} + 1 ))
  shift
  "$cairn" serve --db "$db" --listen 127.0.0.1:0 "$@" > "$tmp/port$n" 2> "$tmp/server$n.log" &
  server=$!
  servers+=("$server")
  for _ in $(seq 100); do [ -s "$tmp/port$n" ] && break; sleep 0.1; done
  base="http://127.0.0.1:$(head -1 "$tmp/port$n")"
}
