"""DataType classes, factories and aliases: str/repr/equality against pyarrow, attributes, the
pa.types predicates, and factory errors."""

import datetime
import zoneinfo

import pyarrow
import pytest

import arrowpack as pa

# Each entry builds the same type with either module (pa is arrowpack or pyarrow).
TYPES = {
    "null": lambda m: m.null(),
    "bool": lambda m: m.bool_(),
    "int8": lambda m: m.int8(),
    "int16": lambda m: m.int16(),
    "int32": lambda m: m.int32(),
    "int64": lambda m: m.int64(),
    "uint8": lambda m: m.uint8(),
    "uint16": lambda m: m.uint16(),
    "uint32": lambda m: m.uint32(),
    "uint64": lambda m: m.uint64(),
    "float16": lambda m: m.float16(),
    "float32": lambda m: m.float32(),
    "float64": lambda m: m.float64(),
    "string": lambda m: m.string(),
    "utf8": lambda m: m.utf8(),
    "large_string": lambda m: m.large_string(),
    "large_utf8": lambda m: m.large_utf8(),
    "binary": lambda m: m.binary(),
    "fixed_size_binary": lambda m: m.binary(7),
    "large_binary": lambda m: m.large_binary(),
    "string_view": lambda m: m.string_view(),
    "binary_view": lambda m: m.binary_view(),
    "date32": lambda m: m.date32(),
    "date64": lambda m: m.date64(),
    "time32_s": lambda m: m.time32("s"),
    "time32_ms": lambda m: m.time32("ms"),
    "time64_us": lambda m: m.time64("us"),
    "time64_ns": lambda m: m.time64("ns"),
    "timestamp": lambda m: m.timestamp("us"),
    "timestamp_tz": lambda m: m.timestamp("ns", tz="Europe/Paris"),
    "timestamp_offset": lambda m: m.timestamp("s", "+05:30"),
    "duration": lambda m: m.duration("ms"),
    "month_day_nano": lambda m: m.month_day_nano_interval(),
    "decimal32": lambda m: m.decimal32(9, 2),
    "decimal64": lambda m: m.decimal64(18),
    "decimal128": lambda m: m.decimal128(38, 10),
    "decimal256": lambda m: m.decimal256(76, -3),
    "list": lambda m: m.list_(m.int32()),
    "list_of_field": lambda m: m.list_(m.field("x", m.string(), nullable=False)),
    "fixed_size_list": lambda m: m.list_(m.float32(), 3),
    "large_list": lambda m: m.large_list(m.int8()),
    "list_view": lambda m: m.list_view(m.int8()),
    "large_list_view": lambda m: m.large_list_view(m.string()),
    "map": lambda m: m.map_(m.string(), m.int32()),
    "map_sorted": lambda m: m.map_(m.int8(), m.list_(m.int8()), keys_sorted=True),
    "struct": lambda m: m.struct([("a", m.int8()), m.field("b", m.string(), nullable=False)]),
    "struct_dict": lambda m: m.struct({"x": m.float64(), "y": m.list_(m.int8())}),
    "struct_empty": lambda m: m.struct([]),
    "sparse_union": lambda m: m.sparse_union([m.field("a", m.int8()), m.field("b", m.string())]),
    "dense_union_codes": lambda m: m.dense_union([m.field("a", m.int8()), m.field("b", m.string())], [3, 7]),
    "union_mode": lambda m: m.union([m.field("a", m.int8())], "dense"),
    "dictionary": lambda m: m.dictionary(m.int16(), m.string()),
    "dictionary_ordered": lambda m: m.dictionary(m.uint8(), m.int64(), ordered=True),
    "run_end_encoded": lambda m: m.run_end_encoded(m.int32(), m.string()),
    "nested": lambda m: m.list_(m.struct([("k", m.map_(m.string(), m.list_(m.int64())))])),
}


