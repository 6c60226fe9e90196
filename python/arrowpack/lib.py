"""Every class and function of the compiled core under one name, as pyarrow.lib offers them
(reprs name classes "arrowpack.lib.Int64Array"; the Type_* ids live here too)."""

from arrowpack._core import *  # noqa: F401,F403
