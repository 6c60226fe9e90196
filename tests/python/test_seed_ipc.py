"""The IPC examples of seeds 000/001 (pyarrow's "Streaming, Serialization, and IPC" page) and the
seed 003 shared-memory recipe, run unchanged against arrowpack."""

import gc
import subprocess
import sys
import textwrap
from multiprocessing import shared_memory

import pyarrow

import arrowpack as pa


def seed_batch():
    data = [
        pa.array([1, 2, 3, 4]),
        pa.array(['foo', 'bar', 'baz', None]),
        pa.array([True, None, False, True])
    ]
    batch = pa.record_batch(data, names=['f0', 'f1', 'f2'])
    assert batch.num_rows == 4
    assert batch.num_columns == 3
    return batch


def test_using_streams():
    batch = seed_batch()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        for i in range(5):
            writer.write_batch(batch)
    buf = sink.getvalue()
    assert buf.size == 1984
    with pa.ipc.open_stream(buf) as reader:
        schema = reader.schema
        batches = [b for b in reader]
    assert str(schema) == "f0: int64\nf1: string\nf2: bool"
    assert len(batches) == 5
    assert batches[0].equals(batch)


def test_random_access_files_and_read_pandas():
    batch = seed_batch()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, batch.schema) as writer:
        for i in range(10):
            writer.write_batch(batch)
    buf = sink.getvalue()
    assert buf.size == 4226
    with pa.ipc.open_file(buf) as reader:
        num_record_batches = reader.num_record_batches
    b = reader.get_batch(3)
    assert num_record_batches == 10
    assert b.equals(batch)
    with pa.ipc.open_file(buf) as reader:
        df = reader.read_pandas()
    # The seed's text comes from an older pandas; pyarrow on the installed pandas is the reference.
    expected = pyarrow.ipc.open_file(pyarrow.py_buffer(buf.to_pybytes())).read_pandas()
    assert str(df[:5]) == str(expected[:5])
    assert df["f0"].tolist()[:5] == [1, 2, 3, 4, 1]


def test_bigfile_read_through_a_memory_map_allocates_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    BATCH_SIZE = 10000
    NUM_BATCHES = 1000
    schema = pa.schema([pa.field('nums', pa.int32())])
    with pa.OSFile('bigfile.arrow', 'wb') as sink:
        with pa.ipc.new_file(sink, schema) as writer:
            for row in range(NUM_BATCHES):
                batch = pa.record_batch([pa.array(range(BATCH_SIZE), type=pa.int32())], schema)
                writer.write(batch)
    del batch
    gc.collect()
    before = pa.total_allocated_bytes()
    with pa.OSFile('bigfile.arrow', 'rb') as source:
        loaded_array = pa.ipc.open_file(source).read_all()
    assert len(loaded_array) == 10_000_000
    assert pa.total_allocated_bytes() - before >= 40_000_000
    del loaded_array
    gc.collect()
    with pa.memory_map('bigfile.arrow', 'rb') as source:
        loaded_array = pa.ipc.open_file(source).read_all()
    assert len(loaded_array) == 10_000_000
    assert pa.total_allocated_bytes() == before
    assert loaded_array.column(0).chunk(999).to_pylist()[-3:] == [9997, 9998, 9999]
    del loaded_array


def calculate_ipc_size(table: pa.Table) -> int:
    sink = pa.MockOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.size()


CHILD = textwrap.dedent("""
    import sys
    from multiprocessing import resource_tracker, shared_memory
    import arrowpack as pa
    shm = shared_memory.SharedMemory(name=sys.argv[1])
    # Python < 3.13 would unlink the parent's segment when this process exits (bpo-38119).
    resource_tracker.unregister(shm._name, "shared_memory")
    reader = pa.ipc.open_stream(shm.buf)
    table = reader.read_all()
    print(table.column("num").to_pylist(), table.column("name").to_pylist())
    print(pa.total_allocated_bytes())
    del table, reader
    shm.close()
""")


def test_shared_memory_recipe_read_by_a_second_process():
    a1 = pa.array(list(range(3)))
    a2 = pa.array(["foo", "bar", "baz"])
    table = pa.Table.from_arrays([a1, a2], names=["num", "name"])
    size = calculate_ipc_size(table)
    shm = shared_memory.SharedMemory(create=True, size=size)
    try:
        stream = pa.FixedSizeBufferWriter(pa.py_buffer(shm.buf))
        with pa.RecordBatchStreamWriter(stream, table.schema) as writer:
            writer.write_table(table)
        assert stream.tell() == size
        del stream, writer
        gc.collect()
        child = subprocess.run([sys.executable, "-c", CHILD, shm.name], capture_output=True, text=True, timeout=120)
        assert child.returncode == 0, child.stderr
        assert child.stdout.splitlines() == ["[0, 1, 2] ['foo', 'bar', 'baz']", "0"]
    finally:
        shm.close()
        shm.unlink()


def test_new_stream_on_a_shared_memory_buffer_directly():
    # The seed's first attempt passes shm.buf itself; arrowpack wraps it in a FixedSizeBufferWriter.
    table = pa.Table.from_arrays([pa.array([1, 2, 3])], names=["num"])
    shm = shared_memory.SharedMemory(create=True, size=calculate_ipc_size(table))
    try:
        with pa.ipc.new_stream(shm.buf, table.schema) as out:
            for batch in table.to_batches():
                out.write(batch)
        del out
        gc.collect()
        result = pa.ipc.open_stream(bytes(shm.buf)).read_all()
        assert result.equals(table)
    finally:
        shm.close()
        shm.unlink()
