"""The Arrow IPC interop matrix (issue 4): every type of arrow_types_catalog, as a stream and as a file,
uncompressed, LZ4 and ZSTD, in batches with nulls, sliced and empty, written by arrowpack and read by
pyarrow, polars, arro3 and nanoarrow (streams), and written by each of them and read by arrowpack.

A peer's reading of our bytes is compared with its reading of pyarrow's bytes for the same data, and
our reading of a peer's bytes with pyarrow's reading of them, so a peer's own type mapping (polars
turns strings into views, arro3 drops keys_sorted) never counts as a difference. Peers that lack a type
are skipped with the limitation they report, checked by test_peer_limitations_are_real.
"""

import pyarrow
import pytest

import arrowpack as pa
from arrow_types_catalog import (  # noqa: F401 (the frozen_* fixtures apply to this module)
    CASES, StreamOnly, as_batch, frozen_heap, frozen_objects, variants)
from ipc_peers import (
    COMPRESSIONS, read_arro3, read_arrowpack, read_nanoarrow, read_polars, read_pyarrow,
    write_arro3, write_arrowpack, write_nanoarrow, write_polars, write_pyarrow)

FORMATS = ["stream", "file"]


def nanoarrow_read_limit(case, compression=None):
    text = str(case.build(pa).type)
    if "view" in text or "run_end_encoded" in text:
        return "nanoarrow 0.9's IPC reader does not support views, list views or run-end encoding yet"
    if compression and "dictionary" in text:
        return "nanoarrow 0.9's IPC reader misreads compressed dictionary batches (pyarrow's too)"
    return ""


def nanoarrow_write_limit(case):
    text = str(case.build(pa).type)
    if "view" in text:
        return "nanoarrow 0.9's IPC writer cannot encode view types"
    if "dictionary" in text:
        return "nanoarrow 0.9's IPC writer cannot encode dictionary arrays"
    return nanoarrow_read_limit(case)


def case_batches(case):
    """(ours, theirs): the whole, sliced and empty batches of the case in arrowpack and in pyarrow."""
    ours = [as_batch(pa, array) for _, array in variants(case.build(pa))]
    if case.pyarrow_array:
        theirs = [as_batch(pyarrow, array) for _, array in variants(case.build(pyarrow))]
    else:
        # pyarrow writes a negative buffer length into IPC for an empty sliced interval array it imported
        # through the C data interface (and reads it back without complaint); arrowpack rightly refuses
        # such a body, so pyarrow's interval batches leave the empty slice out.
        theirs = [pyarrow.record_batch(batch) for batch in ours if batch.num_rows]
    return ours, theirs


def cases(selection):
    return pytest.mark.parametrize("case", selection, ids=[c.name for c in selection])


format_param = pytest.mark.parametrize("fmt", FORMATS)
compression_param = pytest.mark.parametrize("compression", COMPRESSIONS, ids=lambda c: c or "uncompressed")


def pyarrow_view(table):
    """Any table-like object as an arrowpack Table, through the C stream."""
    return pa.table(StreamOnly(table))


# ---- arrowpack writes ------------------------------------------------------------------------------


@cases(CASES)
@format_param
@compression_param
def test_pyarrow_reads_arrowpack(case, fmt, compression):
    ours, theirs = case_batches(case)
    is_file = fmt == "file"
    data = write_arrowpack(ours, ours[0].schema, is_file, compression)
    read = read_pyarrow(data, is_file)
    read.validate(full=True)
    assert [len(b) for b in read.to_batches()] == [len(b) for b in ours if len(b)]
    if case.pyarrow_array:
        assert read.equals(pyarrow.Table.from_batches(theirs))
    else:
        assert pyarrow_view(read).equals(pa.Table.from_batches(ours))
    assert read_arrowpack(data, is_file).equals(pa.Table.from_batches(ours))


@cases([c for c in CASES if not c.polars])
@format_param
@compression_param
def test_polars_reads_arrowpack_like_pyarrows_bytes(case, fmt, compression):
    ours, theirs = case_batches(case)
    is_file = fmt == "file"
    frame = read_polars(write_arrowpack(ours, ours[0].schema, is_file, compression), is_file)
    reference = read_polars(write_pyarrow(theirs, theirs[0].schema, is_file), is_file)
    assert frame.height == sum(len(b) for b in ours)
    assert frame.equals(reference, null_equal=True)


