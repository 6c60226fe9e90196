"""Serialized-object blobs in the pyarrow 0.16-0.17 layout, built by hand (pyarrow 0.17 does not
install on Python 3.11): 4 x int32 header, an IPC stream with metadata V4, tags one lower than
1.0's, no Null child, and None as a null slot of its union (validity bit 0, type code 0, offset 0).

pyarrow 26 writes the schema message and a record batch message of the right shape (it writes
V4 but cannot give a union a validity bitmap); the batch's field nodes, buffer specs and body are
then replaced by the ones encoded here. Only None, bool, int, bytes, str, float, list, tuple,
dict and set are encoded (no tensors or buffers).

    blob(value, ...)  -> bytes for pa.deserialize; keyword arguments make bad variants
    stream(value, ...) -> just the IPC stream
    stream_of_column(Column(...), ...) -> the stream of any column built by hand
"""

import struct

import numpy as np
import pyarrow

TAGS = {bool: 0, int: 1, bytes: 3, str: 4, float: 7, list: 9, dict: 10, tuple: 11, set: 12}


class Column:
    """One array: its type, length, null count and buffers (validity first, None when absent)."""

    def __init__(self, type_, length, buffers, children=(), null_count=0):
        self.type, self.length, self.buffers = type_, length, buffers
        self.children, self.null_count = list(children), null_count

    def to_pyarrow(self):
        """The array without union validity (pyarrow has none): it only shapes the messages."""
        if self.type == pyarrow.null():
            return pyarrow.nulls(self.length)
        buffers = [None if b is None else pyarrow.py_buffer(b) for b in self.buffers]
        if isinstance(self.type, pyarrow.UnionType):
            buffers[0] = None
        return pyarrow.Array.from_buffers(self.type, self.length, buffers,
                                          children=[c.to_pyarrow() for c in self.children])

    def preorder(self):
        yield self
        for child in self.children:
            yield from child.preorder()


def _offsets(sizes):
    return np.concatenate([[0], np.cumsum(sizes)]).astype(np.int32).tobytes()


def _child(tag, values):
    if tag == 0:
        return Column(pyarrow.bool_(), len(values), [None, np.packbits(values, bitorder="little").tobytes()])
    if tag == 1:
        return Column(pyarrow.int64(), len(values), [None, np.array(values, np.int64).tobytes()])
    if tag == 7:
        return Column(pyarrow.float64(), len(values), [None, np.array(values, np.float64).tobytes()])
    if tag in (3, 4):
        raw = [v.encode() if tag == 4 else v for v in values]
        return Column(pyarrow.utf8() if tag == 4 else pyarrow.binary(), len(values),
                      [None, _offsets([len(r) for r in raw]), b"".join(raw)])
    if tag == 10:
        sizes = [len(v) for v in values]
        keys = union([k for v in values for k in v])
        vals = union([x for v in values for x in v.values()])
        entries = Column(pyarrow.struct([pyarrow.field("keys", keys.type), pyarrow.field("vals", vals.type)]),
                         sum(sizes), [None], [keys, vals])
        return Column(pyarrow.list_(pyarrow.field("item", entries.type)), len(values), [None, _offsets(sizes)],
                      [entries])
    items = union([x for v in values for x in v])
    return Column(pyarrow.list_(pyarrow.field("item", items.type)), len(values),
                  [None, _offsets([len(v) for v in values])], [items])


def union(values):
    """The dense union of `values`: children in order of first appearance, None as a null slot."""
    tags, codes, offsets, valid, per_tag = [], [], [], [], {}
    for value in values:
        if value is None:
            codes.append(0), offsets.append(0), valid.append(0)
            continue
        tag = TAGS[type(value)]
        if tag not in per_tag:
            tags.append(tag)
            per_tag[tag] = []
        codes.append(tags.index(tag)), offsets.append(len(per_tag[tag])), valid.append(1)
        per_tag[tag].append(value)
    children = [_child(tag, per_tag[tag]) for tag in tags]
    type_ = pyarrow.dense_union([pyarrow.field(str(tag), c.type) for tag, c in zip(tags, children)])
    validity = np.packbits(valid, bitorder="little").tobytes() if 0 in valid else None
    return Column(type_, len(values), [validity, np.array(codes, np.int8).tobytes(),
                                       np.array(offsets, np.int32).tobytes()], children,
                  null_count=valid.count(0))


