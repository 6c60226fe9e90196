"""The `arrowpack` commands inspect, validate, cat, convert and bench on files written by pyarrow,
by arrowpack and by old pyarrow.serialize, including bad files (exit 1 with a one-line reason)."""

import io
import json
import os
import pathlib
import subprocess
import sysconfig

import pyarrow
import pytest

import arrowpack as pa
from arrowpack import cli
from arrowpack.cli.progress import Progress



def find_legacy_testdata():
    """The project's shared/testdata/legacy-openprescribing, found beside one of the repo's parents."""
    for parent in pathlib.Path(__file__).resolve().parents:
        candidate = parent / "shared" / "testdata" / "legacy-openprescribing"
        if candidate.is_dir():
            return candidate
    raise RuntimeError("shared/testdata/legacy-openprescribing not found above %s" % __file__)


LEGACY = find_legacy_testdata()


def run_cli(capsys, *args):
    code = cli.main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def pyarrow_batches():
    dictionary_type = pyarrow.dictionary(pyarrow.int8(), pyarrow.string())
    first = pyarrow.record_batch({
        "n": pyarrow.array([1, None, 3], pyarrow.int64()),
        "s": pyarrow.array(["a", "b\u00e9", None]),
        "d": pyarrow.DictionaryArray.from_arrays(pyarrow.array([0, 1, 0], pyarrow.int8()), ["x", "y"]),
    })
    second = pyarrow.record_batch({
        "n": pyarrow.array([4], pyarrow.int64()),
        "s": pyarrow.array(["z"]),
        "d": pyarrow.DictionaryArray.from_arrays(pyarrow.array([2], pyarrow.int8()), ["x", "y", "w"]),
    }, schema=first.schema)
    assert first.schema.field("d").type == dictionary_type
    return [first, second]


