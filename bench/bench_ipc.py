"""Arrow IPC benchmarks against pyarrow (issue 4), one run, same data for both libraries.

Cases: stream and file write + read of a 1 MB batch at 1, 16, 256 and 1024 columns; 10k batches
of 100 rows; the seed's 10M-int32 file read_all through a memory map; zstd-compressed streams.
Sinks are in-memory BufferOutputStreams, sources the written buffers (zero-copy reads). Prints
wall times, then the CPU times of the same runs (all threads: total work, not latency).
Usage: python bench/bench_ipc.py [--quick] [--only GROUP ...]  (groups: wide, many, mmap, zstd)
"""
import argparse
import os
import sys
import tempfile
import time

import numpy as np
import pyarrow

import arrowpack as ap

sys.path.insert(0, os.path.dirname(__file__))
from _common import machine_line, print_table  # noqa: E402


def batch_of(ncols, nrows, seed=0):
    """A pyarrow batch of int64 columns and the same batch in arrowpack (zero-copy import)."""
    rng = np.random.default_rng(seed)
    theirs = pyarrow.record_batch([pyarrow.array(rng.integers(0, 1000, nrows)) for _ in range(ncols)],
                                  names=[f"c{i}" for i in range(ncols)])
    return ap.record_batch(theirs), theirs


