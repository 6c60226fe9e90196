"""Serialization handlers for torch tensors (``register_torch_serialization_handlers``).

Owns pyarrow's ids and encodings for them: every tensor class registers as "torch.<Class>"
(``torch.Tensor``, ``torch.FloatTensor``, ...); a strided tensor travels as its ndarray (detached,
so ``requires_grad`` is not kept, as in pyarrow), a sparse COO tensor as a SparseCOOTensor. pyarrow
1.0-11 reads these and arrowpack reads pyarrow's. arrowpack adds the dtypes numpy has no type for
(bfloat16, the float8 types): ``(dtype name, ndarray of the same-width signed integers)``, which
only arrowpack reads. Dense tensors come back as zero-copy views of the serialized data.

Errors: a tensor these encodings cannot carry (dtypes numpy lacks other than the ones above, such as
quantized, complex32 or sub-byte ones; sparse layouts other than COO; hybrid COO tensors) raises
SerializationCallbackError naming what is unsupported; a payload that is none of the encodings
raises ValueError; torch's own errors (an ndarray dtype torch lacks, sparse indices out of range)
pass through.
"""

import numpy as np

from arrowpack._core import SerializationCallbackError, SparseCOOTensor

# Torch dtypes numpy lacks, by name, with the integer dtype of the same width their bits travel as.
_BIT_VIEW_DTYPES = {
    "bfloat16": "int16",
    "float8_e4m3fn": "int8",
    "float8_e4m3fnuz": "int8",
    "float8_e5m2": "int8",
    "float8_e5m2fnuz": "int8",
    "float8_e8m0fnu": "int8",
}

_TENSOR_CLASSES = ("FloatTensor", "DoubleTensor", "HalfTensor", "ByteTensor", "CharTensor",
                   "ShortTensor", "IntTensor", "LongTensor", "Tensor")


def register(context):
    """Registers torch tensor classes as "torch.<Class>" (pyarrow's ids) when torch is installed."""
    try:
        import torch
    except ImportError:
        return
    bit_views = {getattr(torch, name): (name, getattr(torch, bits))
                 for name, bits in _BIT_VIEW_DTYPES.items() if hasattr(torch, name)}
    by_name = {name: dtype for dtype, (name, _) in bit_views.items()}

    def to_numpy(tensor, obj):
        try:
            return tensor.numpy()
        except TypeError as error:  # torch's "Got unsupported ScalarType ..."
            raise SerializationCallbackError(
                f"cannot serialize a torch tensor of dtype {tensor.dtype}: numpy has no such dtype", obj) from error

    def serialize_sparse(obj):
        if obj.dense_dim() != 0:
            raise SerializationCallbackError(
                f"cannot serialize a hybrid sparse COO torch tensor ({obj.dense_dim()} dense "
                "dimensions): a SparseCOOTensor has scalar values", obj)
        coalesced = obj.detach().cpu().coalesce()
        return SparseCOOTensor.from_numpy(to_numpy(coalesced.values(), obj), coalesced.indices().numpy().T,
                                          shape=list(obj.shape))

    def serialize(obj):
        if obj.layout == torch.sparse_coo:
            return serialize_sparse(obj)
        if obj.layout != torch.strided:
            raise SerializationCallbackError(
                f"cannot serialize a torch tensor with layout {obj.layout}: convert it with "
                ".to_sparse_coo() or .to_dense() first", obj)
        dense = obj.detach().cpu().resolve_conj().resolve_neg()
        if dense.dtype in bit_views:
            name, bits = bit_views[dense.dtype]
            return name, dense.view(bits).numpy()
        return to_numpy(dense, obj)

    def deserialize_bits(name, bits):
        if name not in by_name:
            raise ValueError(f"torch payload: unknown bit-view dtype {name!r}")
        if not isinstance(bits, np.ndarray) or bits.dtype != np.dtype(_BIT_VIEW_DTYPES[name]):
            raise ValueError(f"torch payload: {name} bits must be an ndarray of {_BIT_VIEW_DTYPES[name]}")
        return torch.from_numpy(bits).view(by_name[name])

    def deserialize(data):
        if isinstance(data, SparseCOOTensor):
            values, coords = data.to_numpy()
            return torch.sparse_coo_tensor(indices=coords.T, values=values[:, 0], size=data.shape,
                                           check_invariants=True)
        if isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], str):
            return deserialize_bits(*data)
        if not isinstance(data, np.ndarray):
            raise ValueError(f"torch payload: expected an ndarray, a SparseCOOTensor or a (dtype, bits) "
                             f"pair, got {type(data).__name__}")
        return torch.from_numpy(data)

    for name in _TENSOR_CLASSES:
        context.register_type(getattr(torch, name), "torch." + name, custom_serializer=serialize,
                              custom_deserializer=deserialize)
