"""The examples of pyarrow's "Memory and IO" page (reference seed 002), run unchanged with
`import arrowpack as pa`, in the order the page gives them."""

import gzip
import os

import pytest

import arrowpack as pa


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_memory_and_io_page():
    # Buffers
    data = b'abcdefghijklmnopqrstuvwxyz'
    buf = pa.py_buffer(data)
    assert repr(buf).startswith("<arrowpack.Buffer address=0x")
    assert repr(buf).endswith(" size=26 is_cpu=True is_mutable=False>")
    assert buf.size == 26
    view = memoryview(buf)
    assert view.tobytes() == data and view.readonly and len(view) == 26
    assert buf.to_pybytes() == data
    del view

    # Memory pools
    assert pa.total_allocated_bytes() == 0
    buf = pa.allocate_buffer(1024, resizable=True)
    assert pa.total_allocated_bytes() == 1024
    buf.resize(2048)
    assert pa.total_allocated_bytes() == 2048
    buf = None
    assert pa.total_allocated_bytes() == 0
    # The page shows 'jemalloc'; arrowpack's backends are mimalloc and system.
    assert pa.default_memory_pool().backend_name in pa.supported_memory_backends()

    # input_stream over a memoryview
    buf = memoryview(b"some data")
    stream = pa.input_stream(buf)
    assert stream.read(4) == b'some'

    # input_stream over a gzip file, decompressed on the fly
    with gzip.open('example.gz', 'wb') as f:
        f.write(b'some data\n' * 3)
    stream = pa.input_stream('example.gz')
    assert stream.read() == b'some data\nsome data\nsome data\n'

    # output_stream to a path
    with pa.output_stream('example1.dat') as stream:
        stream.write(b'some data')
    f = open('example1.dat', 'rb')
    assert f.read() == b'some data'
    f.close()

    # On-disk and memory-mapped files
    with open('example2.dat', 'wb') as f:
        f.write(b'some example data')
    with pa.OSFile('example3.dat', 'wb') as f:
        f.write(b'some example data')
    file_obj = pa.OSFile('example2.dat')
    mmap = pa.memory_map('example3.dat')
    assert file_obj.read(4) == b'some'
    assert mmap.read(4) == b'some'

    mmap.seek(0)
    buf = mmap.read_buffer(4)
    assert str(buf).startswith("<arrowpack.Buffer address=0x")
    assert str(buf).endswith(" size=4 is_cpu=True is_mutable=False>")
    assert buf.to_pybytes() == b'some'

    buf = mmap = file_obj = None
    os.remove('example2.dat')  # the page's "!rm example.dat" names a file it never wrote

    # In-memory reading and writing
    writer = pa.BufferOutputStream()
    writer.write(b'hello, friends')
    buf = writer.getvalue()
    assert repr(buf).endswith(" size=14 is_cpu=True is_mutable=True>")
    assert buf.size == 14
    reader = pa.BufferReader(buf)
    reader.seek(7)
    assert reader.read(7) == b'friends'


def test_foreign_buffer_references_external_memory():
    data = b'external memory'
    view = pa.py_buffer(data)
    buf = pa.foreign_buffer(view.address, 8, base=view)
    assert buf.address == view.address
    assert buf.to_pybytes() == b'external'
