"""`tracker eval`: the extractor scored against hand-made gold answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import evaluate as scoring
from .. import evaluate_targets as targets_scoring
from .. import pipeline
from .common import Format, formats, Output, destination, handles_errors


EvaluateFormat = formats("EvaluateFormat", "table", "json")


@handles_errors
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(
        help="Folder of per-article gold JSON files, or a targets table (targets.json, or its folder); see FORMAT.md.")],
    text_dir: Annotated[Path, typer.Argument(help="Folder holding the articles the gold files name.")],
    misses: Annotated[bool, typer.Option(
        "--misses", help="List every missed gold claim and unmatched prediction.")] = False,
    fmt: Annotated[EvaluateFormat, typer.Option("--format", "-f", help="table (a text report) or json.")] = EvaluateFormat.table,
    output: Output = None,
    db: Annotated[Optional[str], typer.Option(
        "--db", help="Keep the scored articles in this database (default: a temporary one).")] = None,
):
    """Score the extractor against hand-made gold answers.

    Reads TEXT_DIR into a temporary database and matches predictions to the gold by the
    rules in FORMAT.md.  The gold's format is detected: per-article claims files give
    precision, recall and F1 per kind, per article, core recall, the publication dates and
    how often a matched figure's as_of or target's deadline is right; a targets table (one
    JSON list) gives each kind's entries found strictly and leniently, and each report's year.

    Example: tracker eval ../shared/gold ../shared/seeds --misses ;
    tracker eval ../shared/gold/gwr-2004-2013/targets.json ../shared/corpora/gwr-2004-2013
    """
    score = pipeline.evaluate(gold_dir, text_dir, db)
    module = targets_scoring if isinstance(score, targets_scoring.TargetsScore) else scoring
    with destination(output) as out:
        if fmt == Format.json:
            out.out(json.dumps(module.to_json(score), ensure_ascii=False, indent=2), highlight=False)
        else:
            for line in module.report_lines(score, misses):
                out.out(line, highlight=False)
