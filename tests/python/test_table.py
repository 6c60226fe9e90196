"""Table and ChunkedArray: construction, chunked accessors, batches, combining, conversions,
editing, str like pyarrow, and bad input."""

import numpy as np
import pandas as pd
import pyarrow
import pytest

import arrowpack as pa


def chunked(values_lists, type=None):
    return pa.chunked_array(pyarrow.chunked_array(values_lists, type=type))


def make_table():
    theirs = pyarrow.Table.from_batches([
        pyarrow.record_batch({"n": [1, 2], "s": ["a", None]}),
        pyarrow.record_batch({"n": [3], "s": ["c"]}),
    ])
    return pa.table(theirs), theirs


# ---- ChunkedArray ---------------------------------------------------------------------------------


def test_chunked_array_accessors():
    arr = chunked([[1, 2], [], [3, None]])
    assert (arr.length(), len(arr), arr.null_count, arr.num_chunks) == (4, 4, 1, 3)
    assert arr.type == pa.int64()
    assert [c.to_pylist() for c in arr.chunks] == [[1, 2], [], [3, None]]
    assert arr.chunk(2).to_pylist() == [3, None] and arr.chunk(-1).to_pylist() == [3, None]
    assert [c.to_pylist() for c in arr.iterchunks()] == [[1, 2], [], [3, None]]
    assert arr.to_pylist() == [1, 2, 3, None]
    assert arr[2].as_py() == 3 and arr[-1].as_py() is None
    assert [s.as_py() for s in arr] == [1, 2, 3, None]
    assert arr.slice(1, 2).to_pylist() == [2, 3] and arr[1:].to_pylist() == [2, 3, None]
    with pytest.raises(IndexError):
        arr[4]
    with pytest.raises(IndexError):
        arr.chunk(3)


def test_chunked_array_str_matches_pyarrow():
    theirs = pyarrow.chunked_array([[1, 2], [3]])
    ours = pa.chunked_array(theirs)
    assert str(ours) == str(theirs)
    assert repr(ours).startswith("<arrowpack.lib.ChunkedArray object at 0x")


def test_chunked_array_equality_ignores_chunking():
    assert chunked([[1, 2], [3]]).equals(chunked([[1], [2, 3]]))
    assert chunked([[1, 2], [3]]) == chunked([[1, 2, 3]])
    assert chunked([[1, 2], [3]]) != chunked([[1, 2, 4]])


def test_chunked_array_combine_and_numpy():
    arr = chunked([[1, 2], [3]])
    combined = arr.combine_chunks()
    assert isinstance(combined, pa.Int64Array) and combined.to_pylist() == [1, 2, 3]
    assert arr.to_numpy().tolist() == [1, 2, 3]
    single = chunked([[5, 6]])
    assert np.shares_memory(single.to_numpy(zero_copy_only=True), single.chunk(0).to_numpy())
    with pytest.raises(pa.ArrowInvalid, match="zero_copy_only"):
        arr.to_numpy(zero_copy_only=True)
    empty = pa.chunked_array([], type=pa.string())
    assert empty.num_chunks == 0 and empty.combine_chunks().to_pylist() == [] and empty.type == pa.string()


def test_chunked_array_from_arrays_and_errors():
    arr = pa.chunked_array([pa.array(pyarrow.array([1])), pyarrow.array([2, 3])])
    assert arr.to_pylist() == [1, 2, 3] and arr.num_chunks == 2
    with pytest.raises(pa.ArrowInvalid, match="empty vector and omitted type"):
        pa.chunked_array([])
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError), match="chunk 1 has type string, expected int64"):
        pa.chunked_array([pyarrow.array([1]), pyarrow.array(["a"])])
    assert pa.chunked_array([[1, 2], [None]]).type == pa.int64()  # later chunks take the first one's type


def test_chunked_array_to_pandas():
    pd.testing.assert_series_equal(chunked([[1, 2], [None]]).to_pandas(),
                                   pyarrow.chunked_array([[1, 2], [None]]).to_pandas())


# ---- Table ----------------------------------------------------------------------------------------


def test_table_accessors_and_str():
    ours, theirs = make_table()
    assert (ours.num_rows, ours.num_columns, ours.shape, len(ours)) == (3, 2, (3, 2), 3)
    assert ours.column_names == ["n", "s"]
    assert ours.column("n").num_chunks == 2 and ours["s"].to_pylist() == ["a", None, "c"]
    assert ours.column(0).to_pylist() == [1, 2, 3]
    assert [c.to_pylist() for c in ours.columns] == [[1, 2, 3], ["a", None, "c"]]
    assert [c.type for c in ours.itercolumns()] == [pa.int64(), pa.string()]
    assert ours.field("s").type == pa.string()
    assert str(ours) == str(theirs) and repr(ours) == repr(theirs)
    assert ours.nbytes == theirs.nbytes
    assert ours.get_total_buffer_size() == theirs.get_total_buffer_size()
    with pytest.raises(KeyError):
        ours.column("zz")


def test_table_batches_and_combine():
    ours, _ = make_table()
    batches = ours.to_batches()
    assert [b.num_rows for b in batches] == [2, 1]
    assert [b.num_rows for b in ours.to_batches(max_chunksize=1)] == [1, 1, 1]
    assert pa.Table.from_batches(batches).equals(ours)
    combined = ours.combine_chunks()
    assert combined.column("n").num_chunks == 1 and combined.equals(ours)
    reader = ours.to_reader(max_chunksize=2)
    assert [b.num_rows for b in reader] == [2, 1]
    with pytest.raises(ValueError, match="Must pass schema"):
        pa.Table.from_batches([])
    empty = pa.Table.from_batches([], schema=ours.schema)
    assert empty.num_rows == 0 and empty.schema == ours.schema
    with pytest.raises(TypeError, match="RecordBatch"):
        pa.Table.from_batches([1])


