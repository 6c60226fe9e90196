"""Runs inside the pyarrow 11 venv (as a subprocess of test_serialize_pyarrow11.py).

    python pyarrow11_serialize_worker.py write DIR   # writes DIR/<name>.bin for exact_corpus
    python pyarrow11_serialize_worker.py read DIR    # deserializes every DIR/<name>.bin
    python pyarrow11_serialize_worker.py write-components DIR / read-components DIR
        # DIR/<name>.components for sparse_corpus: to_components() pickled with its buffers as bytes
    python pyarrow11_serialize_worker.py write-pandas DIR / read-pandas DIR   # DIR/frame.bin (+ series.bin)
        (write-pandas: pandas_frame(with_tz=False); read-pandas: compares with pandas_frame())
    python pyarrow11_serialize_worker.py write-pandas-arrowpack-ids DIR   # DIR/frame.bin
        (pandas_frame(with_tz=False) through arrowpack's pandas handlers, written by pandas 1.5)

The context is pyarrow's default context plus arrowpack's builtin handlers (loaded from the
arrowpack source files named by ARROWPACK_HANDLERS, separated by os.pathsep) and the corpus's
custom types; write-pandas uses pyarrow's own pandas handlers.
`read` prints a JSON object {name: "ok" | "<what differs>"} comparing with both corpora.
"""

import importlib.util
import json
import os
import pathlib
import pickle
import sys
import warnings

warnings.simplefilter("ignore")

import pyarrow as pa  # noqa: E402

import serialize_corpus as corpus  # noqa: E402


def context():
    ctx = pa.default_serialization_context()
    for i, path in enumerate(os.environ["ARROWPACK_HANDLERS"].split(os.pathsep)):
        spec = importlib.util.spec_from_file_location(f"arrowpack_handlers_{i}", path)
        handlers = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(handlers)
        handlers.register(ctx)
    corpus.register_custom_types(ctx)
    return ctx


def write(directory, ctx):
    for name, value in corpus.exact_corpus(pa).items():
        (directory / f"{name}.bin").write_bytes(pa.serialize(value, ctx).to_buffer().to_pybytes())


def read(directory, ctx):
    expected = dict(corpus.exact_corpus(pa), **corpus.handler_only_corpus())
    results = {}
    for path in sorted(directory.glob("*.bin")):
        try:
            value = pa.deserialize(path.read_bytes(), ctx)
            results[path.stem] = "ok" if corpus.same(value, expected[path.stem]) else f"differs: {value!r:.200}"
        except Exception as error:  # reported to the test, which fails on it
            results[path.stem] = f"{type(error).__name__}: {error}"
    print(json.dumps(results))


def write_components(directory, ctx):
    for name, value in corpus.sparse_corpus(pa).items():
        components = pa.serialize(value, ctx).to_components()
        components["data"] = [buffer.to_pybytes() for buffer in components["data"]]
        (directory / f"{name}.components").write_bytes(pickle.dumps(components))


def read_components(directory, ctx):
    expected = corpus.sparse_corpus(pa)
    results = {}
    for path in sorted(directory.glob("*.components")):
        components = pickle.loads(path.read_bytes())
        components["data"] = [pa.py_buffer(data) for data in components["data"]]
        try:
            value = pa.deserialize_components(components, ctx)
            results[path.stem] = "ok" if corpus.same(value, expected[path.stem]) else f"differs: {value!r:.200}"
        except Exception as error:  # reported to the test, which fails on it
            results[path.stem] = f"{type(error).__name__}: {error}"
    print(json.dumps(results))


def write_pandas(directory, ctx):
    import pandas as pd

    frame = corpus.pandas_frame(pd, with_tz=False)
    (directory / "frame.bin").write_bytes(pa.serialize(frame, pa.default_serialization_context()).to_buffer())
    (directory / "series.bin").write_bytes(pa.serialize(frame["cat"], pa.default_serialization_context()).to_buffer())


def write_pandas_arrowpack_ids(directory, ctx):
    import pandas as pd

    frame = corpus.pandas_frame(pd, with_tz=False)
    (directory / "frame.bin").write_bytes(pa.serialize(frame, ctx).to_buffer())


def read_pandas(directory, ctx):
    import pandas as pd

    value = pa.deserialize((directory / "frame.bin").read_bytes(), ctx)
    print(json.dumps({"frame": corpus.frame_difference(pd, value, corpus.pandas_frame(pd)) or "ok"}))


if __name__ == "__main__":
    mode, directory = sys.argv[1], pathlib.Path(sys.argv[2])
    modes = {"write": write, "read": read, "write-pandas": write_pandas, "read-pandas": read_pandas,
             "write-pandas-arrowpack-ids": write_pandas_arrowpack_ids,
             "write-components": write_components, "read-components": read_components}
    modes[mode](directory, context())