@cases(CASES)
@format_param
@compression_param
def test_arro3_reads_arrowpack_like_pyarrows_bytes(case, fmt, compression):
    ours, theirs = case_batches(case)
    is_file = fmt == "file"
    read = pyarrow_view(read_arro3(write_arrowpack(ours, ours[0].schema, is_file, compression), is_file))
    reference = pyarrow_view(read_arro3(write_pyarrow(theirs, theirs[0].schema, is_file), is_file))
    assert read.num_rows == sum(len(b) for b in ours)
    assert read.equals(reference)


@cases(CASES)
@compression_param
def test_nanoarrow_reads_arrowpack_streams(case, compression):
    if nanoarrow_read_limit(case, compression):
        pytest.skip(nanoarrow_read_limit(case, compression))
    ours, _ = case_batches(case)
    read = pyarrow_view(read_nanoarrow(write_arrowpack(ours, ours[0].schema, False, compression)))
    assert read.equals(pa.Table.from_batches(ours))


# ---- arrowpack reads -------------------------------------------------------------------------------


@cases(CASES)
@format_param
@compression_param
def test_arrowpack_reads_pyarrow(case, fmt, compression):
    ours, theirs = case_batches(case)
    is_file = fmt == "file"
    read = read_arrowpack(write_pyarrow(theirs, theirs[0].schema, is_file, compression), is_file)
    read.validate(full=True)
    expected = ours if case.pyarrow_array else [b for b in ours if b.num_rows]
    assert read.equals(pa.Table.from_batches(expected))


def polars_rewrite(theirs, is_file, compression):
    frame = read_polars(write_pyarrow(theirs, theirs[0].schema, is_file), is_file)
    return write_polars(frame, is_file, compression)


def arro3_rewrite(theirs, is_file, compression):
    table = read_arro3(write_pyarrow(theirs, theirs[0].schema, is_file), is_file)
    return write_arro3(table, is_file, compression)


PEER_WRITERS = [(case, "polars", polars_rewrite) for case in CASES if not case.polars]
PEER_WRITERS += [(case, "arro3", arro3_rewrite) for case in CASES]


@pytest.mark.parametrize("case,peer,rewrite", PEER_WRITERS, ids=[f"{p}-{c.name}" for c, p, _ in PEER_WRITERS])
@format_param
@compression_param
def test_arrowpack_reads_polars_and_arro3(case, peer, rewrite, fmt, compression):
    """The peer reads pyarrow's bytes and writes them again; we read what it wrote as pyarrow does."""
    _, theirs = case_batches(case)
    is_file = fmt == "file"
    data = rewrite(theirs, is_file, compression)
    read = read_arrowpack(data, is_file)
    read.validate(full=True)
    assert read.equals(pyarrow_view(read_pyarrow(data, is_file)))
    assert read.num_rows == sum(len(b) for b in theirs)


@cases(CASES)
def test_arrowpack_reads_nanoarrow(case):
    if nanoarrow_write_limit(case):
        pytest.skip(nanoarrow_write_limit(case))
    ours, _ = case_batches(case)
    whole = pa.Table.from_batches(ours[:1])  # nanoarrow cannot encode arrays with a non-zero offset
    read = read_arrowpack(write_nanoarrow(whole), False)
    read.validate(full=True)
    assert read.equals(whole)


# ---- the skips are real ----------------------------------------------------------------------------


@cases([c for c in CASES if c.polars])
def test_polars_lacks_the_skipped_types_in_ipc_too(case):
    _, theirs = case_batches(case)
    with pytest.raises(BaseException) as info:  # polars panics (pyo3 PanicException) on some of them
        read_polars(write_pyarrow(theirs, theirs[0].schema, False), False)
    assert not isinstance(info.value, AssertionError)


