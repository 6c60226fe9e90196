"""arrowpack.ipc.StreamDecoder: a stream fed piece by piece (one byte at a time, random pieces,
over a real socket) decodes to the batches pyarrow reads; pieces are kept without copies unless
writable; malformed data raises ArrowInvalid and stops the decoder."""

import random
import socket
import threading

import pyarrow
import pytest

import arrowpack as pa


def sample_batches():
    dictionary = pyarrow.array(["u", "v", "w"])
    schema = pyarrow.schema([
        ("i", pyarrow.int64()),
        ("s", pyarrow.string()),
        ("l", pyarrow.list_(pyarrow.int32())),
        ("d", pyarrow.dictionary(pyarrow.int8(), pyarrow.string())),
    ], metadata={"origin": "pyarrow"})
    return [
        pyarrow.record_batch([
            pyarrow.array([start, None, start + 2]),
            pyarrow.array(["a" * start, None, "c"]),
            pyarrow.array([[start], None, []], pyarrow.list_(pyarrow.int32())),
            pyarrow.DictionaryArray.from_arrays(pyarrow.array([0, start % 3, None], pyarrow.int8()),
                                                dictionary),
        ], schema=schema)
        for start in range(4)
    ]


def pyarrow_stream(compression=None, legacy=False):
    batches = sample_batches()
    sink = pyarrow.BufferOutputStream()
    options = pyarrow.ipc.IpcWriteOptions(compression=compression, use_legacy_format=legacy)
    with pyarrow.ipc.new_stream(sink, batches[0].schema, options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return sink.getvalue().to_pybytes(), batches


def as_pyarrow(batches):
    return [pyarrow.record_batch(batch) for batch in batches]


@pytest.mark.parametrize("compression", [None, "lz4", "zstd"])
def test_one_byte_at_a_time(compression):
    data, expected = pyarrow_stream(compression)
    decoder = pa.ipc.StreamDecoder()
    assert decoder.schema is None and not decoder.finished
    assert decoder.next_required_size == 4
    decoded = []
    for offset in range(len(data)):
        decoded += decoder.consume(data[offset:offset + 1])
        assert decoder.next_required_size > 0 or offset == len(data) - 1
    assert decoder.finished and decoder.next_required_size == 0
    assert pyarrow.schema(decoder.schema).equals(expected[0].schema, check_metadata=True)
    assert as_pyarrow(decoded) == expected
    with pyarrow.ipc.open_stream(data) as reader:
        reader.read_all()
        assert tuple(decoder.stats) == tuple(reader.stats)
    assert decoder.stats.num_record_batches == 4


@pytest.mark.parametrize("legacy", [False, True])
def test_random_pieces_and_legacy_framing(legacy):
    data, expected = pyarrow_stream(legacy=legacy)
    rng = random.Random(7)
    for _ in range(20):
        decoder = pa.ipc.StreamDecoder(pa.ipc.IpcReadOptions(use_threads=False))
        decoded, offset = [], 0
        while offset < len(data):
            size = rng.randint(1, 300)
            decoded += decoder.consume(memoryview(data)[offset:offset + size])
            offset += size
        assert decoder.finished
        assert as_pyarrow(decoded) == expected


def test_arrowpack_written_stream_with_dictionary_delta():
    schema = pa.schema([pa.field("d", pa.dictionary(pa.int32(), pa.string()))])
    def encoded(indices, dictionary):
        array = pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(dictionary))
        return pa.record_batch([array], schema=schema)

    first = encoded([0, 1, 0], ["x", "y"])
    second = encoded([0, 1, 2], ["x", "y", "z"])
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(emit_dictionary_deltas=True)
    with pa.ipc.new_stream(sink, schema, options=options) as writer:
        writer.write_batch(first)
        writer.write_batch(second)
    decoder = pa.ipc.StreamDecoder()
    decoded = decoder.consume(sink.getvalue())
    assert [batch.column(0).to_pylist() for batch in decoded] == [["x", "y", "x"], ["x", "y", "z"]]
    assert decoder.stats.num_dictionary_deltas == 1 and decoder.finished


def test_read_only_pieces_are_not_copied():
    data, expected = pyarrow_stream()
    buf = pa.py_buffer(data)
    before = pa.total_allocated_bytes()
    decoder = pa.ipc.StreamDecoder()
    decoded = decoder.consume(buf)
    assert pa.total_allocated_bytes() == before
    values = decoded[0].column(0).buffers()[1]
    assert buf.address <= values.address < buf.address + buf.size
    assert as_pyarrow(decoded) == expected


