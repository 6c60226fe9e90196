"""`arrowpack bench`: a short benchmark suite with our time beside the peer's (pickle protocol 5, and
pyarrow when it is installed) from the same run. Ratios below 1 mean arrowpack is faster. The full
suites with more cases live in the source tree's bench/ folder."""

import pickle
import time

import numpy as np

import arrowpack as pa
from arrowpack.cli.progress import Progress
from arrowpack.cli.tables import format_table


def best_seconds(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def pickle_round_trip(value):
    buffers = []
    data = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    return pickle.loads(data, buffers=buffers)


def serialize_cases(scale):
    arrays = {"a%d" % i: np.random.default_rng(i).random((scale, scale)) for i in range(100)}
    strings = ["string number %d" % i for i in range(200 * scale)]
    sets = {i: {str(i), str(i + 1)} for i in range(100 * scale)}
    for name, value in [("dict of 100 %dx%d float64 arrays" % (scale, scale), arrays),
                        ("list of %d strings" % len(strings), strings),
                        ("dict of %d small sets" % len(sets), sets)]:
        yield ("serialize+deserialize " + name,
               lambda v=value: pa.deserialize(pa.serialize(v).to_buffer()),
               lambda v=value: pickle_round_trip(v), "pickle 5 (out-of-band)")


def ipc_cases(scale):
    try:
        import pyarrow
    except ImportError:
        return
    columns = {"c%d" % i: np.arange(scale * 1000, dtype=np.int64) + i for i in range(16)}
    ours = pa.record_batch(list(map(pa.array, columns.values())), names=list(columns))
    theirs = pyarrow.record_batch(list(map(pyarrow.array, columns.values())), names=list(columns))

    def round_trip(lib, batch):
        sink = lib.BufferOutputStream()
        with lib.ipc.new_stream(sink, batch.schema) as writer:
            for _ in range(10):
                writer.write_batch(batch)
        return lib.ipc.open_stream(sink.getvalue()).read_all()

    yield ("IPC stream write+read, 10 batches x 16 int64 columns",
           lambda: round_trip(pa, ours), lambda: round_trip(pyarrow, theirs), "pyarrow %s" % pyarrow.__version__)


def run(args):
    cases = list(serialize_cases(args.scale)) + list(ipc_cases(args.scale))
    rows = []
    with Progress("bench", len(cases)) as progress:
        for name, ours, peer, peer_name in cases:
            ours()
            peer()  # warm both up once
            our_seconds = best_seconds(ours, args.repeat)
            peer_seconds = best_seconds(peer, args.repeat)
            rows.append((name, "%.2f ms" % (our_seconds * 1e3), "%.2f ms" % (peer_seconds * 1e3), peer_name,
                         "%.2f" % (our_seconds / peer_seconds)))
            progress.advance()
    print(format_table(["case", "arrowpack", "peer", "peer is", "ratio"], rows))
    return 0
