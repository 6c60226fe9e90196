"""Components as a msgpack header plus a list of frames (Dask's shape), and sending them over sockets.

``to_frames(components)`` turns the dict of ``SerializedPyObject.to_components()`` (``num_tensors``,
``num_ndarrays``, ``num_buffers``, ``num_sparse_tensors``, ``data``: a list of buffers) into
``(header, frames)``: ``header`` is msgpack bytes ``{"version", "counts", "frames": [{"size",
"raw_size", "compression", "check"}]}`` and ``frames`` are the data buffers themselves (no copy)
or, with ``compress="zstd"``, zstd-compressed copies of those that shrink. ``from_frames(header,
frames)`` checks the header against the frames and returns the components dict with Buffers
(zero-copy slices of uncompressed frames). Any object exporting the buffer protocol works as a
frame: bytes, memoryview, zmq.Frame, arrowpack.Buffer.

``send_frames(sock, header, frames)`` writes a 12-byte prefix, the header and every frame with
scatter-gather ``socket.sendmsg``; ``recv_frames(sock)`` reads them into one preallocated,
64-byte aligned arrowpack buffer with ``recv_into`` (frames start 8-byte aligned in it).

Errors: a header that is not ours or is corrupt, a frame count or size that disagrees with the
header, frames whose edge checksums do not match (out of order), and bad compressed data raise
ArrowInvalid; a header written by a newer version raises ArrowNotImplementedError; a connection
that closes in the middle of a message raises ArrowIOError.
"""

import struct
import zlib

import msgpack

from arrowpack._core import (
    ArrowInvalid,
    ArrowIOError,
    ArrowNotImplementedError,
    allocate_buffer,
    compress as _compress,
    decompress as _decompress,
    py_buffer,
)

__all__ = ["FRAMES_VERSION", "from_frames", "recv_frames", "send_frames", "to_frames"]

FRAMES_VERSION = 1
_COUNT_KEYS = ("num_tensors", "num_ndarrays", "num_buffers")
_CODECS = (None, "zstd")
_EDGE = 64  # bytes at each end of a frame covered by its check
_MAX_RATIO = 1 << 16  # largest raw_size / size accepted for a compressed frame
_PREFIX = struct.Struct("<4sQ")  # magic, header length
_MAGIC = b"APF1"
_IOV_MAX = 512


def _edge_check(view):
    """CRC32 of the first and last _EDGE bytes: O(1) per frame, catches frames swapped in transit."""
    if len(view) <= 2 * _EDGE:
        return zlib.crc32(view)
    return zlib.crc32(view[-_EDGE:], zlib.crc32(view[:_EDGE]))


def _byte_view(frame):
    try:
        view = memoryview(frame)
    except TypeError:
        raise TypeError(f"a frame must support the buffer protocol, not {type(frame).__name__}") from None
    return view.cast("B") if view.format != "B" or view.ndim != 1 else view


def to_frames(components, compress=None):
    """(header bytes, list of frames) for a components dict; see the module docstring."""
    if compress not in _CODECS:
        raise ValueError(f"compress must be None or 'zstd', not {compress!r}")
    try:
        counts = {key: int(components[key]) for key in _COUNT_KEYS}
        counts["num_sparse_tensors"] = dict(components["num_sparse_tensors"])
        data = list(components["data"])
    except KeyError as missing:
        raise ValueError(f"components lack the key {missing}") from None
    frames, descriptions = [], []
    for item in data:
        view = _byte_view(item)
        frame, codec = item, None
        if compress is not None and len(view) > 0:
            packed = _compress(view, codec=compress)
            if packed.size < len(view):
                frame, codec = packed, compress
        wire = _byte_view(frame)
        descriptions.append({"size": len(wire), "raw_size": len(view), "compression": codec,
                             "check": _edge_check(wire)})
        frames.append(frame)
    header = {"version": FRAMES_VERSION, "counts": counts, "frames": descriptions}
    return msgpack.packb(header, use_bin_type=True), frames


