"""Dense unions with null slots in IPC metadata V4 (pyarrow < 1.0 wrote them; unions have had no
validity bitmap since): each null slot is re-pointed at an entry of a null child, the union's
first one, else a child "null" appended to its type (docs/ipc.md). Streams built by hand with
legacy_v4_blobs."""

import numpy as np
import pyarrow
import pytest

import arrowpack as pa
import legacy_v4_blobs as legacy


def union_with_null_child(validity_bits):
    """dense_union<n: null=0, i: int64=1> over 3 slots: 10, null, 20 (the null slot at child i, 0)."""
    codes, offsets = [1, 1, 1], [0, 0, 1]
    return legacy.Column(
        pyarrow.dense_union([pyarrow.field("n", pyarrow.null()), pyarrow.field("i", pyarrow.int64())]), 3,
        [np.packbits(validity_bits, bitorder="little").tobytes(), np.array(codes, np.int8).tobytes(),
         np.array(offsets, np.int32).tobytes()],
        [legacy.Column(pyarrow.null(), 0, [], null_count=0),
         legacy.Column(pyarrow.int64(), 2, [None, np.array([10, 20], np.int64).tobytes()])],
        null_count=validity_bits.count(0))


def test_an_existing_null_child_takes_the_nulls_and_the_type_stays():
    reader = pa.ipc.open_stream(legacy.stream_of_column(union_with_null_child([1, 0, 1])))
    batch = reader.read_next_batch()
    assert batch.schema == reader.schema
    column = batch.column(0)
    assert column.to_pylist() == [10, None, 20]
    assert column.type_codes.to_pylist() == [1, 0, 1] and column.offsets.to_pylist() == [0, 0, 1]
    assert column.field(0).to_pylist() == [None]


def test_a_union_without_null_child_gains_one_in_the_batch_schema():
    reader = pa.ipc.open_stream(legacy.stream([1, None, [None]]))
    batch = reader.read_next_batch()
    assert batch.column(0).to_pylist() == [[1, None, [None]]]
    outer = batch.schema.field(0).type.field(0).type.value_type
    assert [f.name for f in outer] == ["1", "9", "null"] and outer.type_codes == [0, 1, 2]
    assert outer.field(2).type == pa.null()
    inner = outer.field(1).type.value_type
    assert [f.name for f in inner] == ["null"] and inner.type_codes == [0]
    # The stream's schema is what its schema message says.
    assert reader.schema.field(0).type.field(0).type.value_type.type_codes == [0, 1]


def test_the_batch_reads_back_in_pyarrow_after_a_round_trip():
    batch = pa.ipc.open_stream(legacy.stream({"k": (None, 1)})).read_next_batch()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    theirs = pyarrow.ipc.open_stream(sink.getvalue().to_pybytes()).read_next_batch()
    assert theirs.column(0).to_pylist() == [[{"keys": "k", "vals": [None, 1]}]]


def test_v5_metadata_refuses_union_nulls():
    with pytest.raises(pa.ArrowInvalid, match="has null count 1 but the type has no validity bitmap"):
        pa.ipc.open_stream(legacy.stream_of_column(union_with_null_child([1, 0, 1]), version=4)).read_next_batch()


@pytest.mark.parametrize("variant, match", [
    (dict(bitmap_bytes=0), "bitmap of 0 bytes is too short for 3 slots"),
    (dict(null_count_delta=1), "declares 2 nulls but its validity bitmap holds 1"),
])
def test_bad_bitmaps_are_refused(variant, match):
    with pytest.raises(pa.ArrowInvalid, match=match):
        pa.ipc.open_stream(legacy.stream_of_column(union_with_null_child([1, 0, 1]), **variant)).read_next_batch()


def test_a_v4_sparse_union_with_nulls_is_refused():
    column = legacy.Column(pyarrow.sparse_union([pyarrow.field("i", pyarrow.int64())]), 2,
                           [b"\x01", np.zeros(2, np.int8).tobytes()],
                           [legacy.Column(pyarrow.int64(), 2, [None, np.arange(2, dtype=np.int64).tobytes()])],
                           null_count=1)
    with pytest.raises(pa.ArrowInvalid, match="sparse_union.* has null count 1 but the type has no validity"):
        pa.ipc.open_stream(legacy.stream_of_column(column)).read_next_batch()


def test_read_all_refuses_batches_whose_types_changed():
    with pytest.raises(pa.ArrowInvalid, match="Schema at index 0 was different"):
        pa.ipc.open_stream(legacy.stream([1, None])).read_all()
