"""The Dask serialization family "arrowpack".

``import arrowpack`` calls ``install()``: the family is registered at once if
``distributed.protocol.serialize`` is already imported, otherwise as soon as it is (an import hook;
arrowpack never imports distributed itself, which would cost a second at every start-up). Clients
choose it with ``Client(serializers=["arrowpack", "pickle"], deserializers=["arrowpack", "pickle"])``;
workers need arrowpack imported too (``preload=["arrowpack"]``, or ``distributed.worker.preload``).

A value travels as ``arrowpack.serialize(value).to_components()`` turned into frames by
``arrowpack.frames``: array bodies are frames of their own, never copied on the way out, and come
back as read-only views of the received frames. For values arrowpack cannot serialize, dumps
raises NotImplementedError (Dask's signal to try the next family in the list).
"""

import importlib.abc
import importlib.util
import sys

from arrowpack import frames as _frames

_MODULE = "distributed.protocol.serialize"


def dumps(value):
    """(header, frames) for Dask; the header holds the arrowpack frames header. Uses the default
    SerializationContext (no `context` parameter: Dask would pass its comm context there)."""
    import arrowpack

    try:
        serialized = arrowpack.serialize(value)
    except arrowpack.SerializationCallbackError as error:
        raise NotImplementedError(str(error)) from error
    header, wire = _frames.to_frames(serialized.to_components())
    return {"arrowpack-frames": header}, wire


def loads(header, frames):
    import arrowpack

    return arrowpack.deserialize_components(_frames.from_frames(header["arrowpack-frames"], frames))


def _register(module):
    module.register_serialization_family("arrowpack", dumps, loads)


class _RegisterOnImport(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds distributed.protocol.serialize through the other finders, then registers after it loads."""

    def find_spec(self, fullname, path, target=None):
        if fullname != _MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        self._loader = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        _register(module)


def install():
    if _MODULE in sys.modules:
        _register(sys.modules[_MODULE])
    elif not any(isinstance(finder, _RegisterOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _RegisterOnImport())
