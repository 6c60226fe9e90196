"""Arrow IPC, as ``pyarrow.ipc``: options, messages, stream and file writers and readers.

Sources may be bytes-like objects (read zero-copy), arrowpack NativeFiles (memory maps stay
zero-copy), paths, or Python file objects. Sinks may be writable NativeFiles, paths (the writer
opens the file and closes it on close()), Python file objects, or writable buffer-like objects
such as ``SharedMemory.buf`` (written through a FixedSizeBufferWriter; an arrowpack extension,
pyarrow wants the FixedSizeBufferWriter spelled out).
"""

import os
from collections import namedtuple

from arrowpack._core import (
    BufferOutputStream,
    BufferReader,
    FixedSizeBufferWriter,
    NativeFile,
    OSFile,
    PythonFile,
    RecordBatch,
    RecordBatchReader,
    py_buffer,
)
from arrowpack._core._ipc import (
    Alignment,
    DictionaryMemo,
    IpcReadOptions,
    IpcWriteOptions,
    Message,
    MessageReader,
    MetadataVersion,
    _read_message,
    _read_record_batch,
    _read_schema,
    get_record_batch_size,
    get_tensor_size,
    _read_tensor,
    write_tensor,
    _FileReader,
    _RecordBatchStreamReader,
    _RecordBatchWriter,
    _StreamDecoder,
)

__all__ = [
    "Alignment",
    "DictionaryMemo",
    "IpcReadOptions",
    "IpcWriteOptions",
    "Message",
    "MessageReader",
    "MetadataVersion",
    "ReadStats",
    "RecordBatchFileReader",
    "RecordBatchFileWriter",
    "RecordBatchReader",
    "RecordBatchStreamReader",
    "RecordBatchStreamWriter",
    "RecordBatchWithMetadata",
    "StreamDecoder",
    "WriteStats",
    "new_file",
    "new_stream",
    "deserialize_pandas",
    "get_record_batch_size",
    "get_tensor_size",
    "open_file",
    "open_stream",
    "read_message",
    "read_record_batch",
    "read_schema",
    "read_tensor",
    "serialize_pandas",
    "write_tensor",
]

ReadStats = namedtuple(
    "ReadStats",
    ["num_messages", "num_record_batches", "num_dictionary_batches", "num_dictionary_deltas",
     "num_replaced_dictionaries"],
)
ReadStats.__doc__ = "Counters of an IPC reader."

RecordBatchWithMetadata = namedtuple("RecordBatchWithMetadata", ["batch", "custom_metadata"])
RecordBatchWithMetadata.__doc__ = "A record batch and the custom metadata of its message (None if it has none)."

WriteStats = namedtuple("WriteStats", ReadStats._fields)
WriteStats.__doc__ = "Counters of an IPC writer."


def _read_next_batch_with_custom_metadata(self):
    """(next RecordBatch, custom metadata of its message or None); StopIteration at the end.
    IPC stream readers only: other readers raise ArrowNotImplementedError, as in pyarrow."""
    read = self._read_next_with_metadata()
    if read is None:
        raise StopIteration
    return RecordBatchWithMetadata(*read)


def _iter_batches_with_custom_metadata(self):
    """Yields (RecordBatch, custom metadata or None) until the end of the stream (IPC stream
    readers only, as read_next_batch_with_custom_metadata)."""
    while True:
        read = self._read_next_with_metadata()
        if read is None:
            return
        yield RecordBatchWithMetadata(*read)


RecordBatchReader.read_next_batch_with_custom_metadata = _read_next_batch_with_custom_metadata
RecordBatchReader.iter_batches_with_custom_metadata = _iter_batches_with_custom_metadata


def _input_file(source):
    """A readable NativeFile for `source` (see the module docstring)."""
    if isinstance(source, NativeFile):
        return source
    if isinstance(source, (str, os.PathLike)):
        return OSFile(os.fspath(source), "r")
    try:
        memoryview(source).release()
    except TypeError:
        pass
    else:
        return BufferReader(source)
    if hasattr(source, "read"):
        return PythonFile(source, mode="r")
    raise TypeError(f"Cannot read Arrow IPC data from {type(source).__name__}")


def _read_options(options, memory_pool=None):
    """`options` (default: IpcReadOptions()), allocating from `memory_pool` when one is given."""
    if options is None:
        options = IpcReadOptions()
    elif not isinstance(options, IpcReadOptions):
        raise TypeError("options must be an arrowpack.ipc.IpcReadOptions")
    return options if memory_pool is None else options._with_memory_pool(memory_pool)


