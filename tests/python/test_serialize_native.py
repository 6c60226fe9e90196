"""The native serialization walk (arrowpack._core._serialize / _read_serialized /
SerializedPyObject): every native kind both ways, zero-copy read-only ndarrays, the callback
protocol, pyarrow's errors, components, and byte-identity with pyarrow 11's serialize()."""

import datetime
import io
import os
import pickle
import subprocess
import textwrap

import numpy as np
import pytest

import arrowpack as pa
from arrowpack import _core

PYARROW11 = "/opt/arrowpack-venvs/pyarrow11/bin/python"


def refuse(obj):
    raise AssertionError("callback called with %r" % (obj,))


def roundtrip(value, callback=refuse, deserialize_callback=refuse):
    buf = _core._serialize(value, callback).to_buffer()
    return _core._read_serialized(buf)._deserialize(deserialize_callback)


NATIVE_VALUES = [
    None, True, False, 0, -1, 2**63 - 1, -2**63, 1.5, float("inf"), -0.0, b"", b"\x00\xff", "", "h\u00e9\u4e2d\U0001f600",
    [], (), {}, set(), [1, "a", None, 2.5, b"b", True], (1, (2, (3,))), {"a": 1, 2: "b", None: [], (1, 2): {3}},
    {1, 2, 3}, [[[]], [{}], [()]], datetime.datetime(2020, 1, 2, 3, 4, 5, 6), datetime.datetime(1, 1, 1),
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999999), datetime.datetime(1969, 12, 31, 23, 59, 59, 1),
]


@pytest.mark.parametrize("value", NATIVE_VALUES, ids=repr)
def test_native_values_round_trip(value):
    out = roundtrip(value)
    assert out == value
    assert type(out) is type(value)


def test_ints_on_both_sides_of_one_internal_digit_round_trip():
    # The walk reads ints of one 30-bit digit directly and the rest through CPython's conversion.
    import enum

    class Level(enum.IntEnum):
        LOW = -3
        HIGH = 2**40

    values = [0, 1, -1, 2**30 - 1, 2**30, -(2**30 - 1), -2**30, 2**31, -2**31, 2**62, -2**62]
    assert roundtrip(values) == values
    out = roundtrip([Level.LOW, Level.HIGH, True])
    assert out == [-3, 2**40, True]
    assert [type(v) for v in out] == [int, int, bool]
    sent = []

    def callback(obj):
        sent.append(obj)
        return {"_pytype_": "big"}

    _core._serialize([2**63, -2**63 - 1], callback)
    assert sent == [2**63, -2**63 - 1]


def test_sets_subclasses_are_sets():
    class MySet(set):
        pass

    assert roundtrip(MySet({1, 2})) == {1, 2}


def test_numpy_scalars_become_python_values_except_float16():
    out = roundtrip([np.int8(-3), np.uint16(7), np.int64(2**40), np.uint64(2**63 - 1), np.float32(1.5),
                     np.float64(2.5), np.bool_(True), np.float16(0.5)])
    assert out == [-3, 7, 2**40, 2**63 - 1, 1.5, 2.5, True, 0.5]
    assert [type(v) for v in out[:-1]] == [int, int, int, int, float, float, bool]
    assert type(out[-1]) is np.float16


def test_uint64_scalar_above_int64_is_arrow_invalid():
    with pytest.raises(pa.ArrowInvalid, match=r"cannot serialize Numpy uint64 scalar >= 2\*\*63"):
        _core._serialize(np.uint64(2**63), refuse)


def test_numpy_scalars_go_to_the_callback_when_not_native():
    seen = []

    def callback(obj):
        seen.append(type(obj))
        return {"_pytype_": "np", "data": str(obj)}

    _core._serialize([np.int32(1), np.float64(2.0), np.float16(1.0), np.complex64(1j)], callback,
                     native_numpy_scalars=False)
    assert seen == [np.int32, np.float64, np.complex64]


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                                   "float16", "float32", "float64"])
def test_numeric_ndarrays_are_zero_copy_read_only_views(dtype):
    array = (np.arange(24) % 7).astype(dtype).reshape(2, 3, 4)
    buf = _core._serialize(array, refuse).to_buffer()
    out = _core._read_serialized(buf)._deserialize(refuse)
    assert out.dtype == array.dtype and out.shape == array.shape
    np.testing.assert_array_equal(out, array)
    assert not out.flags.writeable
    start = np.frombuffer(buf, dtype=np.uint8).ctypes.data
    assert start <= out.ctypes.data < start + buf.size
    assert out.ctypes.data % 64 == 0


