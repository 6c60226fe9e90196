"""The Arrow PyCapsule protocol both ways with pyarrow, polars and nanoarrow: every type (with
nulls, sliced, empty, nested) is imported and exported without copies and compared, and
malformed foreign data is rejected."""

import datetime
import decimal
import gc

import numpy as np
import pyarrow
import pytest

import arrowpack as pa


def _p():
    P = pyarrow
    return {
        "int8": P.array([1, None, -3], P.int8()),
        "uint32": P.array([1, None, 3], P.uint32()),
        "int64": P.array([1, None, 2**40]),
        "uint64": P.array([2**64 - 1, None], P.uint64()),
        "float16": P.array(np.array([1.5, 0.25], dtype=np.float16)),
        "float32": P.array([1.5, None], P.float32()),
        "float64": P.array([1.5, None, -0.0, float("inf")]),
        "bool": P.array([True, None, False, True, False, False, True, True, False]),
        "string": P.array(["a", None, "ccc", ""]),
        "large_string": P.array(["a", None, "ccc"], P.large_string()),
        "string_view": P.array(["short", None, "a string longer than twelve bytes"], P.string_view()),
        "binary": P.array([b"\x00", None, b"xyz"]),
        "large_binary": P.array([b"\x00", None], P.large_binary()),
        "binary_view": P.array([b"x" * 20, None, b"y"], P.binary_view()),
        "fixed_size_binary": P.array([b"ab", None, b"cd"], P.binary(2)),
        "date32": P.array([datetime.date(2020, 1, 1), None], P.date32()),
        "date64": P.array([datetime.date(2020, 1, 1), None], P.date64()),
        "timestamp": P.array([1, None, 3], P.timestamp("s")),
        "timestamp_tz": P.array([1, None], P.timestamp("ms", "America/New_York")),
        "timestamp_ns": P.array([1, None], P.timestamp("ns", "UTC")),
        "time32": P.array([1, None], P.time32("ms")),
        "time64": P.array([1000, None], P.time64("us")),
        "duration": P.array([1, None], P.duration("us")),
        "month_day_nano": P.array([(1, 2, 3), None], P.month_day_nano_interval()),
        "decimal32": P.array([decimal.Decimal("1.5"), None], P.decimal32(5, 1)),
        "decimal64": P.array([decimal.Decimal("-1.5"), None], P.decimal64(15, 1)),
        "decimal128": P.array([decimal.Decimal("123.45"), None], P.decimal128(10, 2)),
        "decimal256": P.array([decimal.Decimal("-1e40"), None], P.decimal256(60, 0)),
        "null": P.array([None, None, None]),
        "list": P.array([[1, None], None, [], [4]]),
        "large_list": P.array([[1, None], None, []], P.large_list(P.int16())),
        "fixed_size_list": P.array([[1, 2], None, [3, None]], P.list_(P.int8(), 2)),
        "list_view": P.array([[1], None, [2, 3]], P.list_view(P.int32())),
        "large_list_view": P.array([[1], None, [2, 3]], P.large_list_view(P.int32())),
        "struct": P.array([{"a": 1, "b": "x"}, None, {"a": None, "b": "z"}]),
        "map": P.array([[("a", 1)], None, []], P.map_(P.string(), P.int64())),
        "dictionary": P.array(["x", "y", None, "x"]).dictionary_encode(),
        "dictionary_of_ints": P.DictionaryArray.from_arrays(P.array([1, 0, None], P.int32()), P.array([10, 20])),
        "sparse_union": P.UnionArray.from_sparse(P.array([0, 1, 0], P.int8()),
                                                 [P.array([1, None, 3]), P.array(["a", "b", None])]),
        "dense_union": P.UnionArray.from_dense(P.array([0, 1, 1], P.int8()), P.array([0, 0, 1], P.int32()),
                                               [P.array([7]), P.array(["a", None])]),
        "run_end_encoded": P.RunEndEncodedArray.from_arrays(P.array([2, 3, 6], P.int32()), P.array([1, None, 2])),
        "nested": P.array([{"l": [{"m": [("k", [1.5])]}]}, None],
                          P.struct([("l", P.list_(P.struct([("m", P.map_(P.string(), P.list_(P.float64())))])))])),
        "extension": P.array([b"0123456789abcdef", None], P.uuid()),
    }


