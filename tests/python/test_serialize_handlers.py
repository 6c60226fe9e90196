"""The default handlers: every type of the corpus, pandas, scipy and arrowpack's classes round-trip
through arrowpack with the default context, keeping types, dtypes and time zones."""

import datetime

import numpy as np
import pandas as pd
import pytest
import scipy.sparse

import arrowpack as pa
import pandas_v1_blobs
import serialize_corpus as corpus


@pytest.fixture(scope="module")
def context():
    ctx = pa.default_serialization_context()
    corpus.register_custom_types(ctx)
    return ctx


def roundtrip(value, context):
    return pa.deserialize(pa.serialize(value, context=context).to_buffer(), context=context)


@pytest.mark.parametrize("name", sorted(corpus.exact_corpus(pa)))
def test_exact_corpus_roundtrip(name, context):
    value = corpus.exact_corpus(pa)[name]
    assert corpus.same(roundtrip(value, context), value)


@pytest.mark.parametrize("name", sorted(corpus.handler_only_corpus()))
def test_handler_types_keep_their_type(name, context):
    value = corpus.handler_only_corpus()[name]
    assert corpus.same(roundtrip(value, context), value)


def test_numeric_arrays_come_back_as_read_only_views(context):
    buf = pa.serialize({"a": np.arange(1000.0)}, context=context).to_buffer()
    result = pa.deserialize(buf, context=context)["a"]
    assert not result.flags.writeable
    address = result.__array_interface__["data"][0]
    assert buf.address <= address < buf.address + buf.size


def test_subclass_of_a_handled_type_comes_back_as_the_base(context):
    class MyDate(datetime.date):
        pass

    assert type(roundtrip(MyDate(2020, 1, 1), context)) is datetime.date


def test_unknown_time_zone_class_is_refused(context):
    class OddZone(datetime.tzinfo):
        def utcoffset(self, dt):
            return datetime.timedelta(hours=1)

    with pytest.raises(TypeError, match="time zone"):
        pa.serialize(datetime.datetime(2020, 1, 1, tzinfo=OddZone()), context=context)


def test_self_reference_raises_the_documented_error(context):
    value = []
    value.append(value)
    with pytest.raises(pa.ArrowNotImplementedError, match="maximum recursion depth"):
        pa.serialize(value, context=context)


def test_nesting_too_deep_raises_the_documented_error(context):
    value = {}
    for _ in range(200):
        value = {"k": value}
    with pytest.raises(pa.ArrowNotImplementedError, match="maximum recursion depth"):
        pa.serialize(value, context=context)


# -- pandas -----------------------------------------------------------------------------------------

def _frame():
    """Every kind of column pandas 3 holds, under a string index."""
    return pandas_v1_blobs.values()["mixed_frame"]


def test_dataframe_roundtrip(context):
    frame = _frame()
    result = roundtrip(frame, context)
    pd.testing.assert_frame_equal(result, frame)


def test_dataframe_numeric_columns_travel_as_ndarrays(context):
    frame = pd.DataFrame({"x": np.arange(100000.0)})
    serialized = pa.serialize(frame, context=context)
    components = serialized.to_components()
    assert components["num_ndarrays"] >= 1
    pd.testing.assert_frame_equal(pa.deserialize_components(components, context=context), frame)


@pytest.mark.parametrize("index", [
    pd.RangeIndex(5, 15, 2, name="r"),
    pd.MultiIndex.from_product([["a", "b"], [1, 2, 3]], names=["l", "n"])[:5],
    pd.DatetimeIndex(pd.date_range("2020", periods=5, tz="UTC"), name="when"),
    pd.Index([1.5, 2.5, 3.5, 4.5, 5.5]),
    pd.CategoricalIndex(list("abcab")),
])
def test_index_and_series_roundtrip(index, context):
    series = pd.Series(np.arange(len(index)), index=index, name=("tuple", "name"))
    pd.testing.assert_series_equal(roundtrip(series, context), series)
    pd.testing.assert_index_equal(roundtrip(index, context), index)


def test_string_columns_travel_as_arrow_data(context):
    frame = pd.DataFrame({"s": [f"row {i}" for i in range(1000)]})
    components = pa.serialize(frame, context=context).to_components()
    # The column and the column labels each travel as their Arrow offsets and data buffers (uint8
    # ndarrays; no validity bitmap without nulls), no Python str objects.
    assert components["num_ndarrays"] == 4
    assert components["num_buffers"] == 0
    pd.testing.assert_frame_equal(pa.deserialize_components(components, context=context), frame)


def test_dataframe_with_duplicate_and_non_string_column_labels(context):
    frame = pd.DataFrame([[1, 2, 3]], columns=["a", "a", 7])
    pd.testing.assert_frame_equal(roundtrip(frame, context), frame)


def test_empty_dataframe(context):
    frame = pd.DataFrame()
    pd.testing.assert_frame_equal(roundtrip(frame, context), frame)


# -- scipy ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [scipy.sparse.coo_matrix, scipy.sparse.csr_matrix, scipy.sparse.csc_matrix,
                                  scipy.sparse.coo_array, scipy.sparse.csr_array, scipy.sparse.csc_array])
def test_scipy_sparse_roundtrip(make, context):
    dense = np.array([[0, 1.5, 0], [2, 0, 0], [0, 0, 3]])
    matrix = make(dense)
    result = roundtrip(matrix, context)
    assert type(result) is type(matrix)
    np.testing.assert_array_equal(result.toarray(), dense)


# -- arrowpack classes ------------------------------------------------------------------------------

def test_arrow_array_batch_and_table(context):
    array = pa.array([1, None, 3])
    batch = pa.record_batch([array, pa.array(["a", "b", None])], names=["n", "s"])
    table = pa.Table.from_batches([batch, batch])
    result = roundtrip([array, batch, table], context)
    assert result[0].equals(array)
    assert result[1].equals(batch)
    assert result[2].equals(table)


def test_matrix_and_0d_arrays(context):
    value = [np.matrix([[1, 2]]), np.array(np.datetime64("2020-01-01", "D")), np.array("text")]
    result = roundtrip(value, context)
    assert type(result[0]) is np.matrix
    assert result[1].shape == () and result[1] == value[1]
    assert result[2].shape == () and result[2] == value[2]
