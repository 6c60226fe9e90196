"""Named POSIX shared-memory segments: write a value once, open it zero-copy from other processes.

A segment holds one payload of exactly the needed size (measured first with a MockOutputStream)
after a 64-byte header that records its kind and a commit marker (docs/transport.md has the
layout). Writing goes through the C++ core (shm_open/mmap directly, not
multiprocessing.shared_memory, so Python's resource tracker never unlinks a segment behind your
back): a segment becomes visible to readers only once completely written, and a failed write
removes its segment again.

Lifetimes are explicit. ``open(name)`` maps the segment read-only; the returned Segment's
``buffer`` and every table, array or ndarray read from it keep the mapping alive, so they stay
valid after the writer closes or exits and after ``unlink(name)``. Only ``unlink(name)`` removes
a name, once; a second call raises FileNotFoundError.

Errors: a segment that does not exist raises FileNotFoundError; a name already in use,
FileExistsError; a segment that is not an arrowpack segment, or whose writer died before
finishing it, ArrowInvalid; one written by a newer format version, ArrowNotImplementedError;
reading a segment as the wrong kind, ArrowTypeError.
"""

from arrowpack import ipc
from arrowpack._core import (
    ArrowInvalid,
    ArrowTypeError,
    FixedSizeBufferWriter,
    MockOutputStream,
    RecordBatch,
    Table,
    _shared_memory_open,
    _shared_memory_unlink,
    _SharedMemoryWriter,
)

__all__ = ["KIND_BYTES", "KIND_IPC_STREAM", "KIND_SERIALIZED", "Segment", "open", "read_table", "unlink",
           "write_bytes", "write_serialized", "write_table"]

KIND_BYTES = 0
KIND_IPC_STREAM = 1
KIND_SERIALIZED = 2
_KIND_NAMES = {KIND_BYTES: "bytes", KIND_IPC_STREAM: "an Arrow IPC stream", KIND_SERIALIZED: "a serialized value"}


def _write(name, kind, write):
    """Runs write(sink) on a counting sink, then into a new segment of that size; commits it."""
    counter = MockOutputStream()
    write(counter)
    size = counter.size()
    writer = _SharedMemoryWriter(name, size, kind)
    try:
        sink = FixedSizeBufferWriter(writer.payload)
        write(sink)
        if sink.tell() != size:
            raise ArrowInvalid(f"shared memory payload changed size between runs: {size} then {sink.tell()} bytes")
        sink.close()
        writer.commit()
    finally:
        writer.close()
    return size


def write_bytes(name, data):
    """Creates segment `name` holding the bytes of `data` (any buffer-like object); returns the size."""
    view = memoryview(data).cast("B")
    return _write(name, KIND_BYTES, lambda sink: sink.write(view))


def write_table(name, table, options=None):
    """Creates segment `name` holding `table` (a Table or RecordBatch) as an Arrow IPC stream."""
    def write(sink):
        with ipc.new_stream(sink, table.schema, options=options) as writer:
            if isinstance(table, RecordBatch):
                writer.write_batch(table)
            else:
                writer.write_table(table)
    return _write(name, KIND_IPC_STREAM, write)


def write_serialized(name, serialized):
    """Creates segment `name` holding a SerializedPyObject (``arrowpack.serialize(value)``)."""
    return _write(name, KIND_SERIALIZED, serialized.write_to)


class Segment:
    """A committed segment mapped read-only. ``buffer`` is its payload (zero-copy)."""

    def __init__(self, name, buffer, kind):
        self.name = name
        self.buffer = buffer
        self.kind = kind

    @property
    def size(self):
        return self.buffer.size

    def _expect(self, kind):
        if self.kind != kind:
            raise ArrowTypeError(f"shared memory '{self.name}' holds {_KIND_NAMES[self.kind]}, "
                                 f"not {_KIND_NAMES[kind]}")

    def read_table(self):
        """The IPC stream's batches as a Table whose buffers point into the segment."""
        self._expect(KIND_IPC_STREAM)
        reader = ipc.open_stream(self.buffer)
        return Table.from_batches(list(reader), schema=reader.schema)

    def deserialize(self, context=None):
        """The serialized value; its ndarrays are read-only views of the segment."""
        self._expect(KIND_SERIALIZED)
        from arrowpack.serialization import deserialize
        return deserialize(self.buffer, context=context)

    def __repr__(self):
        return f"<arrowpack.shared_memory.Segment name={self.name!r} size={self.size} kind={self.kind}>"


def open(name):  # noqa: A001 - the module's verb, as in os.open
    """Maps committed segment `name` (with or without the leading '/') read-only."""
    buffer, kind = _shared_memory_open(name)
    return Segment(name, buffer, kind)


def read_table(name):
    """Shortcut for open(name).read_table()."""
    return open(name).read_table()


def unlink(name):
    """Removes segment `name`; mappings already open stay valid."""
    _shared_memory_unlink(name)
