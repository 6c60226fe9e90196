"""Header + frames: components <-> (msgpack header, frames), per-frame zstd, scatter-gather sockets,
pyzmq multipart on a real socket pair, and clear errors for truncated, reordered, miscounted and
newer-version input."""

import socket
import threading

import msgpack
import numpy as np
import pytest

import arrowpack as pa
from arrowpack import frames


def make_components():
    """A components dict of the shape SerializedPyObject.to_components() returns."""
    compressible = np.zeros(100_000, dtype=np.float64)
    random = np.random.default_rng(0).integers(0, 255, 50_000, dtype=np.uint8)
    return {
        "num_tensors": 2,
        "num_ndarrays": 2,
        "num_buffers": 1,
        "num_sparse_tensors": {"coo": 0, "csr": 0, "csc": 0, "csf": 0, "ndim_csf": 0},
        "data": [pa.py_buffer(b"\xff\xff\xff\xffheader-message"), pa.py_buffer(compressible),
                 pa.py_buffer(random), pa.py_buffer(b"")],
    }


def assert_same_components(restored, components):
    for key in ("num_tensors", "num_ndarrays", "num_buffers", "num_sparse_tensors"):
        assert restored[key] == components[key]
    assert len(restored["data"]) == len(components["data"])
    for got, expected in zip(restored["data"], components["data"]):
        assert isinstance(got, pa.Buffer)
        assert got.equals(expected)


def test_round_trip_without_compression_is_zero_copy():
    components = make_components()
    header, wire = frames.to_frames(components)
    assert wire == components["data"]  # the very same buffers, no copy
    parsed = msgpack.unpackb(header)
    assert parsed["version"] == frames.FRAMES_VERSION
    assert [f["size"] for f in parsed["frames"]] == [b.size for b in components["data"]]
    restored = frames.from_frames(header, wire)
    assert_same_components(restored, components)
    assert restored["data"][1].address == components["data"][1].address


def test_zstd_compresses_only_frames_that_shrink():
    components = make_components()
    header, wire = frames.to_frames(components, compress="zstd")
    codecs = [f["compression"] for f in msgpack.unpackb(header)["frames"]]
    assert codecs == [None, "zstd", None, None]  # tiny, zeros, random bytes, empty
    assert len(memoryview(wire[1])) < 1000
    assert wire[2] is components["data"][2]
    assert_same_components(frames.from_frames(header, wire), components)


def test_frames_may_be_any_buffer_like_object():
    components = make_components()
    header, wire = frames.to_frames(components)
    as_bytes = [bytes(memoryview(f)) for f in wire]
    assert_same_components(frames.from_frames(header, as_bytes), components)


def test_scatter_gather_socket_round_trip_into_preallocated_buffers():
    components = make_components()
    header, wire = frames.to_frames(components, compress="zstd")
    left, right = socket.socketpair()
    with left, right:
        sender = threading.Thread(target=frames.send_frames, args=(left, header, wire))
        sender.start()
        got_header, got_frames = frames.recv_frames(right)
        sender.join()
    assert got_header == header
    assert all(f.address % 8 == 0 for f in got_frames)
    assert_same_components(frames.from_frames(got_header, got_frames), components)


def test_socket_carries_several_messages_back_to_back():
    components = make_components()
    header, wire = frames.to_frames(components)
    left, right = socket.socketpair()
    with left, right:
        sender = threading.Thread(target=lambda: [frames.send_frames(left, header, wire) for _ in range(3)])
        sender.start()
        received = [frames.recv_frames(right) for _ in range(3)]
        sender.join()
    for got_header, got_frames in received:
        assert_same_components(frames.from_frames(got_header, got_frames), components)


def test_connection_closed_mid_frame_raises_ioerror():
    components = make_components()
    header, wire = frames.to_frames(components)
    left, right = socket.socketpair()

    def send_two_of_four_frames_and_close():
        with left:
            frames.send_frames(left, header, wire[:2])

    with right:
        sender = threading.Thread(target=send_two_of_four_frames_and_close)
        sender.start()
        with pytest.raises(pa.ArrowIOError, match="connection closed after .* of frame 2"):
            frames.recv_frames(right)
        sender.join()


