"""Type predicates with pyarrow.types' names: ``is_integer(t)``, ``is_list(t)``, ...

Each takes a DataType and answers from its ``id``; ``is_*_value`` take Python/numpy values.
"""

import numbers

import numpy as np

from arrowpack import _core as _c

_SIGNED = {_c.Type_INT8, _c.Type_INT16, _c.Type_INT32, _c.Type_INT64}
_UNSIGNED = {_c.Type_UINT8, _c.Type_UINT16, _c.Type_UINT32, _c.Type_UINT64}
_FLOATING = {_c.Type_HALF_FLOAT, _c.Type_FLOAT, _c.Type_DOUBLE}
_DECIMAL = {_c.Type_DECIMAL32, _c.Type_DECIMAL64, _c.Type_DECIMAL128, _c.Type_DECIMAL256}
_DATE = {_c.Type_DATE32, _c.Type_DATE64}
_TIME = {_c.Type_TIME32, _c.Type_TIME64}
_INTERVAL = {_c.Type_INTERVAL_MONTH_DAY_NANO}
_TEMPORAL = _DATE | _TIME | _INTERVAL | {_c.Type_TIMESTAMP, _c.Type_DURATION}
_PRIMITIVE = {_c.Type_BOOL} | _SIGNED | _UNSIGNED | _FLOATING | _TEMPORAL
_UNION = {_c.Type_SPARSE_UNION, _c.Type_DENSE_UNION}
_NESTED = _UNION | {
    _c.Type_LIST, _c.Type_LARGE_LIST, _c.Type_FIXED_SIZE_LIST, _c.Type_LIST_VIEW, _c.Type_LARGE_LIST_VIEW,
    _c.Type_STRUCT, _c.Type_MAP, _c.Type_RUN_END_ENCODED,
}


def _is(type_id):
    def predicate(t):
        return t.id == type_id

    return predicate


is_null = _is(_c.Type_NA)
is_boolean = _is(_c.Type_BOOL)
is_int8 = _is(_c.Type_INT8)
is_int16 = _is(_c.Type_INT16)
is_int32 = _is(_c.Type_INT32)
is_int64 = _is(_c.Type_INT64)
is_uint8 = _is(_c.Type_UINT8)
is_uint16 = _is(_c.Type_UINT16)
is_uint32 = _is(_c.Type_UINT32)
is_uint64 = _is(_c.Type_UINT64)
is_float16 = _is(_c.Type_HALF_FLOAT)
is_float32 = _is(_c.Type_FLOAT)
is_float64 = _is(_c.Type_DOUBLE)
is_list = _is(_c.Type_LIST)
is_large_list = _is(_c.Type_LARGE_LIST)
is_fixed_size_list = _is(_c.Type_FIXED_SIZE_LIST)
is_list_view = _is(_c.Type_LIST_VIEW)
is_large_list_view = _is(_c.Type_LARGE_LIST_VIEW)
is_struct = _is(_c.Type_STRUCT)
is_map = _is(_c.Type_MAP)
is_dictionary = _is(_c.Type_DICTIONARY)
is_run_end_encoded = _is(_c.Type_RUN_END_ENCODED)
is_timestamp = _is(_c.Type_TIMESTAMP)
is_duration = _is(_c.Type_DURATION)
is_time32 = _is(_c.Type_TIME32)
is_time64 = _is(_c.Type_TIME64)
is_date32 = _is(_c.Type_DATE32)
is_date64 = _is(_c.Type_DATE64)
is_binary = _is(_c.Type_BINARY)
is_large_binary = _is(_c.Type_LARGE_BINARY)
is_string = _is(_c.Type_STRING)
is_unicode = is_string
is_large_string = _is(_c.Type_LARGE_STRING)
is_large_unicode = is_large_string
is_binary_view = _is(_c.Type_BINARY_VIEW)
is_string_view = _is(_c.Type_STRING_VIEW)
is_fixed_size_binary = _is(_c.Type_FIXED_SIZE_BINARY)
is_decimal32 = _is(_c.Type_DECIMAL32)
is_decimal64 = _is(_c.Type_DECIMAL64)
is_decimal128 = _is(_c.Type_DECIMAL128)
is_decimal256 = _is(_c.Type_DECIMAL256)


def is_integer(t):
    return t.id in _SIGNED or t.id in _UNSIGNED


def is_signed_integer(t):
    return t.id in _SIGNED


def is_unsigned_integer(t):
    return t.id in _UNSIGNED


def is_floating(t):
    return t.id in _FLOATING


def is_decimal(t):
    return t.id in _DECIMAL


def is_date(t):
    return t.id in _DATE


def is_time(t):
    return t.id in _TIME


def is_interval(t):
    return t.id in _INTERVAL


def is_temporal(t):
    return t.id in _TEMPORAL


def is_primitive(t):
    return t.id in _PRIMITIVE


def is_union(t):
    return t.id in _UNION


def is_nested(t):
    return t.id in _NESTED


def is_boolean_value(obj):
    return isinstance(obj, (bool, np.bool_))


def is_integer_value(obj):
    return isinstance(obj, (numbers.Integral, np.integer)) and not is_boolean_value(obj)


def is_float_value(obj):
    return isinstance(obj, (float, np.floating))


__all__ = sorted(name for name in list(globals()) if name.startswith("is_"))
