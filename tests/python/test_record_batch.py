"""RecordBatch: construction (from_arrays, from_pydict, from_pylist, from_pandas, record_batch),
accessors, slicing, equality, conversions, editing and bad input."""

import pandas as pd
import pyarrow
import pytest

import arrowpack as pa


def make_batch():
    return pa.record_batch(pyarrow.record_batch({"f0": [1, 2, 3, 4], "f1": ["foo", "bar", "baz", None],
                                                 "f2": [True, None, False, True]}))


def test_accessors():
    batch = make_batch()
    assert (batch.num_rows, batch.num_columns, len(batch), batch.shape) == (4, 3, 4, (4, 3))
    assert batch.column_names == ["f0", "f1", "f2"]
    assert batch.schema.names == ["f0", "f1", "f2"]
    assert batch.column(1).to_pylist() == ["foo", "bar", "baz", None]
    assert batch.column("f2").to_pylist() == [True, None, False, True]
    assert batch[0].to_pylist() == [1, 2, 3, 4] and batch["f1"].type == pa.string() and batch[-1].type == pa.bool_()
    assert [c.type for c in batch.columns] == [pa.int64(), pa.string(), pa.bool_()]
    assert batch.field("f1") == pa.field("f1", pa.string())
    with pytest.raises(KeyError, match="does not exist"):
        batch.column("nope")
    with pytest.raises(IndexError):
        batch.column(3)


def test_str_matches_pyarrow():
    theirs = pyarrow.record_batch({"f0": [1, 2], "f1": [[1], None]})
    assert str(pa.record_batch(theirs)) == str(theirs)
    assert repr(pa.record_batch(theirs)) == repr(theirs)


def test_from_arrays_with_names_and_schema():
    arrays = [pa.array(pyarrow.array([1, 2])), pa.array(pyarrow.array(["a", "b"]))]
    batch = pa.RecordBatch.from_arrays(arrays, names=["x", "y"])
    assert batch.schema == pa.schema([("x", pa.int64()), ("y", pa.string())])
    schema = pa.schema([("x", pa.int64()), pa.field("y", pa.string(), nullable=False)], metadata={"k": "v"})
    typed = pa.RecordBatch.from_arrays(arrays, schema=schema)
    assert typed.schema.equals(schema, check_metadata=True)
    with_meta = pa.RecordBatch.from_arrays(arrays, names=["x", "y"], metadata={"m": "1"})
    assert with_meta.schema.metadata == {b"m": b"1"}


def test_from_pydict_and_pylist():
    batch = pa.RecordBatch.from_pydict({"a": pa.array(pyarrow.array([1, 2])), "b": pyarrow.array(["x", None])})
    assert batch.to_pydict() == {"a": [1, 2], "b": ["x", None]}
    assert batch.to_pylist() == [{"a": 1, "b": "x"}, {"a": 2, "b": None}]
    schema = pa.schema([("b", pa.string()), ("a", pa.int64())])
    ordered = pa.RecordBatch.from_pydict({"a": pyarrow.array([1]), "b": pyarrow.array(["x"])}, schema=schema)
    assert ordered.column_names == ["b", "a"]
    with pytest.raises(KeyError, match="doesn't contain"):
        pa.RecordBatch.from_pydict({"a": pyarrow.array([1])}, schema=schema)


def test_slice_equals_and_sizes():
    batch = make_batch()
    sliced = batch.slice(1, 2)
    assert sliced.to_pydict() == {"f0": [2, 3], "f1": ["bar", "baz"], "f2": [None, False]}
    assert batch[1:3].equals(sliced) and batch.slice(2).num_rows == 2
    assert batch.equals(make_batch()) and batch == make_batch() and batch != sliced
    meta = batch.replace_schema_metadata({"k": "v"})
    assert batch.equals(meta) and not batch.equals(meta, check_metadata=True)
    theirs = pyarrow.record_batch(batch)
    assert batch.nbytes == theirs.nbytes
    assert batch.get_total_buffer_size() == theirs.get_total_buffer_size()
    with pytest.raises(IndexError, match="Offset must be non-negative"):
        batch.slice(-1)


