"""input_stream() and output_stream(): open paths, buffers, native files and Python file
objects as arrowpack streams, decompressing or compressing on the fly."""

import os

from arrowpack._core import (
    Buffer,
    BufferedInputStream,
    BufferedOutputStream,
    BufferReader,
    Codec,
    CompressedInputStream,
    CompressedOutputStream,
    FixedSizeBufferWriter,
    NativeFile,
    OSFile,
    PythonFile,
    py_buffer,
)

# pyarrow's extension -> codec table; bz2 and brotli are recognised but not built in, so they fail
# with ArrowNotImplementedError when used.
_EXTENSION_CODECS = {
    ".gz": "gzip",
    ".bz2": "bz2",
    ".br": "brotli",
    ".lz4": "lz4",
    ".zst": "zstd",
}


def _is_path(source):
    return isinstance(source, (str, os.PathLike))


def _resolve_codec(source, compression):
    """The Codec to apply, or None: 'detect' looks at a path's extension."""
    if compression == "detect":
        if not _is_path(source):
            return None
        extension = os.path.splitext(os.fsdecode(source))[1].lower()
        compression = _EXTENSION_CODECS.get(extension)
    if compression is None:
        return None
    return compression if isinstance(compression, Codec) else Codec(compression)


def _detect_codec(path):
    """Codec.detect: the Codec for a path's extension (.gz, .bz2, .lz4, .zst, as pyarrow).

    ValueError when the extension names no codec; ArrowNotImplementedError for bz2, which is
    recognised but not built in.
    """
    extension = os.path.splitext(os.fsdecode(path))[1].lower()
    name = _EXTENSION_CODECS.get(extension) if extension != ".br" else None
    if name is None:
        raise ValueError(f"Cannot detect a compression codec from the path {os.fsdecode(path)!r}")
    return Codec(name)


Codec.detect = staticmethod(_detect_codec)


def _check_direction(stream, readable):
    ok = stream.readable() if readable else stream.writable()
    if not ok:
        import io

        raise io.UnsupportedOperation(
            "%s is not %s" % (type(stream).__name__, "readable" if readable else "writable")
        )


def input_stream(source, compression="detect", buffer_size=None):
    """Open `source` for reading as a NativeFile.

    source: a path (str or os.PathLike; an OSFile), a Buffer or bytes-like object (a zero-copy
    BufferReader), a readable NativeFile, or a Python file object (wrapped in a PythonFile).
    compression: 'detect' (from a path's extension: .gz, .zst, .lz4, .bz2, .br), None, a codec
    name or a Codec. buffer_size: None or 0 reads `source` directly; otherwise reads go through a
    BufferedInputStream of that size (under the decompression, as in pyarrow).
    """
    codec = _resolve_codec(source, compression)
    if _is_path(source):
        stream = OSFile(source, "rb")
    elif isinstance(source, NativeFile):
        _check_direction(source, readable=True)
        stream = source
    elif isinstance(source, (Buffer, memoryview, bytes, bytearray)):
        stream = BufferReader(source)
    elif hasattr(source, "read"):
        stream = PythonFile(source, mode="r")
    else:
        raise TypeError("arrowpack.input_stream() called with instance of %r" % type(source))
    if buffer_size:
        stream = BufferedInputStream(stream, buffer_size)
    if codec is not None:
        stream = CompressedInputStream(stream, codec)
    return stream


def output_stream(source, compression="detect", buffer_size=None):
    """Open `source` for writing as a NativeFile.

    source: a path (str or os.PathLike; an OSFile, truncated), a mutable Buffer or writable
    bytes-like object (a FixedSizeBufferWriter), a writable NativeFile, or a Python file object
    (wrapped in a PythonFile). compression as for input_stream(). buffer_size: None or 0 writes
    to `source` directly; otherwise writes go through a BufferedOutputStream of that size (under
    the compression, as in pyarrow).
    """
    codec = _resolve_codec(source, compression)
    if _is_path(source):
        stream = OSFile(source, "wb")
    elif isinstance(source, NativeFile):
        _check_direction(source, readable=False)
        stream = source
    elif isinstance(source, (Buffer, memoryview, bytearray)):
        stream = FixedSizeBufferWriter(py_buffer(source))
    elif hasattr(source, "write"):
        stream = PythonFile(source, mode="w")
    else:
        raise TypeError("arrowpack.output_stream() called with instance of %r" % type(source))
    if buffer_size:
        stream = BufferedOutputStream(stream, buffer_size)
    if codec is not None:
        stream = CompressedOutputStream(stream, codec)
    return stream
