"""Filter timeline entries and render them: rich table, JSON, CSV, Markdown, one HTML page.

Everything here is pure: entries in, text or a rich renderable out.  Dates stay at
their own precision everywhere — a year-only event is ``2015``, never 2015-01-01 —
and ordering comes from :func:`tracker.events.sort_events`, so the same database
always gives the same output.  ``parse_when`` is the one place dateparser is used: for
what users type (``--since "2 years ago"``), never for Chinese text.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from itertools import groupby
from typing import Iterable, Optional, Sequence

from rich.table import Table
from rich.text import Text

from ..dates import PartialDate
from ..models import Event, EventSource
from ..read.script import simplify
from .render import KIND_STYLES, plural

CSV_COLUMNS = ("date", "precision", "kind", "status", "event", "subjects", "sources")
_ISO = re.compile(r"^\s*\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?\s*$")


# ------------------------------------------------------------------ parsing


def parse_when(text: str, today: dt.date) -> PartialDate:
    """Read what a user typed for --since/--until: ``2024``, ``2024-05``, ``2024-05-12``, ``2 years ago``.

    A phrase that names a date of its own (``May 2024``) keeps the precision it was
    written at; one counted from ``today`` (``2 years ago``) is a day.  Raises
    ``ValueError`` when the text is not a date.
    """
    if _ISO.match(text or ""):
        return PartialDate.parse(text)
    if re.fullmatch(r"[\s\d+\-./]*", text or ""):
        # dateparser reads a bare "1" as January: numbers are dates only in ISO form.
        raise ValueError(f"not a date: {text!r}")
    found = _dateparser_read(text, today)
    if found is None:
        raise ValueError(f"not a date: {text!r}")
    day, period = found
    # A phrase read the same from another day does not depend on today: keep its period.
    elsewhere = _dateparser_read(text, today - dt.timedelta(days=400))
    absolute = elsewhere is not None and elsewhere[0] == day
    date = PartialDate.from_date(day)
    return date.truncate(period) if absolute and period in ("year", "month") else date


def _dateparser_read(text: str, today: dt.date) -> Optional[tuple[dt.date, str]]:
    from dateparser.date import DateDataParser  # slow to import; only --since/--until need it

    base = dt.datetime(today.year, today.month, today.day)
    parser = DateDataParser(languages=["en", "zh"],
                            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                      "PREFER_DAY_OF_MONTH": "first"})
    data = parser.get_date_data(text or "")
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


# ---------------------------------------------------------------- filtering


def filter_events(
    events: Iterable[Event],
    since: Optional[PartialDate] = None,
    until: Optional[PartialDate] = None,
    subject: Optional[str] = None,
    grep: Optional[str] = None,
    article: Optional[int] = None,
) -> list[Event]:
    """Entries that could fall in [since, until], with the subject, text or source asked for.

    Dates compare as spans: an entry dated 2024 is kept by ``--since 2024-05`` because
    it may be later than May.  Subject and text match in simplified characters, so
    traditional input finds simplified entries and the other way round.
    """
    subject_key = simplify(subject.strip()) if subject else None
    needle = simplify(grep.strip()) if grep else None
    kept = []
    for event in events:
        date = PartialDate.parse(event.date)
        if since is not None and date.last_day() < since.first_day():
            continue
        if until is not None and date.first_day() > until.last_day():
            continue
        if subject_key and not any(subject_key in simplify(s) for s in event.subjects):
            continue
        if needle and not _mentions(event, needle):
            continue
        if article is not None and not any(s.article == article for s in event.sources):
            continue
        kept.append(event)
    return kept


def _mentions(event: Event, needle: str) -> bool:
    texts = [event.event, *(s.sentence for s in event.sources)]
    return any(needle in simplify(text) for text in texts)


# -------------------------------------------------------------------- rows


def display_date(event: Event) -> str:
    """The date at its own precision: ``2015``, ``2023-05``, ``2023-05-12``."""
    return PartialDate.parse(event.date).iso


def source_label(source: EventSource) -> str:
    """``#3 (2024-03)``: the article id and its publication date."""
    return f"#{source.article} ({source.published or 'undated'})"


