"""Buffer, ResizableBuffer, py_buffer, foreign_buffer, allocate_buffer: zero-copy views, the
buffer protocol, slicing, equality and pickling."""

import ctypes
import pickle
import weakref

import numpy as np
import pytest

import arrowpack as pa

DATA = b"abcdefghijklmnopqrstuvwxyz"


def test_py_buffer_is_a_zero_copy_view_of_bytes():
    buf = pa.py_buffer(DATA)
    assert buf.size == len(buf) == 26
    assert not buf.is_mutable
    assert buf.is_cpu
    assert buf.parent is None
    view = memoryview(buf)
    assert view.readonly and view.format == "B" and view.itemsize == 1
    # Same memory as the bytes object: numpy sees the address bytes exported.
    assert np.frombuffer(view, dtype=np.uint8).ctypes.data == buf.address
    assert np.frombuffer(DATA, dtype=np.uint8).ctypes.data == buf.address


def test_py_buffer_of_a_bytearray_is_mutable_and_shares_memory():
    data = bytearray(b"hello")
    buf = pa.py_buffer(data)
    assert buf.is_mutable
    memoryview(buf)[0] = ord("j")
    assert data == bytearray(b"jello")


def test_py_buffer_keeps_the_exporter_alive_and_locked():
    data = bytearray(b"grow me")
    buf = pa.py_buffer(data)
    with pytest.raises(BufferError):
        data.extend(b"!")  # the export is held while the Buffer lives
    del buf
    data.extend(b"!")
    assert data == bytearray(b"grow me!")


def test_py_buffer_keeps_source_alive_after_python_drops_it():
    arr = np.arange(10, dtype=np.uint8)
    ref = weakref.ref(arr)
    buf = pa.py_buffer(arr)
    del arr
    assert ref() is not None
    assert buf.to_pybytes() == bytes(range(10))
    del buf
    assert ref() is None


def test_py_buffer_of_a_buffer_returns_it():
    buf = pa.py_buffer(DATA)
    assert pa.py_buffer(buf) is buf


def test_py_buffer_rejects_non_buffers_and_non_contiguous_arrays():
    with pytest.raises(TypeError, match="bytes-like object is required, not 'str'"):
        pa.py_buffer("text")
    with pytest.raises(TypeError):
        pa.py_buffer(42)
    with pytest.raises(ValueError, match="not contiguous"):
        pa.py_buffer(np.arange(10)[::2])


class _PyBuffer(ctypes.Structure):
    _fields_ = [("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
                ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
                ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
                ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p)]


def test_writable_export_of_an_immutable_buffer_is_refused():
    buf = pa.py_buffer(DATA)
    get_buffer = ctypes.pythonapi.PyObject_GetBuffer
    get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
    PyBUF_WRITABLE = 0x0001
    with pytest.raises(BufferError):
        get_buffer(buf, ctypes.byref(_PyBuffer()), PyBUF_WRITABLE)
    with pytest.raises(BufferError):
        pa.BufferReader(b"abc").readinto(buf)
    with pytest.raises(TypeError):
        (ctypes.c_char * 26).from_buffer(buf)
    with pytest.raises(TypeError, match="read-only"):
        memoryview(buf)[0] = 1


def test_writable_export_of_a_mutable_buffer():
    buf = pa.allocate_buffer(4)
    arr = (ctypes.c_char * 4).from_buffer(buf)
    arr.value = b"wxyz"
    assert buf.to_pybytes() == b"wxyz"


def test_memoryview_keeps_buffer_alive():
    view = memoryview(pa.py_buffer(bytearray(b"still here")))
    assert view.tobytes() == b"still here"


def test_repr_and_hex():
    buf = pa.py_buffer(b"\x01\xab\xff")
    assert repr(buf) == "<arrowpack.Buffer address=0x%x size=3 is_cpu=True is_mutable=False>" % buf.address
    assert str(buf) == repr(buf)
    assert buf.hex() == b"01ABFF"
    assert pa.py_buffer(b"").hex() == b""


def test_slice_is_zero_copy_and_keeps_parent():
    buf = pa.py_buffer(DATA)
    piece = buf.slice(2, 3)
    assert piece.to_pybytes() == b"cde"
    assert piece.address == buf.address + 2
    assert piece.parent is buf
    assert buf.slice(20).to_pybytes() == b"uvwxyz"
    assert buf.slice().equals(buf)
    assert buf.slice(26).size == 0
    assert buf.slice(5, 0).size == 0


@pytest.mark.parametrize("args", [(-1,), (27,), (0, -1), (5, 22), (26, 1)])
def test_slice_out_of_bounds(args):
    buf = pa.py_buffer(DATA)
    with pytest.raises(pa.ArrowIndexError):
        buf.slice(*args)


