"""`tracker targets`: promises against results, each target judged by the outcome of its own metric and period."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from ..models import clause
from ..output import render
from .common import TABLE_ROWS, Db, Format, formats, Limit, Output, destination, handles_errors, open_store, warn_if_stale
from .programmes import Programme, programme_names

STATUS_STYLES = {"met": "bold green", "exceeded": "bold green", "nearly met": "yellow", "missed": "bold red",
                 "not yet due": "dim", "due, no outcome reported": "magenta"}
TARGET_COLUMNS = ["subject", "metric", "metric_key", "value", "value_high", "unit", "qualifier", "polarity",
                  "deadline", "strength", "article", "published", "sentence", "verdict", "verdict_rule",
                  "official_verdict", "outcome", "conflicts"]

TargetsFormat = formats("TargetsFormat", "table", "json", "jsonl", "csv")


@handles_errors
def targets(
    metric: Annotated[Optional[str], typer.Option(
        "--metric", "-m", help="Only this metric (国内生产总值增长, 经济增长, CPI … any written form).")] = None,
    subject: Annotated[Optional[str], typer.Option("--subject", "-s", help="Only this subject (全国, 河北…).")] = None,
    programme: Programme = None,
    limit: Limit = None,
    fmt: Annotated[TargetsFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = TargetsFormat.table,
    output: Output = None,
    db: Db = "db/tracker.db",
):
    """List targets by period, each judged by the outcome of its own metric and period.

    A target is judged only by a figure (never another target) of the same
    metric, subject and unit whose date falls in the target's deadline period,
    told by a source published after the period began; the figure naming the
    period exactly, from the latest source, wins.  Verdicts: not yet due, due
    (no outcome reported), met, exceeded, nearly met, missed, each with the
    rule that decided it; 左右 allows ±0.5 points on a percentage, ±5% otherwise
    (tracker/data/verdict_tolerances.tsv).  Metrics and their polarity are rows
    of tracker/data/metrics.tsv.

    Example: tracker targets --metric 国内生产总值增长 ; tracker targets --format json
    """
    store = open_store(db)
    newest = store.newest_published()  # not every article row with its counts
    warn_if_stale(store)
    if limit is None and fmt == Format.table:
        limit = TABLE_ROWS  # a terminal table: the soonest targets; json and csv give them all
    statuses = store.target_statuses(metric, subject, programme_names(programme), limit, newest)
    rows = [s.to_dict() for s in statuses]
    with destination(output) as out:
        if fmt == Format.json:
            out.out(json.dumps(rows, ensure_ascii=False, indent=2), highlight=False)
        elif fmt in (Format.csv, Format.jsonl):
            flat = [{**r, "outcome": json.dumps(r["outcome"], ensure_ascii=False) if fmt == Format.csv else r["outcome"]}
                    for r in rows]
            render.stream(out, flat, TARGET_COLUMNS, fmt.value)
        else:
            render.print_table(out, _targets_table(statuses, newest))
            for status in statuses:
                for other in status.conflicts:
                    out.print(_outcome_conflict(status, other))


def _targets_table(statuses, newest) -> Table:
    as_of = f" (newest article {newest})" if newest else ""
    table = Table(title=f"{render.plural(len(statuses), 'target')}{as_of}", expand=False)
    table.add_column("period", no_wrap=True)
    table.add_column("target", overflow="fold", ratio=3)
    table.add_column("goal", overflow="fold")
    table.add_column("outcome", overflow="fold")
    table.add_column("verdict", overflow="fold")
    table.add_column("src", no_wrap=True)
    for status in statuses:
        out = status.outcome
        verdict = Text(status.verdict, style=STATUS_STYLES.get(status.verdict, ""))
        if status.official_verdict:
            verdict.append(f" (text: {status.official_verdict})", style="dim")
        if status.conflicts:
            verdict.append(" conflict", style="bold red")
        table.add_row(
            status.deadline or "—",
            Text.assemble((f"{status.subject or '—'} ", "dim"), clause(status.sentence, status.surface, status.at).strip()),
            render.format_value(status.value, status.unit, status.qualifier, status.value_high),
            render.format_value(out.value, status.unit, out.qualifier, out.value_high) + f" ({out.as_of})" if out else "",
            verdict,
            f"#{status.article}" + (f"→#{out.article}" if out else ""),
        )
    return table


def _outcome_conflict(status, other) -> Text:
    out = status.outcome
    text = Text("conflict: ", style="bold red")
    text.append(f"{status.subject or 'no subject'} {status.metric_key or status.metric} {status.deadline}\n  ")
    for point in (out, other):
        text.append(render.format_value(point.value, status.unit), style="bold")
        text.append(f" (#{point.article}, {point.published or 'undated'}): {point.sentence.strip()}\n  ")
    return text
