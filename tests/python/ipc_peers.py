"""Arrow IPC writers and readers of arrowpack and its peers (pyarrow, polars, arro3, nanoarrow), as
plain functions over bytes, for the IPC interop matrix (test_ipc_interop.py).

A writer takes a list of record batches of its own library (or something it can import through the
Arrow PyCapsule protocol) and returns the bytes of a stream or file; a reader takes those bytes and
returns what the library read, as an object with ``__arrow_c_stream__``.
"""

import io

import arro3.io
import nanoarrow
import nanoarrow.ipc
import polars as pl
import pyarrow

import arrowpack as pa
from arrow_types_catalog import StreamOnly

COMPRESSIONS = [None, "lz4", "zstd"]


def _write(m, batches, schema, file_format, compression=None, **options):
    sink = m.BufferOutputStream()
    opener = m.ipc.new_file if file_format else m.ipc.new_stream
    with opener(sink, schema, options=m.ipc.IpcWriteOptions(compression=compression, **options)) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return sink.getvalue().to_pybytes()


def write_arrowpack(batches, schema, file_format, compression=None, **options):
    return _write(pa, batches, schema, file_format, compression, **options)


def write_pyarrow(batches, schema, file_format, compression=None, **options):
    return _write(pyarrow, batches, schema, file_format, compression, **options)


def write_polars(table, file_format, compression=None):
    frame = pl.DataFrame(StreamOnly(table))
    sink = io.BytesIO()
    method = frame.write_ipc if file_format else frame.write_ipc_stream
    method(sink, compression=compression or "uncompressed")
    return sink.getvalue()


def write_arro3(table, file_format, compression=None):
    sink = io.BytesIO()
    (arro3.io.write_ipc if file_format else arro3.io.write_ipc_stream)(table, sink, compression=compression)
    return sink.getvalue()


def write_nanoarrow(table):
    """nanoarrow writes streams only, uncompressed."""
    sink = io.BytesIO()
    writer = nanoarrow.ipc.StreamWriter.from_writable(sink)
    writer.write_stream(table)
    writer.close()
    return sink.getvalue()


def read_arrowpack(data, file_format):
    return (pa.ipc.open_file if file_format else pa.ipc.open_stream)(data).read_all()


def read_pyarrow(data, file_format):
    return (pyarrow.ipc.open_file if file_format else pyarrow.ipc.open_stream)(pyarrow.py_buffer(data)).read_all()


def read_polars(data, file_format):
    if file_format:
        return pl.read_ipc(io.BytesIO(data))
    return pl.read_ipc_stream(io.BytesIO(data))


def read_arro3(data, file_format):
    return (arro3.io.read_ipc if file_format else arro3.io.read_ipc_stream)(io.BytesIO(data))


def read_nanoarrow(data):
    return nanoarrow.c_array_stream(nanoarrow.ipc.InputStream.from_readable(data))