def test_ndarrays_outlive_their_buffer():
    buf = _core._serialize({"a": np.arange(10.0)}, refuse).to_buffer()
    out = _core._read_serialized(buf)._deserialize(refuse)
    del buf
    np.testing.assert_array_equal(out["a"], np.arange(10.0))


@pytest.mark.parametrize("make", [
    lambda: np.arange(20.0)[::3],
    lambda: np.arange(24.0).reshape(4, 6).T,
    lambda: np.arange(24.0).reshape(4, 6)[::-1, 1:4],
    lambda: np.zeros((0, 3)),
    lambda: np.array(5.0),
], ids=["strided", "fortran", "negative-strides", "empty", "0-d"])
def test_strided_and_odd_shaped_arrays(make):
    array = make()
    out = roundtrip(array)
    assert out.shape == array.shape
    np.testing.assert_array_equal(out, array)


def test_serialize_does_not_copy_arrays_into_components():
    array = np.arange(1000.0)
    components = _core._serialize([array, array], refuse).to_components()
    assert components["num_ndarrays"] == 2
    bodies = [b for b in components["data"] if b.size == array.nbytes]
    assert len(bodies) == 2
    assert all(b.address == array.ctypes.data for b in bodies)


def test_other_dtypes_and_ndarray_subclasses_go_to_the_callback():
    seen = []

    def callback(obj):
        seen.append(obj)
        return {"_pytype_": "x", "data": 0}

    _core._serialize([np.array([True]), np.array(["a"]), np.arange(3).view(np.matrix),
                      np.arange(3, dtype=">i4")], callback)
    assert [type(o) for o in seen] == [np.ndarray, np.ndarray, np.matrix, np.ndarray]


def test_big_ints_and_unknown_objects_go_to_the_callback_as_dicts():
    class Point:
        def __init__(self, x):
            self.x = x

    def callback(obj):
        if isinstance(obj, int):
            return {"_pytype_": "int", "data": str(obj)}
        return {"_pytype_": "Point", "data": obj.x}

    def deserialize(d):
        return int(d["data"]) if d["_pytype_"] == "int" else ("Point", d["data"])

    assert roundtrip([2**70, Point(3)], callback, deserialize) == [2**70, ("Point", 3)]


def test_tz_aware_datetimes_go_to_the_callback():
    aware = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)

    def callback(obj):
        return {"_pytype_": "dt", "data": obj.isoformat()}

    assert roundtrip(aware, callback, lambda d: datetime.datetime.fromisoformat(d["data"])) == aware


def test_callback_errors_propagate_unchanged():
    class Boom(Exception):
        pass

    def callback(obj):
        raise Boom("no")

    with pytest.raises(Boom):
        _core._serialize([1, object()], callback)
    buf = _core._serialize({"_pytype_": "x"}, refuse).to_buffer()
    with pytest.raises(Boom):
        _core._read_serialized(buf)._deserialize(callback)


def test_callback_must_return_a_dict():
    with pytest.raises(TypeError, match="serialization callback must return a valid dictionary"):
        _core._serialize(object(), lambda obj: [1])


def test_no_callback_is_a_type_error():
    with pytest.raises(TypeError, match="cannot serialize objects of type object"):
        _core._serialize(object(), None)


def test_pytype_dict_without_deserialize_callback_is_invalid():
    buf = _core._serialize({"_pytype_": "x"}, refuse).to_buffer()
    with pytest.raises(pa.ArrowInvalid, match="no deserialization callback"):
        _core._read_serialized(buf)._deserialize(None)


def nest(levels, make):
    value = make(None)
    for _ in range(levels - 1):
        value = make(value)
    return value


def as_list(inner):
    return [] if inner is None else [inner]


def as_dict(inner):
    return {} if inner is None else {"k": inner}


def test_depth_limit_counts_like_pyarrow():
    # pyarrow 11 writes at most 99 nested lists and 100 nested dicts.
    message = "This object exceeds the maximum recursion depth. It may contain itself recursively."
    _core._serialize(nest(99, as_list), refuse)
    with pytest.raises(pa.ArrowNotImplementedError, match=message):
        _core._serialize(nest(100, as_list), refuse)
    _core._serialize(nest(100, as_dict), refuse)
    with pytest.raises(pa.ArrowNotImplementedError, match=message):
        _core._serialize(nest(101, as_dict), refuse)


