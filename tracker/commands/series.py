"""`tracker evolve`: one metric across documents, each figure and target charted."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Optional

import typer
from rich.cells import cell_len
from rich.padding import Padding
from rich.text import Text

from ..output import render
from .programmes import Programme, programme_names

from .common import MOST, TABLE_ROWS, Db, Format, formats, Output, destination, handles_errors, open_store
from ..errors import BadUsage
from ..models import Conflict, Evolution, Series

POINT_COLUMNS = ["as_of", "value", "value_high", "qualifier", "kind", "article", "published", "sentence"]
EVOLVE_CSV = ["subject", "metric", "unit", *POINT_COLUMNS, "conflict"]
BAR_WIDTH = 16
#: The most claims ``evolve`` reads for a terminal table (of the newest sources).
EVOLVE_READ = 10_000


EvolveFormat = formats("EvolveFormat", "table", "json", "jsonl", "csv", "html")


@handles_errors
def evolve(
    query: Annotated[str, typer.Argument(
        help="Words of the metric or its sentence, simplified or traditional (技术合同, 地区生产总值).")],
    limit: Annotated[Optional[int], typer.Option(
        "--limit", "-n", min=1, max=MOST, help="Show at most this many series (most sources first).")] = None,
    fmt: Annotated[EvolveFormat, typer.Option(
        "--format", "-f", help="table (with a small chart per series), json, jsonl, csv or html (one page).")] = EvolveFormat.table,
    output: Output = None,
    programme: Programme = None,
    db: Db = "db/tracker.db",
):
    """Follow one metric across documents: each figure and target, charted.

    Claims whose metric, or the clause holding their number, contains QUERY
    are grouped into series by subject, metric and unit; metrics worded
    differently (央企子公司 / 央企二、三级子公司) still meet.  A target and
    the figures reported later for its metric share a series, told apart by
    kind.  Sources giving different values for one date are flagged.

    Example: tracker evolve 技术合同 ; tracker evolve 地区生产总值 -f json
    """
    if not query.strip():
        raise BadUsage("QUERY is empty: give words of a metric, such as 技术合同")
    from ..compare import series as core

    store = open_store(db)
    programmes = programme_names(programme)
    # A terminal shows about TABLE_ROWS points: it reads the claims of the newest sources
    # only, so a metric told every day for a century costs what a few years of it do.
    newest = EVOLVE_READ if limit is None and fmt == Format.table else None
    candidates = store.series_candidates(query, programmes, newest)
    cut = None
    if newest is not None and len(candidates) >= newest:
        cut = (f"read only the {newest:,} figures and targets of the newest sources that may match (more do); "
               "--format json or csv reads them all")
    # Conflicts are read from the stored pairs, not found by comparing every point with every other.
    evolution = core.evolve(candidates, query, store.conflicting_pairs(c.id for c in candidates))
    note = None
    if limit is not None:
        evolution = core.most_told(evolution, limit)
    elif fmt == Format.table:
        evolution, note = _fit_screen(evolution, core.most_told)
    with destination(output) as out:
        if cut:
            render.print_line(out, cut, "dim")
        if note:
            render.print_line(out, note, "dim")
        if fmt == Format.json:
            out.out(json.dumps(evolution.to_dict(), ensure_ascii=False, indent=2), highlight=False)
        elif fmt in (Format.csv, Format.jsonl):
            render.stream(out, _evolve_rows(evolution), EVOLVE_CSV, fmt.value)
        elif fmt == Format.html:
            from ..output import series_html

            out.out(series_html.to_html(evolution), highlight=False, end="")
        else:
            _print_evolution(out, evolution)


def _fit_screen(evolution: Evolution, most_told) -> tuple[Evolution, Optional[str]]:
    """A terminal's share of an evolution: the series told by the most sources, about
    TABLE_ROWS points in all, each at most its last TABLE_ROWS; and a note saying so
    (None when everything fits).  Exports are never cut."""
    total = sum(len(s.points) for s in evolution.series)
    if total <= TABLE_ROWS:
        return evolution, None
    shown = count = 0
    for one in sorted(evolution.series, key=lambda s: -len(s.articles)):  # most_told's order
        if count and shown + len(one.points) > TABLE_ROWS:
            break
        count, shown = count + 1, shown + min(len(one.points), TABLE_ROWS)
    kept = most_told(evolution, count)
    series = tuple(replace(s, points=s.points[-TABLE_ROWS:]) for s in kept.series)
    on_screen = {(p.article, p.claim) for s in series for p in s.points}
    conflicts = tuple(c for c in kept.conflicts if all((p.article, p.claim) in on_screen for p in c.points))
    cut = any(len(s.points) > TABLE_ROWS for s in kept.series)
    note = (f"{shown} of {total} points: {count} of {len(evolution.series)} series, those told by the most sources"
            + (f" (at most the last {TABLE_ROWS} points of each)" if cut else "")
            + "; --limit N shows N series whole, --format json or csv every point")
    return Evolution(evolution.query, series, conflicts), note


def _conflicting(evolution: Evolution) -> set:
    return {(p.article, p.claim) for c in evolution.conflicts for p in c.points}


def _evolve_rows(evolution: Evolution) -> list[dict]:
    flagged = _conflicting(evolution)
    return [{"subject": s.subject, "metric": s.metric, "unit": s.unit, **p.to_dict(),
             "conflict": (p.article, p.claim) in flagged}
            for s in evolution.series for p in s.points]


def _print_evolution(console, evolution: Evolution) -> None:
    count = len(evolution.series)
    if not count:
        console.print(f"no figures or targets match {evolution.query!r}; "
                      "`tracker search` finds sentences", highlight=False)
        return
    console.print(Text.assemble((f"{count} series", "bold"), f" match {evolution.query!r}"), highlight=False)
    flagged = _conflicting(evolution)
    # Drawn in one print: a print per line cost more than the query (0.5 ms each, 370 of them).
    lines: list = []
    for one in evolution.series:
        lines += [Text(""), _series_header(one)]
        for (when, bar, label, kind), point in zip(render.band_chart(one, BAR_WIDTH), one.points):
            line = Text("  ")
            line.append(_pad(when, 11))
            line.append(_pad(bar, BAR_WIDTH + 1), style=render.KIND_STYLES.get(kind, ""))
            line.append(_pad(label, 16), style="bold")
            line.append(_pad(kind, 7), style=render.KIND_STYLES.get(kind, ""))
            line.append(f"#{point.article}", style="dim")
            if point.kind == "target" and point.deadline:
                line.append(f"  by {point.deadline}", style=render.KIND_STYLES["target"])
            if (point.article, point.claim) in flagged:
                line.append("  conflict", style="bold red")
            lines += [line, Padding(Text(point.clause.strip(), style="dim"), (0, 0, 0, 13), expand=False)]
    for conflict in evolution.conflicts:
        lines += [Text(""), _conflict_line(conflict)]
    render.print_texts(console, lines)


def _series_header(one: Series) -> Text:
    header = Text(one.metric, style="bold")
    header.append(f"  {one.subject or 'no subject'} · {one.unit or 'no unit'}", style="dim")
    header.append(f"  {render.sparkline(one)}", style="cyan")
    sources = len(one.articles)
    header.append(f"  {sources} source{'s' if sources != 1 else ''}", style="dim")
    return header


def _conflict_line(conflict: Conflict) -> Text:
    a, b = conflict.points
    text = Text("conflict: ", style="bold red")
    text.append(f"{conflict.subject or 'no subject'} {conflict.metric} as of {conflict.as_of}\n  ")
    text.append(render.format_value(a.value, conflict.unit, a.qualifier, a.value_high), style="bold")
    text.append(f" (#{a.article}, {a.published or 'undated'}) vs ")
    text.append(render.format_value(b.value, conflict.unit, b.qualifier, b.value_high), style="bold")
    text.append(f" (#{b.article}, {b.published or 'undated'})")
    return text


def _pad(text: str, width: int) -> str:
    return text + " " * max(1, width - cell_len(text))
