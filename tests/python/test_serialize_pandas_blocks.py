"""The block-wise DataFrame encoding: numeric blocks travel as one 2-D ndarray each, flat
Arrow-backed columns as their Arrow buffers, every other column kind still round-trips, and
inconsistent payloads raise ValueError instead of building a broken frame."""

import decimal

import numpy as np
import pandas as pd
import pyarrow
import pytest

import arrowpack as pa


@pytest.fixture(scope="module")
def context():
    return pa.default_serialization_context()


def roundtrip(value, context):
    return pa.deserialize(pa.serialize(value, context=context).to_buffer(), context=context)


def test_float_columns_travel_as_one_2d_array(context):
    frame = pd.DataFrame({f"f{j}": np.arange(j, j + 1000, dtype=np.float64) for j in range(5)})
    frame["s"] = [f"row {i}" for i in range(1000)]
    components = pa.serialize(frame, context=context).to_components()
    # the float block, then the offsets and data of the string column and of the column labels
    assert components["num_ndarrays"] == 5
    assert components["num_buffers"] == 0
    result = pa.deserialize_components(components, context=context)
    pd.testing.assert_frame_equal(result, frame)
    assert str(result["s"].dtype) == "str"


def test_deserialized_columns_are_views_of_the_blob(context):
    frame = pd.DataFrame({"x": np.arange(1000.0), "y": np.arange(1000.0), "s": [f"r{i}" for i in range(1000)]})
    buf = pa.serialize(frame, context=context).to_buffer()
    result = pa.deserialize(buf, context=context)
    inside = lambda address: buf.address <= address < buf.address + buf.size  # noqa: E731
    assert inside(result["x"].to_numpy().ctypes.data)
    strings = pyarrow.array(result["s"].array)
    assert all(inside(b.address) for b in strings.buffers() if b is not None)


@pytest.mark.parametrize("make", [
    lambda: pd.DataFrame(np.arange(30.0).reshape(10, 3), columns=["a", "b", "c"]),  # a transposed (F-order) block
    lambda: pd.DataFrame({"a": np.arange(4, dtype="int8"), "b": np.arange(4, dtype="uint32"),
                          "c": np.arange(4, dtype="float32"), "d": np.arange(4, dtype="float16")}),
    lambda: pd.DataFrame({"x": np.arange(3.0), "flag": [True, False, True], "o": pd.Series([1, "a", None], dtype=object),
                          "when": pd.date_range("2020", periods=3, freq="s").astype("M8[s]"),
                          "y": np.arange(3.0) * 2}),
    lambda: pd.DataFrame({"s": pd.array(["a", None, "c"], dtype="string[pyarrow]"),
                          "b": pd.array([b"x", b"", None], dtype=pd.ArrowDtype(pyarrow.binary())),
                          "n": pd.array([True, None, False], dtype="bool[pyarrow]"),
                          "i": pd.array([1, None, 3], dtype="Int64"),
                          "f": pd.array([1.5, None, 3.5], dtype="float32[pyarrow]"),
                          "l": pd.array(["x", "y", None], dtype=pd.ArrowDtype(pyarrow.large_string()))}),
])
def test_block_layouts_and_arrow_columns_roundtrip(make, context):
    frame = make()
    pd.testing.assert_frame_equal(roundtrip(frame, context), frame)


def test_unconsolidated_blocks_roundtrip(context):
    frame = pd.DataFrame({"a": np.arange(5.0)})
    for name in "bcd":
        frame[name] = np.arange(5.0)  # one block per inserted column
    assert len(frame._mgr.blocks) > 1
    pd.testing.assert_frame_equal(roundtrip(frame, context), frame)


def test_a_sliced_string_column_ships_only_its_rows(context):
    frame = pd.DataFrame({"s": [f"value number {i}" for i in range(10000)]}).iloc[5000:5003]
    result = roundtrip(frame, context)
    pd.testing.assert_frame_equal(result, frame)
    assert pa.serialize(frame, context=context).total_bytes < 10000


def test_big_endian_and_bool_columns_roundtrip(context):
    frame = pd.DataFrame({"big": np.arange(3, dtype=">i4"), "flag": np.array([True, False, True])})
    result = roundtrip(frame, context)
    np.testing.assert_array_equal(result["big"].to_numpy(), [0, 1, 2])
    pd.testing.assert_series_equal(result["flag"], frame["flag"])


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
def test_nullable_string_columns_keep_their_storage(storage, context):
    frame = pd.DataFrame({"s": pd.array(["a", None, "c"], dtype=f"string[{storage}]")})
    result = roundtrip(frame, context)
    assert result["s"].dtype == frame["s"].dtype
    pd.testing.assert_frame_equal(result, frame)


