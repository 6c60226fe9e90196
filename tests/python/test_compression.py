"""Codecs (zstd, lz4 frame, gzip), compress()/decompress(), compressed streams, compression
detected by input_stream()/output_stream(), and interoperability with pyarrow and the stdlib."""

import gzip
import io
import pathlib
import zlib

import numpy as np
import pytest

import arrowpack as pa

CODECS = ["zstd", "lz4", "gzip"]
PAYLOAD = b"".join(b"line %d of some fairly repetitive text\n" % i for i in range(2000))


@pytest.fixture(scope="module")
def pyarrow():
    return pytest.importorskip("pyarrow")


# Codec objects


@pytest.mark.parametrize("name", CODECS)
def test_codec_properties(name):
    codec = pa.Codec(name)
    assert codec.name == name
    assert pa.Codec.is_available(name)
    assert pa.Codec.supports_compression_level(name)
    assert codec.compression_level == pa.Codec.default_compression_level(name)
    assert repr(codec) == "<arrowpack.Codec name=%s compression_level=%d>" % (name, codec.compression_level)


def test_codec_names_are_case_insensitive_and_lz4_frame_is_lz4():
    assert pa.Codec("ZSTD").name == "zstd"
    assert pa.Codec("lz4_frame").name == "lz4"


def test_compression_levels_match_pyarrow(pyarrow):
    for name in CODECS:
        for query in ("default_compression_level", "minimum_compression_level", "maximum_compression_level"):
            assert getattr(pa.Codec, query)(name) == getattr(pyarrow.Codec, query)(name), (name, query)


def test_explicit_compression_level():
    assert pa.Codec("zstd", compression_level=7).compression_level == 7
    assert pa.Codec("gzip", 1).compression_level == 1
    with pytest.raises(pa.ArrowInvalid):
        pa.Codec("gzip", 42)


@pytest.mark.parametrize("name", ["snappy", "brotli", "bz2"])
def test_recognised_but_unavailable_codecs(name):
    assert not pa.Codec.is_available(name)
    with pytest.raises(pa.ArrowNotImplementedError, match="not available"):
        pa.Codec(name)


def test_detect_from_path_extension_as_pyarrow(pyarrow):
    for path in ("data.gz", "data.zst", "x/y.arrow.lz4"):
        ours, theirs = pa.Codec.detect(path), pyarrow.Codec.detect(path)
        assert (ours.name, ours.compression_level) == (theirs.name, theirs.compression_level)
    assert pa.Codec.detect(pathlib.Path("t.zst")).name == "zstd"
    assert pa.Codec.detect("DATA.ZST").name == "zstd"  # as input_stream's detection; pyarrow refuses
    with pytest.raises(pa.ArrowNotImplementedError, match="not available"):
        pa.Codec.detect("data.bz2")
    for path in ("data.br", "data.txt", ""):
        with pytest.raises(ValueError, match="Cannot detect a compression codec"):
            pa.Codec.detect(path)


def test_unknown_codec_name():
    with pytest.raises(pa.ArrowInvalid, match="foo"):
        pa.Codec("foo")
    with pytest.raises(ValueError):
        pa.Codec.is_available("foo")
    with pytest.raises(ValueError):
        pa.compress(b"abc", codec="foo")


@pytest.mark.parametrize("name", CODECS)
def test_round_trip(name):
    codec = pa.Codec(name)
    compressed = codec.compress(PAYLOAD)
    assert isinstance(compressed, pa.Buffer)
    assert compressed.size < len(PAYLOAD) // 4
    as_bytes = codec.compress(PAYLOAD, asbytes=True)
    assert isinstance(as_bytes, bytes)
    restored = codec.decompress(compressed, decompressed_size=len(PAYLOAD))
    assert isinstance(restored, pa.Buffer) and restored.to_pybytes() == PAYLOAD
    assert codec.decompress(as_bytes, asbytes=True) == PAYLOAD  # size found by streaming


@pytest.mark.parametrize("name", CODECS)
def test_round_trip_of_bytes_like_inputs(name):
    codec = pa.Codec(name)
    array = np.arange(1000, dtype=np.int64)
    restored = codec.decompress(codec.compress(array), asbytes=True)
    assert np.array_equal(np.frombuffer(restored, dtype=np.int64), array)
    assert codec.decompress(codec.compress(memoryview(b"")), asbytes=True) == b""


def test_module_functions_default_to_lz4():
    compressed = pa.compress(PAYLOAD, asbytes=True)
    assert compressed[:4] == b"\x04\x22\x4d\x18"  # LZ4 frame magic
    assert pa.decompress(compressed, len(PAYLOAD), asbytes=True) == PAYLOAD
    assert pa.decompress(pa.compress(PAYLOAD, codec="zstd"), codec=pa.Codec("zstd")).to_pybytes() == PAYLOAD


