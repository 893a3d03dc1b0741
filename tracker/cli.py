"""The `tracker` command line: parse options, call the core and the store, render.

Each command is a short adapter.  Typed errors from below become one red line on
stderr and an exit code (1 when nothing could be done or a file failed, 2 for bad
usage); no traceback reaches the user.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import render
from .errors import BadUsage, TrackerError
from .store import Store

app = typer.Typer(
    help="Turn Chinese policy documents into a dated, queryable record of what was promised, "
    "reported and achieved.\n\nStart with: tracker ingest seeds/ && tracker sources && tracker timeline",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)
console = Console()
# Error lines are never wrapped: one problem, one line, whatever the terminal width.
err_console = Console(stderr=True, soft_wrap=True)

DEFAULT_DB = "db/tracker.db"
DbOption = typer.Option(
    DEFAULT_DB, "--db", envvar="TRACKER_DB", help="SQLite database file (env TRACKER_DB).",
    show_default=True,
)


class DataFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ClaimFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def handles_errors(command):
    """Translate tracker errors into one stderr line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            err_console.print(f"[bold red]error:[/] {error}", highlight=False)
            raise typer.Exit(error.exit_code)
        except KeyboardInterrupt:
            err_console.print("[bold red]interrupted:[/] articles stored so far are complete; "
                              "run the command again to continue", highlight=False)
            raise typer.Exit(130)

    return wrapper


def open_store(db: str, create: bool = False) -> Store:
    """The store at ``db``; only ``ingest`` may create one (a typo in --db should not)."""
    if not create and db != ":memory:" and not Path(db).exists():
        from .errors import NotATrackerDatabase

        raise NotATrackerDatabase(f"{db}: no database here yet; run tracker ingest first, or pass --db")
    return Store(db)


# ------------------------------------------------------------------- ingest


@app.command()
@handles_errors
def ingest(
    paths: List[str] = typer.Argument(..., help="Files, folders or globs (.txt, .md, .html)."),
    published: Optional[str] = typer.Option(
        None, "--published", help="Publication date to record (2024, 2024-08, 2024-08-01); "
        "overrides what is found in the text."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores)."),
    db: str = DbOption,
):
    """Read files into the database: date each article, split it into sentences, extract claims.

    Re-running changes nothing for files already read; a changed file at the same path
    becomes a new version of that document.

    How the publication date is found: a date given with --published wins; else an
    explicit timestamp, dateline or HTML date near the title; else it is inferred from
    what the body says about time (the newest fully dated day, the newest year reported
    on, anniversaries of the programme such as 实施12周年 or 10年来, and dated national
    events such as 二十届三中全会). Timestamps in "related news" lists never count.

    Example: tracker ingest seeds/ ; tracker ingest page.html --published 2024-08
    """
    from .ingest import default_jobs, discover, read_all

    given = _normalise_given(published)
    files, problems = discover(paths)
    for problem in problems:
        err_console.print(f"[red]failed:[/] {problem}", highlight=False)
    store = open_store(db, create=True)
    counts = {"new": 0, "new version": 0, "unchanged": 0, "failed": len(problems)}
    workers = jobs if jobs else default_jobs()
    with _progress(len(files)) as progress:
        task = progress.add_task("reading", total=len(files))
        for outcome in read_all(files, given, workers):
            progress.advance(task)
            if outcome.error:
                counts["failed"] += 1
                progress.console.print(f"[red]failed:[/] {outcome.error}", highlight=False)
                continue
            article = outcome.article
            stored = store.add_article(article, _extractor_version())
            if stored.status == "unchanged" and given:
                # A new date moves what 今年 and 5月12日 mean: re-resolve the claims too.
                store.set_published(stored.article_id, given, _precision(given), "given with --published")
                _reextract_one(store, stored.article_id, _extractor_version())
            counts[stored.status] += 1
            date = given or article.dating.published or "undated"
            note = f" (version {stored.version})" if stored.status == "new version" else ""
            progress.console.print(
                f"{stored.status:>9}  {stored.article_id:>4}  {outcome.path}  {date} "
                f"[dim]{'given' if given else article.dating.basis}[/]{note}", highlight=False)
    if counts["new"] or counts["new version"] or given:
        _refresh_views(store)
    summary = (f"{counts['new']} new, {counts['new version']} new versions, "
               f"{counts['unchanged']} unchanged, {counts['failed']} failed")
    console.print(summary, highlight=False)
    if counts["failed"]:
        raise typer.Exit(1)


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=total <= 3 or not err_console.is_terminal,
    )


