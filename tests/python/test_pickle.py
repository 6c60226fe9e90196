"""Pickling arrowpack objects: in-band with every protocol, out-of-band and zero-copy with protocol 5
and a buffer_callback, through real worker processes, and clear errors for bad pickled state."""

import concurrent.futures
import multiprocessing
import pickle

import numpy as np
import pyarrow
import pytest

import arrowpack as pa
from arrowpack import _restore


def nested_table():
    """A pyarrow table with nested, dictionary, union-free and sliced columns, imported zero-copy."""
    return pa.table(pyarrow.table({
        "i": pyarrow.array([1, None, 3, 4], pyarrow.int64()),
        "s": pyarrow.array(["a", None, "ccc", ""]),
        "l": pyarrow.array([[1, 2], None, [], [3]], pyarrow.list_(pyarrow.int32())),
        "st": pyarrow.array([{"x": 1, "y": "a"}, None, {"x": 3, "y": None}, {"x": 4, "y": "d"}]),
        "m": pyarrow.array([[("k", 1)], None, [], [("a", 2), ("b", 3)]], pyarrow.map_(pyarrow.string(), pyarrow.int8())),
        "d": pyarrow.array(["x", "y", None, "x"]).dictionary_encode(),
        "b": pyarrow.array([True, False, None, True]),
        "ts": pyarrow.array([0, 1, None, 3], pyarrow.timestamp("us", tz="UTC")),
    }).replace_schema_metadata({"origin": "test"}))


def roundtrip_out_of_band(obj):
    buffers = []
    data = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    return pickle.loads(data, buffers=buffers), buffers


@pytest.mark.parametrize("protocol", [2, 3, 4, 5])
def test_table_in_band_every_protocol(protocol):
    table = nested_table()
    restored = pickle.loads(pickle.dumps(table, protocol=protocol))
    assert restored.equals(table)
    assert restored.schema.metadata == {b"origin": b"test"}


def test_columns_of_every_nested_kind_round_trip_out_of_band():
    table = nested_table()
    for name in table.column_names:
        column = table.column(name)
        restored, buffers = roundtrip_out_of_band(column)
        assert restored.equals(column), name
        assert buffers, name
        chunk = column.chunk(0)
        assert roundtrip_out_of_band(chunk)[0].equals(chunk), name


def test_record_batch_out_of_band_is_zero_copy():
    values = np.arange(1000, dtype=np.int64)
    batch = pa.record_batch([pa.array(values)], names=["v"])
    buffers = []
    data = pickle.dumps(batch, protocol=5, buffer_callback=buffers.append)
    assert len(data) < 1000  # the 8000 value bytes are not in the pickle
    received = [bytearray(b.raw()) for b in buffers]  # a "receiver" owns its memory
    restored = pickle.loads(data, buffers=received)
    assert restored.equals(batch)
    addresses = {np.frombuffer(r, dtype=np.uint8).ctypes.data for r in received}
    assert restored.column(0).buffers()[1].address in addresses


def test_tensor_out_of_band_is_zero_copy_and_keeps_strides():
    source = np.arange(24, dtype=np.float32).reshape(4, 6)[:, ::2]
    tensor = pa.Tensor.from_numpy(source, dim_names=["r", "c"])
    restored, buffers = roundtrip_out_of_band(tensor)
    assert restored.equals(tensor)
    assert restored.strides == tensor.strides
    assert restored.dim_names == ["r", "c"]
    assert len(buffers) == 1
    np.testing.assert_array_equal(restored.to_numpy(), source)
    in_band = pickle.loads(pickle.dumps(tensor, protocol=4))
    assert in_band.equals(tensor)


def test_sliced_array_keeps_its_offset():
    array = pa.array(list(range(10))).slice(3, 4)
    restored, _ = roundtrip_out_of_band(array)
    assert restored.to_pylist() == [3, 4, 5, 6]


