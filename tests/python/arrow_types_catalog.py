"""The Arrow types of the interop tests, one table shared by the PyCapsule and IPC matrices.

Each case builds the same array through a module `m` that is either ``arrowpack`` or ``pyarrow``
(arrowpack mirrors pyarrow's API), so one recipe gives our array and the peer's reference. Every
array has at least three rows with a null after the first one, so ``slice(1)`` keeps a null at a
non-zero offset. Peer limitations are recorded per case as the reason a peer is skipped; each was
checked against the installed peer (polars 2.1, nanoarrow 0.9).
"""

import datetime
import decimal
import gc
from dataclasses import dataclass

import nanoarrow
import numpy as np
import pyarrow
import pytest

D = decimal.Decimal
NANOARROW_VIEW_CRASH = ("nanoarrow 0.9 crashes on view types: iterating them segfaults, and its re-export of them "
                        "crashes any importer, pyarrow included (bus error)")
NANOARROW_NO_ITERATOR = "nanoarrow 0.9 has no Python iterator for this type (KeyError: Can't resolve iterator)"
POLARS_NO_TYPE = "polars 2.1 cannot create a Series of this Arrow type (ComputeError)"


@dataclass(frozen=True)
class Case:
    name: str
    build: object  # callable(m) -> Array of module m
    pyarrow_array: bool = True  # False: pyarrow can import the type but has no Array class for it
    polars: str = ""  # reason polars is skipped, "" when polars supports the type
    nanoarrow: str = ""  # reason nanoarrow's iterator is skipped, "" when supported


def _typed(values, type_name, *args, **kwargs):
    return lambda m: m.array(values, getattr(m, type_name)(*args, **kwargs))


def _nested_type(m):
    inner = m.struct([("m", m.map_(m.string(), m.list_(m.float64())))])
    return m.struct([("l", m.list_(inner)), ("s", m.string())])


def _foreign_type(m, capsule_owner):
    """A type only known from another library's schema capsule, as module m sees it."""
    return m.DataType._import_from_c_capsule(capsule_owner.__arrow_c_schema__())


def _extension(make_type, storage):
    def build(m):
        return m.ExtensionArray.from_storage(_foreign_type(m, make_type()), storage(m))
    return build


def _interval(nanoarrow_type, dtype, values, length):
    def build(m):
        buffer = m.py_buffer(np.array(values, dtype=dtype))
        validity = m.py_buffer(np.packbits([1, 0] + [1] * (length - 2), bitorder="little"))
        return m.Array.from_buffers(_foreign_type(m, nanoarrow.c_schema(nanoarrow_type)), length, [validity, buffer])
    return build


def _union(dense):
    def build(m):
        types = m.array([0, 1, 1, 0], m.int8())
        if dense:
            return m.UnionArray.from_dense(types, m.array([0, 0, 1, 1], m.int32()),
                                           [m.array([7, None]), m.array(["a", None])], ["i", "s"], [0, 1])
        return m.UnionArray.from_sparse(types, [m.array([1, None, 3, None]), m.array(["a", None, "c", "d"])],
                                        ["i", "s"], [0, 1])
    return build


def _dictionary(index_type, values, dictionary, ordered):
    def build(m):
        return m.DictionaryArray.from_arrays(m.array(values, getattr(m, index_type)()), m.array(dictionary),
                                             ordered=ordered)
    return build


def _run_end_encoded(run_end_type):
    def build(m):
        return m.RunEndEncodedArray.from_arrays(m.array([2, 3, 6], getattr(m, run_end_type)()), m.array([1, None, 2]))
    return build


_ts = datetime.datetime(2024, 2, 29, 12, 30, 15, 123456)
_NESTED_VALUES = [{"l": [{"m": [("k", [1.5, None])]}, None], "s": "x"}, None,
                  {"l": [], "s": None}, {"l": None, "s": "z"}]