def test_writable_pieces_are_copied():
    data, expected = pyarrow_stream()
    scratch = bytearray(data)
    decoder = pa.ipc.StreamDecoder()
    decoded = decoder.consume(scratch)
    scratch[:] = bytes(len(scratch))  # the caller reuses its receive buffer
    scratch.extend(b"more")  # and may resize it: the decoder holds no export
    assert as_pyarrow(decoded) == expected


def test_truncated_stream_waits_for_more():
    data, expected = pyarrow_stream()
    decoder = pa.ipc.StreamDecoder()
    decoded = decoder.consume(data[:-20])
    assert not decoder.finished and decoder.next_required_size > 0
    decoded += decoder.consume(data[-20:])
    assert decoder.finished and as_pyarrow(decoded) == expected


def test_garbage_raises_and_stops_the_decoder():
    decoder = pa.ipc.StreamDecoder()
    with pytest.raises(pa.ArrowInvalid, match="negative metadata length"):
        decoder.consume(b"\xff\xff\xff\xff\x00\x00\x00\x80")
    data, _ = pyarrow_stream()
    with pytest.raises(pa.ArrowInvalid, match="failed earlier"):
        decoder.consume(data)

    decoder = pa.ipc.StreamDecoder()
    with pytest.raises(pa.ArrowInvalid):
        decoder.consume(b"\xff\xff\xff\xff\x10\x00\x00\x00" + b"\x07" * 16)


def test_corrupt_body_raises():
    data, _ = pyarrow_stream()
    with pyarrow.ipc.open_stream(data) as reader:
        schema_size = len(reader.schema.serialize())
    corrupt = bytearray(data)
    corrupt[schema_size + 8:schema_size + 40] = b"\xee" * 32  # the first batch's metadata
    with pytest.raises(pa.ArrowInvalid):
        pa.ipc.StreamDecoder().consume(bytes(corrupt))


def test_data_after_end_of_stream_and_bad_arguments():
    data, _ = pyarrow_stream()
    decoder = pa.ipc.StreamDecoder()
    decoder.consume(data)
    with pytest.raises(pa.ArrowInvalid, match="after its end-of-stream"):
        decoder.consume(b"\x00")
    with pytest.raises(TypeError):
        pa.ipc.StreamDecoder().consume(17)
    with pytest.raises(TypeError):
        pa.ipc.StreamDecoder(options="fast")
    assert pa.ipc.StreamDecoder().consume(b"") == []


def test_over_a_socket():
    data, expected = pyarrow_stream("zstd")
    ours, theirs = socket.socketpair()

    def send():
        with theirs:
            for offset in range(0, len(data), 113):
                theirs.sendall(data[offset:offset + 113])

    sender = threading.Thread(target=send)
    sender.start()
    decoder = pa.ipc.StreamDecoder()
    decoded = []
    with ours:
        while not decoder.finished:
            piece = ours.recv(max(decoder.next_required_size, 1))
            assert piece, "the peer closed before the end-of-stream marker"
            decoded += decoder.consume(piece)
    sender.join()
    assert as_pyarrow(decoded) == expected


def test_copies_come_from_the_given_pool():
    data, expected = pyarrow_stream()
    # A pool other than the default (scripts/sanitize.sh makes the system pool the default).
    default_backend = pa.default_memory_pool().backend_name
    pool = next(p for p in (pa.system_memory_pool(), pa.mimalloc_memory_pool()) if p.backend_name != default_backend)
    before = pool.bytes_allocated()
    decoder = pa.ipc.StreamDecoder(memory_pool=pool)
    decoded = decoder.consume(bytearray(data))
    assert pool.bytes_allocated() >= before + len(data)
    assert as_pyarrow(decoded) == expected
    del decoded, decoder
    assert pool.bytes_allocated() == before


def test_properties_read_while_another_thread_consumes():
    data, expected = pyarrow_stream("lz4")
    decoder = pa.ipc.StreamDecoder()
    decoded = []
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            decoder.schema, decoder.next_required_size, decoder.finished, decoder.stats

    pollers = [threading.Thread(target=poll) for _ in range(2)]
    for poller in pollers:
        poller.start()
    try:
        for offset in range(len(data)):
            decoded += decoder.consume(data[offset:offset + 1])  # each piece is dropped once decoded
    finally:
        stop.set()
        for poller in pollers:
            poller.join()
    assert decoder.finished and as_pyarrow(decoded) == expected
