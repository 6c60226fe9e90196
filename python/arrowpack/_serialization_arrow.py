"""Default serialization handlers for arrowpack's own classes and scipy sparse matrices.

Owns pyarrow's ids and encodings for them, so pyarrow 1.0-11 reads what these write:
'pyarrow.Array' (a one-column RecordBatch), 'pyarrow.RecordBatch' and 'pyarrow.Table' travel as an
Arrow IPC stream in a Buffer; scipy 'scipy.sparse.{coo,csr,csc}.{fmt}_matrix' as
``(fmt, SparseCOOTensor | SparseCSRMatrix | SparseCSCMatrix)``. scipy's sparse *arrays*
(coo_array, ...) get arrowpack ids 'scipy.sparse.{fmt}_array' with the same encoding. Handlers for modules that are not installed
are not registered. Errors: the IPC readers raise ArrowInvalid on a corrupt stream.
"""

from arrowpack._core import (Array, BufferOutputStream, RecordBatch, SparseCOOTensor, SparseCSCMatrix,
                             SparseCSRMatrix, Table)


def _write_stream(schema, write):
    from arrowpack import ipc

    sink = BufferOutputStream()
    with ipc.new_stream(sink, schema) as writer:
        write(writer)
    return sink.getvalue()


def _serialize_record_batch(batch):
    return _write_stream(batch.schema, lambda writer: writer.write_batch(batch))


def _deserialize_record_batch(buf):
    from arrowpack import ipc

    with ipc.open_stream(buf) as reader:
        return reader.read_next_batch()


def _serialize_table(table):
    return _write_stream(table.schema, lambda writer: writer.write_table(table))


def _deserialize_table(buf):
    from arrowpack import ipc

    with ipc.open_stream(buf) as reader:
        return Table.from_batches(list(reader), schema=reader.schema)


def _serialize_array(array):
    return _serialize_record_batch(RecordBatch.from_arrays([array], [""]))


def _deserialize_array(buf):
    return _deserialize_record_batch(buf).column(0)


def register_scipy(context):
    """Registers scipy's coo/csr/csc matrices and arrays (as sparse tensors) when scipy is installed."""
    try:
        import scipy.sparse as sp
    except ImportError:
        return
    to_tensor = {"coo": SparseCOOTensor, "csr": SparseCSRMatrix, "csc": SparseCSCMatrix}

    def serialize(obj):
        fmt = obj.format if obj.format in to_tensor else "coo"
        return fmt, to_tensor[fmt].from_scipy(obj.asformat(fmt))

    def deserializer(make):
        def deserialize(data):
            fmt, tensor = data
            if fmt not in to_tensor or not isinstance(tensor, to_tensor[fmt]):
                raise ValueError(f"scipy sparse payload: unexpected {fmt!r} with {type(tensor).__name__}")
            return make(tensor.to_scipy())
        return deserialize

    for fmt in to_tensor:
        matrix = getattr(sp, f"{fmt}_matrix")
        context.register_type(matrix, f"scipy.sparse.{fmt}.{fmt}_matrix", custom_serializer=serialize,
                              custom_deserializer=deserializer(matrix))
        array = getattr(sp, f"{fmt}_array", None)
        if array is not None:
            context.register_type(array, f"scipy.sparse.{fmt}_array", custom_serializer=serialize,
                                  custom_deserializer=deserializer(array))


def register(context):
    """Registers the arrowpack-class handlers (Array, RecordBatch, Table) on a SerializationContext."""
    context.register_type(Array, "pyarrow.Array", custom_serializer=_serialize_array,
                          custom_deserializer=_deserialize_array)
    context.register_type(RecordBatch, "pyarrow.RecordBatch", custom_serializer=_serialize_record_batch,
                          custom_deserializer=_deserialize_record_batch)
    context.register_type(Table, "pyarrow.Table", custom_serializer=_serialize_table,
                          custom_deserializer=_deserialize_table)

