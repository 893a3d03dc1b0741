"""The `tracker` command line: the app, built from the commands in :mod:`tracker.commands`.

Each command is a short adapter — parse options, call one function of
:mod:`tracker.pipeline` or the store, render.  Typed errors become one red line on
stderr and an exit code (1 when nothing could be done or a file failed, 2 for bad
usage); no traceback reaches the user.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from . import __version__
# The consoles take the terminal's width when made: made with the app, as every command shares them.
from .commands import common  # noqa: F401
from .commands import coercion

coercion.install()

#: Every command, in the order --help lists them: name → (module of tracker.commands, function).
COMMANDS = {
    "ingest": ("ingest", "ingest"), "merge": ("ingest", "merge"), "sources": ("listing", "sources"), "show": ("listing", "show"),
    "search": ("listing", "search"), "claims": ("listing", "claims"), "reextract": ("ingest", "reextract"),
    "timeline": ("timeline", "timeline"), "diff": ("diff", "diff"), "evolve": ("series", "evolve"),
    "targets": ("targets", "targets"), "programmes": ("programmes", "programmes"), "serve": ("serve", "serve"),
    "eval": ("evaluate", "evaluate"),
}


class _Commands(dict):
    """The app's commands, each imported and built the first time it is asked for.

    Building all fourteen from their signatures cost more than most queries once the
    database was indexed; `tracker timeline` builds `timeline` alone, and `--help`
    (which asks for every one) still lists them all with their help.
    """

    def __init__(self, rich_markup_mode):
        super().__init__()
        self._markup = rich_markup_mode

    def __missing__(self, name: str):
        module, function = COMMANDS[name]
        one = typer.Typer(rich_markup_mode=self._markup, add_completion=False)
        one.command(name=name)(getattr(importlib.import_module(f".commands.{module}", __package__), function))
        self[name] = command = typer.main.get_command(one)
        return command

    def get(self, name, default=None):
        return self[name] if name in COMMANDS else default

    def __contains__(self, name) -> bool:
        return name in COMMANDS

    def __iter__(self):
        return iter(COMMANDS)

    def keys(self):
        return COMMANDS.keys()

    def items(self):
        return ((name, self[name]) for name in COMMANDS)


class LazyGroup(TyperGroup):
    """The click group of the app, whose commands are :class:`_Commands`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.rich_markup_mode)

    def list_commands(self, ctx) -> list[str]:
        return list(COMMANDS)


app = typer.Typer(
    cls=LazyGroup,
    help="Turn Chinese policy documents into a dated, queryable record of what was promised, "
    "reported and achieved.\n\nStart with: tracker ingest seeds/ && tracker sources && tracker timeline",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


def _version(show: bool) -> None:
    if show:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Turn Chinese policy documents into a dated, queryable record of what was promised,
    reported and achieved.

    Start with: tracker ingest seeds/ && tracker sources && tracker timeline
    """


def main() -> None:  # pragma: no cover - console entry point
    app()
