"""Array and its typed subclasses: inspection, slicing, scalars, buffers, validation, conversion
to Python/numpy/pandas, and the from_buffers/from_arrays constructors. Arrays are built in
pyarrow and imported through the PyCapsule protocol, then compared with pyarrow's answers."""

import datetime
import decimal
import gc
import weakref

import numpy as np
import pandas as pd
import pyarrow
import pytest

import arrowpack as pa


def imported(values, type=None):
    return pa.array(pyarrow.array(values, type=type))


def test_class_follows_the_type_like_pyarrow():
    samples = [
        pyarrow.array([1], pyarrow.int8()), pyarrow.array([1], pyarrow.uint64()), pyarrow.array([1.0], pyarrow.float16()),
        pyarrow.array([1.0]), pyarrow.array([True]), pyarrow.array(["a"]), pyarrow.array(["a"], pyarrow.large_string()),
        pyarrow.array(["a"], pyarrow.string_view()), pyarrow.array([b"a"]), pyarrow.array([b"a"], pyarrow.binary(1)),
        pyarrow.array([1], pyarrow.date32()), pyarrow.array([1], pyarrow.timestamp("s")),
        pyarrow.array([1], pyarrow.time64("us")), pyarrow.array([1], pyarrow.duration("s")),
        pyarrow.array([(1, 2, 3)], pyarrow.month_day_nano_interval()),
        pyarrow.array([decimal.Decimal(1)], pyarrow.decimal128(3)), pyarrow.array([[1]]),
        pyarrow.array([[1]], pyarrow.large_list(pyarrow.int64())), pyarrow.array([[1]], pyarrow.list_(pyarrow.int8(), 1)),
        pyarrow.array([[1]], pyarrow.list_view(pyarrow.int8())), pyarrow.array([{"a": 1}]),
        pyarrow.array([[("a", 1)]], pyarrow.map_(pyarrow.string(), pyarrow.int8())),
        pyarrow.array(["a"]).dictionary_encode(), pyarrow.array([None]),
        pyarrow.UnionArray.from_sparse(pyarrow.array([0], pyarrow.int8()), [pyarrow.array([1])]),
    ]
    for theirs in samples:
        ours = pa.array(theirs)
        assert type(ours).__name__ == type(theirs).__name__
        assert [c.__name__ for c in type(ours).__mro__[:-3]] == [c.__name__ for c in type(theirs).__mro__[:-4]]


def test_len_null_count_offset_and_slices():
    arr = imported([1, None, 3, 4, None])
    assert len(arr) == 5 and arr.null_count == 2 and arr.offset == 0
    sliced = arr.slice(1, 3)
    assert sliced.to_pylist() == [None, 3, 4] and sliced.offset == 1 and sliced.null_count == 1
    assert arr.slice(2).to_pylist() == [3, 4, None]
    assert arr.slice(4, 100).to_pylist() == [None]
    assert arr.slice(10).to_pylist() == []
    assert arr[1:3].to_pylist() == [None, 3] and arr[-2:].to_pylist() == [4, None]
    with pytest.raises(IndexError, match="Offset must be non-negative"):
        arr.slice(-1)
    with pytest.raises(ValueError, match="Length must be non-negative"):
        arr.slice(1, -1)
    with pytest.raises(pa.ArrowNotImplementedError):
        arr[::2]


def test_getitem_returns_scalars():
    arr = imported([1, None, 3])
    assert arr[0].as_py() == 1 and arr[-1].as_py() == 3
    assert arr[1].as_py() is None and not arr[1].is_valid and arr[0].is_valid
    assert arr[0].type == pa.int64()
    assert repr(arr[0]) == "<arrowpack.Int64Scalar: 1>"
    assert repr(imported(["x"])[0]) == "<arrowpack.StringScalar: 'x'>"
    assert arr[0] == imported([1])[0] and arr[0] != arr[2]
    assert [s.as_py() for s in arr] == [1, None, 3]
    with pytest.raises(IndexError, match="index out of bounds"):
        arr[3]
    with pytest.raises(IndexError):
        arr[-4]
    assert pa.scalar(imported([5])[0].as_py(), type=pa.int64()).as_py() == 5


