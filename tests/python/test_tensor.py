"""Tensor and the sparse tensor classes: zero-copy numpy exchange, attributes, conversions
between formats, scipy.sparse interop and bad input."""

import numpy as np
import pytest

import arrowpack as pa


def test_tensor_from_numpy_is_zero_copy():
    data = np.arange(6, dtype=np.int64).reshape(2, 3)
    tensor = pa.Tensor.from_numpy(data, dim_names=["rows", "cols"])
    assert tensor.shape == (2, 3) and tensor.strides == (24, 8) and tensor.ndim == 2 and tensor.size == 6
    assert tensor.type == pa.int64() and tensor.dim_names == ["rows", "cols"] and tensor.dim_name(1) == "cols"
    assert tensor.is_contiguous and tensor.is_row_major and not tensor.is_column_major and tensor.is_mutable
    view = tensor.to_numpy()
    assert np.shares_memory(view, data) and (view == data).all()
    assert not view.flags.writeable
    data[0, 0] = 100
    assert tensor.to_numpy()[0, 0] == 100


def test_tensor_keeps_its_memory_alive():
    tensor = pa.Tensor.from_numpy(np.arange(4, dtype=np.float32))
    view = tensor.to_numpy()
    del tensor
    assert view.tolist() == [0.0, 1.0, 2.0, 3.0]


def test_tensor_strided_and_fortran_layouts():
    base = np.arange(12, dtype=np.int32).reshape(3, 4)
    strided = pa.Tensor.from_numpy(base[:, ::2])
    assert strided.strides == (16, 8) and not strided.is_contiguous
    assert (strided.to_numpy() == base[:, ::2]).all()
    fortran = pa.Tensor.from_numpy(np.asfortranarray(base))
    assert fortran.is_column_major and (fortran.to_numpy() == base).all()


def test_tensor_equality_and_repr():
    a = pa.Tensor.from_numpy(np.arange(6.0).reshape(2, 3))
    b = pa.Tensor.from_numpy(np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    assert a.equals(b) and a == b
    assert a != pa.Tensor.from_numpy(np.zeros((2, 3)))
    assert repr(a) == "<arrowpack.Tensor>\ntype: double\nshape: (2, 3)\nstrides: (24, 8)"


def test_tensor_bad_input():
    with pytest.raises(pa.ArrowInvalid, match="Negative ndarray strides not supported"):
        pa.Tensor.from_numpy(np.arange(6)[::-1])
    with pytest.raises(TypeError, match="tensors hold integers or floats"):
        pa.Tensor.from_numpy(np.array(["a"]))
    with pytest.raises(TypeError, match="expected a numpy ndarray"):
        pa.Tensor.from_numpy([1, 2])
    with pytest.raises(pa.ArrowInvalid):
        pa.Tensor.from_numpy(np.arange(2), dim_names=["a", "b"])


DENSE = np.array([[0, 1.5, 0], [2.0, 0, 3.0]])


@pytest.mark.parametrize("cls", ["SparseCOOTensor", "SparseCSRMatrix", "SparseCSCMatrix", "SparseCSFTensor"])
def test_sparse_from_dense_and_back(cls):
    sparse = getattr(pa, cls).from_dense_numpy(DENSE, dim_names=["r", "c"])
    assert sparse.shape == (2, 3) and sparse.non_zero_length == 3 and sparse.type == pa.float64()
    assert sparse.dim_names == ["r", "c"] and sparse.ndim == 2 and sparse.size == 6
    assert (sparse.to_tensor().to_numpy() == DENSE).all()
    again = getattr(pa, cls).from_tensor(pa.Tensor.from_numpy(DENSE))
    assert again.equals(sparse) and again == sparse
    assert repr(sparse) == f"<arrowpack.{cls}>\ntype: double\nshape: (2, 3)"


def test_sparse_layouts_match_pyarrow():
    pyarrow = pytest.importorskip("pyarrow")
    for cls in ("SparseCOOTensor", "SparseCSRMatrix", "SparseCSCMatrix", "SparseCSFTensor"):
        ours = getattr(pa, cls).from_dense_numpy(DENSE).to_numpy()
        theirs = getattr(pyarrow, cls).from_dense_numpy(DENSE).to_numpy()
        flat_ours = [ours[0]] + [x for part in ours[1:] for x in (part if isinstance(part, list) else [part])]
        flat_theirs = [theirs[0]] + [x for part in theirs[1:] for x in (part if isinstance(part, list) else [part])]
        assert len(flat_ours) == len(flat_theirs)
        for a, b in zip(flat_ours, flat_theirs):
            assert a.shape == b.shape and a.dtype == b.dtype and (a == b).all(), cls


def test_sparse_from_numpy_parts():
    coo = pa.SparseCOOTensor.from_numpy(np.array([1.5, 2.0]), np.array([[0, 1], [1, 0]]), (2, 2))
    assert coo.to_tensor().to_numpy().tolist() == [[0, 1.5], [2.0, 0]] and coo.has_canonical_format
    csr = pa.SparseCSRMatrix.from_numpy(np.array([1, 2]), np.array([0, 1, 2]), np.array([1, 0]), (2, 2))
    assert csr.to_tensor().to_numpy().tolist() == [[0, 1], [2, 0]]
    csf = pa.SparseCSFTensor.from_numpy(np.array([5.0]), [np.array([0, 1])], [np.array([1]), np.array([2])], (2, 3))
    assert csf.to_tensor().to_numpy().tolist() == [[0, 0, 0], [0, 0, 5.0]]
    data, coords = coo.to_numpy()
    assert data.shape == (2, 1) and coords.tolist() == [[0, 1], [1, 0]]


def test_sparse_bad_input():
    with pytest.raises(pa.ArrowInvalid):
        pa.SparseCOOTensor.from_numpy(np.array([1.0]), np.array([[5, 0]]), (2, 2))
    with pytest.raises(pa.ArrowInvalid):
        pa.SparseCSRMatrix.from_numpy(np.array([1.0]), np.array([0, 2, 1]), np.array([0]), (2, 2))
    with pytest.raises(pa.ArrowInvalid):
        pa.SparseCSRMatrix.from_dense_numpy(np.zeros((2, 2, 2)))


def test_scipy_round_trips():
    sparse = pytest.importorskip("scipy.sparse")
    matrix = sparse.csr_array(DENSE)
    csr = pa.SparseCSRMatrix.from_scipy(matrix)
    assert (csr.to_tensor().to_numpy() == DENSE).all()
    assert (csr.to_scipy().toarray() == DENSE).all()
    csc = pa.SparseCSCMatrix.from_scipy(sparse.csc_matrix(DENSE))
    assert (csc.to_scipy().toarray() == DENSE).all()
    coo = pa.SparseCOOTensor.from_scipy(sparse.coo_array(DENSE))
    assert (coo.to_scipy().toarray() == DENSE).all()


@pytest.mark.parametrize("cls, fmt", [(pa.SparseCSRMatrix, "csr"), (pa.SparseCSCMatrix, "csc"),
                                      (pa.SparseCOOTensor, "coo")])
def test_from_scipy_takes_its_own_format_only(cls, fmt):
    sparse = pytest.importorskip("scipy.sparse")
    other = "coo" if fmt != "coo" else "csr"
    with pytest.raises(TypeError, match=f"Expected scipy.sparse.{fmt}_array or scipy.sparse.{fmt}_matrix"):
        cls.from_scipy(sparse.csr_array(DENSE).asformat(other))
    with pytest.raises(TypeError, match=f"Expected scipy.sparse.{fmt}_array"):
        cls.from_scipy(DENSE)
