"""Memory and IO benchmarks (issue: foundation).

Prints, from one run: BufferOutputStream and FixedSizeBufferWriter write throughput against
single-core memcpy, and memory_map().read_buffer() time against pyarrow's for growing file sizes
(it should stay O(1) in the size). Usage: python bench/bench_io.py [--quick]
"""
import argparse
import os
import sys
import tempfile

import arrowpack as ap
import pyarrow

sys.path.insert(0, os.path.dirname(__file__))
from _common import best_time, machine_line, memcpy_seconds, print_table  # noqa: E402


def write_rows(nbytes, chunk):
    payload = bytes(chunk)
    writes = nbytes // chunk
    baseline = memcpy_seconds(nbytes)

    def buffer_output_stream():
        sink = ap.BufferOutputStream()
        for _ in range(writes):
            sink.write(payload)
        sink.getvalue()

    target = ap.allocate_buffer(nbytes)

    def fixed_size_writer():
        writer = ap.FixedSizeBufferWriter(target)
        for _ in range(writes):
            writer.write(payload)

    def pyarrow_buffer_output_stream():
        sink = pyarrow.BufferOutputStream()
        for _ in range(writes):
            sink.write(payload)
        sink.getvalue()

    label = f"{nbytes >> 20} MiB in {chunk >> 10} KiB writes"
    return [
        (f"BufferOutputStream, {label}", best_time(buffer_output_stream), baseline, "memcpy"),
        (f"FixedSizeBufferWriter, {label}", best_time(fixed_size_writer), baseline, "memcpy"),
        (f"BufferOutputStream, {label}", best_time(buffer_output_stream),
         best_time(pyarrow_buffer_output_stream), "pyarrow"),
    ]


def memory_map_rows(directory, sizes):
    rows = []
    for size in sizes:
        path = os.path.join(directory, f"map-{size}.bin")
        with open(path, "wb") as f:
            f.truncate(size)
        ours = ap.memory_map(path)
        theirs = pyarrow.memory_map(path)

        def read_ours():
            ours.seek(0)
            ours.read_buffer(size)

        def read_theirs():
            theirs.seek(0)
            theirs.read_buffer(size)

        rows.append((f"memory_map read_buffer, {size >> 20} MiB", best_time(read_ours, number=1000),
                     best_time(read_theirs, number=1000), "pyarrow"))
        ours.close()
        theirs.close()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes for a smoke run")
    args = parser.parse_args()
    nbytes = (64 if args.quick else 512) << 20
    print(f"Machine: {machine_line()}")
    rows = write_rows(nbytes, 1 << 20) + write_rows(nbytes, 64 << 10)
    print_table("Write throughput (ratio = time / peer time; <= 1.25 meets '>= 80% of memcpy')", rows)
    with tempfile.TemporaryDirectory() as directory:
        sizes = [1 << 20, 64 << 20] + ([] if args.quick else [1 << 30])
        print_table("memory_map read_buffer (O(1) in the size)", memory_map_rows(directory, sizes))


if __name__ == "__main__":
    main()
