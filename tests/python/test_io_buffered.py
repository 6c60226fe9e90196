"""BufferedInputStream / BufferedOutputStream (pyarrow's classes) and input_stream/output_stream
with buffer_size: small reads and writes reach the wrapped file in few calls, the bytes are
unchanged (IPC streams included, read and written by pyarrow), detach and close behave as pyarrow's,
and bad arguments raise clear errors."""

import io
import socket
import threading

import pyarrow
import pytest

import arrowpack as pa


class CountingBytesIO(io.BytesIO):
    """A Python file that counts the read and write calls it gets."""

    def __init__(self, data=b""):
        super().__init__(data)
        self.reads = 0
        self.writes = 0

    def read(self, size=-1):
        self.reads += 1
        return super().read(size)

    def readinto(self, buffer):
        self.reads += 1
        return super().readinto(buffer)

    def write(self, data):
        self.writes += 1
        return super().write(data)


def sample_stream():
    table = pyarrow.table({"x": list(range(1000)), "s": [str(i) for i in range(1000)]})
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=100)
    return table, sink.getvalue().to_pybytes()


def test_small_reads_are_served_from_the_buffer():
    data = bytes(range(256)) * 16
    raw = CountingBytesIO(data)
    stream = pa.BufferedInputStream(pa.PythonFile(raw, mode="r"), 1024)
    got = b"".join(stream.read(3) for _ in range(300))
    assert got == data[:900]
    assert raw.reads == 1
    assert stream.tell() == 900
    assert stream.read() == data[900:]
    assert stream.read(10) == b""


def test_ipc_stream_through_a_buffered_python_file():
    table, data = sample_stream()
    raw = CountingBytesIO(data)
    unbuffered_reads = CountingBytesIO(data)
    pa.ipc.open_stream(pa.PythonFile(unbuffered_reads, mode="r")).read_all()
    with pa.ipc.open_stream(pa.BufferedInputStream(pa.PythonFile(raw, mode="r"), 64 * 1024)) as reader:
        result = reader.read_all()
    assert pyarrow.table(result).equals(table)
    assert raw.reads < unbuffered_reads.reads / 5


def test_detach_returns_the_wrapped_file_after_the_buffered_bytes():
    source = pa.BufferReader(b"abcdefghij")
    stream = pa.BufferedInputStream(source, 4)
    assert stream.read(1) == b"a"
    raw = stream.detach()
    assert raw is source and not raw.closed
    assert raw.tell() == 4 and raw.read() == b"efghij"
    assert stream.closed
    with pytest.raises(ValueError, match="closed"):
        stream.read(1)
    with pytest.raises(ValueError, match="closed"):
        stream.detach()


def test_small_writes_reach_the_file_in_few_calls():
    raw = CountingBytesIO()
    stream = pa.BufferedOutputStream(pa.PythonFile(raw, mode="w"), 1000)
    for i in range(500):
        stream.write(b"%03d" % i)
    assert raw.writes == 1  # 1500 bytes: one full buffer so far
    assert stream.tell() == 1500
    stream.flush()
    assert raw.getvalue() == b"".join(b"%03d" % i for i in range(500))
    assert raw.writes == 2
    stream.close()
    assert raw.closed


def test_ipc_writer_through_a_buffered_output_and_detach():
    table, _ = sample_stream()
    sink = pa.BufferOutputStream()
    buffered = pa.BufferedOutputStream(sink, 4096)
    with pa.ipc.new_stream(buffered, pa.schema(table.schema)) as writer:
        writer.write_table(pa.table(table), max_chunksize=100)
    assert not buffered.closed  # the writer leaves the file it was given open, as pyarrow's
    buffered.flush()
    assert pyarrow.ipc.open_stream(sink.getvalue().to_pybytes()).read_all().equals(table)

    sink = pa.BufferOutputStream()
    buffered = pa.BufferedOutputStream(sink, 1 << 20)
    buffered.write(b"tail")
    assert sink.tell() == 0
    assert buffered.detach() is sink
    assert not sink.closed and sink.getvalue().to_pybytes() == b"tail"
    with pytest.raises(ValueError, match="closed"):
        buffered.write(b"x")


