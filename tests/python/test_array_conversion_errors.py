"""pa.array's errors: every bad input raises the exception class pyarrow raises for it, with a
message that names the problem. Where pyarrow fails too, the class is checked against pyarrow's."""

import builtins
import datetime as dt
import decimal

import numpy as np
import pytest
import pyarrow

import arrowpack as pa

D = decimal.Decimal


def exception_class(name):
    return getattr(pa, name, None) or getattr(builtins, name)


# name: (values, type factory or None, pa.array kwargs, exception class name, message regex,
#        pyarrow raises the same class)
CASES = {
    # Inference
    "str_then_int": (lambda: ["a", 1], None, {}, "ArrowTypeError", "Expected bytes, got a 'int' object", True),
    "int_then_str": (lambda: [1, "a"], None, {}, "ArrowInvalid",
                     "Could not convert 'a' with type str: tried to convert to int64", True),
    "bool_then_int": (lambda: [True, 1], None, {}, "ArrowInvalid", "tried to convert to boolean", True),
    "int_then_bool": (lambda: [1, True], None, {}, "ArrowTypeError", "Expected integer, got bool", True),
    "datetime_then_date": (lambda: [dt.datetime(2020, 1, 1), dt.date(2020, 1, 1)], None, {}, "ArrowTypeError",
                           "datetime.date", True),
    "list_then_scalar": (lambda: [[1], 2], None, {}, "ArrowInvalid", "cannot mix list and non-list", True),
    "scalar_then_list": (lambda: [2, [1]], None, {}, "ArrowInvalid", "cannot mix list and non-list", True),
    "dict_then_scalar": (lambda: [{"a": 1}, 1], None, {}, "ArrowInvalid", "cannot mix struct and non-struct", True),
    "list_values_disagree": (lambda: [[1, "a"], [1.5]], None, {}, "ArrowInvalid",
                             "Could not convert 'a' with type str: tried to convert to double", True),
    "int_dict_keys": (lambda: [{1: 2}], None, {}, "ArrowTypeError", "Expected dict key of type str or bytes, got 'int'",
                      True),
    "unknown_object": (lambda: [object()], None, {}, "ArrowInvalid", "did not recognize Python value type", True),
    "complex": (lambda: [1 + 2j], None, {}, "ArrowInvalid", "with type complex: did not recognize", True),
    "pandas_na_without_from_pandas": (lambda: [__import__("pandas").NA], None, {}, "ArrowInvalid",
                                      "did not recognize Python value type", True),
    "int_too_big": (lambda: [2**64], None, {}, "OverflowError", "too large", True),
    "uint64_with_negatives": (lambda: [-1, 2**63], None, {}, "OverflowError", "9223372036854775808", True),
    "decimal_nan": (lambda: [D("NaN")], None, {}, "ArrowInvalid", "NaN", True),
    "decimal_too_precise": (lambda: [D("1" * 80)], None, {}, "ArrowInvalid", r"precision out of range \[1, 76\]: 80",
                            True),
    "decimal_then_wider_int": (lambda: [D("1.23"), 12345], None, {}, "ArrowInvalid", "precision", True),
    "numpy_int_and_uint": (lambda: [np.int8(1), np.uint8(2)], None, {}, "ArrowInvalid",
                           "Cannot mix NumPy dtypes int8 and uint8", True),
    "numpy_bool_and_int": (lambda: [np.bool_(True), np.int8(1)], None, {}, "ArrowInvalid", "Cannot mix NumPy dtypes",
                           True),
    "numpy_datetime_units": (lambda: [np.datetime64(1, "s"), np.datetime64(1, "ms")], None, {}, "ArrowInvalid",
                             "Cannot mix NumPy datetime64 units", True),
    "numpy_datetime_and_python": (lambda: [np.datetime64(1, "s"), dt.datetime(2020, 1, 1)], None, {},
                                  "ArrowInvalid", "numpy.datetime64 scalars cannot be mixed", True),
    "two_dimensional_list_value": (lambda: [np.zeros((2, 2))], None, {}, "ArrowInvalid", "1-dimensional", True),
    "surrogate": (lambda: ["\ud800"], None, {}, "UnicodeEncodeError", "surrogates not allowed", True),
    "not_iterable": (lambda: 5, None, {}, "TypeError", "not iterable", True),
    # Integers
    "int8_too_big": (lambda: [128], lambda m: m.int8(), {}, "ArrowInvalid",
                     "Integer value 128 not in range: -128 to 127", True),
    "int8_too_small": (lambda: [-300], lambda m: m.int8(), {}, "ArrowInvalid", "-300 not in range: -128 to 127", True),
    "uint8_too_big": (lambda: [300], lambda m: m.uint8(), {}, "ArrowInvalid",
                      "Integer value 300 not in range: 0 to 255", True),
    "uint8_negative": (lambda: [-1], lambda m: m.uint8(), {}, "OverflowError", "-1 not in range: 0 to 255", True),
    "uint64_negative": (lambda: [-1], lambda m: m.uint64(), {}, "OverflowError", "-1 not in range", True),
    "int64_overflow": (lambda: [2**63], lambda m: m.int64(), {}, "OverflowError", "9223372036854775808 not in range",
                       True),
    "uint64_overflow": (lambda: [2**64], lambda m: m.uint64(), {}, "OverflowError", "not in range", True),
    "numpy_int_too_big": (lambda: [np.int64(300)], lambda m: m.int8(), {}, "ArrowInvalid", "300 not in range", True),
    "str_into_int": (lambda: ["1"], lambda m: m.int64(), {}, "ArrowInvalid",
                     "Could not convert '1' with type str: tried to convert to int64", True),
    "bool_into_int": (lambda: [True], lambda m: m.int64(), {}, "ArrowTypeError", "Expected integer, got bool", True),
    "nan_into_int": (lambda: [float("nan")], lambda m: m.int64(), {}, "ArrowInvalid", "Could not convert nan", True),
    "inf_into_int": (lambda: [float("inf")], lambda m: m.int32(), {}, "ArrowInvalid", "Could not convert inf", True),
    # Floats, bools, nulls
    "inexact_int_into_double": (lambda: [2**53 + 1], lambda m: m.float64(), {}, "ArrowInvalid",
                                "exactly representable by a IEEE 754 double", True),
    "inexact_int_into_float": (lambda: [2**24 + 1], lambda m: m.float32(), {}, "ArrowInvalid",
                               "exactly representable by a IEEE 754 single", True),
    "str_into_double": (lambda: ["a"], lambda m: m.float64(), {}, "ArrowInvalid", "tried to convert to double", True),
    "decimal_into_double": (lambda: [D("1.5")], lambda m: m.float64(), {}, "ArrowInvalid", "decimal.Decimal", True),
    "int_into_bool": (lambda: [1], lambda m: m.bool_(), {}, "ArrowInvalid", "tried to convert to boolean", True),
    "numpy_int_into_bool": (lambda: [np.int8(1)], lambda m: m.bool_(), {}, "ArrowInvalid", "numpy.int8", True),
    "value_into_null": (lambda: [None, 1], lambda m: m.null(), {}, "ArrowInvalid", "Invalid null value", True),
    # Binary and strings
    "int_into_string": (lambda: [1], lambda m: m.string(), {}, "ArrowTypeError", "Expected bytes, got a 'int' object",
                        True),
    "invalid_utf8": (lambda: [b"\xff"], lambda m: m.string(), {}, "ArrowInvalid", "was not a utf8 string", True),
    "invalid_utf8_large": (lambda: [b"\xc3"], lambda m: m.large_string(), {}, "ArrowInvalid", "was not a utf8 string",
                           True),
    "invalid_utf8_view": (lambda: [b"ok", b"\xed\xa0\x80"], lambda m: m.string_view(), {}, "ArrowInvalid",
                          "was not a utf8 string", True),
    "int_into_binary": (lambda: [1], lambda m: m.binary(), {}, "ArrowTypeError", "Expected bytes", True),
    "fixed_size_binary_width": (lambda: ["xy"], lambda m: m.binary(3), {}, "ArrowInvalid",
                                "expected to be length 3 was 2", True),
    # Decimals
    "decimal_scale_loss": (lambda: [D("1.234")], lambda m: m.decimal128(5, 2), {}, "ArrowInvalid", "1.234", True),
    "decimal_precision": (lambda: [D("1234.5")], lambda m: m.decimal128(5, 2), {}, "ArrowInvalid", "precision", True),
    "decimal_precision_from_int": (lambda: [10**10], lambda m: m.decimal32(5, 0), {}, "ArrowInvalid", "precision",
                                   True),
    "float_into_decimal": (lambda: [1.5], lambda m: m.decimal128(5, 2), {}, "ArrowTypeError",
                           "int or Decimal object expected, got float", True),
    # Temporal
    "str_into_timestamp": (lambda: ["2020-01-01"], lambda m: m.timestamp("s"), {}, "ArrowTypeError", "str", True),
    "date_into_timestamp": (lambda: [dt.date(2020, 1, 1)], lambda m: m.timestamp("s"), {}, "ArrowTypeError",
                            "datetime.date", True),
    "timestamp_ns_out_of_bounds": (lambda: [dt.datetime(1, 1, 1)], lambda m: m.timestamp("ns"), {}, "ArrowInvalid",
                                   "out of bounds for nanosecond resolution", True),
    "str_into_date": (lambda: ["2020-01-01"], lambda m: m.date32(), {}, "ArrowTypeError", "str", False),
    "str_into_time": (lambda: ["01:00"], lambda m: m.time64("us"), {}, "ArrowTypeError", "str", False),
    "str_into_duration": (lambda: ["1s"], lambda m: m.duration("s"), {}, "ArrowTypeError", "str", False),
    "bad_interval": (lambda: [(1, 2)], lambda m: m.month_day_nano_interval(), {}, "ArrowInvalid",
                     r"\(months, days, nanoseconds\)", False),
    # Nested
    "scalar_into_list": (lambda: [1], lambda m: m.list_(m.int8()), {}, "ArrowTypeError",
                         "was not a sequence or recognized null for conversion to list type", True),
    "dict_into_list": (lambda: [{"a": 1}], lambda m: m.list_(m.int8()), {}, "ArrowTypeError", "with type dict", True),
    "fixed_size_list_length": (lambda: [[1, 2], [3]], lambda m: m.list_(m.int8(), 2), {}, "ArrowInvalid",
                               "Length of item not correct: expected 2 but got array of size 1", True),
    "list_item_error": (lambda: [[1, "x"]], lambda m: m.list_(m.int8()), {}, "ArrowInvalid",
                        "Could not convert 'x'", True),
    "scalar_into_struct": (lambda: [1], lambda m: m.struct([("x", m.int8())]), {}, "ArrowTypeError",
                           "was not a dict, tuple, or recognized null value for conversion to struct type", True),
    "struct_tuple_size": (lambda: [(1,)], lambda m: m.struct([("x", m.int8()), ("y", m.int8())]), {}, "ArrowInvalid",
                          "Tuple size must be equal to number of struct fields", True),
    "struct_field_error": (lambda: [{"x": "a"}], lambda m: m.struct([("x", m.int8())]), {}, "ArrowInvalid",
                           "Could not convert 'a'", True),
    "map_null_key": (lambda: [[(None, 1)]], lambda m: m.map_(m.string(), m.int8()), {}, "ArrowInvalid",
                     "key field cannot contain null values", True),
    "map_entry_not_a_pair": (lambda: [[("a",)]], lambda m: m.map_(m.string(), m.int8()), {}, "ArrowInvalid",
                             "pairs", True),
    "scalar_into_map": (lambda: [1], lambda m: m.map_(m.string(), m.int8()), {}, "ArrowTypeError", "was not a sequence",
                        True),
    "dictionary_value_error": (lambda: ["a", 1], lambda m: m.dictionary(m.int8(), m.string()), {}, "ArrowTypeError",
                               "Expected bytes", True),
    "run_end_value_error": (lambda: [1, "a"], lambda m: m.run_end_encoded(m.int32(), m.int64()), {}, "ArrowInvalid",
                            "Could not convert 'a'", True),
    "sparse_union": (lambda: [1], lambda m: m.sparse_union([m.field("a", m.int64())]), {}, "ArrowNotImplementedError",
                     "sparse_union", True),
    "dense_union": (lambda: [1], lambda m: m.dense_union([m.field("a", m.int64())]), {}, "ArrowNotImplementedError",
                    "dense_union", True),
    # Masks
    "mask_length": (lambda: [1, 2], None, {"mask": np.array([True])}, "ArrowInvalid",
                    "Mask was a different length from sequence being converted", True),
    "mask_dtype": (lambda: [1, 2], None, {"mask": np.array([0, 1])}, "ArrowTypeError", "Mask must be boolean dtype",
                   True),
    "mask_dimensions": (lambda: [1, 2], None, {"mask": np.array([[False, True]])}, "ArrowInvalid",
                        "Mask must be 1D array", True),
    "mask_not_bools": (lambda: [1, 2], None, {"mask": "ab"}, "ArrowTypeError", "Mask must be a sequence of booleans",
                       True),
    "mask_length_numpy": (lambda: np.arange(3), None, {"mask": np.array([True])}, "ArrowInvalid",
                          "Mask was a different length", False),
    # numpy
    "numpy_2d": (lambda: np.zeros((2, 2)), None, {}, "ArrowInvalid", "only handle 1-dimensional arrays", True),
    "numpy_0d": (lambda: np.array(5), None, {}, "ArrowInvalid", "only handle 1-dimensional arrays", True),
    "numpy_byte_swapped": (lambda: np.array([1, 2], dtype=">i4"), None, {}, "ArrowNotImplementedError",
                           "Byte-swapped arrays not supported", True),
    "numpy_complex": (lambda: np.array([1 + 2j]), None, {}, "ArrowNotImplementedError", "Unsupported numpy type", True),
    "numpy_structured": (lambda: np.zeros(2, dtype=[("a", "i4")]), None, {}, "ArrowNotImplementedError",
                         "Unsupported numpy type", True),
    "numpy_month_unit": (lambda: np.array(["2020-01"], dtype="datetime64[M]"), None, {}, "ArrowNotImplementedError",
                         "Unsupported datetime64 time unit", True),
    "numpy_day_timedelta": (lambda: np.array([1], dtype="timedelta64[D]"), None, {}, "ArrowNotImplementedError",
                            "Unsupported timedelta64 time unit", True),
    "numpy_int_out_of_range": (lambda: np.array([300]), lambda m: m.int8(), {}, "ArrowInvalid",
                               "Integer value 300 not in range: -128 to 127", True),
    "numpy_negative_to_unsigned": (lambda: np.array([-1], dtype=np.int32), lambda m: m.uint8(), {}, "ArrowInvalid",
                                   "Integer value -1 not in range: 0 to 255", True),
    "numpy_float_truncated": (lambda: np.array([1.5]), lambda m: m.int64(), {}, "ArrowInvalid",
                              "Float value 1.500000 was truncated converting to int64", True),
    "numpy_nan_to_int": (lambda: np.array([1.0, np.nan]), lambda m: m.int32(), {}, "ArrowInvalid",
                         "Float value nan was truncated", True),
    "numpy_int_inexact_double": (lambda: np.array([2**53 + 1]), lambda m: m.float64(), {}, "ArrowInvalid",
                                 "not in range: -9007199254740992 to 9007199254740992", True),
    "numpy_lossy_unit_cast": (lambda: np.array([1, 2], dtype="datetime64[ns]"), lambda m: m.timestamp("s"), {},
                              "ArrowInvalid", "Casting from timestamp\\[ns\\] to timestamp\\[s\\] would lose data: 1",
                              True),
    "numpy_int_to_string": (lambda: np.array([1, 2]), lambda m: m.string(), {}, "ArrowTypeError",
                            "Expected a string or bytes dtype, got int64", True),
    "numpy_bytes_invalid_utf8": (lambda: np.array([b"\xff"]), lambda m: m.string(), {}, "ArrowInvalid",
                                 "not a utf8 string", False),
    "numpy_bytes_width": (lambda: np.array([b"abc"]), lambda m: m.binary(2), {}, "ArrowInvalid", "expected 2", True),
    "numpy_timedelta_to_timestamp": (lambda: np.array([1], dtype="timedelta64[s]"), lambda m: m.timestamp("s"), {},
                                     "ArrowTypeError", "cannot be converted", False),
    "numpy_objects_mixed": (lambda: np.array([1, "a"], dtype=object), None, {}, "ArrowInvalid", "Could not convert 'a'",
                            True),
}