def test_a_callback_dict_counts_at_its_objects_depth():
    calls = []

    def callback(obj):
        calls.append(obj)
        return {"_pytype_": "x", "data": 1}

    _core._serialize(nest(99, lambda inner: {"k": object()} if inner is None else {"k": inner}), callback)
    assert len(calls) == 1
    with pytest.raises(pa.ArrowNotImplementedError):
        _core._serialize(nest(100, lambda inner: {"k": object()} if inner is None else {"k": inner}), callback)
    assert len(calls) == 1


def test_nested_containers_read_back_as_deep_as_pyarrow_11_reads():
    for make, levels in ((as_list, 25), (as_dict, 18)):
        value = nest(levels, make)
        assert roundtrip(value) == value


def test_nesting_deeper_than_the_reader_takes_is_a_clean_error():
    buf = _core._serialize(nest(99, as_list), refuse).to_buffer()
    with pytest.raises(pa.ArrowInvalid):
        _core._read_serialized(buf)


def test_self_reference_hits_the_depth_limit():
    value = []
    value.append(value)
    with pytest.raises(pa.ArrowNotImplementedError, match="maximum recursion depth"):
        _core._serialize(value, refuse)
    d = {}
    d["self"] = d
    with pytest.raises(pa.ArrowNotImplementedError, match="maximum recursion depth"):
        _core._serialize(d, refuse)


@pytest.mark.parametrize("value", ["\ud800", ["a", "b", "\ud800", "c"], ("a", "\ud800"), {"k": "\ud800"},
                                   {"\ud800": 1}, {"a": 1, "\ud800": 2}], ids=repr)
def test_invalid_utf8_surrogates_raise(value):
    with pytest.raises(UnicodeEncodeError):
        _core._serialize(value, refuse)


class Emptier:
    """Empties `target` when the callback serializes it."""

    def __init__(self, target):
        self.target = target


def empty_the_target(obj):
    obj.target.clear()
    return {"_pytype_": "emptier"}


def test_a_dict_emptied_by_its_values_callback_is_written_as_read_before():
    # Keys all ASCII strs: the dict is written as its entries were when the walk reached it.
    value = {"a": 1, "b": None, "c": [2, "x"], "d": "y"}
    value["b"] = Emptier(value)
    out = roundtrip(value, empty_the_target, lambda d: "emptied")
    assert out == {"a": 1, "b": "emptied", "c": [2, "x"], "d": "y"}
    assert value == {}


def test_a_dict_of_other_keys_emptied_by_its_values_callback_stops_cleanly():
    # Entry by entry: the walk stops where the emptied dict ends, keeping what it wrote.
    value = {1: "a", 2: None, 3: "c"}
    value[2] = Emptier(value)
    out = roundtrip(value, empty_the_target, lambda d: "emptied")
    assert out == {1: "a", 2: "emptied"}


def test_arrowpack_buffers_tensors_and_sparse_tensors():
    buffer = pa.py_buffer(b"hello")
    tensor = pa.Tensor.from_numpy(np.arange(6.0).reshape(2, 3))
    dense = np.array([[0, 1.5, 0], [2.5, 0, 0]])
    sparse = [pa.SparseCOOTensor.from_dense_numpy(dense), pa.SparseCSRMatrix.from_dense_numpy(dense),
              pa.SparseCSCMatrix.from_dense_numpy(dense), pa.SparseCSFTensor.from_dense_numpy(dense)]
    out = roundtrip([buffer, tensor] + sparse)
    assert out[0].to_pybytes() == b"hello"
    assert out[1].equals(tensor)
    for got, expected in zip(out[2:], sparse):
        assert type(got) is type(expected)
        assert got.equals(expected)


def test_total_bytes_write_to_and_read_serialized_from_files(tmp_path):
    value = {"a": np.arange(10), "b": "text"}
    serialized = _core._serialize(value, refuse)
    path = str(tmp_path / "two")
    with pa.OSFile(path, "wb") as sink:
        serialized.write_to(sink)
        serialized.write_to(sink)
    assert os.path.getsize(path) == 2 * serialized.total_bytes
    with pa.memory_map(path) as source:
        first = _core._read_serialized(source)._deserialize(refuse)
        second = _core._read_serialized(source)._deserialize(refuse)
    np.testing.assert_array_equal(second["a"], value["a"])
    assert first["b"] == second["b"] == "text"
    sink = io.BytesIO()
    serialized.write_to(sink)
    assert sink.getvalue() == serialized.to_buffer().to_pybytes()
    assert _core._read_serialized(io.BytesIO(sink.getvalue()))._deserialize(refuse)["b"] == "text"


