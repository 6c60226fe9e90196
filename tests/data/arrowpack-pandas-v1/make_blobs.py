"""Writes the blobs of this folder: the pandas values of `values()` serialized with arrowpack's
default context, in the column-wise 'arrowpack.pd.*' encoding of commit 243953f (before the
block-wise DataFrame encoding). tests/python/test_serialize_pandas_compat.py reads them back and
compares with `values()`, so later versions keep reading blobs of that encoding.

    PYTHONPATH=<arrowpack at 243953f> python make_blobs.py   # pandas 3.x with pyarrow installed
"""

import pathlib

import numpy as np


def values(pd):
    """name -> pandas value; deterministic, built the same way by the writer and the test."""
    n = 6
    mixed = pd.DataFrame({
        "f": np.linspace(0, 1, n),
        "i": np.arange(n, dtype="int32"),
        "s": ["a", "bb", None, "d", "e", "f"],
        "o": pd.Series([1, "x", None, 2.5, (1,), b"b"], dtype=object),
        "cat": pd.Categorical(["x", "y", "x", "z", "y", "x"], categories=["z", "y", "x"], ordered=True),
        "tz": pd.date_range("2021-03-27", periods=n, freq="D", tz="Europe/Berlin"),
        "naive": pd.date_range("2000-01-01", periods=n, freq="h"),
        "delta": pd.to_timedelta(np.arange(n), unit="s"),
        "nullable": pd.array([1, None, 3, 4, None, 6], dtype="Int64"),
        "bool": [True, False] * 3,
        "boolean": pd.array([True, None, False] * 2, dtype="boolean"),
        "arrow_int": pd.array([1, 2, None, 4, 5, 6], dtype="int64[pyarrow]"),
        "period": pd.period_range("2020-01", periods=n, freq="M"),
        "interval": pd.interval_range(0, n),
    }, index=pd.Index(list("uvwxyz"), name="letters"))
    floats = pd.DataFrame({f"f{j}": np.arange(j, j + 50, dtype=np.float64) for j in range(5)})
    floats["s"] = [f"row {i}" for i in range(50)]
    multi = pd.MultiIndex.from_product([["a", "b"], [1, 2, 3]], names=["l", "n"])
    return {
        "mixed_frame": mixed,
        "floats_and_str_frame": floats,
        "multiindex_frame": pd.DataFrame({"v": np.arange(6.0), "w": list("pqrstu")}, index=multi),
        "duplicate_columns_frame": pd.DataFrame([[1, 2, 3]], columns=["a", "a", 7]),
        "empty_frame": pd.DataFrame(),
        "rows_no_columns_frame": pd.DataFrame(index=pd.RangeIndex(3)),
        "str_series": pd.Series(["x", None, "z"], name="s", index=pd.RangeIndex(5, 8)),
        "datetime_index": pd.DatetimeIndex(pd.date_range("2020", periods=5, tz="UTC"), name="when"),
    }


def main():
    import pandas as pd

    import arrowpack as pa

    here = pathlib.Path(__file__).parent
    context = pa.default_serialization_context()
    for name, value in values(pd).items():
        (here / f"{name}.bin").write_bytes(pa.serialize(value, context=context).to_buffer().to_pybytes())


if __name__ == "__main__":
    main()
