"""Default serialization handlers for pandas DataFrame, Series and Index (no pickle anywhere).

pyarrow's 'pd.DataFrame' encoding was a dump of pandas' internal block manager with object
blocks and every Index pickled, which a safe reader cannot open; arrowpack uses its own ids and an
encoding made of natively serialized values:

- 'arrowpack.pd.DataFrame': ``{"columns": <index>, "index": <index>, "blocks": [(positions, <values>), ...]}``
  (written since the block-wise encoding; ``positions`` are the column positions of one pandas
  block, and a block of int/uint/float columns is one 2-D ``("numpy", ndarray)`` of shape
  (columns, rows), so all float columns travel as one tensor) or, as written before,
  ``{"columns": <index>, "index": <index>, "data": [<values>, ...]}`` (one entry per column; still read)
- 'arrowpack.pd.Series':    ``{"index": <index>, "name": name, "values": <values>}``
- 'arrowpack.pd.Index':     ``<index>``

where <index> is ``("range", start, stop, step, name)``, ``("multi", [<index>...], [codes...], names)``
or ``("index", <values>, name[, freq])``, and <values> is ``("numpy", ndarray)`` (numeric arrays travel
zero-copy), ``("categorical", codes, <index>, ordered)``, ``("datetimetz", int64 ndarray, unit, tz)``,
``("arrow_buffers", dtype name, Arrow type name, length, [uint8 ndarray or None, ...])`` (an Arrow-backed
array of a flat type - string, binary, bool, int, float - as its Arrow buffers, zero-copy both ways),
``("arrow", dtype name, Arrow array)`` (other dtypes pandas builds from Arrow: period, interval,
ArrowDtype of nested types, sliced arrays, ...) or ``("extension", dtype name, list of values)``.
In the two Arrow forms the dtype name of a ``pd.ArrowDtype`` is the tag "arrowpack.ArrowDtype"
(the dtype is ArrowDtype of the array's type): pandas cannot parse back the names of several of
them ("string[pyarrow]" names StringDtype, nested and decimal names do not parse). Blobs written
before the tag carry str(dtype) and read as before.
Errors: ValueError on an unknown encoding tag or an inconsistent payload (block shapes and
positions, Arrow buffer sizes and string offsets are checked; string bytes are not checked for
UTF-8).

pyarrow's own ids ('pd.DataFrame', 'pd.Series', 'pd.Index' and its pandas array ids) are registered
for reading only, as unpickling handlers: a context reads them only with allow_pickle=True.
"""

import functools
import pickle

