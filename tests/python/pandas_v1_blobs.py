"""The folder of arrowpack-pandas-v1 blobs and the pandas values they were written from (its
make_blobs.py, loaded by path since it also runs as a script)."""

import importlib.util
import pathlib

import pandas as pd

FOLDER = pathlib.Path(__file__).parents[1] / "data" / "arrowpack-pandas-v1"


def values():
    spec = importlib.util.spec_from_file_location("arrowpack_pandas_v1_blobs", FOLDER / "make_blobs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.values(pd)
