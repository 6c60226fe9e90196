"""pa.array from Python sequences and iterables, numpy arrays and pandas objects: pyarrow's type
inference, every explicit type, nulls, masks, sizes, and zero-copy numpy data. Each case is built
with arrowpack and with pyarrow from the same values and compared (type, values, nulls, and the
arrowpack array read back by pyarrow through the C Data Interface)."""

import datetime as dt
import decimal
import gc
import math
import weakref
import zoneinfo

import numpy as np
import pandas as pd
import pyarrow
import pytest

import arrowpack as pa

D = decimal.Decimal
UTC = dt.timezone.utc
PLUS2 = dt.timezone(dt.timedelta(hours=2))
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def plain(value):
    """NaN-safe comparable form of a to_pylist() result."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def assert_same(ours, theirs):
    ours.validate(full=True)
    assert str(ours.type) == str(theirs.type)
    assert len(ours) == len(theirs)
    assert ours.null_count == theirs.null_count
    assert plain(ours.to_pylist()) == plain(theirs.to_pylist())
    # The same data seen by pyarrow through __arrow_c_array__.
    imported = pyarrow.array(ours)
    assert imported.type == theirs.type
    assert plain(imported.to_pylist()) == plain(theirs.to_pylist())


def both(make_values, make_type=None, **kwargs):
    """Converts fresh values (generators are single-use) with arrowpack and with pyarrow."""
    ours = pa.array(make_values(), type=make_type(pa) if make_type else None, **kwargs)
    theirs = pyarrow.array(make_values(), type=make_type(pyarrow) if make_type else None, **kwargs)
    return ours, theirs


# ---- Inference ------------------------------------------------------------------------------------

INFERENCE = {
    "ints": lambda: [1, 2, None, -3],
    "int64_limits": lambda: [-(2**63), 2**63 - 1],
    "floats": lambda: [1.5, None, float("nan"), -0.0],
    "int_then_float": lambda: [1, 2.5],
    "float_then_int": lambda: [2.5, 1],
    "bools": lambda: [True, None, False],
    "strings": lambda: ["a", None, "", "h\u00e9llo \U0001f600"],
    "bytes_like": lambda: [b"a", None, bytearray(b"bc"), memoryview(b"d")],
    "str_then_bytes_is_binary": lambda: ["a", b"b"],
    "bytes_then_str_is_binary": lambda: [b"b", "a"],
    "only_none": lambda: [None, None],
    "empty": lambda: [],
    "datetime": lambda: [dt.datetime(2020, 1, 2, 3, 4, 5, 6), None, dt.datetime(1969, 12, 31, 23, 59, 59)],
    "datetime_utc": lambda: [dt.datetime(2020, 1, 1, tzinfo=UTC)],
    "datetime_fixed_offset": lambda: [dt.datetime(2020, 1, 1, 12, tzinfo=PLUS2)],
    "datetime_zoneinfo": lambda: [dt.datetime(2020, 6, 1, 12, tzinfo=PARIS)],
    "first_datetime_sets_the_zone": lambda: [dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 1, tzinfo=UTC)],
    "date": lambda: [dt.date(2020, 1, 2), dt.date(1969, 12, 31), None],
    "date_then_datetime_is_date": lambda: [dt.date(2020, 1, 2), dt.datetime(2020, 1, 1, 5)],
    "time": lambda: [dt.time(1, 2, 3, 4), None, dt.time(23, 59, 59, 999999)],
    "timedelta": lambda: [dt.timedelta(days=-1, microseconds=3), dt.timedelta(0)],
    "decimal": lambda: [D("1.23"), D("-100.5"), None],
    "decimal_exponents": lambda: [D("1E+2"), D("1.5E-10"), D("0.00")],
    "decimal_with_int": lambda: [D("1.23"), 1],
    "decimal256": lambda: [D("1" * 40)],
    "lists": lambda: [[1, 2], [], None, [None]],
    "lists_of_lists": lambda: [[[1], [2, 3]], [[]], None],
    "tuples_are_lists": lambda: [(1, 2), (3,)],
    "sets_are_lists": lambda: [{1}],
    "empty_lists": lambda: [[], []],
    "dicts": lambda: [{"a": 1, "b": "x"}, {"b": "y", "c": [1.5]}, None],
    "bytes_keys": lambda: [{b"a": 1}],
    "empty_dict": lambda: [{}],
    "nested_dicts": lambda: [{"a": {"b": [1]}}],
    "numpy_int32": lambda: [np.int32(1), np.int32(2), None],
    "numpy_widening": lambda: [np.int8(1), np.int16(2)],
    "numpy_uint_widening": lambda: [np.uint8(1), np.uint16(2)],
    "numpy_then_python_int": lambda: [np.int32(1), 2],
    "numpy_float32": lambda: [np.float32(1.5), None],
    "numpy_float16": lambda: [np.float16(1.5)],
    "numpy_int_then_float": lambda: [np.int32(1), np.float32(2)],
    "numpy_float_then_int": lambda: [np.float32(1), np.int32(2)],
    "numpy_bool": lambda: [np.bool_(True), False],
    "numpy_datetime64": lambda: [np.datetime64("2020-01-01T00:00:00", "s"), None],
    "numpy_datetime64_ns": lambda: [np.datetime64("2020-01-01T00:00:00.000000001")],
    "numpy_nat_keeps_unit": lambda: [np.datetime64("NaT", "s")],
    "numpy_timedelta64": lambda: [np.timedelta64(5, "ms")],
    "numpy_str": lambda: [np.str_("x"), "y"],
    "ndarray_items": lambda: [np.array([1, 2]), np.array([3]), None],
    "ndarray_items_unify": lambda: [np.array([1.5], dtype=np.float32), np.array([1], dtype=np.int8)],
    "ndarray_of_str_items": lambda: [np.array(["a", "bc"])],
    "object_ndarray_items": lambda: [np.array([1, None], dtype=object)],
    "pandas_timestamp": lambda: [pd.Timestamp("2020-01-01 00:00:00.000001")],
    "pandas_timestamp_tz": lambda: [pd.Timestamp("2020-01-01", tz="Europe/Paris")],
    "pandas_timedelta": lambda: [pd.Timedelta(microseconds=5)],
    "pandas_nat_is_null": lambda: [None, pd.Timestamp("2020-01-01")],
    "date_offset": lambda: [pd.DateOffset(months=1, days=2), None],
    "tuple_input": lambda: (1, 2),
    "range_input": lambda: range(5),
    "generator_input": lambda: (i * i for i in range(4)),
    "iterator_input": lambda: iter(["a", None]),
    "dict_input_gives_keys": lambda: {"a": 1, "b": 2},
    "str_input_gives_chars": lambda: "abc",
    "bytes_input_gives_ints": lambda: b"ab",
}


@pytest.mark.parametrize("name", INFERENCE)
def test_inference_matches_pyarrow(name):
    assert_same(*both(INFERENCE[name]))


def test_inferred_types_by_name():
    # The rules spelled out (independently of pyarrow's answers).
    assert str(pa.array([1, None]).type) == "int64"
    assert str(pa.array([1, 1.5]).type) == "double"
    assert str(pa.array([True]).type) == "bool"
    assert str(pa.array(["a"]).type) == "string"
    assert str(pa.array([b"a"]).type) == "binary"
    assert str(pa.array([None]).type) == "null"
    assert str(pa.array([dt.datetime(2020, 1, 1)]).type) == "timestamp[us]"
    assert str(pa.array([dt.datetime(2020, 1, 1, tzinfo=UTC)]).type) == "timestamp[us, tz=UTC]"
    assert str(pa.array([dt.datetime(2020, 1, 1, tzinfo=PLUS2)]).type) == "timestamp[us, tz=+02:00]"
    assert str(pa.array([dt.date(2020, 1, 1)]).type) == "date32[day]"
    assert str(pa.array([dt.time(1)]).type) == "time64[us]"
    assert str(pa.array([dt.timedelta(1)]).type) == "duration[us]"
    assert str(pa.array([D("-12.345")]).type) == "decimal128(5, 3)"
    assert str(pa.array([[1]]).type) == "list<item: int64>"
    assert str(pa.array([{"a": 1}]).type) == "struct<a: int64>"
    assert str(pa.array([np.int16(1)]).type) == "int16"


def test_ints_beyond_int64_infer_uint64():
    # Deliberately more lenient than pyarrow (which raises OverflowError here).
    arr = pa.array([1, 2**63, 2**64 - 1, None])
    assert str(arr.type) == "uint64"
    assert arr.to_pylist() == [1, 2**63, 2**64 - 1, None]
    nested = pa.array([[2**63]])
    assert str(nested.type) == "list<item: uint64>"
    assert nested.to_pylist() == [[2**63]]


def test_infer_type_matches_pyarrow():
    for values in ([1, 2.5], ["a", 1], [1, "a"], [None], [[1], None], [{"a": dt.date(2020, 1, 1)}]):
        assert str(pa.infer_type(values)) == str(pyarrow.infer_type(values))


def test_strings_round_trip_exactly():
    values = ["", "a" * 1000, "\x00inner nul", "\u20ac", "\U0010ffff", None]
    arr = pa.array(values)
    assert arr.to_pylist() == values
    assert_same(arr, pyarrow.array(values))


# ---- Explicit types -------------------------------------------------------------------------------

EXPLICIT = {
    "int8": (lambda: [-128, 127, None, np.int64(5)], lambda m: m.int8()),
    "int16": (lambda: [-(2**15), 2**15 - 1], lambda m: m.int16()),
    "int32": (lambda: [-(2**31), 2**31 - 1, None], lambda m: m.int32()),
    "int64": (lambda: [-(2**63), 2**63 - 1], lambda m: m.int64()),
    "uint8": (lambda: [0, 255, None], lambda m: m.uint8()),
    "uint16": (lambda: [0, 2**16 - 1], lambda m: m.uint16()),
    "uint32": (lambda: [0, 2**32 - 1], lambda m: m.uint32()),
    "uint64": (lambda: [0, 2**64 - 1, None], lambda m: m.uint64()),
    "int_from_floats_truncates": (lambda: [1.0, 2.7, -2.7, np.float64(3.5)], lambda m: m.int64()),
    "int_from_numpy_bool": (lambda: [np.bool_(True)], lambda m: m.int8()),
    "float16": (lambda: [1.5, None, 2, 65504.0, 1e-7], lambda m: m.float16()),
    "float32": (lambda: [1.5, None, 2, np.float32(0.25)], lambda m: m.float32()),
    "float64": (lambda: [1.5, None, 2, True, np.int64(7)], lambda m: m.float64()),
    "bool": (lambda: [True, False, None, np.bool_(True)], lambda m: m.bool_()),
    "string": (lambda: ["a", None, "x" * 20, b"valid utf8 bytes"], lambda m: m.string()),
    "large_string": (lambda: ["a", None, "b"], lambda m: m.large_string()),
    "string_view": (lambda: ["short", None, "a string longer than twelve bytes"], lambda m: m.string_view()),
    "binary": (lambda: [b"a", "str", bytearray(b"x"), memoryview(b"mv"), None], lambda m: m.binary()),
    "large_binary": (lambda: [b"a", None], lambda m: m.large_binary()),
    "binary_view": (lambda: [b"a" * 20, None, b"b"], lambda m: m.binary_view()),
    "fixed_size_binary": (lambda: [b"abc", None, "xyz"], lambda m: m.binary(3)),
    "decimal32": (lambda: [D("1.5"), 2, None, D("-0.01")], lambda m: m.decimal32(5, 2)),
    "decimal64": (lambda: [D("12345.678"), -3], lambda m: m.decimal64(15, 3)),
    "decimal128": (lambda: [D("1.5"), 2, None, D("1E+3")], lambda m: m.decimal128(10, 2)),
    "decimal256": (lambda: [D("1" * 30 + ".5"), None], lambda m: m.decimal256(40, 5)),
    "date32": (lambda: [dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 5), 5, None], lambda m: m.date32()),
    "date64": (lambda: [dt.date(2020, 1, 1), None], lambda m: m.date64()),
    "timestamp_s": (lambda: [dt.datetime(2020, 1, 1, 0, 0, 1, 5), 5, None], lambda m: m.timestamp("s")),
    "timestamp_ms": (lambda: [dt.datetime(2020, 1, 1, 0, 0, 1, 5000)], lambda m: m.timestamp("ms")),
    "timestamp_us": (lambda: [dt.datetime(2020, 1, 1, tzinfo=PLUS2)], lambda m: m.timestamp("us")),
    "timestamp_ns": (lambda: [dt.datetime(2020, 1, 1), pd.Timestamp("2020-01-01 00:00:00.000000001")],
                     lambda m: m.timestamp("ns")),
    "timestamp_tz": (lambda: [dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 1, tzinfo=PLUS2)],
                     lambda m: m.timestamp("us", tz="UTC")),
    "time32_s": (lambda: [dt.time(1, 2, 3, 4), 5, None], lambda m: m.time32("s")),
    "time32_ms": (lambda: [dt.time(1, 2, 3, 4000)], lambda m: m.time32("ms")),
    "time64_us": (lambda: [dt.time(1, 2, 3, 4)], lambda m: m.time64("us")),
    "time64_ns": (lambda: [dt.time(1, 2, 3, 4), None], lambda m: m.time64("ns")),
    "duration_s": (lambda: [dt.timedelta(seconds=3, microseconds=5), 5, None], lambda m: m.duration("s")),
    "duration_ns": (lambda: [dt.timedelta(seconds=1), pd.Timedelta(1)], lambda m: m.duration("ns")),
    "month_day_nano": (lambda: [(1, 2, 3), None, pd.DateOffset(months=1, days=2)],
                       lambda m: m.month_day_nano_interval()),
    "null": (lambda: [None, None], lambda m: m.null()),
    "list": (lambda: [[1, 2], None, [], (3,), np.array([4, 5])], lambda m: m.list_(m.int8())),
    "list_of_strings_from_str": (lambda: ["ab"], lambda m: m.list_(m.string())),
    "large_list": (lambda: [[1, 2], None, []], lambda m: m.large_list(m.int8())),
    "list_view": (lambda: [[1, 2], None, []], lambda m: m.list_view(m.int8())),
    "large_list_view": (lambda: [[1], None], lambda m: m.large_list_view(m.int16())),
    "fixed_size_list": (lambda: [[1, 2], None, (3, 4)], lambda m: m.list_(m.int8(), 2)),
    "struct_from_dicts": (lambda: [{"x": 1, "y": "a"}, None, {"x": 3, "z": "ignored"}],
                          lambda m: m.struct([("x", m.int8()), ("y", m.string())])),
    "struct_from_tuples": (lambda: [(1, "a"), None, (2, None)],
                           lambda m: m.struct([("x", m.int8()), ("y", m.string())])),
    "nested_struct": (lambda: [{"a": {"b": [1, 2]}}, {"a": None}],
                      lambda m: m.struct([("a", m.struct([("b", m.list_(m.int32()))]))])),
    "map_from_dicts_and_pairs": (lambda: [{"a": 1}, [("b", 2), ("c", None)], None, []],
                                 lambda m: m.map_(m.string(), m.int8())),
    "dictionary_string": (lambda: ["a", "b", "a", None], lambda m: m.dictionary(m.int8(), m.string())),
    "dictionary_int": (lambda: [1, 2, 1, None], lambda m: m.dictionary(m.int32(), m.int64())),
    "dictionary_float": (lambda: [1.5, 1.5], lambda m: m.dictionary(m.int16(), m.float64())),
    "dictionary_bool": (lambda: [True, False, None, True, np.bool_(False)], lambda m: m.dictionary(m.int8(), m.bool_())),
    "run_end_encoded_string": (lambda: ["a", "a", "b", None, None], lambda m: m.run_end_encoded(m.int32(), m.string())),
    "run_end_encoded_int": (lambda: [1, 1, 2, None], lambda m: m.run_end_encoded(m.int16(), m.int64())),
    "run_end_encoded_list": (lambda: [[1], [1], None, [2]],
                             lambda m: m.run_end_encoded(m.int64(), m.list_(m.int64()))),
    "list_of_dictionary": (lambda: [["a", "b"], ["a"]], lambda m: m.list_(m.dictionary(m.int8(), m.string()))),
}


@pytest.mark.parametrize("name", EXPLICIT)
def test_explicit_type_matches_pyarrow(name):
    make_values, make_type = EXPLICIT[name]
    assert_same(*both(make_values, make_type))


def test_conversions_beyond_pyarrow():
    # pyarrow rejects these (NotImplemented, or dict/tuple rows mixed); arrowpack converts them.
    arr = pa.array([np.datetime64("2020-01-01T00:00:01", "s")], type=pa.timestamp("ms"))
    assert arr.to_pylist() == [dt.datetime(2020, 1, 1, 0, 0, 1)]
    arr = pa.array([np.timedelta64(5, "s"), np.timedelta64("NaT", "s")], type=pa.duration("ms"))
    assert arr.to_pylist() == [dt.timedelta(seconds=5), None]
    arr = pa.array([dt.datetime(2020, 1, 1)] * 2 + [None], type=pa.dictionary(pa.int8(), pa.timestamp("s")))
    assert arr.to_pylist() == [dt.datetime(2020, 1, 1)] * 2 + [None]
    arr = pa.array([{"x": 1}, (2,)], type=pa.struct([("x", pa.int8())]))
    assert arr.to_pylist() == [{"x": 1}, {"x": 2}]
    # numpy bytes lose their NUL padding for every variable-size target.
    assert pa.array(np.array([b"ab", b"c"]), type=pa.string()).to_pylist() == ["ab", "c"]


def test_type_alias_strings():
    assert_same(pa.array([1, 2], type="int8"), pyarrow.array([1, 2], type="int8"))


def test_run_end_encoded_merges_runs():
    arr = pa.array([1, 1, 1, 2, 2, None, None], type=pa.run_end_encoded(pa.int32(), pa.int64()))
    theirs = pyarrow.array(arr)
    assert theirs.run_ends.to_pylist() == [3, 5, 7]
    assert theirs.values.to_pylist() == [1, 2, None]


def test_dictionary_indices_widen_when_the_dictionary_outgrows_them():
    assert_same(*both(lambda: [str(i) for i in range(300)], lambda m: m.dictionary(m.int8(), m.string())))
    arr = pa.array([str(i) for i in range(300)], type=pa.dictionary(pa.int8(), pa.string()))
    assert str(arr.type) == "dictionary<values=string, indices=int16, ordered=0>"


def test_dictionary_of_bool_memoises_values():
    arr = pyarrow.array(pa.array([False, None, False, True], type=pa.dictionary(pa.int8(), pa.bool_())))
    assert arr.dictionary.to_pylist() == [False, True]
    assert arr.indices.to_pylist() == [0, None, 0, 1]
    arr.validate(full=True)


def test_dictionary_memoises_values():
    arr = pyarrow.array(pa.array(["b", "a", "b", None, "a"], type=pa.dictionary(pa.int8(), pa.string())))
    assert arr.dictionary.to_pylist() == ["b", "a"]
    assert arr.indices.to_pylist() == [0, 1, 0, None, 1]


# ---- Nulls, masks, sizes ----------------------------------------------------------------------------

def test_mask_marks_nulls():
    for mask in (np.array([True, False, False]), [True, False, False]):
        assert_same(*both(lambda: [1, 2, 3], mask=mask))
    arr = pa.array([1, 2, 3], mask=np.array([False, True, False]))
    assert arr.to_pylist() == [1, None, 3]
    assert arr.null_count == 1


def test_masked_values_are_not_converted():
    arr = pa.array(["a", object()], type=pa.string(), mask=np.array([False, True]))
    assert arr.to_pylist() == ["a", None]


def test_mask_with_generators_and_numpy():
    assert_same(*both(lambda: (i for i in range(3)), mask=np.array([False, False, True])))
    assert_same(*both(lambda: np.arange(3.0), mask=np.array([True, False, False])))


def test_size_bounds_iterators():
    assert_same(*both(lambda: (i for i in range(10)), size=3))
    assert_same(*both(lambda: (i for i in range(2)), size=5))
    assert_same(*both(lambda: iter(range(100)), size=0))
    # Sequences with a length ignore size, as in pyarrow.
    assert_same(*both(lambda: [1, 2, 3], size=2))


def test_generator_values_are_consumed_once():
    seen = []

    def values():
        for i in range(3):
            seen.append(i)
            yield i

    assert pa.array(values()).to_pylist() == [0, 1, 2]
    assert seen == [0, 1, 2]


def test_from_pandas_nulls_in_lists():
    values = lambda: [1.5, float("nan"), None, np.float64("nan")]  # noqa: E731
    assert_same(*both(values, from_pandas=True))
    assert_same(*both(values, from_pandas=False))
    # Any numpy float NaN counts (pyarrow only recognises float64 ones).
    assert pa.array([np.float32("nan"), 1.0], from_pandas=True).to_pylist() == [None, 1.0]
    assert_same(*both(lambda: [1, float("nan")], lambda m: m.int64(), from_pandas=True))
    assert_same(*both(lambda: [float("nan"), "a"], lambda m: m.string(), from_pandas=True))
    assert pa.array([pd.NA, 1], from_pandas=True).to_pylist() == [None, 1]
    assert pa.array([pd.NaT, dt.datetime(2020, 1, 1)]).to_pylist() == [None, dt.datetime(2020, 1, 1)]


def test_all_null_columns_of_any_type():
    for make_type in (lambda m: m.int8(), lambda m: m.string(), lambda m: m.list_(m.int8()),
                      lambda m: m.struct([("a", m.int8())]), lambda m: m.dictionary(m.int8(), m.string())):
        assert_same(*both(lambda: [None, None, None], make_type))


# ---- numpy ---------------------------------------------------------------------------------------------

NUMERIC_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                  "float16", "float32", "float64"]


@pytest.mark.parametrize("dtype", NUMERIC_DTYPES)
def test_numpy_numbers_are_zero_copy(dtype):
    values = np.arange(10).astype(dtype)
    arr = pa.array(values)
    assert_same(arr, pyarrow.array(values))
    assert arr.buffers()[0] is None
    assert arr.buffers()[1].address == values.ctypes.data


@pytest.mark.parametrize("dtype", ["datetime64[s]", "datetime64[ms]", "datetime64[us]", "datetime64[ns]",
                                   "timedelta64[s]", "timedelta64[ms]", "timedelta64[us]", "timedelta64[ns]"])
def test_numpy_temporal_is_zero_copy_and_nat_is_null(dtype):
    values = np.array([0, 1, "NaT", 1_600_000_000], dtype=dtype)
    arr = pa.array(values)
    assert_same(arr, pyarrow.array(values))
    assert arr.null_count == 1
    assert arr.buffers()[1].address == values.ctypes.data


def test_numpy_read_only_arrays_are_zero_copy():
    values = np.arange(5)
    values.flags.writeable = False
    arr = pa.array(values)
    assert arr.buffers()[1].address == values.ctypes.data
    assert arr.to_pylist() == [0, 1, 2, 3, 4]


def test_numpy_memory_outlives_the_ndarray():
    values = np.arange(1000, dtype=np.int64)
    address = values.ctypes.data
    alive = weakref.ref(values)
    arr = pa.array(values)
    del values
    gc.collect()
    assert alive() is not None  # the array's buffer holds the ndarray
    assert arr.buffers()[1].address == address
    assert arr.to_pylist() == list(range(1000))
    del arr
    gc.collect()
    assert alive() is None


def test_numpy_nan_as_null_keeps_the_data_zero_copy():
    values = np.array([1.5, np.nan, 3.0])
    arr = pa.array(values, from_pandas=True)
    assert_same(arr, pyarrow.array(values, from_pandas=True))
    assert arr.null_count == 1
    assert arr.buffers()[1].address == values.ctypes.data
    assert pa.array(values).null_count == 0


def test_numpy_mask():
    values = np.array([1, 2, 3], dtype=np.int32)
    mask = np.array([False, True, False])
    arr = pa.array(values, mask=mask)
    assert_same(arr, pyarrow.array(values, mask=mask))
    assert arr.buffers()[1].address == values.ctypes.data


def test_numpy_strided_and_empty_arrays_are_copied_correctly():
    values = np.arange(10, dtype=np.int16)[::3]
    arr = pa.array(values)
    assert_same(arr, pyarrow.array(values))
    assert arr.to_pylist() == [0, 3, 6, 9]
    assert_same(pa.array(values[::-1]), pyarrow.array(values[::-1]))
    assert_same(pa.array(np.array([], dtype=np.float32)), pyarrow.array(np.array([], dtype=np.float32)))


def test_numpy_bool_is_bit_packed():
    values = np.array([True, False, True] * 5)
    arr = pa.array(values)
    assert_same(arr, pyarrow.array(values))
    assert arr.buffers()[1].size == 2


def test_numpy_dates_strings_and_objects():
    cases = [
        np.array(["2020-01-01", "NaT"], dtype="datetime64[D]"),
        np.array(["a", "bc", ""]),
        np.array(["\u00e9t\u00e9", "\U0001f600"]),
        np.array([b"a", b"bc\x00"]),
        np.array(["a", None, "b"], dtype=object),
        np.array([1, None], dtype=object),
        np.array([[1, 2], None], dtype=object),
        np.array([dt.date(2020, 1, 1)], dtype=object),
    ]
    for values in cases:
        assert_same(pa.array(values), pyarrow.array(values))


NUMPY_EXPLICIT = {
    "int_to_narrower": (lambda: np.array([1, -2, 127]), lambda m: m.int8()),
    "int_to_unsigned": (lambda: np.array([1, 2], dtype=np.int32), lambda m: m.uint8()),
    "int_to_float": (lambda: np.array([1, 2**53]), lambda m: m.float64()),
    "float_to_int_exact": (lambda: np.array([1.0, -2.0]), lambda m: m.int32()),
    "float_nan_to_int_from_pandas": (lambda: np.array([1.0, np.nan]), lambda m: m.int16()),
    "float_to_float32": (lambda: np.array([1.5, 2.25]), lambda m: m.float32()),
    "float_to_float16": (lambda: np.array([1.5, 2.0]), lambda m: m.float16()),
    "bool_to_int": (lambda: np.array([True, False]), lambda m: m.int8()),
    "bool_to_float": (lambda: np.array([True, False]), lambda m: m.float64()),
    "int_to_bool": (lambda: np.array([0, 2]), lambda m: m.bool_()),
    "int_as_timestamp": (lambda: np.array([1, 2]), lambda m: m.timestamp("s")),
    "datetime_to_int64": (lambda: np.array([1, 2], dtype="datetime64[s]"), lambda m: m.int64()),
    "datetime_finer_unit": (lambda: np.array(["2020-01-01", "NaT"], dtype="datetime64[s]"),
                            lambda m: m.timestamp("ns")),
    "datetime_coarser_exact": (lambda: np.array([3_000_000], dtype="datetime64[us]"), lambda m: m.timestamp("s")),
    "datetime_with_tz": (lambda: np.array([0], dtype="datetime64[ms]"), lambda m: m.timestamp("ms", tz="UTC")),
    "days_to_timestamp": (lambda: np.array(["2020-01-01"], dtype="datetime64[D]"), lambda m: m.timestamp("s")),
    "days_to_date64": (lambda: np.array(["2020-01-01"], dtype="datetime64[D]"), lambda m: m.date64()),
    "ms_to_date32": (lambda: np.array(["2020-01-01"], dtype="datetime64[ms]"), lambda m: m.date32()),
    "timedelta_units": (lambda: np.array([1, 2], dtype="timedelta64[s]"), lambda m: m.duration("ms")),
    "str_to_large_string": (lambda: np.array(["a", "bc"]), lambda m: m.large_string()),
    "str_to_string_view": (lambda: np.array(["a", "longer than twelve"]), lambda m: m.string_view()),
    "bytes_to_fixed_size_binary": (lambda: np.array([b"ab", b"c"]), lambda m: m.binary(2)),
    "objects_to_type": (lambda: np.array(["a", "b"], dtype=object), lambda m: m.large_string()),
}


@pytest.mark.parametrize("name", NUMPY_EXPLICIT)
def test_numpy_explicit_type_matches_pyarrow(name):
    make_values, make_type = NUMPY_EXPLICIT[name]
    kwargs = {"from_pandas": True} if "from_pandas" in name else {}
    assert_same(*both(make_values, make_type, **kwargs))


def test_numpy_unsafe_casts_wrap_and_truncate():
    assert_same(*both(lambda: np.array([300, -1]), lambda m: m.uint8(), safe=False))
    assert_same(*both(lambda: np.array([1.5, -2.7]), lambda m: m.int64(), safe=False))


def test_numpy_to_types_without_a_numpy_route():
    # Converted element by element: decimals, dictionaries, run-end encoding.
    arr = pa.array(np.array([1, 2, 1]), type=pa.decimal128(10, 2))
    assert [str(v) for v in arr.to_pylist()] == ["1.00", "2.00", "1.00"]
    arr = pa.array(np.array([1, 2, 1]), type=pa.dictionary(pa.int8(), pa.int64()))
    assert arr.to_pylist() == [1, 2, 1]
    arr = pa.array(np.array([5, 5, 6]), type=pa.run_end_encoded(pa.int32(), pa.int64()))
    assert arr.to_pylist() == [5, 5, 6]


# ---- pandas ----------------------------------------------------------------------------------------------

PANDAS = {
    "int_series": lambda: pd.Series([1, 2, 3]),
    "float_series_nan_is_null": lambda: pd.Series([1.0, None, 2.5]),
    "object_strings": lambda: pd.Series(["a", None, np.nan], dtype=object),
    "str_dtype": lambda: pd.Series(["a", None], dtype="str"),
    "python_string_dtype": lambda: pd.Series(["a", None], dtype="string[python]"),
    "nullable_int": lambda: pd.Series([1, None, 3], dtype="Int64"),
    "nullable_uint8": lambda: pd.Series([1, None], dtype="UInt8"),
    "nullable_float": lambda: pd.Series([1.5, None], dtype="Float64"),
    "nullable_bool": lambda: pd.Series([True, None, False], dtype="boolean"),
    "categorical": lambda: pd.Series(["a", "b", "a", None], dtype="category"),
    "categorical_ints": lambda: pd.Series([1, 2, 1], dtype="category"),
    "ordered_categorical": lambda: pd.Categorical(["x", "y"], ordered=True),
    "naive_datetimes": lambda: pd.Series(pd.date_range("2020", periods=3)),
    "datetimes_with_nat": lambda: pd.Series([pd.Timestamp("2020"), pd.NaT]),
    "tz_aware_datetimes": lambda: pd.Series(pd.date_range("2020", periods=2, tz="Europe/Paris")),
    "utc_datetimes": lambda: pd.Series([pd.Timestamp("2020", tz="UTC"), pd.NaT]),
    "timedeltas": lambda: pd.Series(pd.to_timedelta([1, None])),
    "index": lambda: pd.Index([1, 2]),
    "range_index": lambda: pd.RangeIndex(3),
    "datetime_index": lambda: pd.DatetimeIndex(["2020-01-01"]),
    "series_of_lists": lambda: pd.Series([[1], [2, 3], None]),
    "series_of_dicts": lambda: pd.Series([{"a": 1}, None]),
    "bool_series": lambda: pd.Series([True, False]),
}


@pytest.mark.parametrize("name", PANDAS)
def test_pandas_matches_pyarrow(name):
    assert_same(*both(PANDAS[name]))


def test_pandas_from_pandas_false_keeps_nan():
    assert_same(*both(lambda: pd.Series([1.0, None]), from_pandas=False))


def test_pandas_with_explicit_types():
    assert_same(*both(lambda: pd.Series([1, 2]), lambda m: m.int8()))
    assert_same(*both(lambda: pd.Series([1.0, None]), lambda m: m.int64()))
    assert_same(*both(lambda: pd.Series(["a", "b"], dtype="category"),
                      lambda m: m.dictionary(m.int32(), m.string())))
    assert_same(*both(lambda: pd.Series(pd.date_range("2020", periods=2, tz="UTC")),
                      lambda m: m.timestamp("ns", tz="UTC")))


def test_pandas_numeric_series_are_zero_copy():
    series = pd.Series(np.arange(5, dtype=np.int64))
    arr = pa.array(series)
    assert arr.buffers()[1].address == series.to_numpy().ctypes.data


def test_pandas_categorical_keeps_codes_and_categories():
    arr = pyarrow.array(pa.array(pd.Categorical(["b", "a", None, "b"], categories=["b", "a"])))
    assert arr.indices.to_pylist() == [0, 1, None, 0]
    assert arr.dictionary.to_pylist() == ["b", "a"]
    assert str(arr.type.index_type) == "int8"


# ---- Beyond 32-bit offsets ----------------------------------------------------------------------


def test_strings_beyond_2_gib_become_a_chunked_array_like_pyarrow():
    # pyarrow 26 gives chunks of 1, 2 and 2 rows for this input: a chunk ends where the next
    # value would push the data past 2^31 - 1 bytes. (Needs about 4 GiB of memory.)
    big = "x" * 2**30
    arr = pa.array([big, big, "y", big, None])
    assert isinstance(arr, pa.ChunkedArray) and arr.type == pa.string()
    assert [len(chunk) for chunk in arr.chunks] == [1, 2, 2]
    assert arr.null_count == 1 and arr.chunk(1)[1].as_py() == "y"
    assert arr.chunk(2).is_null().to_pylist() == [False, True]
    assert [chunk.nbytes >= 2**30 for chunk in arr.chunks] == [True, True, True]
