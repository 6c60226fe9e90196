"""arrowpack.ipc options and the message layer (Message, read_message, MessageReader), checked
against streams written by pyarrow."""

import io

import pyarrow
import pytest

import arrowpack as pa


def pyarrow_stream(num_batches=2, compression=None):
    table = pyarrow.table({"x": pyarrow.array([1, None, 3], pyarrow.int64()), "s": ["a", "bc", None]})
    sink = pyarrow.BufferOutputStream()
    options = pyarrow.ipc.IpcWriteOptions(compression=compression)
    with pyarrow.ipc.new_stream(sink, table.schema, options=options) as writer:
        for _ in range(num_batches):
            writer.write_batch(table.to_batches()[0])
    return sink.getvalue().to_pybytes()


def pyarrow_messages(data):
    reader = pyarrow.ipc.MessageReader.open_stream(pyarrow.py_buffer(data))
    return list(reader)


def test_ipc_is_reachable_from_the_package():
    assert pa.ipc.MetadataVersion.V5 != pa.ipc.MetadataVersion.V4
    assert int(pa.ipc.MetadataVersion.V5) == 4


def test_write_options_defaults_and_names_follow_pyarrow():
    options = pa.ipc.IpcWriteOptions()
    assert options.metadata_version == pa.ipc.MetadataVersion.V5
    assert options.compression is None
    assert (options.allow_64bit, options.use_legacy_format, options.use_threads) == (False, False, True)
    assert (options.emit_dictionary_deltas, options.unify_dictionaries) == (False, False)
    assert options.alignment == 8

    options = pa.ipc.IpcWriteOptions(
        pa.ipc.MetadataVersion.V4, allow_64bit=True, use_legacy_format=True, compression="zstd",
        use_threads=False, emit_dictionary_deltas=True)
    assert options.metadata_version == pa.ipc.MetadataVersion.V4
    assert options.compression == "zstd"
    assert (options.allow_64bit, options.use_legacy_format, options.use_threads) == (True, True, False)
    assert options.emit_dictionary_deltas
    options.compression = "lz4"
    assert options.compression == "lz4"
    options.compression = pa.Codec("zstd", compression_level=5)
    assert options.compression == "zstd"
    options.compression = None
    assert options.compression is None
    options.alignment = 64
    assert options.alignment == 64
    assert pa.ipc.IpcWriteOptions(alignment=64).alignment == 64


def test_write_options_refuse_bad_values():
    with pytest.raises(pa.ArrowInvalid, match="lz4 or zstd"):
        pa.ipc.IpcWriteOptions(compression="gzip")
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.IpcWriteOptions(compression="no-such-codec")
    with pytest.raises(TypeError):
        pa.ipc.IpcWriteOptions(compression=3)
    with pytest.raises(ValueError, match="V4 and V5"):
        pa.ipc.IpcWriteOptions(pa.ipc.MetadataVersion.V3)
    with pytest.raises(TypeError):
        pa.ipc.IpcWriteOptions(pa.ipc.MetadataVersion.V5, False)  # the rest are keyword-only
    with pytest.raises(ValueError, match="8 or 64"):
        pa.ipc.IpcWriteOptions().alignment = 16
    with pytest.raises(ValueError, match="8 or 64"):
        pa.ipc.IpcWriteOptions(alignment=0)


def test_message_classes_are_also_top_level_as_in_pyarrow():
    assert (pa.Message, pa.MessageReader, pa.MetadataVersion) == (
        pa.ipc.Message, pa.ipc.MessageReader, pa.ipc.MetadataVersion)


def test_read_options():
    options = pa.ipc.IpcReadOptions(ensure_native_endian=False, use_threads=False)
    assert (options.ensure_native_endian, options.use_threads, options.included_fields) == (False, False, [])
    assert pa.ipc.IpcReadOptions().ensure_native_endian
    assert pa.ipc.IpcReadOptions(included_fields=[2, 0]).included_fields == [2, 0]
    assert not pa.ipc.IpcReadOptions(False).ensure_native_endian  # positional, as in pyarrow
    assert pa.ipc.IpcReadOptions().ensure_alignment == pa.ipc.Alignment.Any
    options.ensure_alignment = pa.ipc.Alignment.At64Byte
    assert options.ensure_alignment == pa.ipc.Alignment.At64Byte
    for name, member in pyarrow.ipc.Alignment.__members__.items():
        assert int(getattr(pa.ipc.Alignment, name)) == int(member)
    assert pa.ipc.IpcReadOptions(ensure_alignment=64).ensure_alignment == pa.ipc.Alignment.At64Byte
    with pytest.raises(ValueError, match="Not an alignment: 5"):
        pa.ipc.IpcReadOptions(ensure_alignment=5)
    with pytest.raises(TypeError):
        options.ensure_alignment = "64"


