#!/usr/bin/env bash
# Cairn against TaskJuggler 3 on the same .tjp programs, in one run.
#
#   bench/vs_taskjuggler.sh [N ...]         (default: 1000 5000)
#
# For each N, ../shared/bench/gen_tjp.py writes a multi-team program of N tasks (seed 1). tj3 (Debian
# package) schedules it once with --no-reports for the time and memory, and once with its CSV
# reports for the project end (the summary report the generator defines); `cairn schedule --format json` schedules the same file (best of 5
# runs, nanosecond wall clock; peak RSS from one more run). Prints one table row per N: wall
# seconds and peak RSS of both, the speed ratio, both project ends, and whether Cairn's end is no
# later than tj3's.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_TJP:-$here/../shared/bench/gen_tjp.py}
cairn=${CAIRN:-$here/build/release/cairn}
[ -x "$cairn" ] || { echo "build cairn first (make build): $cairn" >&2; exit 2; }
[ -f "$gen" ] || { echo "generator not found: $gen (set GEN_TJP)" >&2; exit 2; }
command -v tj3 >/dev/null && [ -x /usr/bin/time ] || bash "$here/scripts/install-deps" tj3 time
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# wall_and_rss CMD...: runs CMD, prints "seconds rss_mb" (GNU time).
wall_and_rss() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
    echo "failed: $*" >&2; tail -5 "$work/err" >&2; return 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$work/time"
}

printf '| tasks | tj3 s | tj3 MB | cairn s | cairn MB | speed-up | tj3 end | cairn end | end ok |\n'
printf '|---:|---:|---:|---:|---:|---:|---|---|---|\n'
for n in "${sizes[@]}"; do
  tjp="$work/n$n.tjp"
  python3 "$gen" --tasks "$n" --seed 1 --tjp "$tjp" --json "$work/n$n.json" >/dev/null
  read -r tj_s tj_mb < <(wall_and_rss tj3 --silent --no-color --no-reports "$tjp")
  mkdir -p "$work/tj$n"
  tj3 --silent --no-color -o "$work/tj$n" "$tjp" >/dev/null 2>&1
  tj_end=$(awk -F';' 'NR==2 {gsub(/"/, "", $3); print substr($3, 1, 10)}' "$work/tj$n/tj_summary.csv")
  read -r _ c_mb < <(wall_and_rss "$cairn" schedule --format json "$tjp")
  best=""
  for _ in 1 2 3 4 5; do  # wall time with ns resolution, best of 5
    t0=$(date +%s%N)
    "$cairn" schedule --format json "$tjp" >"$work/out" 2>"$work/err"
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b-a)/1e9}')
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$s; fi
  done
  c_end=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["project_end"][:10])' "$work/out")
  ratio=$(awk -v a="$tj_s" -v b="$best" 'BEGIN{printf "%.0fx", a/b}')
  ok=$([[ "$c_end" < "$tj_end" || "$c_end" == "$tj_end" ]] && echo yes || echo NO)
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$tj_s" "$tj_mb" "$best" "$c_mb" \
    "$ratio" "$tj_end" "$c_end" "$ok"
done
