"""Default serialization handlers for standard-library and numpy types.

Owns the type ids and encodings of: pyarrow's handlers for int, function, type, np.matrix,
np.array and the collections types (same ids and encodings, so pyarrow 1.0-11 reads them), and the
handlers for what pyarrow lost: numpy scalars keeping their dtype, tz-aware datetimes, date, time,
timedelta, Decimal, complex, frozenset, UUID, bytearray. Every encoding is made of natively
serialized values (ints, floats, strings, bytes, tuples, lists, ndarrays), so pyarrow 1.0-11 reads
it once these handlers are registered on its context (this file imports nothing from arrowpack for
that reason: `register(context)` works on a pyarrow SerializationContext too).

Errors: deserializers raise ValueError/TypeError on malformed data; an ndarray descr naming an
object dtype in the raw-bytes path is refused (viewing bytes as object pointers would crash).
"""

import collections
import datetime
import decimal
import uuid
import zoneinfo

import numpy as np
import numpy.lib.format as _npformat

# Stable type ids of the handlers added by arrowpack (documented in docs/serialization.md).
NUMPY_SCALAR_ID = "numpy.scalar"
DATETIME_ID = "datetime.datetime"
DATE_ID = "datetime.date"
TIME_ID = "datetime.time"
TIMEDELTA_ID = "datetime.timedelta"
DECIMAL_ID = "decimal.Decimal"
COMPLEX_ID = "complex"
FROZENSET_ID = "frozenset"
UUID_ID = "uuid.UUID"
BYTEARRAY_ID = "bytearray"


def _checked_dtype(descr):
    dtype = _npformat.descr_to_dtype(descr if isinstance(descr, str) else list(map(tuple, descr)))
    if dtype.hasobject:
        raise ValueError(f"refusing to view raw bytes as the object dtype {descr!r}")
    return dtype


# -- numpy arrays (pyarrow's 'np.array' and 'np.matrix') ------------------------------------------

def _serialize_ndarray(obj):
    if obj.dtype.hasobject:
        return obj.tolist(), _npformat.dtype_to_descr(obj.dtype)
    descr = _npformat.dtype_to_descr(obj.dtype)
    if obj.ndim == 0:  # a 0-d array cannot change its itemsize: travel as 1 item plus the shape
        return np.ascontiguousarray(obj.reshape(1)).view(np.uint8), descr, ()
    return np.ascontiguousarray(obj).view(np.uint8), descr


def _deserialize_ndarray(data):
    if data[1] == "|O":
        return np.array(data[0], dtype=object)
    raw = data[0]
    if not isinstance(raw, np.ndarray) or raw.dtype != np.uint8:
        raise TypeError("np.array payload: expected a uint8 ndarray")
    result = raw.view(_checked_dtype(data[1]))
    if len(data) > 2:
        result = result.reshape(tuple(data[2]))
    return result


def _serialize_matrix(obj):
    return _serialize_ndarray(np.asarray(obj))


def _deserialize_matrix(data):
    return np.asmatrix(_deserialize_ndarray(data))


# -- numpy scalars ----------------------------------------------------------------------------------

def _serialize_numpy_scalar(obj):
    return _npformat.dtype_to_descr(obj.dtype), obj.tobytes()


def _deserialize_numpy_scalar(data):
    descr, raw = data
    dtype = _checked_dtype(descr)
    if len(raw) != dtype.itemsize:
        raise ValueError(f"numpy scalar of dtype {dtype} needs {dtype.itemsize} bytes, got {len(raw)}")
    return np.frombuffer(raw, dtype=dtype)[0]


def _numpy_scalar_types():
    return sorted({t for t in np.sctypeDict.values() if t is not np.object_}, key=lambda t: t.__name__)


# -- datetime types ---------------------------------------------------------------------------------

def _tz_to_data(tz):
    if tz is None:
        return None
    if isinstance(tz, zoneinfo.ZoneInfo) and tz.key is not None:
        return "zoneinfo", tz.key
    if isinstance(tz, datetime.timezone):
        offset = tz.utcoffset(None)
        return "fixed", offset.days, offset.seconds, offset.microseconds, tz.tzname(None)
    zone = getattr(tz, "zone", None)  # pytz
    if isinstance(zone, str):
        return "zoneinfo", zone
    raise TypeError(f"cannot serialize the time zone {tz!r} ({type(tz).__name__}); use "
                    "zoneinfo.ZoneInfo or datetime.timezone, or register a handler")


