#!/usr/bin/env bash
# The one command that sets everything up and runs the main job: setup.sh, build and install the
# Python package (CMake build in <repo>/build, shared with scripts/test.sh), then the demo, which
# serializes a built-in sample object graph and reads it back.
# Setup and build logs go to build/logs/; a failing step prints its log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TAG=demo
source "$ROOT/scripts/common.sh"

step setup ./scripts/setup.sh
step pip-install "$PYTHON" -m pip install --no-build-isolation --no-deps "$ROOT"

# Run from outside the source tree so the installed package is the one imported.
cd "${TMPDIR:-/tmp}"
exec "$PYTHON" -m arrowpack demo
