"""`arrowpack demo`: the foundation at work on built-in data (buffers and pool accounting, a
zero-copy memory map, the codecs)."""

import os
import tempfile
import time

import arrowpack as pa
from arrowpack.cli.tables import format_table


def sample_data(rows):
    """Deterministic CSV-like text: compressible but not trivially so."""
    names = ["ada", "grace", "alan", "edsger", "barbara", "donald", "frances", "ken"]
    lines = [b"id,name,score,flag\n"]
    for i in range(rows):
        lines.append(b"%d,%s,%d.%02d,%s\n" % (
            i, names[(i * 7) % len(names)].encode(), (i * 37) % 1000, (i * 13) % 100,
            b"true" if i % 3 else b"false"))
    return b"".join(lines)


def demo_pool():
    pool = pa.default_memory_pool()
    rows = [("start", "", pool.bytes_allocated())]
    buf = pa.allocate_buffer(1000, resizable=True)
    rows.append(("allocate_buffer(1000, resizable=True)", buf.size, pool.bytes_allocated()))
    buf.resize(1 << 20)
    rows.append(("resize(1 MiB)", buf.size, pool.bytes_allocated()))
    piece = buf.slice(10, 100)
    rows.append(("zero-copy slice(10, 100)", piece.size, pool.bytes_allocated()))
    del buf, piece
    rows.append(("all references dropped", "", pool.bytes_allocated()))
    print("Buffers and the %r memory pool" % pool.backend_name)
    print(format_table(["step", "buffer size", "pool bytes"], rows))


def demo_memory_map(data, directory):
    path = os.path.join(directory, "arrowpack-demo.bin")
    with pa.create_memory_map(path, len(data)) as mm:
        mm.write(data)
    before = pa.total_allocated_bytes()
    with pa.memory_map(path) as mm:
        start = time.perf_counter()
        view = mm.read_buffer()
        elapsed = time.perf_counter() - start
    pool_delta = pa.total_allocated_bytes() - before
    same = view.equals(pa.py_buffer(data))
    rows = [(os.path.basename(path), len(data), view.size, "%.1f us" % (elapsed * 1e6), pool_delta, same)]
    del view
    os.remove(path)
    print("Memory map: written through the map, read back zero-copy")
    print(format_table(["file", "written", "read", "read time", "pool bytes added", "identical"], rows))


def demo_codecs(data):
    rows = []
    for name in ["lz4", "zstd", "gzip"]:
        if not pa.Codec.is_available(name):
            continue
        codec = pa.Codec(name)
        start = time.perf_counter()
        compressed = codec.compress(data)
        elapsed = time.perf_counter() - start
        restored = codec.decompress(compressed, len(data))
        rows.append((name, codec.compression_level, len(data), compressed.size,
                     "%.2fx" % (len(data) / compressed.size), "%.1f ms" % (elapsed * 1e3),
                     restored.equals(pa.py_buffer(data))))
    print("Codecs on the sample")
    print(format_table(["codec", "level", "input", "compressed", "ratio", "time", "round trip"], rows))


def run_demo(args):
    data = sample_data(args.rows)
    print("arrowpack %s demo: %d bytes of built-in sample data (%d rows)\n" % (pa.__version__, len(data),
                                                                              args.rows))
    demo_pool()
    print()
    with tempfile.TemporaryDirectory() as directory:
        demo_memory_map(data, directory)
    print()
    demo_codecs(data)
    return 0