@pytest.mark.parametrize("name", sorted(TYPES))
def test_str_and_repr_match_pyarrow(name):
    ours, theirs = TYPES[name](pa), TYPES[name](pyarrow)
    assert str(ours) == str(theirs)
    assert repr(ours) == repr(theirs)
    assert type(ours).__name__ == type(theirs).__name__


@pytest.mark.parametrize("name", sorted(TYPES))
def test_type_round_trips_through_the_capsule_protocol(name):
    ours, theirs = TYPES[name](pa), TYPES[name](pyarrow)
    assert pyarrow.field(ours).type == theirs  # pyarrow imports our __arrow_c_schema__
    imported = pa.field(theirs).type
    assert imported == ours and str(imported) == str(theirs)


@pytest.mark.parametrize("name", sorted(TYPES))
def test_equality_and_hash_are_consistent(name):
    first, second = TYPES[name](pa), TYPES[name](pa)
    assert first == second and first.equals(second)
    assert not first != second
    assert hash(first) == hash(second)


@pytest.mark.parametrize("name", sorted(TYPES))
def test_num_fields_num_buffers_and_widths_match_pyarrow(name):
    ours, theirs = TYPES[name](pa), TYPES[name](pyarrow)
    assert ours.id == theirs.id
    assert ours.num_fields == theirs.num_fields
    assert ours.num_buffers == theirs.num_buffers
    assert ours.has_variadic_buffers == theirs.has_variadic_buffers
    for attribute in ("bit_width", "byte_width"):
        try:
            expected = getattr(theirs, attribute)
        except ValueError as error:
            with pytest.raises(ValueError, match=str(error)):
                getattr(ours, attribute)
        else:
            assert getattr(ours, attribute) == expected


def test_different_types_are_not_equal():
    assert pa.int64() != pa.int32()
    assert pa.timestamp("s") != pa.timestamp("ms")
    assert pa.timestamp("s", "UTC") != pa.timestamp("s")
    assert pa.decimal128(10, 2) != pa.decimal128(10, 3)
    assert pa.struct([("a", pa.int8())]) != pa.struct([("b", pa.int8())])
    assert pa.list_(pa.int8(), 2) != pa.list_(pa.int8(), 3)
    assert pa.dictionary(pa.int8(), pa.string()) != pa.dictionary(pa.int8(), pa.string(), ordered=True)


def test_list_item_names_do_not_count_for_equality_like_pyarrow():
    assert pa.list_(pa.field("x", pa.int8())) == pa.list_(pa.int8())
    assert hash(pa.list_(pa.field("x", pa.int8()))) == hash(pa.list_(pa.int8()))


def test_types_compare_with_alias_strings():
    assert pa.int64() == "int64"
    assert pa.string() == "str"
    assert pa.timestamp("ms") == "timestamp[ms]"
    assert pa.int64() != "int32"
    assert pa.int64() != "no such type"
    assert pa.int64() != 5
    assert pa.int64().equals("int64")
    with pytest.raises(TypeError, match="DataType expected"):
        pa.int64().equals(5)


def test_type_for_alias_matches_pyarrow():
    aliases = ["null", "bool", "boolean", "i1", "int8", "i2", "int16", "i4", "int32", "i8", "int64", "u1",
               "uint8", "u2", "uint16", "u4", "uint32", "u8", "uint64", "f2", "halffloat", "float16", "f4",
               "float", "float32", "f8", "double", "float64", "string", "str", "utf8", "binary", "large_string",
               "large_str", "large_utf8", "large_binary", "binary_view", "string_view", "date32", "date64",
               "date32[day]", "date64[ms]", "time32[s]", "time32[ms]", "time64[us]", "time64[ns]",
               "timestamp[s]", "timestamp[ms]", "timestamp[us]", "timestamp[ns]", "duration[s]",
               "duration[ms]", "duration[us]", "duration[ns]", "month_day_nano_interval"]
    for alias in aliases:
        assert str(pa.type_for_alias(alias)) == str(pyarrow.type_for_alias(alias)), alias
    with pytest.raises(ValueError, match="No type alias for decimal128"):
        pa.type_for_alias("decimal128")
    with pytest.raises(ValueError, match="No type alias for time32\\[us\\]"):
        pa.type_for_alias("time32[us]")


