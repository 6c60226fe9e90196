"""Default serialization handlers for pandas DataFrame, Series and Index (no pickle anywhere).

pyarrow's 'pd.DataFrame' encoding was a dump of pandas' internal block manager with object
blocks and every Index pickled, which a safe reader cannot open; arrowpack uses its own ids and a
column-wise encoding made of natively serialized values:

- 'arrowpack.pd.DataFrame': ``{"columns": <index>, "index": <index>, "data": [<values>, ...]}``
- 'arrowpack.pd.Series':    ``{"index": <index>, "name": name, "values": <values>}``
- 'arrowpack.pd.Index':     ``<index>``

where <index> is ``("range", start, stop, step, name)``, ``("multi", [<index>...], [codes...], names)``
or ``("index", <values>, name[, freq])``, and <values> is ``("numpy", ndarray)`` (numeric arrays travel
zero-copy), ``("categorical", codes, <index>, ordered)``, ``("datetimetz", int64 ndarray, unit, tz)``,
``("arrow", dtype name, Arrow array)`` (dtypes pandas builds from Arrow: str, Int64, boolean, period,
ArrowDtype, ...) or ``("extension", dtype name, list of values)``. Errors: ValueError on an unknown encoding tag.

pyarrow's own ids ('pd.DataFrame', 'pd.Series', 'pd.Index' and its pandas array ids) are registered
for reading only, as unpickling handlers: a context reads them only with allow_pickle=True.
"""

import pickle


def _encode_values(values, pd, np, to_arrow=None):
    if isinstance(values, np.ndarray):
        return "numpy", values
    if isinstance(values, pd.Categorical):
        return ("categorical", values.codes, _encode_index(values.categories, pd, np, to_arrow),
                bool(values.ordered))
    dtype = values.dtype
    if isinstance(dtype, np.dtype) or type(values).__name__ in ("NumpyExtensionArray", "PandasArray"):
        return "numpy", values.to_numpy()
    if isinstance(dtype, pd.DatetimeTZDtype):
        return "datetimetz", values.asi8, dtype.unit, str(dtype.tz)
    if to_arrow is not None and hasattr(dtype, "__from_arrow__") and hasattr(values, "__arrow_array__"):
        return "arrow", str(dtype), to_arrow(values)
    return "extension", str(dtype), values.to_numpy(dtype=object, na_value=None).tolist()


def _decode_values(data, pd, np):
    kind = data[0]
    if kind == "numpy":
        return data[1]
    if kind == "categorical":
        return pd.Categorical.from_codes(data[1], categories=_decode_index(data[2], pd, np), ordered=data[3])
    if kind == "datetimetz":
        naive = pd.DatetimeIndex(np.asarray(data[1], dtype=np.int64).view(f"M8[{data[2]}]"))
        return naive.tz_localize("UTC").tz_convert(data[3]).array
    if kind == "arrow":
        import pyarrow  # pandas' Arrow-backed dtypes need it anyway

        array = data[2] if isinstance(data[2], pyarrow.Array) else pyarrow.array(data[2])
        dtype = pd.api.types.pandas_dtype(data[1])
        if isinstance(dtype, np.dtype):  # pandas < 3 reading pandas 3's "str"
            return np.array(array.to_pylist(), dtype=object)
        return dtype.__from_arrow__(array)
    if kind == "extension":
        dtype = pd.api.types.pandas_dtype(data[1])
        if isinstance(dtype, np.dtype):  # pandas 3's "str" read by pandas < 3: numpy's str would turn None into "None"
            return np.array(data[2], dtype=object if dtype.kind in "OSU" else dtype)
        return pd.array(data[2], dtype=dtype)
    raise ValueError(f"unknown pandas values encoding {kind!r}")


def _frame(arrays, columns, index, pd):
    """A DataFrame of the column arrays (kept as they are: object stays object, no copy)."""
    if not arrays:
        frame = pd.DataFrame(index=index)
    else:
        frame = pd.DataFrame({i: pd.Series(a, index=index, dtype=a.dtype, copy=False) for i, a in enumerate(arrays)},
                             copy=False)
    frame.columns = columns
    return frame


def _encode_index(index, pd, np, to_arrow=None):
    if isinstance(index, pd.RangeIndex):
        return "range", index.start, index.stop, index.step, index.name
    if isinstance(index, pd.MultiIndex):
        return ("multi", [_encode_index(level, pd, np, to_arrow) for level in index.levels], list(index.codes),
                list(index.names))
    freq = getattr(index, "freqstr", None)
    return ("index", _encode_values(index.array, pd, np, to_arrow), index.name) + ((freq,) if freq else ())


