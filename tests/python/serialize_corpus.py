"""The object corpus shared by arrowpack's serializer tests and the pyarrow 11 worker.

Runs under both interpreters (arrowpack's, and the pyarrow 11 venv with numpy < 2), so it uses only
the standard library and numpy; `lib` is the serializing library's module (arrowpack or pyarrow).

- `exact_corpus(lib)`: values both libraries write and read back unchanged (every native kind,
  nested and empty containers, large, strided and Fortran arrays, sparse tensors (`sparse_corpus`),
  the default handlers' types, and the custom types below).
- `handler_only_corpus()`: values pyarrow 11 writes natively but lossily (numpy scalars lose their
  dtype, tz-aware datetimes their zone); arrowpack writes them through handlers, which pyarrow 11
  reads back exactly once they are registered.
- `register_custom_types(context)`: the custom types, registered under the same ids in both.
- `same(a, b)`: deep equality that also checks types, dtypes, shapes and NaNs.
"""

import collections
import datetime
import decimal
import math
import uuid
import zoneinfo

import numpy as np


class Point:
    """A plain class: travels as its __dict__."""

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return type(other) is type(self) and same(self.__dict__, other.__dict__)


class Point3(Point):
    """A subclass of a registered class: comes back as Point."""


Pair = collections.namedtuple("Pair", ["first", "second"])


class Money:
    """A class with a custom serializer."""

    def __init__(self, amount, currency):
        self.amount = amount
        self.currency = currency

    def __eq__(self, other):
        return type(other) is type(self) and (self.amount, self.currency) == (other.amount, other.currency)


def register_custom_types(context):
    context.register_type(Point, "corpus.Point")
    context.register_type(Pair, "corpus.Pair")
    context.register_type(Money, "corpus.Money", custom_serializer=lambda m: (str(m.amount), m.currency),
                          custom_deserializer=lambda d: Money(decimal.Decimal(d[0]), d[1]))


def _arrays():
    rng = np.random.default_rng(7)
    out = {}
    for dtype in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8"]:
        out[f"array_{dtype}"] = (rng.random(24) * 100).astype(dtype).reshape(2, 3, 4)
    big = rng.standard_normal((1000, 1000))
    out.update({
        "array_large": big,
        "array_strided": big[::3, 1::7],
        "array_fortran": np.asfortranarray(big[:50, :40]),
        "array_empty": np.zeros((0,), "f8"),
        "array_empty_2d": np.zeros((0, 3), "i4"),
        "array_scalar_0d": np.array(5.0),
        "array_bool": np.array([True, False, True]),
        "array_datetime64": np.arange(4).astype("M8[ms]"),
        "array_unicode": np.array(["a", "bc", "déf"]),
        "array_bytes": np.array([b"x", b"yz"]),
        "array_object": np.array([1, "two", None, 3.5], dtype=object),
        "array_structured": np.array([(1, 2.5), (3, 4.5)], dtype=[("a", "i4"), ("b", "f8")]),
        "array_matrix": np.matrix([[1.0, 2.0], [3.0, 4.0]]),
    })
    return out


def sparse_corpus(lib):
    """Sparse tensors in all four formats (CSF in 3 and 4 dimensions) from the same dense arrays."""
    matrix = np.array([[0, 1.5, 0, 2], [0, 0, 0, 0], [3, 0, 4, 0]])
    cube = np.zeros((2, 3, 4))
    cube[0, 1, 2], cube[1, 0, 3], cube[1, 2, 0], cube[1, 2, 1] = 1, 2, 3, 4
    hyper = np.zeros((2, 2, 3, 2), "i4")
    hyper[0, 1, 2, 1], hyper[1, 0, 0, 0], hyper[1, 1, 2, 0] = 7, 8, 9
    return {
        "sparse_coo": lib.SparseCOOTensor.from_dense_numpy(cube),
        "sparse_csr": lib.SparseCSRMatrix.from_dense_numpy(matrix),
        "sparse_csc": lib.SparseCSCMatrix.from_dense_numpy(matrix),
        "sparse_csf": lib.SparseCSFTensor.from_dense_numpy(cube),
        "sparse_csf_4d": lib.SparseCSFTensor.from_dense_numpy(hyper),
    }


