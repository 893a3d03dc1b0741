"""Option values converted without pydantic when they are plain: a string, a list of strings, a whole number,
a choice, a path.

Typer 0.29 converts every option value through a pydantic ``TypeAdapter``: importing
pydantic and building one adapter per option cost more than most queries (0.1–0.3 s of
each read command).  The values the commands take are plain, and typer's own helpers
convert them without pydantic, so :func:`install` gives each typer parameter a
converter that does the plain cases itself and hands everything else — a value it does
not recognise, and every value that is wrong — to typer's own converter, so an error
reads exactly as typer says it.  With a typer that has no such converter (before 0.29)
nothing is changed.  Reads no data tables.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

# A number typer would read as this int: digits only, no sign, no leading zero, no underscore.
_PLAIN_INT = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")


def _is_list_of_str(annotation: Any) -> bool:
    return get_origin(annotation) is list and get_args(annotation) == (str,)


def install() -> None:
    """Make typer's parameters convert plain values themselves (once; a no-op on other typers)."""
    try:
        from typer import _coercion, core
        from typer._param_types import coerce_cli_choice, coerce_cli_path, routes_to_path
    except ImportError:
        return
    parameter = getattr(core, "_TyperParameter", None)
    runtime = getattr(_coercion, "RuntimeParam", None)
    if parameter is None or runtime is None or not hasattr(parameter, "get_runtime_param") \
            or getattr(parameter.get_runtime_param, "_tracker", False):
        return

    class Plain(runtime):
        """Converts the plain cases; anything else goes to typer's converter, built only then."""

        def _coerce_value(self, value: Any, param, ctx) -> Any:
            annotation, info = self.annotation, self.parameter_info
            try:
                if info.parser is not None:
                    pass
                elif annotation is str and type(value) is str:
                    return value
                elif _is_list_of_str(annotation) and type(value) in (list, tuple) and \
                        all(type(item) is str for item in value):
                    return list(value)  # ingest's paths: a list, as typer's converter gives it
                elif annotation is int and (type(value) is int or
                                            (type(value) is str and _PLAIN_INT.match(value))):
                    number = int(value)
                    if not info.clamp and (info.min is None or number >= info.min) and \
                            (info.max is None or number <= info.max):
                        return number
                elif isinstance(annotation, type) and issubclass(annotation, Enum):
                    return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive,
                                             ctx=ctx)
                elif annotation is Path and type(value) is str and value and info.path_type is None \
                        and not info.allow_dash and routes_to_path(annotation, info):
                    return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            except Exception:  # noqa: BLE001 - a wrong value: typer's converter words the error
                pass
            return _coercion.build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    original = parameter.get_runtime_param

    def get_runtime_param(self):
        descriptor = self.type_descriptor
        if self._runtime_param is None and descriptor.file_annotation is None:
            self._runtime_param = Plain(annotation=descriptor.annotation, parameter_info=descriptor.parameter_info)
        return original(self)

    get_runtime_param._tracker = True
    parameter.get_runtime_param = get_runtime_param
