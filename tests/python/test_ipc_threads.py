"""use_threads in IpcWriteOptions / IpcReadOptions: compressed batches big enough to be compressed
and decompressed on several threads give the same bytes, tables and errors as without threads,
and pyarrow reads what the threads wrote; a forked child gets threads of its own."""

import multiprocessing

import numpy as np
import pytest

import arrowpack as pa

ROWS = 1 << 17  # 1 MiB per int64 column: enough for several threads


@pytest.fixture(scope="module")
def table():
    return pa.table({f"c{i}": pa.array((np.arange(ROWS) * (i + 3)) % 1000) for i in range(4)})


def write(table, compression, use_threads):
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression=compression, use_threads=use_threads)
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue()


def read(data, use_threads):
    return pa.ipc.open_stream(data, options=pa.ipc.IpcReadOptions(use_threads=use_threads)).read_all()


@pytest.mark.parametrize("compression", ["zstd", "lz4"])
def test_threads_change_neither_bytes_nor_tables(table, compression):
    threaded = write(table, compression, True)
    assert threaded.to_pybytes() == write(table, compression, False).to_pybytes()
    assert read(threaded, True).equals(table)
    assert read(threaded, False).equals(table)


def test_pyarrow_reads_what_threads_wrote(table):
    pyarrow = pytest.importorskip("pyarrow")
    theirs = pyarrow.ipc.open_stream(pyarrow.py_buffer(write(table, "zstd", True))).read_all()
    assert theirs.equals(pyarrow.table(table))


def frame_offsets(data):
    """Offsets of the length prefixes of the four compressed column buffers."""
    prefix = np.int64(ROWS * 8).tobytes() + b"\x28\xb5\x2f\xfd"
    offsets, at = [], data.find(prefix)
    while at != -1:
        offsets.append(at)
        at = data.find(prefix, at + 1)
    assert len(offsets) == 4
    return offsets


def error_both_ways(data):
    errors = []
    for use_threads in (False, True):
        with pytest.raises(pa.ArrowException) as info:
            read(data, use_threads)
        errors.append((type(info.value), str(info.value)))
    assert errors[0] == errors[1]
    return errors[1]


def test_corrupt_frame_raises_the_same_error_with_threads(table):
    data = bytearray(write(table, "zstd", True).to_pybytes())
    frame = frame_offsets(bytes(data))[2] + 8
    for i in range(frame + 12, frame + 40):
        data[i] ^= 0x5A
    kind, message = error_both_ways(bytes(data))
    assert issubclass(kind, OSError)
    assert "zstd decompression failed" in message


def test_lowest_bad_buffer_is_reported_with_threads(table):
    data = bytearray(write(table, "zstd", True).to_pybytes())
    offsets = frame_offsets(bytes(data))
    data[offsets[1]:offsets[1] + 8] = np.int64(ROWS * 8 + 8).tobytes()  # column 1: buffer 3
    data[offsets[3]:offsets[3] + 8] = np.int64(ROWS * 8 + 16).tobytes()  # column 3: buffer 7
    for _ in range(10):
        kind, message = error_both_ways(bytes(data))
        assert kind is pa.ArrowInvalid
        assert "compressed IPC buffer 3 decompressed to 1048576 bytes, expected 1048584" in message


def _threaded_round_trip_in_child(table, expected, conn):
    """Runs in a forked child: the helper threads the parent started do not exist here."""
    written = write(table, "zstd", True).to_pybytes()
    conn.send((written == expected, read(written, True).equals(table)))
    conn.close()


@pytest.mark.filterwarnings("ignore:.*fork.*:DeprecationWarning")
def test_threads_work_in_a_forked_child(table):
    expected = write(table, "zstd", True).to_pybytes()  # the parent's helper threads now exist
    assert read(expected, True).equals(table)
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe(duplex=False)
    child = context.Process(target=_threaded_round_trip_in_child, args=(table, expected, child_end))
    child.start()
    child_end.close()
    assert parent_end.poll(120), "the forked child sent nothing"
    assert parent_end.recv() == (True, True)
    child.join(120)
    assert child.exitcode == 0
    assert read(write(table, "zstd", True), True).equals(table)  # and the parent's threads still work