def test_str_and_repr_look_like_pyarrow():
    theirs = pyarrow.array([1, None, 3])
    ours = pa.array(theirs)
    assert str(ours) == str(theirs)
    assert repr(ours).startswith("<arrowpack.lib.Int64Array object at 0x")
    assert repr(ours).split("\n", 1)[1] == repr(theirs).split("\n", 1)[1]


def test_buffers_list_like_pyarrow():
    theirs = pyarrow.array([[1, None], None, []])
    ours = pa.array(theirs)
    ours_buffers = ours.buffers()
    theirs_buffers = theirs.buffers()
    assert len(ours_buffers) == len(theirs_buffers)
    for a, b in zip(ours_buffers, theirs_buffers):
        assert (a is None) == (b is None)
        if a is not None:
            assert a.address == b.address  # the very same memory: zero-copy import
    union = pyarrow.UnionArray.from_sparse(pyarrow.array([0], pyarrow.int8()), [pyarrow.array([1])])
    assert [b is None for b in pa.array(union).buffers()] == [b is None for b in union.buffers()]


def test_nbytes_and_total_buffer_size():
    theirs = pyarrow.array([1, 2, 3, 4])
    ours = pa.array(theirs)
    assert ours.nbytes == theirs.nbytes == 32
    assert ours.slice(1, 2).nbytes == theirs.slice(1, 2).nbytes == 16
    assert ours.slice(1, 2).get_total_buffer_size() == 32
    strings = pyarrow.array(["ab", "cde", None])
    assert pa.array(strings).nbytes == strings.nbytes


def test_equals():
    a, b = imported([1, None, 3]), imported([1, None, 3])
    assert a.equals(b) and a == b
    assert a != imported([1, 2, 3]) and a != imported([1, None, 3], pyarrow.int32())
    assert a.slice(1).equals(imported([None, 3]))
    assert a != [1, None, 3]


def test_is_null_and_is_valid():
    arr = imported([1.0, None, float("nan")])
    assert arr.is_null().to_pylist() == [False, True, False]
    assert arr.is_null(nan_is_null=True).to_pylist() == [False, True, True]
    assert arr.is_valid().to_pylist() == [True, False, True]
    assert isinstance(arr.is_valid(), pa.BooleanArray)
    assert arr.slice(1).is_null().to_pylist() == [True, False]


def test_boolean_counts():
    arr = imported([True, None, False, True])
    assert (arr.true_count, arr.false_count) == (2, 1)


def test_validate_accepts_good_arrays():
    for arr in (imported([1, 2]), imported(["a", None]), imported([[1], None]), imported([{"a": 1}])):
        arr.validate()
        arr.validate(full=True)


