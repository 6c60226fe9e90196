"""Dict keys on the way back (serialize_key_cache.h: short ASCII str keys are shared between
reads) and the argument checks of _core._deserialize_buffer, the call behind pa.deserialize."""

import pytest

import arrowpack as pa
from arrowpack import _core


def refuse(obj):
    raise AssertionError("callback called with %r" % (obj,))


def read_twice(value, callback=refuse):
    """pa.deserialize's result for the first and second read of value (the fast decoder reads a
    schema from its second occurrence on)."""
    buf = pa.serialize(value).to_buffer()
    return _core._deserialize_buffer(buf, callback), _core._deserialize_buffer(buf, callback)


KEYS = ["", "a", "_pytype", "_pytype_x", "x" * 31, "y" * 32, "z" * 33, "k\u00e9y", "\u4e2d", "ключ", "a\x00b"]


@pytest.mark.parametrize("key", KEYS, ids=repr)
def test_str_keys_of_every_length_and_alphabet_read_back(key):
    value = {key: 1, "other": {key: [key]}}
    for out in read_twice(value):
        assert out == value
        assert all(type(k) is str for k in out)


def test_non_str_keys_are_untouched():
    value = {b"_pytype_": 1, 1: "a", None: 2, (1, "b"): 3, 2.5: 4, "b": 5}
    for out in read_twice(value):
        assert out == value
        assert [type(k) for k in out] == [type(k) for k in value]


def test_more_distinct_keys_than_cache_slots_keep_their_values():
    value = {f"key{i}": i for i in range(3000)}
    for _ in range(3):
        assert pa.deserialize(pa.serialize(value).to_buffer()) == value
    swapped = {f"key{2999 - i}": i for i in range(3000)}
    assert pa.deserialize(pa.serialize(swapped).to_buffer()) == swapped


def test_records_read_again_are_equal_and_independent():
    record = {"id": 1, "name": "user", "tags": ["a", "bb"], "prefs": {"lang": "en"}}
    buf = pa.serialize(record).to_buffer()
    first = pa.deserialize(buf)
    first["prefs"]["lang"] = "de"
    first["new"] = 1
    assert pa.deserialize(buf) == record


@pytest.mark.parametrize("nested", [False, True])
def test_pytype_key_reaches_the_callback_after_cached_reads(nested):
    value = {"_pytype_": "t", "v": 1}
    if nested:
        value = {"outer": [value]}
    seen = []

    def callback(d):
        seen.append(dict(d))
        return "rebuilt"

    for out in read_twice(value, callback):
        assert out == ({"outer": ["rebuilt"]} if nested else "rebuilt")
    assert seen == [{"_pytype_": "t", "v": 1}] * 2


def test_pytype_dict_without_callback_is_invalid_on_every_read():
    buf = pa.serialize({"_pytype_": "x"}, pa.SerializationContext()).to_buffer()
    for _ in range(2):
        with pytest.raises(pa.ArrowInvalid, match="no deserialization callback"):
            _core._deserialize_buffer(buf, None)


@pytest.mark.parametrize(
    "args, kwargs, message",
    [((), {}, "missing required argument 'source'"), ((b"",), {}, "missing required argument 'callback'"),
     ((b"", None, None), {}, "at most 2 arguments"), ((b"",), {"source": b""}, "multiple values"),
     ((b"", None), {"context": None}, "unexpected keyword argument 'context'")])
def test_deserialize_buffer_checks_its_arguments(args, kwargs, message):
    with pytest.raises(TypeError, match=message):
        _core._deserialize_buffer(*args, **kwargs)


def test_deserialize_buffer_takes_keywords():
    buf = pa.serialize({"a": [1]}).to_buffer()
    assert _core._deserialize_buffer(source=buf, callback=None) == {"a": [1]}


def test_deserialize_buffer_errors_keep_their_classes():
    with pytest.raises(TypeError, match="bytes-like"):
        _core._deserialize_buffer(1, None)
    with pytest.raises(pa.ArrowInvalid, match="truncated"):
        _core._deserialize_buffer(b"\x00" * 3, None)
