"""The C++ type registry and Python handlers under the same type ids read each other's graphs.

The C++ half is tests/cpp/registry_interop (built with the C++ tests; see its header comment for
the graph). Point travels as the tuple (x, y), Labelled as msgpack bytes of [label, weights, counts].
The Python peers are real pyarrow 11 in its own venv (its legacy serialize()) and arrowpack; each runs
the same script in a subprocess, with `pa` bound to its module.
"""

import datetime
import json
import os
import pathlib
import subprocess
import sys

import msgpack
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD_DIR = pathlib.Path(os.environ.get("ARROWPACK_BUILD_DIR", ROOT / "build"))
INTEROP = BUILD_DIR / "tests" / "cpp" / "registry_interop"
LEGACY_PYTHON = pathlib.Path(os.environ.get("ARROWPACK_LEGACY_VENV", "/opt/arrowpack-venvs/pyarrow11")) / "bin" / "python"

pytestmark = pytest.mark.skipif(not INTEROP.exists(), reason=f"C++ test programs not built ({INTEROP})")

PEERS = [
    pytest.param((str(LEGACY_PYTHON), "pyarrow"), id="pyarrow11",
                 marks=pytest.mark.skipif(not LEGACY_PYTHON.exists(),
                                          reason="no pyarrow 11 venv (scripts/setup.sh makes it)")),
    pytest.param((sys.executable, "arrowpack"), id="arrowpack"),
]

LABELLED = ["weights", [0.5, -1.25], {"a": 1, "b": 2}]

# Runs with `pa` = argv[1] (pyarrow or arrowpack). `read PATH`: prints the graph as JSON (custom objects as tagged lists).
# `write PATH LABELLED_HEX [POINT_ID]`: writes the graph, with Labelled's payload given as msgpack
# hex and Point registered under POINT_ID (default "example.Point").
PEER_SCRIPT = r'''
import datetime, importlib, json, sys, warnings
warnings.simplefilter("ignore")
import numpy as np
pa = importlib.import_module(sys.argv.pop(1))

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

class Labelled:
    def __init__(self, packed):
        self.packed = packed

ctx = pa.default_serialization_context()
ctx.register_type(Point, sys.argv[4] if len(sys.argv) > 4 else "example.Point", custom_serializer=lambda p: (p.x, p.y),
                  custom_deserializer=lambda t: Point(*t))
ctx.register_type(Labelled, "example.Labelled", custom_serializer=lambda l: l.packed,
                  custom_deserializer=Labelled)

def describe(v):
    if isinstance(v, Point):
        return ["Point", v.x, v.y]
    if isinstance(v, Labelled):
        return ["Labelled", v.packed.hex()]
    if isinstance(v, np.ndarray):
        return ["ndarray", str(v.dtype), list(v.shape), v.tolist()]
    if isinstance(v, datetime.datetime):
        return ["datetime", v.isoformat()]
    if isinstance(v, bytes):
        return ["bytes", v.hex()]
    if isinstance(v, (set, tuple)):
        return [type(v).__name__] + [describe(x) for x in v]
    if isinstance(v, list):
        return [describe(x) for x in v]
    if isinstance(v, dict):
        return {k: describe(x) for k, x in v.items()}
    if isinstance(v, pa.Array):
        return ["array", str(v.type), v.to_pylist()]
    if isinstance(v, pa.Table):
        return ["table", str(v.schema), v.to_pydict()]
    if isinstance(v, int) and not isinstance(v, bool):
        return ["int", str(v)]
    return v

mode, path = sys.argv[1], sys.argv[2]
if mode == "read":
    buf = pa.OSFile(path).read_buffer()
    print(json.dumps(describe(pa.deserialize(buf, context=ctx))))
else:
    graph = {
        "points": [Point(1, 2), Point(-3, 4)],
        "labelled": Labelled(bytes.fromhex(sys.argv[3])),
        "matrix": np.arange(6.0).reshape(2, 3),
        "big": 123456789012345678901234567890,
        "when": datetime.datetime(2020, 9, 13, 12, 26, 40, 123456),
        "small": {1, 2, 3},
        "misc": (None, True, 2.5, b"raw", "text"),
        "arrow": [pa.array([1, None, 3]), pa.table({"i": [1, None, 3], "s": ["a", "b", None]})],
    }
    with pa.OSFile(path, "wb") as sink:
        pa.serialize_to(graph, sink, context=ctx)
'''


@pytest.fixture(params=PEERS)
def peer(request):
    return request.param


def run_peer(peer, *args):
    python, module = peer
    done = subprocess.run([python, "-c", PEER_SCRIPT, module, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_interop(mode, path):
    return subprocess.run([str(INTEROP), mode, str(path)], capture_output=True, text=True, timeout=60)


def test_peer_reads_what_cpp_wrote(peer, tmp_path):
    path = tmp_path / "from_cpp.bin"
    written = run_interop("write", path)
    assert written.returncode == 0, written.stderr

    graph = json.loads(run_peer(peer, "read", str(path)))

    assert graph["points"] == [["Point", 1, 2], ["Point", -3, 4]]
    tag, packed = graph["labelled"]
    assert tag == "Labelled"
    assert msgpack.unpackb(bytes.fromhex(packed)) == LABELLED
    assert graph["matrix"] == ["ndarray", "float64", [2, 3], [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]]
    assert graph["big"] == ["int", "123456789012345678901234567890"]
    assert graph["when"] == ["datetime", datetime.datetime(2020, 9, 13, 12, 26, 40, 123456).isoformat()]
    assert graph["small"] == ["set", ["int", "1"], ["int", "2"], ["int", "3"]]
    assert graph["misc"] == ["tuple", None, True, 2.5, ["bytes", b"raw".hex()], "text"]
    assert graph["arrow"] == [["array", "int64", [1, None, 3]],
                              ["table", "i: int64\ns: string", {"i": [1, None, 3], "s": ["a", "b", None]}]]
    assert list(graph) == ["points", "labelled", "matrix", "big", "when", "small", "misc", "arrow"]


def test_cpp_reads_what_peer_wrote(peer, tmp_path):
    path = tmp_path / "from_peer.bin"
    run_peer(peer, "write", str(path), msgpack.packb(LABELLED).hex())

    read = run_interop("read", path)

    assert read.returncode == 0, read.stderr


def test_cpp_rejects_a_different_graph(peer, tmp_path):
    # The reader really compares: a Labelled payload with other weights fails with both graphs shown.
    path = tmp_path / "other.bin"
    run_peer(peer, "write", str(path), msgpack.packb(["weights", [0.5], {"a": 1, "b": 2}]).hex())

    read = run_interop("read", path)

    assert read.returncode == 1
    assert "expected" in read.stderr


def test_cpp_reports_an_unregistered_id(peer, tmp_path):
    path = tmp_path / "unknown_id.bin"
    run_peer(peer, "write", str(path), msgpack.packb(LABELLED).hex(), "example.Unknown")

    read = run_interop("read", path)

    assert read.returncode == 1
    assert "Key error: type id 'example.Unknown' is not registered" in read.stderr


def test_cpp_reports_a_bad_msgpack_payload(peer, tmp_path):
    path = tmp_path / "not_msgpack.bin"
    run_peer(peer, "write", str(path), b"\xc1".hex())  # 0xc1 is never valid msgpack

    read = run_interop("read", path)

    assert read.returncode == 1
    assert "type id 'example.Labelled': msgpack payload does not decode" in read.stderr
