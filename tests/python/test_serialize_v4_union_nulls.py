"""Blobs in the pyarrow 0.16-0.17 layout whose Nones are null union slots (metadata V4, a union
validity bitmap; built by legacy_v4_blobs) deserialize with None in place; bad variants raise
ArrowInvalid, and the same bitmap under V5 metadata is refused."""

import pytest

import arrowpack as pa
import legacy_v4_blobs as legacy

VALUES = {
    "none": None,
    "list_of_none": [None],
    "mixed_list": [1, None, "a", None, 2.5, b"x", True],
    "tuple": (None, 2, None),
    "dict_values_and_keys": {"a": None, None: 1, "b": [None]},
    "set": {1, None, "s"},
    "nested": [[None], {"k": [None, None]}, (None,), [[None, [None]]]],
    "dict_in_dict": {"x": {"y": None, "z": (1, None)}},
    "only_nones": [None, None, None],
}


@pytest.mark.parametrize("name", sorted(VALUES))
def test_null_union_slots_read_as_none(name):
    value = VALUES[name]
    result = pa.deserialize(legacy.blob(value))
    assert result == value and type(result) is type(value)


def test_nones_keep_their_positions_in_containers():
    result = pa.deserialize(legacy.blob([None, (None, 1), {"k": None}]))
    assert result[0] is None and result[1][0] is None and result[2]["k"] is None


def test_same_bitmap_under_v5_metadata_is_refused():
    with pytest.raises(pa.ArrowInvalid, match="has null count 1 but the type has no validity bitmap"):
        pa.deserialize(legacy.blob([1, None], version=4))


@pytest.mark.parametrize("variant, match", [
    (dict(bitmap_bytes=0), "V4 union validity bitmap of 0 bytes is too short for 2 slots"),
    (dict(null_count_delta=1), "V4 union field node declares 2 nulls but its validity bitmap holds 1"),
    (dict(null_count_delta=5), "has invalid length 2 or null count 6"),
])
def test_bad_bitmaps_raise_arrow_invalid(variant, match):
    with pytest.raises(pa.ArrowInvalid, match=match):
        pa.deserialize(legacy.blob([1, None], **variant))


def test_every_truncation_raises_arrow_invalid():
    blob = legacy.blob([None, {"a": (None, 1)}])
    for size in range(len(blob) - 64):  # the trailing padding is not needed
        with pytest.raises(pa.ArrowInvalid):
            pa.deserialize(blob[:size])