CASES = _p()


def variants(arr):
    yield "whole", arr
    yield "sliced", arr.slice(1)
    yield "empty", arr.slice(0, 0)


def plain(arr):
    return arr.storage if isinstance(arr, pyarrow.ExtensionArray) else arr


@pytest.mark.parametrize("name", sorted(CASES))
def test_import_from_pyarrow_matches_values_types_and_nulls(name):
    for _, theirs in variants(CASES[name]):
        ours = pa.array(theirs)
        assert str(ours.type) == str(theirs.type)
        assert ours.to_pylist() == plain(theirs).to_pylist()
        assert len(ours) == len(theirs) and ours.null_count == theirs.null_count
        assert ours.offset == theirs.offset
        assert str(ours) == str(theirs)
        ours.validate(full=True)


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_to_pyarrow_round_trips(name):
    for _, theirs in variants(CASES[name]):
        back = pyarrow.array(pa.array(theirs))
        back.validate(full=True)
        assert back.equals(theirs)
        assert back.type == theirs.type and back.offset == theirs.offset


@pytest.mark.parametrize("name", sorted(CASES))
def test_exchange_is_zero_copy(name):
    theirs = CASES[name]
    ours = pa.array(theirs)
    for a, b in zip(ours.buffers(), theirs.buffers()):
        assert (a is None) == (b is None)
        if a is not None:
            assert a.address == b.address
    back = pyarrow.array(ours)
    for a, b in zip(back.buffers(), theirs.buffers()):
        if a is not None and b is not None:
            assert a.address == b.address


def test_arrays_built_by_arrowpack_export_to_pyarrow():
    values = [[1, None], None, [3]]
    ours = pa.array(values)
    theirs = pyarrow.array(ours)
    theirs.validate(full=True)
    assert theirs.equals(pyarrow.array(values))
    numbers = np.arange(5, dtype=np.int32)
    exported = pyarrow.array(pa.array(numbers))
    assert exported.buffers()[1].address == numbers.ctypes.data


def test_requested_type_is_honoured_by_pyarrow_and_checked_by_us():
    theirs = pyarrow.array([1, 2], pyarrow.int32())
    assert pa.array(theirs, type=pa.int64()).type == pa.int64()  # pyarrow casts on request
    with pytest.raises(pa.ArrowNotImplementedError, match="casts are not supported"):
        pa.array(pa.array(theirs), type=pa.int64())
    schema_capsule = pa.int64().__arrow_c_schema__()
    ours = pa.array(theirs)
    assert pyarrow.array(ours).type == pyarrow.int32()
    ours.__arrow_c_array__(schema_capsule)  # a hint: our own type comes back
    with pytest.raises(TypeError, match="arrow_schema"):
        ours.__arrow_c_array__(5)


def test_capsules_are_named_and_released_once():
    ours = pa.array(pyarrow.array([1, 2, 3]))
    schema_capsule, array_capsule = ours.__arrow_c_array__()
    assert "arrow_schema" in repr(schema_capsule) and "arrow_array" in repr(array_capsule)
    del schema_capsule, array_capsule  # not consumed: the destructors release them
    stream = pa.table({"a": ours}).__arrow_c_stream__()
    assert "arrow_array_stream" in repr(stream)
    del stream
    assert "arrow_schema" in repr(pa.schema([("a", pa.int8())]).__arrow_c_schema__())


def test_capsules_of_arrowpack_memory_free_it_when_dropped():
    gc.collect()
    before = pa.total_allocated_bytes()
    built = pa.array(list(range(1000)))
    assert pa.total_allocated_bytes() > before
    capsules = built.__arrow_c_array__()
    del built
    gc.collect()
    assert pa.total_allocated_bytes() > before
    theirs = pyarrow.Array._import_from_c_capsule(*capsules)
    del capsules
    assert theirs.to_pylist()[:3] == [0, 1, 2]
    del theirs
    gc.collect()
    assert pa.total_allocated_bytes() == before


