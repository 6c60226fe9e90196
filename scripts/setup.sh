#!/usr/bin/env bash
# Installs what arrowpack needs to build and test on Debian 12 (run as root, or with sudo on PATH).
# Idempotent: every step first checks whether its work is already done, so a second run is quick.
#   - Debian packages (compilers, CMake helpers, C/C++ libraries, clang for libFuzzer)
#   - the Python packages of requirements-dev.txt, for the python3 on PATH
#   - /opt/arrowpack-venvs/pyarrow11: pyarrow 11 + numpy<2, the legacy serialize() peer (optional)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
LEGACY_VENV="${ARROWPACK_LEGACY_VENV:-/opt/arrowpack-venvs/pyarrow11}"
export PIP_ROOT_USER_ACTION=ignore

say() { echo "[setup] $*"; }

APT_PACKAGES=(
  build-essential ninja-build ccache pkg-config
  libzstd-dev liblz4-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev libmimalloc-dev
  libflatbuffers-dev flatbuffers-compiler libmsgpack-cxx-dev
  clang libclang-rt-14-dev
)

install_apt_packages() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "Debian packages: all present"
    return
  fi
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  say "Debian packages: installing ${missing[*]}"
  # The package lists may be stale or absent on a fresh machine; refresh them only when installing.
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Prints the requirements of $1 that the interpreter $2 does not satisfy yet (one per line).
unmet_requirements() {
  "$2" - "$1" <<'PY'
import re, sys
from importlib import metadata
try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement

def satisfied(req, seen):
    if req.name.lower() in seen:
        return True
    seen.add(req.name.lower())
    try:
        version = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        return False
    if not req.specifier.contains(version, prereleases=True):
        return False
    # An extra such as dask[distributed] is met when the packages it pulls in are.
    for extra in req.extras:
        for line in metadata.requires(req.name) or []:
            dep = Requirement(line)
            if dep.marker and dep.marker.evaluate({"extra": extra}) and not satisfied(dep, seen):
                return False
    return True

for line in open(sys.argv[1]):
    line = re.sub(r"#.*", "", line).strip()
    if line and not satisfied(Requirement(line), set()):
        print(line)
PY
}

install_python_packages() {
  local unmet
  unmet="$(unmet_requirements "$ROOT/requirements-dev.txt" "$PYTHON")"
  if [[ -z "$unmet" ]]; then
    say "Python packages: all present"
    return
  fi
  say "Python packages: installing $(echo "$unmet" | tr '\n' ' ')"
  "$PYTHON" -m pip install -q -r "$ROOT/requirements-dev.txt"
}

# CMake 3.20 or newer must be on PATH; pip's cmake (from requirements-dev.txt) provides it when
# the system one is older.
check_cmake() {
  local version
  version="$(cmake --version 2>/dev/null | head -n1 | awk '{print $3}')"
  if [[ -z "$version" ]] || ! printf '3.20\n%s\n' "$version" | sort -V -C; then
    say "CMake ${version:-missing} is too old; installing it with pip"
    "$PYTHON" -m pip install -q "cmake>=3.20"
    hash -r
    version="$(cmake --version | head -n1 | awk '{print $3}')"
  fi
  say "CMake $version"
}

# The legacy peer is optional: tests that need it skip when the venv is missing. pandas and scipy
# let pyarrow 11 register its pandas and scipy serialization handlers (interop tests of issue 5).
setup_legacy_venv() {
  local py="$LEGACY_VENV/bin/python"
  local check='import numpy, pandas, scipy, pyarrow; assert pyarrow.__version__.startswith("11.") and numpy.__version__ < "2"'
  if [[ -x "$py" ]] && "$py" -c "$check" 2>/dev/null; then
    say "pyarrow 11 venv: present at $LEGACY_VENV"
    return
  fi
  say "pyarrow 11 venv: creating $LEGACY_VENV"
  if "$PYTHON" -m venv --clear "$LEGACY_VENV" \
      && "$py" -m pip install -q "pyarrow==11.*" "numpy<2" "pandas<2" "scipy<1.14" \
      && "$py" -c "$check"; then
    say "pyarrow 11 venv: ready"
  else
    say "WARNING: could not set up the pyarrow 11 venv; tests against legacy pyarrow.serialize will skip"
  fi
}

install_apt_packages
install_python_packages
check_cmake
setup_legacy_venv
say "done"
