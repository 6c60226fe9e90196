"""Reading a serialized object for `inspect` and `validate` without running any handler.

The native reader rebuilds containers, scalars and zero-copy arrays; every custom-type dict (one
holding "_pytype_") is replaced by an Opaque node instead of being handed to a deserializer, so
nothing found in the data (pickles included) is ever executed.
"""

import datetime

import numpy as np

import arrowpack as pa
from arrowpack._core import _read_serialized
from arrowpack.cli.tables import format_bytes

MAX_ITEMS = 10
MAX_TEXT = 40


class Opaque:
    """A custom-type value left as its type id and encoded fields."""

    def __init__(self, fields):
        self.type_id = fields.get("_pytype_")
        self.pickled = bool(fields.get("pickle"))
        self.fields = {key: value for key, value in fields.items() if key not in ("_pytype_", "pickle")}


def load(buffer):
    """(SerializedPyObject, the value with Opaque custom types); ArrowInvalid on bad bytes."""
    serialized = _read_serialized(pa.BufferReader(buffer), buffer)
    return serialized, serialized._deserialize(Opaque)


def short_text(value):
    text = repr(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 3] + "..."


def node_label(value):
    if isinstance(value, Opaque):
        return "custom type %r%s" % (value.type_id, " (pickled, not unpickled)" if value.pickled else "")
    if isinstance(value, np.ndarray):
        return "ndarray %s %s, %s" % (value.dtype, value.shape, format_bytes(value.nbytes))
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        return "%s of %d" % (type(value).__name__, len(value))
    if isinstance(value, (str, bytes)):
        return "%s of %d: %s" % (type(value).__name__, len(value), short_text(value))
    if isinstance(value, pa.Buffer):
        return "Buffer of %s" % format_bytes(value.size)
    if isinstance(value, pa.Tensor):
        return "Tensor %s %s" % (value.type, tuple(value.shape))
    if isinstance(value, datetime.datetime):
        return "datetime %s" % value.isoformat()
    if hasattr(value, "shape") and hasattr(value, "non_zero_length"):
        return "%s %s, %d non-zero" % (type(value).__name__, tuple(value.shape), value.non_zero_length)
    return "%s %s" % (type(value).__name__, short_text(value))


def children(value):
    """(label, child) pairs of a container or an Opaque's fields."""
    if isinstance(value, Opaque):
        return list(value.fields.items())
    if isinstance(value, dict):
        return [(short_text(key), item) for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return [("[%d]" % i, item) for i, item in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        return [("-", item) for item in value]
    return []


def tree_lines(value, label="value", indent=""):
    lines = ["%s%s: %s" % (indent, label, node_label(value))]
    items = children(value)
    for child_label, child in items[:MAX_ITEMS]:
        lines.extend(tree_lines(child, child_label, indent + "  "))
    if len(items) > MAX_ITEMS:
        lines.append("%s  ... %d more" % (indent, len(items) - MAX_ITEMS))
    return lines


def describe_serialized(buffer, out):
    serialized, value = load(buffer)
    components = serialized.to_components()
    sparse = components["num_sparse_tensors"]
    out.append("total bytes: %d" % serialized.total_bytes)
    out.append("tensors: %d, ndarrays: %d, buffers: %d, sparse tensors: %d" % (
        components["num_tensors"], components["num_ndarrays"], components["num_buffers"],
        sum(sparse[kind] for kind in ("coo", "csr", "csc", "csf"))))
    out.append("object tree:")
    out.extend("  " + line for line in tree_lines(value))


def validate_serialized(buffer):
    """A list with the problem found, or an empty list."""
    try:
        load(buffer)
    except pa.ArrowException as error:
        return [str(error)]
    return []