# --- a minimal flatbuffer reader, enough to patch scalars and struct vectors in place ---

def _table_field(buf, table, index):
    """Position of field `index` of the table at `table`, or None when absent."""
    vtable = table - struct.unpack_from("<i", buf, table)[0]
    vtable_size = struct.unpack_from("<H", buf, vtable)[0]
    if 4 + 2 * index >= vtable_size:
        return None
    offset = struct.unpack_from("<H", buf, vtable + 4 + 2 * index)[0]
    return table + offset if offset else None


def _deref(buf, position):
    return position + struct.unpack_from("<I", buf, position)[0]


def _messages(stream_bytes):
    """(start, metadata start, metadata length, body length) of each message before EOS."""
    out, position = [], 0
    while True:
        marker, length = struct.unpack_from("<Ii", stream_bytes, position)
        assert marker == 0xFFFFFFFF
        if length == 0:
            return out
        meta = position + 8
        root = _deref(stream_bytes, meta)
        body_field = _table_field(stream_bytes, root, 3)
        body_length = struct.unpack_from("<q", stream_bytes, body_field)[0] if body_field else 0
        out.append((position, meta, length, body_length))
        position = meta + length + body_length


def stream(value, **variant):
    """The IPC stream of `[value]` (see stream_of_column for `variant`)."""
    return stream_of_column(union([value]), **variant)


def stream_of_column(column, version=3, bitmap_bytes=None, null_count_delta=0):
    """The IPC stream of a batch with the one column "list". `version` patches the metadata
    version of both messages (3 is V4, 4 is V5); `bitmap_bytes` truncates every union validity
    bitmap to that many bytes; `null_count_delta` is added to every union null count."""
    batch = pyarrow.record_batch([column.to_pyarrow()], names=["list"])
    sink = pyarrow.BufferOutputStream()
    options = pyarrow.ipc.IpcWriteOptions(metadata_version=pyarrow.ipc.MetadataVersion.V4)
    with pyarrow.ipc.new_stream(sink, batch.schema, options=options) as writer:
        writer.write_batch(batch)
    raw = bytearray(sink.getvalue().to_pybytes())
    (_, schema_meta, _, _), (batch_start, batch_meta, batch_length, _) = _messages(raw)

    nodes, buffers = [], []
    for col in column.preorder():
        is_union = isinstance(col.type, pyarrow.UnionType)
        null_count = col.null_count + (null_count_delta if is_union and col.null_count else 0)
        nodes.append((col.length, null_count))
        if col.type == pyarrow.null():
            continue  # no buffers
        validity = col.buffers[0] or b""
        if is_union and bitmap_bytes is not None and col.null_count:
            validity = validity[:bitmap_bytes]
        buffers.extend([validity] + [b or b"" for b in col.buffers[1:]])
    body, specs = b"", []
    for data in buffers:
        specs.append((len(body), len(data)))
        body += data + b"\0" * (-len(data) % 8)

    root = _deref(raw, batch_meta)
    header = _deref(raw, _table_field(raw, root, 2))
    for field_index, values in ((1, nodes), (2, specs)):
        vector = _deref(raw, _table_field(raw, header, field_index))
        assert struct.unpack_from("<I", raw, vector)[0] == len(values)
        for i, pair in enumerate(values):
            struct.pack_into("<qq", raw, vector + 4 + 16 * i, *pair)
    struct.pack_into("<q", raw, _table_field(raw, root, 3), len(body))
    for meta in (schema_meta, batch_meta):
        struct.pack_into("<h", raw, _table_field(raw, _deref(raw, meta), 0), version)
    return bytes(raw[:batch_meta + batch_length]) + body + bytes.fromhex("ffffffff00000000")


def blob(value, **variant):
    """The serialized object `value` as pyarrow 0.16-0.17 wrote it."""
    ipc = stream(value, **variant)
    return struct.pack("<4i", 0, 0, 0, 0) + ipc + b"\0" * (-len(ipc) % 64)
