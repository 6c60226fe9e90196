#!/usr/bin/env bash
# The one command that sets everything up and runs every arrowpack test:
#   setup.sh -> CMake build of <repo>/build -> CTest -> install + find_package consumer check
#   -> pip install of the package (reusing build/) -> pytest on the installed package.
# Step logs go to build/logs/; a failing step prints its log. Exits non-zero on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD_DIR="$ROOT/build"
JOBS="${ARROWPACK_JOBS:-2}"
PYTEST_TIMEOUT="${ARROWPACK_PYTEST_TIMEOUT:-300}"
TAG=test
source "$ROOT/scripts/common.sh"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

step setup ./scripts/setup.sh

step configure cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_MAKE_PROGRAM="$(command -v ninja)" -DARROWPACK_BUILD_TESTS=ON -DARROWPACK_BUILD_PYTHON=ON \
  -DPython_EXECUTABLE="$("$PYTHON" -c 'import sys; print(sys.executable)')"
step build cmake --build "$BUILD_DIR" -j "$JOBS"

echo "[test] ctest:"
set +e
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 600 --output-junit "$WORK/ctest.xml" 2>&1 \
  | grep -v -E '^ *([0-9]+/[0-9]+ Test +#[0-9]+: .* Passed|Start +[0-9]+: )'
ctest_rc=${PIPESTATUS[0]}
set -e
[[ $ctest_rc -eq 0 ]] || { echo "[test] ctest: FAILED (exit $ctest_rc)"; exit "$ctest_rc"; }

# The installed library, headers and package config must serve an outside CMake project.
step install cmake --install "$BUILD_DIR" --prefix "$WORK/prefix"
step consumer-configure cmake -S tests/consumer -B "$WORK/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$WORK/prefix"
step consumer-build cmake --build "$WORK/consumer"
step consumer-run ctest --test-dir "$WORK/consumer" --output-on-failure

# The package build reuses build/, so only the install step runs here.
step pip-install "$PYTHON" -m pip install --no-build-isolation --no-deps "$ROOT"

# Test the installed package: run from an empty directory so the source tree's python/ is not on
# sys.path.
mapfile -t python_tests < <(find tests/python -name 'test_*.py')
pytest_rc=0
if [[ ${#python_tests[@]} -eq 0 ]]; then
  echo "[test] pytest: no Python test files yet"
else
  location="$(cd "$WORK" && "$PYTHON" -c 'import arrowpack; print(arrowpack.__file__)')" \
    || { echo "[test] the installed package does not import"; exit 1; }
  [[ "$location" != "$ROOT/python/"* ]] || { echo "[test] pytest would test the source tree: $location"; exit 1; }
  echo "[test] pytest on $location:"
  (cd "$WORK" && "$PYTHON" -m pytest "$ROOT/tests/python" -p no:cacheprovider --timeout="$PYTEST_TIMEOUT" \
    -q -rfE --junitxml="$WORK/pytest.xml") || pytest_rc=$?
fi

# --- fuzz smoke run (docs/fuzzing.md): every libFuzzer target for 10 s in build-fuzz/ (clang). ---
echo "[test] fuzz:"
ARROWPACK_FUZZ_SECONDS=10 ./scripts/fuzz.sh || { echo "[test] fuzz: FAILED"; exit 1; }
# --- end of fuzz smoke run ---

# Closing line: totals over CTest and pytest, from their JUnit reports.
"$PYTHON" - "$WORK/ctest.xml" "$WORK/pytest.xml" <<'PY'
import os, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in sys.argv[1:]:
    if not os.path.exists(path):
        continue
    for case in ET.parse(path).iter("testcase"):
        outcome = {child.tag for child in case}
        if outcome & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcome:
            skipped += 1
        else:
            passed += 1
print(f"summary: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$pytest_rc"
