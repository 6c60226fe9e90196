"""torch tensors through register_torch_serialization_handlers: dtypes, shapes, strided views,
autograd, sparse COO, nesting, zero-copy reads, pyarrow's payload encoding and the errors for what
the handlers cannot carry or read. Skipped when torch is not installed."""

import numpy as np
import pytest

import arrowpack as pa

torch = pytest.importorskip("torch")

pytestmark = [
    # torch warns (once per process) that a tensor viewing read-only memory must not be written to.
    pytest.mark.filterwarnings("ignore:The given NumPy array is not writable"),
    # torch's notes on the experimental kinds of tensor the unsupported cases build.
    pytest.mark.filterwarnings("ignore:torch.quantize_per_tensor"),
    pytest.mark.filterwarnings("ignore:ComplexHalf support is experimental"),
    pytest.mark.filterwarnings("ignore:Sparse CSR tensor support is in beta"),
]


@pytest.fixture
def context():
    context = pa.default_serialization_context()
    pa.register_torch_serialization_handlers(context)
    return context


def through_buffer(value, context):
    return pa.deserialize(pa.serialize(value, context).to_buffer(), context)


def through_components(value, context):
    return pa.deserialize_components(pa.serialize(value, context).to_components(), context)


ROUND_TRIPS = [through_buffer, through_components]


def assert_same_tensor(result, expected):
    assert type(result) is torch.Tensor
    assert result.dtype == expected.dtype
    assert result.shape == expected.shape
    assert result.layout == expected.layout
    assert not result.requires_grad
    if expected.dtype.is_floating_point and expected.dtype.itemsize <= 2:
        # bfloat16/float8 compare bit for bit (no NaN here, but equality on them is partial).
        bits = {1: torch.int8, 2: torch.int16}[expected.dtype.itemsize]
        assert torch.equal(result.view(bits), expected.contiguous().view(bits))
    else:
        assert torch.equal(result, expected.detach())


DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.float8_e4m3fn,
          torch.float8_e5m2, torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8,
          torch.uint16, torch.uint32, torch.uint64,
          torch.bool, torch.complex64, torch.complex128]


@pytest.mark.parametrize("round_trip", ROUND_TRIPS)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_dtypes_round_trip(context, round_trip, dtype):
    tensor = (torch.arange(24) % 7).reshape(2, 3, 4).to(dtype)
    assert_same_tensor(round_trip(tensor, context), tensor)


@pytest.mark.parametrize("round_trip", ROUND_TRIPS)
@pytest.mark.parametrize("shape", [(), (0,), (3, 0), (0, 2, 5), (7,), (2, 3, 4), (1, 1, 1, 1)], ids=str)
def test_shapes_round_trip(context, round_trip, shape):
    tensor = torch.arange(int(np.prod(shape)), dtype=torch.float64).reshape(shape)
    assert_same_tensor(round_trip(tensor, context), tensor)


def test_zero_dim_tensor_keeps_its_value(context):
    result = through_buffer(torch.tensor(2.5), context)
    assert result.shape == () and result.item() == 2.5


NON_CONTIGUOUS = {
    "transposed": lambda: torch.arange(12.0).reshape(3, 4).T,
    "stepped slice": lambda: torch.arange(20, dtype=torch.int64)[::3],
    "column": lambda: torch.arange(12.0).reshape(3, 4)[:, 1],
    "permuted 3-d": lambda: torch.arange(24, dtype=torch.int32).reshape(2, 3, 4).permute(2, 0, 1),
    "expanded": lambda: torch.arange(4.0).expand(3, 4),
    "bfloat16 transposed": lambda: torch.arange(6.0).reshape(2, 3).to(torch.bfloat16).T,
    "narrowed": lambda: torch.arange(30.0).reshape(5, 6)[1:4, 2:5],
}


@pytest.mark.parametrize("round_trip", ROUND_TRIPS)
@pytest.mark.parametrize("make", NON_CONTIGUOUS.values(), ids=NON_CONTIGUOUS.keys())
def test_non_contiguous_views_round_trip(context, round_trip, make):
    tensor = make()
    assert not tensor.is_contiguous()
    assert_same_tensor(round_trip(tensor, context), tensor)