def test_to_buffer_with_threads_gives_the_same_bytes():
    serialized = _core._serialize([np.random.rand(300, 300) for _ in range(3)], refuse)
    assert serialized.to_buffer(nthreads=4).equals(serialized.to_buffer())


def test_base_is_kept():
    buf = _core._serialize(1, refuse).to_buffer()
    assert _core._read_serialized(buf).base is buf
    marker = object()
    read = _core._read_serialized(buf, marker)
    assert read.base is marker
    read.base = None
    assert read.base is None


def test_components_round_trip_through_memoryviews():
    value = {"arrays": [np.arange(100.0), np.ones((3, 3), dtype=np.int32)], "buf": pa.py_buffer(b"xyz")}
    components = _core._serialize(value, refuse).to_components()
    assert (components["num_ndarrays"], components["num_buffers"], components["num_tensors"]) == (2, 1, 0)
    assert components["num_sparse_tensors"] == {"coo": 0, "csr": 0, "csc": 0, "csf": 0, "ndim_csf": 0}
    as_views = dict(components, data=[memoryview(b) for b in components["data"]])
    out = _core.SerializedPyObject.from_components(as_views)._deserialize(refuse)
    np.testing.assert_array_equal(out["arrays"][0], value["arrays"][0])
    np.testing.assert_array_equal(out["arrays"][1], value["arrays"][1])
    assert out["buf"].to_pybytes() == b"xyz"


def test_components_with_wrong_counts_are_invalid():
    components = _core._serialize([np.arange(3)], refuse).to_components()
    with pytest.raises(pa.ArrowInvalid, match="Invalid number of buffers in data"):
        _core.SerializedPyObject.from_components(dict(components, num_buffers=1))
    with pytest.raises(pa.ArrowInvalid, match="Invalid number of buffers in data"):
        _core.SerializedPyObject.from_components(dict(components, data=components["data"][:-1]))
    with pytest.raises(TypeError):
        _core.SerializedPyObject.from_components([1, 2])


def test_every_truncation_is_arrow_invalid():
    blob = _core._serialize({"a": [1, "x", np.arange(4)], "b": pa.py_buffer(b"tail")}, refuse).to_buffer().to_pybytes()
    for n in range(len(blob)):
        with pytest.raises(pa.ArrowInvalid):
            _core._read_serialized(pa.py_buffer(blob[:n]))._deserialize(refuse)


def test_index_beyond_the_arrays_present_is_invalid():
    serialized = _core._serialize([np.arange(3), np.arange(4)], refuse)
    components = serialized.to_components()
    # Drop the second ndarray but claim one: the batch still refers to index 1.
    broken = dict(components, num_ndarrays=1, data=components["data"][:3])
    with pytest.raises(pa.ArrowInvalid, match="ndarray index 1"):
        _core.SerializedPyObject.from_components(broken)._deserialize(refuse)


def test_read_serialized_rejects_garbage():
    with pytest.raises(pa.ArrowInvalid):
        _core._read_serialized(pa.py_buffer(b"\x00" * 64))._deserialize(refuse)
    with pytest.raises(pa.ArrowInvalid):
        _core._read_serialized(pa.py_buffer(b"\xff" * 100))._deserialize(refuse)


PYARROW11_CORPUS = """[
    1, "x", None, [1, "a", None, 2.5], {"a": 1, "b": [1, 2, {"c": (1, 2)}], 3: {4, 5}},
    [[], {}, (), set()], b"bytes", True, [True, False, 1.5], list(range(100)),
    [np.int32(5), np.float32(1.5), np.uint64(7)], datetime.datetime(2001, 2, 3, 4, 5, 6, 7),
    {"k%d" % i: [i, str(i), (i,)] for i in range(10)},
]"""


