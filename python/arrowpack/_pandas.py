"""pandas <-> Arrow conversion, as pyarrow does it.

Arrow -> pandas: arrays become Series and tables DataFrames, built from ``to_numpy`` (zero-copy
for primitive columns without nulls), with categoricals for dictionaries, tz-aware datetimes,
``datetime.date`` objects for dates and Python objects for the rest. pandas metadata written by
``from_pandas`` (pyarrow's layout) restores the index.

pandas -> Arrow: each column goes through ``arrowpack.array`` (zero-copy for numpy numbers);
``from_pandas`` adds pyarrow's pandas metadata so the index survives the round trip (also through
pyarrow).
"""

import json

import numpy as np

from arrowpack import _core

def _pd():
    import pandas

    return pandas


# ---- Arrow -> pandas ---------------------------------------------------------------------------


def _values(arr, date_as_object=True, integer_object_nulls=False):
    """The numpy (or pandas) values of one array, ready to wrap in a Series."""
    pd = _pd()
    t = arr.type
    tid = t.id
    if tid == _core.Type_EXTENSION:
        return _values(arr.storage, date_as_object, integer_object_nulls)
    if tid == _core.Type_DICTIONARY:
        indices = arr.indices
        codes = indices.to_numpy(zero_copy_only=False)
        if indices.null_count:
            nulls = indices.is_null().to_numpy(zero_copy_only=False)
            codes = np.where(nulls, -1, np.nan_to_num(codes)).astype(np.int64)
        categories = pd.Index(_values(arr.dictionary, date_as_object))
        return pd.Categorical.from_codes(codes, categories=categories, ordered=t.ordered)
    if tid == _core.Type_TIMESTAMP and t.tz is not None:
        naive = arr.to_numpy(zero_copy_only=False)
        return pd.DatetimeIndex(naive).tz_localize("UTC").tz_convert(t.tz).array
    if tid in (_core.Type_DATE32, _core.Type_DATE64) and not date_as_object:
        return arr.to_numpy(zero_copy_only=False).astype("datetime64[ms]")
    if tid in (_core.Type_DATE32, _core.Type_DATE64) or (integer_object_nulls and arr.null_count and _is_integer(tid)):
        return _object_array(arr.to_pylist())
    if tid in _STRING_TYPES:
        return _strings(arr)
    return arr.to_numpy(zero_copy_only=False)


_STRING_TYPES = {_core.Type_STRING, _core.Type_LARGE_STRING, _core.Type_STRING_VIEW}


def _strings(arr):
    """pandas 3's default str dtype is Arrow-backed: hand it the Arrow data (zero-copy through
    pyarrow) instead of building Python strings; older pandas gets object arrays, like pyarrow."""
    pd = _pd()
    if int(pd.__version__.split(".")[0]) >= 3:
        dtype = pd.StringDtype(na_value=np.nan)
        if dtype.storage == "pyarrow":
            import pyarrow

            return dtype.__from_arrow__(pyarrow.array(arr))
    return arr.to_numpy(zero_copy_only=False)


def _is_integer(tid):
    return _core.Type_UINT8 <= tid <= _core.Type_INT64


def _object_array(values):
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _combined(chunked):
    return chunked.combine_chunks()


# pyarrow's other to_pandas() options; accepted so pyarrow code runs, without effect here.
_ACCEPTED_OPTIONS = {
    "memory_pool", "categories", "strings_to_categorical", "zero_copy_only", "timestamp_as_object",
    "use_threads", "deduplicate_objects", "safe", "split_blocks", "self_destruct", "maps_as_pydicts",
    "types_mapper", "coerce_temporal_nanoseconds",
}


def _check_options(options):
    unknown = set(options) - _ACCEPTED_OPTIONS
    if unknown:
        raise TypeError(f"to_pandas() got unexpected keyword arguments: {sorted(unknown)}")


def array_to_pandas(arr, date_as_object=True, integer_object_nulls=False, **options):
    """pyarrow's Array.to_pandas(): a Series of the values."""
    _check_options(options)
    return _pd().Series(_values(arr, date_as_object, integer_object_nulls), copy=False)


def chunked_array_to_pandas(chunked, **kwargs):
    return array_to_pandas(_combined(chunked), **kwargs)


def _index_from_metadata(schema, columns, num_rows):
    """(index, names of the columns that were the index) from pandas metadata, if any."""
    pd = _pd()
    meta = schema.pandas_metadata
    if not meta:
        return None, set()
    levels, used = [], set()
    for entry in meta.get("index_columns", []):
        if isinstance(entry, dict):
            if entry.get("kind") != "range":
                return None, set()
            start, stop, step = entry["start"], entry["stop"], entry["step"]
            index = pd.RangeIndex(start, stop, step, name=entry.get("name"))
            if len(index) != num_rows:
                index = pd.RangeIndex(num_rows, name=entry.get("name"))
            levels.append(index)
        elif entry in columns:
            values = columns[entry]
            name = None if entry.startswith("__index_level_") else entry
            levels.append(pd.Index(values, name=name))
            used.add(entry)
    if not levels:
        return None, set()
    if len(levels) == 1:
        return levels[0], used
    return pd.MultiIndex.from_arrays([list(level) for level in levels],
                                     names=[level.name for level in levels]), used


