"""The default context registers pandas and scipy handlers on first use: serializing plain values
imports neither, and values of their classes (or blobs naming their type ids) still round trip."""

import subprocess
import sys
import textwrap


def run_fresh(code):
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_plain_values_import_neither_pandas_nor_scipy():
    out = run_fresh("""
        import sys
        import numpy as np
        import arrowpack as pa
        value = {"a": [1, 2.5, "x"], "b": np.arange(3)}
        back = pa.deserialize(pa.serialize(value).to_buffer())
        print(back["a"] == value["a"], "pandas" in sys.modules, "scipy" in sys.modules)
    """)
    assert out == ["True", "False", "False"]


def test_pandas_imported_after_the_context_was_built():
    out = run_fresh("""
        import arrowpack as pa
        pa.serialize(1)  # builds the default context before pandas is imported
        import pandas as pd
        frame = pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})
        print(pa.deserialize(pa.serialize(frame).to_buffer()).equals(frame))
    """)
    assert out == ["True"]


def test_reading_a_pandas_blob_in_a_process_without_pandas_imported():
    writer = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys
        import pandas as pd
        import arrowpack as pa
        sys.stdout.buffer.write(pa.serialize(pd.Series([1.5, 2.5], name="s")).to_buffer().to_pybytes())
    """)], capture_output=True, check=True)
    reader = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys
        import arrowpack as pa
        series = pa.deserialize(sys.stdin.buffer.read())
        print(type(series).__name__, series.name, list(series))
    """)], input=writer.stdout, capture_output=True)
    assert reader.returncode == 0, reader.stderr.decode()
    assert reader.stdout.decode().split() == ["Series", "s", "[1.5,", "2.5]"]


def test_scipy_matrix_registered_on_first_use():
    out = run_fresh("""
        import arrowpack as pa
        pa.serialize(1)
        import scipy.sparse as sp
        matrix = sp.csr_matrix([[0, 1.5], [2.0, 0]])
        back = pa.deserialize(pa.serialize(matrix).to_buffer())
        print(type(back).__name__, (back != matrix).nnz)
    """)
    assert out == ["csr_matrix", "0"]
