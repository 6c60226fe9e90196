"""Bad input to deserialize: every truncation, wrong counts, unknown tags, oversized lengths and
corrupt handler payloads give a clear exception, never a crash."""

import struct

import numpy as np
import pyarrow
import pytest

import arrowpack as pa


@pytest.fixture(scope="module")
def small_blob():
    value = {"a": [1, "two", 3.0, None, (True,)], "arr": np.arange(6, dtype="i4").reshape(2, 3),
             "buf": pa.py_buffer(b"xyz"), "s": {1, 2}}
    return pa.serialize(value, context=pa.SerializationContext()).to_buffer().to_pybytes()


def test_every_truncation_raises_arrow_invalid(small_blob):
    for size in range(len(small_blob)):
        with pytest.raises(pa.ArrowInvalid):
            pa.deserialize(small_blob[:size], context=pa.SerializationContext())


def test_every_single_byte_corruption_is_handled(small_blob):
    for position in range(len(small_blob)):
        corrupt = bytearray(small_blob)
        corrupt[position] ^= 0xFF
        try:
            pa.deserialize(bytes(corrupt), context=pa.SerializationContext())
        except pa.ArrowInvalid:
            pass


def test_invalid_utf8_in_a_str_is_arrow_invalid(small_blob):
    position = small_blob.index(b"two")
    corrupt = small_blob[:position] + b"\xff" + small_blob[position + 1:]
    with pytest.raises(pa.ArrowInvalid, match="invalid UTF-8 in value at row 0 of type string"):
        pa.deserialize(corrupt, context=pa.SerializationContext())


@pytest.mark.parametrize("field,count", [(0, 1), (1, 1), (2, 2), (2, 0), (3, 5), (0, -1), (2, 2**31 - 1)])
def test_wrong_header_counts(small_blob, field, count):
    header = list(struct.unpack_from("<4i", small_blob))
    assert header[2:] == [1, 1] and header[field] != count
    header[field] = count
    with pytest.raises(pa.ArrowInvalid):
        pa.deserialize(struct.pack("<4i", *header) + small_blob[16:], context=pa.SerializationContext())


def test_oversized_buffer_length(small_blob):
    # The last buffer is "xyz" with its int64 length prefix just before it.
    assert small_blob.endswith(b"xyz")
    prefix = len(small_blob) - 3 - 8
    for length in (4, 2**40, 2**63 - 1, -1):
        corrupt = small_blob[:prefix] + struct.pack("<q", length) + b"xyz"
        with pytest.raises(pa.ArrowInvalid):
            pa.deserialize(corrupt, context=pa.SerializationContext())


def test_wrong_number_of_component_buffers():
    components = pa.serialize([np.arange(3), np.arange(4)]).to_components()
    for data in (components["data"][:-1], components["data"] + [pa.py_buffer(b"extra")], []):
        with pytest.raises(pa.ArrowInvalid, match="Invalid number of buffers"):
            pa.deserialize_components(dict(components, data=data))


def _blob_with_union(children, type_ids, offsets, values):
    """A blob whose one-row union batch is built by pyarrow 26 from the given children."""
    union = pyarrow.UnionArray.from_dense(pyarrow.array(type_ids, pyarrow.int8()),
                                          pyarrow.array(offsets, pyarrow.int32()), values,
                                          field_names=children)
    batch = pyarrow.record_batch([union], names=["list"])
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    stream = sink.getvalue().to_pybytes()
    return struct.pack("<4i", 0, 0, 0, 0) + stream + b"\0" * (-len(stream) % 64)


def test_sparse_component_beyond_its_body_is_refused():
    csf = pa.SparseCSFTensor.from_dense_numpy(np.arange(8.0).reshape(2, 2, 2))
    components = pa.serialize(csf).to_components()
    data = list(components["data"])
    data[2] = pa.py_buffer(b"")  # the first index buffer: the values' offset no longer fits
    with pytest.raises(pa.ArrowInvalid, match="sparse tensor body buffer at offset .* does not fit"):
        pa.deserialize_components(dict(components, data=data))


def test_handmade_blob_is_read():
    blob = _blob_with_union(["0", "2"], [1], [0], [pyarrow.nulls(0), pyarrow.array([42], pyarrow.int64())])
    assert pa.deserialize(blob) == 42


def test_unknown_tag_is_refused():
    blob = _blob_with_union(["0", "99"], [1], [0], [pyarrow.nulls(0), pyarrow.array([42], pyarrow.int64())])
    with pytest.raises(pa.ArrowInvalid, match="99"):
        pa.deserialize(blob)


def test_child_of_the_wrong_type_is_refused():
    blob = _blob_with_union(["0", "5"], [1], [0], [pyarrow.nulls(0), pyarrow.array([42], pyarrow.int64())])
    with pytest.raises(pa.ArrowInvalid):
        pa.deserialize(blob)


def test_index_beyond_the_ndarrays_is_refused():
    blob = _blob_with_union(["0", "15"], [1], [0], [pyarrow.nulls(0), pyarrow.array([3], pyarrow.int32())])
    with pytest.raises(pa.ArrowInvalid):
        pa.deserialize(blob)


def test_ndarray_handler_refuses_to_view_bytes_as_objects():
    payload = {"_pytype_": "np.array", "data": (np.zeros(16, np.uint8), [("f", "|O")])}
    buf = pa.serialize(payload, context=pa.SerializationContext()).to_buffer()
    with pytest.raises(ValueError, match="object dtype"):
        pa.deserialize(buf)


@pytest.mark.parametrize("type_id,data,error,match", [
    ("numpy.scalar", ("<f8", b"\0" * 3), ValueError, "needs 8 bytes"),
    ("np.array", ([1, 2], "<f8"), TypeError, "uint8 ndarray"),
    ("datetime.datetime", (2020, 1, 1, 0, 0, 0, 0, 0, ("mars", 1)), ValueError, "time zone encoding"),
    ("datetime.datetime", (2020, 1, 1, 0, 0, 0, 0, 0, ("zoneinfo", "../../etc/passwd")), ValueError, "TZPATH"),
    ("arrowpack.pd.Index", ("tree", 1), ValueError, "pandas index encoding"),
    ("arrowpack.pd.Series", {"index": ("range", 0, 1, 1, None), "name": None, "values": ("?", 1)},
     ValueError, "pandas values encoding"),
    ("scipy.sparse.csr.csr_matrix", ("csr", b"not a tensor"), ValueError, "scipy sparse payload"),
])
def test_malformed_handler_payloads(type_id, data, error, match):
    buf = pa.serialize({"_pytype_": type_id, "data": data}, context=pa.SerializationContext()).to_buffer()
    with pytest.raises(error, match=match):
        pa.deserialize(buf)
