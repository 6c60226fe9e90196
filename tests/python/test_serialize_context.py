"""SerializationContext: pyarrow's registry semantics and arrowpack's pickle opt-in."""

import collections
import pickle

import numpy as np
import pytest

import arrowpack as pa


class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b


class PlainChild(Plain):
    pass


Named = collections.namedtuple("Named", ["x", "y"])


class Slotted:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


def roundtrip(value, context, reader=None):
    return (reader or context).deserialize(context.serialize(value).to_buffer())


def test_type_id_must_be_a_string():
    with pytest.raises(TypeError, match="string"):
        pa.SerializationContext().register_type(Plain, 42)


def test_plain_object_travels_as_its_dict_without_calling_init():
    context = pa.SerializationContext()
    context.register_type(Plain, "Plain")
    result = roundtrip(Plain(1, [np.arange(3)]), context)
    assert type(result) is Plain and result.a == 1
    np.testing.assert_array_equal(result.b[0], np.arange(3))


def test_registered_subclass_comes_back_as_the_base_class():
    context = pa.SerializationContext()
    context.register_type(Plain, "Plain")
    result = roundtrip(PlainChild(1, 2), context)
    assert type(result) is Plain and (result.a, result.b) == (1, 2)


def test_closest_class_in_the_mro_wins():
    context = pa.SerializationContext()
    context.register_type(Plain, "Plain")
    context.register_type(PlainChild, "PlainChild")
    assert type(roundtrip(PlainChild(1, 2), context)) is PlainChild
    assert type(roundtrip(Plain(1, 2), context)) is Plain


def test_registering_again_replaces_the_cached_lookup():
    context = pa.SerializationContext()
    context.register_type(Plain, "Plain")
    assert type(roundtrip(PlainChild(1, 2), context)) is Plain
    context.register_type(PlainChild, "PlainChild")
    assert type(roundtrip(PlainChild(1, 2), context)) is PlainChild


def test_namedtuple():
    context = pa.SerializationContext()
    context.register_type(Named, "Named")
    assert roundtrip(Named(1, "b"), context) == Named(1, "b")
    assert type(roundtrip(Named(1, "b"), context)) is Named


def test_custom_serializer_output_is_serialized_recursively():
    context = pa.SerializationContext()
    context.register_type(Plain, "Plain", custom_serializer=lambda p: [p.a, {"b": p.b}],
                          custom_deserializer=lambda d: Plain(d[0], d[1]["b"]))
    result = roundtrip(Plain(np.float16(2), (1, 2)), context)
    assert result.a == 2 and result.b == (1, 2)


def test_object_without_dict_or_handler():
    context = pa.SerializationContext()
    context.register_type(Slotted, "Slotted")
    with pytest.raises(pa.SerializationCallbackError, match="do not know how to serialize") as info:
        context.serialize(Slotted(1))
    assert type(info.value.example_object) is Slotted


def test_unregistered_type_raises_with_the_example_object():
    obj = Plain(1, 2)
    with pytest.raises(pa.SerializationCallbackError, match="Plain") as info:
        pa.SerializationContext().serialize([obj])
    assert info.value.example_object is obj
    assert isinstance(info.value, pa.ArrowSerializationError)


def test_unknown_type_id_names_it():
    writer = pa.SerializationContext()
    writer.register_type(Plain, "only.in.the.writer")
    buf = writer.serialize(Plain(1, 2)).to_buffer()
    with pytest.raises(pa.DeserializationCallbackError, match="only.in.the.writer") as info:
        pa.SerializationContext().deserialize(buf)
    assert info.value.type_id == "only.in.the.writer"


def test_pickle_needs_the_opt_in_on_the_reading_context():
    writer = pa.SerializationContext()
    writer.register_type(Plain, "Plain", pickle=True)
    buf = writer.serialize(Plain(1, 2)).to_buffer()
    with pytest.raises(pa.DeserializationCallbackError, match=r"allow_pickle=True") as info:
        writer.deserialize(buf)
    assert info.value.type_id == "Plain"
    reader = pa.SerializationContext(allow_pickle=True)
    result = reader.deserialize(buf)
    assert type(result) is Plain and (result.a, result.b) == (1, 2)


