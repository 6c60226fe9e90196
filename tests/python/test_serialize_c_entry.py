"""serialize() as a C function (python/src/serialize_fastcall.cc), SerializedPyObject as a plain
CPython type (python/src/serialized_py_object.cc) and to_buffer handing over the laid-out bytes
of an object nothing else references: arguments, the default context, bad input, and that every
to_buffer result is a mutable buffer of its own with the same bytes."""

import inspect
import pickle

import numpy as np
import pytest

import arrowpack as pa
from arrowpack import serialization

VALUE = {"a": [1, "x", 2.5, None, True], "b": (b"raw", {3})}


def test_serialize_signature_and_arguments():
    assert inspect.signature(pa.serialize) == inspect.signature(lambda value, context=None: None)
    assert pa.serialize.__name__ == "serialize"
    context = pa.default_serialization_context()
    expected = pa.serialize(VALUE).to_buffer()
    assert pa.serialize(VALUE, context).to_buffer().equals(expected)
    assert pa.serialize(value=VALUE, context=context).to_buffer().equals(expected)
    assert pa.serialize(VALUE, None).to_buffer().equals(expected)


@pytest.mark.parametrize("call, error, message", [
    (lambda: pa.serialize(), TypeError, "serialize() missing required argument 'value'"),
    (lambda: pa.serialize(1, None, 3), TypeError, "serialize() takes at most 2 arguments (3 given)"),
    (lambda: pa.serialize(1, ctx=None), TypeError, "serialize() got an unexpected keyword argument 'ctx'"),
    (lambda: pa.serialize(1, object()), AttributeError, "'object' object has no attribute '_serialize_callback'"),
])
def test_serialize_bad_arguments(call, error, message):
    with pytest.raises(error) as raised:
        call()
    assert str(raised.value) == message


def test_default_context_handles_registered_default_types():
    class Point:
        def __init__(self, x):
            self.x = x

    with pytest.raises(pa.SerializationCallbackError):
        pa.serialize(Point(1))
    context = pa.SerializationContext()
    context.register_type(Point, "Point")
    assert pa.deserialize(pa.serialize(Point(2), context).to_buffer(), context).x == 2
    # numpy scalars keep their dtype through the default context's handlers.
    assert pa.deserialize(pa.serialize(np.int16(7)).to_buffer()).dtype == np.int16


def test_context_without_native_numpy_scalars_attribute_is_an_attribute_error():
    class Partial:
        def _serialize_callback(self, obj):
            raise AssertionError(obj)

    with pytest.raises(AttributeError, match="_native_numpy_scalars"):
        pa.serialize(1, Partial())


def test_to_buffer_results_are_independent_mutable_copies():
    kept = pa.serialize(VALUE)
    first = kept.to_buffer()
    second = kept.to_buffer()
    discarded = pa.serialize(VALUE).to_buffer()
    assert first.equals(second) and first.equals(discarded)
    assert first.is_mutable and discarded.is_mutable
    assert first.size == kept.total_bytes
    memoryview(first)[20] ^= 0xFF
    assert not first.equals(second)
    assert kept.to_buffer().equals(second)
    assert pa.deserialize(discarded) == VALUE


def test_objects_with_buffers_and_arrays_keep_the_general_layout():
    array = np.arange(10.0)
    raw = pa.py_buffer(b"payload")
    value = {"array": array, "raw": raw, "small": [1, 2]}
    kept = pa.serialize(value)
    expected = kept.to_buffer()
    assert pa.serialize(value).to_buffer().equals(expected)
    assert expected.size == kept.total_bytes
    back = pa.deserialize(expected)
    np.testing.assert_array_equal(back["array"], array)
    assert back["raw"].to_pybytes() == b"payload"


def test_serialized_py_object_type():
    serialized = pa.serialize(VALUE)
    assert isinstance(serialized, pa.SerializedPyObject)
    assert type(serialized).__module__ == "arrowpack._core"
    with pytest.raises(TypeError, match="cannot create"):
        pa.SerializedPyObject()
    with pytest.raises(TypeError, match="expected a SerializedPyObject, got int"):
        pa.SerializedPyObject.to_components(1)
    with pytest.raises(TypeError):
        pa.SerializedPyObject.to_buffer(1)
    assert serialized.base is None
    owner = bytearray(b"owner")
    serialized.base = owner
    assert serialized.base is owner
    with pytest.raises(AttributeError, match="cannot be deleted"):
        del serialized.base
    assert pickle.loads(pickle.dumps(serialized)).deserialize() == VALUE
    rebuilt = pa.SerializedPyObject.from_components(serialized.to_components())
    assert rebuilt.to_buffer().equals(serialized.to_buffer())


def test_default_context_getter_is_called_once():
    calls = []
    context = pa.default_serialization_context()

    def getter():
        calls.append(1)
        return context

    try:
        serialization._core._set_default_context_getter(getter)
        pa.serialize(1)
        pa.serialize(2)
        assert calls == [1]
    finally:
        serialization._core._set_default_context_getter(lambda: serialization._context_or_default(None))
    assert pa.deserialize(pa.serialize([1]).to_buffer()) == [1]


class _Point:
    def __init__(self, x):
        self.x = x


