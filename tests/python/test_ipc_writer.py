"""arrowpack.ipc.new_stream / new_file (RecordBatchStreamWriter / RecordBatchFileWriter): what they
write is read back by pyarrow with equal contents; sinks, options, stats and bad arguments."""

import io

import pyarrow
import pytest

import arrowpack as pa


def sample_table():
    table = pyarrow.table({
        "i": pyarrow.array([1, None, -3, 4], pyarrow.int32()),
        "f": [0.5, 1.5, None, -2.0],
        "s": ["a", None, "ccc", ""],
        "l": [[1, 2], None, [], [3]],
        "st": [{"x": 1, "y": "p"}, None, {"x": None, "y": "q"}, {"x": 4, "y": None}],
        "d": pyarrow.array(["u", "v", "u", None]).dictionary_encode(),
        "bool": [True, False, None, True],
    }).replace_schema_metadata({"origin": "test"})
    return table, pa.table(table)


def dictionary_array(indices, values):
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values))


def write_stream(table, *, options=None, max_chunksize=None):
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table, max_chunksize=max_chunksize)
    return sink.getvalue().to_pybytes()


def write_file(table, *, options=None, metadata=None):
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema, options=options, metadata=metadata) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


@pytest.mark.parametrize("compression", [None, "lz4", "zstd"])
@pytest.mark.parametrize("max_chunksize", [None, 1, 3])
def test_stream_is_read_back_equal_by_pyarrow(compression, max_chunksize):
    expected, table = sample_table()
    data = write_stream(table, options=pa.ipc.IpcWriteOptions(compression=compression), max_chunksize=max_chunksize)
    with pyarrow.ipc.open_stream(data) as reader:
        batches = list(reader)
    result = pyarrow.Table.from_batches(batches, expected.schema)
    assert result.equals(expected)
    assert result.schema.metadata == {b"origin": b"test"}
    if max_chunksize is not None:
        assert max(len(b) for b in batches) <= max_chunksize
        assert len(batches) == -(-4 // max_chunksize)


@pytest.mark.parametrize("compression", [None, "lz4", "zstd"])
def test_file_is_read_back_equal_by_pyarrow_with_footer_metadata(compression):
    expected, table = sample_table()
    data = write_file(table, options=pa.ipc.IpcWriteOptions(compression=compression), metadata={"k": b"v"})
    reader = pyarrow.ipc.open_file(data)
    assert reader.read_all().equals(expected)
    assert reader.metadata == {b"k": b"v"}


def test_write_accepts_batches_and_tables_and_counts_stats():
    _, table = sample_table()
    batch = table.to_batches()[0]
    sink = pa.BufferOutputStream()
    writer = pa.ipc.new_stream(sink, table.schema)
    writer.write(batch)
    writer.write(table)
    writer.write_batch(batch, custom_metadata={"n": "1"})
    writer.close()
    stats = writer.stats
    assert isinstance(stats, pa.ipc.WriteStats)
    assert stats.num_record_batches == 3
    assert stats.num_dictionary_batches == 1
    assert stats.num_messages == 5
    with pyarrow.ipc.open_stream(sink.getvalue().to_pybytes()) as reader:
        batches = list(reader.iter_batches_with_custom_metadata())
    assert [b.num_rows for b, _ in batches] == [4, 4, 4]
    assert batches[2][1] == {b"n": b"1"}


def test_close_is_idempotent_and_writes_after_close_are_invalid():
    _, table = sample_table()
    writer = pa.ipc.new_stream(pa.BufferOutputStream(), table.schema)
    writer.close()
    writer.close()
    with pytest.raises(pa.ArrowInvalid, match="closed"):
        writer.write_table(table)


def test_wrong_schema_is_invalid():
    writer = pa.ipc.new_stream(pa.BufferOutputStream(), pa.schema([("a", pa.int64())]))
    with pytest.raises(pa.ArrowInvalid, match="schema"):
        writer.write_batch(pa.record_batch([pa.array([1.0])], names=["a"]))
    writer.close()


def test_bad_arguments():
    schema = pa.schema([("a", pa.int64())])
    with pytest.raises(TypeError, match="Unable to write"):
        pa.ipc.new_stream(5, schema)
    with pytest.raises(TypeError, match="read-only"):
        pa.ipc.new_stream(b"read only bytes", schema)
    with pytest.raises(OSError):
        pa.ipc.new_stream(pa.BufferReader(b"x"), schema)
    closed = pa.BufferOutputStream()
    closed.close()
    with pytest.raises(ValueError):
        pa.ipc.new_stream(closed, schema)
    with pytest.raises(TypeError, match="Schema"):
        pa.ipc.new_stream(pa.BufferOutputStream(), 5)
    with pytest.raises(TypeError, match="IpcWriteOptions"):
        pa.ipc.new_stream(pa.BufferOutputStream(), schema, options=5)
    with pytest.raises(TypeError):
        pa.ipc.new_file(pa.BufferOutputStream(), schema, metadata=5)
    writer = pa.ipc.new_stream(pa.BufferOutputStream(), schema)
    with pytest.raises(TypeError, match="RecordBatch"):
        writer.write_batch(5)
    with pytest.raises(TypeError, match="Table"):
        writer.write_table(5)
    with pytest.raises(ValueError, match="RecordBatch or a Table"):
        writer.write(5)
    with pytest.raises(ValueError, match="max_chunksize"):
        writer.write_table(pa.table({"a": pa.array([1])}), max_chunksize=0)
    writer.close()


def test_path_sink_is_opened_and_closed_by_the_writer(tmp_path):
    expected, table = sample_table()
    path = tmp_path / "out.arrow"
    with pa.ipc.new_file(path, table.schema) as writer:
        writer.write_table(table)
    assert pyarrow.ipc.open_file(str(path)).read_all().equals(expected)


def test_python_file_and_writable_buffer_sinks():
    expected, table = sample_table()
    data = write_stream(table)
    bio = io.BytesIO()
    with pa.ipc.new_stream(bio, table.schema) as writer:
        writer.write_table(table)
    assert bio.getvalue() == data
    target = bytearray(len(data))
    with pa.ipc.new_stream(memoryview(target), table.schema) as writer:
        writer.write_table(table)
    assert bytes(target) == data
    too_small = bytearray(len(data) - 1)
    with pytest.raises((pa.ArrowIOError, pa.ArrowInvalid, pa.ArrowCapacityError)):
        with pa.ipc.new_stream(too_small, table.schema) as writer:
            writer.write_table(table)


def test_stream_size_from_mock_output_stream():
    _, table = sample_table()
    sink = pa.MockOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    assert sink.size() == len(write_stream(table))


def test_options_alignment_metadata_version_and_legacy_format():
    expected, table = sample_table()
    for options in (pa.ipc.IpcWriteOptions(metadata_version=pa.ipc.MetadataVersion.V4),
                    pa.ipc.IpcWriteOptions(use_legacy_format=True)):
        with pyarrow.ipc.open_stream(write_stream(table, options=options)) as reader:
            assert reader.read_all().equals(expected)
    data = write_stream(table, options=pa.ipc.IpcWriteOptions(alignment=64))
    assert len(data) > len(write_stream(table))
    bodies = [message.body.size for message in pa.ipc.MessageReader.open_stream(data)
              if message.type == "record batch"]
    assert bodies and all(size % 64 == 0 for size in bodies)
    with pyarrow.ipc.open_stream(data) as reader:
        assert reader.read_all().equals(expected)


def test_environment_selects_legacy_defaults(monkeypatch):
    _, table = sample_table()
    monkeypatch.setenv("ARROW_PRE_0_15_IPC_FORMAT", "1")
    data = write_stream(table)
    assert data[:4] != b"\xff\xff\xff\xff"
    monkeypatch.delenv("ARROW_PRE_0_15_IPC_FORMAT")
    assert write_stream(table)[:4] == b"\xff\xff\xff\xff"
    monkeypatch.setenv("ARROW_PRE_0_15_IPC_FORMAT", "0")
    assert write_stream(table)[:4] == b"\xff\xff\xff\xff"


def schema_message(lib):
    sink = lib.BufferOutputStream()
    lib.ipc.new_stream(sink, lib.schema([("x", lib.int32())])).close()
    return lib.ipc.read_message(sink.getvalue())


@pytest.mark.parametrize("value, version", [("1", "V4"), ("0", "V5")])
def test_environment_selects_the_metadata_version(monkeypatch, value, version):
    monkeypatch.setenv("ARROW_PRE_1_0_METADATA_VERSION", value)
    for lib in (pa, pyarrow):
        assert schema_message(lib).metadata_version == getattr(lib.ipc.MetadataVersion, version)


@pytest.mark.parametrize("name", ["ARROW_PRE_0_15_IPC_FORMAT", "ARROW_PRE_1_0_METADATA_VERSION"])
def test_environment_value_that_is_not_an_integer_raises_value_error(monkeypatch, name):
    monkeypatch.setenv(name, "yes")
    for lib in (pa, pyarrow):
        with pytest.raises(ValueError, match="invalid literal for int"):
            schema_message(lib)


def test_dictionary_deltas_and_replacements_in_streams():
    schema = pa.schema([("d", pa.dictionary(pa.int32(), pa.string()))])
    first = pa.record_batch([dictionary_array([0, 1], ["a", "b"])], schema=schema)
    grown = pa.record_batch([dictionary_array([2, 0], ["a", "b", "c"])], schema=schema)
    for deltas, expect in ((True, (1, 0)), (False, (0, 1))):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, schema, options=pa.ipc.IpcWriteOptions(emit_dictionary_deltas=deltas)) as w:
            w.write_batch(first)
            w.write_batch(grown)
        assert (w.stats.num_dictionary_deltas, w.stats.num_replaced_dictionaries) == expect
        with pyarrow.ipc.open_stream(sink.getvalue().to_pybytes()) as reader:
            assert reader.read_all().column(0).to_pylist() == ["a", "b", "c", "a"]