@cases([c for c in CASES if nanoarrow_read_limit(c)])
def test_nanoarrow_lacks_the_skipped_types_in_ipc(case):
    _, theirs = case_batches(case)
    with pytest.raises(Exception, match="not yet supported"):
        pyarrow.table(read_nanoarrow(write_pyarrow(theirs, theirs[0].schema, False)))


# ---- stream and file features ----------------------------------------------------------------------


def dictionary_batches():
    """Three batches whose dictionary grows (a delta) and is then replaced, with metadata throughout."""
    schema = pa.schema([pa.field("d", pa.dictionary(pa.int32(), pa.string()), metadata={"unit": "m"}),
                        pa.field("i", pa.int64())], metadata={"origin": "arrowpack"})
    dictionaries = [["a", "b"], ["a", "b", "c"], ["z"]]
    indices = [[0, None], [2, 0], [0]]
    batches = [pa.RecordBatch.from_arrays(
        [pa.DictionaryArray.from_arrays(pa.array(i, pa.int32()), pa.array(d)), pa.array(range(len(i)))], schema=schema)
        for d, i in zip(dictionaries, indices)]
    return schema, batches


DICTIONARY_VALUES = ["a", None, "c", "a", "z"]


def test_dictionary_deltas_and_replacement_read_by_pyarrow_arro3():
    schema, batches = dictionary_batches()
    data = write_arrowpack(batches, schema, False, emit_dictionary_deltas=True)
    reader = pyarrow.ipc.open_stream(data)
    assert reader.read_all().column("d").to_pylist() == DICTIONARY_VALUES
    assert (reader.stats.num_dictionary_deltas, reader.stats.num_replaced_dictionaries) == (1, 1)
    assert pyarrow.table(read_arro3(data, False)).column("d").to_pylist() == DICTIONARY_VALUES
    file_data = write_arrowpack(batches[:2], schema, True, emit_dictionary_deltas=True)  # no replacement in files
    assert pyarrow.ipc.open_file(file_data).read_all().column("d").to_pylist() == DICTIONARY_VALUES[:4]
    assert pyarrow.table(read_arro3(file_data, True)).column("d").to_pylist() == DICTIONARY_VALUES[:4]


def test_dictionary_replacement_without_deltas_read_by_every_peer():
    schema, batches = dictionary_batches()
    data = write_arrowpack(batches, schema, False)
    assert pyarrow.ipc.open_stream(data).read_all().column("d").to_pylist() == DICTIONARY_VALUES
    assert read_polars(data, False)["d"].to_list() == DICTIONARY_VALUES
    assert pyarrow.table(read_nanoarrow(data)).column("d").to_pylist() == DICTIONARY_VALUES
    assert pyarrow.table(read_arro3(data, False)).column("d").to_pylist() == DICTIONARY_VALUES


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # nanoarrow's stream close
def test_peers_really_lack_dictionary_deltas():
    schema, batches = dictionary_batches()
    theirs = write_pyarrow([pyarrow.record_batch(b) for b in batches[:2]], pyarrow.schema(schema), False,
                           emit_dictionary_deltas=True)
    with pytest.raises(Exception, match="delta dictionary batches not supported"):
        read_polars(theirs, False)
    with pytest.raises(Exception):
        pyarrow.table(read_nanoarrow(theirs))


@format_param
def test_metadata_of_schema_fields_and_batches_read_by_peers(fmt):
    schema, batches = dictionary_batches()
    is_file = fmt == "file"
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(emit_dictionary_deltas=True)
    with (pa.ipc.new_file if is_file else pa.ipc.new_stream)(sink, schema, options=options) as writer:
        writer.write_batch(batches[0], custom_metadata={"batch": "0"})
        writer.write_batch(batches[1])
    data = sink.getvalue().to_pybytes()
    reader = (pyarrow.ipc.open_file if is_file else pyarrow.ipc.open_stream)(data)
    assert reader.schema.metadata == {b"origin": b"arrowpack"}
    assert reader.schema.field("d").metadata == {b"unit": b"m"}
    first = reader.get_batch_with_custom_metadata(0) if is_file else reader.read_next_batch_with_custom_metadata()
    assert first.custom_metadata == {b"batch": b"0"}
    arro3_schema = pyarrow.table(read_arro3(data, is_file)).schema
    assert arro3_schema.metadata == {b"origin": b"arrowpack"} and arro3_schema.field("d").metadata == {b"unit": b"m"}
    if not is_file:
        assert dict(read_nanoarrow(data).get_schema().metadata) == {b"origin": b"arrowpack"}


