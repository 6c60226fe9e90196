"""Object serialization benchmarks (issue 5): arrowpack against pickle protocol 5 (in-band and
out-of-band buffers) and pyarrow 11's serialize (its venv, as a subprocess), one run. Within the
process arrowpack and pickle take turns case by case (best of the rounds), so a slow spell of a shared
machine hits both alike; pyarrow 11 runs afterwards in its own process.

Cases (bench/_serialize_cases.py): a dict of 100 x 500x500 float64 (serialize+to_components,
deserialize_components, to_buffer, deserialize), pyperformance-like small objects, a list of 200k
strings, a dict of 100k small sets, a DataFrame of 100k x 5 floats plus a string column. Also
to_buffer of the large dict against single-core memcpy of the same bytes.
Usage: python bench/bench_serialize.py [--quick]
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import _serialize_cases as cases  # noqa: E402
from _common import fmt, machine_line, memcpy_seconds  # noqa: E402

import arrowpack as ap  # noqa: E402

VENV_PYTHON = pathlib.Path(os.environ.get("ARROWPACK_LEGACY_VENV", "/opt/arrowpack-venvs/pyarrow11")) / "bin/python"


def pyarrow11(repeat):
    if not VENV_PYTHON.exists():
        return {}
    done = subprocess.run([str(VENV_PYTHON), cases.__file__, str(repeat)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one repetition instead of five")
    repeat = 1 if parser.parse_args().quick else 5

    value_map = cases.values()
    timed = cases.interleaved_best({
        "arrowpack": cases.operations(ap, value_map, ap.default_serialization_context()),
        "pickle5": cases.pickle_operations(value_map, False),
        "pickle5 out-of-band": cases.pickle_operations(value_map, True),
    }, repeat)
    ours = timed.pop("arrowpack")
    peers = {**timed, "pyarrow 11": pyarrow11(repeat)}

    print(f"\nMachine: {machine_line()}")
    header = " | ".join(f"{p} | ratio" for p in peers)
    print(f"\n| case / operation | arrowpack | {header} |")
    print("|---|---" + "|---|---" * len(peers) + "|")
    for key, seconds in ours.items():
        cells = []
        for results in peers.values():
            peer = results.get(key)
            cells.append(f"{fmt(peer)} | {seconds / peer:.2f}" if peer else "n/a | n/a")
        print(f"| {key} | {fmt(seconds)} | {' | '.join(cells)} |")

    large = value_map[cases.LARGE]
    nbytes = ap.serialize(large).total_bytes
    copy = memcpy_seconds(nbytes, repeat)
    to_buffer = ours[f"{cases.LARGE} / to_buffer"]
    print(f"\nto_buffer of {nbytes / 2**20:.0f} MiB: {fmt(to_buffer)}; single-core memcpy {fmt(copy)}; "
          f"{copy / to_buffer:.0%} of memcpy speed (target >= 80%)")


if __name__ == "__main__":
    main()