def test_getitem():
    buf = pa.py_buffer(DATA)
    assert buf[0] == ord("a")
    assert buf[-1] == ord("z")
    assert buf[2:5].to_pybytes() == b"cde"
    assert buf[-3:].to_pybytes() == b"xyz"
    assert buf[5:2].size == 0
    assert buf[:100].size == 26
    with pytest.raises(IndexError):
        buf[26]
    with pytest.raises(IndexError):
        buf[-27]
    with pytest.raises(IndexError, match="step 1"):
        buf[::2]


def test_equality():
    a = pa.py_buffer(b"same")
    b = pa.py_buffer(bytearray(b"same"))
    assert a.equals(b)
    assert a == b
    assert a == b"same"
    assert a != b"diff"
    assert a != pa.py_buffer(b"sam")
    assert a != 3
    with pytest.raises(TypeError):
        a.equals(b"same")


def test_to_pybytes_copies():
    data = bytearray(b"abc")
    buf = pa.py_buffer(data)
    copy = buf.to_pybytes()
    data[0] = ord("z")
    assert copy == b"abc"


def test_allocate_buffer_accounts_in_the_pool():
    pool = pa.default_memory_pool()
    before = pool.bytes_allocated()
    buf = pa.allocate_buffer(100)
    assert buf.is_mutable and buf.size == 100
    assert type(buf) is pa.Buffer
    assert pool.bytes_allocated() == before + 128  # padded to a multiple of 64
    assert buf.address % 64 == 0
    del buf
    assert pool.bytes_allocated() == before


def test_allocate_buffer_from_a_given_pool():
    pool = pa.system_memory_pool()
    before = pool.bytes_allocated()
    buf = pa.allocate_buffer(64, memory_pool=pool)
    assert pool.bytes_allocated() == before + 64
    del buf
    assert pool.bytes_allocated() == before


def test_allocate_buffer_negative_size():
    with pytest.raises(pa.ArrowInvalid):
        pa.allocate_buffer(-1)
    with pytest.raises(pa.ArrowInvalid):
        pa.allocate_buffer(-1, resizable=True)


def test_resizable_buffer():
    buf = pa.allocate_buffer(10, resizable=True)
    assert isinstance(buf, pa.ResizableBuffer) and isinstance(buf, pa.Buffer)
    memoryview(buf)[:3] = b"abc"
    buf.resize(1000)
    assert buf.size == 1000
    assert buf.to_pybytes()[:3] == b"abc"
    assert pa.total_allocated_bytes() >= 1024
    buf.resize(3, shrink_to_fit=True)
    assert buf.to_pybytes() == b"abc"
    with pytest.raises(pa.ArrowInvalid):
        buf.resize(-5)


def test_foreign_buffer_keeps_base_alive():
    arr = np.arange(16, dtype=np.uint8)
    buf = pa.foreign_buffer(arr.ctypes.data, 16, base=arr)
    ref = weakref.ref(arr)
    del arr
    assert ref() is not None
    assert buf.to_pybytes() == bytes(range(16))
    assert not buf.is_mutable
    del buf
    assert ref() is None


def test_foreign_buffer_negative_size():
    with pytest.raises(pa.ArrowInvalid):
        pa.foreign_buffer(0, -1)


@pytest.mark.parametrize("protocol", [2, 3, 4])
def test_pickle_in_band(protocol):
    buf = pa.py_buffer(DATA)
    restored = pickle.loads(pickle.dumps(buf, protocol=protocol))
    assert isinstance(restored, pa.Buffer)
    assert restored.equals(buf)
    assert restored.address != buf.address


def test_pickle_protocol_5_in_band():
    buf = pa.py_buffer(DATA)
    restored = pickle.loads(pickle.dumps(buf, protocol=5))
    assert restored.to_pybytes() == DATA


def test_pickle_protocol_5_out_of_band_is_zero_copy():
    buf = pa.py_buffer(DATA)
    frames = []
    payload = pickle.dumps(buf, protocol=5, buffer_callback=frames.append)
    assert len(frames) == 1
    assert DATA not in payload
    restored = pickle.loads(payload, buffers=frames)
    assert restored.address == buf.address
    assert restored.equals(buf)


def test_pickle_of_a_slice_and_of_a_pool_buffer():
    buf = pa.allocate_buffer(8)
    memoryview(buf)[:] = b"01234567"
    frames = []
    restored = pickle.loads(pickle.dumps(buf.slice(2, 4), protocol=5, buffer_callback=frames.append),
                            buffers=frames)
    assert restored.to_pybytes() == b"2345"
    assert restored.address == buf.address + 2
