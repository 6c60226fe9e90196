"""deserialize() of objects without tensors, ndarrays or buffers, which the binding reads in place
(serialize::ReadPlainObject into the thread's reusable reader): every kind of source, readers
reused across shapes, a nested deserialize from a callback, and the errors of the other path."""

import numpy as np
import pytest

import arrowpack as pa


def blob(value, context=None):
    return pa.serialize(value, context).to_buffer()


VALUE = {"id": 1, "name": "caf\u00e9", "tags": ["a", "b"], "pair": (1.5, None), "set": {3}, "ok": True,
         "raw": b"\x00\xff", "nested": {"k": [[], {}]}}


@pytest.mark.parametrize("kind", ["Buffer", "bytes", "bytearray", "memoryview", "ndarray"])
def test_every_source_kind_reads_the_same_value(kind):
    buf = blob(VALUE)
    source = {"Buffer": lambda: buf, "bytes": lambda: bytes(buf), "bytearray": lambda: bytearray(buf),
              "memoryview": lambda: memoryview(bytes(buf)),
              "ndarray": lambda: np.frombuffer(bytes(buf), dtype=np.uint8)}[kind]()
    for _ in range(3):  # first read caches the schema, later ones take the in-place path
        assert pa.deserialize(source) == VALUE


def test_reader_reused_across_shapes_keeps_values_apart():
    values = [VALUE, ["\u4e2d" * 3, "ascii"], (1,), {"deep": [[[[["x"]]]]]}, "caf\u00e9", 7, [], {}]
    buffers = [blob(v) for v in values]
    for _ in range(3):
        for value, buf in zip(values, buffers):
            out = pa.deserialize(buf)
            assert out == value
            assert type(out) is type(value)


class Box:
    def __init__(self, inner):
        self.inner = inner


def test_callback_may_deserialize_another_object():
    context = pa.SerializationContext()
    inner = blob({"inner": [1, 2, 3]})
    context.register_type(Box, "Box", custom_serializer=lambda box: {"blob": bytes(inner)},
                          custom_deserializer=lambda data: Box(pa.deserialize(data["blob"])))
    buf = blob({"box": Box(None), "after": ["x", "y"]}, context)
    for _ in range(3):
        out = pa.deserialize(buf, context)
        assert out["box"].inner == {"inner": [1, 2, 3]}
        assert out["after"] == ["x", "y"]


def test_sources_the_in_place_read_skips_keep_their_errors():
    buf = blob(VALUE)
    strided = memoryview(bytes(buf) * 2)[::2]
    with pytest.raises((TypeError, BufferError, ValueError)):
        pa.deserialize(strided)
    with pytest.raises(TypeError, match="bytes-like"):
        pa.deserialize(1)
    for size in (0, 8, 20, len(buf) // 2):
        with pytest.raises(pa.ArrowInvalid):
            pa.deserialize(bytes(buf)[:size])


def test_objects_with_arrays_are_still_zero_copy_views():
    array = np.arange(10.0)
    buf = blob({"a": array, "b": "text"})
    out = pa.deserialize(buf)
    np.testing.assert_array_equal(out["a"], array)
    assert not out["a"].flags.writeable
    assert out["b"] == "text"


def test_ints_in_lists_and_tuples_keep_their_values_and_neighbours():
    values = [[2**63 - 1, -2**63, 0, -5, 256, 257, 10**9, "s", None, 1.5, [1, 2]],
              ([7] * 60, 60), tuple(range(-3, 300)), [True, 1, False, 0]]
    for _ in range(2):
        for value in values:
            out = pa.deserialize(blob(value))
            assert out == value
            assert [type(x) for x in out] == [type(x) for x in value]


def outcome(source):
    try:
        return ("value", pa.deserialize(source))
    except Exception as error:  # noqa: BLE001 - the class and message are what is compared
        return (type(error), str(error))


def test_corrupted_batch_after_a_clean_one_of_its_schema_ends_as_after_another_schema():
    # A read remembers the last batch message of its schema; a corrupted one read right after a
    # clean one must end as it does when the last read was of another schema.
    clean = bytes(blob(([1, 2, 3, 10**12], 4)))
    other = blob({"other": "shape"})
    for pos in range(16, len(clean)):
        flipped = bytearray(clean)
        flipped[pos] ^= 0x40
        flipped = bytes(flipped)
        pa.deserialize(other)
        expected = outcome(flipped)
        pa.deserialize(clean)
        assert outcome(flipped) == expected, pos
