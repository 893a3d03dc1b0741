"""`tracker ingest`, `tracker merge` and `tracker reextract`: files or shards into the database, claims rebuilt."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer
from rich.text import Text

from ..models import plural
from .common import Db, console, err_console, handles_errors, open_store, progress_bar


@handles_errors
def ingest(
    paths: Annotated[List[str], typer.Argument(help="Files, folders or globs (.txt, .md, .html).")],
    published: Annotated[Optional[str], typer.Option(
        "--published", help="Publication date to record (2024, 2024-08, 2024-08-01); "
        "overrides what is found in the text.")] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Worker processes (default: all cores).")] = None,
    db: Db = "db/tracker.db",
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
    from .. import pipeline  # the extractor and its workers: loaded by the commands that write

    given = pipeline.normalise_given(published)
    files, problems = pipeline.find_files(paths)
    for problem in problems:
        _failed(problem)
    if not files:
        raise typer.Exit(1)
    store = open_store(db, create=True)
    counts = {"new": 0, "new version": 0, "unchanged": 0, "failed": len(problems)}
    with progress_bar(len(files), "reading") as bar:
        for step in pipeline.ingest_files(store, files, given, jobs):
            bar.advance()
            counts[step.status] += 1
            if step.status == "failed":
                _failed(step.error or step.path, bar.console)
                continue
            line = Text(f"{step.status:>11}  {step.article_id:>4}  ")
            line.append(step.path)
            line.append(f"  {step.published or 'undated'} ")
            line.append(step.basis or "", style="dim")
            if step.status == "new version":
                line.append(f" (version {step.version})")
            bar.console.print(line, highlight=False)
        if store.derived_stale():
            pipeline.refresh(store, bar.report, jobs)
    console.print(f"{counts['new']} new, {plural(counts['new version'], 'new version')}, "
                  f"{counts['unchanged']} unchanged, {counts['failed']} failed", highlight=False)
    if counts["failed"]:
        raise typer.Exit(1)


def _failed(message: str, where=None) -> None:
    line = Text("failed: ", style="red")
    line.append(message)
    (where or err_console).print(line, highlight=False)


@handles_errors
def reextract(db: Db = "db/tracker.db"):
    """Rebuild every article's claims with the current extractor, without re-reading files.

    Example: tracker reextract
    """
    from .. import pipeline

    store = open_store(db)
    total = len(store.all_article_ids())
    with progress_bar(total, "re-extracting") as bar:
        count = pipeline.reextract(store, bar.report)
    console.print(f"re-extracted {plural(count, 'article')} with extractor {pipeline.EXTRACTOR_VERSION}",
                  highlight=False)


@handles_errors
def merge(
    shards: Annotated[List[str], typer.Argument(help="Tracker databases to copy in (each made by tracker ingest).")],
    db: Db = "db/tracker.db",
):
    """Combine databases ingested separately (shards of a large corpus) into one.

    Each shard's articles are copied with their sentences and claims, in one
    transaction per shard; texts already in the database are skipped, and a changed
    text at a known path becomes that document's next version.  The derived tables
    are then refreshed for what the shards touched.

    Example: tracker ingest part1/ --db shard1.db ; tracker ingest part2/ --db shard2.db ;
    tracker merge shard1.db shard2.db --db db/tracker.db
    """
    from .. import pipeline

    for shard in shards:  # before the database is created: a bad shard leaves nothing behind
        pipeline.check_shard(shard, db)
    store = open_store(db, create=True)
    totals = {"new": 0, "new version": 0, "unchanged": 0}
    with progress_bar(len(shards), "merging shards") as bar:
        for merged in pipeline.merge(store, shards, bar.report):
            totals["new"] += merged.new
            totals["new version"] += merged.new_versions
            totals["unchanged"] += merged.unchanged
            bar.console.print(f"{merged.new:>6} new  {merged.new_versions:>4} new versions  "
                              f"{merged.unchanged:>6} unchanged  {merged.path}", highlight=False)
    console.print(f"merged {plural(len(shards), 'shard')}: {totals['new']} new, "
                  f"{plural(totals['new version'], 'new version')}, {totals['unchanged']} unchanged",
                  highlight=False)