def read_message(source):
    """Read one encapsulated Message from `source`; EOFError at the end of a stream."""
    return _read_message(_input_file(source), IpcReadOptions())


def _message(obj):
    """`obj` if it is a Message, else the first message of the bytes-like or NativeFile `obj`."""
    return obj if isinstance(obj, Message) else read_message(obj)


def read_schema(obj, dictionary_memo=None):
    """The Schema of a schema message (a Message or buffer-like); `dictionary_memo` records the
    dictionary ids of its dictionary-encoded fields for read_record_batch."""
    return _read_schema(_message(obj), dictionary_memo)


def read_record_batch(obj, schema, dictionary_memo=None):
    """Decodes a record batch message (a Message or buffer-like) with the known `schema`."""
    return _read_record_batch(_message(obj), schema, dictionary_memo, IpcReadOptions())


def read_tensor(source):
    """The Tensor message at the position of `source` (a bytes-like object, NativeFile, path or
    Python file object); zero-copy from memory-backed sources."""
    if isinstance(source, (str, os.PathLike)):
        with OSFile(os.fspath(source), "r") as file:
            return _read_tensor(file)
    return _read_tensor(_input_file(source))


class StreamDecoder(_StreamDecoder):
    """An IPC stream decoder that is fed bytes as they arrive, for sockets and event loops (an
    arrowpack extension; pyarrow has no Python counterpart to C++'s ipc::StreamDecoder).

    ``consume(data)`` takes the next piece of the stream, of any size, and returns the list of
    RecordBatches it completes. ``schema`` is None until the schema message is in,
    ``next_required_size`` hints how many bytes to read next, and ``finished`` turns True at the
    end-of-stream marker. Read-only pieces (bytes, Buffers) are kept without a copy; writable ones
    are copied. Malformed data raises ArrowInvalid, and the decoder then refuses further data.
    """

    def __init__(self, options=None, *, memory_pool=None):
        super().__init__(_read_options(options, memory_pool))

    @property
    def stats(self):
        """ReadStats of the messages decoded so far."""
        return ReadStats(*self._stats())


def _open_message_stream(source, options=None):
    return MessageReader._open(_input_file(source), _read_options(options))


MessageReader.open_stream = staticmethod(_open_message_stream)


class RecordBatchStreamReader(_RecordBatchStreamReader):
    """Reads the record batches of an IPC stream one by one (the schema is read at once).

    A RecordBatchReader: read_next_batch, read_all, read_pandas, iteration, close and the context
    manager come from there. Batches are zero-copy slices of in-memory and memory-mapped sources.
    The remaining batches can also leave through the Arrow PyCapsule protocol
    (``__arrow_c_stream__``), which spends the reader.
    """

    def __init__(self, source, *, options=None, memory_pool=None):
        super().__init__(_input_file(source), _read_options(options, memory_pool))

    @property
    def stats(self):
        """ReadStats so far."""
        return ReadStats(*self._stats())

    def __arrow_c_schema__(self):
        return self._schema_capsule()

    def __arrow_c_stream__(self, requested_schema=None):
        if requested_schema is not None:
            raise NotImplementedError("casting an IPC stream to a requested schema is not supported")
        return self._export_stream()


def open_stream(source, *, options=None, memory_pool=None):
    """A RecordBatchStreamReader over `source`."""
    return RecordBatchStreamReader(source, options=options, memory_pool=memory_pool)


def _random_access_file(source):
    """A readable, seekable NativeFile for `source` (Python files must be seekable)."""
    if isinstance(source, NativeFile) or isinstance(source, (str, os.PathLike)) or not hasattr(source, "read"):
        return _input_file(source)
    return PythonFile(source, mode="r")


