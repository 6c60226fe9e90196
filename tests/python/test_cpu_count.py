"""cpu_count() / set_cpu_count(): the thread count of parallel IPC compression, as pyarrow's:
defaults, OMP_NUM_THREADS, bad values, and reads and writes that stay identical at any count."""

import os
import subprocess
import sys

import numpy as np
import pyarrow
import pytest

import arrowpack as pa


@pytest.fixture
def restore_cpu_count():
    saved = pa.cpu_count()
    yield
    pa.set_cpu_count(saved)


def cpu_count_in_child(env_value):
    env = dict(os.environ)
    env.pop("OMP_NUM_THREADS", None)
    if env_value is not None:
        env["OMP_NUM_THREADS"] = env_value
    code = "import arrowpack, pyarrow; print(arrowpack.cpu_count(), pyarrow.cpu_count())"
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return tuple(int(word) for word in out.stdout.split())


@pytest.mark.parametrize("env_value", [None, "3", "3,2", "x", "0"])
def test_default_follows_omp_num_threads_as_pyarrow(env_value):
    ours, theirs = cpu_count_in_child(env_value)
    assert ours == theirs
    if env_value is None:
        assert ours == os.cpu_count()


def test_set_and_refuse(restore_cpu_count):
    pa.set_cpu_count(3)
    assert pa.cpu_count() == 3
    for bad in (0, -1):
        with pytest.raises(ValueError, match="strictly positive"):
            pa.set_cpu_count(bad)
    with pytest.raises(TypeError):
        pa.set_cpu_count("2")
    with pytest.raises(TypeError):
        pa.set_cpu_count(2.5)
    assert pa.cpu_count() == 3


@pytest.mark.parametrize("count", [1, 2, 6])
def test_compressed_ipc_is_the_same_at_any_count(restore_cpu_count, count):
    rng = np.random.default_rng(5)
    table = pyarrow.table({f"c{i}": rng.integers(0, 50, 200_000) for i in range(4)})
    batch = pa.record_batch(table.to_batches()[0])
    options = pa.ipc.IpcWriteOptions(compression="zstd")

    def write():
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, batch.schema, options=options) as writer:
            writer.write_batch(batch)
        return sink.getvalue()

    pa.set_cpu_count(1)
    expected = write().to_pybytes()
    pa.set_cpu_count(count)
    data = write()
    assert data.to_pybytes() == expected
    assert pyarrow.table(pa.ipc.open_stream(data).read_all()).equals(table)