def _normalise_given(published: Optional[str]) -> Optional[str]:
    if published is None:
        return None
    from .models import PartialDate

    try:
        date = PartialDate.parse(published)
    except ValueError:
        date = None
    if date is None or not 1900 <= date.year <= 2100 or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", published.strip()):
        raise BadUsage(f"--published {published!r}: give a date as 2024, 2024-08 or 2024-08-01")
    return date.iso


def _precision(iso: str) -> str:
    from .models import PartialDate

    return PartialDate.parse(iso).precision


def _extractor_version() -> str:
    from .claims import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


# ------------------------------------------------------------------ listing

SOURCE_COLUMNS = ["id", "path", "sha256", "title", "outlet", "published", "precision", "basis",
                  "evidence", "script", "pieces", "sentences", "claims", "version"]


@app.command()
@handles_errors
def sources(
    fmt: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="table, json or csv."),
    db: str = DbOption,
):
    """List the articles in the database, newest first.

    Example: tracker sources --format json
    """
    rows = [_source_row(r) for r in open_store(db).articles()]
    table = Table(title=f"{len(rows)} articles", expand=False)
    for column in ("id", "published", "title", "outlet", "pieces", "sentences", "claims"):
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "published"))
    for row in rows:
        mark = "" if row["basis"] in ("explicit", "given") else "?" if row["basis"] == "inferred" else ""
        table.add_row(str(row["id"]), (row["published"] or "undated") + mark, row["title"] or row["path"],
                      row["outlet"] or "", str(row["pieces"]), str(row["sentences"]), str(row["claims"]))
    if fmt == DataFormat.table and rows:
        table.caption = "? = inferred from the text (tracker show ID says why)"
    render.emit(console, rows, SOURCE_COLUMNS, fmt.value, table)


def _source_row(row: dict) -> dict:
    return {
        "id": row["id"], "path": row["path"], "sha256": row["content_hash"].removeprefix("sha256:"),
        "title": row["title"], "outlet": row["outlet"], "published": row["published"],
        "precision": row["published_precision"], "basis": row["published_basis"],
        "evidence": row["published_evidence"], "script": row["script"], "pieces": row["pieces"],
        "sentences": row["sentences"], "claims": row["claims"], "version": row["version"],
    }


@app.command()
@handles_errors
def show(
    article: str = typer.Argument(..., help="Article id, file name or stem, or hash prefix."),
    fmt: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="table (the text), json (everything) or csv (the claims)."),
    db: str = DbOption,
):
    """Show one article: its metadata, the evidence for its date, its pieces and its text with claims marked.

    Example: tracker show 3 ; tracker show 000_2a7e4b1a25bea300
    """
    store = open_store(db)
    article_id = store.resolve(article)
    row = store.article(article_id)
    pieces = store.pieces(article_id)
    claims = store.claims(article_id)
    if fmt != DataFormat.table:
        data = {k: v for k, v in row.items() if k not in ("simplified",)}
        data["sha256"] = row["content_hash"].removeprefix("sha256:")  # as in `tracker sources`
        data["pieces"] = pieces
        data["claims"] = claims
        if fmt == DataFormat.json:
            console.out(json.dumps(data, ensure_ascii=False, indent=2, default=str), highlight=False)
        else:
            render.emit(console, claims, list(claims[0]) if claims else [], "csv")
        return
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    for label, value in (
        ("id", row["id"]), ("title", row["title"]), ("path", row["path"]),
        ("version", row["version"]), ("outlet", row["outlet"]), ("byline", row["byline"]),
        ("published", f"{row['published'] or 'undated'} ({row['published_precision'] or '-'}, "
                      f"{row['published_basis']})"),
        ("evidence", row["published_evidence"]), ("script", row["script"]),
        ("encoding", f"{row['encoding']} {row['format']}"),
        ("hash", row["content_hash"]), ("claims", _claim_counts(claims)),
    ):
        if value not in (None, ""):
            meta.add_row(label, str(value))
    console.print(Panel(meta, title=f"article {row['id']}", expand=False))
    if len(pieces) > 1:
        for piece in pieces:
            console.print(f"  piece {piece['number'] + 1}: {piece['title'] or '(untitled)'}", highlight=False)
    text = row["text"][row["body_start"]:row["body_end"]]
    spans = [(c["start"] - row["body_start"], c["end"] - row["body_start"], c["kind"]) for c in claims]
    console.print()
    console.print(render.mark_spans(text, spans))
    legend = "  ".join(f"[{style}]{kind}[/]" for kind, style in render.KIND_STYLES.items())
    console.print(f"\n{legend}")


