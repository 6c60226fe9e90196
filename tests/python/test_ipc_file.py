"""arrowpack.ipc.open_file (RecordBatchFileReader) on files written by pyarrow and by arrowpack, and
the stream reader's read_all / read_pandas / custom metadata."""

import io

import pyarrow
import pytest

import arrowpack as pa


def pyarrow_table():
    return pyarrow.table({
        "i": pyarrow.array([1, None, -3, 4], pyarrow.int32()),
        "s": ["a", None, "ccc", ""],
        "l": [[1, 2], None, [], [3]],
        "d": pyarrow.array(["u", "v", "u", None]).dictionary_encode(),
    })


def pyarrow_file(table, *, metadata=None, max_chunksize=None, compression=None):
    sink = pyarrow.BufferOutputStream()
    options = pyarrow.ipc.IpcWriteOptions(compression=compression)
    with pyarrow.ipc.new_file(sink, table.schema, options=options, metadata=metadata) as writer:
        writer.write_table(table, max_chunksize=max_chunksize)
    return sink.getvalue().to_pybytes()


@pytest.mark.parametrize("compression", [None, "lz4", "zstd"])
def test_pyarrow_file_reads_back_equal(compression):
    table = pyarrow_table()
    data = pyarrow_file(table, metadata={"k": "v"}, max_chunksize=3, compression=compression)
    with pa.ipc.open_file(data) as reader:
        assert reader.num_record_batches == 2
        assert reader.metadata == {b"k": b"v"}
        assert pyarrow.schema(reader.schema).equals(table.schema)
        assert pyarrow.table(reader.read_all()).equals(table)
        assert pyarrow.record_batch(reader.get_batch(1)).equals(table.to_batches(max_chunksize=3)[1])
        assert pyarrow.record_batch(reader.get_record_batch(0)).num_rows == 3
        assert [b.num_rows for b in reader] == [3, 1]
        assert reader.count_rows() == 4
        assert reader.stats.num_dictionary_batches == 1


@pytest.mark.parametrize("wrap", [bytes, pa.py_buffer, io.BytesIO, pa.BufferReader])
def test_sources(wrap):
    table = pyarrow_table()
    reader = pa.ipc.open_file(wrap(pyarrow_file(table)))
    assert pyarrow.table(reader.read_all()).equals(table)


def test_path_and_memory_map_are_zero_copy(tmp_path):
    table = pyarrow.table({"x": pyarrow.array(range(100_000), pyarrow.int64())})
    path = tmp_path / "data.arrow"
    path.write_bytes(pyarrow_file(table, max_chunksize=25_000))
    assert pyarrow.table(pa.ipc.open_file(str(path)).read_all()).equals(table)
    before = pa.total_allocated_bytes()
    with pa.memory_map(str(path)) as source:
        result = pa.ipc.open_file(source).read_all()
        assert pa.total_allocated_bytes() == before
        assert pyarrow.table(result).equals(table)


def test_read_pandas():
    table = pyarrow_table().drop_columns(["d"])
    df = pa.ipc.open_file(pyarrow_file(table)).read_pandas()
    assert df["s"].tolist()[0] == "a"
    assert df.shape == (4, 3)


def test_custom_metadata_of_batches():
    schema = pa.schema([("a", pa.int64())])
    batch = pa.record_batch([pa.array([1, 2])], schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, schema) as writer:
        writer.write_batch(batch, custom_metadata={"n": "0"})
        writer.write_batch(batch)
    reader = pa.ipc.open_file(sink.getvalue())
    first, metadata = reader.get_batch_with_custom_metadata(0)
    assert first.equals(batch) and metadata == {b"n": b"0"}
    assert reader.get_batch_with_custom_metadata(1)[1] is None


def test_footer_offset_of_an_embedded_file():
    table = pyarrow_table()
    data = pyarrow_file(table)
    embedded = data + b"trailing bytes"
    reader = pa.ipc.open_file(pa.BufferReader(embedded), footer_offset=len(data))
    assert reader.num_record_batches == 1
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.open_file(pa.BufferReader(embedded))
    with pytest.raises(pa.ArrowInvalid, match="footer offset"):
        pa.ipc.open_file(data, footer_offset=len(data) + 1)


def test_bad_input():
    data = pyarrow_file(pyarrow_table())
    reader = pa.ipc.open_file(data)
    for i in (-1, reader.num_record_batches):
        with pytest.raises(ValueError, match="out of range"):
            reader.get_batch(i)
    with pytest.raises(pa.ArrowInvalid, match="magic|too small"):
        pa.ipc.open_file(b"not an arrow file at all, no")
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.open_file(data[:-3])
    with pytest.raises(pa.ArrowInvalid, match="magic"):
        pa.ipc.open_file(b"XRROW1" + data[6:])
    with pytest.raises(TypeError):
        pa.ipc.open_file(5)
    with pytest.raises(TypeError, match="IpcReadOptions"):
        pa.ipc.open_file(data, options=5)
    for cut in range(0, len(data), 7):
        with pytest.raises(pa.ArrowInvalid):
            pa.ipc.open_file(data[:cut]).read_all()


def test_stream_reader_read_all_read_pandas_and_custom_metadata():
    schema = pa.schema([("a", pa.int64())])
    batch = pa.record_batch([pa.array([1, 2])], schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_batch(batch, custom_metadata={b"k": b"v"})
        writer.write_batch(batch)
        writer.write_batch(batch)
    data = sink.getvalue()
    reader = pa.ipc.open_stream(data)
    got, metadata = reader.read_next_batch_with_custom_metadata()
    assert got.equals(batch) and metadata == {b"k": b"v"}
    rest = reader.read_all()
    assert rest.num_rows == 4 and rest.schema.equals(schema)
    with pytest.raises(StopIteration):
        reader.read_next_batch_with_custom_metadata()
    assert [m for _, m in pa.ipc.open_stream(data).iter_batches_with_custom_metadata()] == [{b"k": b"v"}, None, None]
    assert pa.ipc.open_stream(data).read_pandas()["a"].tolist() == [1, 2] * 3
    closed = pa.ipc.open_stream(data)
    closed.close()
    with pytest.raises(pa.ArrowInvalid, match="closed"):
        closed.read_all()
