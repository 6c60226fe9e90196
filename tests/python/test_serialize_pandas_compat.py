"""Blobs of the first 'arrowpack.pd.*' encoding (column-wise "data", written at commit 243953f by
tests/data/arrowpack-pandas-v1/make_blobs.py) still deserialize to the values they were made from."""

import pandas as pd
import pytest

import arrowpack as pa
import pandas_v1_blobs

BLOBS = pandas_v1_blobs.FOLDER
VALUES = pandas_v1_blobs.values()


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