def _claim_counts(claims: list[dict]) -> str:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim["kind"]] = counts.get(claim["kind"], 0) + 1
    return ", ".join(f"{n} {kind}s" for kind, n in sorted(counts.items())) or "none"


@app.command()
@handles_errors
def search(
    query: str = typer.Argument(..., help="Words to find, simplified or traditional (雄安, 技术合同)."),
    limit: int = typer.Option(50, "--limit", help="Most sentences to show."),
    fmt: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="table, json or csv."),
    db: str = DbOption,
):
    """Find sentences containing a phrase, with their article and date, the match highlighted.

    Three or more characters use the full-text index; one or two characters are
    matched directly, so 雄安 works too.

    Example: tracker search 技术合同
    """
    rows = open_store(db).search(query, limit)
    columns = ["id", "article", "title", "published", "number", "text", "simplified"]
    table = Table(title=f"{len(rows)} sentences match {query!r}", expand=False)
    for column in ("article", "published", "sentence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["article"]), row["published"] or "",
                      render.highlight(row["text"], row["match"], haystack=row["simplified"]))
    render.emit(console, rows, columns, fmt.value, table)


# ------------------------------------------------------------------- claims

CLAIM_COLUMNS = ["id", "article", "path", "piece", "kind", "sentence", "surface", "value", "value_high",
                 "unit", "qualifier", "subject", "metric", "as_of", "deadline", "strength", "date",
                 "precision", "event", "change", "start", "end"]


@app.command()
@handles_errors
def claims(
    article: Optional[str] = typer.Option(None, "--article", "-a", help="Only this article (id, name or hash)."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k",
                                       help="figure, target, milestone, formulation or document."),
    fmt: ClaimFormat = typer.Option(ClaimFormat.table, "--format", "-f", help="table, json, jsonl or csv."),
    db: str = DbOption,
):
    """List claims: figures, targets, milestones, formulations and cited documents, each with its sentence.

    Example: tracker claims --article 1 --kind figure --format json
    """
    kinds = ("figure", "target", "milestone", "formulation", "document")
    if kind and kind not in kinds:
        raise BadUsage(f"--kind {kind!r}: choose one of {', '.join(kinds)}")
    store = open_store(db)
    article_id = store.resolve(article) if article else None
    rows = store.claims(article_id, kind)
    table = Table(title=f"{len(rows)} claims", expand=False)
    for column in ("id", "art", "kind", "surface", "value", "subject", "metric / event", "when"):
        table.add_column(column, overflow="fold")
    for row in rows:
        when = row["date"] or row["as_of"] or (f"by {row['deadline']}" if row["deadline"] else "")
        table.add_row(
            str(row["id"]), str(row["article"]),
            render.Text(row["kind"], style=render.KIND_STYLES.get(row["kind"], "")), row["surface"],
            render.format_value(row["value"], row["unit"], row["qualifier"], row["value_high"]),
            row["subject"] or "", row["metric"] or row["event"] or row["refers_to"] or "", when,
        )
    render.emit(console, rows, CLAIM_COLUMNS, fmt.value, table)


