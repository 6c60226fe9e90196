"""arrowpack.ipc.open_stream on streams written by pyarrow; contents are compared in pyarrow after
leaving through the PyCapsule stream protocol."""

import io

import pyarrow
import pytest

import arrowpack as pa


def sample_table():
    return pyarrow.table({
        "i": pyarrow.array([1, None, -3, 4], pyarrow.int32()),
        "f": [0.5, 1.5, None, -2.0],
        "s": ["a", None, "ccc", ""],
        "b": pyarrow.array([b"x", b"", None, b"\x00\xff"], pyarrow.large_binary()),
        "l": [[1, 2], None, [], [3]],
        "st": [{"x": 1, "y": "p"}, None, {"x": None, "y": "q"}, {"x": 4, "y": None}],
        "d": pyarrow.array(["u", "v", "u", None]).dictionary_encode(),
        "t": pyarrow.array([0, 1, None, 3], pyarrow.timestamp("us", tz="UTC")),
        "bool": [True, False, None, True],
    }).replace_schema_metadata({"origin": "pyarrow"})


def write_pyarrow_stream(table, max_chunksize=None, **options):
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, table.schema, options=pyarrow.ipc.IpcWriteOptions(**options)) as writer:
        writer.write_table(table, max_chunksize=max_chunksize)
    return sink.getvalue().to_pybytes()


def read_through_capsule(reader):
    return pyarrow.RecordBatchReader.from_stream(reader).read_all()


@pytest.mark.parametrize("compression", [None, "lz4", "zstd"])
@pytest.mark.parametrize("max_chunksize", [None, 1, 3])
def test_pyarrow_stream_reads_back_equal(compression, max_chunksize):
    table = sample_table()
    data = write_pyarrow_stream(table, max_chunksize=max_chunksize, compression=compression)
    result = read_through_capsule(pa.ipc.open_stream(data))
    assert result.equals(table)
    assert result.schema.metadata == {b"origin": b"pyarrow"}
    assert result.to_pylist() == table.to_pylist()


@pytest.mark.parametrize("wrap", [bytes, pa.py_buffer, io.BytesIO, pa.BufferReader])
def test_sources(wrap):
    table = sample_table()
    reader = pa.ipc.open_stream(wrap(write_pyarrow_stream(table)))
    assert read_through_capsule(reader).equals(table)


def test_path_and_memory_map_sources_are_zero_copy(tmp_path):
    table = pyarrow.table({"x": pyarrow.array(range(100_000), pyarrow.int64())})
    path = tmp_path / "data.arrows"
    path.write_bytes(write_pyarrow_stream(table, max_chunksize=25_000))
    assert read_through_capsule(pa.ipc.open_stream(str(path))).equals(table)
    before = pa.total_allocated_bytes()
    with pa.memory_map(str(path)) as source:
        result = read_through_capsule(pa.ipc.open_stream(source))
        assert pa.total_allocated_bytes() == before
        assert result.equals(table)
        del result


def test_ensure_alignment_at_64_bytes_copies_only_misaligned_buffers():
    table = pyarrow.table({"a": pyarrow.array(range(3), pyarrow.int8()),
                           "b": pyarrow.array(range(3), pyarrow.int64())})
    buf = pa.py_buffer(write_pyarrow_stream(table))  # 8-byte aligned: b's values follow a's at +8

    def value_addresses(options):
        batch = pa.ipc.open_stream(buf, options=options).read_next_batch()
        assert pyarrow.record_batch(batch).equals(table.to_batches()[0])
        return [batch.column(i).buffers()[1].address for i in range(2)]

    before = pa.total_allocated_bytes()
    for alignment in (pa.ipc.Alignment.Any, pa.ipc.Alignment.DataTypeSpecific):
        addresses = value_addresses(pa.ipc.IpcReadOptions(ensure_alignment=alignment))
        assert all(buf.address <= a < buf.address + buf.size for a in addresses)
        assert any(a % 64 for a in addresses)
    assert pa.total_allocated_bytes() == before
    options = pa.ipc.IpcReadOptions(ensure_alignment=pa.ipc.Alignment.At64Byte)
    assert all(a % 64 == 0 for a in value_addresses(options))


def test_schema_through_the_capsule_protocol():
    table = sample_table()
    reader = pa.ipc.open_stream(write_pyarrow_stream(table))
    assert pyarrow.schema(reader).equals(table.schema, check_metadata=True)


