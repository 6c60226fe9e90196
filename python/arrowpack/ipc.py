"""Arrow IPC, as ``pyarrow.ipc``: options, messages and message readers.

Sources may be bytes-like objects (read zero-copy), arrowpack NativeFiles (memory maps stay
zero-copy), paths, or Python file objects.
"""

import os
from collections import namedtuple

from arrowpack._core import BufferReader, NativeFile, OSFile, PythonFile
from arrowpack._core._ipc import (
    IpcReadOptions,
    IpcWriteOptions,
    Message,
    MessageReader,
    MetadataVersion,
    _read_message,
    _StreamReader,
)

__all__ = [
    "IpcReadOptions",
    "IpcWriteOptions",
    "Message",
    "MessageReader",
    "MetadataVersion",
    "ReadStats",
    "RecordBatchStreamReader",
    "open_stream",
    "read_message",
]

ReadStats = namedtuple(
    "ReadStats",
    ["num_messages", "num_record_batches", "num_dictionary_batches", "num_dictionary_deltas",
     "num_replaced_dictionaries"],
)
ReadStats.__doc__ = "Counters of an IPC reader."


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


def _read_options(options):
    if options is None:
        return IpcReadOptions()
    if not isinstance(options, IpcReadOptions):
        raise TypeError("options must be an arrowpack.ipc.IpcReadOptions")
    return options


def read_message(source):
    """Read one encapsulated Message from `source`; EOFError at the end of a stream."""
    return _read_message(_input_file(source), IpcReadOptions())


def _open_message_stream(source, options=None):
    return MessageReader._open(_input_file(source), _read_options(options))


MessageReader.open_stream = staticmethod(_open_message_stream)


class RecordBatchStreamReader:
    """Reads the record batches of an IPC stream one by one (the schema is read at once).

    Batches are zero-copy slices of in-memory and memory-mapped sources. The remaining batches can
    also leave through the Arrow PyCapsule protocol (``__arrow_c_stream__``), which spends the
    reader.
    """

    def __init__(self, source, *, options=None, memory_pool=None):
        if memory_pool is not None:
            raise NotImplementedError("memory_pool is not supported by the IPC readers yet")
        self._reader = _StreamReader(_input_file(source), _read_options(options))

    @property
    def schema(self):
        return self._reader.schema

    @property
    def stats(self):
        """ReadStats so far."""
        return ReadStats(*self._reader.stats())

    def read_next_batch(self):
        """The next RecordBatch; StopIteration at the end of the stream."""
        batch = self._reader.read_next()
        if batch is None:
            raise StopIteration
        return batch

    def __iter__(self):
        return self

    def __next__(self):
        return self.read_next_batch()

    def __arrow_c_schema__(self):
        return self._reader.schema_capsule()

    def __arrow_c_stream__(self, requested_schema=None):
        if requested_schema is not None:
            raise NotImplementedError("casting an IPC stream to a requested schema is not supported")
        return self._reader.export_stream()

    def close(self):
        self._reader.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def open_stream(source, *, options=None, memory_pool=None):
    """A RecordBatchStreamReader over `source`."""
    return RecordBatchStreamReader(source, options=options, memory_pool=memory_pool)