def test_to_pylist_values_match_pyarrow():
    cases = [
        ([1, None, -3], pyarrow.int16()),
        ([2**64 - 1, None], pyarrow.uint64()),
        ([1.5, None, float("inf")], pyarrow.float32()),
        ([0.5, None], pyarrow.float16()),
        ([True, False, None], pyarrow.bool_()),
        (["héllo", None, ""], pyarrow.string()),
        ([b"\x00\xff", None], pyarrow.large_binary()),
        (["a much longer string than twelve bytes", "short", None], pyarrow.string_view()),
        ([datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(1969, 12, 31), None], pyarrow.date32()),
        ([datetime.date(2000, 2, 29), None], pyarrow.date64()),
        ([datetime.datetime(1969, 12, 31, 23, 59, 59, 999999), None], pyarrow.timestamp("us")),
        ([datetime.datetime(2020, 1, 1, 12, 30, 15), None], pyarrow.timestamp("s")),
        ([datetime.datetime(2021, 6, 1, 8, tzinfo=datetime.timezone.utc), None], pyarrow.timestamp("ms", "Europe/Paris")),
        ([datetime.datetime(2021, 6, 1, 8, tzinfo=datetime.timezone.utc)], pyarrow.timestamp("ms", "-02:30")),
        ([datetime.datetime(2021, 6, 1, 8, tzinfo=datetime.timezone.utc)], pyarrow.timestamp("us", "UTC")),
        ([datetime.time(23, 59, 59), None], pyarrow.time32("s")),
        ([datetime.time(1, 2, 3, 456000)], pyarrow.time32("ms")),
        ([datetime.time(1, 2, 3, 456789)], pyarrow.time64("us")),
        ([datetime.timedelta(days=-1, seconds=5), None], pyarrow.duration("s")),
        ([datetime.timedelta(microseconds=-1)], pyarrow.duration("us")),
        ([decimal.Decimal("-123.45"), None, decimal.Decimal("0.01")], pyarrow.decimal128(10, 2)),
        ([decimal.Decimal("12345678901234567890123456789012345678901234")], pyarrow.decimal256(50, 0)),
        ([decimal.Decimal("-1.5")], pyarrow.decimal64(10, 1)),
        ([[1, None], None, []], pyarrow.list_(pyarrow.int64())),
        ([[1, 2], None], pyarrow.list_(pyarrow.int64(), 2)),
        ([{"a": 1, "b": [None]}, None, {"a": None, "b": []}],
         pyarrow.struct([("a", pyarrow.int8()), ("b", pyarrow.list_(pyarrow.string()))])),
        ([[("k", 1), ("j", None)], None], pyarrow.map_(pyarrow.string(), pyarrow.int32())),
        ([None, None], pyarrow.null()),
    ]
    for values, type_ in cases:
        theirs = pyarrow.array(values, type_)
        for sample in (theirs, theirs.slice(1)):
            assert pa.array(sample).to_pylist() == sample.to_pylist(), type_


def test_nanosecond_values_become_pandas_objects_like_pyarrow():
    for type_ in (pyarrow.timestamp("ns"), pyarrow.timestamp("ns", "Asia/Tokyo"), pyarrow.duration("ns")):
        theirs = pyarrow.array([1500, None], type_)
        assert pa.array(theirs).to_pylist() == theirs.to_pylist()
        assert type(pa.array(theirs).to_pylist()[0]) is type(theirs.to_pylist()[0])


def test_month_day_nano_values():
    value = imported([(1, 2, 3), None], pyarrow.month_day_nano_interval()).to_pylist()
    assert value == [pa.MonthDayNano(1, 2, 3), None]
    assert (value[0].months, value[0].days, value[0].nanoseconds) == (1, 2, 3)


def test_dictionary_union_and_run_end_values():
    dict_arr = pyarrow.array(["a", "b", None, "a"]).dictionary_encode()
    ours = pa.array(dict_arr)
    assert ours.to_pylist() == ["a", "b", None, "a"]
    assert ours.indices.to_pylist() == [0, 1, None, 0] and ours.dictionary.to_pylist() == ["a", "b"]
    dense = pyarrow.UnionArray.from_dense(pyarrow.array([0, 1, 0], pyarrow.int8()), pyarrow.array([0, 0, 1], pyarrow.int32()),
                                          [pyarrow.array([1, None]), pyarrow.array(["x"])])
    assert pa.array(dense).to_pylist() == [1, "x", None]
    assert pa.array(dense).type_codes.to_pylist() == [0, 1, 0] and pa.array(dense).offsets.to_pylist() == [0, 0, 1]
    ree = pyarrow.RunEndEncodedArray.from_arrays(pyarrow.array([2, 3, 5], pyarrow.int32()), pyarrow.array(["a", None, "b"]))
    ours = pa.array(ree)
    assert ours.to_pylist() == ["a", "a", None, "b", "b"] and ours.slice(1, 3).to_pylist() == ["a", None, "b"]
    assert ours.run_ends.to_pylist() == [2, 3, 5] and ours.values.to_pylist() == ["a", None, "b"]


def test_out_of_range_dates_raise_instead_of_wrapping():
    with pytest.raises(ValueError, match="year .* is out of range"):
        imported([-719163], pyarrow.date32()).to_pylist()