def test_unaligned_out_of_band_buffer_is_copied_into_an_aligned_one():
    array = pa.array(np.arange(4, dtype=np.int64))
    buffers = []
    data = pickle.dumps(array, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 1  # no validity bitmap
    storage = bytearray(1 + len(buffers[0].raw()))
    storage[1:] = buffers[0].raw()
    unaligned = memoryview(storage)[1:]
    restored = pickle.loads(data, buffers=[unaligned])
    assert restored.to_pylist() == [0, 1, 2, 3]
    assert restored.buffers()[1].address % 8 == 0


def test_types_fields_and_schemas_pickle():
    table = nested_table()
    for field in table.schema:
        assert pickle.loads(pickle.dumps(field.type)) == field.type
        assert pickle.loads(pickle.dumps(field)) == field
    schema = pickle.loads(pickle.dumps(table.schema))
    assert schema.equals(table.schema, check_metadata=True)


def test_pickles_name_plain_functions_not_eval():
    data = pickle.dumps(pa.table({"x": [1]}), protocol=5)
    assert b"eval" not in data
    assert b"arrowpack._restore" in data


def test_serialized_object_pickles_with_out_of_band_components():
    value = {"a": np.arange(100_000, dtype=np.float64), "b": "text", "c": [1, 2.5, None]}
    serialized = pa.serialize(value)
    restored, buffers = roundtrip_out_of_band(serialized)
    assert sum(len(b.raw()) for b in buffers) >= 800_000
    result = restored.deserialize()
    np.testing.assert_array_equal(result["a"], value["a"])
    assert result["b"] == "text" and result["c"] == [1, 2.5, None]
    in_band = pickle.loads(pickle.dumps(serialized, protocol=4))
    assert in_band.to_buffer().equals(serialized.to_buffer())


def test_bad_state_raises_clear_errors():
    type_state = pa.int64().__reduce__()[1][0]
    with pytest.raises(TypeError, match="tuple of 6"):
        _restore.array(type_state, (1, 2))
    with pytest.raises(pa.ArrowInvalid, match="too small"):
        _restore.array(type_state, (10, 0, 0, (None, pa.py_buffer(b"12345678")), (), None))
    with pytest.raises(pa.ArrowInvalid, match="children"):
        _restore.array(type_state, (1, 0, 0, (None, pa.py_buffer(b"12345678")), ((0, 0, 0, (), (), None),), None))
    with pytest.raises(pa.ArrowInvalid):
        _restore.schema(b"\xff\xff\xff\xff\x08\x00\x00\x00garbage!")
    with pytest.raises(TypeError):
        _restore.schema("not bytes")
    with pytest.raises(pa.ArrowInvalid, match="columns"):
        _restore.record_batch(pa.schema([("a", pa.int64())]).__reduce__()[1][0], 0, ())
    with pytest.raises(pa.ArrowInvalid):
        _restore.tensor(type_state, pa.py_buffer(b"1234"), [4], [], [])


def column_sum(table):
    return sum(v for v in table.column("v").to_pylist())


def doubled(batch):
    return pa.record_batch([pa.array(np.asarray(batch.column(0)) * 2)], names=["v"])


def test_multiprocessing_pool_passes_tables_both_ways():
    table = pa.table({"v": np.arange(100_000, dtype=np.int64)})
    batch = pa.record_batch([pa.array(np.arange(10, dtype=np.int64))], names=["v"])
    with multiprocessing.get_context("fork").Pool(2) as pool:
        assert pool.map(column_sum, [table, table]) == [column_sum(table)] * 2
        assert pool.apply(doubled, (batch,)).column(0).to_pylist() == list(range(0, 20, 2))


def tensor_sum(tensor):
    return float(tensor.to_numpy().sum())


def to_pylist(array):
    return array.to_pylist()


def tail(array):
    return array.slice(1)


def deserialized_total(serialized):
    return float(serialized.deserialize()["a"].sum())


def test_process_pool_executor_passes_arrays_tensors_and_serialized_values():
    tensor = pa.Tensor.from_numpy(np.ones((50, 50)))
    array = pa.array(["x", None, "z"])
    serialized = pa.serialize({"a": np.ones(1000)})
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as executor:
        assert executor.submit(tensor_sum, tensor).result() == 2500
        assert executor.submit(to_pylist, array).result() == ["x", None, "z"]
        assert executor.submit(tail, array).result().equals(array.slice(1))
        assert executor.submit(deserialized_total, serialized).result() == 1000.0
