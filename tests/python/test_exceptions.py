"""The exception hierarchy (pyarrow's names) and how C++ errors map onto it."""

import errno
import pickle

import pytest

import arrowpack as pa

HIERARCHY = [
    ("ArrowInvalid", ValueError),
    ("ArrowTypeError", TypeError),
    ("ArrowIOError", IOError),
    ("ArrowNotImplementedError", NotImplementedError),
    ("ArrowMemoryError", MemoryError),
    ("ArrowKeyError", KeyError),
    ("ArrowIndexError", IndexError),
    ("ArrowCapacityError", None),
    ("ArrowCancelled", None),
    ("ArrowSerializationError", None),
]


@pytest.mark.parametrize("name,builtin", HIERARCHY)
def test_hierarchy(name, builtin):
    cls = getattr(pa, name)
    assert issubclass(cls, pa.ArrowException)
    assert issubclass(pa.ArrowException, Exception)
    if builtin is not None:
        assert issubclass(cls, builtin)
    assert cls.__module__ == "arrowpack"


def test_callback_errors_carry_their_context():
    assert issubclass(pa.SerializationCallbackError, pa.ArrowSerializationError)
    assert issubclass(pa.DeserializationCallbackError, pa.ArrowSerializationError)
    obj = object()
    error = pa.SerializationCallbackError("cannot serialize", obj)
    assert error.example_object is obj
    assert str(error) == "cannot serialize"
    error = pa.DeserializationCallbackError("cannot deserialize", "my.type")
    assert error.type_id == "my.type"
    assert str(error) == "cannot deserialize"
    with pytest.raises(pa.ArrowSerializationError):
        raise pa.SerializationCallbackError("x", example_object=1)


def test_exceptions_pickle_by_name():
    error = pickle.loads(pickle.dumps(pa.ArrowInvalid("bad")))
    assert type(error) is pa.ArrowInvalid and str(error) == "bad"


def test_key_error_message_is_not_quoted():
    assert str(pa.ArrowKeyError("missing field")) == "missing field"


def test_invalid_status_raises_arrow_invalid():
    with pytest.raises(pa.ArrowInvalid, match="negative"):
        pa.allocate_buffer(-10)


def test_index_status_raises_arrow_index_error():
    with pytest.raises(pa.ArrowIndexError):
        pa.py_buffer(b"abc").slice(1, 5)


def test_not_implemented_status():
    with pytest.raises(pa.ArrowNotImplementedError):
        pa.jemalloc_memory_pool()


def test_errno_becomes_the_matching_oserror(tmp_path):
    missing = tmp_path / "missing.bin"
    with pytest.raises(FileNotFoundError) as info:
        pa.OSFile(missing)
    assert info.value.errno == errno.ENOENT
    assert info.value.filename == str(missing)
    with pytest.raises(IsADirectoryError) as info:
        pa.OSFile(tmp_path)
    assert info.value.errno == errno.EISDIR


def test_permission_error(tmp_path):
    import os
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    path = tmp_path / "locked.bin"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(PermissionError):
        pa.OSFile(path)


def test_io_status_without_errno_raises_arrow_io_error():
    reader = pa.BufferReader(b"abc")
    with pytest.raises(pa.ArrowIOError) as info:
        reader.seek(10)
    assert isinstance(info.value, OSError)
    assert info.value.errno is None


def test_closed_file_raises_value_error():
    reader = pa.BufferReader(b"abc")
    reader.close()
    with pytest.raises(ValueError, match="I/O operation on closed file"):
        reader.read()
