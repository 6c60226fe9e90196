"""Interop with the real pyarrow 11 (its own venv, run as a subprocess): pyarrow 11's blobs of the
corpus deserialize equal in arrowpack, and arrowpack's deserialize equal in pyarrow 11."""

import collections
import json
import os
import pathlib
import pickle
import subprocess

import pandas as pd
import pytest

import arrowpack as pa
import arrowpack._serialization_builtin
import arrowpack._serialization_pandas
import serialize_corpus as corpus

VENV_PYTHON = pathlib.Path(os.environ.get("ARROWPACK_LEGACY_VENV", "/opt/arrowpack-venvs/pyarrow11")) / "bin/python"
WORKER = pathlib.Path(__file__).with_name("pyarrow11_serialize_worker.py")
pytestmark = pytest.mark.skipif(not VENV_PYTHON.exists(), reason="the pyarrow 11 venv is not installed")


def run_worker(mode, directory):
    handlers = [arrowpack._serialization_builtin.__file__, arrowpack._serialization_pandas.__file__]
    env = dict(os.environ, PYTHONPATH=str(WORKER.parent), ARROWPACK_HANDLERS=os.pathsep.join(handlers))
    done = subprocess.run([str(VENV_PYTHON), str(WORKER), mode, str(directory)], env=env, cwd=directory,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def context():
    ctx = pa.default_serialization_context()
    corpus.register_custom_types(ctx)
    return ctx


@pytest.fixture(scope="module")
def pyarrow_blobs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pyarrow11")
    run_worker("write", directory)
    return directory


@pytest.mark.parametrize("name", sorted(corpus.exact_corpus(pa)))
def test_pyarrow11_blob_reads_in_arrowpack(name, pyarrow_blobs):
    blob = (pyarrow_blobs / f"{name}.bin").read_bytes()
    assert corpus.same(pa.deserialize(blob, context=context()), corpus.exact_corpus(pa)[name])


def test_arrowpack_blobs_read_in_pyarrow11(tmp_path):
    values = dict(corpus.exact_corpus(pa), **corpus.handler_only_corpus())
    for name, value in values.items():
        (tmp_path / f"{name}.bin").write_bytes(pa.serialize(value, context=context()).to_buffer().to_pybytes())
    results = json.loads(run_worker("read", tmp_path))
    assert set(results) == set(values)
    assert {name: r for name, r in results.items() if r != "ok"} == {}


def test_pyarrow11_sparse_components_read_in_arrowpack(tmp_path):
    # pyarrow packs a sparse tensor's body buffers 8-byte aligned, arrowpack 64: the reader must
    # place each component at the offset its message gives.
    run_worker("write-components", tmp_path)
    for name, expected in corpus.sparse_corpus(pa).items():
        components = pickle.loads((tmp_path / f"{name}.components").read_bytes())
        components["data"] = [pa.py_buffer(data) for data in components["data"]]
        assert corpus.same(pa.deserialize_components(components), expected), name


def test_arrowpack_sparse_components_read_in_pyarrow11(tmp_path):
    # pyarrow 11 cannot read the components of a non-square CSC matrix, not even its own ("shape
    # length is inconsistent with the SparseCSCIndex"): the 3x4 sparse_csc is left out.
    names = [name for name in corpus.sparse_corpus(pa) if name != "sparse_csc"]
    for name in names:
        components = pa.serialize(corpus.sparse_corpus(pa)[name]).to_components()
        components["data"] = [buffer.to_pybytes() for buffer in components["data"]]
        (tmp_path / f"{name}.components").write_bytes(pickle.dumps(components))
    assert json.loads(run_worker("read-components", tmp_path)) == {name: "ok" for name in names}


def test_pyarrow11_pickled_defaultdict_needs_the_opt_in(tmp_path):
    script = ("import collections, sys, warnings; warnings.simplefilter('ignore'); import pyarrow as pa; "
              "sys.stdout.buffer.write(pa.serialize(collections.defaultdict(list, a=[1])).to_buffer().to_pybytes())")
    blob = subprocess.run([str(VENV_PYTHON), "-c", script], capture_output=True, check=True, timeout=120).stdout
    with pytest.raises(pa.DeserializationCallbackError, match="allow_pickle"):
        pa.deserialize(blob)
    value = pa.deserialize(blob, context=pa.default_serialization_context(allow_pickle=True))
    assert value == collections.defaultdict(list, a=[1]) and value.default_factory is list


def test_pyarrow11_dataframe_reads_with_the_opt_in(tmp_path):
    run_worker("write-pandas", tmp_path)
    blob = (tmp_path / "frame.bin").read_bytes()
    with pytest.raises(pa.DeserializationCallbackError, match="allow_pickle"):
        pa.deserialize(blob)
    reader = pa.default_serialization_context(allow_pickle=True)
    expected = corpus.pandas_frame(pd, with_tz=False)
    assert corpus.frame_difference(pd, pa.deserialize(blob, context=reader), expected) == ""
    series = pa.deserialize((tmp_path / "series.bin").read_bytes(), context=reader)
    pd.testing.assert_series_equal(series, expected["cat"])


def test_arrowpack_dataframe_reads_in_pyarrow11(tmp_path):
    (tmp_path / "frame.bin").write_bytes(pa.serialize(corpus.pandas_frame(pd)).to_buffer().to_pybytes())
    assert json.loads(run_worker("read-pandas", tmp_path)) == {"frame": "ok"}


def test_arrowpack_ids_written_by_pandas15_read_in_arrowpack(tmp_path):
    # arrowpack's block-wise DataFrame encoding from pandas 1.5's block manager reads in pandas 3
    run_worker("write-pandas-arrowpack-ids", tmp_path)
    value = pa.deserialize((tmp_path / "frame.bin").read_bytes(), context=pa.default_serialization_context())
    assert corpus.frame_difference(pd, value, corpus.pandas_frame(pd, with_tz=False)) == ""


def test_pyarrow_written_concatenation_reads_in_turn(tmp_path):
    script = ("import sys, warnings; warnings.simplefilter('ignore'); import numpy as np, pyarrow as pa\n"
              "with pa.OSFile(sys.argv[1], 'wb') as f:\n"
              "    for v in [{'a': 1}, np.arange(7.0), 'x' * 100]:\n"
              "        pa.serialize_to(v, f)\n")
    subprocess.run([str(VENV_PYTHON), "-c", script, str(tmp_path / "p.bin")], check=True, timeout=120)
    with open(tmp_path / "p.bin", "rb") as f:
        source = pa.PythonFile(f, mode="r")
        assert pa.read_serialized(source).deserialize() == {"a": 1}
        assert pa.read_serialized(source).deserialize().tolist() == list(range(7))
        assert pa.deserialize_from(source, None) == "x" * 100


def test_same_bytes_as_pyarrow11_for_values_without_tensors(pyarrow_blobs):
    # Tensor messages may differ in flatbuffer layout (both read each other's); the rest is identical.
    native = ["none", "int_max", "str", "bytes", "list", "dict", "tuple", "datetime", "deep", "list_of_empties",
              "int_runs", "empty_dict", "float16", "bigint", "buffer"]
    for name in native:
        ours = pa.serialize(corpus.exact_corpus(pa)[name], context=context()).to_buffer().to_pybytes()
        assert ours == (pyarrow_blobs / f"{name}.bin").read_bytes(), name