def source_labels(event: Event) -> list[str]:
    """One label per article, in the entry's source order."""
    return list(dict.fromkeys(source_label(s) for s in event.sources))


def kind_label(event: Event) -> str:
    """What the entry is when it is not a plain milestone: ``target, future`` or ``first use``."""
    if event.kind == "target":
        words = ["target", event.status, event.verdict.replace("_", " ") if event.verdict else None]
        return ", ".join(w for w in words if w)
    if event.kind == "formulation":
        return "first use"
    return ""


def event_row(event: Event) -> dict:
    """The JSON shape of an entry; ``status`` appears on targets only."""
    row = {
        "date": event.date,
        "precision": event.precision,
        "event": event.event,
        "subjects": list(event.subjects),
        "kind": event.kind,
        "sources": [{"article": s.article, "published": s.published, "sentence": s.sentence,
                     "claim": s.claim} for s in event.sources],
    }
    if event.kind == "target":
        row["status"] = event.status
        row["verdict"] = event.verdict
    return row


def by_year(events: Sequence[Event]) -> list[tuple[int, list[Event]]]:
    """Entries grouped by year, in their order (already oldest first)."""
    return [(year, list(group)) for year, group in groupby(events, key=lambda e: int(e.date[:4]))]


# --------------------------------------------------------------- renderers


#: How much of an event's text a table shows; json, csv, markdown and html show it whole.
TABLE_EVENT_CHARS = 60


def short(text: str, limit: int = TABLE_EVENT_CHARS) -> str:
    """An event's text cut for a table cell, marked when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def to_table(events: Sequence[Event], title: Optional[str] = None) -> Table:
    """A rich table, one section per year; folds to the console's width (80 columns is enough)."""
    table = Table(title=title, expand=False, show_lines=False)
    table.add_column("date", no_wrap=True, min_width=4)
    table.add_column("event", overflow="fold", ratio=3)
    table.add_column("subjects", overflow="fold", ratio=1)
    table.add_column("sources", overflow="fold", ratio=1, min_width=10)
    for number, (year, group) in enumerate(by_year(events)):
        if number:
            table.add_section()  # a rule between years: the dates themselves name the year
        for event in group:
            text = Text()
            label = kind_label(event)
            if label:
                text.append(f"[{label}] ", style=KIND_STYLES.get(event.kind, "bold"))
            text.append(short(event.event))
            table.add_row(display_date(event), text, "、".join(event.subjects),
                          "\n".join(source_labels(event)))
    return table


def to_json(events: Sequence[Event]) -> str:
    return json.dumps([event_row(e) for e in events], ensure_ascii=False, indent=2)


