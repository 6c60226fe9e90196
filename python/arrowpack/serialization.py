"""pyarrow's removed object serialization API (pyarrow 1.0-11 names and behaviour).

``serialize`` / ``deserialize`` and friends turn Python object graphs into the legacy object
format (see docs/serialize-format.md) and back; the walk itself runs in C++ (``_core._serialize``,
``SerializedPyObject._deserialize``). This module owns the Python side: ``SerializationContext``
(the type registry consulted for values the walk cannot encode natively), the default handlers, and
the module-level functions.

Safety (differs from pyarrow on purpose): reading never unpickles unless the *reading* context was
created with ``allow_pickle=True``. Without it, a pickled payload raises DeserializationCallbackError
saying how to opt in; an unregistered type id raises DeserializationCallbackError naming it
(``.type_id``). Values no handler knows raise SerializationCallbackError (``.example_object``).
"""

import pickle as _stdlib_pickle
import sys

import numpy as np

from arrowpack import _core
from arrowpack._core import (
    DeserializationCallbackError,
    SerializationCallbackError,
    SerializedPyObject,
)
from arrowpack.ipc import _input_file

try:  # Like pyarrow: cloudpickle (functions, lambdas, classes by value) when it is installed.
    import cloudpickle as _pickle
except ImportError:
    _pickle = _stdlib_pickle

__all__ = [
    "SerializationContext",
    "SerializedPyObject",
    "default_serialization_context",
    "deserialize",
    "deserialize_components",
    "deserialize_from",
    "read_serialized",
    "register_default_serialization_handlers",
    "register_torch_serialization_handlers",
    "serialize",
    "serialize_to",
]

_PICKLE_OPT_IN = (
    "the data holds a pickled object of type id {!r}; unpickling runs code chosen by whoever wrote "
    "the data, so it is off by default. If you trust the data, read it with "
    "SerializationContext(allow_pickle=True) or default_serialization_context(allow_pickle=True)"
)


def _is_namedtuple(type_):
    return issubclass(type_, tuple) and hasattr(type_, "_fields")


