"""The `tracker` command line: the app, built from the commands in :mod:`tracker.commands`.

Each command is a short adapter — parse options, call one function of
:mod:`tracker.pipeline` or the store, render.  Typed errors become one red line on
stderr and an exit code (1 when nothing could be done or a file failed, 2 for bad
usage); no traceback reaches the user.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import __version__
from .commands import diff, evaluate, ingest, listing, programmes, serve, series, timeline

app = typer.Typer(
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


for command in (ingest.ingest, ingest.merge, listing.sources, listing.show, listing.search, listing.claims,
                ingest.reextract, timeline.timeline, diff.diff, series.evolve, series.targets,
                programmes.programmes, serve.serve):
    app.command()(command)
app.command(name="eval")(evaluate.evaluate)


def main() -> None:  # pragma: no cover - console entry point
    app()