def test_pickled_dict_of_an_unregistered_id_is_refused_too():
    # A hand-made {"_pytype_", "pickle"} dict: the attack pyarrow's reader fell for.
    payload = {"_pytype_": "anything", "pickle": True, "data": pickle.dumps(Plain)}
    buf = pa.serialize(payload, context=pa.SerializationContext()).to_buffer()
    with pytest.raises(pa.DeserializationCallbackError, match="allow_pickle"):
        pa.deserialize(buf)


def test_default_context_opt_in():
    buf = pa.serialize(collections.OrderedDict).to_buffer()  # classes are "type": pickled, as in pyarrow
    with pytest.raises(pa.DeserializationCallbackError, match="allow_pickle"):
        pa.deserialize(buf)
    reader = pa.default_serialization_context(allow_pickle=True)
    assert pa.deserialize(buf, context=reader) is collections.OrderedDict


def test_set_pickle_replaces_the_pair():
    calls = []
    context = pa.SerializationContext(allow_pickle=True)
    context.register_type(Plain, "Plain", pickle=True)
    context.set_pickle(lambda obj: calls.append("dump") or pickle.dumps(obj),
                       lambda data: calls.append("load") or pickle.loads(data))
    assert roundtrip(Plain(3, 4), context).a == 3
    assert calls == ["dump", "load"]


def test_clone_is_independent_and_keeps_the_opt_in():
    context = pa.SerializationContext(allow_pickle=True)
    context.register_type(Plain, "Plain")
    copy = context.clone()
    copy.register_type(Named, "Named")
    assert copy.allow_pickle and "Named" not in context.whitelisted_types
    assert type(roundtrip(Plain(1, 2), copy)) is Plain
    with pytest.raises(pa.SerializationCallbackError):
        context.serialize(Named(1, 2))


def test_bytes_type_id_from_python_2_is_decoded():
    context = pa.SerializationContext()
    context.register_type(Named, "Named")
    buf = pa.serialize({"_pytype_": b"Named", "_pa_getnewargs_": (1, 2)}, context=context).to_buffer()
    assert context.deserialize(buf) == Named(1, 2)


def test_non_string_type_id_is_refused():
    buf = pa.serialize({"_pytype_": 5, "data": 1}, context=pa.SerializationContext()).to_buffer()
    with pytest.raises(pa.DeserializationCallbackError, match="not a string"):
        pa.deserialize(buf)


def test_failing_custom_serializer_propagates():
    def fail(obj):
        raise KeyError("boom")

    context = pa.SerializationContext()
    context.register_type(Plain, "Plain", custom_serializer=fail, custom_deserializer=lambda d: d)
    with pytest.raises(KeyError, match="boom"):
        context.serialize(Plain(1, 2))


def test_serialize_to_and_deserialize_components_methods(tmp_path):
    context = pa.SerializationContext()
    context.register_type(Plain, "Plain")
    path = tmp_path / "obj.bin"
    with pa.OSFile(str(path), "wb") as sink:
        context.serialize_to(Plain(1, np.ones(3)), sink)
    assert pa.deserialize_from(pa.memory_map(str(path)), None, context=context).a == 1
    components = context.serialize(Plain(5, 6)).to_components()
    assert context.deserialize_components(components).a == 5


def test_bare_context_keeps_pyarrow_native_encoding_of_numpy_scalars():
    assert type(roundtrip(np.float32(1.5), pa.SerializationContext())) is float
    assert type(roundtrip(np.float32(1.5), pa.default_serialization_context())) is np.float32


def test_big_int_needs_the_int_handler():
    with pytest.raises(pa.SerializationCallbackError):
        pa.SerializationContext().serialize(2**64)
    assert roundtrip(2**64, pa.default_serialization_context()) == 2**64