class SerializationContext:
    """Registry of the types ``serialize`` hands to Python: type <-> string type id.

    ``allow_pickle`` (keyword only, default False) lets *this* context unpickle data when it
    deserializes (types registered with ``pickle=True``, pickled handler payloads). Serializing
    with pickle=True types works either way.
    """

    def __init__(self, *, allow_pickle=False):
        self.allow_pickle = bool(allow_pickle)
        self.type_to_type_id = {}
        self.whitelisted_types = {}
        self.types_to_pickle = set()
        self.custom_serializers = {}
        self.custom_deserializers = {}
        self.pickle_serializer = _pickle.dumps
        self.pickle_deserializer = _pickle.loads
        # type ids whose deserializer unpickles, so reading them needs allow_pickle too.
        self._unpickling_ids = set()
        self._lookup_cache = {}
        # False once a numpy scalar type is registered: the walk then hands numpy scalars (other
        # than float16, which it keeps) to the registry instead of writing them as int/float.
        self._native_numpy_scalars = True
        # top-level module name -> register(context): handlers of a library registered on first use
        # (see _register_on_first_use), so building a context never imports pandas or scipy.
        self._deferred = {}

    # -- registry ----------------------------------------------------------------------------

    def register_type(self, type_, type_id, pickle=False, custom_serializer=None,
                      custom_deserializer=None):
        """Registers ``type_`` under ``type_id`` (a str).

        With ``pickle=True`` values are pickled; with a custom serializer, ``custom_serializer(obj)``
        is serialized in place of obj and ``custom_deserializer(data)`` rebuilds it; otherwise
        namedtuples travel as their ``__getnewargs__()`` and other objects as their ``__dict__``.
        """
        if not isinstance(type_id, str):
            raise TypeError("The type_id argument must be a string. The value passed in has type "
                            f"{type(type_id)}.")
        self.type_to_type_id[type_] = type_id
        self.whitelisted_types[type_id] = type_
        if pickle:
            self.types_to_pickle.add(type_id)
        if custom_serializer is not None:
            self.custom_serializers[type_id] = custom_serializer
            self.custom_deserializers[type_id] = custom_deserializer
        self._registry_changed()

    def _register_unpickling_reader(self, type_id, deserializer):
        """Reads ``type_id`` (a legacy encoding) with ``deserializer``, which unpickles: only when
        allow_pickle is on. Registers no type for writing."""
        self.custom_deserializers[type_id] = deserializer
        self._unpickling_ids.add(type_id)

    def _register_on_first_use(self, module, register):
        """Runs ``register(self)`` now if ``module`` (a top-level package) is imported already, else
        the first time a value of one of its classes is serialized or an unknown type id is read."""
        if module in sys.modules:
            register(self)
        else:
            self._deferred[module] = register

    def _run_deferred(self, modules):
        """Runs the deferred registrations of ``modules``; True if any ran."""
        due = [module for module in modules if module in self._deferred]
        for module in due:
            self._deferred.pop(module)(self)
        return bool(due)

    def _registry_changed(self):
        self._lookup_cache.clear()
        self._native_numpy_scalars = not any(issubclass(t, np.generic) for t in self.type_to_type_id)

    def set_pickle(self, serializer, deserializer):
        """Replaces the pickle pair used for types registered with pickle=True."""
        self.pickle_serializer = serializer
        self.pickle_deserializer = deserializer

    def clone(self):
        """A shallow copy: the same handlers in new tables, the same allow_pickle."""
        result = SerializationContext(allow_pickle=self.allow_pickle)
        result.type_to_type_id = self.type_to_type_id.copy()
        result.whitelisted_types = self.whitelisted_types.copy()
        result.types_to_pickle = self.types_to_pickle.copy()
        result.custom_serializers = self.custom_serializers.copy()
        result.custom_deserializers = self.custom_deserializers.copy()
        result.pickle_serializer = self.pickle_serializer
        result.pickle_deserializer = self.pickle_deserializer
        result._unpickling_ids = self._unpickling_ids.copy()
        result._deferred = self._deferred.copy()
        result._registry_changed()
        return result

    # -- callbacks of the C++ walk -------------------------------------------------------------

    def _type_id_for(self, cls):
        """The type id of the closest registered class in cls's MRO, or None (cached per class)."""
        try:
            return self._lookup_cache[cls]
        except KeyError:
            pass
        found = None
        for base in cls.__mro__:
            if base in self.type_to_type_id:
                found = self.type_to_type_id[base]
                break
        if found is None and self._run_deferred({base.__module__.partition(".")[0] for base in cls.__mro__}):
            return self._type_id_for(cls)
        self._lookup_cache[cls] = found
        return found

    def _serialize_callback(self, obj):
        cls = type(obj)
        type_id = self._type_id_for(cls)
        if type_id is None:
            raise SerializationCallbackError(
                f"arrowpack does not know how to serialize objects of type {cls}.", obj)
        if type_id in self.types_to_pickle:
            return {"data": self.pickle_serializer(obj), "pickle": True, "_pytype_": type_id}
        serializer = self.custom_serializers.get(type_id)
        if serializer is not None:
            return {"data": serializer(obj), "_pytype_": type_id}
        registered = self.whitelisted_types[type_id]
        if _is_namedtuple(registered):
            return {"_pa_getnewargs_": obj.__getnewargs__(), "_pytype_": type_id}
        if hasattr(obj, "__dict__"):
            return dict(obj.__dict__, _pytype_=type_id)
        raise SerializationCallbackError(f"We do not know how to serialize the object '{obj!r}'", obj)

    def _deserialize_callback(self, serialized_obj):
        type_id = serialized_obj["_pytype_"]
        if isinstance(type_id, bytes):  # written by Python 2 (ARROW-4675)
            type_id = type_id.decode("ascii", "replace")
        if not isinstance(type_id, str):
            raise DeserializationCallbackError(
                f"Type ID {type_id!r} is not a string; the data is corrupt", type_id)
        if type_id not in self.custom_deserializers and type_id not in self.whitelisted_types:
            self._run_deferred(list(self._deferred))
        if "pickle" in serialized_obj or type_id in self._unpickling_ids:
            if not self.allow_pickle:
                raise DeserializationCallbackError(_PICKLE_OPT_IN.format(type_id), type_id)
            if "pickle" in serialized_obj:
                return self.pickle_deserializer(serialized_obj["data"])
        deserializer = self.custom_deserializers.get(type_id)
        if deserializer is not None:
            return deserializer(serialized_obj["data"])
        type_ = self.whitelisted_types.get(type_id)
        if type_ is None:
            raise DeserializationCallbackError(
                f"Type ID {type_id} not registered in deserialization callback", type_id)
        if "_pa_getnewargs_" in serialized_obj:
            return type_.__new__(type_, *serialized_obj["_pa_getnewargs_"])
        obj = type_.__new__(type_)
        state = dict(serialized_obj)
        del state["_pytype_"]
        obj.__dict__.update(state)
        return obj

    # -- convenience methods -------------------------------------------------------------------

    def serialize(self, obj):
        return serialize(obj, context=self)

    def serialize_to(self, value, sink):
        return serialize_to(value, sink, context=self)

    def deserialize(self, what):
        return deserialize(what, context=self)

    def deserialize_components(self, what):
        return deserialize_components(what, context=self)


