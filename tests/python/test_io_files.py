"""OSFile and memory maps: reads, writes, seeking, modes, closed files and zero-copy reads."""

import io
import os
import subprocess
import sys

import pytest

import arrowpack as pa

CONTENT = b"first line\nsecond line\nthird"


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.bin"
    path.write_bytes(CONTENT)
    return path


# OSFile


def test_osfile_write_then_read(tmp_path):
    path = tmp_path / "out.bin"
    with pa.OSFile(str(path), "wb") as f:
        assert f.mode == "wb"
        assert f.writable() and not f.readable() and not f.seekable()
        assert f.write(b"hello ") == 6
        assert f.write(bytearray(b"world")) == 5
        assert f.write(memoryview(b"!")) == 1
        assert f.write(pa.py_buffer(b"?")) == 1
        assert f.tell() == 13
        f.flush()
    assert f.closed
    assert path.read_bytes() == b"hello world!?"


@pytest.mark.parametrize("mode", ["r", "rb"])
def test_osfile_read_modes(sample, mode):
    with pa.OSFile(sample, mode) as f:
        assert f.mode == "rb"
        assert f.readable() and f.seekable() and not f.writable()
        assert f.size() == len(CONTENT)
        assert f.read(5) == b"first"
        assert f.tell() == 5
        assert f.read() == CONTENT[5:]
        assert f.read() == b""
        assert f.read(10) == b""


@pytest.mark.parametrize("mode", ["a", "ab"])
def test_osfile_append(sample, mode):
    with pa.OSFile(sample, mode) as f:
        f.write(b"!")
    assert sample.read_bytes() == CONTENT + b"!"


@pytest.mark.parametrize("mode", ["w", "wb"])
def test_osfile_write_truncates(sample, mode):
    with pa.OSFile(sample, mode) as f:
        f.write(b"x")
    assert sample.read_bytes() == b"x"


def test_osfile_accepts_pathlike_and_bytes_paths(sample):
    assert pa.OSFile(sample).read(5) == b"first"
    assert pa.OSFile(os.fsencode(sample)).read(5) == b"first"


def test_osfile_invalid_mode(sample):
    with pytest.raises(ValueError, match="Invalid file mode: z"):
        pa.OSFile(sample, "z")


def test_osfile_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        pa.OSFile(tmp_path / "nope.bin")
    with pytest.raises(FileNotFoundError):
        pa.OSFile(tmp_path / "no_dir" / "out.bin", "wb")


def test_osfile_directory(tmp_path):
    with pytest.raises(IsADirectoryError):
        pa.OSFile(tmp_path)


def test_read_variants(sample):
    f = pa.OSFile(sample)
    assert f.read1(5) == b"first"
    assert f.read1() == CONTENT[5:]
    f.seek(0)
    assert f.readall() == CONTENT
    f.seek(0)
    assert f.read(-1) == CONTENT
    assert f.read_at(4, 6) == b"line"
    assert f.tell() == len(CONTENT)  # read_at does not move the position
    assert f.read_at(100, 20) == CONTENT[20:]
    f.seek(6)
    buf = f.read_buffer(4)
    assert isinstance(buf, pa.Buffer) and buf.to_pybytes() == b"line"
    assert f.read_buffer().to_pybytes() == CONTENT[10:]
    del buf


def test_osfile_reads_allocate_from_the_given_pool(sample):
    pool = pa.system_memory_pool()
    before = pool.bytes_allocated()
    f = pa.OSFile(sample, memory_pool=pool)
    buf = f.read_buffer(10)
    assert pool.bytes_allocated() > before
    del buf
    assert pool.bytes_allocated() == before


def test_readinto(sample):
    f = pa.OSFile(sample)
    target = bytearray(5)
    assert f.readinto(target) == 5
    assert target == b"first"
    big = bytearray(100)
    assert f.readinto(big) == len(CONTENT) - 5
    assert big[: len(CONTENT) - 5] == CONTENT[5:]
    assert f.readinto(bytearray(3)) == 0


def test_readinto_needs_a_writable_buffer(sample):
    with pytest.raises(BufferError):
        pa.OSFile(sample).readinto(b"immutable")


def test_lines(sample):
    f = pa.OSFile(sample)
    assert f.readline() == b"first line\n"
    assert f.readline(3) == b"sec"
    assert f.readline() == b"ond line\n"
    assert f.tell() == 23
    assert f.readline() == b"third"
    assert f.readline() == b""
    f.seek(0)
    assert f.readlines() == [b"first line\n", b"second line\n", b"third"]
    f.seek(0)
    assert f.readlines(5) == [b"first line\n"]
    f.seek(0)
    assert list(f) == [b"first line\n", b"second line\n", b"third"]


