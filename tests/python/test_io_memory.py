"""In-memory streams: BufferReader, BufferOutputStream, FixedSizeBufferWriter, MockOutputStream,
and input_stream()/output_stream() over buffers, paths and native files."""

import io
from multiprocessing import shared_memory

import numpy as np
import pyarrow
import pytest

import arrowpack as pa


# BufferReader


def test_buffer_reader_reads_are_zero_copy_slices():
    source = pa.py_buffer(b"hello world")
    reader = pa.BufferReader(source)
    assert reader.mode == "rb" and reader.size() == 11
    assert reader.readable() and reader.seekable() and not reader.writable()
    first = reader.read_buffer(5)
    assert first.to_pybytes() == b"hello"
    assert first.address == source.address
    assert reader.read_buffer(100).address == source.address + 5
    assert reader.read_buffer().size == 0


def test_buffer_reader_over_bytes_like_objects():
    assert pa.BufferReader(b"abc").read() == b"abc"
    assert pa.BufferReader(bytearray(b"abc")).read() == b"abc"
    assert pa.BufferReader(memoryview(b"abcdef")[2:4]).read() == b"cd"
    assert pa.BufferReader(np.arange(3, dtype=np.uint8)).read() == b"\x00\x01\x02"


def test_buffer_reader_rejects_non_buffers():
    with pytest.raises(TypeError, match="bytes-like"):
        pa.BufferReader("abc")
    with pytest.raises(TypeError):
        pa.BufferReader(3)


def test_buffer_reader_keeps_its_source_alive():
    reader = pa.BufferReader(bytearray(b"temporary"))
    piece = reader.read_buffer(4)
    del reader
    assert piece.to_pybytes() == b"temp"


def test_buffer_reader_positions_and_bounds():
    reader = pa.BufferReader(b"0123456789")
    assert reader.seek(7) == 7
    assert reader.read(10) == b"789"  # short read at the end
    assert reader.read(10) == b""
    assert reader.seek(10) == 10
    with pytest.raises(pa.ArrowIOError):
        reader.seek(11)
    with pytest.raises(pa.ArrowInvalid):
        reader.seek(-1)
    assert reader.read_at(3, 2) == b"234"
    assert reader.read_at(5, 8) == b"89"
    with pytest.raises(pa.ArrowIOError):
        reader.read_at(1, 11)


def test_buffer_reader_lines():
    reader = pa.BufferReader(b"a\nbb\n\nccc")
    assert list(reader) == [b"a\n", b"bb\n", b"\n", b"ccc"]


def test_buffer_reader_closed():
    reader = pa.BufferReader(b"abc")
    with reader:
        pass
    assert reader.closed
    with pytest.raises(ValueError, match="closed"):
        reader.read(1)
    with pytest.raises(ValueError, match="closed"):
        reader.read_buffer(1)


def test_buffer_reader_is_not_writable_and_has_no_descriptor():
    reader = pa.BufferReader(b"abc")
    with pytest.raises(io.UnsupportedOperation):
        reader.write(b"x")
    with pytest.raises(io.UnsupportedOperation, match="fileno"):
        reader.fileno()
    assert not reader.isatty()


# BufferOutputStream


def test_buffer_output_stream_collects_writes():
    out = pa.BufferOutputStream()
    assert out.mode == "wb" and out.tell() == 0
    assert out.writable() and not out.readable() and not out.seekable()
    assert out.write(b"abc") == 3
    assert out.write(bytearray(b"de")) == 2
    assert out.write(memoryview(b"f")) == 1
    assert out.write(pa.py_buffer(b"g")) == 1
    out.writelines([b"h", b"i"])
    assert out.tell() == 9
    value = out.getvalue()
    assert value.to_pybytes() == b"abcdefghi"
    assert value.is_mutable
    assert out.closed
    assert out.getvalue() is value
    with pytest.raises(ValueError, match="closed"):
        out.write(b"x")


def test_buffer_output_stream_value_after_close():
    out = pa.BufferOutputStream()
    out.write(b"kept")
    out.close()
    assert out.getvalue().to_pybytes() == b"kept"


def test_buffer_output_stream_uses_the_given_pool():
    pool = pa.system_memory_pool()
    before = pool.bytes_allocated()
    out = pa.BufferOutputStream(memory_pool=pool)
    out.write(b"x" * 10000)
    value = out.getvalue()
    assert pool.bytes_allocated() >= before + 10000
    del out, value
    assert pool.bytes_allocated() == before


@pytest.mark.parametrize("lib", [pa, pyarrow])
def test_buffer_output_stream_refuses_a_pool_of_another_class(lib):
    with pytest.raises(TypeError):
        lib.BufferOutputStream(memory_pool="system")
    assert lib.BufferOutputStream(memory_pool=None).getvalue().size == 0


def test_buffer_output_stream_rejects_text():
    out = pa.BufferOutputStream()
    with pytest.raises(TypeError, match="bytes-like"):
        out.write("abc")


def test_buffer_round_trip_large():
    payload = bytes(range(256)) * 4096
    out = pa.BufferOutputStream()
    for i in range(0, len(payload), 10000):
        out.write(payload[i:i + 10000])
    reader = pa.BufferReader(out.getvalue())
    assert reader.read() == payload


