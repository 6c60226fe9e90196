"""The PyCapsule exchange matrix (issue 3): every type of arrow_types_catalog, whole, sliced and
empty, built natively in arrowpack and in the peer, crosses the Arrow PyCapsule protocol both ways
with pyarrow (arrays, record batches, tables, streams), polars and nanoarrow, and is compared by
value, type, nulls, offset and buffer address (zero-copy)."""

import struct

import nanoarrow as na
import numpy as np
import polars as pl
import pyarrow
import pytest
from nanoarrow.c_array_stream import CArrayStream

import arrowpack as pa
from arrow_types_catalog import (  # noqa: F401 (the frozen_* fixtures apply to this module)
    CASES, NANOARROW_VIEW_CRASH, StreamOnly, as_batch, frozen_heap, frozen_objects, variants)

PYARROW_CASES = [case for case in CASES if case.pyarrow_array]
INTERVAL_CASES = [case for case in CASES if not case.pyarrow_array]
VARIANTS = ["whole", "sliced", "empty"]
# pyarrow's own C importer gives an empty view-array slice with offset > 0 a zero-length views buffer,
# so its full validation fails even for pyarrow's own capsules (see is_empty_view_slice and the test
# test_pyarrow_itself_rejects_its_empty_view_slices_after_a_capsule_round_trip).


def pair(case, variant):
    """(ours, theirs): the variant of the case built by arrowpack and by pyarrow."""
    index = VARIANTS.index(variant)
    return variants(case.build(pa))[index][1], variants(case.build(pyarrow))[index][1]


def addresses(array):
    return [None if b is None else b.address for b in array.buffers()]


def assert_same_buffers(left, right):
    assert len(left.buffers()) == len(right.buffers())
    for a, b in zip(left.buffers(), right.buffers()):
        if a is not None and b is not None and a.size and b.size:
            assert a.address == b.address


def imported_offset(array):
    """The offset arrowpack keeps on import: an empty array's offset is dropped (see c_data_import.cc)."""
    return array.offset if len(array) else 0


def is_empty_view_slice(array):
    return len(array) == 0 and array.offset > 0 and "view" in str(array.type) and "list" not in str(array.type)


def cases(selection):
    return pytest.mark.parametrize("case", selection, ids=[c.name for c in selection])


variant_param = pytest.mark.parametrize("variant", VARIANTS)


@cases(PYARROW_CASES)
@variant_param
def test_arrowpack_arrays_read_by_pyarrow(case, variant):
    ours, expected = pair(case, variant)
    theirs = pyarrow.array(ours)
    if not is_empty_view_slice(theirs):
        theirs.validate(full=True)
    assert theirs.type == expected.type
    assert theirs.equals(expected)
    assert (len(theirs), theirs.offset, theirs.null_count) == (len(ours), ours.offset, ours.null_count)
    assert_same_buffers(theirs, ours)


@cases(PYARROW_CASES)
@variant_param
def test_pyarrow_arrays_read_by_arrowpack(case, variant):
    native, theirs = pair(case, variant)
    ours = pa.array(theirs)
    ours.validate(full=True)
    assert ours.type == native.type
    if not isinstance(theirs.type, pyarrow.BaseExtensionType):  # pyarrow prints parameters of known ones
        assert str(ours.type) == str(theirs.type)
    assert ours.equals(native)
    assert ours.to_pylist() == native.to_pylist()
    assert (len(ours), ours.offset, ours.null_count) == (len(theirs), imported_offset(theirs), theirs.null_count)
    assert_same_buffers(ours, theirs)


def test_pyarrow_itself_rejects_its_empty_view_slices_after_a_capsule_round_trip():
    sliced = pyarrow.array(["a", None, "b"], pyarrow.string_view()).slice(1, 0)
    again = pyarrow.Array._import_from_c_capsule(*sliced.__arrow_c_array__())
    with pytest.raises(pyarrow.ArrowInvalid, match="View buffer size"):
        again.validate(full=True)