_ARROW_DTYPE_COLUMNS = {
    "string": (pyarrow.string(), ["a", None, "c"]),
    "large_string": (pyarrow.large_string(), ["a", None, "c"]),
    "string_view": (pyarrow.string_view(), ["a", None, "c"]),
    "int64": (pyarrow.int64(), [1, None, 3]),
    "large_binary": (pyarrow.large_binary(), [b"a", None, b""]),
    "list": (pyarrow.list_(pyarrow.int64()), [[1], None, [2, 3]]),
    "struct": (pyarrow.struct([("a", pyarrow.int64())]), [{"a": 1}, None, {"a": 2}]),
    "dictionary": (pyarrow.dictionary(pyarrow.int32(), pyarrow.string()), ["a", None, "a"]),
    "decimal": (pyarrow.decimal128(5, 2), [decimal.Decimal("1.25"), None, decimal.Decimal("-2.00")]),
    "map": (pyarrow.map_(pyarrow.string(), pyarrow.int64()), [[("a", 1)], None, []]),
}


def _arrow_dtype_array(name):
    arrow_type, values = _ARROW_DTYPE_COLUMNS[name]
    return pd.Series(pyarrow.array(values, type=arrow_type), dtype=pd.ArrowDtype(arrow_type)).array


@pytest.mark.parametrize("name", sorted(_ARROW_DTYPE_COLUMNS))
def test_arrow_dtype_columns_keep_their_dtype(name, context):
    array = _arrow_dtype_array(name)
    frame = pd.DataFrame({"x": array, "y": np.arange(3.0)})
    result = roundtrip(frame, context)
    assert type(result["x"].dtype) is pd.ArrowDtype
    assert result["x"].dtype == array.dtype
    # compared through pyarrow: pandas' assert_*_equal cannot handle every ArrowDtype (string_view)
    assert pyarrow.array(result["x"].array).equals(pyarrow.array(array))
    assert result["y"].tolist() == [0.0, 1.0, 2.0]
    series = roundtrip(pd.Series(array, name="x"), context)
    assert series.dtype == array.dtype and series.name == "x"
    assert pyarrow.array(series.array).equals(pyarrow.array(array))


@pytest.mark.parametrize("name", ["string", "int64", "list"])
def test_arrow_dtype_indexes_keep_their_dtype(name, context):
    index = pd.Index(_arrow_dtype_array(name), name="i")
    result = roundtrip(index, context)
    assert type(result.dtype) is pd.ArrowDtype and result.dtype == index.dtype
    pd.testing.assert_index_equal(result, index)


def test_arrow_dtype_strings_and_string_dtype_stay_apart(context):
    frame = pd.DataFrame({"arrow": pd.array(["a", None], dtype=pd.ArrowDtype(pyarrow.string())),
                          "string": pd.array(["a", None], dtype="string[pyarrow]")})
    result = roundtrip(frame, context)
    assert type(result["arrow"].dtype) is pd.ArrowDtype
    assert result["string"].dtype == pd.StringDtype("pyarrow")
    pd.testing.assert_frame_equal(result, frame)


def test_payloads_written_before_the_arrow_dtype_tag_still_read(context):
    # before the tag, an ArrowDtype string column carried its str(): "string[pyarrow]"
    buffers = _string_buffers([0, 2, 4, 6])
    frame = _deserialize_frame(context, [([0], ("arrow_buffers", "string[pyarrow]", "string", 3, buffers)),
                                         ([1], ("arrow_buffers", "int64[pyarrow]", "int64", 3,
                                                [None, pa.py_buffer(np.arange(3).tobytes())]))])
    assert frame["a"].dtype == pd.StringDtype("pyarrow")
    assert frame["a"].tolist() == ["ab", "cd", "ef"]
    assert frame["b"].dtype == pd.ArrowDtype(pyarrow.int64())


def test_a_tagged_payload_takes_the_arrays_type(context):
    buffers = [None, pa.py_buffer(np.array([0, 1, 3], dtype=np.int64).tobytes()), pa.py_buffer(b"abc")]
    frame = _deserialize_frame(context, [([0], ("arrow_buffers", "arrowpack.ArrowDtype", "large_string", 2, buffers)),
                                         ([1], ("numpy", np.zeros(2)))], rows=2)
    assert frame["a"].dtype == pd.ArrowDtype(pyarrow.large_string())
    assert frame["a"].tolist() == ["a", "bc"]


