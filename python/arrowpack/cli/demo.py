"""`arrowpack demo`, the README's main job: serialize a built-in object graph of large arrays, strings
and small values, move it to a second process through POSIX shared memory, and rebuild it there
zero-copy; the same trip with pickle protocol 5 runs beside it, and a table compares the two."""

import datetime
import json
import os
import pickle
import subprocess
import sys
import time

import numpy as np

import arrowpack as pa
from arrowpack import shared_memory
from arrowpack.cli.demo_reader import checksum
from arrowpack.cli.tables import format_bytes, format_table


def sample_graph(scale):
    """Deterministic sample: 8 float64 matrices of scale x scale, an int32 vector, 10k strings, scalars."""
    rng = np.random.default_rng(2026)
    return {
        "experiment": "arrowpack demo",
        "created": datetime.datetime(2026, 11, 23, 12, 0, 0),
        "weights": [rng.standard_normal((scale, scale)) for _ in range(8)],
        "mask": np.arange(scale * scale, dtype=np.int32),
        "labels": ["sample-%05d" % i for i in range(10_000)],
        "counts": {"train": 80_000, "test": 20_000, "ratio": 0.8},
        "tags": ("demo", "zero-copy", None, True),
    }


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def write_segments(graph, prefix):
    """Writes both encodings into two segments; returns per-method sizes and times."""
    serialized, serialize_seconds = timed(lambda: pa.serialize(graph))
    arrowpack_name = prefix + "-arrowpack"
    size, write_seconds = timed(lambda: shared_memory.write_serialized(arrowpack_name, serialized))
    pickled, pickle_seconds = timed(lambda: pickle.dumps(graph, protocol=5))
    pickle_name = prefix + "-pickle"
    pickle_size, pickle_write_seconds = timed(lambda: shared_memory.write_bytes(pickle_name, pickled))
    return {
        "arrowpack": {"segment": arrowpack_name, "bytes": size, "serialize_seconds": serialize_seconds,
                      "write_seconds": write_seconds},
        "pickle": {"segment": pickle_name, "bytes": pickle_size, "serialize_seconds": pickle_seconds,
                   "write_seconds": pickle_write_seconds},
    }


def read_in_second_process(written):
    command = [sys.executable, "-m", "arrowpack.cli.demo_reader",
               written["arrowpack"]["segment"], written["pickle"]["segment"]]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise pa.ArrowException("the reading process failed:\n" + result.stderr)
    return json.loads(result.stdout)


def ms(seconds):
    return "%.1f ms" % (seconds * 1e3)


def run_demo(args):
    graph = sample_graph(args.scale)
    array_bytes = sum(array.nbytes for array in graph["weights"]) + graph["mask"].nbytes
    print("arrowpack %s demo: a dict of 9 arrays (%s), 10,000 strings and small values\n"
          % (pa.__version__, format_bytes(array_bytes)))
    prefix = "arrowpack-demo-%d" % os.getpid()
    written = write_segments(graph, prefix)
    try:
        read = read_in_second_process(written)
    finally:
        for method in written.values():
            shared_memory.unlink(method["segment"])
    expected = checksum(graph)
    rows = []
    for method, label in (("arrowpack", "arrowpack serialize"), ("pickle", "pickle protocol 5")):
        mine, theirs = written[method], read[method]
        rows.append((label, format_bytes(mine["bytes"]), ms(mine["serialize_seconds"]), ms(mine["write_seconds"]),
                     ms(theirs["open_seconds"]), ms(theirs["rebuild_seconds"]), format_bytes(max(theirs["rss_growth"], 0)),
                     "yes" if theirs["zero_copy"] else "no", theirs["checksum"] == expected))
    print("Writer process -> shared memory -> reader process")
    print(format_table(["method", "payload", "serialize", "to shared memory", "reader: open", "reader: rebuild",
                        "reader: memory growth", "zero-copy arrays", "same values"], rows))
    speedup = read["pickle"]["rebuild_seconds"] / max(read["arrowpack"]["rebuild_seconds"], 1e-9)
    print("\nThe reader rebuilt the value %.0fx faster than pickle.loads, without copying the arrays." % speedup)
    return 0