def test_list_accessors():
    theirs = pyarrow.array([[1, 2], None, [3]]).slice(1)
    ours = pa.array(theirs)
    assert ours.values.to_pylist() == [1, 2, 3]
    assert ours.offsets.to_pylist() == theirs.offsets.to_pylist()
    assert ours.flatten().to_pylist() == theirs.flatten().to_pylist() == [3]
    assert ours.value_lengths().to_pylist() == theirs.value_lengths().to_pylist() == [None, 1]
    fixed = pa.array(pyarrow.array([[1, 2], [3, 4]], pyarrow.list_(pyarrow.int8(), 2)))
    assert fixed.flatten().to_pylist() == [1, 2, 3, 4] and fixed.slice(1).flatten().to_pylist() == [3, 4]
    m = pa.array(pyarrow.array([[("a", 1)], [("b", 2)]], pyarrow.map_(pyarrow.string(), pyarrow.int8())))
    assert m.keys.to_pylist() == ["a", "b"] and m.items.to_pylist() == [1, 2]
    view = pa.array(pyarrow.array([[1], [2, 3]], pyarrow.list_view(pyarrow.int8())))
    assert view.offsets.to_pylist() == [0, 1] and view.sizes.to_pylist() == [1, 2]


def test_struct_field_and_flatten_merge_parent_nulls():
    theirs = pyarrow.array([{"a": 1, "b": "x"}, None, {"a": 3, "b": None}])
    ours = pa.array(theirs)
    assert ours.field(0).to_pylist() == theirs.field(0).to_pylist()
    assert ours.field("b").to_pylist() == theirs.field("b").to_pylist()
    assert [a.to_pylist() for a in ours.flatten()] == [a.to_pylist() for a in theirs.flatten()]
    assert [a.to_pylist() for a in ours.slice(1).flatten()] == [[None, 3], [None, None]]
    with pytest.raises(KeyError):
        ours.field("zz")
    with pytest.raises(IndexError):
        ours.field(2)


def test_binary_total_values_length():
    theirs = pyarrow.array([b"ab", None, b"cde"]).slice(1)
    assert pa.array(theirs).total_values_length == theirs.total_values_length == 3
    assert pa.array(pyarrow.array(["ab", "c"])).total_values_length == 3
    large = pyarrow.array([b"xy", b"z"], pyarrow.large_binary())
    assert pa.array(large).total_values_length == 3


def test_extension_array_storage():
    theirs = pyarrow.array([b"0123456789abcdef", None], pyarrow.uuid())
    ours = pa.array(theirs)
    assert isinstance(ours, pa.ExtensionArray)
    assert ours.storage.to_pylist() == [b"0123456789abcdef", None] == ours.to_pylist()


# ---- numpy ----------------------------------------------------------------------------------------


def test_to_numpy_is_a_zero_copy_read_only_view():
    theirs = pyarrow.array([1, 2, 3, 4], pyarrow.int32())
    ours = pa.array(theirs)
    view = ours.slice(1).to_numpy()
    assert view.dtype == np.int32 and list(view) == [2, 3, 4]
    assert view.ctypes.data == ours.buffers()[1].address + 4
    assert not view.flags.writeable
    with pytest.raises(ValueError):
        view[0] = 7


def test_to_numpy_view_keeps_the_array_alive():
    ours = imported([10, 20, 30])
    view = ours.to_numpy()
    ref = weakref.ref(view.base) if hasattr(view.base, "__weakref__") else None
    del ours
    gc.collect()
    assert list(view) == [10, 20, 30]
    del view, ref


def test_to_numpy_dtypes_match_pyarrow():
    cases = [
        pyarrow.array([1, 2], pyarrow.uint16()), pyarrow.array([1.5], pyarrow.float16()),
        pyarrow.array([1, 2], pyarrow.timestamp("ms", "UTC")), pyarrow.array([1], pyarrow.duration("us")),
    ]
    for theirs in cases:
        ours = pa.array(theirs).to_numpy()
        expected = theirs.to_numpy()
        assert ours.dtype == expected.dtype and (ours == expected).all()


