"""`tracker eval`: the extractor scored against hand-made gold answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import evaluate as scoring
from .. import pipeline
from .common import Format, formats, Output, destination, handles_errors


EvaluateFormat = formats("EvaluateFormat", "table", "json")


@handles_errors
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (see FORMAT.md).")],
    text_dir: Annotated[Path, typer.Argument(help="Folder holding the articles the gold files name.")],
    misses: Annotated[bool, typer.Option(
        "--misses", help="List every missed gold claim and unmatched prediction.")] = False,
    fmt: Annotated[EvaluateFormat, typer.Option("--format", "-f", help="table (a text report) or json.")] = EvaluateFormat.table,
    output: Output = None,
    db: Annotated[Optional[str], typer.Option(
        "--db", help="Keep the scored articles in this database (default: a temporary one).")] = None,
):
    """Score the extractor against hand-made gold answers: precision, recall and F1 per kind.

    Reads TEXT_DIR into a temporary database, matches predictions to the gold claims
    by the rules in FORMAT.md, and reports per kind, per article, core recall and the
    publication dates.

    Example: tracker eval ../shared/gold ../shared/seeds --misses
    """
    corpus = pipeline.evaluate(gold_dir, text_dir, db)
    with destination(output) as out:
        if fmt == Format.json:
            out.out(json.dumps(scoring.to_json(corpus), ensure_ascii=False, indent=2), highlight=False)
        else:
            for line in scoring.report_lines(corpus, misses):
                out.out(line, highlight=False)
