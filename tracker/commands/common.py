"""What every command shares: the consoles, the --db option, error translation, progress.

Commands import this module, never ``tracker.cli``: the CLI module only builds the app
from the commands, so there is no import loop.  Everything that comes from a document,
a path or a user is printed as text (``markup=False`` or :class:`rich.text.Text`),
never read as Rich markup.
"""

from __future__ import annotations

import functools
import sqlite3
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Iterator, Optional

import typer
from rich.console import Console
from rich.text import Text

from ..errors import NotATrackerDatabase, TrackerError

if TYPE_CHECKING:
    from rich.progress import Progress
    from ..store import Store

# markup=False: titles, paths and sentences come from documents and users, and
# ``[/url]`` in a forum capture must print as itself, not end a style (or crash).
# Styling is done with rich.text.Text, never with markup in strings.
console = Console(markup=False)
# Error lines are never wrapped: one problem, one line, whatever the terminal width.
err_console = Console(stderr=True, soft_wrap=True, markup=False)

DEFAULT_DB = "db/tracker.db"
Db = Annotated[str, typer.Option("--db", envvar="TRACKER_DB", help="SQLite database file (env TRACKER_DB).",
                                 show_default=True)]


#: Rows a terminal table shows when no --limit is given (more scrolls off the screen);
#: json, jsonl and csv are exports and give every row.
TABLE_ROWS = 100

#: The largest count SQLite can take: a bigger --limit was an OverflowError traceback.
MOST = 2**63 - 1

Output = Annotated[Optional[Path], typer.Option(
    "--output", "-o", help="Write to this file instead of the terminal.")]
Limit = Annotated[Optional[int], typer.Option("--limit", "-n", min=1, max=MOST, help="Show at most this many.")]
ArticleFilter = Annotated[Optional[str], typer.Option(
    "--article", "-a", help="Only this article: id, file name or stem, or hash prefix.")]


class Format(str, Enum):
    """Output formats; each command accepts the subset that makes sense for it."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"


def formats(name: str, *allowed: str) -> type[Enum]:
    """The formats one command writes, as choices its --help lists: ``[table|json|csv]``."""
    return Enum(name, {value: value for value in allowed}, type=str)


def say_error(message: str) -> None:
    """One red line on stderr; the message is text, never markup."""
    line = Text("error: ", "bold red")
    line.append(message)
    err_console.print(line, highlight=False)


def handles_errors(command):
    """Translate tracker errors into one stderr line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            say_error(str(error))
            raise typer.Exit(error.exit_code)
        except sqlite3.OperationalError as error:
            say_error(_sqlite_problem(error))
            raise typer.Exit(1)
        except KeyboardInterrupt:
            line = Text("interrupted: ", "bold red")
            line.append("articles stored so far are complete; run the command again to continue")
            err_console.print(line, highlight=False)
            raise typer.Exit(130)

    return wrapper


def _sqlite_problem(error: sqlite3.OperationalError) -> str:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return "the database is read-only: copy it somewhere writable, or pass --db"
    if "locked" in message:
        return "the database is locked by another program; close it and try again"
    return f"database error: {message}"


def warn_if_stale(store: Store) -> None:
    """Say so when the stored answers are older than the claims (a run was interrupted)."""
    if store.derived_stale():
        err_console.print(Text("note: the timeline, conflicts and target checks are older than the "
                                       "claims (an interrupted run?); run tracker ingest again to finish them",
                                       "yellow"), highlight=False)


def open_store(db: str, create: bool = False) -> Store:
    """The store at ``db``; only commands that write may create one (a typo in --db should not)."""
    if not create and db != ":memory:" and not Path(db).exists():
        raise NotATrackerDatabase(f"{db}: no database here yet; run tracker ingest first, or pass --db")
    if not create and Path(db).is_file() and Path(db).stat().st_size == 0:
        # SQLite would happily make an empty file a database: a read command must not write.
        raise NotATrackerDatabase(f"{db}: an empty file, not a tracker database; run tracker ingest first, "
                                  "or pass --db")
    from ..store import Store

    return Store(db)


class Bar:
    """A running progress display: one bar for the main work, one more per reported stage."""

    def __init__(self, progress: Progress, task: int, description: str):
        self._progress, self._task, self._stages = progress, task, {description: task}
        self.console = progress.console

    def advance(self) -> None:
        self._progress.advance(self._task)

    def report(self, stage: str, done: int, total: int) -> None:
        """A :data:`tracker.pipeline.Progress` callback: each stage gets a bar of its own."""
        if stage not in self._stages:
            self._stages[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(self._stages[stage], completed=done, total=total)


@contextmanager
def progress_bar(total: int, description: str) -> Iterator[Bar]:
    """A transient bar on stderr for work of ``total`` steps (hidden when piped or tiny)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=total <= 3 or not err_console.is_terminal,
    )
    with progress:
        yield Bar(progress, progress.add_task(description, total=total), description)


@contextmanager
def destination(output: Optional[Path]) -> Iterator[Console]:
    """The console a command writes its answer to: the terminal, or the ``--output`` file.

    A file gets plain text (no colour, 120 columns for tables); what the command wrote
    is announced on stderr, so piping stdout stays clean.
    """
    if output is None:
        yield console
        return
    try:
        handle = open(output, "w", encoding="utf-8")
    except OSError as error:
        raise TrackerError(f"--output {output}: cannot write ({error.strerror}); choose another file") from None
    with handle:
        yield Console(file=handle, markup=False, width=120, color_system=None, soft_wrap=False)
    line = Text("wrote ")
    line.append(str(output))
    err_console.print(line, highlight=False)