def _frame(names, arrays, schema, num_rows, kwargs):
    pd = _pd()
    ignore_metadata = kwargs.pop("ignore_metadata", False)
    columns = {}
    for name, arr in zip(names, arrays):
        columns[name] = array_to_pandas(arr, **kwargs)
    index, used = (None, set()) if ignore_metadata else _index_from_metadata(schema, columns, num_rows)
    data = {name: series for name, series in columns.items() if name not in used}
    frame = pd.DataFrame(data, copy=False) if data else pd.DataFrame(index=pd.RangeIndex(num_rows))
    if index is not None:
        frame.index = index
    return frame


def record_batch_to_pandas(batch, **kwargs):
    return _frame(batch.schema.names, batch.columns, batch.schema, batch.num_rows, kwargs)


def table_to_pandas(table, **kwargs):
    arrays = [_combined(column) for column in table.columns]
    return _frame(table.schema.names, arrays, table.schema, table.num_rows, kwargs)


# ---- pandas -> Arrow ---------------------------------------------------------------------------


def _pandas_type(arr_type, series):
    """pyarrow's "pandas_type" names for the metadata."""
    tid = arr_type.id
    names = {
        _core.Type_BOOL: "bool", _core.Type_STRING: "unicode", _core.Type_LARGE_STRING: "unicode",
        _core.Type_STRING_VIEW: "unicode", _core.Type_BINARY: "bytes", _core.Type_LARGE_BINARY: "bytes",
        _core.Type_DATE32: "date", _core.Type_DATE64: "date", _core.Type_DICTIONARY: "categorical",
        _core.Type_DECIMAL128: "decimal", _core.Type_DECIMAL256: "decimal", _core.Type_NA: "empty",
        _core.Type_TIME32: "time", _core.Type_TIME64: "time", _core.Type_DURATION: "timedelta",
    }
    if tid == _core.Type_TIMESTAMP:
        return "datetimetz" if arr_type.tz is not None else "datetime"
    if tid in names:
        return names[tid]
    if tid in (_core.Type_LIST, _core.Type_LARGE_LIST):
        return f"list[{_pandas_type(arr_type.value_type, None)}]"
    if tid == _core.Type_STRUCT:
        return "object"
    name = str(arr_type)
    return {"halffloat": "float16", "float": "float32", "double": "float64"}.get(name, name)


def _column_metadata(name, field_name, arr_type, numpy_type):
    meta = None
    if arr_type.id == _core.Type_TIMESTAMP and arr_type.tz is not None:
        meta = {"timezone": arr_type.tz}
    elif arr_type.id == _core.Type_DICTIONARY:
        meta = {"num_categories": None, "ordered": arr_type.ordered}
    return {"name": name, "field_name": field_name, "pandas_type": _pandas_type(arr_type, None),
            "numpy_type": numpy_type, "metadata": meta}


def _columns_and_metadata(df, schema, preserve_index, columns):
    pd = _pd()
    if columns is not None:
        df = df[list(columns)]
    names, arrays, column_meta = [], [], []
    for position, label in enumerate(df.columns):
        field_name = str(label)
        target = schema.field(field_name).type if schema is not None and field_name in schema.names else None
        series = df.iloc[:, position]
        arr = _core.array(series, type=target, from_pandas=True)
        names.append(field_name)
        arrays.append(arr)
        column_meta.append(_column_metadata(None if label is None else str(label), field_name, arr.type,
                                            str(series.dtype)))
    index_meta = []
    index = df.index
    keep_range = isinstance(index, pd.RangeIndex) and preserve_index is not True
    if preserve_index is False:
        pass
    elif keep_range:
        index_meta.append({"kind": "range", "name": index.name, "start": int(index.start),
                           "stop": int(index.stop), "step": int(index.step)})
    else:
        for level, level_index in enumerate(index.levels if isinstance(index, pd.MultiIndex) else [index]):
            values = index.get_level_values(level) if isinstance(index, pd.MultiIndex) else level_index
            field_name = values.name if isinstance(values.name, str) else f"__index_level_{level}__"
            arr = _core.array(values, from_pandas=True)
            names.append(field_name)
            arrays.append(arr)
            index_meta.append(field_name)
            column_meta.append(_column_metadata(values.name, field_name, arr.type, str(values.dtype)))
    metadata = {
        "index_columns": index_meta,
        "column_indexes": [{"name": None, "field_name": None, "pandas_type": "unicode", "numpy_type": "object",
                            "metadata": {"encoding": "UTF-8"}}],
        "columns": column_meta,
        "attributes": {},
        "creator": {"library": "arrowpack", "version": _version()},
        "pandas_version": pd.__version__,
    }
    return names, arrays, {b"pandas": json.dumps(metadata).encode()}


def _version():
    from arrowpack._version import __version__

    return __version__


def table_from_pandas(df, schema=None, preserve_index=None, columns=None):
    schema = None if schema is None else _core.schema(schema)
    names, arrays, metadata = _columns_and_metadata(df, schema, preserve_index, columns)
    if schema is not None and len(schema) == len(arrays):
        return _core.Table.from_arrays(arrays, schema=schema.with_metadata({**(schema.metadata or {}), **metadata}))
    return _core.Table.from_arrays(arrays, names=names, metadata=metadata)


def record_batch_from_pandas(df, schema=None, preserve_index=None, columns=None):
    schema = None if schema is None else _core.schema(schema)
    names, arrays, metadata = _columns_and_metadata(df, schema, preserve_index, columns)
    if schema is not None and len(schema) == len(arrays):
        return _core.RecordBatch.from_arrays(arrays,
                                             schema=schema.with_metadata({**(schema.metadata or {}), **metadata}))
    return _core.RecordBatch.from_arrays(arrays, names=names, metadata=metadata)