@cases(PYARROW_CASES)
def test_batches_tables_and_streams_to_pyarrow(case):
    chunks = [array for _, array in variants(case.build(pa))]
    expected_chunks = [array for _, array in variants(case.build(pyarrow))]
    for ours, expected in zip(chunks, expected_chunks):
        batch = pyarrow.record_batch(as_batch(pa, ours))
        assert batch.equals(as_batch(pyarrow, expected))
    expected_table = pyarrow.Table.from_batches([as_batch(pyarrow, a) for a in expected_chunks])
    ours_batches = [as_batch(pa, a) for a in chunks]
    ours_table = pa.Table.from_batches(ours_batches)
    assert pyarrow.table(ours_table).equals(expected_table)
    assert pyarrow.RecordBatchReader.from_stream(ours_table).read_all().equals(expected_table)
    reader = pa.RecordBatchReader.from_batches(ours_table.schema, ours_batches)
    streamed = list(pyarrow.RecordBatchReader.from_stream(reader))
    assert [b.num_rows for b in streamed] == [len(a) for a in chunks]  # the empty batch too
    assert pyarrow.Table.from_batches(streamed).equals(expected_table)
    assert pyarrow.chunked_array(pa.chunked_array(chunks)).equals(pyarrow.chunked_array(expected_chunks))
    for ours, expected in zip(ours_batches, expected_chunks):  # a batch is a one-batch stream too
        assert pyarrow.RecordBatchReader.from_stream(ours).read_all().equals(
            pyarrow.Table.from_batches([as_batch(pyarrow, expected)]))


@cases(PYARROW_CASES)
def test_batches_tables_and_streams_from_pyarrow(case):
    natives = [array for _, array in variants(case.build(pa))]
    theirs = [array for _, array in variants(case.build(pyarrow))]
    for native, their in zip(natives, theirs):
        batch = pa.record_batch(as_batch(pyarrow, their))
        batch.validate(full=True)
        assert batch.equals(as_batch(pa, native))
    their_batches = [as_batch(pyarrow, a) for a in theirs]
    table = pyarrow.Table.from_batches(their_batches)
    expected = pa.Table.from_batches([as_batch(pa, a) for a in natives])
    assert pa.table(table).equals(expected)
    assert pa.RecordBatchReader.from_stream(table).read_all().equals(expected)
    reader = pyarrow.RecordBatchReader.from_batches(table.schema, their_batches)
    assert [b.num_rows for b in pa.RecordBatchReader.from_stream(reader)] == [len(a) for a in theirs]
    assert pa.chunked_array(pyarrow.chunked_array(theirs)).equals(pa.chunked_array(natives))


def nanoarrow_interval(case):
    """The interval case built by nanoarrow alone, as a one-column struct (pyarrow has no array class)."""
    ours = case.build(pa)
    child = na.c_array(ours)  # only to learn the schema; the buffers are copied below
    data = bytes(memoryview(ours.buffers()[1]))
    validity = bytes(memoryview(ours.buffers()[0]))
    rebuilt = na.c_array_from_buffers(child.schema, len(ours), [validity, data])
    return na.c_array_from_buffers(na.struct({"c": child.schema}), len(ours), [None], children=[rebuilt])


@cases(INTERVAL_CASES)
def test_intervals_through_pyarrow_record_batches(case):
    ours = case.build(pa)
    reference = pyarrow.RecordBatch._import_from_c_capsule(*nanoarrow_interval(case).__arrow_c_array__())
    theirs = pyarrow.record_batch(as_batch(pa, ours))
    assert theirs.schema.field("c").type == reference.schema.field("c").type
    assert theirs.equals(reference)
    back = pa.record_batch(theirs)
    back.validate(full=True)
    assert back.equals(as_batch(pa, ours))
    assert addresses(back.column(0)) == addresses(ours)
    sliced = pa.record_batch(pyarrow.record_batch(as_batch(pa, ours.slice(1))))
    assert sliced.column(0).offset == 1 and sliced.column(0).to_pylist() == ours.to_pylist()[1:]
    assert pa.record_batch(reference).column(0).to_pylist() == ours.to_pylist()


def test_interval_values():
    months = CASES[[c.name for c in CASES].index("month_interval")].build(pa)
    assert months.to_pylist() == [1, None, -3, 12]
    day_time = CASES[[c.name for c in CASES].index("day_time_interval")].build(pa)
    assert str(day_time.type) == "day_time_interval" and day_time.null_count == 1