def test_to_numpy_copies_follow_pyarrow():
    cases = [
        pyarrow.array([1, None], pyarrow.int8()), pyarrow.array([1.5, None], pyarrow.float32()),
        pyarrow.array([1, None], pyarrow.timestamp("s")), pyarrow.array([1, None], pyarrow.date32()),
        pyarrow.array([86400000], pyarrow.date64()), pyarrow.array([True, False]), pyarrow.array([True, None]),
        pyarrow.array(["a", None]), pyarrow.array([None, None]), pyarrow.array(["a", "b", "a"]).dictionary_encode(),
        pyarrow.array([decimal.Decimal("1.5")], pyarrow.decimal128(3, 1)),
    ]
    for theirs in cases:
        ours = pa.array(theirs).to_numpy(zero_copy_only=False)
        expected = theirs.to_numpy(zero_copy_only=False)
        assert ours.dtype == expected.dtype, theirs.type
        np.testing.assert_array_equal(ours, expected)
    lists = pa.array(pyarrow.array([[1, 2], None])).to_numpy(zero_copy_only=False)
    assert lists.dtype == object and list(lists[0]) == [1, 2] and lists[1] is None


def test_to_numpy_of_lists_gives_views_with_the_childs_dtype_like_pyarrow():
    cases = [
        pyarrow.array([[1, 2], [None], None, []]),
        pyarrow.array([[1, 2], [None], None, []]).slice(1),
        pyarrow.array([[1, 2], [3]], pyarrow.large_list(pyarrow.int32())),
        pyarrow.array([[1, 2], None], pyarrow.list_(pyarrow.int64(), 2)),
        pyarrow.array([[1, 2], [3, 4], [5, 6]], pyarrow.list_(pyarrow.int64(), 2)).slice(1),
        pyarrow.array([["a"], ["b", None]]),
        pyarrow.array([[1, 2], None, [3]], pyarrow.list_view(pyarrow.int8())),
    ]
    for theirs in cases:
        ours = pa.array(theirs).to_numpy(zero_copy_only=False)
        expected = theirs.to_numpy(zero_copy_only=False)
        assert len(ours) == len(expected), theirs.type
        for mine, their in zip(ours, expected):
            assert (mine is None) == (their is None), theirs.type
            if mine is not None:
                assert mine.dtype == their.dtype, theirs.type
                np.testing.assert_array_equal(mine, their)
    rows = pa.array([[1, 2], [3]]).to_numpy(zero_copy_only=False)
    assert rows[0].base is rows[1].base and not rows[0].flags.writeable


def test_to_numpy_errors():
    with pytest.raises(pa.ArrowInvalid, match="with 1 nulls, but zero_copy_only was True"):
        imported([1, None]).to_numpy()
    with pytest.raises(pa.ArrowInvalid, match="Zero copy conversions not possible with boolean types"):
        imported([True]).to_numpy()
    with pytest.raises(pa.ArrowInvalid, match="zero_copy_only was True"):
        imported(["a"]).to_numpy()
    with pytest.raises(ValueError, match="Cannot return a writable array if asking for zero-copy"):
        imported([1]).to_numpy(writable=True)
    copy = imported([1, 2]).to_numpy(zero_copy_only=False, writable=True)
    copy[0] = 5
    assert copy.flags.writeable and list(copy) == [5, 2]


def test_numpy_array_protocol():
    assert np.asarray(imported([1, 2])).tolist() == [1, 2]
    assert np.asarray(imported([1, None]), dtype="float32").dtype == np.float32


# ---- pandas ---------------------------------------------------------------------------------------


def test_to_pandas_series_match_pyarrow():
    cases = [
        pyarrow.array([1, 2]), pyarrow.array([1, None]), pyarrow.array([True, None]), pyarrow.array(["a", None]),
        pyarrow.array([1.5, None]), pyarrow.array([1, None], pyarrow.timestamp("ms")),
        pyarrow.array([1, None], pyarrow.timestamp("us", "Europe/Paris")), pyarrow.array([1], pyarrow.duration("ms")),
        pyarrow.array([1, None], pyarrow.date32()), pyarrow.array(["a", "b", None, "a"]).dictionary_encode(),
        pyarrow.array([b"x", None]),
    ]
    for theirs in cases:
        ours = pa.array(theirs).to_pandas()
        expected = theirs.to_pandas()
        assert ours.dtype == expected.dtype, theirs.type
        pd.testing.assert_series_equal(ours, expected)