def test_string_series_roundtrip(context):
    series = pd.Series(["x", None, "zz"], name="s")
    pd.testing.assert_series_equal(roundtrip(series, context), series)


# -- bad payloads -------------------------------------------------------------------------------

def _deserialize_frame(context, blocks, columns=("a", "b"), rows=3):
    data = {"columns": ("index", ("numpy", np.array(list(columns), dtype=object)), None),
            "index": ("range", 0, rows, 1, None), "blocks": blocks}
    return context.custom_deserializers["arrowpack.pd.DataFrame"](data)


def test_a_well_formed_hand_made_payload_reads(context):
    frame = _deserialize_frame(context, [([1, 0], ("numpy", np.arange(6.0).reshape(2, 3)))])
    pd.testing.assert_frame_equal(frame, pd.DataFrame({"a": [3.0, 4.0, 5.0], "b": [0.0, 1.0, 2.0]}),
                                  check_column_type=False)


@pytest.mark.parametrize("blocks, message", [
    ([([0, 2], ("numpy", np.zeros((2, 3))))], "column position 2"),
    ([([0, 0], ("numpy", np.zeros((2, 3))))], "column position 0"),
    ([([0], ("numpy", np.zeros(3))), ([0], ("numpy", np.zeros(3)))], "column position 0"),
    ([([0], ("numpy", np.zeros(3)))], "columns without a block"),
    ([([0, 1], ("numpy", np.zeros((2, 4))))], "shape does not match"),
    ([([0, 1], ("numpy", np.zeros(3)))], "shape does not match"),
    ([((0, 1), ("numpy", np.zeros((2, 3))))], "shape does not match"),
    ([(["0", 1], ("numpy", np.zeros((2, 3))))], "column position '0'"),
    ([([0, 1], ("numpy", np.zeros((2, 3), dtype=object)))], "2-D block of dtype object"),
    ([([0, 1], ("numpy", np.zeros((2, 3), dtype=">f8")))], "2-D block of dtype >f8"),
    ([([0, 1], ("nonsense", 1))], "unknown pandas values encoding"),
    ([([0, 1], ("numpy", np.zeros((2, 3, 1))))], "a block of ndarray with 3 dimensions"),
    ([([0, 1], ("numpy", [1.0, 2.0, 3.0]))], "a block of list"),
])
def test_inconsistent_blocks_raise_value_error(blocks, message, context):
    with pytest.raises(ValueError, match=message):
        _deserialize_frame(context, blocks)


def _string_buffers(offsets, data=b"abcdef"):
    return [None, pa.py_buffer(np.array(offsets, dtype=np.int32).tobytes()), pa.py_buffer(data)]


@pytest.mark.parametrize("payload, message", [
    (("arrow_buffers", "str", "string", 3, _string_buffers([0, 4, 2, 6])), "offsets out of order"),
    (("arrow_buffers", "str", "string", 3, _string_buffers([0, 2, 4, 7])), "out of bounds|offset"),
    (("arrow_buffers", "str", "string", 3, _string_buffers([-1, 2, 4, 6])), "out of bounds|offset"),
    (("arrow_buffers", "str", "string", 3, _string_buffers([0, 2])), "too small|smaller|offset"),
    (("arrow_buffers", "str", "string", 3, _string_buffers([0, 2, 4, 6])[:2]), "needs 3 buffers"),
    (("arrow_buffers", "str", "string", 3, [None, None, None]), "needs 3 buffers"),
    (("arrow_buffers", "str", "list<item: int64>", 3, []), "corrupt Arrow buffers payload"),
    (("arrow_buffers", "str", "string", -1, _string_buffers([0])), "corrupt Arrow buffers payload"),
    (("arrow_buffers", "int64[pyarrow]", "int64", 3, [None, pa.py_buffer(b"12345678")]), "too small|smaller"),
    (("arrow_buffers", "arrowpack.ArrowDtype", "string", 3, _string_buffers([0, 4, 2, 6])), "offsets out of order"),
    (("arrow_buffers", "arrowpack.ArrowDtype", "list<item: int64>", 3, []), "corrupt Arrow buffers payload"),
])
def test_inconsistent_arrow_buffers_raise_value_error(payload, message, context):
    with pytest.raises(ValueError, match=message):
        _deserialize_frame(context, [([0], payload), ([1], ("numpy", np.zeros(3)))])
