"""arrowpack: pyarrow's memory and IO layer, Arrow IPC and zero-copy serialization.

``import arrowpack as pa`` gives the names pyarrow users know: buffers and memory pools,
native files and streams, codecs, and the Arrow exception classes.
"""

from arrowpack._core import (
    # Exceptions (pyarrow's hierarchy).
    ArrowCancelled,
    ArrowCapacityError,
    ArrowException,
    ArrowIndexError,
    ArrowInvalid,
    ArrowIOError,
    ArrowKeyError,
    ArrowMemoryError,
    ArrowNotImplementedError,
    ArrowSerializationError,
    ArrowTypeError,
    DeserializationCallbackError,
    SerializationCallbackError,
    # Buffers.
    Buffer,
    ResizableBuffer,
    allocate_buffer,
    foreign_buffer,
    py_buffer,
    # Memory pools.
    MemoryPool,
    default_memory_pool,
    jemalloc_memory_pool,
    mimalloc_memory_pool,
    set_memory_pool,
    supported_memory_backends,
    system_memory_pool,
    total_allocated_bytes,
    # Files and streams.
    BufferOutputStream,
    BufferReader,
    CompressedInputStream,
    CompressedOutputStream,
    FixedSizeBufferWriter,
    MemoryMappedFile,
    MockOutputStream,
    NativeFile,
    OSFile,
    PythonFile,
    create_memory_map,
    memory_map,
    # Compression.
    Codec,
    compress,
    decompress,
)
from arrowpack._version import __version__
from arrowpack.streams import input_stream, output_stream
from arrowpack import ipc
