"""The serialization examples of the pyarrow docs (seeds 000/001, In [34]-[49]) run unchanged."""

import numpy as np

import arrowpack as pa


def test_dict_of_100_arrays_to_buffer_and_back():
    # In [34]-[40]
    data = {i: np.random.randn(500, 500) for i in range(100)}
    buf = pa.serialize(data).to_buffer()
    assert type(buf) is pa.Buffer
    assert abs(buf.size - 200028928) < 4096
    restored_data = pa.deserialize(buf)
    assert list(restored_data) == list(range(100))
    for i in range(100):
        np.testing.assert_array_equal(restored_data[i], data[i])
    assert restored_data[0].dtype == np.float64 and restored_data[0].shape == (500, 500)


class MyData:
    def __init__(self, name, data):
        self.name = name
        self.data = data


def _serialize_MyData(val):
    return {'name': val.name, 'data': val.data}


def _deserialize_MyData(data):
    return MyData(data['name'], data['data'])


def test_custom_type_with_a_context():
    val = MyData("my name", np.arange(10))
    context = pa.SerializationContext()
    context.register_type(MyData, 'MyData',
                          custom_serializer=_serialize_MyData,
                          custom_deserializer=_deserialize_MyData)

    buf = pa.serialize(val, context=context).to_buffer()
    restored_val = pa.deserialize(buf, context=context)
    assert isinstance(restored_val, MyData) and restored_val.name == "my name"
    np.testing.assert_array_equal(restored_val.data, np.arange(10))

    buf = context.serialize(val).to_buffer()
    restored_val = context.deserialize(buf)
    assert isinstance(restored_val, MyData)
    np.testing.assert_array_equal(restored_val.data, np.arange(10))


def test_components_and_memoryviews():
    # In [41]-[49]
    data = [np.random.randn(10, 10) for i in range(5)]
    serialized = pa.serialize(data)
    components = serialized.to_components()
    assert isinstance(memoryview(components['data'][0]), memoryview)
    mv = memoryview(components['data'][0])
    buf = pa.py_buffer(mv)
    assert buf.to_pybytes() == components['data'][0].to_pybytes()
    restored_data = pa.deserialize_components(components)
    np.testing.assert_array_equal(restored_data[0], data[0])
    assert len(restored_data) == 5


def test_components_travel_as_memoryviews():
    data = [np.random.randn(10, 10) for i in range(5)]
    components = pa.serialize(data).to_components()
    as_views = dict(components, data=[pa.py_buffer(memoryview(b)) for b in components["data"]])
    restored = pa.deserialize_components(as_views)
    for got, want in zip(restored, data):
        np.testing.assert_array_equal(got, want)