def test_socket_rejects_foreign_data_and_oversized_messages():
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"GET / HTTP/1.1\r\n\r\n")
        with pytest.raises(pa.ArrowInvalid, match="not an arrowpack frames message"):
            frames.recv_frames(right)
    header, wire = frames.to_frames(make_components())
    left, right = socket.socketpair()
    with left, right:
        frames.send_frames(left, header, [])  # the receiver stops at the header
        with pytest.raises(pa.ArrowInvalid, match="exceed max_size"):
            frames.recv_frames(right, max_size=1000)


def test_pyzmq_multipart_with_copy_false():
    zmq = pytest.importorskip("zmq")
    components = make_components()
    header, wire = frames.to_frames(components, compress="zstd")
    context = zmq.Context()
    try:
        push, pull = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
        port = pull.bind_to_random_port("tcp://127.0.0.1")
        push.connect(f"tcp://127.0.0.1:{port}")
        push.send_multipart([header, *wire], copy=False)
        parts = pull.recv_multipart(copy=False)
        restored = frames.from_frames(parts[0].buffer, [part.buffer for part in parts[1:]])
        assert_same_components(restored, components)
        push.close(linger=0)
        pull.close(linger=0)
        del parts, restored
    finally:
        context.term()


def test_truncated_frame_is_rejected():
    header, wire = frames.to_frames(make_components())
    wire[1] = memoryview(wire[1])[:-1]
    with pytest.raises(pa.ArrowInvalid, match="frame 1 has 799999 bytes, the header says 800000"):
        frames.from_frames(header, wire)


def test_wrong_frame_count_is_rejected():
    header, wire = frames.to_frames(make_components())
    with pytest.raises(pa.ArrowInvalid, match="describes 4 frames, got 3"):
        frames.from_frames(header, wire[:3])


def test_frames_out_of_order_are_rejected():
    components = make_components()
    components["data"] = [pa.py_buffer(b"a" * 100), pa.py_buffer(b"b" * 100)]
    header, wire = frames.to_frames(components)
    with pytest.raises(pa.ArrowInvalid, match="frame 0 does not match its checksum"):
        frames.from_frames(header, wire[::-1])


def test_header_from_a_newer_version_is_rejected():
    header, wire = frames.to_frames(make_components())
    newer = msgpack.unpackb(header)
    newer["version"] = frames.FRAMES_VERSION + 1
    with pytest.raises(pa.ArrowNotImplementedError, match="newer than this arrowpack reads"):
        frames.from_frames(msgpack.packb(newer), wire)


@pytest.mark.parametrize("mutate, message", [
    (lambda h: b"\xc1garbage", "not valid msgpack"),
    (lambda h: msgpack.packb([1, 2]), "no version"),
    (lambda h: {**h, "version": 0}, "invalid version"),
    (lambda h: {**h, "frames": None}, "lacks 'frames'"),
    (lambda h: {**h, "counts": {**h["counts"], "num_tensors": -1}}, "invalid count num_tensors"),
    (lambda h: {**h, "frames": [{**h["frames"][0], "compression": "snappy"}] + h["frames"][1:]},
     "unknown compression"),
    (lambda h: {**h, "frames": [{**h["frames"][0], "size": -5}] + h["frames"][1:]}, "invalid sizes"),
    (lambda h: {**h, "frames": [{**h["frames"][0], "raw_size": 1}] + h["frames"][1:]}, "raw_size"),
])
def test_corrupt_headers_are_rejected(mutate, message):
    header, wire = frames.to_frames(make_components())
    bad = mutate(msgpack.unpackb(header))
    with pytest.raises(pa.ArrowInvalid, match=message):
        frames.from_frames(bad if isinstance(bad, bytes) else msgpack.packb(bad), wire)


def test_implausible_decompressed_size_is_rejected_before_allocating():
    header, wire = frames.to_frames(make_components(), compress="zstd")
    bad = msgpack.unpackb(header)
    bad["frames"][1]["raw_size"] = 1 << 50
    with pytest.raises(pa.ArrowInvalid, match="implausible size"):
        frames.from_frames(msgpack.packb(bad), wire)


def test_bad_arguments():
    with pytest.raises(ValueError, match="compress must be"):
        frames.to_frames(make_components(), compress="lz4")
    with pytest.raises(ValueError, match="lack the key 'data'"):
        frames.to_frames({"num_tensors": 0, "num_ndarrays": 0, "num_buffers": 0, "num_sparse_tensors": {}})
    components = make_components()
    components["data"] = [object()]
    with pytest.raises(TypeError, match="buffer protocol"):
        frames.to_frames(components)