def test_compress_uses_the_given_pool():
    pool = pa.system_memory_pool()
    before = pool.bytes_allocated()
    compressed = pa.compress(PAYLOAD, codec="zstd", memory_pool=pool)
    assert pool.bytes_allocated() > before
    del compressed
    assert pool.bytes_allocated() == before


def test_compress_rejects_text():
    with pytest.raises(TypeError, match="bytes-like"):
        pa.compress("text")
    with pytest.raises(TypeError, match="bytes-like"):
        pa.decompress("text", 4)
    with pytest.raises(TypeError):
        pa.compress(b"abc", codec=3)


@pytest.mark.parametrize("name", CODECS)
def test_corrupt_input(name):
    with pytest.raises(pa.ArrowIOError):
        pa.decompress(b"definitely not compressed data", 100, codec=name)
    with pytest.raises(pa.ArrowIOError):
        pa.decompress(b"definitely not compressed data", codec=name)


@pytest.mark.parametrize("name", CODECS)
def test_truncated_input(name):
    compressed = pa.compress(PAYLOAD, codec=name, asbytes=True)
    with pytest.raises(pa.ArrowIOError):
        pa.decompress(compressed[: len(compressed) // 2], len(PAYLOAD), codec=name)
    with pytest.raises(pa.ArrowIOError):
        pa.decompress(compressed[:-3], codec=name)


@pytest.mark.parametrize("name", CODECS)
def test_wrong_decompressed_size(name):
    compressed = pa.compress(PAYLOAD, codec=name)
    with pytest.raises((pa.ArrowIOError, pa.ArrowInvalid)):
        pa.decompress(compressed, 10, codec=name)
    with pytest.raises((pa.ArrowIOError, pa.ArrowInvalid)):
        pa.decompress(compressed, len(PAYLOAD) + 10, codec=name)
    with pytest.raises(pa.ArrowInvalid, match="negative"):
        pa.decompress(compressed, -1, codec=name)


@pytest.mark.parametrize("name", CODECS)
def test_one_shot_interop_with_pyarrow(name, pyarrow):
    ours = pa.compress(PAYLOAD, codec=name, asbytes=True)
    assert pyarrow.decompress(ours, len(PAYLOAD), codec=name, asbytes=True) == PAYLOAD
    theirs = pyarrow.compress(PAYLOAD, codec=name, asbytes=True)
    assert pa.decompress(theirs, len(PAYLOAD), codec=name, asbytes=True) == PAYLOAD
    assert pa.decompress(theirs, codec=name, asbytes=True) == PAYLOAD


def test_gzip_interop_with_the_stdlib():
    assert gzip.decompress(pa.compress(PAYLOAD, codec="gzip", asbytes=True)) == PAYLOAD
    assert pa.decompress(gzip.compress(PAYLOAD), codec="gzip", asbytes=True) == PAYLOAD


# Compressed streams


@pytest.mark.parametrize("name", CODECS)
def test_stream_round_trip(name):
    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, name) as out:
        assert out.mode == "wb"
        for i in range(0, len(PAYLOAD), 1000):
            out.write(PAYLOAD[i:i + 1000])
        assert out.tell() == len(PAYLOAD)
    assert sink.closed  # closing the compressed stream closes the raw one
    compressed = sink.getvalue()
    reader = pa.CompressedInputStream(pa.BufferReader(compressed), name)
    assert reader.mode == "rb" and not reader.seekable()
    assert reader.read(10) == PAYLOAD[:10]
    assert reader.tell() == 10
    assert reader.read() == PAYLOAD[10:]
    assert reader.read() == b""


def test_compressed_stream_lines():
    data = gzip.compress(b"one\ntwo\nthree")
    assert list(pa.CompressedInputStream(pa.BufferReader(data), "gzip")) == [b"one\n", b"two\n", b"three"]


def test_compressed_stream_is_not_seekable():
    reader = pa.CompressedInputStream(pa.BufferReader(gzip.compress(b"abc")), "gzip")
    with pytest.raises(io.UnsupportedOperation):
        reader.seek(0)
    with pytest.raises(io.UnsupportedOperation):
        reader.size()


@pytest.mark.parametrize("name", CODECS)
def test_stream_interop_with_pyarrow(name, pyarrow):
    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, name) as out:
        out.write(PAYLOAD)
    ours = sink.getvalue().to_pybytes()
    theirs_reader = pyarrow.CompressedInputStream(pyarrow.BufferReader(ours), name)
    assert theirs_reader.read() == PAYLOAD

    their_sink = pyarrow.BufferOutputStream()
    with pyarrow.CompressedOutputStream(their_sink, name) as out:
        out.write(PAYLOAD)
    theirs = their_sink.getvalue().to_pybytes()
    assert pa.CompressedInputStream(pa.BufferReader(theirs), name).read() == PAYLOAD


