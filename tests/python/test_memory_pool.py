"""Memory pools: accounting, backends, the default pool and its environment variable."""

import os
import subprocess
import sys

import pytest

import arrowpack as pa


def test_pool_accounting_follows_allocations():
    pool = pa.default_memory_pool()
    before = pool.bytes_allocated()
    allocations = pool.num_allocations()
    total = pool.total_bytes_allocated()
    buf = pa.allocate_buffer(1000, memory_pool=pool)
    assert pool.bytes_allocated() == before + 1024
    assert pool.num_allocations() == allocations + 1
    assert pool.total_bytes_allocated() == total + 1024
    assert pool.max_memory() >= before + 1024
    del buf
    assert pool.bytes_allocated() == before
    assert pool.total_bytes_allocated() == total + 1024  # totals never go down


def test_total_allocated_bytes_is_the_default_pools_count():
    buf = pa.allocate_buffer(64)
    assert pa.total_allocated_bytes() == pa.default_memory_pool().bytes_allocated()
    del buf


def test_pool_objects_are_singletons_with_names():
    assert pa.default_memory_pool() is pa.default_memory_pool()
    system = pa.system_memory_pool()
    assert system.backend_name == "system"
    assert repr(system).startswith("<arrowpack.MemoryPool backend_name=system bytes_allocated=")
    assert "system" in pa.supported_memory_backends()


def test_mimalloc_pool_when_available():
    if "mimalloc" not in pa.supported_memory_backends():
        with pytest.raises(pa.ArrowNotImplementedError):
            pa.mimalloc_memory_pool()
        return
    pool = pa.mimalloc_memory_pool()
    assert pool.backend_name == "mimalloc"
    before = pool.bytes_allocated()
    buf = pa.allocate_buffer(256, memory_pool=pool)
    assert pool.bytes_allocated() == before + 256
    del buf
    pool.release_unused()
    assert pool.bytes_allocated() == before


def test_jemalloc_is_not_built():
    with pytest.raises(pa.ArrowNotImplementedError, match="jemalloc"):
        pa.jemalloc_memory_pool()
    assert "jemalloc" not in pa.supported_memory_backends()


def test_set_memory_pool_changes_the_default():
    original = pa.default_memory_pool()
    system = pa.system_memory_pool()
    try:
        pa.set_memory_pool(system)
        assert pa.default_memory_pool() is system
        before = system.bytes_allocated()
        buf = pa.allocate_buffer(128)
        assert system.bytes_allocated() == before + 128
        del buf
    finally:
        pa.set_memory_pool(original)
    assert pa.default_memory_pool() is original


def test_set_memory_pool_none_restores_the_startup_choice():
    original = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    pa.set_memory_pool(None)
    assert pa.default_memory_pool() is original


def test_set_memory_pool_rejects_non_pools():
    with pytest.raises(TypeError):
        pa.set_memory_pool("system")


def _backend_in_subprocess(value):
    env = dict(os.environ)
    env["ARROWPACK_DEFAULT_MEMORY_POOL"] = value
    result = subprocess.run(
        [sys.executable, "-c", "import arrowpack as pa; print(pa.default_memory_pool().backend_name)"],
        env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip(), result.stderr


def test_environment_variable_selects_the_default_pool():
    assert _backend_in_subprocess("system")[0] == "system"
    if "mimalloc" in pa.supported_memory_backends():
        assert _backend_in_subprocess("mimalloc")[0] == "mimalloc"


def test_unknown_environment_value_warns_and_falls_back():
    backend, stderr = _backend_in_subprocess("tcmalloc")
    assert backend in pa.supported_memory_backends()
    assert "tcmalloc" in stderr


def test_print_stats(capsys):
    pa.system_memory_pool().print_stats()
    out = capsys.readouterr().out
    assert "backend: system" in out and "bytes_allocated:" in out