def exact_corpus(lib):
    deep = []
    for _ in range(20):
        deep = [deep]
    values = {
        "none": None, "true": True, "false": False, "zero": 0, "int_min": -2**63, "int_max": 2**63 - 1,
        "bigint": 2**100, "neg_bigint": -3**80, "float": 1.5, "inf": float("inf"), "nan": float("nan"),
        "empty_bytes": b"", "bytes": b"\x00\xffbytes", "empty_str": "", "str": "ünïcode ✓",
        "float16": np.float16(1.5),
        "empty_list": [], "empty_tuple": (), "empty_dict": {}, "empty_set": set(),
        "list": [1, "a", None, 2.5, [2, [3, ()]], {"k": {1, 2}}],
        "tuple": (1, (2, 3), [4]), "set": {1, "a", b"b", (1, 2)},
        "dict": {"a": 1, 2: [3], (1, 2): "tuple key", None: {}, b"k": {"nested": {"deeper": [1]}}},
        "deep": deep, "list_of_empties": [[], (), {}, set(), "", b""],
        # Runs of small ints longer than the walker's batch of 64, broken by big ints, bools and
        # other kinds, in lists, tuples and dict values.
        "int_runs": [list(range(-70, 80)) + [2**40, -2**63, 5, True, 6, 2**100, "s", 7] + list(range(130)),
                     tuple(range(65)) + (2**62, False, (1, 2), 3), {"k": [1, 2, 3], 4: (5, 6)}],
        # Runs of ASCII strs and floats (longer than a batch of 64), broken by non-ASCII strs,
        # other kinds and each other; dicts whose keys are all ASCII strs (their keys go first),
        # with runs among their values, beside dicts that go entry by entry (a non-ASCII key, an
        # int key, more than 32 entries).
        "scalar_runs": [[f"s{i}" for i in range(70)] + ["", "ünï", "x", 1.5, float("nan"), -0.0, "y", 2**40]
                        + [i / 4 for i in range(66)] + [True, "z", None, 3],
                        ("a", "bb", 1.0, 2.0, "ccc" * 20, 3), [],
                        {"id": 7, "name": "n", "country": "DE", "score": 2.5, "ok": False, "tags": ["t1", "t2"],
                         "prefs": {"lang": "en", "theme": "dark", "n": 1}, "empty": {}, "none": None},
                        {"k": 1, "ü": 2}, {"k": 1, 5: "v"}, {f"k{i}": i for i in range(40)},
                        {"": "", "x": {"y": ["z", 1.5, {"w": (1, "v")}]}}],
        "datetime": datetime.datetime(2020, 1, 2, 3, 4, 5, 678901),
        "date": datetime.date(1999, 12, 31), "time": datetime.time(23, 59, 58, 999),
        "timedelta": datetime.timedelta(days=-3, seconds=5, microseconds=7),
        "decimal": decimal.Decimal("-12345678901234567890.125"), "decimal_nan": decimal.Decimal("NaN"),
        "complex": complex(1.5, -2), "frozenset": frozenset({1, 2, "x"}),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"), "bytearray": bytearray(b"abc"),
        "deque": collections.deque([1, "x", [2]]), "ordered_dict": collections.OrderedDict([("b", 1), ("a", 2)]),
        "counter": collections.Counter("abracadabra"), "defaultdict_none": collections.defaultdict(None, {"a": 1}),
        "buffer": lib.py_buffer(b"some buffer bytes"),
        "point": Point(1, [2, 3]), "pair": Pair("x", np.arange(3)), "money": Money(decimal.Decimal("9.99"), "EUR"),
        "many_arrays": {i: np.full((5, 5), i, dtype="f8") for i in range(20)},
    }
    values.update(_arrays())
    values.update(sparse_corpus(lib))
    values["everything"] = list(values.values())
    return values


def handler_only_corpus():
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    fixed = datetime.timezone(datetime.timedelta(hours=-5, minutes=-30), "X")
    return {
        "np_scalars": [np.int8(-3), np.uint16(7), np.int32(5), np.int64(-9), np.uint64(2**64 - 1),
                       np.float32(1.25), np.float64(2.5), np.bool_(True), np.complex64(1 + 2j),
                       np.datetime64("2020-01-01T00:00:01", "ms"), np.timedelta64(3, "s")],
        "datetime_zoneinfo": datetime.datetime(2021, 3, 28, 2, 30, tzinfo=berlin),
        "datetime_fold": datetime.datetime(2021, 10, 31, 2, 30, fold=1, tzinfo=berlin),
        "datetime_fixed": datetime.datetime(2000, 1, 1, tzinfo=fixed),
        "datetime_utc": datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc),
        "time_tz": datetime.time(1, 2, tzinfo=fixed),
    }


def pandas_frame(pd, with_tz=True):
    """A DataFrame built the same way by pandas 1.5 (pyarrow 11's venv) and pandas 3. pandas 1.5
    pickles its time zones as pytz objects, so a reader of its tz column needs pytz: with_tz=False
    leaves that column out."""
    when = pd.DatetimeIndex(np.arange(4).astype("M8[h]").astype("M8[ns]"))
    index = pd.RangeIndex(10, 50, 10, name="n")  # an Int64Index would pickle for pandas 1 only
    columns = {
        "f": np.linspace(0, 1, 4), "i": np.arange(4, dtype="int64"),
        "o": pd.Series(["a", None, "c", "d"], index=index, dtype=object),  # pandas 3 would infer str
        "cat": pd.Categorical(["x", "y", "x", "x"], categories=pd.Index(["y", "x"], dtype=object), ordered=True),
    }
    if with_tz:
        columns["tz"] = when.tz_localize("UTC").tz_convert("Europe/Berlin")
    return pd.DataFrame(columns, index=index)


def frame_difference(pd, a, b):
    """"" if the DataFrames are equal, else what differs (column Index dtypes may differ between
    pandas 1.5 and 3)."""
    try:
        pd.testing.assert_frame_equal(a, b, check_column_type=False)
    except AssertionError as error:
        return str(error)
    return ""


def same(a, b):
    """Deep equality with exact types; arrays compare dtype, shape and values (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return (a.dtype == b.dtype and a.shape == b.shape
                and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, (list, tuple, collections.deque)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return (list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
                and getattr(a, "default_factory", None) == getattr(b, "default_factory", None))
    if hasattr(a, "non_zero_length"):  # arrowpack / pyarrow sparse tensors: shape and index layout
        return a.shape == b.shape and same(list(a.to_numpy()), list(b.to_numpy()))
    if hasattr(a, "to_pybytes"):  # arrowpack / pyarrow Buffer
        return a.to_pybytes() == b.to_pybytes()
    if isinstance(a, datetime.datetime):
        return a == b and a.tzinfo == b.tzinfo and a.fold == b.fold
    if isinstance(a, decimal.Decimal):
        return str(a) == str(b)
    if isinstance(a, np.generic):
        return a.dtype == b.dtype and a.tobytes() == b.tobytes()
    return a == b