def test_to_pandas_matches_pyarrow():
    batch = make_batch()
    pd.testing.assert_frame_equal(batch.to_pandas(), pyarrow.record_batch(batch).to_pandas())


def test_from_pandas_round_trip():
    df = pd.DataFrame({"a": [1, 2, 3], "b": [0.5, None, 2.0]})
    batch = pa.RecordBatch.from_pandas(df)
    assert batch.column_names == ["a", "b"] and batch.column("b").null_count == 1
    pd.testing.assert_frame_equal(batch.to_pandas(), df)
    assert pa.record_batch(df).equals(batch)


def test_struct_array_round_trip():
    batch = make_batch()
    structs = batch.to_struct_array()
    assert structs.type == pa.struct(batch.schema)
    assert pa.RecordBatch.from_struct_array(structs).equals(batch)
    with_nulls = pa.array(pyarrow.array([{"a": 1}, None]))
    with pytest.raises(pa.ArrowInvalid, match="top-level nulls"):
        pa.RecordBatch.from_struct_array(with_nulls)


def test_column_editing():
    batch = make_batch()
    assert batch.select(["f2", 0]).column_names == ["f2", "f0"]
    assert batch.drop_columns("f1").column_names == ["f0", "f2"]
    added = batch.append_column("f3", pa.array(pyarrow.array([9, 9, 9, 9])))
    assert added.column_names == ["f0", "f1", "f2", "f3"] and added.column(3).to_pylist() == [9] * 4
    assert batch.add_column(0, pa.field("z", pa.int64()), pyarrow.array([0, 0, 0, 0])).column_names[0] == "z"
    assert batch.remove_column(1).column_names == ["f0", "f2"]
    assert batch.rename_columns(["a", "b", "c"]).column_names == ["a", "b", "c"]
    replaced = batch.set_column(1, "g", pyarrow.array([5, 6, 7, 8]))
    assert replaced.column_names == ["f0", "g", "f2"] and replaced.column(1).to_pylist() == [5, 6, 7, 8]
    assert [column.to_pylist() for column in batch.itercolumns()] == [c.to_pylist() for c in batch.columns]
    assert batch.is_cpu and batch.column(0).is_cpu
    with pytest.raises(IndexError):
        batch.set_column(3, "g", pyarrow.array([5, 6, 7, 8]))
    with pytest.raises(pa.ArrowInvalid):
        batch.set_column(0, "g", pyarrow.array([5]))
    with pytest.raises(pa.ArrowInvalid):
        batch.append_column("bad", pa.array(pyarrow.array([1])))
    with pytest.raises(pa.ArrowInvalid):
        batch.rename_columns(["a"])


def test_bad_input():
    one, two = pa.array(pyarrow.array([1])), pa.array(pyarrow.array([1, 2]))
    with pytest.raises(pa.ArrowInvalid):
        pa.record_batch([one, two], names=["a", "b"])
    with pytest.raises(ValueError, match="Length of names"):
        pa.record_batch([one], names=["a", "b"])
    with pytest.raises(ValueError, match="Must pass names or schema"):
        pa.record_batch([one])
    with pytest.raises(ValueError, match="Cannot pass both schema and names"):
        pa.record_batch([one], names=["a"], schema=pa.schema([("a", pa.int64())]))
    with pytest.raises(pa.ArrowInvalid):
        pa.record_batch([one], schema=pa.schema([("a", pa.string())]))
    with pytest.raises(pa.ArrowInvalid, match="fields but 2 columns"):
        pa.record_batch([one, one], schema=pa.schema([("a", pa.int64())]))


def test_validate():
    make_batch().validate(full=True)
