"""pyarrow's lower-level IPC functions in arrowpack.ipc: read_schema / read_record_batch with a
DictionaryMemo, Schema.serialize / RecordBatch.serialize, get_record_batch_size, tensors, and
serialize_pandas / deserialize_pandas; results are checked against pyarrow."""

import io

import numpy as np
import pandas as pd
import pyarrow
import pytest

import arrowpack as pa


def sample_batch():
    return pa.record_batch([pa.array([1, 2, None]), pa.array(["a", None, "ccc"])], names=["i", "s"])


def test_schema_and_batch_serialize_read_back():
    batch = sample_batch()
    schema_buf = batch.schema.serialize()
    batch_buf = batch.serialize()
    assert pyarrow.ipc.read_schema(pyarrow.py_buffer(schema_buf.to_pybytes())) == pyarrow.schema(batch.schema)
    schema = pa.ipc.read_schema(schema_buf)
    assert schema.equals(batch.schema)
    assert pa.ipc.read_record_batch(batch_buf, schema).equals(batch)
    assert pa.ipc.read_record_batch(pa.ipc.read_message(batch_buf), schema).equals(batch)
    assert batch_buf.size == pa.ipc.get_record_batch_size(batch)
    assert pa.ipc.get_record_batch_size(batch) == pyarrow.ipc.get_record_batch_size(pyarrow.record_batch(batch))
    theirs = pyarrow.record_batch(batch).serialize().to_pybytes()
    assert pa.ipc.read_record_batch(theirs, schema).equals(batch)


def test_dictionary_memo_records_dictionary_fields():
    schema = pa.schema([("d", pa.dictionary(pa.int32(), pa.string())), ("x", pa.int64())])
    memo = pa.DictionaryMemo()
    assert pa.ipc.read_schema(schema.serialize(), memo).equals(schema)
    plain = pa.record_batch([pa.array([1, 2])], names=["x"])
    assert pa.ipc.read_record_batch(plain.serialize(), plain.schema, pa.DictionaryMemo()).equals(plain)
    batch = pa.record_batch([pa.DictionaryArray.from_arrays(pa.array([0], pa.int32()), pa.array(["a"])),
                             pa.array([1])], schema=schema)
    with pytest.raises(pa.ArrowInvalid, match="before any dictionary batch"):
        pa.ipc.read_record_batch(batch.serialize(), schema, memo)


def test_read_schema_and_batch_errors():
    batch = sample_batch()
    with pytest.raises(pa.ArrowInvalid, match="expected an IPC schema message"):
        pa.ipc.read_schema(batch.serialize())
    with pytest.raises(pa.ArrowInvalid, match="record batch message"):
        pa.ipc.read_record_batch(batch.schema.serialize(), batch.schema)
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.read_record_batch(batch.serialize(), pa.schema([("i", pa.int64())]))
    with pytest.raises(EOFError):
        pa.ipc.read_schema(b"")
    with pytest.raises(TypeError):
        pa.ipc.read_record_batch(batch.serialize(), 5)


def test_tensors_round_trip_with_pyarrow_and_zero_copy():
    array = np.arange(24, dtype=np.float64).reshape(2, 3, 4)
    tensor = pa.Tensor.from_numpy(array)
    sink = pa.BufferOutputStream()
    written = pa.ipc.write_tensor(tensor, sink)
    buf = sink.getvalue()
    assert written == buf.size == pa.ipc.get_tensor_size(tensor)
    theirs = pyarrow.ipc.read_tensor(pyarrow.BufferReader(pyarrow.py_buffer(buf.to_pybytes())))
    np.testing.assert_array_equal(theirs.to_numpy(), array)
    before = pa.total_allocated_bytes()
    back = pa.ipc.read_tensor(pa.BufferReader(buf))
    assert pa.total_allocated_bytes() == before
    np.testing.assert_array_equal(back.to_numpy(), array)
    other = pyarrow.BufferOutputStream()
    pyarrow.ipc.write_tensor(pyarrow.Tensor.from_numpy(array[:, 1]), other)
    got = pa.ipc.read_tensor(pa.BufferReader(other.getvalue().to_pybytes()))
    np.testing.assert_array_equal(got.to_numpy(), array[:, 1])
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.read_tensor(pa.BufferReader(sample_batch().serialize()))
    with pytest.raises(TypeError):
        pa.ipc.write_tensor(array, sink)


def test_read_tensor_takes_any_source(tmp_path):
    array = np.arange(12, dtype=np.int32).reshape(3, 4)
    sink = pa.BufferOutputStream()
    pa.ipc.write_tensor(pa.Tensor.from_numpy(array), sink)
    buf = sink.getvalue()
    path = tmp_path / "tensor.arrow"
    path.write_bytes(buf.to_pybytes())
    before = pa.total_allocated_bytes()
    zero_copy = [pa.ipc.read_tensor(source) for source in (buf, memoryview(buf))]
    assert pa.total_allocated_bytes() == before
    with pa.memory_map(str(path)) as mapped:
        zero_copy.append(pa.ipc.read_tensor(mapped))
    assert pa.total_allocated_bytes() == before
    copied = [pa.ipc.read_tensor(source)
              for source in (buf.to_pybytes(), str(path), path, io.BytesIO(buf.to_pybytes()))]
    for tensor in zero_copy + copied:
        np.testing.assert_array_equal(tensor.to_numpy(), array)
    with pytest.raises(TypeError, match="Cannot read Arrow IPC data from int"):
        pa.ipc.read_tensor(3)
    with pytest.raises(FileNotFoundError):
        pa.ipc.read_tensor(tmp_path / "missing.arrow")
    with pytest.raises(pa.ArrowInvalid, match="end of stream"):
        pa.ipc.read_tensor(b"")


def test_serialize_pandas_round_trip():
    df = pd.DataFrame({"a": [1, 2, 3], "b": ["x", None, "z"]}, index=pd.Index([10, 20, 30], name="idx"))
    buf = pa.ipc.serialize_pandas(df)
    pd.testing.assert_frame_equal(pa.ipc.deserialize_pandas(buf), df)
    pd.testing.assert_frame_equal(pyarrow.ipc.deserialize_pandas(pyarrow.py_buffer(buf.to_pybytes())), df)
    theirs = pyarrow.ipc.serialize_pandas(df)
    pd.testing.assert_frame_equal(pa.deserialize_pandas(theirs.to_pybytes()), df)
    no_index = pa.serialize_pandas(df, preserve_index=False)
    assert list(pa.deserialize_pandas(no_index).index) == [0, 1, 2]