def test_seek_whence(sample):
    f = pa.OSFile(sample)
    assert f.seek(5) == 5
    assert f.seek(3, 1) == 8
    assert f.seek(-2, 1) == 6
    assert f.seek(-5, 2) == len(CONTENT) - 5
    assert f.read() == b"third"
    with pytest.raises(ValueError, match="whence"):
        f.seek(0, 3)


def test_seek_negative(sample):
    f = pa.OSFile(sample)
    with pytest.raises(pa.ArrowInvalid):
        f.seek(-1)
    with pytest.raises(pa.ArrowInvalid):
        f.seek(-100, 2)


def test_read_at_negative_arguments(sample):
    f = pa.OSFile(sample)
    with pytest.raises(pa.ArrowInvalid):
        f.read_at(-1, 0)
    with pytest.raises(pa.ArrowInvalid):
        f.read_at(1, -1)


def test_wrong_direction(sample, tmp_path):
    reader = pa.OSFile(sample)
    with pytest.raises(io.UnsupportedOperation, match="writable"):
        reader.write(b"x")
    writer = pa.OSFile(tmp_path / "w.bin", "wb")
    with pytest.raises(io.UnsupportedOperation, match="readable"):
        writer.read()
    with pytest.raises(io.UnsupportedOperation, match="seekable"):
        writer.seek(0)
    with pytest.raises(io.UnsupportedOperation):
        writer.size()
    assert isinstance(io.UnsupportedOperation(), OSError)


def test_write_needs_bytes_like(tmp_path):
    f = pa.OSFile(tmp_path / "w.bin", "wb")
    with pytest.raises(TypeError, match="bytes-like"):
        f.write("text")
    with pytest.raises(TypeError):
        f.write(5)


def test_closed_file_operations(sample):
    f = pa.OSFile(sample)
    f.close()
    f.close()  # idempotent
    assert f.closed
    for call in (f.read, f.tell, f.size, lambda: f.seek(0), f.readline, lambda: f.read_buffer(1),
                 lambda: f.read_at(1, 0), f.readable, f.fileno, f.flush):
        with pytest.raises(ValueError, match="I/O operation on closed file"):
            call()
    assert f.mode == "rb"
    assert "closed=True" in repr(f)


def test_fileno_isatty_and_repr(sample):
    f = pa.OSFile(sample)
    fd = f.fileno()
    assert os.fstat(fd).st_size == len(CONTENT)
    assert not f.isatty()
    assert repr(f) == ("<arrowpack.OSFile closed=False own_file=False is_seekable=True "
                       "is_writable=False is_readable=True>")


def test_download_and_upload(sample, tmp_path):
    f = pa.OSFile(sample)
    f.read(3)
    sink = io.BytesIO()
    f.download(sink, buffer_size=4)
    assert sink.getvalue() == CONTENT
    target = tmp_path / "copy.bin"
    f.download(str(target))
    assert target.read_bytes() == CONTENT
    out = pa.OSFile(tmp_path / "up.bin", "wb")
    out.upload(io.BytesIO(CONTENT), buffer_size=7)
    out.close()
    assert (tmp_path / "up.bin").read_bytes() == CONTENT