# FixedSizeBufferWriter


def test_fixed_size_writer_fills_a_buffer():
    target = pa.allocate_buffer(8)
    writer = pa.FixedSizeBufferWriter(target)
    assert writer.mode == "wb" and writer.writable()
    assert writer.write(b"abc") == 3
    assert writer.tell() == 3
    writer.write(b"defgh")
    assert target.to_pybytes() == b"abcdefgh"


def test_fixed_size_writer_past_the_end():
    target = pa.allocate_buffer(5)
    writer = pa.FixedSizeBufferWriter(target)
    writer.write(b"abc")
    # pyarrow raises a plain OSError here; arrowpack reports the capacity problem precisely.
    with pytest.raises(pa.ArrowCapacityError):
        writer.write(b"xyz")
    assert writer.tell() == 3
    writer.write(b"de")
    assert target.to_pybytes() == b"abcde"


def test_fixed_size_writer_needs_a_mutable_buffer():
    with pytest.raises(pa.ArrowInvalid, match="immutable"):
        pa.FixedSizeBufferWriter(pa.py_buffer(b"read only"))
    with pytest.raises(pa.ArrowInvalid):
        pa.FixedSizeBufferWriter(b"bytes")


def test_fixed_size_writer_seek():
    target = pa.allocate_buffer(6)
    writer = pa.FixedSizeBufferWriter(target)
    writer.write(b"aaaaaa")
    writer.seek(2)
    writer.write(b"bb")
    assert target.to_pybytes() == b"aabbaa"
    with pytest.raises(pa.ArrowIOError):
        writer.seek(7)


def test_fixed_size_writer_parallel_memcopy():
    size = 8 << 20
    target = pa.allocate_buffer(size)
    writer = pa.FixedSizeBufferWriter(target)
    writer.set_memcopy_threads(4)
    writer.set_memcopy_blocksize(64)
    writer.set_memcopy_threshold(1024)
    payload = np.random.default_rng(1).integers(0, 256, size, dtype=np.uint8)
    writer.write(payload)
    assert np.array_equal(np.frombuffer(target, dtype=np.uint8), payload)


def test_fixed_size_writer_into_shared_memory():
    shm = shared_memory.SharedMemory(create=True, size=16)
    try:
        writer = pa.FixedSizeBufferWriter(pa.py_buffer(shm.buf))
        writer.write(b"shared memory!")
        # The writer holds an export of shm.buf, so closing the segment is refused meanwhile.
        with pytest.raises(BufferError):
            shm.close()
        del writer
        other = shared_memory.SharedMemory(name=shm.name)
        assert bytes(other.buf[:14]) == b"shared memory!"
        other.close()
    finally:
        shm.close()
        shm.unlink()


# MockOutputStream


def test_mock_output_stream_counts():
    mock = pa.MockOutputStream()
    mock.write(b"abcd")
    mock.write(pa.allocate_buffer(60))
    assert mock.size() == 64
    assert mock.tell() == 64
    mock.close()
    with pytest.raises(ValueError, match="closed"):
        mock.write(b"x")


# input_stream / output_stream


def test_input_stream_sources(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"on disk")
    assert isinstance(pa.input_stream(str(path)), pa.OSFile)
    assert pa.input_stream(path).read() == b"on disk"
    assert isinstance(pa.input_stream(pa.py_buffer(b"x")), pa.BufferReader)
    assert pa.input_stream(memoryview(b"some data")).read(4) == b"some"
    assert pa.input_stream(b"bytes").read() == b"bytes"
    native = pa.BufferReader(b"native")
    assert pa.input_stream(native) is native
    assert isinstance(pa.input_stream(io.BytesIO(b"py")), pa.PythonFile)


def test_input_stream_bad_sources():
    with pytest.raises(TypeError, match="input_stream"):
        pa.input_stream(3)
    with pytest.raises(io.UnsupportedOperation):
        pa.input_stream(pa.BufferOutputStream())


def test_output_stream_sources(tmp_path):
    with pa.output_stream(tmp_path / "out.bin") as out:
        assert isinstance(out, pa.OSFile)
        out.write(b"written")
    assert (tmp_path / "out.bin").read_bytes() == b"written"
    target = pa.allocate_buffer(3)
    writer = pa.output_stream(target)
    assert isinstance(writer, pa.FixedSizeBufferWriter)
    writer.write(b"abc")
    assert target.to_pybytes() == b"abc"
    sink = io.BytesIO()
    out = pa.output_stream(sink)
    assert isinstance(out, pa.PythonFile)
    out.write(b"python")
    assert sink.getvalue() == b"python"
    out.close()
    assert sink.closed  # like pyarrow, closing a PythonFile closes the Python file
    native = pa.BufferOutputStream()
    assert pa.output_stream(native) is native


def test_output_stream_bad_sources():
    with pytest.raises(TypeError, match="output_stream"):
        pa.output_stream(3)
    with pytest.raises(io.UnsupportedOperation):
        pa.output_stream(pa.BufferReader(b""))
    with pytest.raises(pa.ArrowInvalid):
        pa.output_stream(pa.py_buffer(b"immutable"))

