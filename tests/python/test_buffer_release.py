"""Releasing Python Buffer and SerializedPyObject instances (python/src/buffer_object.cc,
python/src/serialized_py_object.cc): Buffers are released by arrowpack's own tp_dealloc, which
deregisters them from pybind11 and reuses their memory, and SerializedPyObject memory is reused by
the next instance. Whatever made an instance, a released one must leave no trace: pointer lookups
find no stale object, weak references see it die, and an exception in flight survives it."""

import gc
import weakref

import pytest

import arrowpack as pa

VALUE = {"a": [1, 2, 3], "b": "text", "c": (1.5, None)}


def buffers_from_every_source():
    serialized = pa.serialize(VALUE)
    yield serialized.to_buffer()
    yield pa.serialize(VALUE).to_buffer()
    yield pa.py_buffer(b"0123456789abcdef")
    yield pa.py_buffer(bytearray(b"0123456789abcdef")).slice(2, 8)
    yield pa.allocate_buffer(32)


def test_a_released_buffer_leaves_no_registered_pointer():
    for _ in range(3):
        for buffer in buffers_from_every_source():
            expected = buffer.to_pybytes()
            piece = buffer.slice(1)
            assert piece.parent is buffer
            del buffer
            gc.collect()
            parent = piece.parent  # a new Python object for the same memory, not the released one
            assert type(parent) is pa.Buffer
            assert parent.to_pybytes() == expected
            assert piece.parent is parent


def test_weak_references_see_a_buffer_die():
    for buffer in buffers_from_every_source():
        died = []
        ref = weakref.ref(buffer, died.append)
        piece = buffer.slice(1)
        del buffer
        assert ref() is None
        assert died == [ref]
        assert piece.parent.slice(1).equals(piece)


def test_an_exception_in_flight_survives_releasing_a_buffer():
    def fails_holding_buffers():
        result = pa.serialize(VALUE).to_buffer()
        other = pa.py_buffer(b"abc")
        raise KeyError(result.size + other.size)

    with pytest.raises(KeyError) as info:
        fails_holding_buffers()
    assert info.value.args == (pa.serialize(VALUE).to_buffer().size + 3,)


def test_a_subclass_instance_is_released_too():
    class Tagged(pa.Buffer):
        pass

    assert issubclass(Tagged, pa.Buffer)
    with pytest.raises(TypeError):
        Tagged()
    buffer = pa.serialize(VALUE).to_buffer()
    assert type(buffer) is pa.Buffer


def test_serialized_objects_made_after_released_ones_start_empty():
    data = pa.serialize(VALUE).to_buffer()
    for _ in range(3):
        serialized = pa.serialize(VALUE)
        assert serialized.base is None
        serialized.base = data
        del serialized
        read = pa.read_serialized(data)
        assert read.base is not data  # the reader it was read through
        assert pa.deserialize(read.to_buffer()) == VALUE
        read_with_base = pa.read_serialized(data, base=data)
        assert read_with_base.base is data
        del read, read_with_base
        fresh = pa.serialize([1, 2])
        assert fresh.base is None
        assert fresh.total_bytes == fresh.to_buffer().size
        assert pa.deserialize(fresh.to_buffer()) == [1, 2]
