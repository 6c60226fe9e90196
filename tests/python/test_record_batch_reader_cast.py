"""RecordBatchReader.cast(target_schema) as far as arrowpack does it without compute functions:
metadata and nullability may change (as in pyarrow), names may not (ValueError, as pyarrow),
types may not (ArrowTypeError, pyarrow's class for a cast it cannot make), nulls in a field made
non-nullable fail when that batch is read (ArrowInvalid, as pyarrow)."""

import pyarrow
import pytest

import arrowpack as pa


def reader(lib, with_nulls=True):
    schema = lib.schema([("a", lib.int32()), ("b", lib.string())])
    first = [1, None] if with_nulls else [1, 2]
    data = [lib.record_batch([lib.array(first, lib.int32()), lib.array(["x", "y"])], schema=schema),
            lib.record_batch([lib.array([3], lib.int32()), lib.array(["z"])], schema=schema)]
    return lib.RecordBatchReader.from_batches(schema, data)


def target(lib, nullable=True, metadata=None, field_metadata=None, names=("a", "b"), types=None):
    types = types or (lib.int32(), lib.string())
    fields = [lib.field(names[0], types[0], nullable=nullable, metadata=field_metadata),
              lib.field(names[1], types[1])]
    return lib.schema(fields, metadata=metadata)


@pytest.mark.parametrize("options", [
    {"metadata": {"k": "v"}},
    {"field_metadata": {"unit": "m"}},
    {},
])
def test_metadata_changes_like_pyarrow(options):
    ours = reader(pa).cast(target(pa, **options))
    theirs = reader(pyarrow).cast(target(pyarrow, **options))
    assert isinstance(ours, pa.RecordBatchReader)
    assert ours.schema.metadata == theirs.schema.metadata
    assert ours.schema.field("a").metadata == theirs.schema.field("a").metadata
    batches = list(ours)
    assert [b.to_pydict() for b in batches] == [b.to_pydict() for b in theirs]
    assert all(b.schema.equals(ours.schema, check_metadata=True) for b in batches)


def test_non_nullable_target_without_nulls():
    for lib in (pa, pyarrow):
        cast = reader(lib, with_nulls=False).cast(target(lib, nullable=False))
        assert not cast.schema.field("a").nullable
        assert cast.read_all().column("a").to_pylist() == [1, 2, 3]


def test_nulls_in_a_non_nullable_target_fail_when_read():
    for lib in (pa, pyarrow):
        cast = reader(lib).cast(target(lib, nullable=False))  # not checked yet
        with pytest.raises(lib.ArrowInvalid, match="Can't cast array that contains nulls to non-nullable field at index 0"):
            cast.read_next_batch()


@pytest.mark.parametrize("names", [("c", "b"), ("b", "a")])
def test_other_names_raise_value_error_like_pyarrow(names):
    for lib in (pa, pyarrow):
        with pytest.raises(ValueError, match="Target schema's field names are not matching the table's field names"):
            reader(lib).cast(target(lib, names=names))
    with pytest.raises(ValueError, match="field names"):
        reader(pa).cast(pa.schema([("a", pa.int32())]))


def test_other_types_raise_arrow_type_error():
    for lib in (pa, pyarrow):  # a cast pyarrow cannot make either
        with pytest.raises(lib.ArrowTypeError, match="Field 1 cannot be cast from string to list<item: int8>"):
            reader(lib).cast(target(lib, types=(lib.int32(), lib.list_(lib.int8()))))
    # pyarrow converts int32 to int64 with its compute library; arrowpack has none.
    with pytest.raises(pa.ArrowTypeError, match="Field 0 cannot be cast from int32 to int64 .*no compute functions"):
        reader(pa).cast(target(pa, types=(pa.int64(), pa.string())))


def test_target_must_be_a_schema():
    with pytest.raises(TypeError):
        reader(pa).cast(5)


def test_cast_of_an_ipc_stream_reader():
    sink = pa.BufferOutputStream()
    source = reader(pa, with_nulls=False)
    with pa.ipc.new_stream(sink, source.schema) as writer:
        for batch in source:
            writer.write_batch(batch)
    stream = pa.ipc.open_stream(sink.getvalue())
    cast = stream.cast(target(pa, nullable=False, metadata={"k": "v"}))
    assert cast.read_all().to_pydict() == {"a": [1, 2, 3], "b": ["x", "y", "z"]}
    cast.close()
    with pytest.raises(pa.ArrowInvalid, match="closed or was exported"):
        stream.read_next_batch()  # closing the cast reader closes the one it reads
