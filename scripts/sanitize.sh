#!/usr/bin/env bash
# ASan + UBSan run of every test, kept apart from scripts/test.sh because it is slower:
#   - builds <repo>/build-asan with -DARROWPACK_SANITIZE=address,undefined (library, C++ tests and
#     the Python extension);
#   - runs CTest with the system allocator (mimalloc, loaded at run time, would hide heap errors);
#   - runs pytest on the sanitized extension (and the sanitized C++ helper programs the tests start):
#     the interpreter is not instrumented, so the sanitizer runtimes are preloaded, leak checks are
#     off and Python allocates with malloc.
# Extra arguments are passed to pytest (e.g. -k buffer). Run scripts/setup.sh first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD_DIR="$ROOT/build-asan"
JOBS="${ARROWPACK_JOBS:-2}"
TAG=sanitize
LOG_DIR="$BUILD_DIR/logs"
source "$ROOT/scripts/common.sh"

step configure cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_MAKE_PROGRAM="$(command -v ninja)" -DARROWPACK_SANITIZE=address,undefined \
  -DARROWPACK_BUILD_TESTS=ON -DARROWPACK_BUILD_PYTHON=ON \
  -DPython_EXECUTABLE="$("$PYTHON" -c 'import sys; print(sys.executable)')"
step build cmake --build "$BUILD_DIR" -j "$JOBS"

export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
echo "[$TAG] ctest:"
ARROWPACK_DEFAULT_MEMORY_POOL=system ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1" \
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 1200

# Staging package: the pure-Python sources plus the sanitized extension.
STAGE="$BUILD_DIR/python-stage"
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -r python/arrowpack "$STAGE/arrowpack"
cp "$BUILD_DIR"/python/_core"$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')" \
  "$STAGE/arrowpack/"

if ! find tests/python -name 'test_*.py' | grep -q .; then
  echo "[$TAG] pytest: no Python test files yet"
  exit 0
fi
echo "[$TAG] pytest:"
cd "$STAGE"
LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)" \
  ASAN_OPTIONS="detect_leaks=0" PYTHONMALLOC=malloc PYTHONPATH="$STAGE" ARROWPACK_DEFAULT_MEMORY_POOL=system \
  ARROWPACK_BUILD_DIR="$BUILD_DIR" \
  "$PYTHON" -m pytest "$ROOT/tests/python" -p no:cacheprovider --timeout=1200 -q -rfE "$@"