def test_compressed_stream_corrupt_input():
    reader = pa.CompressedInputStream(pa.BufferReader(b"x" * 64), "gzip")
    with pytest.raises(pa.ArrowIOError):
        reader.read()


@pytest.mark.parametrize("name", CODECS)
def test_compressed_stream_truncated_input(name):
    compressed = pa.compress(PAYLOAD, codec=name, asbytes=True)
    reader = pa.CompressedInputStream(pa.BufferReader(compressed[:-5]), name)
    with pytest.raises(pa.ArrowIOError, match="truncated"):
        reader.read()


def test_compressed_stream_arguments():
    with pytest.raises(TypeError, match="NativeFile"):
        pa.CompressedInputStream(b"raw bytes", "gzip")
    with pytest.raises(pa.ArrowInvalid):
        pa.CompressedOutputStream(pa.BufferOutputStream(), "foo")
    with pytest.raises(pa.ArrowNotImplementedError):
        pa.CompressedOutputStream(pa.BufferOutputStream(), "bz2")
    with pytest.raises(io.UnsupportedOperation):
        pa.CompressedInputStream(pa.BufferOutputStream(), "gzip")
    with pytest.raises(io.UnsupportedOperation):
        pa.CompressedOutputStream(pa.BufferReader(b""), "gzip")
    closed = pa.BufferReader(b"")
    closed.close()
    with pytest.raises(ValueError, match="closed"):
        pa.CompressedInputStream(closed, "gzip")


# Detection by file extension


@pytest.mark.parametrize("extension,name", [(".gz", "gzip"), (".zst", "zstd"), (".lz4", "lz4")])
def test_output_stream_compresses_by_extension(tmp_path, extension, name, pyarrow):
    path = tmp_path / ("data" + extension)
    with pa.output_stream(path) as out:
        assert isinstance(out, pa.CompressedOutputStream)
        out.write(PAYLOAD)
    raw = path.read_bytes()
    assert len(raw) < len(PAYLOAD) // 4
    assert pa.decompress(raw, codec=name, asbytes=True) == PAYLOAD
    with pyarrow.input_stream(str(path)) as theirs:
        assert theirs.read() == PAYLOAD
    with pa.input_stream(path) as ours:
        assert isinstance(ours, pa.CompressedInputStream)
        assert ours.read() == PAYLOAD


@pytest.mark.parametrize("extension", [".gz", ".zst", ".lz4"])
def test_input_stream_reads_pyarrow_files(tmp_path, extension, pyarrow):
    path = str(tmp_path / ("from_pyarrow" + extension))
    with pyarrow.output_stream(path) as out:
        out.write(PAYLOAD)
    assert pa.input_stream(path).read() == PAYLOAD


def test_compression_argument_overrides_detection(tmp_path):
    path = tmp_path / "plain.gz"
    path.write_bytes(gzip.compress(b"abc"))
    assert pa.input_stream(path, compression=None).read() == gzip.compress(b"abc")
    other = tmp_path / "no_extension"
    other.write_bytes(gzip.compress(b"abc"))
    assert pa.input_stream(other, compression="gzip").read() == b"abc"
    assert pa.input_stream(pa.py_buffer(gzip.compress(b"abc")), compression="gzip").read() == b"abc"
    sink = pa.BufferOutputStream()
    with pa.output_stream(sink, compression="zstd") as out:
        out.write(b"zstd data")
    assert pa.decompress(sink.getvalue(), codec="zstd", asbytes=True) == b"zstd data"
    with pytest.raises(pa.ArrowInvalid):
        pa.input_stream(path, compression="foo")


@pytest.mark.parametrize("extension", [".bz2", ".br"])
def test_unavailable_compression_by_extension(tmp_path, extension):
    path = tmp_path / ("data" + extension)
    path.write_bytes(b"whatever")
    with pytest.raises(pa.ArrowNotImplementedError, match="not available"):
        pa.input_stream(path)
    with pytest.raises(pa.ArrowNotImplementedError):
        pa.output_stream(tmp_path / ("out" + extension))
    assert not (tmp_path / ("out" + extension)).exists()


class _KeepingBytesIO(io.BytesIO):
    """Remembers its contents when closed (closing a PythonFile closes the Python file)."""

    def close(self):
        self.final = self.getvalue()
        super().close()


def test_compressed_python_file():
    sink = _KeepingBytesIO()
    out = pa.output_stream(sink, compression="gzip")
    out.write(PAYLOAD)
    out.flush()
    # After flush() the sink holds a decodable prefix of the stream.
    assert zlib.decompressobj(wbits=31).decompress(sink.getvalue()) == PAYLOAD
    out.close()
    assert sink.closed
    assert gzip.decompress(sink.final) == PAYLOAD
    source = io.BytesIO(gzip.compress(PAYLOAD))
    assert pa.input_stream(source, compression="gzip").read() == PAYLOAD
