"""RecordBatchReader._export_to_c / _import_from_c: the C Stream Interface by integer address,
against real pyarrow in both directions, and their bad input (null, negative and non-int
addresses, a released stream, batches that do not match the stream's schema)."""

import ctypes

import pyarrow
import pytest

import arrowpack as pa


class ArrowArrayStream(ctypes.Structure):
    """The C struct (five pointers); `release` is None once the stream is released or moved."""

    _fields_ = [(name, ctypes.c_void_p) for name in ("get_schema", "get_next", "get_last_error", "release",
                                                       "private_data")]


@pytest.fixture
def c_stream():
    stream = ArrowArrayStream()
    yield stream, ctypes.addressof(stream)
    if stream.release:  # a test that failed half-way: release what was exported
        release = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(stream.release)
        release(ctypes.addressof(stream))


def batches(lib):
    schema = lib.schema([("x", lib.int32()), ("s", lib.string())], metadata={"origin": "test"})
    return schema, [lib.record_batch([lib.array([1, None], lib.int32()), lib.array(["a", "b"])], schema=schema),
                    lib.record_batch([lib.array([3], lib.int32()), lib.array([None], lib.string())], schema=schema)]


def contents(table):
    return table.to_pydict(), table.schema.names, [str(t) for t in table.schema.types]


@pytest.mark.parametrize("producer, consumer", [(pyarrow, pa), (pa, pyarrow)], ids=["pyarrow-to-ours", "ours-to-pyarrow"])
def test_export_and_import_by_address(c_stream, producer, consumer):
    stream, address = c_stream
    schema, data = batches(producer)
    producer.RecordBatchReader.from_batches(schema, data)._export_to_c(address)
    assert stream.release
    reader = consumer.RecordBatchReader._import_from_c(address)
    assert not stream.release  # moved into the reader
    assert isinstance(reader, consumer.RecordBatchReader)
    assert reader.schema.metadata == {b"origin": b"test"}
    assert contents(reader.read_all()) == contents(producer.Table.from_batches(data))


def test_table_reader_round_trips_through_arrowpack(c_stream):
    _, address = c_stream
    schema, data = batches(pa)
    table = pa.Table.from_batches(data)
    pa.RecordBatchReader.from_stream(table)._export_to_c(address)
    assert pa.RecordBatchReader._import_from_c(address).read_all().to_pydict() == table.to_pydict()


def test_ipc_stream_reader_export_spends_the_reader(c_stream):
    _, address = c_stream
    schema, data = batches(pyarrow)
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, schema) as writer:
        for batch in data:
            writer.write_batch(batch)
    reader = pa.ipc.open_stream(sink.getvalue().to_pybytes())
    reader.read_next_batch()
    reader._export_to_c(address)
    with pytest.raises(pa.ArrowInvalid, match="closed or was exported"):
        reader.read_next_batch()
    assert pyarrow.RecordBatchReader._import_from_c(address).read_all().to_pydict() == data[1].to_pydict()


@pytest.mark.parametrize("address, error, message", [
    (0, ValueError, r"Null pointer \(value before cast = 0\)"),
    (-1, OverflowError, "negative"),
    (2 ** 70, OverflowError, "too large"),
    ("0x10", TypeError, "Expected a pointer value, got <class 'str'>"),
    (1.0, TypeError, "Expected a pointer value, got <class 'float'>"),
])
def test_bad_addresses_raise_like_pyarrow(address, error, message):
    if not isinstance(address, float):  # pyarrow takes a float as an address (for R) and crashes
        with pytest.raises(error):
            pyarrow.RecordBatchReader._import_from_c(address)
    with pytest.raises(error, match=message):
        pa.RecordBatchReader._import_from_c(address)
    schema, data = batches(pa)
    with pytest.raises(error, match=message):
        pa.RecordBatchReader.from_batches(schema, data)._export_to_c(address)
    reader = pa.ipc.open_stream(ipc_stream_bytes())
    with pytest.raises(error, match=message):
        reader._export_to_c(address)
    assert reader.read_next_batch().num_rows == 2  # a bad address does not spend the reader


def ipc_stream_bytes():
    schema, data = batches(pa)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_batch(data[0])
    return sink.getvalue()


def test_released_stream_is_refused(c_stream):
    stream, address = c_stream
    with pytest.raises(pa.ArrowInvalid, match="already released"):
        pa.RecordBatchReader._import_from_c(address)  # zeroed: never exported
    schema, data = batches(pyarrow)
    pyarrow.RecordBatchReader.from_batches(schema, data)._export_to_c(address)
    pa.RecordBatchReader._import_from_c(address).close()
    with pytest.raises(pa.ArrowInvalid, match="already released"):
        pa.RecordBatchReader._import_from_c(address)  # moved out by the first import


def test_batches_not_matching_the_schema_fail_when_read(c_stream):
    _, address = c_stream
    schema = pa.schema([("x", pa.int8())])
    wrong = pa.record_batch([pa.array([1, 2], pa.int64())], names=["x"])
    pa.RecordBatchReader.from_batches(schema, [wrong])._export_to_c(address)
    theirs = pyarrow.RecordBatchReader._import_from_c(address)
    with pytest.raises(pyarrow.ArrowInvalid, match="do not match the stream's schema"):
        theirs.read_all()
    pa.RecordBatchReader.from_batches(schema, [wrong])._export_to_c(address)
    ours = pa.RecordBatchReader._import_from_c(address)
    with pytest.raises(pa.ArrowInvalid, match="do not match the stream's schema"):
        ours.read_next_batch()


def test_imported_batches_are_validated(c_stream):
    _, address = c_stream
    # A pyarrow stream whose batch has more columns than its schema: the struct array does not
    # import under the stream's schema.
    schema = pyarrow.schema([("x", pyarrow.int64())])
    wide = pyarrow.record_batch([pyarrow.array([1]), pyarrow.array([2])], names=["x", "y"])
    pyarrow.RecordBatchReader.from_batches(schema, [wide])._export_to_c(address)
    reader = pa.RecordBatchReader._import_from_c(address)
    with pytest.raises(pa.ArrowInvalid):
        reader.read_next_batch()