def test_buffered_ipc_bytes_read_by_pyarrow(tmp_path):
    table, _ = sample_stream()
    path = tmp_path / "data.arrows"
    with pa.output_stream(str(path), buffer_size=512) as sink:
        assert isinstance(sink, pa.BufferedOutputStream)
        writer = pa.ipc.new_stream(sink, pa.schema(table.schema))
        writer.write_table(pa.table(table), max_chunksize=10)
        writer.close()
    assert pyarrow.ipc.open_stream(path.read_bytes()).read_all().equals(table)
    with pa.input_stream(str(path), buffer_size=512) as source:
        assert isinstance(source, pa.BufferedInputStream)
        assert pyarrow.table(pa.ipc.open_stream(source).read_all()).equals(table)


@pytest.mark.parametrize("buffer_size", [None, 0, 100])
def test_compressed_and_buffered_streams_round_trip_with_pyarrow(tmp_path, buffer_size):
    path = tmp_path / "data.zst"
    payload = b"arrowpack " * 5000
    with pa.output_stream(str(path), buffer_size=buffer_size) as sink:
        sink.write(payload)
    assert pyarrow.input_stream(str(path)).read() == payload
    with pa.input_stream(str(path), buffer_size=buffer_size) as source:
        assert source.read() == payload


def test_buffer_comes_from_the_given_pool():
    default_backend = pa.default_memory_pool().backend_name
    pool = next(p for p in (pa.system_memory_pool(), pa.mimalloc_memory_pool()) if p.backend_name != default_backend)
    before = pool.bytes_allocated()
    stream = pa.BufferedInputStream(pa.BufferReader(b"xyz"), 100_000, memory_pool=pool)
    assert pool.bytes_allocated() >= before + 100_000
    assert stream.read() == b"xyz"
    del stream
    assert pool.bytes_allocated() == before


def test_over_socket_files_that_cannot_tell():
    table, data = sample_stream()
    ours, theirs = socket.socketpair()
    with ours, theirs:
        def send():
            out = pa.BufferedOutputStream(pa.PythonFile(theirs.makefile("wb"), mode="w"), 4096)
            for offset in range(0, len(data), 7):
                out.write(data[offset:offset + 7])
            out.close()
            theirs.shutdown(socket.SHUT_WR)

        sender = threading.Thread(target=send)
        sender.start()
        source = pa.BufferedInputStream(pa.PythonFile(ours.makefile("rb"), mode="r"), 4096)
        result = pa.ipc.open_stream(source).read_all()
        sender.join()
        with pytest.raises(io.UnsupportedOperation):
            source.tell()  # a socket has no position, and neither has a buffer over it
    assert pyarrow.table(result).equals(table)


def test_bad_arguments():
    for size in (0, -5):
        with pytest.raises(ValueError, match="Buffer size must be larger than zero"):
            pa.BufferedInputStream(pa.BufferReader(b"x"), size)
        with pytest.raises(ValueError, match="Buffer size must be larger than zero"):
            pa.BufferedOutputStream(pa.BufferOutputStream(), size)
    with pytest.raises(TypeError):
        pa.BufferedInputStream(b"not a NativeFile", 10)
    with pytest.raises(io.UnsupportedOperation):
        pa.BufferedOutputStream(pa.BufferReader(b"x"), 10)
    with pytest.raises(io.UnsupportedOperation):
        pa.BufferedInputStream(pa.BufferOutputStream(), 10)
    closed = pa.BufferReader(b"x")
    closed.close()
    with pytest.raises(ValueError):
        pa.BufferedInputStream(closed, 10)
    with pytest.raises(ValueError):
        pa.input_stream(b"abc", buffer_size=-1)