# -- the module-level API ----------------------------------------------------------------------

_default_context = None


def _context_or_default(context):
    global _default_context
    if context is not None:
        return context
    if _default_context is None:
        _default_context = default_serialization_context()
    return _default_context


# serialize(value, context=None) is C (serialize_fastcall.cc): a Python frame costs more than a
# small object's whole encoding. It reads context._serialize_callback and
# context._native_numpy_scalars, and for context=None the context this getter returns.
_core._set_default_context_getter(lambda: _context_or_default(None))
serialize = _core._serialize_in_context


def serialize_to(value, sink, context=None):
    """Serializes ``value`` and writes it to ``sink`` (a NativeFile or a Python file object)."""
    serialize(value, context).write_to(sink)


def read_serialized(source, base=None):
    """Reads one serialized object from ``source`` (NativeFile, path, bytes-like object or Python
    file) at its current position, without deserializing it. ``base`` is kept alive by the result
    (the zero-copy arrays of its deserialization point into it)."""
    return _core._read_serialized(_input_file(source), base)


def deserialize_from(source, base, context=None):
    """Reads and deserializes one object from ``source``; see read_serialized."""
    return read_serialized(source, base).deserialize(context)


# deserialize(obj, context=None) is C (serialize_deserialize_buffer.cc), like serialize: for small
# objects a Python frame is a visible part of the call. It reads context._deserialize_callback,
# and for context=None the default context's, bound once through this getter.
_core._set_default_deserialize_callback_getter(lambda: _context_or_default(None)._deserialize_callback)
deserialize = _core._deserialize_in_context


def deserialize_components(components, context=None):
    """Rebuilds and deserializes the dict returned by SerializedPyObject.to_components()."""
    return SerializedPyObject.from_components(components).deserialize(context)


def _serialized_deserialize(self, context=None):
    """Rebuilds the Python object, calling ``context`` for registered types."""
    context = _context_or_default(context)
    return self._deserialize(context._deserialize_callback)


SerializedPyObject.deserialize = _serialized_deserialize


# -- handlers ----------------------------------------------------------------------------------

def register_default_serialization_handlers(serialization_context):
    """Registers arrowpack's default handlers (pyarrow's, plus the types pyarrow lost) on a
    context; see docs/serialization.md for the list and their type ids."""
    from arrowpack import _serialization_arrow, _serialization_builtin, _serialization_pandas

    _serialization_builtin.register(serialization_context)
    _serialization_arrow.register(serialization_context)
    serialization_context._register_on_first_use("scipy", _serialization_arrow.register_scipy)
    serialization_context._register_on_first_use(
        "pandas", lambda context: _serialization_pandas.register(context, to_arrow=_core.array))


def register_torch_serialization_handlers(serialization_context):
    """Registers torch tensors (pyarrow's ids "torch.<Class>") when torch is installed; see
    docs/serialization.md for their encodings."""
    from arrowpack import _serialization_torch

    _serialization_torch.register(serialization_context)


def default_serialization_context(allow_pickle=False):
    """A new SerializationContext with the default handlers registered.

    ``allow_pickle=True`` lets it unpickle when reading; only for data you trust.
    """
    context = SerializationContext(allow_pickle=allow_pickle)
    register_default_serialization_handlers(context)
    return context
