"""Shared helpers for the Python benchmarks: timing, the memcpy baseline and a ratio table."""
import ctypes
import platform
import statistics
import time

import numpy as np


def best_time(fn, repeat=5, number=1):
    """Best wall time of `number` calls of fn over `repeat` runs, in seconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def memcpy_seconds(nbytes, repeat=5):
    """Single-core memcpy of nbytes between two pre-faulted numpy buffers."""
    src = np.ones(nbytes, dtype=np.uint8)
    dst = np.empty(nbytes, dtype=np.uint8)
    dst.fill(0)  # fault the pages in, so no timed run pays for them
    return best_time(lambda: ctypes.memmove(dst.ctypes.data, src.ctypes.data, nbytes), repeat)


def machine_line():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def print_table(title, rows, ours="arrowpack", peer="peer"):
    """rows: (case, our_seconds, peer_seconds, peer_name). Ratio < 1 means arrowpack is faster."""
    print(f"\n## {title}\n")
    print(f"| case | {ours} | {peer} | ratio (ours/peer) |")
    print("|---|---|---|---|")
    for case, our_s, peer_s, peer_name in rows:
        print(f"| {case} | {fmt(our_s)} | {fmt(peer_s)} ({peer_name}) | {our_s / peer_s:.2f} |")


def fmt(seconds):
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def median(values):
    return statistics.median(values)