@format_param
def test_metadata_written_by_pyarrow_and_arro3_is_read(fmt):
    is_file = fmt == "file"
    schema = pyarrow.schema([pyarrow.field("x", pyarrow.int8(), metadata={"f": "1"})], metadata={"s": "2"})
    batch = pyarrow.record_batch([pyarrow.array([1, None], pyarrow.int8())], schema=schema)
    sink = pyarrow.BufferOutputStream()
    with (pyarrow.ipc.new_file if is_file else pyarrow.ipc.new_stream)(sink, schema) as writer:
        writer.write_batch(batch, custom_metadata={"b": "3"})
    reader = (pa.ipc.open_file if is_file else pa.ipc.open_stream)(sink.getvalue().to_pybytes())
    assert reader.schema.metadata == {b"s": b"2"} and reader.schema.field("x").metadata == {b"f": b"1"}
    first = reader.get_batch_with_custom_metadata(0) if is_file else reader.read_next_batch_with_custom_metadata()
    assert first.custom_metadata == {b"b": b"3"} and first.batch.equals(pa.record_batch(batch))
    from_arro3 = read_arrowpack(write_arro3(read_arro3(sink.getvalue().to_pybytes(), is_file), is_file), is_file)
    assert from_arro3.schema.metadata == {b"s": b"2"} and from_arro3.schema.field("x").metadata == {b"f": b"1"}


@format_param
def test_zero_batches_both_ways(fmt):
    is_file = fmt == "file"
    schema = pa.schema([("i", pa.int64()), ("s", pa.string()), ("d", pa.dictionary(pa.int8(), pa.string()))])
    data = write_arrowpack([], schema, is_file)
    read = read_pyarrow(data, is_file)
    assert read.num_rows == 0 and read.schema == pyarrow.schema(schema)
    assert read_polars(data, is_file).columns == ["i", "s", "d"]
    assert pyarrow_view(read_arro3(data, is_file)).schema == schema
    if not is_file:
        assert pyarrow_view(read_nanoarrow(data)).num_rows == 0
    for theirs in (write_pyarrow([], pyarrow.schema(schema), is_file),
                   write_arro3(pyarrow.schema(schema).empty_table(), is_file)):
        ours = read_arrowpack(theirs, is_file)
        assert ours.num_rows == 0 and ours.schema == schema


@format_param
def test_many_batches_both_ways(fmt):
    is_file = fmt == "file"
    _, theirs = case_batches(CASES[[c.name for c in CASES].index("dictionary_int8_string")])
    many = [theirs[i % 2] for i in range(300)]
    ours = [pa.record_batch(b) for b in many]
    data = write_arrowpack(ours, ours[0].schema, is_file, "zstd")
    read = read_pyarrow(data, is_file)
    assert len(read.to_batches()) == 300 and read.equals(pyarrow.Table.from_batches(many))
    assert read_polars(data, is_file).height == read.num_rows
    assert pyarrow_view(read_arro3(data, is_file)).equals(pyarrow_view(read))
    back = read_arrowpack(write_pyarrow(many, many[0].schema, is_file, "lz4"), is_file)
    assert back.column(0).num_chunks == 300 and back.equals(pa.Table.from_batches(ours))


def test_pyarrows_negative_buffer_length_for_empty_imported_intervals_is_refused():
    months = CASES[[c.name for c in CASES].index("month_interval")].build(pa)
    theirs = pyarrow.record_batch(as_batch(pa, months.slice(1, 0)))
    data = write_pyarrow([theirs], theirs.schema, False)
    assert read_pyarrow(data, False).num_rows == 0  # pyarrow does not notice
    with pytest.raises(pa.ArrowInvalid, match="length -4"):
        read_arrowpack(data, False)