def to_csv(events: Sequence[Event]) -> str:
    """One row per entry; subjects and sources joined with ``; ``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow([event.date, event.precision, event.kind, event.status or "", event.event,
                         "; ".join(event.subjects), "; ".join(source_labels(event))])
    return buffer.getvalue()


def to_markdown(events: Sequence[Event]) -> str:
    """A heading per year and a table of its entries."""
    lines = ["# Timeline", ""]
    if not events:
        lines.append("No entries.")
    for year, group in by_year(events):
        lines += [f"## {year}", "", "| date | event | subjects | sources |", "|---|---|---|---|"]
        for event in group:
            label = kind_label(event)
            text = f"*{label}:* {event.event}" if label else event.event
            cells = [display_date(event), text, "、".join(event.subjects), ", ".join(source_labels(event))]
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_html(events: Sequence[Event], title: str = "Timeline", note: str = "") -> str:
    """One self-contained page: a vertical timeline by year, each source linked to its sentence."""
    e = html.escape
    body = []
    for year, group in by_year(events):
        body.append(f'<section class="year" id="y{year}"><h2>{year}</h2><ol class="entries">')
        body.extend(_html_entry(event) for event in group)
        body.append("</ol></section>")
    if not events:
        body.append('<p class="empty">No entries.</p>')
    years = " ".join(f'<a href="#y{year}">{year}</a>' for year, _ in by_year(events))
    count = plural(len(events), "entry")
    return _PAGE.format(title=e(title), count=e(count), note=e(note), years=years, body="\n".join(body),
                        css=_CSS, script=_SCRIPT)


def _html_entry(event: Event) -> str:
    e = html.escape
    label = kind_label(event)
    kind = f'<span class="kind {e(event.kind)}">{e(label)}</span> ' if label else ""
    subjects = "".join(f'<span class="subject">{e(s)}</span>' for s in event.subjects)
    links, sentences = [], []
    for source in event.sources:
        anchor = f"c{source.claim}"
        links.append(f'<a href="#{anchor}">{e(source_label(source))}</a>')
        sentences.append(f'<li id="{anchor}"><span class="who">{e(source_label(source))}</span> '
                         f'{e(source.sentence)}</li>')
    told = plural(len(event.sources), "sentence")
    return (
        f'<li class="entry {e(event.kind)}">'
        f'<div class="when"><time datetime="{e(event.date)}">{e(display_date(event))}</time> '
        f'<span class="precision">({e(event.precision)})</span></div>'
        f'<div class="what">{kind}{e(event.event)}</div>'
        f'<div class="meta">{subjects}<span class="sources">{" ".join(links)}</span></div>'
        f'<details><summary>{told}</summary><ol class="sentences">{"".join(sentences)}</ol></details>'
        f"</li>"
    )


_CSS = """
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:0 auto;max-width:52rem;padding:1.5rem;color:#1d2430;background:#fafaf7;line-height:1.55}
header p{color:#5b6472;margin:.2rem 0} nav a{margin-right:.6rem;color:#3b5bdb}
h2{margin:1.6rem 0 .4rem;font-size:1.3rem}
ol.entries{list-style:none;margin:0;padding:0 0 0 1.6rem;border-left:3px solid #c9d1dc}
li.entry{position:relative;margin:0 0 1.1rem;padding:.5rem .8rem;background:#fff;
border:1px solid #e3e7ed;border-radius:6px}
li.entry::before{content:"";position:absolute;left:-2.15rem;top:.85rem;width:.8rem;height:.8rem;
border-radius:50%;background:#2f9e44;border:2px solid #fafaf7}
li.entry.target::before{background:#ae3ec9} li.entry.formulation::before{background:#f08c00}
.when{font-variant-numeric:tabular-nums;font-weight:600} .precision{color:#868e96;font-weight:400}
.what{margin:.2rem 0} .kind{font-size:.8rem;padding:0 .35rem;border-radius:3px;background:#f3d9fa}
.kind.formulation{background:#ffec99}
.meta{font-size:.85rem;color:#495057} .subject{background:#e7f5ff;border-radius:3px;padding:0 .35rem;
margin-right:.4rem} .sources a{margin-right:.5rem;color:#3b5bdb}
details{font-size:.9rem;margin-top:.3rem} summary{cursor:pointer;color:#5b6472}
ol.sentences{padding-left:1.2rem} ol.sentences li:target{background:#fff3bf}
.who{color:#868e96;font-size:.8rem}
"""

# Opens the sentence list a source link points into (a closed <details> hides its target).
_SCRIPT = """
function openTarget(){var t=location.hash&&document.getElementById(location.hash.slice(1));
if(t){var d=t.closest('details');if(d){d.open=true;t.scrollIntoView();}}}
window.addEventListener('hashchange',openTarget);window.addEventListener('load',openTarget);
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header><h1>{title}</h1><p>{count}. {note}</p><nav>{years}</nav></header>
<main>
{body}
</main>
<script>{script}</script>
</body>
</html>
"""
