"""Blobs of the first 'arrowpack.pd.*' encoding (column-wise "data", written at commit 243953f by
tests/data/arrowpack-pandas-v1/make_blobs.py) still deserialize to the values they were made from."""

import importlib.util
import pathlib

import pandas as pd
import pytest

import arrowpack as pa

BLOBS = pathlib.Path(__file__).parents[1] / "data" / "arrowpack-pandas-v1"


def _writer_module():
    spec = importlib.util.spec_from_file_location("arrowpack_pandas_v1_blobs", BLOBS / "make_blobs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VALUES = _writer_module().values(pd)


def _assert_equal(result, expected):
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(result, expected)
    elif isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(result, expected)
    else:
        pd.testing.assert_index_equal(result, expected)


@pytest.mark.parametrize("name", sorted(VALUES))
def test_first_encoding_blobs_still_deserialize(name):
    result = pa.deserialize((BLOBS / f"{name}.bin").read_bytes(), context=pa.default_serialization_context())
    _assert_equal(result, VALUES[name])


def test_every_value_has_a_blob():
    assert sorted(path.stem for path in BLOBS.glob("*.bin")) == sorted(VALUES)
