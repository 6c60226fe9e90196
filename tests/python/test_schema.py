"""Field and Schema: construction, metadata, str/repr like pyarrow, equality, editing, and
exchange with pyarrow through __arrow_c_schema__."""

import pyarrow
import pytest

import arrowpack as pa


def test_field_attributes_and_repr():
    f = pa.field("f", pa.int64(), nullable=False, metadata={"a": "b", b"c": b"d"})
    assert (f.name, f.type, f.nullable) == ("f", pa.int64(), False)
    assert f.metadata == {b"a": b"b", b"c": b"d"}
    assert repr(f) == str(f) == "arrowpack.Field<f: int64 not null>"
    assert pa.field("g", "string").type == pa.string()
    assert pa.field("h", pa.int8()).metadata is None


def test_field_editing_returns_new_fields():
    f = pa.field("f", pa.int64())
    assert f.with_name("g").name == "g" and f.name == "f"
    assert f.with_type(pa.string()).type == pa.string()
    assert f.with_type("int8").type == pa.int8()
    assert not f.with_nullable(False).nullable
    with_meta = f.with_metadata({"k": "v"})
    assert with_meta.metadata == {b"k": b"v"}
    assert with_meta.remove_metadata().metadata is None


def test_field_equality_ignores_metadata_unless_asked():
    a = pa.field("f", pa.int64(), metadata={"k": "v"})
    b = pa.field("f", pa.int64())
    assert a == b and a.equals(b) and not a.equals(b, check_metadata=True)
    assert a != pa.field("f", pa.int64(), nullable=False)
    assert a != pa.field("g", pa.int64())
    assert a != "f"
    assert hash(a) == hash(b)


def test_struct_field_flatten():
    f = pa.field("s", pa.struct([("a", pa.int8()), pa.field("b", pa.string(), nullable=False)]), nullable=False)
    flat = f.flatten()
    assert [x.name for x in flat] == ["s.a", "s.b"]
    assert [x.nullable for x in flat] == [True, False]
    assert pa.field("x", pa.int8()).flatten()[0].name == "x"


def test_field_errors():
    with pytest.raises(TypeError, match="field name must be str"):
        pa.field(1, pa.int8())
    with pytest.raises(TypeError, match="DataType expected"):
        pa.field("a", 1)
    with pytest.raises(ValueError, match="No type alias for foo"):
        pa.field("a", "foo")
    with pytest.raises(TypeError, match="metadata must be a mapping"):
        pa.field("a", pa.int8(), metadata=[1])
    with pytest.raises(TypeError, match="metadata keys must be str or bytes"):
        pa.field("a", pa.int8(), metadata={1: "x"})
    with pytest.raises(TypeError, match="needs a name and a type"):
        pa.field("a")


def make_schemas(m):
    fields = [
        m.field("f0", m.int64()),
        m.field("f1", m.list_(m.struct([("x", m.string())])), nullable=False, metadata={"doc": "items"}),
        m.field("f2", m.dictionary(m.int8(), m.string())),
    ]
    return m.schema(fields, metadata={"origin": "test", b"k": b"v"})


def test_schema_str_matches_pyarrow_exactly():
    ours, theirs = make_schemas(pa), make_schemas(pyarrow)
    assert str(ours) == str(theirs)
    assert repr(ours) == repr(theirs)
    assert ours.to_string(show_field_metadata=False) == theirs.to_string(show_field_metadata=False)
    assert ours.to_string(show_schema_metadata=False) == theirs.to_string(show_schema_metadata=False)


def test_schema_accessors():
    s = make_schemas(pa)
    assert len(s) == 3 and s.names == ["f0", "f1", "f2"]
    assert s.types == [pa.int64(), s.field(1).type, pa.dictionary(pa.int8(), pa.string())]
    assert s.metadata == {b"origin": b"test", b"k": b"v"}
    assert s.field("f1").metadata == {b"doc": b"items"}
    assert s[0].name == "f0" and s[-1].name == "f2" and s["f2"].name == "f2"
    assert [f.name for f in s] == s.names
    assert s.get_field_index("f1") == 1 and s.get_field_index("nope") == -1
    dup = pa.schema([("a", pa.int8()), ("a", pa.int16())])
    assert dup.get_field_index("a") == -1 and dup.get_all_field_indices("a") == [0, 1]
    with pytest.raises(KeyError, match="exists 2 or more times"):
        dup.field("a")
    with pytest.raises(KeyError, match="does not exist"):
        s.field("nope")
    with pytest.raises(IndexError):
        s[3]


def test_schema_from_tuples_and_mapping():
    assert pa.schema([("a", pa.int8()), ("b", "string")]) == pa.schema({"a": pa.int8(), "b": pa.string()})
    assert pa.schema([]).names == []


def test_schema_editing():
    s = pa.schema([("a", pa.int8())], metadata={"k": "v"})
    appended = s.append(pa.field("b", pa.string()))
    assert appended.names == ["a", "b"] and appended.metadata == {b"k": b"v"} and s.names == ["a"]
    assert appended.insert(0, ("z", pa.bool_())).names == ["z", "a", "b"]
    assert appended.remove(0).names == ["b"]
    assert appended.set(1, pa.field("c", pa.int64())).names == ["a", "c"]
    assert s.with_metadata({"x": "y"}).metadata == {b"x": b"y"}
    assert s.remove_metadata().metadata is None
    with pytest.raises(IndexError):
        s.insert(5, pa.field("q", pa.int8()))
    with pytest.raises(IndexError):
        s.remove(1)


def test_schema_equality():
    a = pa.schema([("a", pa.int8())], metadata={"k": "v"})
    b = pa.schema([("a", pa.int8())])
    assert a == b and a.equals(b) and not a.equals(b, check_metadata=True)
    assert a != pa.schema([("a", pa.int16())])
    assert a != "a"
    assert hash(a) == hash(b)


def test_schema_empty_table():
    s = make_schemas(pa)
    table = s.empty_table()
    assert table.num_rows == 0 and table.schema == s
    assert table.to_pydict() == {"f0": [], "f1": [], "f2": []}
    table.validate(full=True)


def test_schema_and_field_exchange_with_pyarrow():
    ours = make_schemas(pa)
    theirs = pyarrow.schema(ours)
    assert theirs.equals(make_schemas(pyarrow), check_metadata=True)
    back = pa.schema(theirs)
    assert back.equals(ours, check_metadata=True)
    f = pyarrow.field(ours.field(1))
    assert f.equals(make_schemas(pyarrow).field(1), check_metadata=True)
    assert pa.field(f).equals(ours.field(1), check_metadata=True)


def test_pandas_metadata_is_decoded():
    s = pa.schema([("a", pa.int8())], metadata={"pandas": '{"index_columns": []}'})
    assert s.pandas_metadata == {"index_columns": []}
    assert pa.schema([("a", pa.int8())]).pandas_metadata is None