def write(lib, batches, new, options=None):
    sink = lib.BufferOutputStream()
    with new(lib)(sink, batches[0].schema, options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return sink.getvalue()


def stream_writer(lib):
    return lib.ipc.new_stream


def file_writer(lib):
    return lib.ipc.new_file


def read_stream(lib, buf, options=None):
    return lib.ipc.open_stream(buf, options=options).read_all()


def read_file(lib, buf):
    return lib.ipc.open_file(buf).read_all()


def wall_and_cpu(fn, number):
    """Wall and CPU seconds (time.process_time: every thread of the process) per call of fn."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(number):
        fn()
    return (time.perf_counter() - wall) / number, (time.process_time() - cpu) / number


def pair(case, ours, theirs, repeat, number=1):
    """Best of `repeat` rounds in which the two libraries take turns, so a slow spell of a shared
    machine hits both alike: a row of wall times and one of CPU times (the best of each)."""
    ours_best = theirs_best = (float("inf"), float("inf"))
    for _ in range(repeat):
        ours_best = tuple(map(min, ours_best, wall_and_cpu(ours, number)))
        theirs_best = tuple(map(min, theirs_best, wall_and_cpu(theirs, number)))
    return ((case, ours_best[0], theirs_best[0], "pyarrow"), (case, ours_best[1], theirs_best[1], "pyarrow"))


def wide_rows(repeat):
    rows = []
    for ncols in (1, 16, 256, 1024):
        ours, theirs = batch_of(ncols, (1 << 20) // (8 * ncols))
        number = 20 if ncols < 256 else 3
        for kind, new, read in (("stream", stream_writer, read_stream), ("file", file_writer, read_file)):
            our_buf, their_buf = write(ap, [ours], new), write(pyarrow, [theirs], new)
            rows.append(pair(f"{kind} write, 1 MB batch, {ncols} columns",
                             lambda: write(ap, [ours], new), lambda: write(pyarrow, [theirs], new), repeat, number))
            rows.append(pair(f"{kind} read_all, 1 MB batch, {ncols} columns",
                             lambda: read(ap, our_buf), lambda: read(pyarrow, their_buf), repeat, number))
    return rows


def many_batch_rows(repeat):
    rng = np.random.default_rng(1)
    theirs = pyarrow.record_batch({"i": rng.integers(0, 1 << 40, 100), "f": rng.random(100),
                                   "s": pyarrow.array([f"value {i}" for i in range(100)])})
    ours = ap.record_batch(theirs)
    our_batches, their_batches = [ours] * 10_000, [theirs] * 10_000
    rows = []
    for kind, new, read in (("stream", stream_writer, read_stream), ("file", file_writer, read_file)):
        our_buf, their_buf = write(ap, our_batches, new), write(pyarrow, their_batches, new)
        rows.append(pair(f"{kind} write, 10k batches x 100 rows", lambda: write(ap, our_batches, new),
                         lambda: write(pyarrow, their_batches, new), repeat))
        rows.append(pair(f"{kind} read_all, 10k batches x 100 rows", lambda: read(ap, our_buf),
                         lambda: read(pyarrow, their_buf), repeat))
    return rows


def memory_map_rows(repeat, directory):
    path = os.path.join(directory, "bigfile.arrow")
    schema = pyarrow.schema([pyarrow.field("nums", pyarrow.int32())])
    with pyarrow.OSFile(path, "wb") as sink, pyarrow.ipc.new_file(sink, schema) as writer:
        batch = pyarrow.record_batch([pyarrow.array(np.arange(10_000, dtype=np.int32))], schema=schema)
        for _ in range(1000):
            writer.write(batch)

    def mapped(lib):
        with lib.memory_map(path, "rb") as source:
            return lib.ipc.open_file(source).read_all()

    before = ap.total_allocated_bytes()
    table = mapped(ap)
    assert ap.total_allocated_bytes() == before, "reading a memory map allocated from the pool"
    del table
    return [pair("10M int32 (1000 batches) file read_all from a memory map", lambda: mapped(ap),
                 lambda: mapped(pyarrow), repeat, 5)]


def zstd_rows(repeat):
    rng = np.random.default_rng(2)
    columns = {"small_ints": rng.integers(0, 100, 1 << 20), "walk": np.cumsum(rng.integers(-3, 4, 1 << 20))}
    theirs = pyarrow.record_batch(columns)
    ours = ap.record_batch(theirs)
    our_options = ap.ipc.IpcWriteOptions(compression="zstd")
    their_options = pyarrow.ipc.IpcWriteOptions(compression="zstd")
    our_buf = write(ap, [ours], stream_writer, our_options)
    their_buf = write(pyarrow, [theirs], stream_writer, their_options)
    print(f"\nzstd stream of 16 MB: arrowpack {our_buf.size} bytes, pyarrow {their_buf.size} bytes")
    return [
        pair("zstd stream write, 16 MB batch", lambda: write(ap, [ours], stream_writer, our_options),
             lambda: write(pyarrow, [theirs], stream_writer, their_options), repeat),
        pair("zstd stream read_all, 16 MB batch", lambda: read_stream(ap, our_buf),
             lambda: read_stream(pyarrow, their_buf), repeat),
        # One thread: the decoders alone, without the scheduling noise of a shared machine.
        pair("zstd stream read_all, 16 MB batch, use_threads=False",
             lambda: read_stream(ap, our_buf, ap.ipc.IpcReadOptions(use_threads=False)),
             lambda: read_stream(pyarrow, their_buf, pyarrow.ipc.IpcReadOptions(use_threads=False)), repeat),
    ]


GROUPS = {
    "wide": lambda repeat, directory: wide_rows(repeat),
    "many": lambda repeat, directory: many_batch_rows(repeat),
    "mmap": memory_map_rows,
    "zstd": lambda repeat, directory: zstd_rows(repeat),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--only", nargs="+", choices=GROUPS, default=list(GROUPS),
                        help="run only these groups of cases")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    print(f"Machine: {machine_line()}; pyarrow {pyarrow.__version__}; best of {repeat}")
    with tempfile.TemporaryDirectory() as directory:
        rows = [row for group in args.only for row in GROUPS[group](repeat, directory)]
    print_table("Arrow IPC (bench/bench_ipc.py)", [wall for wall, _ in rows])
    # On a busy machine the wall times swing with the load; CPU time (all threads) much less so.
    print_table("Arrow IPC, CPU time of the process (all threads)", [cpu for _, cpu in rows])


if __name__ == "__main__":
    main()
