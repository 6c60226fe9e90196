"""Transport benchmarks (issue 6).

Prints, from one run:
- shared memory: another process opens a table of 64 MiB to 1 GiB written with
  arrowpack.shared_memory and reads it zero-copy; open time and the reader's RSS growth should not
  depend on the size. Peer: pyarrow memory-mapping the same segment (/dev/shm/NAME) and reading
  the same IPC stream, in the same kind of fresh process.
- shared memory, serialized values: the same for a dict of float64 arrays written with
  shared_memory.write_serialized and deserialized zero-copy; peer: pickle protocol 5 bytes in a
  segment, unpickled by the reader.
- frames over a local socket: to_frames + send_frames / recv_frames + from_frames of a 256 MiB
  component list through a socketpair, against memcpy of the same bytes and against the raw
  socket (sendall of one bytes object, recv_into a preallocated buffer).
- Dask: a dict of 500x500 float64 arrays scattered to a worker process and gathered back
  (direct=True) by a client using the "arrowpack" family, against Dask's "pickle" family and its
  default ["dask", "pickle"].
Usage: python bench/bench_transport.py [--quick]
"""
import argparse
import multiprocessing
import os
import pickle
import socket
import sys
import threading
import time

import numpy as np
import pyarrow

import arrowpack as ap
from arrowpack import frames, shared_memory

sys.path.insert(0, os.path.dirname(__file__))
from _common import best_time, fmt, machine_line, memcpy_seconds, print_table  # noqa: E402


def rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def read_with_arrowpack(name, queue):
    before = rss_bytes()
    start = time.perf_counter()
    table = shared_memory.read_table(name)
    seconds = time.perf_counter() - start
    queue.put((seconds, rss_bytes() - before, table.num_rows))


def read_with_pyarrow(name, queue):
    before = rss_bytes()
    start = time.perf_counter()
    mapped = pyarrow.memory_map(f"/dev/shm/{name}")
    payload = mapped.read_buffer()[64:]  # arrowpack's segment header is 64 bytes
    table = pyarrow.ipc.open_stream(payload).read_all()
    seconds = time.perf_counter() - start
    queue.put((seconds, rss_bytes() - before, table.num_rows))


def read_value_with_arrowpack(name, queue):
    before = rss_bytes()
    start = time.perf_counter()
    value = shared_memory.open(name).deserialize()
    seconds = time.perf_counter() - start
    queue.put((seconds, rss_bytes() - before, len(value)))


def read_value_with_pickle(name, queue):
    before = rss_bytes()
    start = time.perf_counter()
    value = pickle.loads(memoryview(shared_memory.open(name).buffer))
    seconds = time.perf_counter() - start
    queue.put((seconds, rss_bytes() - before, len(value)))


def in_fresh_process(target, name):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(name, queue))
    process.start()
    result = queue.get(timeout=300)
    process.join()
    return result