@pytest.mark.parametrize("name", CASES)
def test_error(name):
    make_values, make_type, kwargs, error, message, pyarrow_agrees = CASES[name]
    with pytest.raises(exception_class(error), match=message):
        pa.array(make_values(), type=make_type(pa) if make_type else None, **kwargs)
    if pyarrow_agrees:
        with pytest.raises(Exception) as theirs:
            pyarrow.array(make_values(), type=make_type(pyarrow) if make_type else None, **kwargs)
        assert type(theirs.value).__name__ == error or isinstance(theirs.value, exception_class(error))


def test_arrowpack_errors_are_builtin_subclasses():
    with pytest.raises(ValueError):
        pa.array([1, "a"])
    with pytest.raises(TypeError):
        pa.array(["a", 1])


def test_errors_raised_while_iterating_propagate():
    def values():
        yield 1
        raise KeyError("from the generator")

    with pytest.raises(KeyError, match="from the generator"):
        pa.array(values())

    class BadSequence:
        def __iter__(self):
            raise RuntimeError("no iteration today")

    with pytest.raises(RuntimeError, match="no iteration today"):
        pa.array(BadSequence())


def test_errors_raised_by_values_propagate():
    class BadStr(str):
        pass

    class Exploding:
        def __index__(self):
            raise ZeroDivisionError("boom")

    with pytest.raises(pa.ArrowInvalid, match="Exploding"):
        pa.array([Exploding()], type=pa.int64())
    assert pa.array([BadStr("ok")]).to_pylist() == ["ok"]


def test_bad_type_arguments():
    with pytest.raises(TypeError):
        pa.array([1], type=5)
    with pytest.raises((TypeError, ValueError)):
        pa.array([1], type="no such type")


def test_failed_conversions_leave_no_allocations():
    # conftest checks the pool after every test; a failure halfway must free what was built.
    for _ in range(3):
        with pytest.raises(pa.ArrowInvalid):
            pa.array(list(range(1000)) + ["x"], type=pa.int64())
        with pytest.raises(pa.ArrowInvalid):
            pa.array([[1, 2]] * 100 + [[1, "x"]], type=pa.list_(pa.int64()))
