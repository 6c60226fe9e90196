"""The C-API entry points of serialization (_core._serialize and SerializedPyObject.to_buffer,
python/src/serialize_fastcall.cc): their arguments by position and keyword, bad arguments, and
the Python errors of the walk passing through them unchanged."""

import numpy as np
import pytest

import arrowpack as pa
from arrowpack import _core


def refuse(obj):
    raise AssertionError("callback called with %r" % (obj,))


def test_serialize_takes_its_arguments_by_position_and_keyword():
    expected = _core._serialize({"a": [1, "x"]}, refuse).to_buffer()
    by_keyword = _core._serialize(value={"a": [1, "x"]}, callback=refuse, native_numpy_scalars=True)
    assert by_keyword.to_buffer().equals(expected)
    assert _core._serialize({"a": [1, "x"]}, refuse, True).to_buffer().equals(expected)


def test_native_numpy_scalars_takes_any_truth_value():
    sent = []

    def callback(obj):
        sent.append(obj)
        return {"_pytype_": "x"}

    _core._serialize(np.int32(1), callback, 0)
    assert sent == [np.int32(1)]
    _core._serialize(np.int32(1), refuse, 1)


@pytest.mark.parametrize("call, message", [
    (lambda: _core._serialize(1), "_serialize() missing required argument 'callback'"),
    (lambda: _core._serialize(), "_serialize() missing required argument 'value'"),
    (lambda: _core._serialize(1, refuse, True, 4), "_serialize() takes at most 3 arguments (4 given)"),
    (lambda: _core._serialize(1, refuse, value=2), "_serialize() got multiple values for argument 'value'"),
    (lambda: _core._serialize(1, refuse, nthreads=2), "_serialize() got an unexpected keyword argument 'nthreads'"),
])
def test_serialize_argument_errors(call, message):
    with pytest.raises(TypeError) as raised:
        call()
    assert str(raised.value) == message


def test_native_numpy_scalars_whose_truth_raises_propagates():
    class Bad:
        def __bool__(self):
            raise ZeroDivisionError("no truth")

    with pytest.raises(ZeroDivisionError, match="no truth"):
        _core._serialize(1, refuse, Bad())


def test_walk_errors_pass_through_unchanged():
    with pytest.raises(TypeError, match="cannot serialize objects of type object"):
        _core._serialize(object(), None)
    with pytest.raises(TypeError, match="serialization callback must return a valid dictionary"):
        _core._serialize(object(), lambda obj: 1)
    with pytest.raises(KeyError, match="from the callback"):
        _core._serialize(object(), lambda obj: (_ for _ in ()).throw(KeyError("from the callback")))
    with pytest.raises(pa.ArrowInvalid, match="cannot serialize Numpy uint64 scalar >= 2\\*\\*63"):
        _core._serialize(np.uint64(2**63), refuse)
    nested = []
    for _ in range(200):
        nested = [nested]
    with pytest.raises(pa.ArrowNotImplementedError, match="maximum recursion depth"):
        _core._serialize(nested, refuse)


def test_to_buffer_takes_nthreads_by_position_and_keyword():
    serialized = pa.serialize({"a": np.arange(1000.0), "b": pa.py_buffer(b"x" * 100)})
    expected = serialized.to_buffer()
    assert type(expected) is pa.Buffer
    assert serialized.to_buffer(4).equals(expected)
    assert serialized.to_buffer(nthreads=2).equals(expected)
    assert serialized.to_buffer(np.int64(3)).equals(expected)


@pytest.mark.parametrize("call, error, message", [
    (lambda s: s.to_buffer(1.5), TypeError, "'float' object cannot be interpreted as an integer"),
    (lambda s: s.to_buffer("2"), TypeError, "'str' object cannot be interpreted as an integer"),
    (lambda s: s.to_buffer(2**40), OverflowError, "nthreads does not fit in a C int"),
    (lambda s: s.to_buffer(1, 2), TypeError, r"to_buffer\(\) takes at most 1 arguments \(2 given\)"),
    (lambda s: s.to_buffer(threads=2), TypeError, r"to_buffer\(\) got an unexpected keyword argument 'threads'"),
    (lambda s: s.to_buffer(1, nthreads=2), TypeError, r"to_buffer\(\) got multiple values for argument 'nthreads'"),
])
def test_to_buffer_argument_errors(call, error, message):
    with pytest.raises(error, match=message):
        call(pa.serialize([1, 2]))


def test_to_buffer_checks_its_self():
    with pytest.raises(TypeError):
        pa.SerializedPyObject.to_buffer(object())
    with pytest.raises(TypeError):
        pa.SerializedPyObject.to_buffer()


def test_signatures_and_docs():
    import inspect
    assert str(inspect.signature(_core._serialize)) == "(value, callback, native_numpy_scalars=True)"
    assert str(inspect.signature(pa.SerializedPyObject.to_buffer)) == "(self, /, nthreads=1)"
    assert "callback(obj) -> dict" in _core._serialize.__doc__
    assert "nthreads" in pa.SerializedPyObject.to_buffer.__doc__
