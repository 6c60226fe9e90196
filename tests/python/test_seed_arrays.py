"""The array and record batch examples of the "Streaming, Serialization, and IPC" page
(reference/seeds/000, In [1]-[5] and [13]), run as written with arrowpack in place of pyarrow.
In [6]-[13] through a real IPC stream are in test_seed_ipc.py."""

import arrowpack as pa


def make_batch():
    data = [
        pa.array([1, 2, 3, 4]),
        pa.array(["foo", "bar", "baz", None]),
        pa.array([True, None, False, True]),
    ]
    return pa.record_batch(data, names=["f0", "f1", "f2"])


def test_in_1_to_5_build_a_record_batch():
    batch = make_batch()
    assert batch.num_rows == 4
    assert batch.num_columns == 3
    assert str(batch.schema) == "f0: int64\nf1: string\nf2: bool"
    assert batch.to_pydict() == {"f0": [1, 2, 3, 4], "f1": ["foo", "bar", "baz", None],
                                 "f2": [True, None, False, True]}


def test_in_13_equal_batches_compare_equal():
    batches = [make_batch() for _ in range(5)]
    assert batches[0].equals(make_batch())
    assert not batches[0].equals(make_batch().slice(1))


def test_in_27_schema_passed_positionally_to_record_batch():
    schema = pa.schema([pa.field("nums", pa.int32())])
    batch = pa.record_batch([pa.array(range(10000), type=pa.int32())], schema)
    assert batch.schema == schema and batch.num_rows == 10000
    assert batch.column(0).to_pylist()[-1] == 9999
    assert pa.table([pa.array(range(3), type=pa.int32())], schema).schema == schema