def test_record_batches_both_ways():
    theirs = pyarrow.record_batch({"a": [1, None], "b": [["x"], None]}, metadata={"k": "v"})
    ours = pa.record_batch(theirs)
    assert ours.schema.metadata == {b"k": b"v"} and ours.to_pydict() == theirs.to_pydict()
    back = pyarrow.record_batch(ours)
    back.validate(full=True)
    assert back.equals(theirs, check_metadata=True)
    sliced = pa.record_batch(theirs.slice(1))
    assert sliced.to_pydict() == theirs.slice(1).to_pydict()


def test_tables_and_streams_both_ways():
    theirs = pyarrow.Table.from_batches([pyarrow.record_batch({"a": [1, 2]}), pyarrow.record_batch({"a": [3]})])
    ours = pa.table(theirs)
    assert ours.column("a").num_chunks == 2 and ours.to_pydict() == theirs.to_pydict()
    back = pyarrow.table(ours)
    back.validate(full=True)
    assert back.equals(theirs)
    reader = pa.RecordBatchReader.from_stream(theirs)
    assert [b.num_rows for b in reader] == [2, 1]
    their_reader = pyarrow.RecordBatchReader.from_stream(ours)
    assert their_reader.read_all().equals(theirs)
    ours_reader = pa.RecordBatchReader.from_batches(ours.schema, ours.to_batches())
    assert pyarrow.RecordBatchReader.from_stream(ours_reader).read_all().equals(theirs)


def test_chunked_arrays_both_ways():
    theirs = pyarrow.chunked_array([[1, 2], [], [None]])
    ours = pa.chunked_array(theirs)
    assert ours.num_chunks == 3 and ours.to_pylist() == [1, 2, None]
    back = pyarrow.chunked_array(ours)
    assert back.equals(theirs) and back.num_chunks == 3
    assert isinstance(pa.array(theirs), pa.ChunkedArray)


def test_schema_of_a_record_batch_reader():
    reader = pa.RecordBatchReader.from_batches(pa.schema([("a", pa.int64())]), [])
    assert reader.schema == pa.schema([("a", pa.int64())])
    with pytest.raises(StopIteration):
        reader.read_next_batch()
    assert reader.read_all().num_rows == 0


def test_polars_reads_and_writes_arrowpack_tables():
    pl = pytest.importorskip("polars")
    ours = pa.table(pyarrow.table({"i": [1, None, 3], "s": ["a", "b", None], "l": [[1], None, [2, 3]],
                                   "f": [1.5, 2.5, None], "t": pyarrow.array([1, 2, 3], pyarrow.timestamp("us"))}))
    expected = {"i": [1, None, 3], "s": ["a", "b", None], "l": [[1], None, [2, 3]], "f": [1.5, 2.5, None],
                "t": [datetime.datetime(1970, 1, 1, 0, 0, 0, us) for us in (1, 2, 3)]}
    frame = pl.DataFrame(ours)
    assert frame.to_dict(as_series=False) == expected
    # from_arrow treats any non-pyarrow stream as a column of structs.
    assert pl.from_arrow(ours).struct.unnest().to_dict(as_series=False) == expected
    back = pa.table(frame)
    assert back.column("i").to_pylist() == [1, None, 3] and back.column("s").to_pylist() == ["a", "b", None]
    series = pl.Series("x", [1, 2, None])
    assert pa.chunked_array(series).to_pylist() == [1, 2, None]
    numbers = pa.chunked_array([pa.array(np.arange(4, dtype=np.int64))])
    assert pl.Series(numbers).to_list() == [0, 1, 2, 3]


def test_nanoarrow_reads_arrowpack_arrays():
    na = pytest.importorskip("nanoarrow")
    # Not the view types: nanoarrow 0.9 crashes reading them from any producer, pyarrow included.
    for name in ("int64", "string", "list", "struct", "dictionary", "timestamp_tz", "fixed_size_binary"):
        ours = pa.array(CASES[name])
        c_array = na.c_array(ours)
        assert c_array.length == len(ours)
        assert na.Array(ours).to_pylist() == plain(CASES[name]).to_pylist() or name == "timestamp_tz"
    schema = na.c_schema(pa.schema([("a", pa.int32())]))
    assert schema.format == "+s" and schema.child(0).name == "a"
    back = pa.array(na.c_array([1, 2, 3], na.int32()))
    assert back.to_pylist() == [1, 2, 3] and back.type == pa.int32()