def test_to_pandas_of_ints_without_nulls_is_zero_copy():
    ours = imported([1, 2, 3])
    series = ours.to_pandas()
    assert np.shares_memory(series.to_numpy(), ours.to_numpy())


# ---- Constructors ---------------------------------------------------------------------------------


def test_from_buffers():
    source = pyarrow.array(["ab", None, "c"])
    buffers = pa.array(source).buffers()
    built = pa.Array.from_buffers(pa.string(), 3, buffers)
    assert built.to_pylist() == ["ab", None, "c"] and built.null_count == 1
    shifted = pa.Array.from_buffers(pa.string(), 2, buffers, offset=1)
    assert shifted.to_pylist() == [None, "c"]
    lists = pa.Array.from_buffers(pa.list_(pa.int64()), 2, pa.array(pyarrow.array([[1], [2, 3]])).buffers()[:2],
                                  children=[imported([1, 2, 3])])
    assert lists.to_pylist() == [[1], [2, 3]]
    numbers = pa.Array.from_buffers(pa.int8(), 3, [None, pa.py_buffer(bytes([1, 2, 3]))])
    assert numbers.to_pylist() == [1, 2, 3]


def test_from_buffers_rejects_malformed_input():
    good = pa.array(pyarrow.array(["ab", "c"])).buffers()
    bad_offsets = pa.py_buffer(np.array([0, 5, 1], dtype=np.int32).tobytes())
    with pytest.raises(pa.ArrowInvalid):
        pa.Array.from_buffers(pa.string(), 2, [None, bad_offsets, good[2]])
    with pytest.raises(pa.ArrowInvalid):
        pa.Array.from_buffers(pa.string(), 2, [None, good[1], pa.py_buffer(b"\xff\xfe\xfd")])
    with pytest.raises(pa.ArrowInvalid):
        pa.Array.from_buffers(pa.int64(), 10, [None, pa.py_buffer(b"12345678")])
    with pytest.raises(ValueError, match="expected number of buffers"):
        pa.Array.from_buffers(pa.int64(), 1, [None])
    with pytest.raises(ValueError, match="expected number of children"):
        pa.Array.from_buffers(pa.list_(pa.int8()), 0, [None, good[1]])
    with pytest.raises(pa.ArrowInvalid, match="non-negative"):
        pa.Array.from_buffers(pa.int8(), -1, [None, pa.py_buffer(b"")])


def test_list_array_from_arrays():
    arr = pa.ListArray.from_arrays(imported([0, 2, 2, 3], pyarrow.int32()), imported([1, 2, 3]))
    assert arr.to_pylist() == [[1, 2], [], [3]] and arr.type == pa.list_(pa.int64())
    with_nulls = pa.ListArray.from_arrays(imported([0, None, 1], pyarrow.int32()), imported([7]))
    assert with_nulls.to_pylist() == [[7], None]  # a null offset makes its own row null, as in pyarrow
    masked = pa.ListArray.from_arrays(imported([0, 1, 2], pyarrow.int32()), imported([7, 8]), mask=imported([False, True]))
    assert masked.to_pylist() == [[7], None]
    large = pa.LargeListArray.from_arrays(imported([0, 1], pyarrow.int64()), imported(["x"]))
    assert large.to_pylist() == [["x"]] and large.type == pa.large_list(pa.string())
    with pytest.raises(pa.ArrowInvalid):
        pa.ListArray.from_arrays(imported([0, 5], pyarrow.int32()), imported([1]))
    with pytest.raises(pa.ArrowInvalid, match="at least one element"):
        pa.ListArray.from_arrays(imported([], pyarrow.int32()), imported([1]))
    with pytest.raises(TypeError, match="offsets must be int32"):
        pa.ListArray.from_arrays(imported([0, 1], pyarrow.int64()), imported([1]))


