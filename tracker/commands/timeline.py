"""`tracker timeline`: milestones from every article, merged across sources, oldest first."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Optional

import typer

from ..output.render import plural, print_line, print_table
from .programmes import Programme, programme_names

from .common import (MOST, TABLE_ROWS, ArticleFilter, Db, Format, formats, Output, destination, handles_errors, open_store,
                     warn_if_stale)
from ..errors import BadUsage
from ..dates import PartialDate


TimelineFormat = formats("TimelineFormat", "table", "json", "jsonl", "csv", "markdown", "html")


@handles_errors
def timeline(
    since: Annotated[Optional[str], typer.Option(
        "--since", help="Only entries that may fall on or after this date: 2024, 2024-05, "
        "2024-05-12 or a phrase such as \"2 years ago\".")] = None,
    until: Annotated[Optional[str], typer.Option(
        "--until", help="Only entries that may fall on or before this date (same forms as --since).")] = None,
    subject: Annotated[Optional[str], typer.Option(
        "--subject", help="Only entries about this subject (雄安新区; part of a name matches).")] = None,
    grep: Annotated[Optional[str], typer.Option(
        "--grep", help="Only entries whose event or sentences contain this text, simplified or "
        "traditional.")] = None,
    article: ArticleFilter = None,
    programme: Programme = None,
    targets: Annotated[bool, typer.Option(
        "--targets", help="Add targets at their deadlines, marked future or due against the newest "
        "article.")] = False,
    formulations: Annotated[bool, typer.Option(
        "--formulations", help="Add the first appearance of each slogan (“六链五群”).")] = False,
    limit: Annotated[Optional[int], typer.Option(
        "--limit", "-n", min=0, max=MOST, help="Show only the newest this many entries (still oldest first); "
        f"a table shows the newest {TABLE_ROWS} unless told, 0 shows all.")] = None,
    fmt: Annotated[TimelineFormat, typer.Option(
        "--format", "-f", help="table, json, jsonl, csv, markdown or html (one self-contained page).")]
    = TimelineFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """Show dated events from all articles, oldest first and grouped by year.

    One event told by several articles is one entry at its most precise date, with
    every source: 2023年5月, 去年5月 and 5月12日下午 about the same symposium become one
    entry dated 2023-05-12.  Each date is shown at its own precision (a year-only event
    is 2015, never 2015-01-01).

    Example: tracker timeline --since 2023 --grep 座谈会 ; tracker timeline --targets --format html -o timeline.html
    """
    from ..compare.events import sort_events

    today = dt.date.today()
    since_date = _when("--since", since, today)
    until_date = _when("--until", until, today)
    if since_date and until_date and since_date.first_day() > until_date.last_day():
        raise BadUsage(f"--since {since} is after --until {until}: nothing could match; swap them?")
    store = open_store(db)
    article_id = store.resolve(article) if article else None
    kinds = ["milestone"] + (["target"] if targets else []) + (["formulation"] if formulations else [])
    if limit is None and fmt == Format.table:
        limit = TABLE_ROWS + 1  # one more than shown: enough to say that more were left out
    limit = limit or None
    warn_if_stale(store)
    # Subject is matched in Python (its simplified form), after SQL has cut the entries down.
    events = store.events(kinds, since_date, until_date, grep, article_id, programme_names(programme),
                          limit if not subject else None)
    from ..output import timeline as views

    events = views.filter_events(sort_events(events), since_date, until_date, subject, grep, article_id)
    if limit is not None:
        events = events[-limit:]
    with destination(output) as out:
        if fmt == Format.table and len(events) > TABLE_ROWS and limit == TABLE_ROWS + 1:
            events = events[1:]
            print_line(out, f"the newest {TABLE_ROWS} entries; --limit N shows more, --limit 0 all", "dim")
        _write(out, events, fmt)


def _when(option: str, text: Optional[str], today: dt.date) -> Optional[PartialDate]:
    from ..output import timeline as views

    if text is None:
        return None
    try:
        return views.parse_when(text, today)
    except ValueError:
        raise BadUsage(f"{option} {text!r}: not a date; try 2024, 2024-05 or \"2 years ago\"") from None


def _write(out, events, fmt: Format) -> None:
    from ..output import timeline as views

    if fmt == Format.table:
        print_table(out, views.to_table(events, title=plural(len(events), "entry")))
        return
    text = {
        Format.json: lambda: views.to_json(events) + "\n",
        Format.jsonl: lambda: "".join(json.dumps(views.event_row(e), ensure_ascii=False) + "\n"
                                      for e in events),
        Format.csv: lambda: views.to_csv(events),
        Format.markdown: lambda: views.to_markdown(events),
        Format.html: lambda: views.to_html(
            events, title="Timeline", note="Dates at their own precision; each source links to its sentence."),
    }[fmt]()
    out.out(text, highlight=False, end="")
