"""arrowpack.shared_memory with real processes: Python and C++ writers, zero-copy readers that
outlive the writer and the name, a writer killed mid-write, missing and foreign segments, and no
segment left in /dev/shm."""

import multiprocessing
import os
import pathlib
import signal
import subprocess
import uuid

import numpy as np
import pytest

import arrowpack as pa
from arrowpack import shared_memory

REPO = pathlib.Path(__file__).resolve().parents[2]
PRODUCER = pathlib.Path(os.environ.get("ARROWPACK_BUILD_DIR", REPO / "build")) / "tests/cpp/shared_memory_producer"


@pytest.fixture
def name():
    """A fresh segment name; the test must leave nothing behind under it."""
    segment = f"arrowpack-pytest-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    yield segment
    leftover = pathlib.Path("/dev/shm") / segment
    if leftover.exists():
        leftover.unlink()
        pytest.fail(f"segment {segment} was left in /dev/shm")


def sample_table(rows=1000):
    return pa.table({"i": np.arange(rows, dtype=np.int64), "s": [f"row {i}" for i in range(rows)]})


def segment_size(name):
    return (pathlib.Path("/dev/shm") / name).stat().st_size


def test_table_round_trip_is_exactly_sized_and_zero_copy(name):
    table = sample_table()
    size = shared_memory.write_table(name, table)
    assert segment_size(name) == 64 + size
    segment = shared_memory.open(name)
    assert segment.size == size and segment.kind == shared_memory.KIND_IPC_STREAM
    restored = segment.read_table()
    assert restored.equals(table)
    start, end = segment.buffer.address, segment.buffer.address + segment.buffer.size
    assert start <= restored.column("i").chunk(0).buffers()[1].address < end
    shared_memory.unlink(name)


def test_record_batch_and_bytes(name):
    batch = pa.record_batch([pa.array([1.5, None])], names=["x"])
    shared_memory.write_table(name, batch)
    assert shared_memory.read_table(name).to_batches()[0].equals(batch)
    shared_memory.unlink(name)
    shared_memory.write_bytes(name, np.arange(10, dtype=np.uint8))
    segment = shared_memory.open("/" + name)
    assert segment.buffer.to_pybytes() == bytes(range(10))
    with pytest.raises(pa.ArrowTypeError, match="holds bytes, not an Arrow IPC stream"):
        segment.read_table()
    shared_memory.unlink(name)


def test_serialized_value_round_trip_is_zero_copy(name):
    value = {"x": np.arange(10_000, dtype=np.float64), "s": "hello", "nested": [1, (2, 3), None]}
    size = shared_memory.write_serialized(name, pa.serialize(value))
    assert segment_size(name) == 64 + size
    segment = shared_memory.open(name)
    assert segment.kind == shared_memory.KIND_SERIALIZED
    restored = segment.deserialize()
    shared_memory.unlink(name)
    np.testing.assert_array_equal(restored["x"], value["x"])
    assert restored["s"] == "hello" and restored["nested"] == [1, (2, 3), None]
    start = segment.buffer.address
    assert start <= restored["x"].ctypes.data < start + segment.size
    assert not restored["x"].flags.writeable
    with pytest.raises(pa.ArrowTypeError, match="holds a serialized value, not an Arrow IPC stream"):
        segment.read_table()


def deserialize_in_child(name, queue):
    value = shared_memory.open(name).deserialize()
    queue.put((float(value["x"].sum()), value["s"]))


def test_another_process_deserializes_a_value_zero_copy(name):
    shared_memory.write_serialized(name, pa.serialize({"x": np.ones(1000), "s": "from the parent"}))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=deserialize_in_child, args=(name, queue))
    child.start()
    assert queue.get(timeout=60) == (1000.0, "from the parent")
    child.join(60)
    shared_memory.unlink(name)


def test_readers_outlive_the_name_and_the_mapping_lives_in_the_views(name):
    shared_memory.write_table(name, sample_table())
    table = shared_memory.read_table(name)
    shared_memory.unlink(name)
    assert not (pathlib.Path("/dev/shm") / name).exists()
    values = np.asarray(table.column("i").chunk(0))
    del table
    assert values.sum() == sum(range(1000))  # the ndarray alone keeps the mapping


