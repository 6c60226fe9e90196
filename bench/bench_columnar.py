"""Columnar conversion benchmarks (issue: columnar core), arrowpack against pyarrow in one run.

pa.array from a 10M-element Python int list (inferred and typed), a 1M-element str list, a 10M
float list and 10M-element numpy int64 arrays (zero-copy: the time must not grow with the size),
then to_pylist() and to_pandas() of the same arrays. Rows whose arrowpack API is missing are
skipped with a message. Usage: python bench/bench_columnar.py [--quick]
"""
import argparse
import os
import sys

import numpy as np
import pyarrow

import arrowpack as ap

sys.path.insert(0, os.path.dirname(__file__))
from _common import best_time, machine_line, print_table  # noqa: E402


def conversion_rows(n_ints, n_strs, repeat):
    ints = list(range(n_ints))
    floats = [i * 0.5 for i in range(n_ints)]
    strs = [f"value-{i}" for i in range(n_strs)]
    rows = []

    def add(case, ours, theirs):
        rows.append((case, best_time(ours, repeat), best_time(theirs, repeat), "pyarrow"))

    add(f"array(list of {n_ints:,} int)", lambda: ap.array(ints), lambda: pyarrow.array(ints))
    add(f"array(list of {n_ints:,} int, type=int64)", lambda: ap.array(ints, type=ap.int64()),
        lambda: pyarrow.array(ints, type=pyarrow.int64()))
    add(f"array(list of {n_ints:,} float)", lambda: ap.array(floats), lambda: pyarrow.array(floats))
    add(f"array(list of {n_strs:,} str)", lambda: ap.array(strs), lambda: pyarrow.array(strs))
    for size in (1_000, n_ints):
        values = np.arange(size, dtype=np.int64)
        add(f"array(numpy int64 x {size:,}) [zero-copy]", lambda: ap.array(values), lambda: pyarrow.array(values))
    return rows, ints, strs


def export_rows(ints, strs, repeat):
    """to_pylist / to_pandas of the converted arrays, where arrowpack has them."""
    ours = {"int": ap.array(ints), "str": ap.array(strs)}
    theirs = {"int": pyarrow.array(ints), "str": pyarrow.array(strs)}
    rows = []
    for method in ("to_pylist", "to_pandas"):
        if not hasattr(ours["int"], method):
            print(f"skipped: arrowpack arrays have no {method}() yet")
            continue
        for kind, count in (("int", len(ints)), ("str", len(strs))):
            rows.append((f"{method}() of {count:,} {kind}", best_time(getattr(ours[kind], method), repeat),
                         best_time(getattr(theirs[kind], method), repeat), "pyarrow"))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller inputs, fewer repeats")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    repeat = 2 if args.quick else 5
    print(machine_line())
    print(f"pyarrow {pyarrow.__version__}, numpy {np.__version__}")
    rows, ints, strs = conversion_rows(10_000_000 // scale, 1_000_000 // scale, repeat)
    print_table("Python -> Arrow (pa.array)", rows, peer="pyarrow")
    rows = export_rows(ints, strs, repeat)
    if rows:
        print_table("Arrow -> Python", rows, peer="pyarrow")


if __name__ == "__main__":
    main()