def test_conjugate_and_negative_views_are_resolved(context):
    tensor = torch.tensor([1 + 2j, 3 - 4j], dtype=torch.complex64)
    assert_same_tensor(through_buffer(tensor.conj(), context), tensor.conj().resolve_conj())
    assert_same_tensor(through_buffer(tensor.conj().imag, context), -tensor.imag)


@pytest.mark.parametrize("round_trip", ROUND_TRIPS)
def test_requires_grad_is_detached_like_pyarrow(context, round_trip):
    tensor = torch.arange(6.0, requires_grad=True)
    derived = tensor * 2  # has a grad_fn
    result = round_trip({"leaf": tensor, "derived": derived}, context)
    assert_same_tensor(result["leaf"], tensor)
    assert_same_tensor(result["derived"], derived)
    assert result["derived"].grad_fn is None


def test_parameter_comes_back_as_plain_tensor(context):
    parameter = torch.nn.Parameter(torch.ones(2, 2))
    assert_same_tensor(through_buffer(parameter, context), parameter)


@pytest.mark.parametrize("round_trip", ROUND_TRIPS)
def test_tensors_nested_in_containers(context, round_trip):
    value = {
        "weights": [torch.ones(2, 3), torch.zeros(0, dtype=torch.int64)],
        "meta": ("layer", torch.tensor(True), {"bias": torch.arange(3, dtype=torch.uint8)}),
        "array": np.arange(4.0),
        7: None,
    }
    result = round_trip(value, context)
    assert set(result) == {"weights", "meta", "array", 7}
    assert_same_tensor(result["weights"][0], value["weights"][0])
    assert_same_tensor(result["weights"][1], value["weights"][1])
    assert result["meta"][0] == "layer"
    assert_same_tensor(result["meta"][1], value["meta"][1])
    assert_same_tensor(result["meta"][2]["bias"], value["meta"][2]["bias"])
    np.testing.assert_array_equal(result["array"], value["array"])
    assert result[7] is None


@pytest.mark.parametrize("round_trip", ROUND_TRIPS)
def test_sparse_coo_round_trip(context, round_trip):
    tensor = torch.sparse_coo_tensor([[0, 2, 1, 0], [1, 0, 3, 1]], [1.0, 2.0, 3.0, 4.0], (3, 4),
                                     check_invariants=True)
    result = round_trip(tensor, context)
    assert result.layout == torch.sparse_coo
    assert result.shape == tensor.shape and result.dtype == tensor.dtype
    assert torch.equal(result.to_dense(), tensor.to_dense())  # duplicate (0, 1) entries summed


def test_sparse_coo_requiring_grad_round_trips(context):
    tensor = torch.sparse_coo_tensor([[0, 1]], [5, 6], (3,), dtype=torch.float64, requires_grad=True,
                                     check_invariants=True)
    result = through_buffer(tensor, context)
    assert not result.requires_grad
    assert torch.equal(result.to_dense(), tensor.detach().to_dense())


def test_buffer_read_is_zero_copy(context):
    tensor = torch.arange(1000, dtype=torch.float64).reshape(10, 100)
    buf = pa.serialize(tensor, context).to_buffer()
    result = pa.deserialize(buf, context)
    assert torch.equal(result, tensor)
    start = result.data_ptr()
    assert buf.address <= start and start + result.numel() * result.element_size() <= buf.address + buf.size


def test_bfloat16_buffer_read_is_zero_copy(context):
    tensor = torch.arange(64.0).to(torch.bfloat16)
    buf = pa.serialize(tensor, context).to_buffer()
    result = pa.deserialize(buf, context)
    assert result.dtype == torch.bfloat16
    assert buf.address <= result.data_ptr() < buf.address + buf.size


def test_components_share_the_source_tensor_memory(context):
    tensor = torch.arange(256, dtype=torch.int32)
    components = pa.serialize(tensor, context).to_components()
    result = pa.deserialize_components(components, context)
    assert result.data_ptr() == tensor.data_ptr()


def test_deserialized_tensor_keeps_its_buffer_alive(context):
    buf = pa.serialize(torch.arange(100, dtype=torch.int64), context).to_buffer()
    result = pa.deserialize(buf, context)
    del buf
    assert torch.equal(result, torch.arange(100, dtype=torch.int64))