def test_other_from_arrays_constructors():
    values = imported([1, 2, 3, 4])
    fixed = pa.FixedSizeListArray.from_arrays(values, 2)
    assert fixed.to_pylist() == [[1, 2], [3, 4]]
    with pytest.raises(pa.ArrowInvalid, match="not a multiple"):
        pa.FixedSizeListArray.from_arrays(values, 3)
    m = pa.MapArray.from_arrays(imported([0, 1, 2], pyarrow.int32()), imported(["a", "b"]), imported([1, None]))
    assert m.to_pylist() == [[("a", 1)], [("b", None)]]
    s = pa.StructArray.from_arrays([values, imported(["a", "b", "c", "d"])], names=["n", "s"])
    assert s.to_pylist()[1] == {"n": 2, "s": "b"} and s.type.names == ["n", "s"]
    masked = pa.StructArray.from_arrays([values], fields=[pa.field("n", pa.int64())],
                                        mask=imported([True, False, False, False]))
    assert masked.to_pylist()[0] is None
    with pytest.raises(pa.ArrowInvalid, match="Length of child arrays must all be equal"):
        pa.StructArray.from_arrays([values, imported([1])], names=["a", "b"])
    with pytest.raises(ValueError, match="Must pass either names or fields"):
        pa.StructArray.from_arrays([values])
    d = pa.DictionaryArray.from_arrays(imported([0, 1, 0, None], pyarrow.int8()), imported(["x", "y"]))
    assert d.to_pylist() == ["x", "y", "x", None] and d.type == pa.dictionary(pa.int8(), pa.string())
    codes = pa.DictionaryArray.from_arrays(imported([0, -1], pyarrow.int8()), imported(["x"]), from_pandas=True)
    assert codes.to_pylist() == ["x", None]
    with pytest.raises(pa.ArrowInvalid):
        pa.DictionaryArray.from_arrays(imported([0, 5], pyarrow.int8()), imported(["x"]))
    ree = pa.RunEndEncodedArray.from_arrays(imported([2, 3], pyarrow.int32()), imported(["a", "b"]))
    assert ree.to_pylist() == ["a", "a", "b"]
    with pytest.raises(pa.ArrowInvalid):
        pa.RunEndEncodedArray.from_arrays(imported([3, 2], pyarrow.int32()), imported(["a", "b"]))
    sparse = pa.UnionArray.from_sparse(imported([0, 1], pyarrow.int8()), [imported([1, 2]), imported(["a", "b"])])
    assert sparse.to_pylist() == [1, "b"]
    dense = pa.UnionArray.from_dense(imported([1, 0], pyarrow.int8()), imported([0, 0], pyarrow.int32()),
                                     [imported([5]), imported(["z"])], field_names=["i", "s"])
    assert dense.to_pylist() == ["z", 5] and dense.type.mode == "dense"
    with pytest.raises(pa.ArrowInvalid):
        pa.UnionArray.from_sparse(imported([0, 3], pyarrow.int8()), [imported([1, 2])])
    views = pa.ListViewArray.from_arrays(imported([1, 0], pyarrow.int32()), imported([2, 1], pyarrow.int32()),
                                         imported([1, 2, 3]))
    assert views.to_pylist() == [[2, 3], [1]]


def test_from_buffers_accepts_pyarrow_buffer_lists_for_unions():
    theirs = pyarrow.UnionArray.from_sparse(pyarrow.array([0, 1, 0], pyarrow.int8()),
                                            [pyarrow.array([1, 2, 3]), pyarrow.array(["a", "b", "c"])])
    ours = pa.array(theirs)
    children = [ours.field(0), ours.field(1)]
    rebuilt = pa.Array.from_buffers(ours.type, 3, ours.buffers()[:2], children=children)
    assert rebuilt.to_pylist() == [1, "b", 3]


def test_wrong_argument_types_raise_type_errors():
    with pytest.raises(TypeError):
        pa.schema(5)
    with pytest.raises(TypeError):
        pa.chunked_array(5)
    with pytest.raises(TypeError, match="Array expected"):
        pa.Array.from_buffers(pa.list_(pa.int8()), 0, [None, None], children=[5])
    with pytest.raises(TypeError):
        imported([1]).equals(5)