def _parse_header(header):
    try:
        parsed = msgpack.unpackb(bytes(header), raw=False, strict_map_key=False)
    except Exception as error:  # msgpack raises several unrelated classes
        raise ArrowInvalid(f"frames header is not valid msgpack: {error}") from None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("version"), int):
        raise ArrowInvalid("frames header is not an arrowpack frames header (no version)")
    if parsed["version"] > FRAMES_VERSION:
        raise ArrowNotImplementedError(
            f"frames header version {parsed['version']} is newer than this arrowpack reads "
            f"({FRAMES_VERSION}); upgrade arrowpack on the receiving side")
    if parsed["version"] < 1:
        raise ArrowInvalid(f"frames header has an invalid version {parsed['version']}")
    descriptions, counts = parsed.get("frames"), parsed.get("counts")
    if not isinstance(descriptions, list) or not isinstance(counts, dict):
        raise ArrowInvalid("frames header lacks 'frames' or 'counts'")
    for i, description in enumerate(descriptions):
        if not isinstance(description, dict):
            raise ArrowInvalid(f"frames header entry {i} is not a map")
        size, raw_size = description.get("size"), description.get("raw_size")
        if not (isinstance(size, int) and isinstance(raw_size, int) and size >= 0 and raw_size >= 0):
            raise ArrowInvalid(f"frames header entry {i} has invalid sizes")
        if description.get("compression") not in _CODECS:
            raise ArrowInvalid(f"frame {i} uses unknown compression {description.get('compression')!r}")
        if description.get("compression") is None and raw_size != size:
            raise ArrowInvalid(f"uncompressed frame {i} has size {size} but raw_size {raw_size}")
        if description.get("compression") is not None and raw_size > max(size, 1) * _MAX_RATIO:
            raise ArrowInvalid(f"compressed frame {i} claims an implausible size {raw_size}")
    for key in _COUNT_KEYS:
        if not isinstance(counts.get(key), int) or counts[key] < 0:
            raise ArrowInvalid(f"frames header has an invalid count {key}")
    if not isinstance(counts.get("num_sparse_tensors"), dict):
        raise ArrowInvalid("frames header has an invalid count num_sparse_tensors")
    return counts, descriptions


def from_frames(header, frames):
    """The components dict for (header, frames); see the module docstring for the errors."""
    counts, descriptions = _parse_header(header)
    frames = list(frames)
    if len(frames) != len(descriptions):
        raise ArrowInvalid(f"frames header describes {len(descriptions)} frames, got {len(frames)}")
    data = []
    for i, (frame, description) in enumerate(zip(frames, descriptions)):
        view = _byte_view(frame)
        if len(view) != description["size"]:
            raise ArrowInvalid(f"frame {i} has {len(view)} bytes, the header says {description['size']} "
                               "(truncated frame, or frames out of order)")
        if _edge_check(view) != description.get("check"):
            raise ArrowInvalid(f"frame {i} does not match its checksum (frames out of order or corrupt)")
        if description["compression"] is None:
            data.append(py_buffer(frame))
        else:
            data.append(_decompress(view, decompressed_size=description["raw_size"],
                                    codec=description["compression"]))
    components = dict(counts)
    components["data"] = data
    return components


def _send_all(sock, views):
    """sendmsg until every byte of `views` is out, at most _IOV_MAX buffers per call."""
    views = [v for v in views if len(v)]
    while views:
        sent = sock.sendmsg(views[:_IOV_MAX])
        while sent:
            if sent >= len(views[0]):
                sent -= len(views[0])
                views.pop(0)
            else:
                views[0] = views[0][sent:]
                sent = 0


def send_frames(sock, header, frames):
    """Sends the prefix, header and frames over a connected stream socket (scatter-gather)."""
    header = bytes(header)
    _send_all(sock, [memoryview(_PREFIX.pack(_MAGIC, len(header))), memoryview(header)]
              + [_byte_view(f) for f in frames])


def _recv_exactly(sock, view, what):
    received = 0
    while received < len(view):
        count = sock.recv_into(view[received:])
        if count == 0:
            raise ArrowIOError(f"connection closed after {received} of {len(view)} bytes of {what}")
        received += count


def recv_frames(sock, max_header_size=64 << 20, max_size=None):
    """(header, frames) of one message sent by send_frames; frames are slices of one new Buffer.

    The sizes come from the peer: `max_size` (bytes, None for no limit) caps what is allocated.
    """
    prefix = bytearray(_PREFIX.size)
    _recv_exactly(sock, memoryview(prefix), "the frames prefix")
    magic, header_size = _PREFIX.unpack(prefix)
    if magic != _MAGIC:
        raise ArrowInvalid(f"not an arrowpack frames message (magic {bytes(magic)!r})")
    if header_size > max_header_size:
        raise ArrowInvalid(f"frames header of {header_size} bytes exceeds max_header_size")
    header = bytearray(header_size)
    _recv_exactly(sock, memoryview(header), "the frames header")
    header = bytes(header)
    _, descriptions = _parse_header(header)
    offsets, total = [], 0
    for description in descriptions:
        offsets.append(total)
        total += (description["size"] + 7) & ~7
    if max_size is not None and total > max_size:
        raise ArrowInvalid(f"frames of {total} bytes exceed max_size {max_size}")
    block = allocate_buffer(total)
    view = memoryview(block)
    frames = []
    for i, (offset, description) in enumerate(zip(offsets, descriptions)):
        _recv_exactly(sock, view[offset:offset + description["size"]], f"frame {i}")
        frames.append(block.slice(offset, description["size"]))
    view.release()
    return header, frames