@pytest.fixture
def stream_path(tmp_path):
    path = tmp_path / "deltas.arrows"
    batches = pyarrow_batches()
    options = pyarrow.ipc.IpcWriteOptions(compression="zstd", emit_dictionary_deltas=True)
    with pyarrow.ipc.new_stream(str(path), batches[0].schema, options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return path


@pytest.fixture
def file_path(tmp_path):
    path = tmp_path / "plain.arrow"
    batch = pyarrow_batches()[0]
    with pyarrow.ipc.new_file(str(path), batch.schema.with_metadata({"origin": "test"})) as writer:
        for _ in range(3):
            writer.write_batch(batch)
    return path


def test_inspect_stream_reports_dictionaries_deltas_and_compression(capsys, stream_path):
    code, out, _ = run_cli(capsys, "inspect", stream_path)
    assert code == 0
    assert "Arrow IPC stream" in out
    assert "  n: int64" in out and "  d: dictionary<values=string, indices=int8, ordered=0>" in out
    assert "compression: zstd" in out
    assert "dictionary fields: d" in out
    assert "record batches: 2 (4 rows)" in out
    assert "dictionary batches: 2 (1 deltas)" in out
    assert "dictionary batch 0 (delta)" in out
    assert "metadata version: V5" in out


def test_inspect_file_reports_footer_and_metadata(capsys, file_path):
    code, out, _ = run_cli(capsys, "inspect", file_path)
    assert code == 0
    assert "Arrow IPC file" in out
    assert "record batches: 3 (9 rows); footer lists 3" in out
    assert "compression: none" in out
    assert "origin: 'test'" in out  # schema metadata printed with the schema


def test_validate_accepts_good_files(capsys, stream_path, file_path):
    for path, batches in ((stream_path, 2), (file_path, 3)):
        code, out, err = run_cli(capsys, "validate", path)
        assert code == 0, err
        assert "valid" in out and "%d record batches" % batches in out


def test_validate_names_batch_and_column_of_bad_utf8(capsys, tmp_path):
    bad = pyarrow.StringArray.from_buffers(2, pyarrow.py_buffer(b"\x00\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00"),
                                           pyarrow.py_buffer(b"a\xff"))
    good = pyarrow.record_batch({"s": pyarrow.array(["ok", "fine"])})
    path = tmp_path / "bad.arrow"
    with pyarrow.ipc.new_file(str(path), good.schema) as writer:
        writer.write_batch(good)
        writer.write_batch(pyarrow.record_batch({"s": bad}))
    code, out, err = run_cli(capsys, "validate", path)
    assert code == 1 and out == ""
    assert "batch 1, column 's'" in err and "UTF-8" in err


def test_validate_truncated_file_exits_1_with_reason(capsys, file_path, tmp_path):
    data = file_path.read_bytes()
    for cut in (12, len(data) // 2, len(data) - 3):
        path = tmp_path / ("cut%d.arrow" % cut)
        path.write_bytes(data[:cut])
        code, out, err = run_cli(capsys, "validate", path)
        assert code == 1 and out == ""
        assert err.startswith("%s: invalid: " % path) and len(err.strip().splitlines()) == 1


def test_unrecognized_file(capsys, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"just some text, not Arrow at all")
    code, _, err = run_cli(capsys, "inspect", path)
    assert code == 1
    assert "not an Arrow IPC file, IPC stream or serialized object" in err
    code, _, err = run_cli(capsys, "cat", tmp_path / "missing.arrow")
    assert code == 1 and "arrowpack cat: error:" in err


def test_cat_text_and_json_lines(capsys, stream_path):
    code, out, _ = run_cli(capsys, "cat", stream_path, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [{"n": 1, "s": "a", "d": "x"}, {"n": None, "s": "b\u00e9", "d": "y"},
                    {"n": 3, "s": None, "d": "x"}, {"n": 4, "s": "z", "d": "w"}]
    code, out, _ = run_cli(capsys, "cat", stream_path, "--limit", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["n", "s", "d"]
    assert lines[2].split() == ["1", "a", "x"] and lines[3].split() == ["null", "b\u00e9", "y"]
    assert len(lines) == 4


def test_cat_json_encodes_binary_and_dates(capsys, tmp_path):
    import datetime
    batch = pyarrow.record_batch({"b": pyarrow.array([b"\x00\xff"]), "t": pyarrow.array([datetime.date(2024, 2, 29)])})
    path = tmp_path / "misc.arrows"
    with pyarrow.ipc.new_stream(str(path), batch.schema) as writer:
        writer.write_batch(batch)
    code, out, _ = run_cli(capsys, "cat", path, "--format", "jsonl")
    assert code == 0
    assert json.loads(out) == {"b": "AP8=", "t": "2024-02-29"}


@pytest.mark.parametrize("compression", ["none", "zstd", "lz4"])
def test_convert_stream_to_file_and_back(capsys, stream_path, tmp_path, compression):
    as_file = tmp_path / "out.arrow"
    code, out, err = run_cli(capsys, "convert", stream_path, as_file, "--compression", compression)
    assert code == 0, err
    assert "Arrow IPC file, 2 record batches, 4 rows, compression %s" % compression in out
    expected = pyarrow.Table.from_batches(pyarrow_batches())
    converted = pyarrow.ipc.open_file(str(as_file)).read_all()
    # A file holds one dictionary per field (deltas extend it), so compare values, not dictionaries.
    assert converted.schema == expected.schema and converted.to_pylist() == expected.to_pylist()
    assert [len(chunk) for chunk in converted.column("n").chunks] == [3, 1]
    back = tmp_path / "back.arrows"
    code, _, err = run_cli(capsys, "convert", as_file, back)
    assert code == 0, err
    assert pyarrow.ipc.open_stream(str(back)).read_all().to_pylist() == expected.to_pylist()
    code, out, _ = run_cli(capsys, "inspect", as_file)
    assert ("compression: %s" % compression) in out


def test_convert_refuses_a_dictionary_replacement_in_a_file(capsys, tmp_path):
    schema = pyarrow.schema([("d", pyarrow.dictionary(pyarrow.int8(), pyarrow.string()))])
    path = tmp_path / "replaced.arrows"
    with pyarrow.ipc.new_stream(str(path), schema) as writer:
        for values in (["a", "b"], ["c"]):  # the second dictionary replaces the first
            writer.write_batch(pyarrow.record_batch(
                [pyarrow.DictionaryArray.from_arrays(pyarrow.array([0], pyarrow.int8()), values)], schema=schema))
    code, _, err = run_cli(capsys, "convert", path, tmp_path / "out.arrow")
    assert code == 1 and "arrowpack convert: error:" in err and "dictionar" in err


def test_inspect_and_validate_a_legacy_serialized_object(capsys):
    blob = LEGACY / "pyarrow-1.0.0_sparse.float.uncompressed.bin"
    code, out, err = run_cli(capsys, "inspect", blob)
    assert code == 0, err
    assert "serialized object" in out
    assert "tensors: 0, ndarrays: 3, buffers: 0, sparse tensors: 0" in out
    assert "value: custom type 'csc'" in out
    assert "ndarray float64 (" in out
    code, out, _ = run_cli(capsys, "validate", blob)
    assert code == 0 and "valid serialized object" in out


def test_inspect_never_unpickles(capsys, tmp_path):
    context = pa.SerializationContext()

    class Sneaky:
        pass

    context.register_type(Sneaky, "sneaky", pickle=True)
    path = tmp_path / "pickled.bin"
    path.write_bytes(pa.serialize({"x": Sneaky()}, context=context).to_buffer().to_pybytes())
    code, out, err = run_cli(capsys, "inspect", path)
    assert code == 0, err
    assert "custom type 'sneaky' (pickled, not unpickled)" in out


def test_validate_truncated_serialized_object(capsys, tmp_path):
    data = (LEGACY / "pyarrow-1.0.0_dense.float.uncompressed.bin").read_bytes()
    path = tmp_path / "cut.bin"
    path.write_bytes(data[:len(data) - 100])
    code, out, err = run_cli(capsys, "validate", path)
    assert code == 1 and out == ""
    assert "invalid" in err


def test_bench_prints_ratios(capsys):
    code, out, _ = run_cli(capsys, "bench", "--scale", "8", "--repeat", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["case", "arrowpack"] and lines[0].split()[-1] == "ratio"
    assert any("pickle 5" in line for line in lines) and any("IPC stream" in line for line in lines)
    for line in lines[2:]:
        assert float(line.split()[-1]) > 0


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_draws_only_on_a_terminal():
    terminal = FakeTerminal()
    with Progress("work", 4, stream=terminal, width=4) as progress:
        progress.advance(2)
        assert terminal.getvalue().endswith("\rwork [##--] 2/4")
    assert terminal.getvalue().endswith("\r\033[K")
    pipe = io.StringIO()
    with Progress("work", 4, stream=pipe) as progress:
        progress.advance()
    assert pipe.getvalue() == ""


def test_console_script_is_installed():
    script = os.path.join(sysconfig.get_path("scripts"), "arrowpack")
    result = subprocess.run([script, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("inspect", "validate", "cat", "convert", "bench", "demo"):
        assert command in result.stdout
