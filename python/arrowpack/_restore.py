"""Unpickling entry points for arrowpack objects.

Pickles name these functions by module and attribute (``arrowpack._restore.array``), so they must
keep their names. Each rebuilds an object from the state its ``__reduce__`` wrote (see
python/src/pickle_bindings.cc and buffer_bindings.cc); bad state raises ArrowInvalid or TypeError.
"""

from arrowpack import _core


def buffer(data):
    return _core.py_buffer(data)


def data_type(state):
    return _core._restore_type(state)


def field(state):
    return _core._restore_field(state)


def schema(state):
    return _core._restore_schema(state)


def array(type_state, state):
    return _core._restore_array(type_state, state)


def chunked_array(type_state, chunks):
    return _core._restore_chunked_array(type_state, chunks)


def record_batch(schema_state, num_rows, columns):
    return _core._restore_record_batch(schema_state, num_rows, columns)


def table(schema_state, num_rows, columns):
    return _core._restore_table(schema_state, num_rows, columns)


def tensor(type_state, data, shape, strides, dim_names):
    return _core._restore_tensor(type_state, data, shape, strides, dim_names)


def serialized_object(components):
    return _core.SerializedPyObject.from_components(components)