def test_file_writer_refuses_replaced_dictionaries():
    schema = pa.schema([("d", pa.dictionary(pa.int32(), pa.string()))])
    with pa.ipc.new_file(pa.BufferOutputStream(), schema) as writer:
        writer.write_batch(pa.record_batch([dictionary_array([0], ["a"])], schema=schema))
        with pytest.raises(pa.ArrowInvalid, match="replace"):
            writer.write_batch(pa.record_batch([dictionary_array([0], ["b"])], schema=schema))


def test_top_level_names():
    assert pa.RecordBatchStreamWriter is pa.ipc.RecordBatchStreamWriter
    assert pa.RecordBatchFileWriter is pa.ipc.RecordBatchFileWriter
    assert pa.RecordBatchReader is pa.ipc.RecordBatchReader
    # Every public name of pyarrow.ipc but its module imports and the Alignment enum (unused by
    # pyarrow's IpcWriteOptions; arrowpack's alignment is a plain option).
    theirs = {n for n in dir(pyarrow.ipc) if not n.startswith("_")} - {"Alignment", "lib", "pa", "os"}
    assert theirs <= set(dir(pa.ipc))


def test_file_writer_unifies_dictionaries_on_request():
    chunks = [pyarrow.array(["a", "b", "a"]).dictionary_encode(), pyarrow.array(["c", None, "a"]).dictionary_encode()]
    expected = pyarrow.table({"d": pyarrow.chunked_array(chunks)})
    table = pa.table(expected)
    with pytest.raises(pa.ArrowInvalid, match="replace"):
        write_file(table)
    data = write_file(table, options=pa.ipc.IpcWriteOptions(unify_dictionaries=True))
    result = pyarrow.ipc.open_file(data).read_all()
    assert result.column("d").to_pylist() == ["a", "b", "a", "c", None, "a"]
    assert result.column("d").chunk(1).dictionary.to_pylist() == ["a", "b", "c"]