class RecordBatchFileReader:
    """Random access to the record batches of an IPC file through its footer.

    source: bytes-like, NativeFile (memory maps and BufferReaders are read zero-copy), path, or
    seekable Python file. footer_offset: the position just past the file's end when it is
    embedded in a larger one (None: the end of `source`).
    """

    def __init__(self, source, footer_offset=None, *, options=None, memory_pool=None):
        self._reader = _FileReader(_random_access_file(source), footer_offset, _read_options(options, memory_pool))

    @property
    def schema(self):
        return self._reader.schema

    @property
    def num_record_batches(self):
        return self._reader.num_record_batches

    @property
    def metadata(self):
        """The footer's custom metadata ({bytes: bytes}), or None."""
        return self._reader.metadata

    @property
    def stats(self):
        """ReadStats so far."""
        return ReadStats(*self._reader.stats())

    def get_batch(self, i):
        """Record batch `i` (ValueError when out of range, as in pyarrow)."""
        self._check_index(i)
        return self._reader.get_batch(i)

    get_record_batch = get_batch

    def get_batch_with_custom_metadata(self, i):
        """(record batch `i`, custom metadata of its message or None)."""
        self._check_index(i)
        return RecordBatchWithMetadata(*self._reader.get_batch_with_custom_metadata(i))

    def _check_index(self, i):
        if not 0 <= i < self._reader.num_record_batches:
            raise ValueError(f"Batch number {i} out of range")

    def count_rows(self):
        """Total rows of the file, from the batches' metadata."""
        return self._reader.count_rows()

    def read_all(self):
        """Every batch as a Table."""
        return self._reader.read_all()

    def read_pandas(self, **options):
        """read_all().to_pandas(**options)."""
        return self.read_all().to_pandas(**options)

    def __iter__(self):
        return (self._reader.get_batch(i) for i in range(self._reader.num_record_batches))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        pass


def open_file(source, footer_offset=None, *, options=None, memory_pool=None):
    """A RecordBatchFileReader over `source`."""
    return RecordBatchFileReader(source, footer_offset, options=options, memory_pool=memory_pool)


def _output_file(sink):
    """(writable NativeFile, whether the writer opened it) for `sink` (see the module docstring)."""
    if isinstance(sink, NativeFile):
        return sink, False
    if isinstance(sink, (str, os.PathLike)):
        return OSFile(os.fspath(sink), "w"), True
    if hasattr(sink, "write"):
        return PythonFile(sink, mode="w"), False
    try:
        view = memoryview(sink)
    except TypeError:
        raise TypeError(f"Unable to write to object of type: {type(sink)}") from None
    if view.readonly:
        raise TypeError(f"Unable to write to read-only {type(sink).__name__}")
    return FixedSizeBufferWriter(py_buffer(view)), False


def _write_options(options):
    """`options`, or None for pyarrow's defaults, which the writer reads from the environment
    (ARROW_PRE_0_15_IPC_FORMAT=1 and ARROW_PRE_1_0_METADATA_VERSION=1 select the legacy framing and
    V4 metadata)."""
    if options:
        if not isinstance(options, IpcWriteOptions):
            raise TypeError(f"expected IpcWriteOptions, got {type(options)}")
        return options
    return None


_RecordBatchWriter.stats = property(lambda self: WriteStats(*self._stats()), doc="WriteStats so far.")


class RecordBatchStreamWriter(_RecordBatchWriter):
    """Writer of the Arrow IPC stream format: the schema at once, then dictionaries and batches,
    and the end-of-stream marker on close(). Use as a context manager.

    sink: a path, writable NativeFile, Python file object or writable buffer-like object.
    schema: the Schema every batch must have. options: IpcWriteOptions (None: defaults).
    """

    def __init__(self, sink, schema, *, options=None):
        file, owned = _output_file(sink)
        super().__init__(file, schema, _write_options(options), False, None, owned)


class RecordBatchFileWriter(_RecordBatchWriter):
    """Writer of the Arrow IPC file format (ARROW1 magic, the stream, a footer for random access).

    Like RecordBatchStreamWriter; `metadata` (a dict of str/bytes) is stored in the footer and
    read back as ``open_file(...).metadata``.
    """

    def __init__(self, sink, schema, *, options=None, metadata=None):
        file, owned = _output_file(sink)
        super().__init__(file, schema, _write_options(options), True, metadata, owned)


def new_stream(sink, schema, *, options=None):
    """A RecordBatchStreamWriter writing `schema` to `sink`."""
    return RecordBatchStreamWriter(sink, schema, options=options)


def new_file(sink, schema, *, options=None, metadata=None):
    """A RecordBatchFileWriter writing `schema` to `sink`."""
    return RecordBatchFileWriter(sink, schema, options=options, metadata=metadata)


def serialize_pandas(df, *, nthreads=None, preserve_index=None):
    """A pandas DataFrame as a Buffer holding an IPC stream of one record batch."""
    batch = RecordBatch.from_pandas(df, nthreads=nthreads, preserve_index=preserve_index)
    sink = BufferOutputStream()
    with RecordBatchStreamWriter(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return sink.getvalue()


def deserialize_pandas(buf, *, use_threads=True):
    """The DataFrame of a buffer written by serialize_pandas (or any IPC stream)."""
    with RecordBatchStreamReader(BufferReader(buf)) as reader:
        table = reader.read_all()
    return table.to_pandas(use_threads=use_threads)