def test_corrupt_foreign_arrays_are_rejected():
    bad_offsets = pyarrow.Array.from_buffers(
        pyarrow.string(), 2, [None, pyarrow.py_buffer(np.array([0, 10, 2], dtype=np.int32).tobytes()),
                              pyarrow.py_buffer(b"abc")])
    with pytest.raises(pa.ArrowInvalid):
        pa.array(bad_offsets)
    bad_utf8 = pyarrow.Array.from_buffers(
        pyarrow.string(), 1, [None, pyarrow.py_buffer(np.array([0, 2], dtype=np.int32).tobytes()),
                              pyarrow.py_buffer(b"\xff\xfe")])
    with pytest.raises(pa.ArrowInvalid, match="UTF-8|utf-8|utf8"):
        pa.array(bad_utf8)
    bad_index = pyarrow.DictionaryArray.from_arrays(pyarrow.array([0, 7], pyarrow.int8()), pyarrow.array(["a"]),
                                                    safe=False)
    with pytest.raises(pa.ArrowInvalid):
        pa.array(bad_index)
    bad_list = pyarrow.Array.from_buffers(  # decreasing offsets: only a full validation sees them
        pyarrow.list_(pyarrow.int8()), 2, [None, pyarrow.py_buffer(np.array([0, 5, 1], dtype=np.int32).tobytes())],
        children=[pyarrow.array([1], pyarrow.int8())])
    with pytest.raises(pa.ArrowInvalid):
        pa.array(bad_list)


def test_objects_without_the_protocol_are_rejected_clearly():
    class Liar:
        def __arrow_c_array__(self, requested_schema=None):
            return "not capsules"

    with pytest.raises(TypeError, match="tuple of capsules"):
        pa.array(Liar())

    class WrongCapsule:
        def __arrow_c_schema__(self):
            return pa.array(pyarrow.array([1])).__arrow_c_array__()[1]

    with pytest.raises(TypeError, match="arrow_schema"):
        pa.field(WrongCapsule())

    class FailingStream:
        def __arrow_c_stream__(self, requested_schema=None):
            raise RuntimeError("producer failed")

    with pytest.raises(RuntimeError, match="producer failed"):
        pa.table(FailingStream())


def test_a_consumed_capsule_cannot_be_imported_twice():
    schema_capsule, array_capsule = pa.array(pyarrow.array([1])).__arrow_c_array__()
    pyarrow.Array._import_from_c_capsule(schema_capsule, array_capsule)

    class Replay:
        def __arrow_c_array__(self, requested_schema=None):
            return schema_capsule, array_capsule

    with pytest.raises(pa.ArrowInvalid, match="released"):
        pa.array(Replay())


def test_bare_capsule_importers_like_pyarrow():
    theirs = pyarrow.array([1, None, 3])
    assert pa.DataType._import_from_c_capsule(theirs.type.__arrow_c_schema__()) == pa.int64()
    assert pa.Field._import_from_c_capsule(pyarrow.field("x", pyarrow.int8()).__arrow_c_schema__()).name == "x"
    schema = pa.Schema._import_from_c_capsule(pyarrow.schema([("a", pyarrow.string())]).__arrow_c_schema__())
    assert schema.names == ["a"]
    assert pa.Array._import_from_c_capsule(*theirs.__arrow_c_array__()).to_pylist() == [1, None, 3]
    batch = pyarrow.record_batch({"a": [1]})
    assert pa.RecordBatch._import_from_c_capsule(*batch.__arrow_c_array__()).to_pydict() == {"a": [1]}
    table = pyarrow.table({"a": [1, 2]})
    assert pa.RecordBatchReader._import_from_c_capsule(table.__arrow_c_stream__()).read_all().num_rows == 2
    chunked = pyarrow.chunked_array([[1], [2]])
    assert pa.ChunkedArray._import_from_c_capsule(chunked.__arrow_c_stream__()).num_chunks == 2
    with pytest.raises(TypeError, match="arrow_array_stream"):
        pa.ChunkedArray._import_from_c_capsule(theirs.type.__arrow_c_schema__())