def test_zero_batches_and_empty_batches():
    schema = pyarrow.schema([("x", pyarrow.int8()), ("s", pyarrow.string())])
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, schema):
        pass
    result = read_through_capsule(pa.ipc.open_stream(sink.getvalue()))
    assert result.num_rows == 0 and result.schema.equals(schema)

    empty = schema.empty_table()
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, schema) as writer:
        writer.write_batch(pyarrow.record_batch([pyarrow.array([], pyarrow.int8()), pyarrow.array([], pyarrow.string())], schema=schema))
    result = read_through_capsule(pa.ipc.open_stream(sink.getvalue()))
    assert result.equals(empty)


def test_dictionary_deltas_and_replacements_apply_in_order():
    schema = pyarrow.schema([("d", pyarrow.dictionary(pyarrow.int32(), pyarrow.string()))])
    batches = [
        pyarrow.record_batch([pyarrow.DictionaryArray.from_arrays([0, 1], ["a", "b"])], schema=schema),
        pyarrow.record_batch([pyarrow.DictionaryArray.from_arrays([2, 0], ["a", "b", "c"])], schema=schema),
        pyarrow.record_batch([pyarrow.DictionaryArray.from_arrays([0], ["z"])], schema=schema),
    ]
    sink = pyarrow.BufferOutputStream()
    options = pyarrow.ipc.IpcWriteOptions(emit_dictionary_deltas=True)
    with pyarrow.ipc.new_stream(sink, schema, options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)
    reader = pa.ipc.open_stream(sink.getvalue())
    result = read_through_capsule(reader)
    assert result.column("d").to_pylist() == ["a", "b", "c", "a", "z"]
    stats = reader.stats
    assert stats.num_record_batches == 3
    assert stats.num_dictionary_batches == 3
    assert stats.num_dictionary_deltas == 1
    assert stats.num_replaced_dictionaries == 1
    assert stats.num_messages == 7
    assert isinstance(stats, pa.ipc.ReadStats)


def test_stats_count_before_consumption_and_the_reader_is_spent_after_export():
    reader = pa.ipc.open_stream(write_pyarrow_stream(sample_table(), max_chunksize=2))
    assert reader.stats == (1, 0, 0, 0, 0)  # only the schema so far
    capsule_reader = pyarrow.RecordBatchReader.from_stream(reader)
    with pytest.raises(pa.ArrowInvalid, match="closed or was exported"):
        reader.__arrow_c_stream__()
    assert capsule_reader.read_all().num_rows == 4


def test_closed_reader_and_context_manager():
    with pa.ipc.open_stream(write_pyarrow_stream(sample_table())) as reader:
        pass
    with pytest.raises(pa.ArrowInvalid, match="closed"):
        reader.read_next_batch()


def test_bad_arguments():
    data = write_pyarrow_stream(sample_table())
    with pytest.raises(NotImplementedError):
        pa.ipc.open_stream(data).__arrow_c_stream__(requested_schema=object())
    with pytest.raises(TypeError):
        pa.ipc.open_stream(data, options=pa.ipc.IpcWriteOptions())
    with pytest.raises(TypeError):
        pa.ipc.open_stream(data, memory_pool=5)


@pytest.mark.parametrize("open_", [pa.ipc.open_stream, pa.ipc.open_file])
def test_memory_pool_receives_the_decompressed_buffers(open_):
    table = pyarrow.table({"x": pyarrow.array(range(10_000), pyarrow.int64())})
    sink = pyarrow.BufferOutputStream()
    new = pyarrow.ipc.new_stream if open_ is pa.ipc.open_stream else pyarrow.ipc.new_file
    with new(sink, table.schema, options=pyarrow.ipc.IpcWriteOptions(compression="zstd")) as writer:
        writer.write_table(table)
    data = sink.getvalue().to_pybytes()
    # A pool other than the default (scripts/sanitize.sh makes the system pool the default).
    default_backend = pa.default_memory_pool().backend_name
    pool = next(p for p in (pa.system_memory_pool(), pa.mimalloc_memory_pool()) if p.backend_name != default_backend)
    before_pool, before_default = pool.bytes_allocated(), pa.total_allocated_bytes()
    result = open_(data, memory_pool=pool).read_all()
    assert pool.bytes_allocated() - before_pool >= 80_000
    assert pa.total_allocated_bytes() == before_default
    assert pyarrow.table(result).equals(table)
    del result
    assert pool.bytes_allocated() == before_pool


def test_streams_that_do_not_start_with_a_schema_are_invalid():
    data = write_pyarrow_stream(sample_table())
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.open_stream(data[:5])
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.open_stream(b"ARROW1\x00\x00" + data)
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.open_stream(b"")