def test_to_buffer_result_is_a_plain_registered_buffer():
    serialized = pa.serialize(VALUE)
    for buffer in (serialized.to_buffer(), serialized.to_buffer(nthreads=2), pa.serialize(VALUE).to_buffer()):
        assert type(buffer) is pa.Buffer
        assert buffer.parent is None
        piece = buffer.slice(4, 8)
        assert piece.parent is buffer  # the result is the Python object pybind11 finds for its pointer
        assert piece.to_pybytes() == buffer.to_pybytes()[4:12]
        assert repr(buffer).startswith("<arrowpack.Buffer address=")
        assert pickle.loads(pickle.dumps(buffer, protocol=5)).equals(buffer)
    with pytest.raises(OverflowError, match="nthreads"):
        serialized.to_buffer(nthreads=2**40)


def test_to_buffer_result_outlives_everything_else():
    serialized = pa.serialize(VALUE)
    buffer = serialized.to_buffer()
    view = memoryview(pa.serialize(VALUE).to_buffer())
    del serialized
    import gc
    gc.collect()
    assert pa.deserialize(buffer) == VALUE
    assert bytes(view) == buffer.to_pybytes()
    piece = buffer.slice(16)
    del buffer, view
    gc.collect()
    assert piece.parent.slice(16).equals(piece)


class _CountingContext(pa.SerializationContext):
    lookups = 0

    def __getattribute__(self, name):
        if name == "_serialize_callback":
            type(self).lookups += 1
        return super().__getattribute__(name)


def test_callback_is_read_only_when_needed_and_once_per_call():
    context = _CountingContext()
    context.register_type(_Point, "Point")
    _CountingContext.lookups = 0
    assert pa.deserialize(pa.serialize([1, "a", {2: 3.5}], context).to_buffer(), context) == [1, "a", {2: 3.5}]
    assert _CountingContext.lookups == 0
    back = pa.deserialize(pa.serialize([_Point(1), _Point(2)], context).to_buffer(), context)
    assert [p.x for p in back] == [1, 2]
    assert _CountingContext.lookups == 1


def test_callback_overridden_on_the_instance_or_not_a_function():
    context = pa.SerializationContext()
    context.register_type(_Point, "Point")
    seen = []

    def instance_callback(obj):
        seen.append(obj)
        return {"x": obj.x, "_pytype_": "Point"}

    context._serialize_callback = instance_callback  # shadows the class's method, read lazily too
    point = _Point(5)
    assert pa.deserialize(pa.serialize(point, context).to_buffer(), context).x == 5
    assert seen == [point]

    class NoneCallback(pa.SerializationContext):
        _serialize_callback = None  # not a function: read up front, as before

    with pytest.raises(TypeError, match="cannot serialize objects of type"):
        pa.serialize(_Point(1), NoneCallback())
    assert pa.deserialize(pa.serialize([1], NoneCallback()).to_buffer()) == [1]

    class Failing(pa.SerializationContext):
        @property
        def _serialize_callback(self):
            raise RuntimeError("no callback")

    with pytest.raises(RuntimeError, match="no callback"):
        pa.serialize(1, Failing())


def test_callback_that_rebinds_the_default_context():
    default = pa.default_serialization_context()
    original = type(default)._serialize_callback

    def rebinding(self, obj):
        serialization._core._set_default_context_getter(lambda: serialization._context_or_default(None))
        return {"x": obj.x, "_pytype_": "P"}

    try:
        type(default)._serialize_callback = rebinding
        serialization._core._set_default_context_getter(lambda: pa.SerializationContext())
        data = pa.serialize([_Point(3), _Point(4)]).to_buffer()
    finally:
        type(default)._serialize_callback = original
        serialization._core._set_default_context_getter(lambda: serialization._context_or_default(None))
    # The first callback dropped the only other reference to the context the walk reads from.
    assert data.equals(pa.serialize([{"x": 3, "_pytype_": "P"}, {"x": 4, "_pytype_": "P"}]).to_buffer())


def test_walks_after_errors_nested_walks_and_other_threads_give_the_same_bytes():
    expected = pa.serialize(VALUE).to_buffer().to_pybytes()

    class Boom:
        pass

    for _ in range(3):  # a failed walk drops its writer; the next one starts clean
        with pytest.raises(pa.SerializationCallbackError):
            pa.serialize({"a": [1, 2, {"b": Boom()}], "c": "after"})
        assert pa.serialize(VALUE).to_buffer().to_pybytes() == expected

    context = pa.SerializationContext()
    inner = []
    context.register_type(_Point, "Point", custom_serializer=lambda p: inner.append(
        pa.serialize(VALUE).to_buffer().to_pybytes()) or p.x, custom_deserializer=_Point)
    nested = pa.serialize([_Point(1), "x", _Point(2)], context).to_buffer()
    assert inner == [expected, expected]
    assert [p.x for p in pa.deserialize(nested, context)[::2]] == [1, 2]
    assert pa.serialize(VALUE).to_buffer().to_pybytes() == expected

    import threading
    results = []
    threads = [threading.Thread(target=lambda: results.append(pa.serialize(VALUE).to_buffer().to_pybytes()))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


def test_big_objects_between_small_ones():
    small = pa.serialize(VALUE).to_buffer().to_pybytes()
    big = {"strings": ["x" * 1000] * 3000, "ints": list(range(100_000))}
    assert pa.deserialize(pa.serialize(big).to_buffer()) == big
    assert pa.serialize(VALUE).to_buffer().to_pybytes() == small
