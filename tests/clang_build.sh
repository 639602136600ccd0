#!/usr/bin/env bash
# Proves that Cairn builds with clang as well as GCC: configures BUILD_DIR with clang++-19 (Debian's
# clang-19, scripts/install-deps test) at -O1 without debug information, builds `cairn`, and checks
# that it gives the same schedule and forecast as the GCC build GCC_CAIRN on examples/atlas, byte
# for byte but the generation time (the forecast keeps its rounding under both compilers). Run by
# the ctest `clang_build`; the build stays in BUILD_DIR, so a rerun only rebuilds what changed.
#
#   tests/clang_build.sh BUILD_DIR GCC_CAIRN
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: tests/clang_build.sh BUILD_DIR GCC_CAIRN}
gcc_cairn=${2:?usage: tests/clang_build.sh BUILD_DIR GCC_CAIRN}
cxx=$(command -v clang++-19 || true)
[ -n "$cxx" ] || { echo "clang++-19 not found: run scripts/install-deps test" >&2; exit 1; }

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_C_COMPILER="${cxx%++-19}-19" -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
    -DCAIRN_BUILD_TESTS=OFF -DCAIRN_BUILD_BENCH=OFF \
    ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} \
    >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
fi
cmake --build "$build" -j "$(nproc)" --target cairn >"$build.build.log" 2>&1 ||
  { grep -E 'error|warning' "$build.build.log" | head -n 40; tail -n 20 "$build.build.log"; exit 1; }
# Warnings in Cairn's own files fail; libstdc++ 12's headers warn under clang (stable_sort's
# get_temporary_buffer is deprecated in C++23) and are not ours.
if grep 'warning:' "$build.build.log" | grep -qv '^/usr/'; then
  echo "clang warns:"; grep 'warning:' "$build.build.log" | grep -v '^/usr/' | sort -u | head -n 20
  exit 1
fi

status=0
for cmd in "schedule" "forecast --trials 2000"; do
  out=()
  for bin in "$gcc_cairn" "$build/cairn"; do
    # The exit code says whether milestones are late: the same on both sides is all that matters.
    json=$("$bin" $cmd "$src/examples/atlas" --format json 2>/dev/null || true)
    out+=("$(printf '%s' "$json" | python3 -c 'import json, sys
d = json.load(sys.stdin); d.pop("generated_at", None); print(json.dumps(d, sort_keys=True))')")
  done
  if [ "${out[0]}" = "${out[1]}" ]; then
    echo "== cairn $cmd: the clang build gives the GCC build's document (${#out[0]} bytes)"
  else
    echo "== cairn $cmd: the clang build differs from the GCC build"
    diff <(printf '%s\n' "${out[0]}" | tr ',' '\n') <(printf '%s\n' "${out[1]}" | tr ',' '\n') | head -n 20
    status=1
  fi
done
exit $status
