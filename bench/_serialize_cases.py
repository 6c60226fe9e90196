"""The values and operations of bench_serialize.py, shared with its pyarrow 11 subprocess.

Only the standard library and numpy (pandas when importable), so it runs in the pyarrow 11 venv
too. `operations(lib, values)` gives every case's callable for the serializer module `lib`
(arrowpack or pyarrow 11), `pickle_operations` the same for pickle 5, and `interleaved_best` times
them case by case, the libraries taking turns.
"""

import json
import pickle
import random
import sys
import time

import numpy as np

import _common  # bench/ is sys.path[0] in both processes


def best_time(fn, repeat):
    """Best time per call over `repeat` runs. After one warm-up call, a run repeats calls that take
    under a millisecond until it lasts about 5 ms, so microsecond cases are not one timer tick."""
    start = time.perf_counter()
    fn()
    once = time.perf_counter() - start
    number = max(1, min(2000, int(0.005 / max(once, 1e-7))))
    return _common.best_time(fn, repeat, number)


def _profile(rng, i):
    """A small record like pyperformance's pickle benchmark objects (mixed str/int/list/dict)."""
    return {
        "id": 1000000 + i, "name": f"user{i:05d}", "country": rng.choice(["BR", "DE", "IN", "US"]),
        "age": rng.randint(18, 90), "active": rng.random() < 0.5, "score": rng.random() * 100,
        "tags": [f"tag{rng.randint(0, 50)}" for _ in range(8)],
        "history": [rng.randint(0, 10**9) for _ in range(20)], "prefs": {"lang": "en", "theme": "dark", "n": i},
    }


def values():
    rng = random.Random(1)
    out = {
        "dict of 100 x 500x500 float64": {i: np.random.default_rng(i).standard_normal((500, 500)) for i in range(100)},
        "pyperformance-like dict": _profile(rng, 0),
        "pyperformance-like tuple": ([rng.randint(0, 10**9) for _ in range(60)], 60),
        "pyperformance-like dict group": [_profile(rng, i) for i in range(3)],
        "list of 200k strings": [f"string number {i}" for i in range(200_000)],
        "dict of 100k small sets": {i: {f"a{i}", f"b{i}"} for i in range(100_000)},
    }
    try:
        import pandas as pd
    except ImportError:
        pass
    else:
        frame = pd.DataFrame({f"f{j}": np.random.default_rng(j).standard_normal(100_000) for j in range(5)})
        frame["s"] = [f"row {i}" for i in range(100_000)]
        out["DataFrame 100k x (5 float + 1 str)"] = frame
    return out


LARGE = "dict of 100 x 500x500 float64"


def operations(lib, value_map, context=None):
    """{"case / op": callable} for the serializer module `lib` (arrowpack or pyarrow 11)."""
    ops = {}
    for name, value in value_map.items():
        serialized = lib.serialize(value, context)
        buf = serialized.to_buffer()
        ops[f"{name} / serialize+to_buffer"] = lambda value=value: lib.serialize(value, context).to_buffer()
        ops[f"{name} / deserialize"] = lambda buf=buf: lib.deserialize(buf, context)
        if name == LARGE:
            components = serialized.to_components()
            ops[f"{name} / serialize+to_components"] = lambda value=value: lib.serialize(value, context).to_components()
            ops[f"{name} / deserialize_components"] = lambda: lib.deserialize_components(components, context)
            ops[f"{name} / to_buffer"] = serialized.to_buffer
    return ops


def pickle_operations(value_map, out_of_band):
    """The same keys for pickle protocol 5 (components = out-of-band buffers or the one bytes)."""
    ops = {}
    for name, value in value_map.items():
        if out_of_band:
            def dump(value=value):
                buffers = []
                data = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
                return data, [b.raw() for b in buffers]
            data, buffers = dump()
            load = lambda data=data, buffers=buffers: pickle.loads(data, buffers=buffers)  # noqa: E731
        else:
            dump = lambda value=value: pickle.dumps(value, protocol=5)  # noqa: E731
            data = dump()
            load = lambda data=data: pickle.loads(data)  # noqa: E731
        ops[f"{name} / serialize+to_buffer"] = dump
        ops[f"{name} / deserialize"] = load
        if name == LARGE:
            ops[f"{name} / serialize+to_components"] = dump
            ops[f"{name} / deserialize_components"] = load
    return ops


def interleaved_best(libraries, repeat):
    """libraries: {label: {"case / op": callable}}. For each case the libraries take turns, one timed
    run each per round, so a slow spell of a shared machine hits them alike. Returns
    {label: {"case / op": best seconds per call}}."""
    results = {label: {} for label in libraries}
    for key in next(iter(libraries.values())):
        runners = {label: ops[key] for label, ops in libraries.items() if key in ops}
        for label, fn in runners.items():
            results[label][key] = best_time(fn, 1)
        for _ in range(repeat - 1):
            for label, fn in runners.items():
                results[label][key] = min(results[label][key], best_time(fn, 1))
    return results


if __name__ == "__main__":  # the pyarrow 11 side: python _serialize_cases.py REPEAT
    import warnings

    warnings.simplefilter("ignore")
    import pyarrow

    repeat = int(sys.argv[1])
    print(json.dumps(interleaved_best({"pyarrow 11": operations(pyarrow, values())}, repeat)["pyarrow 11"]))