def first_body_frame(lib, codec):
    batch = lib.record_batch([lib.array(list(range(1000)) * 10)], names=["x"])
    sink = lib.BufferOutputStream()
    with lib.ipc.new_stream(sink, batch.schema, options=lib.ipc.IpcWriteOptions(compression=codec)) as writer:
        writer.write_batch(batch)
    reader = lib.BufferReader(sink.getvalue())
    lib.ipc.read_message(reader)  # the schema
    body = lib.ipc.read_message(reader).body.to_pybytes()
    assert int.from_bytes(body[:8], "little", signed=True) == 80000  # compressed, not -1
    return body[8:]


# The frame magic and the byte of flags after it; the content-checksum bit of each format.
FRAMES = {"zstd": (b"\x28\xb5\x2f\xfd", 0x04), "lz4": (b"\x04\x22\x4d\x18", 0x04)}


@pytest.mark.parametrize("codec", sorted(FRAMES))
def test_ipc_body_frames_carry_no_checksum_like_pyarrows(codec):
    magic, checksum_bit = FRAMES[codec]
    for lib in (pa, pyarrow):
        frame = first_body_frame(lib, codec)
        assert frame[:4] == magic
        assert not frame[4] & checksum_bit, lib.__name__
    # The codecs themselves keep the checksum (docs/memory-and-io.md).
    frame = pa.compress(b"x" * 1000, codec=codec, asbytes=True)
    assert frame[:4] == magic and frame[4] & checksum_bit