@pytest.mark.skipif(not os.path.exists(PYARROW11), reason="needs the pyarrow 11 venv")
def test_union_layout_is_byte_identical_to_pyarrow_11(tmp_path):
    script = textwrap.dedent("""
        import datetime, pickle, sys, warnings
        import numpy as np
        import pyarrow as pa
        warnings.simplefilter("ignore")
        corpus = %s
        mine = pickle.load(open(sys.argv[1], "rb"))
        out = [pa.serialize(v).to_buffer().to_pybytes() for v in corpus]
        back = [repr(pa.deserialize(b)) for b in mine]
        pickle.dump((out, back), open(sys.argv[2], "wb"), protocol=2)
    """) % PYARROW11_CORPUS
    corpus = eval(PYARROW11_CORPUS)
    mine = [_core._serialize(v, refuse).to_buffer().to_pybytes() for v in corpus]
    (tmp_path / "mine.pkl").write_bytes(pickle.dumps(mine, protocol=2))
    subprocess.run([PYARROW11, "-c", script, str(tmp_path / "mine.pkl"), str(tmp_path / "theirs.pkl")], check=True)
    theirs, read_back = pickle.loads((tmp_path / "theirs.pkl").read_bytes())
    assert mine == theirs
    assert read_back == [repr(roundtrip(v)) for v in corpus]
    assert [repr(_core._read_serialized(pa.py_buffer(b))._deserialize(refuse)) for b in theirs] == read_back


@pytest.mark.skipif(not os.path.exists(PYARROW11), reason="needs the pyarrow 11 venv")
def test_pyarrow_11_reads_our_arrays(tmp_path):
    arrays = [np.arange(12.0).reshape(3, 4), np.arange(20, dtype=np.int16)[::3], np.arange(6, dtype=np.uint8).reshape(2, 3).T]
    (tmp_path / "mine.bin").write_bytes(_core._serialize(arrays, refuse).to_buffer().to_pybytes())
    script = textwrap.dedent("""
        import sys, warnings, numpy as np, pyarrow as pa
        warnings.simplefilter("ignore")
        out = pa.deserialize(open(sys.argv[1], "rb").read())
        print(";".join("%s|%s|%s" % (a.dtype, a.shape, a.ravel().tolist()) for a in out))
    """)
    result = subprocess.run([PYARROW11, "-c", script, str(tmp_path / "mine.bin")], check=True, capture_output=True,
                            text=True)
    expected = ";".join("%s|%s|%s" % (a.dtype, a.shape, a.ravel().tolist()) for a in arrays)
    assert result.stdout.strip() == expected


@pytest.mark.skipif(not os.path.exists(PYARROW11), reason="needs the pyarrow 11 venv")
def test_tensors_and_sparse_tensors_cross_pyarrow_11_both_ways(tmp_path):
    dense = np.array([[0, 1.5, 0], [2.5, 0, 0]])
    ours = [pa.Tensor.from_numpy(np.arange(6.0).reshape(2, 3)), pa.SparseCOOTensor.from_dense_numpy(dense),
            pa.SparseCSRMatrix.from_dense_numpy(dense), pa.SparseCSCMatrix.from_dense_numpy(dense),
            pa.py_buffer(b"abc")]
    # CSF tensors are left out: pyarrow 11 and the IPC layer disagree on the CSF message (reported).
    (tmp_path / "ours.bin").write_bytes(_core._serialize(ours, refuse).to_buffer().to_pybytes())
    script = textwrap.dedent("""
        import sys, warnings, numpy as np, pyarrow as pa
        warnings.simplefilter("ignore")
        got = pa.deserialize(open(sys.argv[1], "rb").read())
        print(";".join(type(x).__name__ for x in got))
        print(got[0].to_numpy().tolist(), [x.to_numpy()[0].ravel().tolist() for x in got[1:4]], got[4].to_pybytes())
        dense = np.array([[0, 1.5, 0], [2.5, 0, 0]])
        theirs = [pa.Tensor.from_numpy(np.arange(6.0).reshape(2, 3)), pa.SparseCOOTensor.from_dense_numpy(dense),
                  pa.SparseCSRMatrix.from_dense_numpy(dense), pa.SparseCSCMatrix.from_dense_numpy(dense)]
        open(sys.argv[2], "wb").write(pa.serialize(theirs).to_buffer().to_pybytes())
    """)
    result = subprocess.run([PYARROW11, "-c", script, str(tmp_path / "ours.bin"), str(tmp_path / "theirs.bin")],
                            check=True, capture_output=True, text=True)
    names, values = result.stdout.strip().splitlines()
    assert names == "Tensor;SparseCOOTensor;SparseCSRMatrix;SparseCSCMatrix;Buffer"
    assert values == "[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]] [[1.5, 2.5], [1.5, 2.5], [2.5, 1.5]] b'abc'"
    theirs = _core._read_serialized(pa.py_buffer((tmp_path / "theirs.bin").read_bytes()))._deserialize(refuse)
    assert theirs[0].equals(ours[0])
    for got, expected in zip(theirs[1:], ours[1:4]):
        assert type(got) is type(expected)
        assert got.equals(expected)
