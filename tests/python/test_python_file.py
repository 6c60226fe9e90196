"""PythonFile: arrowpack streams over Python file objects (the GIL is taken for every call)."""

import io

import pytest

import arrowpack as pa

CONTENT = b"alpha\nbeta\ngamma\n"


def test_read_mode_over_bytesio():
    f = pa.PythonFile(io.BytesIO(CONTENT), mode="r")
    assert f.mode == "rb"
    assert f.readable() and f.seekable() and not f.writable()
    assert f.size() == len(CONTENT)
    assert f.read(5) == b"alpha"
    assert f.tell() == 5
    assert f.read_at(4, 6) == b"beta"
    assert f.tell() == 5  # read_at restores the position
    assert f.read() == CONTENT[5:]
    f.seek(0)
    assert f.readlines() == [b"alpha\n", b"beta\n", b"gamma\n"]
    f.seek(6)
    buf = f.read_buffer(4)
    assert buf.to_pybytes() == b"beta"
    target = bytearray(3)
    assert f.readinto(target) == 3 and target == b"\nga"


def test_write_mode_is_inferred_for_bytesio():
    sink = io.BytesIO()
    f = pa.PythonFile(sink)
    assert f.mode == "wb" and f.writable() and not f.readable()
    assert f.write(b"Python") == 6
    assert f.write(pa.py_buffer(b"File")) == 4
    f.flush()
    assert sink.getvalue() == b"PythonFile"
    assert repr(f) == ("<arrowpack.PythonFile closed=False own_file=False is_seekable=True "
                       "is_writable=True is_readable=False>")
    f.close()
    assert f.closed and sink.closed


def test_mode_is_inferred_from_real_files(tmp_path):
    path = tmp_path / "data.bin"
    with open(path, "wb") as handle:
        f = pa.PythonFile(handle)
        assert f.mode == "wb"
        f.write(CONTENT)
    with open(path, "rb") as handle:
        f = pa.PythonFile(handle)
        assert f.mode == "rb"
        assert f.read() == CONTENT


def test_explicit_mode_must_match_the_file(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(CONTENT)
    with open(path, "rb") as handle:
        with pytest.raises(TypeError, match="writable file expected"):
            pa.PythonFile(handle, mode="w")
    with open(path, "wb") as handle:
        with pytest.raises(TypeError, match="readable file expected"):
            pa.PythonFile(handle, mode="r")


def test_invalid_mode_and_uninferable_objects():
    with pytest.raises(ValueError, match="Invalid file mode"):
        pa.PythonFile(io.BytesIO(), mode="z")

    class Bare:
        def read(self, n):
            return b""

    with pytest.raises(ValueError, match="cannot infer"):
        pa.PythonFile(Bare())
    assert pa.PythonFile(Bare(), mode="r").read() == b""


def test_python_exceptions_propagate_unchanged():
    class Broken(io.RawIOBase):
        def readable(self):
            return True

        def read(self, n=-1):
            raise KeyError("from the file object")

    f = pa.PythonFile(Broken(), mode="r")
    with pytest.raises(KeyError, match="from the file object"):
        f.read(4)


def test_text_file_gives_a_type_error():
    f = pa.PythonFile(io.StringIO("text"), mode="r")
    with pytest.raises(TypeError, match="bytes-like"):
        f.read(2)


def test_read_returning_too_much_is_an_io_error():
    class Greedy:
        mode = "rb"

        def read(self, n):
            return b"x" * (n + 1)

    with pytest.raises(pa.ArrowIOError, match="returned"):
        pa.PythonFile(Greedy()).read(3)


def test_non_seekable_file_object():
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self.data = data

        def readable(self):
            return True

        def seekable(self):
            return False

        def read(self, n=-1):
            n = len(self.data) if n < 0 else min(n, 2)  # short reads, like a pipe
            chunk, self.data = self.data[:n], self.data[n:]
            return chunk

    f = pa.PythonFile(Pipe(b"abcd\nef"), mode="r")
    assert not f.seekable()
    assert f.readline() == b"abcd\n"
    assert f.read() == b"ef"
    with pytest.raises(io.UnsupportedOperation):
        f.seek(0)
    with pytest.raises(io.UnsupportedOperation):
        f.size()


def test_closed_python_file():
    handle = io.BytesIO(CONTENT)
    f = pa.PythonFile(handle, mode="r")
    handle.close()
    assert f.closed
    with pytest.raises(ValueError, match="closed"):
        f.read()


def test_python_file_as_source_of_a_native_stream():
    source = io.BytesIO(pa.compress(CONTENT * 100, codec="zstd", asbytes=True))
    reader = pa.CompressedInputStream(pa.PythonFile(source, mode="r"), "zstd")
    assert reader.read() == CONTENT * 100


def test_download_into_python_file():
    sink = io.BytesIO()
    pa.BufferReader(CONTENT).download(sink)
    assert sink.getvalue() == CONTENT
