"""Shared pytest setup: every test must give back all default-pool memory it allocated."""

import gc

import pytest

import arrowpack as pa


@pytest.fixture(autouse=True)
def no_pool_leaks():
    gc.collect()
    before = pa.total_allocated_bytes()
    yield
    gc.collect()
    assert pa.total_allocated_bytes() == before, "the test leaked default-pool memory"