def shared_memory_rows(sizes):
    rows, rss = [], []
    for size in sizes:
        name = f"arrowpack-bench-{os.getpid()}-{size}"
        table = ap.table({"x": np.ones(size // 8, dtype=np.float64)})
        shared_memory.write_table(name, table)
        del table
        try:
            ours = min(in_fresh_process(read_with_arrowpack, name) for _ in range(3))
            peer = min(in_fresh_process(read_with_pyarrow, name) for _ in range(3))
        finally:
            shared_memory.unlink(name)
        label = f"open + read_table, {size >> 20} MiB"
        rows.append((label, ours[0], peer[0], "pyarrow memory_map"))
        rss.append((size, ours[1], peer[1]))
    return rows, rss


def serialized_value_rows(sizes):
    """A dict of 8 float64 arrays (size bytes in all) through shared memory: arrowpack's serialized
    value against pickle protocol 5 (in-band) bytes in the same kind of segment."""
    rows, rss = [], []
    for size in sizes:
        value = {f"a{i}": np.ones(size // 64, dtype=np.float64) for i in range(8)}
        ours_name = f"arrowpack-bench-{os.getpid()}-value-{size}"
        peer_name = f"arrowpack-bench-{os.getpid()}-pickle-{size}"
        shared_memory.write_serialized(ours_name, ap.serialize(value))
        shared_memory.write_bytes(peer_name, pickle.dumps(value, protocol=5))
        del value
        try:
            ours = min(in_fresh_process(read_value_with_arrowpack, ours_name) for _ in range(3))
            peer = min(in_fresh_process(read_value_with_pickle, peer_name) for _ in range(3))
        finally:
            shared_memory.unlink(ours_name)
            shared_memory.unlink(peer_name)
        rows.append((f"open + deserialize, {size >> 20} MiB", ours[0], peer[0], "pickle.loads of the segment"))
        rss.append((size, ours[1], peer[1]))
    return rows, rss


def send_receive(header, wire):
    left, right = socket.socketpair()
    with left, right:
        sender = threading.Thread(target=frames.send_frames, args=(left, header, wire))
        sender.start()
        got_header, got_frames = frames.recv_frames(right)
        sender.join()
    return frames.from_frames(got_header, got_frames)


def raw_socket(payload, target):
    left, right = socket.socketpair()
    view = memoryview(target)
    with left, right:
        sender = threading.Thread(target=left.sendall, args=(payload,))
        sender.start()
        received = 0
        while received < len(view):
            received += right.recv_into(view[received:])
        sender.join()


def frames_rows(nbytes):
    body = np.random.default_rng(0).integers(0, 255, nbytes, dtype=np.uint8)
    components = {"num_tensors": 1, "num_ndarrays": 0, "num_buffers": 0, "num_sparse_tensors": {},
                  "data": [ap.py_buffer(b"\xff\xff\xff\xff" + b"\0" * 252), ap.py_buffer(body)]}

    def through_socket():
        header, wire = frames.to_frames(components)
        send_receive(header, wire)

    target = np.empty(nbytes, dtype=np.uint8)
    label = f"frames over a socketpair, {nbytes >> 20} MiB"
    ours = best_time(through_socket, repeat=3)
    return [
        (label, ours, memcpy_seconds(nbytes, repeat=3), "memcpy"),
        (label, ours, best_time(lambda: raw_socket(body, target), repeat=3), "raw socket sendall/recv_into"),
    ], nbytes / ours / 1e9


def dask_rows(count):
    import distributed

    rng = np.random.default_rng(0)
    value = {f"a{i}": rng.random((500, 500)) for i in range(count)}
    times = {}
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  preload=["arrowpack"]) as cluster:
        for families in (["arrowpack"], ["pickle"], ["dask", "pickle"]):
            with distributed.Client(cluster, serializers=families, deserializers=families) as client:
                def round_trip():
                    [future] = client.scatter([value], direct=True, hash=False)
                    client.gather(future, direct=True)
                    future.release()
                times[tuple(families)] = best_time(round_trip, repeat=3)
    label = f"scatter + gather, {count} x 500x500 float64 ({count * 2} MB)"
    ours = times[("arrowpack",)]
    return [(label, ours, times[("pickle",)], "Dask pickle family"),
            (label, ours, times[("dask", "pickle")], "Dask default dask+pickle")]


def print_rss_table(rss, peer):
    """rss: (size, our growth, peer growth) in bytes, one row per size."""
    print(f"\n| size | reader RSS growth, arrowpack | reader RSS growth, {peer} |")
    print("|---|---|---|")
    for size, ours, theirs in rss:
        print(f"| {size >> 20} MiB | {ours / 1024:.0f} KiB | {theirs / 1024:.0f} KiB |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes only (seconds, not minutes)")
    args = parser.parse_args()
    sizes = [16 << 20, 64 << 20] if args.quick else [64 << 20, 256 << 20, 1 << 30]
    print(f"Machine: {machine_line()}, arrowpack {ap.__version__}, pyarrow {pyarrow.__version__}")
    rows, rss = shared_memory_rows(sizes)
    print_table("Shared memory: another process opens and reads a table", rows, peer="peer")
    print_rss_table(rss, "pyarrow memory_map")
    rows, rss = serialized_value_rows(sizes)
    print_table("Shared memory: another process opens and deserializes a serialized value", rows, peer="peer")
    print_rss_table(rss, "pickle")
    rows, gbps = frames_rows(64 << 20 if args.quick else 256 << 20)
    print_table("Header + frames over a local socket", rows, peer="peer")
    print(f"\nframes throughput: {gbps:.2f} GB/s ({fmt(rows[0][1])} per transfer)")
    print_table("Dask: client <-> worker process", dask_rows(10 if args.quick else 100), peer="peer")


if __name__ == "__main__":
    main()
