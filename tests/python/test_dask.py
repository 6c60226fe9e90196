"""The Dask serialization family "arrowpack": registered by importing arrowpack, used by a real
LocalCluster with two worker processes to move a dict of large arrays and a DataFrame both ways."""

import importlib
import sys

import numpy as np
import pandas as pd
import pytest

import arrowpack as pa
from arrowpack import _dask


def test_family_is_registered_once_distributed_is_imported():
    serialize = importlib.import_module("distributed.protocol.serialize")
    assert "arrowpack" in serialize.families
    dumps, loads = serialize.families["arrowpack"][:2]
    assert dumps is _dask.dumps and loads is _dask.loads


def test_dumps_and_loads_through_dask_serialize():
    from distributed.protocol import deserialize, serialize

    value = {"x": np.arange(100_000, dtype=np.float64), "name": "values", "n": [1, 2, 3]}
    header, frames = serialize(value, serializers=["arrowpack"], iterate_collection=False)
    assert header["serializer"] == "arrowpack"
    restored = deserialize(header, frames, deserializers=["arrowpack"])
    np.testing.assert_array_equal(restored["x"], value["x"])
    assert restored["x"].flags.writeable is False  # a view of the received frame
    assert restored["name"] == "values" and restored["n"] == [1, 2, 3]


def test_values_arrowpack_cannot_serialize_fall_back_to_pickle():
    from distributed.protocol import deserialize, serialize

    class Opaque:
        pass

    header, frames = serialize(Opaque(), serializers=["arrowpack", "pickle"])
    assert header["serializer"] == "pickle"
    assert isinstance(deserialize(header, frames, deserializers=["arrowpack", "pickle"]), Opaque)


def test_registration_hook_waits_for_distributed():
    hooks = [finder for finder in sys.meta_path if isinstance(finder, _dask._RegisterOnImport)]
    assert hooks == []  # distributed is imported in this process: registered directly, no hook left
    _dask.install()  # idempotent
    assert "arrowpack" in importlib.import_module("distributed.protocol.serialize").families


def summarize(data):
    """Runs on a worker: what arrived, and whether it arrived through arrowpack (read-only views)."""
    arrays = data["arrays"]
    return {
        "sums": {name: float(array.sum()) for name, array in arrays.items()},
        "read_only": all(not array.flags.writeable for array in arrays.values()),
        "frame_total": float(data["frame"]["x"].sum()),
    }


def transformed(data):
    """Runs on a worker: a new dict of arrays and a new DataFrame, sent back to the client."""
    return {
        "arrays": {name: array * 2 for name, array in data["arrays"].items()},
        "frame": data["frame"].assign(y=data["frame"]["x"] + 1),
    }


@pytest.mark.timeout(180)
def test_local_cluster_moves_arrays_and_a_dataframe_both_ways():
    distributed = pytest.importorskip("distributed")
    rng = np.random.default_rng(0)
    arrays = {f"a{i}": rng.random((500, 500)) for i in range(8)}  # 8 x 2 MB
    frame = pd.DataFrame({"x": rng.random(50_000), "label": [f"r{i % 7}" for i in range(50_000)]})
    value = {"arrays": arrays, "frame": frame}
    families = ["arrowpack", "pickle"]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  preload=["arrowpack"]) as cluster, \
            distributed.Client(cluster, serializers=families, deserializers=families) as client:
        workers = list(client.scheduler_info()["workers"])
        assert len(workers) == 2
        for worker in workers:
            [scattered] = client.scatter([value], workers=[worker], direct=True)
            summary = client.submit(summarize, scattered, workers=[worker]).result()
            assert summary["read_only"]  # deserialized by arrowpack on the worker
            assert summary["sums"] == pytest.approx({name: a.sum() for name, a in arrays.items()})
            assert summary["frame_total"] == pytest.approx(frame["x"].sum())

            back = client.gather(client.submit(transformed, scattered, workers=[worker]), direct=True)
            for name, array in arrays.items():
                np.testing.assert_array_equal(back["arrays"][name], array * 2)
                assert not back["arrays"][name].flags.writeable  # came back through arrowpack
            pd.testing.assert_frame_equal(back["frame"], frame.assign(y=frame["x"] + 1))