@app.command()
@handles_errors
def reextract(db: str = DbOption):
    """Rebuild every article's claims with the current extractor, without re-reading files.

    Example: tracker reextract
    """
    store = open_store(db)
    ids = store.all_article_ids()
    version = _extractor_version()
    with _progress(len(ids)) as progress:
        task = progress.add_task("re-extracting", total=len(ids))
        for article_id in ids:
            _reextract_one(store, article_id, version)
            progress.advance(task)
    _refresh_views(store)
    console.print(f"re-extracted {len(ids)} articles with extractor {version}", highlight=False)


def _reextract_one(store: Store, article_id: int, version: str) -> None:
    """Claims rebuilt from the stored sentences, resolved against the stored publication date."""
    from .articles import reextract as rebuild
    from .models import Sentence

    row = store.article(article_id)
    sentences = tuple(
        Sentence(s["number"], s["start"], s["end"], s["text"], None) for s in store.sentences(article_id)
    )
    store.replace_claims(article_id, rebuild(row["text"], row["simplified"], sentences, row["published"]), version)


def _refresh_views(store: Store) -> None:
    """Recompute the merged timeline, conflicts and target checks the Datasette views read."""
    from .views import derive

    store.replace_derived(derive(store.claims(), [a["published"] for a in store.articles()]))


def main() -> None:  # pragma: no cover - console entry point
    app()


# --------------------------------------------------------------------- eval


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(name="eval")
@handles_errors
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of gold JSON files (see FORMAT.md)."),
    text_dir: Path = typer.Argument(..., help="Folder holding the articles the gold files name."),
    misses: bool = typer.Option(False, "--misses", help="List every missed gold claim and unmatched prediction."),
    fmt: EvalFormat = typer.Option(EvalFormat.text, "--format", "-f", help="text or json."),
    db: Optional[str] = typer.Option(
        None, "--db", help="Keep the scored articles in this database (default: a temporary one)."),
):
    """Score the extractor against hand-made gold answers: precision, recall and F1 per kind.

    Reads TEXT_DIR into a temporary database, matches predictions to the gold claims
    by the rules in FORMAT.md, and reports per kind, per article, core recall and the
    publication dates.

    Example: tracker eval ../shared/gold ../shared/seeds --misses
    """
    import json
    import tempfile

    from . import evaluate as scoring
    from .ingest import read_one

    gold_files = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    if not gold_files:
        raise BadUsage(f"{gold_dir}: no gold .json files here")
    if not text_dir.is_dir():
        raise BadUsage(f"{text_dir}: not a folder")
    scores = []
    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(db, create=True) if db else Store(Path(scratch) / "eval.db")
        for gold_file in gold_files:
            try:
                gold = json.loads(gold_file.read_text("utf-8"))
            except (OSError, ValueError) as error:
                raise BadUsage(f"{gold_file}: not a gold JSON file ({error})") from None
            source = text_dir / gold.get("source", gold_file.stem + ".txt")
            outcome = read_one(str(source))
            if outcome.error:
                raise TrackerError(outcome.error)
            stored = store.add_article(outcome.article, _extractor_version())
            predictions = store.claims(stored.article_id)
            row = store.article(stored.article_id)
            scores.append(scoring.score_article(gold, row["text"], predictions, row["published"]))
        if db:
            _refresh_views(store)
        store.close()
    corpus = scoring.score_corpus(scores)
    if fmt == EvalFormat.json:
        console.out(json.dumps(scoring.to_json(corpus), ensure_ascii=False, indent=2), highlight=False)
    else:
        for line in scoring.report_lines(corpus, misses):
            console.out(line, highlight=False)


# Commands that live in their own modules register themselves on `app` when imported.
from . import commands  # noqa: E402,F401
