"""The second process of `arrowpack demo`: opens the shared-memory segments the first process wrote,
rebuilds the value from each and reports timings, memory growth and a checksum as one JSON line.

Run as `python -m arrowpack.cli.demo_reader ARROWPACK_SEGMENT PICKLE_SEGMENT`.
"""

import json
import pickle
import sys
import time

import numpy as np

import arrowpack as pa
from arrowpack import shared_memory


def resident_bytes():
    """This process's resident set size (VmRSS) in bytes."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def arrays_of(value):
    """Every ndarray in the demo graph."""
    return list(value["weights"]) + [value["mask"]]


def checksum(value):
    return float(sum(float(np.sum(array)) for array in arrays_of(value))) + len(value["labels"])


def read(name, rebuild):
    """Opens segment `name`, rebuilds its value; zero_copy says whether every array views the segment."""
    rss_before = resident_bytes()
    start = time.perf_counter()
    segment = shared_memory.open(name)
    opened = time.perf_counter()
    value = rebuild(segment.buffer)
    rebuilt = time.perf_counter()
    rss_after = resident_bytes()  # measured before the checksum touches the pages
    start_address, end_address = segment.buffer.address, segment.buffer.address + segment.buffer.size
    zero_copy = all(start_address <= array.ctypes.data < end_address for array in arrays_of(value))
    return {"open_seconds": opened - start, "rebuild_seconds": rebuilt - opened,
            "rss_growth": rss_after - rss_before, "zero_copy": zero_copy, "checksum": checksum(value)}


def main(argv):
    arrowpack_segment, pickle_segment = argv
    report = {
        "arrowpack": read(arrowpack_segment, pa.deserialize),
        "pickle": read(pickle_segment, lambda buffer: pickle.loads(memoryview(buffer))),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
