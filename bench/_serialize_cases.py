"""The values and operations of bench_serialize.py, shared with its pyarrow 11 subprocess.

Only the standard library and numpy (pandas when importable), so it runs in the pyarrow 11 venv
too. `run_cases(lib, repeat)` times every case with the serializer module `lib` (arrowpack or
pyarrow 11) and returns {"case / op": seconds}; the pickle peers are timed by `run_pickle`.
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


def run_cases(lib, repeat, context=None):
    results = {}
    for name, value in values().items():
        serialized = lib.serialize(value, context)
        buf = serialized.to_buffer()
        components = serialized.to_components()
        results[f"{name} / serialize+to_buffer"] = best_time(lambda: lib.serialize(value, context).to_buffer(), repeat)
        results[f"{name} / deserialize"] = best_time(lambda: lib.deserialize(buf, context), repeat)
        if name == LARGE:
            results[f"{name} / serialize+to_components"] = best_time(
                lambda: lib.serialize(value, context).to_components(), repeat)
            results[f"{name} / deserialize_components"] = best_time(
                lambda: lib.deserialize_components(components, context), repeat)
            results[f"{name} / to_buffer"] = best_time(serialized.to_buffer, repeat)
    return results


def run_pickle(repeat, out_of_band):
    results = {}
    for name, value in values().items():
        if out_of_band:
            def dump():
                buffers = []
                data = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
                return data, [b.raw() for b in buffers]
            data, buffers = dump()
            load = lambda: pickle.loads(data, buffers=buffers)  # noqa: E731
        else:
            dump = lambda: pickle.dumps(value, protocol=5)  # noqa: E731
            data = dump()
            load = lambda: pickle.loads(data)  # noqa: E731
        results[f"{name} / serialize+to_buffer"] = best_time(dump, repeat)
        results[f"{name} / deserialize"] = best_time(load, repeat)
        if name == LARGE:
            results[f"{name} / serialize+to_components"] = results[f"{name} / serialize+to_buffer"]
            results[f"{name} / deserialize_components"] = results[f"{name} / deserialize"]
    return results


if __name__ == "__main__":  # the pyarrow 11 side: python _serialize_cases.py REPEAT
    import warnings

    warnings.simplefilter("ignore")
    import pyarrow

    print(json.dumps(run_cases(pyarrow, int(sys.argv[1]))))