def test_type_attributes():
    ts = pa.timestamp("ms", tz="UTC")
    assert (ts.unit, ts.tz) == ("ms", "UTC")
    assert pa.timestamp("ns").tz is None
    assert pa.time32("s").unit == "s" and pa.time64("ns").unit == "ns" and pa.duration("us").unit == "us"
    dec = pa.decimal256(40, 5)
    assert (dec.precision, dec.scale, dec.byte_width, dec.bit_width) == (40, 5, 32, 256)
    assert pa.binary(5).byte_width == 5
    lst = pa.list_(pa.field("v", pa.int8(), nullable=False))
    assert lst.value_type == pa.int8() and lst.value_field.name == "v" and not lst.value_field.nullable
    assert pa.list_(pa.int8(), 4).list_size == 4
    m = pa.map_(pa.string(), pa.int32(), keys_sorted=True)
    assert (m.key_type, m.item_type, m.keys_sorted) == (pa.string(), pa.int32(), True)
    assert m.key_field.name == "key" and not m.key_field.nullable and m.item_field.name == "value"
    st = pa.struct([("a", pa.int8()), ("b", pa.string()), ("a", pa.bool_())])
    assert st.names == ["a", "b", "a"] and len(st) == 3 and [f.name for f in st] == ["a", "b", "a"]
    assert st.field(1).type == pa.string() and st["b"].type == pa.string() and st[-1].type == pa.bool_()
    assert st.get_field_index("b") == 1 and st.get_field_index("zz") == -1
    assert st.get_all_field_indices("a") == [0, 2]
    un = pa.dense_union([pa.field("x", pa.int8()), pa.field("y", pa.string())], [5, 9])
    assert (un.mode, un.type_codes, un.num_fields) == ("dense", [5, 9], 2)
    assert pa.sparse_union([pa.field("x", pa.int8())]).mode == "sparse"
    assert isinstance(un, pa.UnionType) and isinstance(un, pa.DenseUnionType)
    d = pa.dictionary(pa.int8(), pa.string(), ordered=True)
    assert (d.index_type, d.value_type, d.ordered) == (pa.int8(), pa.string(), True)
    ree = pa.run_end_encoded(pa.int16(), pa.float64())
    assert (ree.run_end_type, ree.value_type) == (pa.int16(), pa.float64())
    assert isinstance(pa.decimal128(5), pa.FixedSizeBinaryType)


def test_extension_types_from_pyarrow_keep_name_storage_and_metadata():
    uuid = pa.field(pyarrow.uuid()).type
    assert isinstance(uuid, pa.BaseExtensionType)
    assert uuid.extension_name == "arrow.uuid"
    assert uuid.storage_type == pa.binary(16)
    assert str(uuid) == "extension<arrow.uuid>"
    assert pyarrow.field(uuid).type == pyarrow.uuid()


def test_timestamp_accepts_tzinfo_objects():
    assert pa.timestamp("s", datetime.timezone.utc).tz == "UTC"
    assert pa.timestamp("s", zoneinfo.ZoneInfo("America/New_York")).tz == "America/New_York"
    offset = datetime.timezone(datetime.timedelta(hours=-3, minutes=-30))
    assert pa.timestamp("s", offset).tz == "-03:30"
    with pytest.raises(TypeError, match="tz must be"):
        pa.timestamp("s", 5)


def test_type_predicates_match_pyarrow_types():
    import pyarrow.types as theirs

    names = [name for name in dir(theirs) if name.startswith("is_") and not name.endswith("_value")]
    assert set(names) <= set(pa.types.__all__)
    for type_name, make in TYPES.items():
        ours, expected = make(pa), make(pyarrow)
        for name in names:
            assert getattr(pa.types, name)(ours) == getattr(theirs, name)(expected), (type_name, name)
    assert pa.types.is_boolean_value(True) and not pa.types.is_integer_value(True)
    assert pa.types.is_integer_value(3) and pa.types.is_float_value(1.5)