CASES = [
    Case("null", _typed([None, None, None], "null")),
    Case("bool", _typed([True, None, False, True, False, False, True, True, False], "bool_")),
    *[Case(t, _typed([1, None, 3, 100], t)) for t in ("int8", "int16", "int32", "int64",
                                                      "uint8", "uint16", "uint32", "uint64")],
    Case("int64_extremes", _typed([-2**63, None, 2**63 - 1], "int64")),
    Case("uint64_max", _typed([0, None, 2**64 - 1], "uint64")),
    Case("float16", lambda m: m.array(np.array([1.5, 0.0, -2.25, 65504], dtype=np.float16),
                                      mask=np.array([False, True, False, False]))),
    Case("float32", _typed([1.5, None, -0.0, float("inf")], "float32")),
    Case("float64", _typed([1.5, None, 5e-324, -1e308], "float64")),
    Case("string", _typed(["a", None, "ccc", "", "é"], "string")),
    Case("large_string", _typed(["a", None, "ccc", ""], "large_string")),
    Case("binary", _typed([b"\x00", None, b"xyz", b""], "binary")),
    Case("large_binary", _typed([b"\x00", None, b"xyz"], "large_binary")),
    Case("fixed_size_binary", _typed([b"ab", None, b"cd", b"\x00\xff"], "binary", 2)),
    Case("string_view", _typed(["short", None, "a string longer than twelve bytes", ""], "string_view"),
         nanoarrow=NANOARROW_VIEW_CRASH),
    Case("binary_view", _typed([b"x" * 20, None, b"y", b""], "binary_view"), nanoarrow=NANOARROW_VIEW_CRASH),
    Case("date32", _typed([datetime.date(2020, 1, 1), None, datetime.date(1900, 3, 4)], "date32")),
    Case("date64", _typed([datetime.date(2020, 1, 1), None, datetime.date(1969, 12, 31)], "date64")),
    Case("time32_s", _typed([datetime.time(1, 2, 3), None, datetime.time(23, 59, 59)], "time32", "s")),
    Case("time32_ms", _typed([datetime.time(1, 2, 3, 4000), None, datetime.time(0)], "time32", "ms")),
    Case("time64_us", _typed([datetime.time(1, 2, 3, 4), None, datetime.time(0)], "time64", "us")),
    Case("time64_ns", _typed([3_723_000_000_001, None, 0], "time64", "ns")),
    *[Case(f"timestamp_{unit}", _typed([_ts, None, datetime.datetime(1960, 1, 1)], "timestamp", unit))
      for unit in ("s", "ms", "us", "ns")],
    Case("timestamp_s_utc", _typed([1, None, -3], "timestamp", "s", "UTC")),
    Case("timestamp_ms_new_york", _typed([1, None, 3], "timestamp", "ms", "America/New_York")),
    Case("timestamp_us_offset", _typed([1, None, 3], "timestamp", "us", "+05:30"),
         polars="polars 2.1 cannot parse fixed-offset time zones such as '+05:30' (ComputeError)"),
    Case("timestamp_ns_paris", _typed([1, None, 3], "timestamp", "ns", "Europe/Paris")),
    *[Case(f"duration_{unit}", _typed([1, None, -3], "duration", unit)) for unit in ("s", "ms", "us", "ns")],
    Case("month_interval", _interval(nanoarrow.interval_months(), np.int32, [1, 0, -3, 12], 4),
         pyarrow_array=False, polars=POLARS_NO_TYPE),
    Case("day_time_interval", _interval(nanoarrow.interval_day_time(), np.int32, [1, 2, 0, 0, -3, 4], 3),
         pyarrow_array=False, polars=POLARS_NO_TYPE),
    Case("month_day_nano_interval", _typed([(1, 2, 3), None, (-1, 0, 10**12)], "month_day_nano_interval"),
         polars="polars 2.1 refuses month_day_nano_interval unless POLARS_IMPORT_INTERVAL_AS_STRUCT is set"),
    Case("decimal32", _typed([D("1.5"), None, D("-9999.9")], "decimal32", 5, 1),
         nanoarrow=NANOARROW_NO_ITERATOR),
    Case("decimal64", _typed([D("-1.5"), None, D("12345678901234.5")], "decimal64", 15, 1),
         nanoarrow=NANOARROW_NO_ITERATOR),
    Case("decimal128", _typed([D("123.45"), None, D("-0.01")], "decimal128", 10, 2)),
    Case("decimal256", _typed([D("-1e40"), None, D("3")], "decimal256", 60, 0),
         polars="polars 2.1 panics on decimal256 (operator does not support primitive Int256)"),
    Case("list", lambda m: m.array([[1, None], None, [], [4]], m.list_(m.int64()))),
    Case("large_list", lambda m: m.array([[1, None], None, [], [5]], m.large_list(m.int16()))),
    Case("fixed_size_list", lambda m: m.array([[1, 2], None, [3, None], [5, 6]], m.list_(m.int8(), 2))),
    Case("list_view", lambda m: m.array([[1], None, [2, 3], []], m.list_view(m.int32())),
         polars=POLARS_NO_TYPE, nanoarrow=NANOARROW_NO_ITERATOR),
    Case("large_list_view", lambda m: m.array([[1], None, [2, 3], []], m.large_list_view(m.int32())),
         polars=POLARS_NO_TYPE, nanoarrow=NANOARROW_NO_ITERATOR),
    Case("struct", lambda m: m.array([{"a": 1, "b": "x"}, None, {"a": None, "b": "z"}, {"a": 4, "b": None}],
                                     m.struct([("a", m.int64()), ("b", m.string())]))),
    Case("map", lambda m: m.array([[("a", 1), ("b", None)], None, [], [("c", 3)]], m.map_(m.string(), m.int64())),
         nanoarrow=NANOARROW_NO_ITERATOR),
    Case("map_keys_sorted", lambda m: m.array([[("a", 1), ("b", 2)], None, [("c", 3)]],
                                              m.map_(m.string(), m.int64(), keys_sorted=True)),
         nanoarrow=NANOARROW_NO_ITERATOR),
    Case("sparse_union", _union(dense=False), polars=POLARS_NO_TYPE),
    Case("dense_union", _union(dense=True), polars=POLARS_NO_TYPE),
    Case("dictionary_int8_string", _dictionary("int8", [0, None, 1, 0], ["x", "y"], False)),
    Case("dictionary_uint16_string_ordered", _dictionary("uint16", [1, None, 0, 1], ["lo", "hi"], True)),
    Case("dictionary_int32_int64", _dictionary("int32", [1, None, 0, 2], [10, 20, 30], False)),
    Case("dictionary_int64_string", _dictionary("int64", [2, None, 0], ["a", "b", "c"], False)),
    Case("dictionary_uint8_ordered", _dictionary("uint8", [0, None, 1], [1.5, 2.5], True)),
    *[Case(f"run_end_encoded_{t}", _run_end_encoded(t), polars=POLARS_NO_TYPE, nanoarrow=NANOARROW_NO_ITERATOR)
      for t in ("int16", "int32", "int64")],
    Case("extension_uuid", _extension(pyarrow.uuid, lambda m: m.array([b"0123456789abcdef", None, b"f" * 16],
                                                                      m.binary(16)))),
    Case("extension_fixed_shape_tensor", _extension(lambda: pyarrow.fixed_shape_tensor(pyarrow.int32(), [2, 2]),
                                                    lambda m: m.array([[1, 2, 3, 4], None, [5, 6, 7, 8]],
                                                                      m.list_(m.int32(), 4)))),
    Case("extension_opaque", _extension(lambda: pyarrow.opaque(pyarrow.int64(), "point", "interop"),
                                        lambda m: m.array([1, None, 3], m.int64()))),
    Case("nested_struct_list_map", lambda m: m.array(_NESTED_VALUES, _nested_type(m)),
         nanoarrow=NANOARROW_NO_ITERATOR),
    Case("list_of_dictionary", lambda m: m.ListArray.from_arrays(
        m.array([0, 2, 2, 3], m.int32()), _dictionary("int8", [0, None, 1], ["p", "q"], False)(m),
        mask=m.array([False, True, False]))),
    Case("struct_of_views_and_lists", lambda m: m.array(
        [{"v": "a view", "l": [[1], []]}, None, {"v": None, "l": None}],
        m.struct([("v", m.string_view()), ("l", m.large_list(m.list_(m.int8())))])),
        nanoarrow=NANOARROW_VIEW_CRASH),
]

CASES_BY_NAME = {case.name: case for case in CASES}
assert len(CASES_BY_NAME) == len(CASES), "case names must be unique"


class StreamOnly:
    """Hides everything of `obj` but its Arrow C stream (peers have fast paths for pyarrow objects)."""

    def __init__(self, obj):
        self._obj = obj

    def __arrow_c_stream__(self, requested_schema=None):
        return self._obj.__arrow_c_stream__(requested_schema)


def variants(array):
    """(label, array): the whole array, a slice at a non-zero offset, and an empty slice."""
    return [("whole", array), ("sliced", array.slice(1)), ("empty", array.slice(1, 0))]


def as_batch(m, array, name="c"):
    """A one-column record batch of module m holding `array`."""
    return m.RecordBatch.from_arrays([array], names=[name])


@pytest.fixture(autouse=True, scope="module")
def frozen_heap():
    """Freezes the objects alive before each matrix test (see frozen_objects), so the per-test
    gc.collect() of the leak check (conftest.py) walks only what the test made: the matrices run
    over a thousand small tests. Unfreezes when the module is done."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def frozen_objects(frozen_heap):
    gc.freeze()
