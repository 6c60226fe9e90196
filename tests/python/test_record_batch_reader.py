"""pa.RecordBatchReader as pyarrow's: IPC stream readers are instances of it (file readers are
not, in both libraries), its reading methods, the context manager, from_batches taking a lazy
iterable, and __arrow_c_stream__; each compared with pyarrow where pyarrow defines the result."""

import io

import pyarrow
import pytest

import arrowpack as pa

METHODS = ["read_next_batch", "read_all", "read_pandas", "schema", "__iter__", "__next__", "close", "__enter__",
           "__exit__", "from_batches", "from_stream", "__arrow_c_stream__", "cast", "read_next_batch_with_custom_metadata",
           "iter_batches_with_custom_metadata", "_export_to_c", "_import_from_c"]


def stream_bytes(lib, chunks=((1, 2), (3,))):
    batches = [lib.record_batch([lib.array(list(c))], names=["x"]) for c in chunks]
    sink = lib.BufferOutputStream()
    with lib.ipc.new_stream(sink, batches[0].schema) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return sink.getvalue().to_pybytes()


@pytest.mark.parametrize("name, is_reader", [("RecordBatchStreamReader", True), ("RecordBatchFileReader", False)])
def test_class_hierarchy_matches_pyarrow(name, is_reader):
    assert issubclass(getattr(pyarrow.ipc, name), pyarrow.RecordBatchReader) is is_reader
    assert issubclass(getattr(pa.ipc, name), pa.RecordBatchReader) is is_reader
    assert pa.ipc.RecordBatchReader is pa.RecordBatchReader


@pytest.mark.parametrize("source", [bytes, pa.py_buffer, io.BytesIO, pa.BufferReader])
def test_open_stream_gives_a_record_batch_reader(source):
    reader = pa.ipc.open_stream(source(stream_bytes(pyarrow)))
    assert isinstance(reader, pa.RecordBatchReader) and isinstance(reader, pa.ipc.RecordBatchStreamReader)
    for name in METHODS:
        assert hasattr(reader, name), name
    assert reader.schema.names == ["x"]
    assert reader.read_next_batch().column(0).to_pylist() == [1, 2]
    assert [b.num_rows for b in reader] == [1]
    with pytest.raises(StopIteration):
        reader.read_next_batch()


def test_stream_reader_methods_match_pyarrow():
    data = stream_bytes(pyarrow)
    ours, theirs = pa.ipc.open_stream(data), pyarrow.ipc.open_stream(data)
    assert ours.read_all().to_pydict() == theirs.read_all().to_pydict()
    assert pa.ipc.open_stream(data).read_pandas().equals(pyarrow.ipc.open_stream(data).read_pandas())
    assert [b.to_pydict() for b in pa.ipc.open_stream(data)] == [b.to_pydict() for b in pyarrow.ipc.open_stream(data)]


def test_pyarrow_has_the_same_methods():
    for name in METHODS:
        assert hasattr(pyarrow.RecordBatchReader, name), name
        assert hasattr(pa.RecordBatchReader, name), name


def readers_without_message_metadata(lib):
    batch = lib.record_batch([lib.array([1, 2])], names=["x"])
    yield lib.RecordBatchReader.from_batches(batch.schema, [batch])
    yield lib.RecordBatchReader.from_stream(lib.Table.from_batches([batch]))
    yield lib.RecordBatchReader.from_batches(batch.schema, [batch]).cast(batch.schema)


@pytest.mark.parametrize("lib", [pa, pyarrow])
def test_custom_metadata_readers_need_an_ipc_stream(lib):
    for reader in readers_without_message_metadata(lib):
        with pytest.raises(lib.ArrowNotImplementedError, match="ReadNext with custom metadata"):
            reader.read_next_batch_with_custom_metadata()
        with pytest.raises(lib.ArrowNotImplementedError, match="ReadNext with custom metadata"):
            next(reader.iter_batches_with_custom_metadata())


def test_stream_reader_custom_metadata_matches_pyarrow():
    batch = pyarrow.record_batch([pyarrow.array([1, 2])], names=["x"])
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch, custom_metadata={"k": "v"})
        writer.write_batch(batch)
    data = sink.getvalue().to_pybytes()
    ours = list(pa.ipc.open_stream(data).iter_batches_with_custom_metadata())
    theirs = list(pyarrow.ipc.open_stream(data).iter_batches_with_custom_metadata())
    assert [b.to_pydict() for b, _ in ours] == [b.to_pydict() for b, _ in theirs]
    assert [m for _, m in ours] == [{b"k": b"v"}, None]
    assert theirs[0].custom_metadata == {b"k": b"v"} and theirs[1].custom_metadata is None
    reader = pa.ipc.open_stream(data)
    assert reader.read_next_batch_with_custom_metadata().custom_metadata == {b"k": b"v"}
    assert reader.read_next_batch_with_custom_metadata().custom_metadata is None
    with pytest.raises(StopIteration):
        reader.read_next_batch_with_custom_metadata()