def extension_markers(type_):
    """The extension name and metadata a type carries in its C schema, read by nanoarrow."""
    return dict(na.c_schema(type_).metadata)


@cases([c for c in CASES if c.name.startswith("extension")])
def test_extension_name_and_metadata_survive_both_ways(case):
    ours = case.build(pa)
    markers = extension_markers(case.build(pyarrow).type)
    assert markers[b"ARROW:extension:name"] == ours.type.extension_name.encode()
    assert markers[b"ARROW:extension:metadata"] == ours.type.__arrow_ext_serialize__()
    assert extension_markers(ours.type) == markers
    theirs = pyarrow.array(ours)
    assert extension_markers(theirs.type) == markers
    back = pa.array(theirs)
    assert extension_markers(back.type) == markers
    assert back.storage.equals(ours.storage)


def test_unregistered_extension_types_travel_as_field_metadata():
    metadata = {b"ARROW:extension:name": b"interop.unknown", b"ARROW:extension:metadata": b"\x00v1"}
    field = pyarrow.field("x", pyarrow.int32(), metadata=metadata)
    batch = pyarrow.RecordBatch.from_arrays([pyarrow.array([1, None, 3], pyarrow.int32())],
                                            schema=pyarrow.schema([field]))
    ours = pa.record_batch(batch)
    assert ours.schema.field("x").type.extension_name == "interop.unknown"
    assert ours.schema.field("x").type.__arrow_ext_serialize__() == b"\x00v1"
    back = pyarrow.record_batch(ours)
    assert back.schema.field("x").metadata == metadata
    assert back.column(0).to_pylist() == [1, None, 3]


# ---- polars ----------------------------------------------------------------------------------------
# Both sides reach polars through the C stream only (pyarrow objects get a fast path of their own
# in polars), so any difference is ours.

POLARS_CASES = [case for case in PYARROW_CASES if not case.polars]
POLARS_SKIPPED = [case for case in CASES if case.polars]
POLARS_SLICED_FIXED_SIZE_LIST = ("polars 2.1 rejects sliced fixed-size lists from any producer, pyarrow included "
                                 "(validity mask length must be equal to the number of values divided by size)")


def polars_series(chunked):
    return pl.Series("c", StreamOnly(chunked))


def skip_polars_limits(case, variant):
    if variant == "sliced" and case.name in ("fixed_size_list", "extension_fixed_shape_tensor"):
        pytest.skip(POLARS_SLICED_FIXED_SIZE_LIST)


@cases(POLARS_CASES)
@variant_param
def test_polars_reads_arrowpack_like_pyarrow(case, variant):
    skip_polars_limits(case, variant)
    ours, theirs = pair(case, variant)
    from_ours = polars_series(pa.chunked_array([ours], type=ours.type))
    from_theirs = polars_series(pyarrow.chunked_array([theirs], type=theirs.type))
    assert from_ours.dtype == from_theirs.dtype
    assert from_ours.to_arrow().equals(from_theirs.to_arrow())
    if case.name in ("decimal32", "decimal64"):
        return  # DataFrames of them crash polars 2.1 (segfault in equals, panic in to_arrow), pyarrow's too
    frame = pl.DataFrame(StreamOnly(pa.table(as_batch(pa, ours))))
    assert frame.equals(pl.DataFrame(StreamOnly(pyarrow.table(as_batch(pyarrow, theirs)))), null_equal=True)


@cases(POLARS_CASES)
@variant_param
def test_arrowpack_reads_polars_like_pyarrow(case, variant):
    skip_polars_limits(case, variant)
    _, theirs = pair(case, variant)
    series = polars_series(pyarrow.chunked_array([theirs], type=theirs.type))
    ours = pa.chunked_array(series)
    ours.validate(full=True)
    assert pyarrow.chunked_array(ours).equals(pyarrow.chunked_array(StreamOnly(series)))
    table = pa.table(series.to_frame())
    assert pyarrow.table(table).equals(pyarrow.table(StreamOnly(series.to_frame())))


