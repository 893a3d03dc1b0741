"""`tracker evolve` on a terminal reads only the claims of the newest sources, and says so."""

import json

from typer.testing import CliRunner

from tracker.cli import app
from tracker.commands import series as command
from tracker.pipeline import refresh
from tracker.read.articles import build_article
from tracker.store import Store

TEXT = "京津冀协同发展\n{published} 10:00:00\n\n{year}年全市地区生产总值达到{value}亿元。\n"


def archive(tmp_path):
    db = tmp_path / "t.db"
    store = Store(db)
    for number, year in enumerate((2019, 2023, 2020, 2022, 2021)):
        text = TEXT.format(published=f"{year + 1}-02-01", year=year, value=5000 + number)
        store.add_article(build_article(f"{year}.txt", text.encode("utf-8")), "test")
    refresh(store)
    store.close()
    return db


def test_the_table_reads_the_newest_sources_and_the_exports_read_all(tmp_path, monkeypatch):
    db = archive(tmp_path)
    runner = CliRunner()
    whole = runner.invoke(app, ["evolve", "地区生产总值", "--db", str(db)]).output
    assert "read only" not in whole and all(str(year) in whole for year in range(2019, 2024))
    monkeypatch.setattr(command, "EVOLVE_READ", 2)
    table = runner.invoke(app, ["evolve", "地区生产总值", "--db", str(db)]).output
    assert "read only the 2 figures and targets of the newest sources" in table
    assert "2023" in table and "2022" in table and "2019" not in table and "2021" not in table
    exported = json.loads(runner.invoke(app, ["evolve", "地区生产总值", "-f", "json", "--db", str(db)]).output)
    assert sorted(p["as_of"] for s in exported["series"] for p in s["points"]) == [str(y) for y in range(2019, 2024)]
