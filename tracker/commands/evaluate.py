"""`tracker eval`: the extractor scored against hand-made gold answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..errors import BadUsage
from .common import Format, formats, Output, destination, handles_errors
from .programmes import programme_names

if TYPE_CHECKING:  # the scorers load inside the command that runs them
    from .. import evaluate_events as events_scoring


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
    stories: Annotated[Optional[Path], typer.Option(
        "--stories", help="Events gold: the gold programme stories (stories.json), for the share of "
        "timeline entries inside them.")] = None,
    programme: Annotated[Optional[str], typer.Option(
        "--programme", "-p", help="Events gold: score only timeline entries told in pieces about this "
        "programme (京津冀…).")] = None,
):
    """Score the extractor against hand-made gold answers.

    Reads TEXT_DIR into a temporary database and matches predictions to the gold by the
    rules in FORMAT.md.  The gold's format is detected: per-article claims files give
    precision, recall and F1 per kind, per article, core recall, the publication dates and
    how often a matched figure's as_of or target's deadline is right; a targets table (one
    JSON list) gives each kind's entries found strictly and leniently, and each report's year;
    an events list (items with "mentions") scores the merged timeline: events found, events
    told more than once kept as one entry, and with --stories the share of entries from the
    gold programme stories (with --programme too: how many of those stories are pieces marked
    relevant to it).

    Example: tracker eval ../shared/gold ../shared/seeds --misses ;
    tracker eval ../shared/gold/gwr-2004-2013/targets.json ../shared/corpora/gwr-2004-2013 ;
    tracker eval ../shared/gold/xwlb-2024/events-2024.json ../shared/corpora/xwlb-2022-2024
    --stories ../shared/gold/xwlb-2024/stories-2024.json --programme 京津冀
    """
    # The extractor and the scorers: loaded when a score is asked for, not when any command starts.
    from .. import evaluate as scoring, evaluate_events as events_scoring, evaluate_targets as targets_scoring, pipeline

    events_gold = _events_gold(gold_dir)
    if events_gold is not None:
        score = _evaluate_events(events_gold, text_dir, stories, programme, db)
        module = events_scoring
    else:
        if stories or programme:
            raise BadUsage("--stories and --programme are for an events gold list (items with \"mentions\")")
        score = pipeline.evaluate(gold_dir, text_dir, db)
        module = targets_scoring if isinstance(score, targets_scoring.TargetsScore) else scoring
    with destination(output) as out:
        if fmt == Format.json:
            out.out(json.dumps(module.to_json(score), ensure_ascii=False, indent=2), highlight=False)
        else:
            for line in module.report_lines(score, misses):
                out.out(line, highlight=False)


def _events_gold(gold: Path) -> Optional[list]:
    """The events list ``gold`` holds, or None when it is another kind of gold."""
    if not gold.is_file():
        return None
    try:
        data = json.loads(gold.read_text("utf-8"))
    except (OSError, ValueError):
        return None  # pipeline.evaluate says what is wrong with it
    from .. import evaluate_events as events_scoring

    return events_scoring.check_gold(data, str(gold)) if events_scoring.is_events_gold(data) else None


def _evaluate_events(gold: list, text_dir: Path, stories: Optional[Path], programme: Optional[str],
                     db: Optional[str]) -> events_scoring.EventsScore:
    """Read the files the gold's mentions name, build the timeline, and score it."""
    from .. import evaluate_events as events_scoring, pipeline

    if not text_dir.is_dir():
        raise BadUsage(f"{text_dir}: not a folder")
    names = programme_names(programme)
    story_texts, story_list = None, None
    if stories is not None:
        try:
            story_list = json.loads(stories.read_text("utf-8"))
            story_texts = events_scoring.story_texts(story_list, text_dir)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise BadUsage(f"{stories}: not a stories JSON list ({error})") from None
    with pipeline._scratch_store(db) as store:
        file_of = {}
        for name in sorted({m["file"] for e in gold for m in e["mentions"]}):
            file_of[pipeline._add(store, text_dir / name)] = name
        pipeline.refresh(store)
        timeline = store.events(["milestone"])
        if names:
            condition, params = store.programme_condition(names, "s")
            told = {row[0] for row in store.db.execute(
                f"SELECT c.id FROM claims c JOIN sentences s ON s.id = c.sentence_id WHERE {condition}", params)}
            timeline = [e for e in timeline if any(s.claim in told for s in e.sources)]
    score = events_scoring.score_events(gold, timeline, file_of, story_texts, names[0] if names else None)
    if story_list is not None and names:
        score.stories = events_scoring.stories_marked(story_list, text_dir, names[0])
    return score