def test_osfile_matches_pyarrow(sample, tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    ours, theirs = pa.OSFile(sample), pyarrow.OSFile(str(sample))
    for n in (3, 7, 100):
        assert ours.read(n) == theirs.read(n)
    assert ours.tell() == theirs.tell()
    assert ours.read_at(5, 2) == theirs.read_at(5, 2)


# Memory maps


def test_memory_map_reads_are_zero_copy(sample):
    pool_before = pa.total_allocated_bytes()
    with pa.memory_map(sample) as mm:
        assert mm.mode == "rb"
        assert mm.size() == len(CONTENT)
        first = mm.read_buffer(5)
        second = mm.read_buffer(6)
        assert first.to_pybytes() == b"first" and second.to_pybytes() == b" line\n"
        assert second.address == first.address + 5
        assert not first.is_mutable
        assert pa.total_allocated_bytes() == pool_before
        assert mm.read(6) == b"second"
    # Buffers stay valid after the map is closed.
    assert first.to_pybytes() == b"first"


def test_memory_map_read_only_refuses_writes(sample):
    mm = pa.memory_map(sample)
    with pytest.raises(io.UnsupportedOperation, match="writable"):
        mm.write(b"x")
    with pytest.raises(OSError):
        mm.resize(100)


def test_memory_map_read_write(sample):
    with pa.memory_map(sample, "r+") as mm:
        assert mm.mode == "rb+"
        assert mm.readable() and mm.writable() and mm.seekable()
        assert mm.write(b"FIRST") == 5
        mm.seek(0)
        assert mm.read(10) == b"FIRST line"
    assert sample.read_bytes() == b"FIRST" + CONTENT[5:]


def test_memory_map_write_only(sample):
    with pa.memory_map(sample, "w") as mm:
        assert mm.mode == "wb"
        assert not mm.readable()
        assert mm.tell() == 0
        mm.write(b"12345")
        with pytest.raises(io.UnsupportedOperation):
            mm.read(1)
    assert sample.read_bytes() == b"12345" + CONTENT[5:]


def test_memory_map_writes_do_not_grow_the_file(sample):
    with pa.memory_map(sample, "r+") as mm:
        mm.seek(len(CONTENT) - 2)
        with pytest.raises(pa.ArrowIOError):
            mm.write(b"four")
    assert sample.read_bytes() == CONTENT


def test_memory_map_seek_out_of_range(sample):
    mm = pa.memory_map(sample)
    with pytest.raises(pa.ArrowIOError):
        mm.seek(len(CONTENT) + 1)
    with pytest.raises(pa.ArrowInvalid):
        mm.seek(-1)
    assert mm.seek(len(CONTENT)) == len(CONTENT)
    assert mm.read(5) == b""


def test_memory_map_short_read_at_end(sample):
    mm = pa.memory_map(sample)
    mm.seek(len(CONTENT) - 3)
    assert mm.read(10) == b"ird"
    assert mm.read_at(10, len(CONTENT) - 2) == b"rd"


def test_memory_map_invalid_mode_and_missing_file(sample, tmp_path):
    with pytest.raises(ValueError, match="Invalid file mode"):
        pa.memory_map(sample, "x")
    with pytest.raises(FileNotFoundError):
        pa.memory_map(tmp_path / "missing.bin")


def test_create_memory_map_and_resize(tmp_path):
    path = tmp_path / "created.bin"
    mm = pa.create_memory_map(path, 8)
    assert mm.mode == "rb+" and mm.size() == 8
    mm.write(b"abcdefgh")
    with pytest.raises(pa.ArrowIOError):
        mm.write(b"i")
    mm.resize(12)
    assert mm.size() == 12
    mm.write(b"ijkl")
    mm.close()
    assert path.read_bytes() == b"abcdefghijkl"
    assert os.path.getsize(path) == 12


def test_memory_mapped_file_create(tmp_path):
    mm = pa.MemoryMappedFile.create(str(tmp_path / "c.bin"), 4)
    assert isinstance(mm, pa.MemoryMappedFile) and isinstance(mm, pa.NativeFile)
    assert mm.size() == 4
    assert mm.fileno() >= 0


def test_create_memory_map_bad_arguments(tmp_path):
    with pytest.raises(pa.ArrowInvalid):
        pa.create_memory_map(tmp_path / "neg.bin", -1)
    with pytest.raises(FileNotFoundError):
        pa.create_memory_map(tmp_path / "no_dir" / "x.bin", 5)


def test_file_written_through_memory_map_read_by_pyarrow(tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    path = tmp_path / "shared.bin"
    with pa.create_memory_map(path, 11) as mm:
        mm.write(b"hello world")
    with pyarrow.memory_map(str(path)) as theirs:
        assert theirs.read() == b"hello world"


def test_lines_longer_than_the_read_ahead(tmp_path):
    lines = [b"x" * n + b"\n" for n in (0, 1, 255, 256, 257, 5000, 300000)] + [b"tail"]
    path = tmp_path / "lines.txt"
    path.write_bytes(b"".join(lines))
    assert list(pa.OSFile(path)) == lines
    assert pa.memory_map(path).readlines() == lines
    f = pa.OSFile(path)
    f.seek(sum(map(len, lines[:5])))
    assert f.readline(1000) == b"x" * 1000
    assert f.tell() == sum(map(len, lines[:5])) + 1000


FIFO_SCRIPT = r"""
import os, sys, threading, time
import arrowpack as pa

fifo = sys.argv[1]

def writer():
    with open(fifo, "wb") as out:
        time.sleep(0.2)
        out.write(b"ping")

threading.Thread(target=writer).start()
f = pa.OSFile(fifo)   # open() blocks until the writer thread opens the other end
print(f.read(4).decode(), f.read().decode() == "")   # read() blocks until it writes
"""


def test_blocking_reads_release_the_gil(tmp_path):
    # The writer thread can only run while the main thread sits in C++ without the GIL; run in a
    # subprocess so a regression fails by timeout instead of hanging the test run.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-c", FIFO_SCRIPT, str(fifo)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ping", "True"]