# Arrow types whose arrays travel as ("arrow_buffers", ...): name -> (pyarrow factory, buffer count,
# offset width in bytes for binary-like types else 0).
_FLAT_ARROW_TYPES = {
    "string": ("string", 3, 4), "large_string": ("large_string", 3, 8),
    "binary": ("binary", 3, 4), "large_binary": ("large_binary", 3, 8), "bool": ("bool_", 2, 0),
    **{name: (name, 2, 0) for name in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")},
    "float": ("float32", 2, 0), "double": ("float64", 2, 0),
}
_TENSOR_KINDS = "iuf"  # numpy kinds the serializer writes as zero-copy tensors (in native byte order)
# The dtype name of a pd.ArrowDtype in the Arrow forms: the dtype is ArrowDtype(the array's type).
_ARROW_DTYPE_TAG = "arrowpack.ArrowDtype"


def _dtype_name(dtype):
    """The name pandas_dtype() turns back into `dtype`: StringDtype's str() is "string" whatever its
    storage, which would read back with the reader's default storage."""
    name = str(dtype)
    return f"string[{dtype.storage}]" if name == "string" and hasattr(dtype, "storage") else name


def _arrow_dtype_name(dtype, pd):
    """The dtype name of an Arrow-backed array: the tag for a pd.ArrowDtype, else _dtype_name."""
    arrow_dtype = getattr(pd, "ArrowDtype", None)  # pandas >= 1.5
    return _ARROW_DTYPE_TAG if arrow_dtype is not None and isinstance(dtype, arrow_dtype) else _dtype_name(dtype)


def _arrow_values(values, dtype, pd, np, to_arrow):
    try:
        array = values.__arrow_array__()
    except ImportError:  # pyarrow is not installed
        return None
    if hasattr(array, "num_chunks"):  # a ChunkedArray
        array = array.chunk(0) if array.num_chunks == 1 else array.combine_chunks()
    type_name = str(array.type)
    buffers = array.buffers()
    if type_name in _FLAT_ARROW_TYPES and array.offset == 0 and all(b is not None for b in buffers[1:]):
        # uint8 ndarrays travel as 64-byte aligned tensors: the reader gets aligned offsets and values
        buffers = [None if buffer is None else np.frombuffer(buffer, dtype=np.uint8) for buffer in buffers]
        return "arrow_buffers", _arrow_dtype_name(dtype, pd), type_name, len(array), buffers
    return None if to_arrow is None else ("arrow", _arrow_dtype_name(dtype, pd), to_arrow(array))


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
    encoded = None
    if hasattr(dtype, "__from_arrow__") and hasattr(values, "__arrow_array__"):
        encoded = _arrow_values(values, dtype, pd, np, to_arrow)
    return encoded or ("extension", _dtype_name(dtype), values.to_numpy(dtype=object, na_value=None).tolist())


def _arrow_from_buffers(type_name, length, buffers, np):
    """The pyarrow array of an ("arrow_buffers", ...) payload, after checking that its buffers
    hold `length` values (and, for strings and binaries, that the offsets stay inside the data)."""
    import pyarrow

    if not isinstance(type_name, str) or type_name not in _FLAT_ARROW_TYPES or not isinstance(length, int) \
            or length < 0 or not isinstance(buffers, list):
        raise ValueError(f"corrupt Arrow buffers payload: type {type_name!r}, length {length!r}")
    factory, count, offset_width = _FLAT_ARROW_TYPES[type_name]
    if len(buffers) != count or any(b is None for b in buffers[1:]):
        raise ValueError(f"corrupt Arrow buffers payload: {type_name} needs {count} buffers")
    array = pyarrow.Array.from_buffers(getattr(pyarrow, factory)(), length,
                                       [None if b is None else pyarrow.py_buffer(b) for b in buffers])
    array.validate()  # buffer sizes against the length
    if offset_width and length:
        offsets = np.frombuffer(buffers[1], dtype=np.int32 if offset_width == 4 else np.int64, count=length + 1)
        if offsets[0] < 0 or offsets[-1] > array.buffers()[2].size or (offsets[1:] < offsets[:-1]).any():
            raise ValueError(f"corrupt Arrow buffers payload: {type_name} offsets out of order or out of bounds")
    return array


@functools.lru_cache(maxsize=64)
def _pandas_dtype(name):
    """pandas' dtype of a dtype name (parsing "str" and the like costs more than the rest of a small column)."""
    import pandas

    return pandas.api.types.pandas_dtype(name)


def _from_arrow(dtype_name, array, pd, np):
    if dtype_name == _ARROW_DTYPE_TAG:
        return pd.ArrowDtype(array.type).__from_arrow__(array)
    dtype = _pandas_dtype(dtype_name)
    if isinstance(dtype, np.dtype):  # pandas < 3 reading pandas 3's "str"
        return np.array(array.to_pylist(), dtype=object)
    return dtype.__from_arrow__(array)


def _decode_values(data, pd, np):
    kind = data[0]
    if kind == "numpy":
        return data[1]
    if kind == "categorical":
        return pd.Categorical.from_codes(data[1], categories=_decode_index(data[2], pd, np), ordered=data[3])
    if kind == "datetimetz":
        naive = pd.DatetimeIndex(np.asarray(data[1], dtype=np.int64).view(f"M8[{data[2]}]"))
        return naive.tz_localize("UTC").tz_convert(data[3]).array
    if kind == "arrow_buffers":
        return _from_arrow(data[1], _arrow_from_buffers(data[2], data[3], data[4], np), pd, np)
    if kind == "arrow":
        import pyarrow  # pandas' Arrow-backed dtypes need it anyway

        return _from_arrow(data[1], data[2] if isinstance(data[2], pyarrow.Array) else pyarrow.array(data[2]), pd, np)
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


def _encode_blocks(frame, pd, np, to_arrow):
    """[(positions, <values>), ...] of the frame's pandas blocks (numeric blocks whole, as 2-D
    arrays; the others column by column), or None when pandas does not expose blocks."""
    blocks = getattr(getattr(frame, "_mgr", None), "blocks", None)
    if blocks is None:
        return None
    out = []
    for block in blocks:
        positions = block.mgr_locs.as_array.tolist()
        values = block.values
        if isinstance(values, np.ndarray) and values.ndim == 2 and values.dtype.kind in _TENSOR_KINDS \
                and values.dtype.isnative:
            out.append((positions, ("numpy", values)))
        elif getattr(values, "ndim", 1) == 1:
            out.append((positions, _encode_values(values, pd, np, to_arrow)))
        else:
            out.extend(([position], _encode_values(values[row], pd, np, to_arrow))
                       for row, position in enumerate(positions))
    return out


def _decode_blocks(blocks, columns, index, pd, np):
    """The DataFrame of [(positions, <values>), ...], after checking that the blocks cover every
    column once and have one value per row."""
    ncolumns, nrows = len(columns), len(index)
    seen = [False] * ncolumns
    decoded = []
    for positions, data in blocks:
        values = _decode_values(data, pd, np)
        if not (isinstance(values, np.ndarray) and values.ndim in (1, 2)
                or isinstance(values, pd.api.extensions.ExtensionArray)):
            raise ValueError(f"corrupt DataFrame payload: a block of {type(values).__name__} "
                             f"with {getattr(values, 'ndim', '?')} dimensions")
        two_d = isinstance(values, np.ndarray) and values.ndim == 2
        if two_d and (values.dtype.kind not in _TENSOR_KINDS or not values.dtype.isnative):
            raise ValueError(f"corrupt DataFrame payload: a 2-D block of dtype {values.dtype}")
        width, length = values.shape if two_d else (1, len(values))
        if length != nrows or not isinstance(positions, list) or len(positions) != width:
            raise ValueError("corrupt DataFrame payload: a block's shape does not match the axes")
        for position in positions:
            if not isinstance(position, int) or not 0 <= position < ncolumns or seen[position]:
                raise ValueError(f"corrupt DataFrame payload: column position {position!r}")
            seen[position] = True
        decoded.append((values, positions))
    if not all(seen):
        raise ValueError("corrupt DataFrame payload: columns without a block")
    return _frame_from_blocks(decoded, columns, index, pd, np)


def _frame_from_blocks(decoded, columns, index, pd, np):
    try:
        from pandas.api.internals import create_dataframe_from_blocks  # pandas >= 3
    except ImportError:
        arrays = [None] * len(columns)
        for values, positions in decoded:
            for row, position in enumerate(positions):
                arrays[position] = values[row] if isinstance(values, np.ndarray) and values.ndim == 2 else values
        return _frame(arrays, columns, index, pd)
    blocks = [(_block_values(values, pd, np), np.asarray(positions, dtype=np.intp)) for values, positions in decoded]
    return create_dataframe_from_blocks(blocks, index=index, columns=columns)


def _block_values(values, pd, np):
    """`values` as pandas stores a block: numeric 2-D arrays as they are, other numpy columns as
    a Series would hold them (pandas checks and normalises their dtype), extension arrays as they are."""
    if not isinstance(values, np.ndarray):
        return values
    if values.ndim == 2:
        return values
    if values.dtype.kind not in _TENSOR_KINDS or not values.dtype.isnative:
        values = pd.Series(values, dtype=values.dtype, copy=False)._values
    return values.reshape(1, -1) if isinstance(values, np.ndarray) else values


def _encode_index(index, pd, np, to_arrow=None):
    if isinstance(index, pd.RangeIndex):
        return "range", index.start, index.stop, index.step, index.name
    if isinstance(index, pd.MultiIndex):
        return ("multi", [_encode_index(level, pd, np, to_arrow) for level in index.levels],
                list(index.codes), list(index.names))
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
    """Registers the pandas handlers on ``context`` (if pandas is installed). Arrow-backed pandas
    arrays of flat types travel as their buffers; ``to_arrow(array)`` turns a pyarrow array of
    another type into an Arrow array the context serializes (arrowpack's context passes one;
    without it such arrays travel as lists of Python values)."""
    try:
        import numpy as np
        import pandas as pd
    except ImportError:
        return

    def serialize_frame(frame):
        encoded = {"columns": _encode_index(frame.columns, pd, np, to_arrow),
                   "index": _encode_index(frame.index, pd, np, to_arrow)}
        blocks = _encode_blocks(frame, pd, np, to_arrow)
        if blocks is None:
            blocks = [([i], _encode_values(frame.iloc[:, i].array, pd, np, to_arrow))
                      for i in range(frame.shape[1])]
        encoded["blocks"] = blocks
        return encoded

    def deserialize_frame(data):
        columns, index = _decode_index(data["columns"], pd, np), _decode_index(data["index"], pd, np)
        blocks = data["blocks"] if "blocks" in data else [([i], values) for i, values in enumerate(data["data"])]
        return _decode_blocks(blocks, columns, index, pd, np)

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
