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
# pyarrow writes a negative buffer length for an empty sliced interval array it imported through the C
# data interface (and reads it back without complaint); arrowpack rightly refuses such a body, so the
# pyarrow-side interval batches leave the empty slice out.
PYARROW_EMPTY_INTERVAL_SLICE = "pyarrow writes an empty sliced imported interval array with a negative length"


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
        theirs = [pyarrow.record_batch(batch) for batch in ours if batch.num_rows]  # PYARROW_EMPTY_INTERVAL_SLICE
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