@pytest.mark.parametrize("wrap", [bytes, pa.py_buffer, io.BytesIO, pa.BufferReader])
def test_read_message_matches_pyarrow(wrap):
    data = pyarrow_stream()
    theirs = pyarrow_messages(data)
    message = pa.ipc.read_message(wrap(data))
    assert message.type == "schema" == theirs[0].type
    assert message.metadata_version == pa.ipc.MetadataVersion.V5
    assert message.metadata.to_pybytes() == theirs[0].metadata.to_pybytes()
    assert message.body.size == 0
    assert message.serialize().to_pybytes() == theirs[0].serialize().to_pybytes()
    assert repr(message).splitlines()[:2] == ["pyarrow.Message", "type: schema"]


def test_message_reader_walks_every_message_of_a_pyarrow_stream():
    data = pyarrow_stream(num_batches=3, compression="lz4")
    theirs = pyarrow_messages(data)
    ours = list(pa.ipc.MessageReader.open_stream(data))
    assert [m.type for m in ours] == [m.type for m in theirs] == ["schema"] + ["record batch"] * 3
    for mine, other in zip(ours, theirs):
        assert mine.metadata.to_pybytes() == other.metadata.to_pybytes()
        assert mine.body.to_pybytes() == other.body.to_pybytes()
        assert mine.serialize().to_pybytes() == other.serialize().to_pybytes()
    assert ours[1].equals(ours[2]) and ours[1] == ours[2] and ours[0] != ours[1]


def test_message_reader_read_next_message_and_end_of_stream():
    reader = pa.ipc.MessageReader.open_stream(pa.BufferReader(pyarrow_stream(num_batches=1)))
    assert reader.read_next_message().type == "schema"
    batch = reader.read_next_message()
    assert batch.type == "record batch" and batch.body.size > 0
    with pytest.raises(StopIteration):
        reader.read_next_message()


def test_message_body_is_zero_copy_over_a_buffer():
    data = pa.py_buffer(pyarrow_stream(num_batches=1))
    before = pa.total_allocated_bytes()
    messages = list(pa.ipc.MessageReader.open_stream(data))
    body = messages[1].body
    assert data.address <= body.address < data.address + data.size
    assert pa.total_allocated_bytes() == before


def test_message_serialize_to_a_sink_and_read_back():
    message = list(pa.ipc.MessageReader.open_stream(pyarrow_stream(num_batches=1)))[1]
    sink = pa.BufferOutputStream()
    written = message.serialize_to(sink)
    data = sink.getvalue()
    assert written == data.size == message.serialize().size
    again = pa.ipc.read_message(data)
    assert again.equals(message)
    padded = pa.ipc.read_message(message.serialize(alignment=64))
    assert (padded.metadata.size + 8) % 64 == 0  # the metadata carries the extra padding
    assert padded.metadata.to_pybytes().startswith(message.metadata.to_pybytes())
    assert padded.body.equals(message.body)


def test_read_message_from_a_path(tmp_path):
    path = tmp_path / "stream.arrows"
    path.write_bytes(pyarrow_stream(num_batches=1))
    assert pa.ipc.read_message(path).type == "schema"
    assert pa.ipc.read_message(str(path)).type == "schema"


def test_read_message_at_end_of_stream_raises_eof():
    with pytest.raises(EOFError):
        pa.ipc.read_message(b"")
    with pytest.raises(EOFError):
        pa.ipc.read_message(b"\xff\xff\xff\xff\x00\x00\x00\x00")


@pytest.mark.parametrize("cut", [3, 7, 12, 40])
def test_truncated_or_corrupt_messages_raise_arrow_invalid(cut):
    data = pyarrow_stream(num_batches=1)
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.read_message(data[:cut])
    corrupt = bytearray(data)
    corrupt[8:16] = b"\xee" * 8
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.read_message(bytes(corrupt))


def test_bad_sources_and_constructors():
    with pytest.raises(TypeError, match="Cannot read"):
        pa.ipc.read_message(12)
    with pytest.raises(TypeError):
        pa.ipc.Message()
    with pytest.raises(TypeError):
        pa.ipc.MessageReader()
    with pytest.raises(TypeError, match="IpcReadOptions"):
        pa.ipc.MessageReader.open_stream(b"", options=pa.ipc.IpcWriteOptions())
