"""SerializedPyObject and the module functions: buffers, sinks, sources, components, zero copy."""

import io

import numpy as np
import pytest

import arrowpack as pa
import serialize_corpus as corpus


def context():
    ctx = pa.default_serialization_context()
    corpus.register_custom_types(ctx)
    return ctx


def test_total_bytes_matches_to_buffer_and_write_to():
    value = {"a": np.arange(100.0), "b": [1, "x"], "c": pa.py_buffer(b"raw")}
    serialized = pa.serialize(value)
    buf = serialized.to_buffer()
    assert serialized.total_bytes == buf.size
    sink = pa.BufferOutputStream()
    serialized.write_to(sink)
    assert sink.getvalue().to_pybytes() == buf.to_pybytes()
    assert serialized.to_buffer(nthreads=4).to_pybytes() == buf.to_pybytes()


def test_deserialize_accepts_bytes_memoryview_and_buffer():
    buf = pa.serialize([1, np.arange(3)]).to_buffer()
    for source in (buf, buf.to_pybytes(), memoryview(buf)):
        result = pa.deserialize(source)
        assert result[0] == 1 and result[1].tolist() == [0, 1, 2]


def test_several_objects_in_one_file_read_back_in_turn(tmp_path):
    path = tmp_path / "many.bin"
    values = [corpus.exact_corpus(pa)[name] for name in ("dict", "array_strided", "empty_list", "point")]
    with pa.OSFile(str(path), "wb") as sink:
        for value in values:
            pa.serialize_to(value, sink, context=context())
    source = pa.memory_map(str(path))
    for value in values:
        assert corpus.same(pa.read_serialized(source).deserialize(context=context()), value)
    assert source.tell() == source.size()


def test_serialize_to_a_python_file_and_read_by_path(tmp_path):
    path = tmp_path / "one.bin"
    with open(path, "wb") as f:
        pa.serialize_to({"k": np.arange(4)}, f)
    assert pa.read_serialized(str(path)).deserialize()["k"].tolist() == [0, 1, 2, 3]
    with open(path, "rb") as f:
        assert pa.deserialize_from(f, None)["k"].tolist() == [0, 1, 2, 3]


def test_read_serialized_rejects_what_it_cannot_read():
    with pytest.raises(TypeError, match="Cannot read"):
        pa.read_serialized(12345)


def test_deserialize_takes_any_bytes_like_object_and_nothing_else():
    blob = pa.serialize({"k": [1, "x"], "a": np.arange(3)}).to_buffer()
    for source in (blob, blob.to_pybytes(), bytearray(blob.to_pybytes()), memoryview(blob.to_pybytes())):
        value = pa.deserialize(source)
        assert value["k"] == [1, "x"] and value["a"].tolist() == [0, 1, 2]
    with pytest.raises(TypeError):
        pa.deserialize(12345)
    with pytest.raises(TypeError):
        pa.deserialize("a str is not bytes")


def test_components_counts_and_zero_copy_bodies():
    arrays = [np.arange(1000.0) + i for i in range(3)]
    serialized = pa.serialize({"arrays": arrays, "buffer": pa.py_buffer(b"xyz")})
    components = serialized.to_components()
    assert (components["num_tensors"], components["num_ndarrays"], components["num_buffers"]) == (0, 3, 1)
    assert len(components["data"]) == 1 + 2 * 3 + 1
    addresses = {b.address for b in components["data"]}
    for a in arrays:
        assert a.__array_interface__["data"][0] in addresses  # the body is the array's own memory


def test_deserialized_arrays_keep_their_source_alive():
    buf = pa.serialize([np.arange(100000.0)]).to_buffer()
    result = pa.deserialize(buf)[0]
    del buf
    assert result[-1] == 99999.0


def test_read_serialized_keeps_base():
    buf = pa.serialize([1]).to_buffer()
    marker = object()
    assert pa.read_serialized(pa.BufferReader(buf), base=marker).base is marker


def test_write_to_a_plain_python_stream():
    stream = io.BytesIO()
    pa.serialize({"x": 1}).write_to(stream)
    assert pa.deserialize(stream.getvalue()) == {"x": 1}
