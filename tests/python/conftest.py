"""Shared pytest setup: every test must give back all default-pool memory it allocated."""

import gc

import pytest

import arrowpack as pa


def pytest_collection_finish(session):
    """Moves every object alive after collection (the modules the tests imported: numpy, pandas,
    torch, ...) out of the garbage collector's view, so the collections of no_pool_leaks only walk
    what the tests create. Without this, each collection walks torch's objects too, which made
    every later test several times slower."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def no_pool_leaks():
    gc.collect()
    before = pa.total_allocated_bytes()
    yield
    gc.collect()
    assert pa.total_allocated_bytes() == before, "the test leaked default-pool memory"
