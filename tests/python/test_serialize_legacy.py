"""Real blobs written by pyarrow 0.14.1 (Python 2.7) and 1.0.0 (Python 3.5) for openprescribing
deserialize to the right values: the raw .bin files and every row of the sqlite files (the
compressed rows decompressed with arrowpack's own zstd / LZ4 frame codecs).

expected-values.json holds the values of the 1.0.0 file only: the 0.14.1 file was generated with
other random values (its bytes do not contain them). For 0.14.1 the expected arrays come from an
independent reader instead: pyarrow 26 reads the blob's tensor messages (the layout is the 3-int
header, the pre-0.15 IPC stream, then 64-byte aligned tensors), and the dense/sparse structure is
the writer's: one ndarray, or the csc parts (data, indices, indptr) with shape 16x4.
"""

import json
import pathlib
import sqlite3

import numpy as np
import pyarrow
import pytest
import scipy.sparse

import arrowpack as pa

DATA = pathlib.Path("/work/shared/testdata/legacy-openprescribing")
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="the legacy blobs are not on this machine")

VERSIONS = ["0.14.1", "1.0.0"]
# Chosen by the frame's magic number. Both sqlite files hold LZ4 frames (SOURCE.md's "zstd for
# 0.14.1" describes the older 0.13.0 file, which is not here).
CODEC_BY_MAGIC = {bytes.fromhex("04224d18"): "lz4", bytes.fromhex("28b52ffd"): "zstd"}


def _expected():
    return json.loads((DATA / "expected-values.json").read_text())


def _context():
    # The writer's registration (openprescribing's matrixstore/serializer.py): csc_matrix as "csc".
    context = pa.SerializationContext()
    context.register_type(
        scipy.sparse.csc_matrix, "csc",
        custom_serializer=lambda m: ((m.data, m.indices, m.indptr), m.shape),
        custom_deserializer=lambda d: scipy.sparse.csc_matrix(tuple(d[0]), shape=tuple(d[1])))
    return context


def _tensors_read_by_pyarrow(blob):
    """The 0.14.1 blob's tensors, read by pyarrow 26 (an oracle independent of arrowpack)."""
    reader = pyarrow.BufferReader(blob)
    reader.seek(16)  # 3 x int32 counts and 4 bytes of padding
    pyarrow.ipc.open_stream(reader).read_next_batch()
    tensors = []
    position = reader.tell()
    while (position := -(-position // 64) * 64) < len(blob):
        reader.seek(position)
        tensors.append(pyarrow.ipc.read_tensor(reader).to_numpy())
        position = reader.tell()
    return tensors


def _expected_0_14_1(blob, key):
    tensors = _tensors_read_by_pyarrow(blob)
    if key.startswith("sparse"):
        return {"type": "csc_matrix", "value": scipy.sparse.csc_matrix(tuple(tensors), shape=(16, 4)).toarray()}
    (dense,) = tensors
    return {"type": "ndarray", "value": dense}


def _check(value, expected):
    want = np.asarray(expected["value"])
    if expected["type"] == "csc_matrix":
        assert isinstance(value, scipy.sparse.csc_matrix)
        dense = value.toarray()
    else:
        assert isinstance(value, np.ndarray)
        assert not value.flags.writeable  # a zero-copy view on the blob
        dense = value
    assert dense.shape == (16, 4)
    assert (dense.dtype.kind in "iu") == (want.dtype.kind in "iu")  # the json has no unsigned ints
    np.testing.assert_array_equal(dense, want)


def _sqlite_rows(version):
    with sqlite3.connect(f"file:{DATA / f'pyarrow-{version}.sqlite'}?mode=ro", uri=True) as con:
        return dict(con.execute("SELECT key, value FROM data"))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("key", sorted(k for k in _expected() if k.endswith(".uncompressed")))
def test_raw_bin_file(version, key):
    blob = (DATA / f"pyarrow-{version}_{key}.bin").read_bytes()
    expected = _expected()[key] if version == "1.0.0" else _expected_0_14_1(blob, key)
    _check(pa.deserialize(blob, context=_context()), expected)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("key", sorted(_expected()))
def test_sqlite_row(version, key):
    blob = _sqlite_rows(version)[key]
    if key.endswith(".compressed"):
        blob = pa.CompressedInputStream(pa.BufferReader(blob), CODEC_BY_MAGIC[blob[:4]]).read()
    expected = _expected()[key] if version == "1.0.0" else _expected_0_14_1(blob, key)
    _check(pa.deserialize(blob, context=_context()), expected)


def test_1_0_0_values_are_not_in_the_0_14_1_file():
    # Guards the docstring's claim: if this fails, compare 0.14.1 with the json file again.
    blob = (DATA / "pyarrow-0.14.1_dense.float.uncompressed.bin").read_bytes()
    want = np.array(_expected()["dense.float.uncompressed"]["value"])
    assert want.max() > 0 and want.max().tobytes() not in blob


@pytest.mark.parametrize("version", VERSIONS)
def test_uncompressed_rows_are_the_bin_files(version):
    rows = _sqlite_rows(version)
    for key in _expected():
        if key.endswith(".uncompressed"):
            assert rows[key] == (DATA / f"pyarrow-{version}_{key}.bin").read_bytes()


def test_sparse_blob_without_the_csc_handler_names_the_type_id():
    blob = (DATA / "pyarrow-1.0.0_sparse.float.uncompressed.bin").read_bytes()
    with pytest.raises(pa.DeserializationCallbackError, match="csc") as info:
        pa.deserialize(blob)
    assert info.value.type_id == "csc"
