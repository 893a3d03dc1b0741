"""Shared fixtures: the bundled seeds, the development gold, an in-memory store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("0*.json")) if GOLD.is_dir() else []


@pytest.fixture
def gold():
    """All gold answers keyed by source file name; skips where shared/gold is absent."""
    files = gold_files()
    if not files:
        pytest.skip("the development gold (../shared/gold) is not beside this checkout")
    return {json.loads(f.read_text("utf-8"))["source"]: json.loads(f.read_text("utf-8")) for f in files}


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
