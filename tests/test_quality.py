"""End to end on the seeds against the development gold: the quality bars of the claims issue.

Runs the real command (`tracker eval GOLD TEXT`), which ingests the seeds into a
temporary database and scores them, so layout, dating and extraction are all in play.
"""

import json

import pytest
from typer.testing import CliRunner

from tracker.cli import app

from .conftest import GOLD, SEEDS


@pytest.fixture(scope="module")
def scores():
    if not GOLD.is_dir():
        pytest.skip("the development gold (../shared/gold) is not beside this checkout")
    result = CliRunner().invoke(app, ["eval", str(GOLD), str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_figures(scores):
    assert scores["kinds"]["figure"]["f1"] >= 0.90


def test_core_recall(scores):
    assert scores["core"]["recall"] >= 0.95


def test_targets(scores):
    assert scores["kinds"]["target"]["f1"] >= 0.80


def test_milestones(scores):
    assert scores["kinds"]["milestone"]["f1"] >= 0.85


def test_value_unit_and_qualifier_right_on_every_matched_figure(scores):
    # value and unit are part of matching; the qualifier is checked separately.
    assert scores["qualifier_mismatches"] == 0


def test_publication_dates(scores):
    dates = scores["dates"]
    assert dates["n"] == 5 and dates["exact"] >= 4 and dates["year"] == 5
