"""`python -m arrowpack`: --version, usage errors, and the demo (a real second process reading
through shared memory)."""

import os
import subprocess
import sys


import arrowpack as pa
from arrowpack import cli
from arrowpack.cli import demo


def run_module(*args):
    return subprocess.run([sys.executable, "-m", "arrowpack", *args], capture_output=True, text=True,
                          env=dict(os.environ))


def test_version():
    result = run_module("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "arrowpack %s" % pa.__version__


def test_help_lists_every_command():
    result = run_module("--help")
    assert result.returncode == 0
    assert "usage:" in result.stdout
    for command in ("inspect", "validate", "cat", "convert", "bench", "demo"):
        assert command in result.stdout


def test_no_command_prints_usage():
    result = run_module()
    assert result.returncode == 2
    assert "usage:" in result.stdout


def test_unknown_command_and_bad_scale():
    assert run_module("frobnicate").returncode == 2
    result = run_module("demo", "--scale", "0")
    assert result.returncode == 2
    assert "argument --scale: must be positive, got 0" in result.stderr


def demo_rows(out):
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("method")) + 2
    return [line for line in lines[start:start + 2]]


def shared_memory_names():
    return {name for name in os.listdir("/dev/shm") if name.startswith("arrowpack-demo-")}


def test_demo_moves_the_graph_through_shared_memory():
    before = shared_memory_names()
    result = run_module("demo", "--scale", "256")
    assert result.returncode == 0, result.stderr
    rows = demo_rows(result.stdout)
    assert rows[0].startswith("arrowpack serialize") and rows[1].startswith("pickle protocol 5")
    # arrowpack's reader views the arrays in the segment; pickle copies them; both rebuild equal values.
    assert rows[0].split()[-2:] == ["yes", "True"]
    assert rows[1].split()[-2:] == ["no", "True"]
    assert "faster than pickle.loads" in result.stdout
    assert shared_memory_names() == before  # both segments unlinked


def test_sample_graph_is_deterministic():
    first, second = demo.sample_graph(8), demo.sample_graph(8)
    assert first.keys() == second.keys()
    assert all((a == b).all() for a, b in zip(first["weights"], second["weights"]))
    assert first["labels"][:2] == ["sample-00000", "sample-00001"]


def test_format_table():
    text = cli.format_table(["a", "long header"], [(1, "x"), ("wide cell", 2)])
    assert text.splitlines() == [
        "a          long header",
        "---------  -----------",
        "1          x",
        "wide cell  2",
    ]