@cases(POLARS_SKIPPED)
def test_polars_really_lacks_the_skipped_types(case):
    producers = [case.build(pa)] + ([case.build(pyarrow)] if case.pyarrow_array else [])
    for array in producers:
        with pytest.raises(BaseException) as info:  # polars panics (pyo3 PanicException) on some types
            polars_series(type(array).__module__.startswith("pyarrow") and pyarrow.chunked_array([array])
                          or pa.chunked_array([array]))
        assert not isinstance(info.value, (pa.ArrowException, pyarrow.ArrowException))


def test_polars_shares_arrowpack_buffers():
    numbers = pa.array(np.arange(1000, dtype=np.int64))
    series = pl.Series("n", pa.chunked_array([numbers]))
    back = pa.chunked_array(series).chunk(0)
    assert back.buffers()[1].address == numbers.buffers()[1].address


# ---- nanoarrow -------------------------------------------------------------------------------------


def nanoarrow_reference(case, variant):
    if case.pyarrow_array:
        return pair(case, variant)[1]
    return variants(case.build(pa))[VARIANTS.index(variant)][1]


@cases(CASES)
@variant_param
@pytest.mark.filterwarnings("ignore:.*Converting unregistered extension")  # nanoarrow reads their storage
@pytest.mark.filterwarnings("ignore:.*nanoseconds discarded")  # both sides go through the same lossy iterator
def test_nanoarrow_reads_arrowpack(case, variant):
    ours = variants(case.build(pa))[VARIANTS.index(variant)][1]
    c_array = na.c_array(ours)
    assert (c_array.length, c_array.offset) == (len(ours), ours.offset)
    assert c_array.null_count in (-1, ours.null_count)  # the C interface allows "not computed yet"
    reference = na.c_array(nanoarrow_reference(case, variant))
    assert c_array.schema.format == reference.schema.format
    if case.nanoarrow:
        pytest.skip(case.nanoarrow)
    if case.pyarrow_array:
        assert na.Array(c_array).to_pylist() == na.Array(reference).to_pylist()
    else:
        assert [v is None for v in na.Array(c_array).to_pylist()] == [v is None for v in ours.to_pylist()]


@cases(CASES)
@variant_param
def test_arrowpack_reads_nanoarrow(case, variant):
    if case.nanoarrow == NANOARROW_VIEW_CRASH:
        pytest.skip(case.nanoarrow)
    native = variants(case.build(pa))[VARIANTS.index(variant)][1]
    moved = na.c_array(nanoarrow_reference(case, variant))  # nanoarrow's ArrowArray, exported again by nanoarrow
    ours = pa.array(moved)
    ours.validate(full=True)
    assert ours.equals(native)
    assert ours.offset == imported_offset(native)


def test_nanoarrow_shares_arrowpack_buffers():
    ours = pa.array(["a", None, "ccc"]).slice(1)
    view = na.c_array(ours).view()
    assert [b.address for b in ours.buffers()] == [np.frombuffer(view.buffer(i), np.uint8).ctypes.data
                                                   for i in range(3)]
    back = pa.array(na.c_array(ours))
    assert [b.address for b in back.buffers()] == [b.address for b in ours.buffers()]


def test_arrays_built_by_nanoarrow():
    assert pa.array(na.c_array([1, None, 3], na.int32())).to_pylist() == [1, None, 3]
    assert pa.array(na.c_array(["a", None], na.string())).to_pylist() == ["a", None]
    assert pa.array(na.c_array([1, None, -3], na.interval_months())).to_pylist() == [1, None, -3]
    assert pa.array(na.c_array([1.5, None], na.float16())).to_pylist() == [1.5, None]


def test_nanoarrow_streams_both_ways():
    batches = [as_batch(pa, array) for _, array in variants(pa.array([1, None, 3]))]
    table = pa.Table.from_batches(batches)
    stream = na.c_array_stream(pa.RecordBatchReader.from_batches(table.schema, batches))
    assert [b.length for b in stream] == [3, 2, 0]
    reader = pa.RecordBatchReader.from_stream(na.c_array_stream(table))
    assert reader.read_all().equals(table)
    built = CArrayStream.from_c_arrays([na.c_array([1, 2], na.int64()), na.c_array([3], na.int64())],
                                       na.c_schema(na.int64()))
    chunked = pa.chunked_array(built)
    assert chunked.num_chunks == 2 and chunked.to_pylist() == [1, 2, 3]