def test_stream_reader_context_manager_closes():
    with pa.ipc.open_stream(stream_bytes(pa)) as reader:
        assert reader.read_next_batch().num_rows == 2
        assert reader.stats.num_record_batches == 1
    with pytest.raises(pa.ArrowInvalid, match="closed or was exported"):
        reader.read_next_batch()
    reader.close()  # twice is fine


def test_stream_reader_exports_through_the_c_stream_protocol():
    reader = pa.ipc.open_stream(stream_bytes(pa))
    reader.read_next_batch()
    theirs = pyarrow.RecordBatchReader.from_stream(reader)
    assert theirs.read_all().column(0).to_pylist() == [3]
    with pytest.raises(pa.ArrowInvalid, match="closed or was exported"):
        reader.read_next_batch()


def test_from_batches_takes_the_iterable_one_batch_at_a_time():
    batch = pa.record_batch([pa.array([1, 2])], names=["x"])
    taken = []

    def batches():
        for i in range(3):
            taken.append(i)
            yield batch

    reader = pa.RecordBatchReader.from_batches(batch.schema, batches())
    assert taken == [] and isinstance(reader, pa.RecordBatchReader)
    assert reader.read_next_batch().num_rows == 2 and taken == [0]
    assert reader.read_all().num_rows == 4 and taken == [0, 1, 2]


def test_from_batches_matches_pyarrow():
    for lib in (pa, pyarrow):
        batch = lib.record_batch([lib.array([1, 2])], names=["x"])
        reader = lib.RecordBatchReader.from_batches(batch.schema, [batch, batch])
        with reader as same:
            assert same is reader
            assert [b.to_pydict() for b in reader] == [{"x": [1, 2]}] * 2
        empty = lib.RecordBatchReader.from_batches(batch.schema, [])
        assert empty.read_all().num_rows == 0 and empty.schema.names == ["x"]
        assert lib.RecordBatchReader.from_batches(batch.schema, iter([batch])).read_pandas()["x"].tolist() == [1, 2]


@pytest.mark.parametrize("lib", [pa, pyarrow])
def test_from_batches_bad_items_fail_when_read(lib):
    batch = lib.record_batch([lib.array([1, 2])], names=["x"])
    other = lib.record_batch([lib.array(["a"])], names=["x"])
    reader = lib.RecordBatchReader.from_batches(batch.schema, [batch, other])
    with pytest.raises(lib.ArrowInvalid, match="Schema at index 1 was different"):
        reader.read_all()
    reader = lib.RecordBatchReader.from_batches(batch.schema, [batch, 5])
    reader.read_next_batch()
    with pytest.raises(lib.ArrowTypeError, match="Could not unwrap RecordBatch from Python object of type 'int'"):
        reader.read_next_batch()
    with pytest.raises(TypeError, match="not iterable"):
        lib.RecordBatchReader.from_batches(batch.schema, 5)


def test_from_batches_passes_the_iterables_exception_on():
    schema = pa.schema([("x", pa.int64())])

    def failing():
        # The batch is not kept in a variable: the exception's frames stay referenced (the C
        # stream path keeps the error for its thread) and must not hold pool memory.
        yield pa.record_batch([pa.array([1])], names=["x"])
        raise KeyError("boom")

    reader = pa.RecordBatchReader.from_batches(schema, failing())
    reader.read_next_batch()
    with pytest.raises(KeyError, match="boom"):
        reader.read_next_batch()
    exported = pyarrow.RecordBatchReader.from_stream(pa.RecordBatchReader.from_batches(schema, failing()))
    with pytest.raises(OSError, match="KeyError: 'boom'"):
        exported.read_all()


def test_from_batches_through_the_c_stream_protocol():
    batch = pa.record_batch([pa.array([1, 2])], names=["x"])
    reader = pa.RecordBatchReader.from_batches(batch.schema, (batch for _ in range(2)))
    assert pyarrow.RecordBatchReader.from_stream(reader).read_all().column(0).to_pylist() == [1, 2, 1, 2]