def test_unlink_happens_exactly_once(name):
    shared_memory.write_bytes(name, b"x")
    shared_memory.unlink(name)
    with pytest.raises(FileNotFoundError):
        shared_memory.unlink(name)


def test_missing_segment_and_existing_name(name):
    with pytest.raises(FileNotFoundError, match="opening shared memory"):
        shared_memory.open(name)
    shared_memory.write_bytes(name, b"first")
    with pytest.raises(FileExistsError):
        shared_memory.write_bytes(name, b"second")
    assert shared_memory.open(name).buffer.to_pybytes() == b"first"
    shared_memory.unlink(name)


def test_failed_write_leaves_no_segment(name):
    runs = []

    def fails_when_writing_the_segment(sink):
        runs.append(sink)
        if len(runs) == 2:
            sink.write(b"half")
            raise RuntimeError("the value changed under the writer")
        sink.write(b"12345678")

    with pytest.raises(RuntimeError, match="changed under the writer"):
        shared_memory._write(name, shared_memory.KIND_BYTES, fails_when_writing_the_segment)
    assert not (pathlib.Path("/dev/shm") / name).exists()
    sizes = iter([8, 4])  # the counting run, then the real one
    with pytest.raises(pa.ArrowInvalid, match="changed size between runs"):
        shared_memory._write(name, shared_memory.KIND_BYTES, lambda sink: sink.write(b"x" * next(sizes)))
    assert not (pathlib.Path("/dev/shm") / name).exists()


def test_bad_names():
    for bad in ["", "a/b", "x" * 300]:
        with pytest.raises(pa.ArrowInvalid, match="invalid shared memory name"):
            shared_memory.open(bad)


def test_foreign_segment_is_refused(name):
    (pathlib.Path("/dev/shm") / name).write_bytes(b"\0" * 128)
    with pytest.raises(pa.ArrowInvalid, match="not an arrowpack segment"):
        shared_memory.open(name)
    shared_memory.unlink(name)


def read_in_child(name, queue):
    table = shared_memory.read_table(name)
    queue.put((table.num_rows, table.column("i").to_pylist()[-1], table.column("s").to_pylist()[1]))


def write_and_exit(name):
    shared_memory.write_table(name, sample_table())


def test_another_process_reads_what_this_one_wrote(name):
    shared_memory.write_table(name, sample_table())
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=read_in_child, args=(name, queue))
    child.start()
    assert queue.get(timeout=60) == (1000, 999, "row 1")
    child.join(60)
    assert child.exitcode == 0
    shared_memory.unlink(name)


def test_segment_written_by_a_process_that_exited(name):
    context = multiprocessing.get_context("spawn")
    writer = context.Process(target=write_and_exit, args=(name,))
    writer.start()
    writer.join(60)
    assert writer.exitcode == 0
    assert shared_memory.read_table(name).equals(sample_table())
    shared_memory.unlink(name)


def test_cpp_process_produces_what_python_consumes(name):
    result = subprocess.run([str(PRODUCER), "table", name, "5000"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert segment_size(name) == 64 + int(result.stdout)
    table = shared_memory.read_table(name)
    shared_memory.unlink(name)
    assert table.schema.names == ["i", "x"]
    np.testing.assert_array_equal(np.asarray(table.column("i").chunk(0)), np.arange(5000))
    np.testing.assert_array_equal(np.asarray(table.column("x").chunk(0)), np.arange(5000) / 2)


def test_cpp_process_produces_a_serialized_value_python_deserializes(name):
    result = subprocess.run([str(PRODUCER), "value", name, "1000"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    segment = shared_memory.open(name)
    shared_memory.unlink(name)
    value = segment.deserialize()
    assert value["source"] == "C++"
    np.testing.assert_array_equal(value["x"], np.arange(1000) / 2)
    assert segment.buffer.address <= value["x"].ctypes.data < segment.buffer.address + segment.size


def test_writer_killed_mid_write_gives_a_clear_error(name):
    producer = subprocess.Popen([str(PRODUCER), "partial", name], stdout=subprocess.PIPE, text=True)
    try:
        assert producer.stdout.readline().strip() == "ready"
        producer.send_signal(signal.SIGKILL)
        producer.wait(60)
    finally:
        producer.stdout.close()
    with pytest.raises(pa.ArrowInvalid, match="incomplete: its writer never committed it"):
        shared_memory.open(name)
    shared_memory.unlink(name)
