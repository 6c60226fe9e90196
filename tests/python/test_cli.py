"""`python -m arrowpack`: the demo, --version and argument errors."""

import os
import subprocess
import sys

import pytest

import arrowpack as pa
from arrowpack import cli


def run_module(*args):
    return subprocess.run([sys.executable, "-m", "arrowpack", *args], capture_output=True, text=True,
                          env=dict(os.environ))


def test_version():
    result = run_module("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "arrowpack %s" % pa.__version__


def test_help_lists_the_demo():
    result = run_module("--help")
    assert result.returncode == 0
    assert "demo" in result.stdout and "usage:" in result.stdout


def test_no_command_prints_usage():
    result = run_module()
    assert result.returncode == 2
    assert "usage:" in result.stdout


def test_unknown_command_and_bad_rows():
    assert run_module("frobnicate").returncode == 2
    result = run_module("demo", "--rows", "0")
    assert result.returncode == 2
    assert "argument --rows: must be positive, got 0" in result.stderr


def test_demo_in_a_subprocess():
    result = run_module("demo", "--rows", "500")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Buffers and the" in out and "Memory map" in out and "Codecs on the sample" in out
    for codec in ("lz4", "zstd", "gzip"):
        assert any(line.startswith(codec + " ") for line in out.splitlines())


def _table_rows(out, title):
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title)) + 3
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


def test_demo_tables_report_real_values(capsys):
    assert cli.main(["demo", "--rows", "300"]) == 0
    out = capsys.readouterr().out
    pool_rows = _table_rows(out, "Buffers and the")
    assert pool_rows[0] == ["start", str(pool_rows[0][-1])]
    assert pool_rows[-1][-1] == pool_rows[0][-1]  # all memory given back
    assert pool_rows[2][-2:] == ["1048576", str(int(pool_rows[0][-1]) + 1048576)]
    map_row = _table_rows(out, "Memory map")[0]
    size = len(cli.sample_data(300))
    assert map_row[1:3] == [str(size), str(size)]
    assert map_row[-2:] == ["0", "True"]  # zero pool bytes for the zero-copy read, same bytes
    for row in _table_rows(out, "Codecs on the sample"):
        assert row[2] == str(size) and int(row[3]) < size and row[-1] == "True"


def test_format_table():
    text = cli.format_table(["a", "long header"], [(1, "x"), ("wide cell", 2)])
    assert text.splitlines() == [
        "a          long header",
        "---------  -----------",
        "1          x",
        "wide cell  2",
    ]


def test_sample_data_is_deterministic():
    assert cli.sample_data(50) == cli.sample_data(50)
    assert cli.sample_data(2).startswith(b"id,name,score,flag\n0,ada,0.00,false\n")
