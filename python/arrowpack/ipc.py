"""Arrow IPC, as ``pyarrow.ipc``: options, messages and message readers.

Sources may be bytes-like objects (read zero-copy), arrowpack NativeFiles (memory maps stay
zero-copy), paths, or Python file objects.
"""

import os

from arrowpack._core import BufferReader, NativeFile, OSFile, PythonFile
from arrowpack._core._ipc import (
    IpcReadOptions,
    IpcWriteOptions,
    Message,
    MessageReader,
    MetadataVersion,
    _read_message,
)

__all__ = [
    "IpcReadOptions",
    "IpcWriteOptions",
    "Message",
    "MessageReader",
    "MetadataVersion",
    "read_message",
]


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
