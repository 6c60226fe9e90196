# Shared by the scripts in this folder (sourced, not run). Expects ROOT (the repo root) and TAG
# (the prefix of progress lines) to be set.
PYTHON="${PYTHON:-python3}"
LOG_DIR="${LOG_DIR:-$ROOT/build/logs}"
mkdir -p "$LOG_DIR"

# ccache: lets objects compiled in one clone be reused by a clone at another path.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
export PIP_ROOT_USER_ACTION=ignore

# step NAME CMD...: runs CMD with its output in $LOG_DIR/NAME.log; prints the log if CMD fails,
# then exits with its status.
step() {
  local name="$1" start=$SECONDS rc=0
  shift
  "$@" >"$LOG_DIR/$name.log" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]]; then
    echo "[$TAG] $name: ok ($((SECONDS - start))s)"
  else
    echo "[$TAG] $name: FAILED (exit $rc); log $LOG_DIR/$name.log:"
    cat "$LOG_DIR/$name.log"
    exit "$rc"
  fi
}