def test_table_slices_and_equality():
    ours, _ = make_table()
    assert ours.slice(1).to_pydict() == {"n": [2, 3], "s": [None, "c"]}
    assert ours[1:2].to_pydict() == {"n": [2], "s": [None]}
    assert ours.equals(pa.table({"n": pyarrow.array([1, 2, 3]), "s": pyarrow.array(["a", None, "c"])}))
    assert ours != ours.slice(1)


def test_table_conversions():
    ours, theirs = make_table()
    assert ours.to_pydict() == theirs.to_pydict()
    assert ours.to_pylist() == theirs.to_pylist()
    pd.testing.assert_frame_equal(ours.to_pandas(), theirs.to_pandas())


def test_table_from_arrays_pydict_and_pylist():
    arrays = [pyarrow.chunked_array([[1], [2]]), pa.array(pyarrow.array(["a", "b"]))]
    t = pa.Table.from_arrays(arrays, names=["n", "s"])
    assert t.column("n").num_chunks == 2 and t.to_pydict() == {"n": [1, 2], "s": ["a", "b"]}
    schema = pa.schema([("s", pa.string()), ("n", pa.int64())])
    t2 = pa.Table.from_pydict({"n": pyarrow.array([1]), "s": pyarrow.array(["x"])}, schema=schema)
    assert t2.column_names == ["s", "n"]
    rows = pa.Table.from_pylist([{"a": pyarrow.scalar(1).as_py()}], schema=pa.schema([("a", pa.int64())]))
    assert rows.to_pylist() == [{"a": 1}]


def test_table_from_pandas_round_trip_with_index():
    df = pd.DataFrame({"a": [1, 2, 3], "b": [1.5, None, 3.0]})
    table = pa.Table.from_pandas(df)
    assert table.column_names == ["a", "b"] and table.schema.pandas_metadata["index_columns"][0]["kind"] == "range"
    pd.testing.assert_frame_equal(table.to_pandas(), df)
    pd.testing.assert_frame_equal(pyarrow.table(table).to_pandas(), df)
    indexed = pd.DataFrame({"a": [1, 2]}, index=pd.Index([10, 20], name="idx"))
    t = pa.table(indexed)
    assert t.column_names == ["a", "idx"]
    pd.testing.assert_frame_equal(t.to_pandas(), indexed)
    pd.testing.assert_frame_equal(pyarrow.table(t).to_pandas(), indexed)
    assert pa.Table.from_pandas(indexed, preserve_index=False).column_names == ["a"]


def test_table_column_editing():
    ours, _ = make_table()
    assert ours.select(["s"]).column_names == ["s"]
    assert ours.drop_columns(["n"]).column_names == ["s"]
    assert ours.drop(["n"]).column_names == ["s"]  # pyarrow's older name
    assert ours.is_cpu and ours.column(0).is_cpu
    appended = ours.append_column("z", pyarrow.array([7, 8, 9]))
    assert appended.column("z").to_pylist() == [7, 8, 9]
    assert ours.add_column(0, pa.field("y", pa.int64()), pyarrow.array([0, 0, 0])).column_names == ["y", "n", "s"]
    assert ours.set_column(1, "t", pyarrow.array([1.0, 2.0, 3.0])).column_names == ["n", "t"]
    assert ours.remove_column(0).column_names == ["s"]
    assert ours.rename_columns(["x", "y"]).column_names == ["x", "y"]
    assert ours.replace_schema_metadata({"k": "v"}).schema.metadata == {b"k": b"v"}


def test_concat_tables_and_arrays():
    ours, _ = make_table()
    both = pa.concat_tables([ours, ours])
    assert both.num_rows == 6 and both.column("n").num_chunks == 4
    with pytest.raises(pa.ArrowInvalid, match="Schema at index 1 was different"):
        pa.concat_tables([ours, ours.select(["n"])])
    joined = pa.concat_arrays([pa.array(pyarrow.array([1])), pa.array(pyarrow.array([2, None]))])
    assert joined.to_pylist() == [1, 2, None]


def test_table_bad_input():
    with pytest.raises(pa.ArrowInvalid):
        pa.table([pyarrow.array([1]), pyarrow.array([1, 2])], names=["a", "b"])
    with pytest.raises(pa.ArrowInvalid):
        pa.Table.from_arrays([pa.array(pyarrow.array([1]))], schema=pa.schema([("a", pa.string())]))
    with pytest.raises(ValueError, match="Must pass names or schema"):
        pa.Table.from_arrays([pyarrow.array([1])])
    ours, _ = make_table()
    with pytest.raises(pa.ArrowInvalid):
        ours.append_column("z", pyarrow.array([1]))
    ours.validate(full=True)


def test_to_pandas_options():
    indexed = pa.table(pd.DataFrame({"a": [1, 2]}, index=pd.Index([10, 20], name="idx")))
    assert list(indexed.to_pandas(ignore_metadata=True).columns) == ["a", "idx"]
    dates = pa.array(pyarrow.array([0, None], pyarrow.date32()))
    assert dates.to_pandas(date_as_object=False).dtype == np.dtype("datetime64[ms]")
    ints = pa.array(pyarrow.array([1, None]))
    assert ints.to_pandas(integer_object_nulls=True).tolist() == [1, None]
    assert ints.to_pandas(use_threads=False).dtype == np.float64  # accepted pyarrow option
    with pytest.raises(TypeError, match="unexpected keyword arguments"):
        ints.to_pandas(no_such_option=True)