def _tz_from_data(data):
    if data is None:
        return None
    if data[0] == "zoneinfo":
        return zoneinfo.ZoneInfo(data[1])
    if data[0] == "fixed":
        return datetime.timezone(datetime.timedelta(data[1], data[2], data[3]), data[4])
    raise ValueError(f"unknown time zone encoding {data[0]!r}")


def _serialize_datetime(obj):
    return (obj.year, obj.month, obj.day, obj.hour, obj.minute, obj.second, obj.microsecond,
            obj.fold, _tz_to_data(obj.tzinfo))


def _deserialize_datetime(data):
    *fields, fold, tz = data
    return datetime.datetime(*fields, tzinfo=_tz_from_data(tz), fold=fold)


def _serialize_time(obj):
    return obj.hour, obj.minute, obj.second, obj.microsecond, obj.fold, _tz_to_data(obj.tzinfo)


def _deserialize_time(data):
    *fields, fold, tz = data
    return datetime.time(*fields, tzinfo=_tz_from_data(tz), fold=fold)


# -- collections (pyarrow's encodings) ---------------------------------------------------------------

def _keys_values(obj):
    return list(obj.keys()), list(obj.values())


def _deserialize_default_dict(data):
    return collections.defaultdict(data[2], zip(data[0], data[1]))


def register(context):
    """Registers this module's handlers on ``context`` (arrowpack's or pyarrow's)."""
    reg = context.register_type
    # pyarrow's ids and encodings.
    reg(int, "int", custom_serializer=str, custom_deserializer=int)
    reg(type(lambda: 0), "function", pickle=True)
    reg(type, "type", pickle=True)
    reg(np.matrix, "np.matrix", custom_serializer=_serialize_matrix, custom_deserializer=_deserialize_matrix)
    reg(np.ndarray, "np.array", custom_serializer=_serialize_ndarray, custom_deserializer=_deserialize_ndarray)
    reg(collections.deque, "collections.deque", custom_serializer=list, custom_deserializer=collections.deque)
    reg(collections.OrderedDict, "collections.OrderedDict", custom_serializer=_keys_values,
        custom_deserializer=lambda data: collections.OrderedDict(zip(data[0], data[1])))
    reg(collections.defaultdict, "collections.defaultdict",
        custom_serializer=lambda obj: (*_keys_values(obj), obj.default_factory),
        custom_deserializer=_deserialize_default_dict)
    reg(collections.Counter, "collections.Counter", custom_serializer=_keys_values,
        custom_deserializer=lambda data: collections.Counter(dict(zip(data[0], data[1]))))
    # arrowpack's additions: types pyarrow's native encoding lost or did not know.
    for scalar_type in _numpy_scalar_types():
        reg(scalar_type, NUMPY_SCALAR_ID, custom_serializer=_serialize_numpy_scalar,
            custom_deserializer=_deserialize_numpy_scalar)
    reg(datetime.datetime, DATETIME_ID, custom_serializer=_serialize_datetime,
        custom_deserializer=_deserialize_datetime)
    reg(datetime.date, DATE_ID, custom_serializer=lambda d: (d.year, d.month, d.day),
        custom_deserializer=lambda data: datetime.date(*data))
    reg(datetime.time, TIME_ID, custom_serializer=_serialize_time, custom_deserializer=_deserialize_time)
    reg(datetime.timedelta, TIMEDELTA_ID, custom_serializer=lambda d: (d.days, d.seconds, d.microseconds),
        custom_deserializer=lambda data: datetime.timedelta(*data))
    reg(decimal.Decimal, DECIMAL_ID, custom_serializer=str, custom_deserializer=decimal.Decimal)
    reg(complex, COMPLEX_ID, custom_serializer=lambda c: (c.real, c.imag),
        custom_deserializer=lambda data: complex(*data))
    reg(frozenset, FROZENSET_ID, custom_serializer=list, custom_deserializer=frozenset)
    reg(uuid.UUID, UUID_ID, custom_serializer=lambda u: u.bytes,
        custom_deserializer=lambda data: uuid.UUID(bytes=data))
    reg(bytearray, BYTEARRAY_ID, custom_serializer=bytes, custom_deserializer=bytearray)
