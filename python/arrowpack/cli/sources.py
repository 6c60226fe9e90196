"""Recognizing what a file holds (Arrow IPC file, IPC stream, or a serialized object) and opening it.

Detection looks at the leading bytes, then confirms by parsing: `ARROW1` opens as an IPC file, a
continuation marker as a stream; anything else is tried as a serialized object and then as a stream
in the pre-0.15 framing. A file none of these accept raises ArrowInvalid naming what was tried.
"""

import struct

import arrowpack as pa
from arrowpack._core import _read_serialized

IPC_FILE = "ipc-file"
IPC_STREAM = "ipc-stream"
SERIALIZED = "serialized"

KIND_LABELS = {
    IPC_FILE: "Arrow IPC file",
    IPC_STREAM: "Arrow IPC stream",
    SERIALIZED: "serialized object (arrowpack / pyarrow.serialize)",
}

_FILE_MAGIC = b"ARROW1"
_CONTINUATION = b"\xff\xff\xff\xff"


def read_buffer(path):
    """The whole file as a zero-copy Buffer over a read-only memory map."""
    with pa.memory_map(path) as source:
        return source.read_buffer()


def detect_kind(buffer):
    """IPC_FILE, IPC_STREAM or SERIALIZED; ArrowInvalid when the bytes are none of them."""
    head = buffer.slice(0, min(buffer.size, 8)).to_pybytes()
    if head.startswith(_FILE_MAGIC):
        return IPC_FILE
    if head.startswith(_CONTINUATION):
        return IPC_STREAM
    errors = []
    try:
        _read_serialized(pa.BufferReader(buffer), buffer)
        return SERIALIZED
    except pa.ArrowException as error:
        errors.append("serialized object: %s" % error)
    try:
        with pa.ipc.open_stream(buffer) as reader:
            reader.schema
        return IPC_STREAM
    except pa.ArrowException as error:
        errors.append("IPC stream: %s" % error)
    raise pa.ArrowInvalid("not an Arrow IPC file, IPC stream or serialized object (%s)" % "; ".join(errors))


def open_batches(buffer, kind):
    """A reader over the record batches of an IPC file or stream (both iterate and have .schema)."""
    if kind == IPC_FILE:
        return pa.ipc.open_file(buffer)
    if kind == IPC_STREAM:
        return pa.ipc.open_stream(buffer)
    raise pa.ArrowInvalid("a %s holds no record batches" % KIND_LABELS[kind])


def stream_messages(buffer, kind):
    """The encapsulated messages of the stream part (for files: between the magic and the footer)."""
    if kind == IPC_FILE:
        if buffer.size < 18:
            raise pa.ArrowInvalid("IPC file of %d bytes is too short for magic and footer" % buffer.size)
        (footer_length,) = struct.unpack("<i", buffer.slice(buffer.size - 10, 4).to_pybytes())
        end = buffer.size - 10 - footer_length
        if footer_length < 0 or end < 8:
            raise pa.ArrowInvalid("IPC file footer length %d does not fit a file of %d bytes"
                                  % (footer_length, buffer.size))
        buffer = buffer.slice(8, end - 8)
    return pa.ipc.MessageReader.open_stream(buffer)
