"""Columnar conversion benchmarks (issue: columnar core), arrowpack against pyarrow in one run.

pa.array from 10M-element Python lists of ints (inferred and typed), floats and strs, and from
numpy int64 arrays of 1k and 10M elements (zero-copy: the time must not grow with the size), then
to_pylist() and to_pandas() of the same arrays. Usage: python bench/bench_columnar.py [--quick]
"""
import argparse
import os
import sys

import numpy as np
import pyarrow

import arrowpack as ap

sys.path.insert(0, os.path.dirname(__file__))
from _common import best_time, machine_line, print_table  # noqa: E402


def conversion_rows(n, repeat):
    ints = list(range(n))
    floats = [i * 0.5 for i in range(n)]
    strs = [f"value-{i}" for i in range(n)]
    rows = []

    def add(case, ours, theirs):
        rows.append((case, best_time(ours, repeat), best_time(theirs, repeat), "pyarrow"))

    add(f"array(list of {n:,} int)", lambda: ap.array(ints), lambda: pyarrow.array(ints))
    add(f"array(list of {n:,} int, type=int64)", lambda: ap.array(ints, type=ap.int64()),
        lambda: pyarrow.array(ints, type=pyarrow.int64()))
    add(f"array(list of {n:,} float)", lambda: ap.array(floats), lambda: pyarrow.array(floats))
    add(f"array(list of {n:,} str)", lambda: ap.array(strs), lambda: pyarrow.array(strs))
    for size in (1_000, n):
        values = np.arange(size, dtype=np.int64)
        add(f"array(numpy int64 x {size:,}) [zero-copy]", lambda: ap.array(values), lambda: pyarrow.array(values))
    return rows, {"int": ints, "float": floats, "str": strs}


def export_rows(values, repeat):
    """to_pylist / to_pandas of the converted arrays."""
    ours = {kind: ap.array(items) for kind, items in values.items()}
    theirs = {kind: pyarrow.array(items) for kind, items in values.items()}
    rows = []
    for method in ("to_pylist", "to_pandas"):
        for kind, items in values.items():
            count = len(items)
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
    rows, values = conversion_rows(10_000_000 // scale, repeat)
    print_table("Python -> Arrow (pa.array)", rows, peer="pyarrow")
    print_table("Arrow -> Python", export_rows(values, repeat), peer="pyarrow")


if __name__ == "__main__":
    main()
