#!/usr/bin/env bash
# Builds the libFuzzer harnesses in their own configuration with clang-19 (edge coverage and
# comparison feedback; scripts/install-deps test installs it) and proves they do not crash: each
# runs over its seeds (fuzz/seeds/<name>/), then fuzzes SECONDS (default 5) from them and the
# committed corpus (fuzz/corpus/<name>/, read, never written). A crash, a sanitizer report, a leak
# or a hang fails (exit 1) and leaves the input in BUILD/artifacts/. Run by the ctest `fuzz_smoke`
# and by `make fuzz` (longer); fuzz/README.md says how the corpus is refreshed.
#
#   fuzz/smoke.sh BUILD_DIR [SECONDS]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: fuzz/smoke.sh BUILD_DIR [SECONDS]}
seconds=${2:-5}
jobs=$(nproc)

cxx=$(command -v clang++-19 || true)
[ -n "$cxx" ] || { echo "clang++-19 not found: run scripts/install-deps test" >&2; exit 1; }
# A build configured with another compiler (GCC gives libFuzzer no edge coverage) starts over.
if [ -f "$build/CMakeCache.txt" ] &&
  ! grep -q "^CMAKE_CXX_COMPILER:[A-Z]*=$cxx\$" "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  # -O1 with line tables (no NDEBUG, so assertions check too): sanitizer reports keep file:line,
  # and the instrumented build takes about a third of -O2 -g's time (76 s -> 29 s on the largest file).
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g1" \
    -DCMAKE_C_FLAGS_FUZZ="-O1 -g1" -DCAIRN_FUZZ=ON -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_C_COMPILER="${cxx%++-19}-19" \
    ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} \
    >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
fi
cmake --build "$build" -j "$jobs" --target fuzz_harnesses >"$build.build.log" 2>&1 ||
  { tail -n 40 "$build.build.log"; exit 1; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
mkdir -p "$build/artifacts"
status=0
for harness in "$build"/fuzz/*_fuzz; do
  name=$(basename "$harness" _fuzz)
  seeds="$src/fuzz/seeds/$name"
  corpus="$build/corpus/$name"
  mkdir -p "$corpus"
  flags=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/$name-")
  n=0
  if [ -d "$seeds" ]; then
    n=$(find "$seeds" -type f | wc -l)
    # Each seed once, as a plain input.
    if ! "$harness" "${flags[@]}" "$seeds"/* >"$build/$name.seeds.log" 2>&1; then
      echo "== $name: a seed fails"; tail -n 30 "$build/$name.seeds.log"; status=1; continue
    fi
  fi
  # Fuzz from what earlier runs kept, the seeds and the committed corpus (both read, never written).
  dirs=("$corpus")
  [ "$n" -gt 0 ] && dirs+=("$seeds")
  [ -d "$src/fuzz/corpus/$name" ] && dirs+=("$src/fuzz/corpus/$name")
  if ! "$harness" "${flags[@]}" -use_value_profile=1 -max_total_time="$seconds" \
    -print_final_stats=1 "${dirs[@]}" >"$build/$name.fuzz.log" 2>&1; then
    echo "== $name: fuzzing found a failure"; tail -n 30 "$build/$name.fuzz.log"; status=1; continue
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/$name.fuzz.log" | grep -o '[0-9]*$')
  echo "== $name: $n seeds pass; ${runs:-?} inputs in ${seconds} s without a failure"
done
exit $status
