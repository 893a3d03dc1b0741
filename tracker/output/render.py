"""Turn rows into what a person or a program reads: rich tables, JSON, JSON lines, CSV.

Rich tables fit the console they are given and degrade to plain text when piped;
machine formats never depend on the console.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Optional, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .plain_table import print_line, print_table, print_texts  # noqa: F401 - the commands draw through render
from ..models import Series, format_value, plural, readable_number as _number  # noqa: F401 - used by the views

KIND_STYLES = {
    "figure": "bold cyan",
    "target": "bold magenta",
    "milestone": "bold green",
    "formulation": "bold yellow",
    "document": "bold blue",
}


def to_json(rows: Sequence[dict], columns: Optional[Sequence[str]] = None) -> str:
    return json.dumps([_pick(r, columns) for r in rows], ensure_ascii=False, indent=2)


def to_jsonl(rows: Sequence[dict], columns: Optional[Sequence[str]] = None) -> str:
    return "\n".join(json.dumps(_pick(r, columns), ensure_ascii=False) for r in rows)


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(row.get(k)) for k in columns})
    return buffer.getvalue()


def emit(console: Console, rows: Sequence[dict], columns: Sequence[str], fmt: str,
         table: Optional[Table] = None) -> None:
    """Print rows in the chosen format; ``table`` is the rich rendering for ``table``."""
    if fmt == "json":
        console.out(to_json(rows, columns), highlight=False)
    elif fmt == "jsonl":
        if rows:
            console.out(to_jsonl(rows, columns), highlight=False)
    elif fmt == "csv":
        console.out(to_csv(rows, columns), highlight=False, end="")
    else:
        print_table(console, table if table is not None else simple_table(rows, columns))


def simple_table(rows: Iterable[dict], columns: Sequence[str], title: Optional[str] = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    return table


def highlight(text: str, needle: str, style: str = "bold reverse", haystack: Optional[str] = None) -> Text:
    """``text`` with every occurrence of ``needle`` (found in ``haystack``, same length) styled."""
    rich_text = Text(text)
    where = haystack if haystack is not None else text
    if needle:
        start = where.find(needle)
        while start >= 0:
            rich_text.stylize(style, start, start + len(needle))
            start = where.find(needle, start + len(needle))
    return rich_text


def mark_spans(text: str, spans: Iterable[tuple[int, int, str]], brackets: bool = False) -> Text:
    """``text`` with each (start, end, kind) span styled by its kind.

    With ``brackets`` each span is also written ``[text|kind]``, so the marks survive
    where colour does not (a file, a pipe).
    """
    spans = sorted((s, e, k) for s, e, k in spans if 0 <= s < e <= len(text))
    if not brackets:
        rich_text = Text(text)
        for start, end, kind in spans:
            rich_text.stylize(KIND_STYLES.get(kind, "bold"), start, end)
        return rich_text
    rich_text, at = Text(), 0
    for start, end, kind in spans:
        if start < at:  # nested or overlapping spans: the first one is marked
            continue
        rich_text.append(text[at:start])
        rich_text.append(f"[{text[start:end]}|{kind}]", style=KIND_STYLES.get(kind, "bold"))
        at = end
    rich_text.append(text[at:])
    return rich_text


def stream(console: Console, rows: Iterable[dict], columns: Sequence[str], fmt: str) -> int:
    """Write rows as JSON lines or CSV one at a time; return how many were written."""
    count = 0
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps builds for every row
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        console.file.write(buffer.getvalue())
    for row in rows:
        if fmt == "jsonl":
            console.file.write(encode(_pick(row, columns)) + "\n")
        else:
            buffer = io.StringIO()
            csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n") \
                .writerow({k: _csv_cell(row.get(k)) for k in columns})
            console.file.write(buffer.getvalue())
        count += 1
    console.file.flush()
    return count


def _pick(row: dict, columns: Optional[Sequence[str]]) -> dict:
    return dict(row) if columns is None else {c: row.get(c) for c in columns}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _csv_cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


# Charts of a series: bars and sparklines drawn from its points.

SPARKS = "▁▂▃▄▅▆▇█"
BLOCKS = " ▏▎▍▌▋▊▉█"


def chart(series: Series, width: int = 16) -> list[tuple[str, str, str, str]]:
    """One row per point: when, a bar from zero to the value, the value, the kind.

    Bars start at zero, so 3748.6亿 beside 5002.5亿 looks three quarters as long and
    83% of a target looks like 83%; the largest magnitude fills ``width`` blocks.  A
    negative value is drawn by its size (its label carries the sign).
    """
    values = [abs(p.value) for p in series.points if p.value is not None]
    high = max(values) if values else 0.0
    rows = []
    for point in series.points:
        if point.value is None:
            bar = ""
        else:
            bar = _bar(abs(point.value) / high if high else 0.0, width)
        label = format_value(point.value, series.unit, point.qualifier, point.value_high)
        rows.append((point.when or "undated", bar, label, point.kind))
    return rows


def _bar(share: float, width: int) -> str:
    eighths = round(share * width * 8)
    if eighths == 0:
        return "▏" if share > 0 else ""
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def sparkline(series: Series) -> str:
    """The series' values as one line of ▁…█, scaled to its range."""
    values = [p.value for p in series.points if p.value is not None]
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[len(SPARKS) // 2] * len(values)
    return "".join(SPARKS[round((v - low) / (high - low) * (len(SPARKS) - 1))] for v in values)


def band_chart(series: Series, width: int = 16) -> list[tuple[str, str, str, str]]:
    """One row per point on a common scale: a target as a band (≈7.5 ``├┼┤``, ≥1000万 ``├──→``,
    6–6.5 ``├─┤``), a figure as a point ``●`` at its as_of.  The scale runs over every
    value and band of the series, so a year's outcome stands visibly inside or outside
    the band of its target."""
    spans = []
    for point in series.points:
        if point.value is None:
            spans.append(None)
            continue
        low, high = point.value, point.value_high if point.value_high is not None else point.value
        if point.kind == "target" and point.qualifier == "~":
            pad = 0.5 if series.unit == "%" else 0.05 * abs(point.value)
            low, high = low - pad, high + pad
        spans.append((low, high))
    found = [s for s in spans if s]
    if not found:
        return chart(series, width)
    bottom, top = min(s[0] for s in found), max(s[1] for s in found)
    scale = (top - bottom) or 1.0

    def at(x: float) -> int:
        return max(0, min(width - 1, round((x - bottom) / scale * (width - 1))))

    rows = []
    for point, span in zip(series.points, spans):
        label = format_value(point.value, series.unit, point.qualifier, point.value_high)
        cells = [" "] * width
        if span is not None and point.kind == "target":
            a, b = at(span[0]), at(span[1])
            if point.qualifier in (">", ">="):
                b = width - 1
            if point.qualifier in ("<", "<="):
                a = 0
            for i in range(a, b + 1):
                cells[i] = "─"
            cells[a], cells[b] = "├", "→" if point.qualifier in (">", ">=") else "┤"
            if point.qualifier in ("<", "<="):
                cells[a] = "←"
            if a == b:
                cells[a] = "┼"
        elif span is not None:
            cells[at(point.value)] = "●"
        rows.append((point.when or "undated", "".join(cells).rstrip(), label, point.kind))
    return rows