def _decode_index(data, pd, np):
    kind = data[0]
    if kind == "range":
        return pd.RangeIndex(data[1], data[2], data[3], name=data[4])
    if kind == "multi":
        levels = [_decode_index(level, pd, np) for level in data[1]]
        return pd.MultiIndex(levels=levels, codes=data[2], names=data[3])
    if kind == "index":
        values = _decode_values(data[1], pd, np)
        index = pd.Index(values, name=data[2], dtype=values.dtype)
        return type(index)(index, freq=data[3]) if len(data) > 3 else index
    raise ValueError(f"unknown pandas index encoding {kind!r}")


def _legacy_unpickle(data):
    return pickle.loads(memoryview(data))


def _legacy_block_columns(block, pd, np):
    """The columns of one block of pyarrow's pd.DataFrame encoding, in placement order."""
    values = block["block"]
    if "object" in block:
        values = pickle.loads(values)
    if "dictionary" in block:
        return [pd.Categorical.from_codes(values, categories=block["dictionary"], ordered=block["ordered"])]
    if "timezone" in block:
        if isinstance(values, np.ndarray):  # pandas < 1.0 wrote the UTC values as datetime64
            values = pd.DatetimeIndex(values.reshape(-1)).tz_localize("UTC").tz_convert(block["timezone"]).array
        return [values.reshape(-1)]
    if getattr(values, "ndim", 1) == 1:
        return [values]
    return list(values)


def _register_legacy_readers(context, pd, np):
    def read_frame(data):
        columns, index = data["axes"]
        arrays = [None] * len(columns)
        for block in data["blocks"]:
            for position, column in zip(block["placement"], _legacy_block_columns(block, pd, np)):
                arrays[position] = column
        return _frame(arrays, columns, index, pd)

    def read_series(data):
        frame = read_frame(data)
        return frame[frame.columns[0]]

    readers = {"pd.DataFrame": read_frame, "pd.Series": read_series, "pd.Index": _legacy_unpickle,
               "pd.core.arrays.interval.IntervalArray": _legacy_unpickle,
               "pd.core.arrays.period.PeriodArray": _legacy_unpickle,
               "pd.core.arrays.datetimes.DatetimeArray": _legacy_unpickle}
    for type_id, reader in readers.items():
        context._register_unpickling_reader(type_id, reader)


def register(context, to_arrow=None):
    """Registers the pandas handlers on ``context`` (if pandas is installed). ``to_arrow(values)``
    turns an Arrow-backed pandas array into an Arrow array the context serializes (arrowpack's
    passes one; without it such arrays travel as lists of Python values)."""
    try:
        import numpy as np
        import pandas as pd
    except ImportError:
        return

    def serialize_frame(frame):
        return {"columns": _encode_index(frame.columns, pd, np, to_arrow),
                "index": _encode_index(frame.index, pd, np, to_arrow),
                "data": [_encode_values(frame.iloc[:, i].array, pd, np, to_arrow) for i in range(frame.shape[1])]}

    def deserialize_frame(data):
        arrays = [_decode_values(values, pd, np) for values in data["data"]]
        return _frame(arrays, _decode_index(data["columns"], pd, np), _decode_index(data["index"], pd, np), pd)

    def serialize_series(series):
        return {"index": _encode_index(series.index, pd, np, to_arrow), "name": series.name,
                "values": _encode_values(series.array, pd, np, to_arrow)}

    def deserialize_series(data):
        values = _decode_values(data["values"], pd, np)
        return pd.Series(values, index=_decode_index(data["index"], pd, np), name=data["name"], dtype=values.dtype,
                         copy=False)

    context.register_type(pd.DataFrame, "arrowpack.pd.DataFrame", custom_serializer=serialize_frame,
                          custom_deserializer=deserialize_frame)
    context.register_type(pd.Series, "arrowpack.pd.Series", custom_serializer=serialize_series,
                          custom_deserializer=deserialize_series)
    context.register_type(pd.Index, "arrowpack.pd.Index",
                          custom_serializer=lambda index: _encode_index(index, pd, np, to_arrow),
                          custom_deserializer=lambda data: _decode_index(data, pd, np))
    if hasattr(context, "_register_unpickling_reader"):  # arrowpack's context (this module also loads into pyarrow's)
        _register_legacy_readers(context, pd, np)
