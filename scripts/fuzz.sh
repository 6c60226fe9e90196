#!/usr/bin/env bash
# Builds the libFuzzer targets in <repo>/build-fuzz (clang, ASan + UBSan), writes the seed corpus
# and runs each target for ARROWPACK_FUZZ_SECONDS (default 30). Inputs that crash a target are
# saved under build-fuzz/crashes/<target>/; exits non-zero if any target crashed. Arguments name
# the targets to run (default: all). See docs/fuzzing.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD_DIR="$ROOT/build-fuzz"
JOBS="${ARROWPACK_JOBS:-2}"
SECONDS_PER_TARGET="${ARROWPACK_FUZZ_SECONDS:-30}"
TAG=fuzz
LOG_DIR="$BUILD_DIR/logs"
source "$ROOT/scripts/common.sh"

step configure cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_MAKE_PROGRAM="$(command -v ninja)" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DARROWPACK_BUILD_FUZZ=ON -DARROWPACK_BUILD_PYTHON=OFF -DARROWPACK_BUILD_TESTS=OFF
step build cmake --build "$BUILD_DIR" -j "$JOBS"

# The seed corpus is regenerated every run; what the fuzzer adds to it is kept in corpus/.
SEEDS="$BUILD_DIR/seeds"
rm -rf "$SEEDS"
step seed-corpus "$BUILD_DIR/fuzz/make_seed_corpus" "$SEEDS"

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(stream file tensor message deserialize)

export ARROWPACK_DEFAULT_MEMORY_POOL=system
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
for target in "${targets[@]}"; do
  corpus="$BUILD_DIR/corpus/$target"
  crashes="$BUILD_DIR/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  log="$LOG_DIR/run-$target.log"
  start=$SECONDS
  binary="ipc_${target}_fuzz"
  [[ $target != deserialize ]] || binary=deserialize_fuzz
  if "$BUILD_DIR/fuzz/$binary" "$corpus" "$SEEDS/$target" -max_total_time="$SECONDS_PER_TARGET" \
      -rss_limit_mb=2048 -max_len=65536 -timeout=20 -print_final_stats=1 -artifact_prefix="$crashes/" \
      >"$log" 2>&1; then
    echo "[$TAG] $binary: ok ($((SECONDS - start))s, $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs)"
  else
    echo "[$TAG] $binary: CRASHED; inputs in $crashes; log $log:"
    grep -E -A40 'ERROR: |runtime error|deadly signal' "$log" | head -60 || tail -40 "$log"
    failed+=("$target")
  fi
done
[[ ${#failed[@]} -eq 0 ]] || { echo "[$TAG] failed: ${failed[*]}"; exit 1; }
