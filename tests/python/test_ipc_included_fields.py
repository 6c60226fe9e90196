"""IpcReadOptions(included_fields=[...]) reads only those top-level fields, as pyarrow does:
stream and file readers, their schema, batches, read_all and the exported C stream, compared with
pyarrow reading the same bytes with the same option."""

import pyarrow
import pytest

import arrowpack as pa

TABLE = pyarrow.table({
    "a": [1, 2, 3],
    "b": ["x", None, "z"],
    "c": [[1], [], None],
    "d": pyarrow.array(["p", "q", "p"]).dictionary_encode(),
    "e": pyarrow.array([{"s": 1}, None, {"s": 3}]),
}).replace_schema_metadata({"origin": "test"})
SELECTIONS = [[1], [4, 0], [0, 0, 2], [3], [], None, [0, 1, 2, 3, 4]]


def written(kind, compression=None):
    sink = pyarrow.BufferOutputStream()
    options = pyarrow.ipc.IpcWriteOptions(compression=compression)
    new = pyarrow.ipc.new_stream if kind == "stream" else pyarrow.ipc.new_file
    with new(sink, TABLE.schema, options=options) as writer:
        writer.write_table(TABLE, max_chunksize=2)
    return sink.getvalue().to_pybytes()


def open_reader(module, kind, data, included):
    options = module.ipc.IpcReadOptions(included_fields=included)
    return (module.ipc.open_stream if kind == "stream" else module.ipc.open_file)(data, options=options)


def batches(reader, kind):
    if kind == "stream":
        return list(reader)
    return [reader.get_batch(i) for i in range(reader.num_record_batches)]


@pytest.mark.parametrize("kind", ["stream", "file"])
@pytest.mark.parametrize("compression", [None, "zstd"])
@pytest.mark.parametrize("included", SELECTIONS)
def test_matches_pyarrow(kind, compression, included):
    data = written(kind, compression)
    ours, theirs = open_reader(pa, kind, data, included), open_reader(pyarrow, kind, data, included)
    assert ours.schema.names == theirs.schema.names
    assert ours.schema.metadata == theirs.schema.metadata
    assert pyarrow.schema(ours.schema) == theirs.schema
    our_batches, their_batches = batches(ours, kind), batches(theirs, kind)
    assert [b.schema.names for b in our_batches] == [b.schema.names for b in their_batches]
    assert [b.to_pydict() for b in our_batches] == [b.to_pydict() for b in their_batches]


@pytest.mark.parametrize("kind", ["stream", "file"])
def test_read_all_and_pandas_have_the_projected_columns(kind):
    data = written(kind)
    table = open_reader(pa, kind, data, [4, 1]).read_all()
    assert table.schema.names == ["b", "e"] and table.num_rows == 3
    assert table.to_pydict() == open_reader(pyarrow, kind, data, [4, 1]).read_all().to_pydict()
    assert list(open_reader(pa, kind, data, [0]).read_pandas().columns) == ["a"]


def test_exported_stream_has_the_projected_schema():
    reader = open_reader(pa, "stream", written("stream"), [2])
    theirs = pyarrow.RecordBatchReader.from_stream(reader)
    assert theirs.schema.names == ["c"]
    assert theirs.read_all().column(0).to_pylist() == [[1], [], None]


def test_options_keep_the_list_and_can_be_set():
    options = pa.ipc.IpcReadOptions()
    assert options.included_fields == []
    options.included_fields = [3, 1]
    assert options.included_fields == [3, 1]
    reader = pa.ipc.open_stream(written("stream"), options=options)
    assert reader.schema.names == ["b", "d"]


@pytest.mark.parametrize("kind", ["stream", "file"])
@pytest.mark.parametrize("index", [5, -1])
def test_out_of_bounds_index_raises_like_pyarrow(kind, index):
    data = written(kind)
    with pytest.raises(pyarrow.ArrowInvalid, match=f"Out of bounds field index: {index}"):
        open_reader(pyarrow, kind, data, [index]).read_all()
    with pytest.raises(pa.ArrowInvalid, match=f"Out of bounds field index: {index}"):
        open_reader(pa, kind, data, [index])


@pytest.mark.parametrize("bad", [5, "a", ["a"], [1.0], [True]])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError, match="included_fields"):
        pa.ipc.IpcReadOptions(included_fields=bad)
    with pytest.raises(TypeError, match="included_fields"):
        pa.ipc.IpcReadOptions().included_fields = bad