# ---- malformed foreign data ------------------------------------------------------------------------
# Built by nanoarrow without validation (or by pyarrow's from_buffers, which does not validate). The
# C Data interface carries no buffer sizes, so what can be checked is everything the offsets, lengths,
# type ids and bytes say about each other; each violation is an ArrowInvalid naming it.


def raw(values, dtype):
    return np.array(values, dtype=dtype).tobytes()


def unchecked(schema, length, buffers, children=()):
    return na.c_array_from_buffers(schema, length, buffers, children=list(children), validation_level="none")


MALFORMED = {
    "decreasing large_binary offsets": (
        lambda: unchecked(na.large_binary(), 2, [None, raw([0, 3, 1], np.int64), b"abc"]), "negative length"),
    "invalid UTF-8 in a large_string": (
        lambda: unchecked(na.large_string(), 1, [None, raw([0, 2], np.int64), b"\xc3\x28"]), "invalid UTF-8"),
    "invalid UTF-8 inline in a string_view": (
        lambda: pyarrow.Array.from_buffers(pyarrow.string_view(), 1,
                                           [None, pyarrow.py_buffer(struct.pack("<i12s", 2, b"\xff\xfe"))]),
        "invalid UTF-8"),
    "a view into a missing variadic buffer": (
        lambda: pyarrow.Array.from_buffers(pyarrow.binary_view(), 1,
                                           [None, pyarrow.py_buffer(struct.pack("<i4sii", 20, b"abcd", 3, 0)),
                                            pyarrow.py_buffer(b"x" * 20)]),
        "variadic buffer 3"),
    "list offsets past the child": (
        lambda: unchecked(na.list_(na.int32()), 2, [None, raw([0, 1, 5], np.int32)], [na.c_array([1, 2], na.int32())]),
        "beyond the child length"),
    "a struct child shorter than the struct": (
        lambda: unchecked(na.struct({"a": na.int32(), "b": na.int32()}), 3, [None],
                          [na.c_array([1, 2, 3], na.int32()), na.c_array([1], na.int32())]),
        "too short"),
    "a fixed-size list child too short": (
        lambda: unchecked(na.fixed_size_list(na.int32(), 2), 3, [None], [na.c_array([1, 2, 3], na.int32())]),
        "too short"),
    "a dense union offset outside its child": (
        lambda: unchecked(na.dense_union([na.int32()]), 2, [raw([0, 0], np.int8), raw([0, 7], np.int32)],
                          [na.c_array([1], na.int32())]),
        "outside child 0"),
    "an unknown union type code": (
        lambda: unchecked(na.sparse_union([na.int32()]), 2, [raw([0, 5], np.int8)], [na.c_array([1, 2], na.int32())]),
        "type code 5"),
    "run ends that stop short": (
        lambda: unchecked(na.c_schema(pyarrow.run_end_encoded(pyarrow.int32(), pyarrow.int64())), 4, [],
                          [na.c_array([3, 2], na.int32()), na.c_array([1, 2], na.int64())]),
        "run end"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_foreign_arrays_are_rejected(name):
    make, message = MALFORMED[name]
    with pytest.raises(pa.ArrowInvalid, match=message):
        pa.array(make())


def mismatched_columns():
    return unchecked(na.struct({"a": na.int32(), "b": na.string()}), 3, [None],
                     [na.c_array([1, 2, 3], na.int32()), na.c_array(["x"], na.string())])


def test_mismatched_column_lengths_are_rejected_in_batches_tables_and_streams():
    with pytest.raises(pa.ArrowInvalid, match="child 1 .* too short"):
        pa.record_batch(mismatched_columns())
    with pytest.raises(pa.ArrowInvalid, match="too short"):
        pa.table(mismatched_columns())
    good = na.c_array_from_buffers(na.struct({"a": na.int32(), "b": na.string()}), 1, [None],
                                   children=[na.c_array([1], na.int32()), na.c_array(["x"], na.string())])
    stream = CArrayStream.from_c_arrays([good, mismatched_columns()], good.schema, validate=False)
    reader = pa.RecordBatchReader.from_stream(stream)
    assert reader.read_next_batch().num_rows == 1
    with pytest.raises(pa.ArrowInvalid, match="too short"):
        reader.read_next_batch()
