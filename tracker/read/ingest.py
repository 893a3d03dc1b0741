"""Find the files a user named and turn each into a stored article.

Reading and extraction run in worker processes; one writer (the caller's Store)
stores each article in its own transaction, so a crash or Ctrl-C never leaves half
an article, and a bad file is reported without stopping the others.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .articles import build_article
from .sources import MAX_BYTES
from ..errors import TrackerError
from ..models import Article
from ..workers import default_jobs, in_order  # noqa: F401  (default_jobs: the CLI's and bench's import)

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    path: str
    article: Optional[Article] = None
    error: Optional[str] = None


def discover(targets: Iterable[str]) -> tuple[list[str], list[str]]:
    """Expand folders, files and globs into supported files; also return problems found."""
    files, problems = [], []
    for target in targets:
        # An existing path is a path before it is a pattern: 报告[2024].txt names a file.
        literal = Path(target).exists() or not glob.has_magic(target)
        matches = [target] if literal else sorted(glob.glob(target, recursive=True))
        if not matches:
            problems.append(f"{target}: no file matches this pattern")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                               and not any(part.startswith(".") for part in p.relative_to(path).parts))
                if not found:
                    problems.append(f"{match}: folder has no .txt, .md or .html files")
                files.extend(str(p) for p in found)
            elif path.is_file() and path.suffix and path.suffix.lower() not in SUPPORTED:
                problems.append(f"{match}: not a .txt, .md or .html file")
            elif path.is_file():
                files.append(str(path))
            elif literal:
                problems.append(f"{match}: no such file or folder")
    return list(dict.fromkeys(display_path(f) for f in files)), problems


def display_path(path: str) -> str:
    """The path as stored: relative to the working folder when inside it."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


#: Files read ahead per worker process while the writer stores earlier ones.
IN_FLIGHT_PER_WORKER = 4


def read_one(path: str, published: Optional[str] = None, extract: bool = True) -> Outcome:
    """Read, date and extract one file; never raise for a bad file."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:  # refuse before reading gigabytes into memory
            return Outcome(path, error=f"{path}: too large ({size / 2**20:.0f} MB; the limit is "
                                       f"{MAX_BYTES // 2**20} MB): split it into articles")
        data = Path(path).read_bytes()
    except OSError as error:
        return Outcome(path, error=f"{path}: cannot read ({error.strerror or error})")
    try:
        return Outcome(path, article=build_article(path, data, published, extract))
    except TrackerError as error:
        return Outcome(path, error=str(error))
    except RecursionError:
        return Outcome(path, error=f"{path}: too deeply nested to read")


def read_all(paths: list[str], published: Optional[str], jobs: int, extract: bool = True,
             read: Callable[[str, Optional[str], bool], Outcome] = read_one) -> Iterator[Outcome]:
    """Yield an Outcome per path, in order, using ``jobs`` worker processes.

    ``read`` turns one path into its Outcome (:func:`read_one` unless the caller adds to
    it); it runs in the workers, so it is a module-level function the pool can pickle.

    At most a few files per worker are in flight: the single writer is slower than
    the readers, and ``pool.map`` would otherwise hold every finished article in
    memory (10,000 articles took 1 GB that way in bench/ingest.py).
    """
    if jobs <= 1 or len(paths) < 4:
        for path in paths:
            yield read(path, published, extract)
        return
    yield from in_order(_Read(read, published, extract), paths, jobs, jobs * IN_FLIGHT_PER_WORKER)


@dataclass(frozen=True)
class _Read:
    """One path to its Outcome in a worker (a picklable ``read`` with its options)."""

    read: Callable[[str, Optional[str], bool], Outcome]
    published: Optional[str]
    extract: bool

    def __call__(self, path: str) -> Outcome:
        return self.read(path, self.published, self.extract)