def test_type_ids_match_pyarrow_constants():
    for name in dir(pyarrow.lib):
        if name.startswith("Type_"):
            assert getattr(pa._core, name) == getattr(pyarrow.lib, name), name


def test_to_pandas_dtype():
    import numpy as np

    assert pa.int8().to_pandas_dtype() is np.int8
    assert pa.float64().to_pandas_dtype() is np.float64
    assert pa.string().to_pandas_dtype() is np.object_
    assert pa.timestamp("ms").to_pandas_dtype() == np.dtype("datetime64[ms]")
    assert str(pa.timestamp("ms", "UTC").to_pandas_dtype()) == "datetime64[ms, UTC]"


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: pa.time32("us"), ValueError, "Invalid time unit for time32: 'us'"),
        (lambda: pa.time64("s"), ValueError, "Invalid time unit for time64: 's'"),
        (lambda: pa.timestamp("xx"), ValueError, "Invalid time unit: 'xx'"),
        (lambda: pa.duration("m"), ValueError, "Invalid time unit: 'm'"),
        (lambda: pa.decimal128(39), ValueError, "precision should be between 1 and 38"),
        (lambda: pa.decimal128(0), ValueError, "precision should be between 1 and 38"),
        (lambda: pa.decimal32(10), ValueError, "precision should be between 1 and 9"),
        (lambda: pa.decimal256(77), ValueError, "precision should be between 1 and 76"),
        (lambda: pa.dictionary(pa.string(), pa.int8()), TypeError, "dictionary index type should be integer"),
        (lambda: pa.run_end_encoded(pa.int8(), pa.int8()), ValueError, "run_end_type should be"),
        (lambda: pa.list_(5), TypeError, "List requires DataType or Field"),
        (lambda: pa.list_(pa.int8(), -3), ValueError, "list_size should be a positive integer"),
        (lambda: pa.binary(-2), pa.ArrowInvalid, "byte width"),
        (lambda: pa.binary(2**28), pa.ArrowInvalid, "byte width must be <= 268435455"),
        (lambda: pa.binary(2**31), OverflowError, "does not fit a 32-bit int"),
        (lambda: pa.map_(pa.field("k", pa.int8()), pa.int8()), TypeError, "Map key field should be non-nullable"),
        (lambda: pa.struct([1]), TypeError, "Cannot convert int to arrowpack.Field"),
        (lambda: pa.struct([(1, pa.int8())]), TypeError, "field name must be a str"),
        (lambda: pa.sparse_union([pa.field("a", pa.int8())], [5, 6]), ValueError, "same length as fields"),
        (lambda: pa.dense_union([pa.field("a", pa.int8()), pa.field("b", pa.int8())], [1, 1]), pa.ArrowInvalid,
         "used twice"),
        (lambda: pa.sparse_union([pa.field("a", pa.int8())], [200]), ValueError, "between 0 and 127"),
        (lambda: pa.union([pa.field("a", pa.int8())], "x"), ValueError, "Invalid union mode 'x'"),
        (lambda: pa.int64().field(0), IndexError, "index out of bounds"),
        (lambda: pa.struct([("a", pa.int8())]).field(3), IndexError, "index out of bounds"),
        (lambda: pa.struct([("a", pa.int8())]).field("z"), KeyError, "z"),
        (lambda: pa.string().bit_width, ValueError, "Non-fixed width type"),
        (lambda: pa.bool_().byte_width, ValueError, "Less than one byte"),
    ],
)
def test_factory_errors(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_lib_module_holds_the_classes_named_in_reprs():
    assert pa.lib.Int64Array is pa.Int64Array and pa.lib.ChunkedArray is pa.ChunkedArray
    assert pa.lib.Type_INT64 == pyarrow.lib.Type_INT64