def test_type_ids_are_pyarrows(context):
    for name in ("Tensor", "FloatTensor", "DoubleTensor", "HalfTensor", "ByteTensor", "CharTensor",
                 "ShortTensor", "IntTensor", "LongTensor"):
        assert context.type_to_type_id[getattr(torch, name)] == "torch." + name


def test_dense_payload_is_a_plain_ndarray_as_in_pyarrow(context):
    reader = pa.SerializationContext()
    reader.register_type(object, "torch.Tensor", custom_serializer=lambda v: v,
                         custom_deserializer=lambda data: data)
    tensor = torch.arange(6, dtype=torch.int16).reshape(2, 3)
    payload = pa.deserialize(pa.serialize(tensor, context).to_buffer(), reader)
    assert isinstance(payload, np.ndarray)
    np.testing.assert_array_equal(payload, tensor.numpy())


def test_reading_without_the_handlers_names_the_type_id(context):
    buf = pa.serialize({"t": torch.ones(2)}, context).to_buffer()
    with pytest.raises(pa.DeserializationCallbackError, match="torch.Tensor") as error:
        pa.deserialize(buf)
    assert error.value.type_id == "torch.Tensor"


def test_writing_without_the_handlers_raises():
    with pytest.raises(pa.SerializationCallbackError, match="torch") as error:
        pa.serialize([torch.ones(2)])
    assert isinstance(error.value.example_object, torch.Tensor)


UNSUPPORTED = {
    "quantized": (lambda: torch.quantize_per_tensor(torch.ones(3), 0.1, 0, torch.quint8), "quint8"),
    "complex32": (lambda: torch.ones(2, dtype=torch.complex32), "complex32"),
    "uint4": (lambda: torch.empty(2, dtype=torch.uint4), "uint4"),
    "sparse bfloat16": (lambda: torch.eye(2, dtype=torch.bfloat16).to_sparse(), "bfloat16"),
    "sparse csr": (lambda: torch.eye(3).to_sparse_csr(), "sparse_csr"),
    "hybrid coo": (lambda: torch.sparse_coo_tensor([[0]], [[1.0, 2.0]], (2, 2), check_invariants=True),
                   "hybrid sparse COO"),
}


@pytest.mark.parametrize("make, message", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_unsupported_tensors_raise_a_clear_error(context, make, message):
    tensor = make()
    with pytest.raises(pa.SerializationCallbackError, match=message) as error:
        pa.serialize({"x": tensor}, context)
    assert error.value.example_object is tensor


class FakeTensor:
    """Writes an arbitrary payload under the id "torch.Tensor", as a crafted blob would."""

    def __init__(self, payload):
        self.payload = payload


def crafted(payload):
    writer = pa.default_serialization_context()
    writer.register_type(FakeTensor, "torch.Tensor", custom_serializer=lambda fake: fake.payload,
                         custom_deserializer=lambda data: data)
    return pa.serialize(FakeTensor(payload), writer).to_buffer()


BAD_PAYLOADS = {
    "string": ("not a tensor", ValueError, "expected an ndarray, a SparseCOOTensor"),
    "list": ([1, 2], ValueError, "expected an ndarray"),
    "unknown bit dtype": (("float128", np.zeros(2, np.int16)), ValueError, "unknown bit-view dtype 'float128'"),
    "wrong bit width": (("bfloat16", np.zeros(2, np.int32)), ValueError, "bfloat16 bits must be an ndarray of int16"),
    "object bits": (("float8_e5m2", np.array([None], dtype=object)), ValueError, "must be an ndarray of int8"),
    "bits not an array": (("bfloat16", b"\x00\x00"), ValueError, "bfloat16 bits must be an ndarray"),
    "object ndarray": (np.array(["a", None], dtype=object), TypeError, "object"),
}


@pytest.mark.parametrize("payload, error, message", BAD_PAYLOADS.values(), ids=BAD_PAYLOADS.keys())
def test_malformed_payloads_raise(context, payload, error, message):
    with pytest.raises(error, match=message):
        pa.deserialize(crafted(payload), context)

