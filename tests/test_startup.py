"""What a command loads before it answers: start-up is most of a query's time on a small archive.

Each check runs a fresh interpreter and reads ``sys.modules`` after the command, so an
import added at the top of any module on the path shows up here.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]
#: Loaded only by the commands that write (sqlite-utils, and numpy behind it), diff, or nothing;
#: pydantic only when typer is handed an option value it cannot read plainly (tracker.commands.coercion).
HEAVY = ("numpy", "pandas", "sqlite_utils", "diff_match_patch", "pydantic")
PROBE = """
import json, sys
sys.argv = ["tracker", *json.loads(sys.argv[1])]
from tracker.cli import app
try:
    app()
except SystemExit as done:
    code = done.code
else:
    code = 0
sys.stderr.write("\\nLOADED " + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""


def loaded(*args: str) -> set[str]:
    """The modules loaded by ``tracker ARGS`` in a fresh interpreter (the command must succeed)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100")
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))], capture_output=True, text=True,
                          env=env, timeout=120)
    report = json.loads(done.stderr.rsplit("LOADED ", 1)[1])
    assert report["code"] in (0, None), done.stderr
    return {name.split(".")[0] for name in report["modules"]} | set(report["modules"])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("startup") / "t.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", "from tracker.cli import app; app()", "ingest", str(SEEDS), "--jobs", "1",
                    "--db", str(db)], check=True, capture_output=True, env=env, timeout=300)
    return db


def test_importing_the_cli_loads_no_heavy_library():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = f"import sys, tracker.cli; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_version_and_help_load_no_command_they_do_not_show():
    version = loaded("--version")
    assert not version & set(HEAVY)
    assert not any(name.startswith("tracker.commands.") for name in version - {"tracker.commands.common", "tracker.commands.coercion"})
    assert "tracker.store" not in version
    listing = loaded("--help")
    assert not listing & set(HEAVY)
    assert "tracker.pipeline" not in listing and "tracker.extract" not in listing


@pytest.mark.parametrize("args", [
    ["timeline"], ["timeline", "--grep", "雄安"], ["evolve", "地区生产总值"], ["targets"], ["search", "雄安新区"],
    ["claims", "--kind", "figure", "--format", "jsonl"], ["show", "1"], ["sources"],
])
def test_read_commands_load_neither_sqlite_utils_nor_the_extractor(seeded, args):
    found = loaded(*args, "--db", str(seeded))
    assert not found & set(HEAVY), args
    assert "tracker.pipeline" not in found and "tracker.read.articles" not in found, args


def test_diff_loads_diff_match_patch_and_still_not_sqlite_utils(seeded):
    found = loaded("diff", "1", "2", "--db", str(seeded))
    assert "diff_match_patch" in found  # the probe sees what it is meant to
    assert "sqlite_utils" not in found and "numpy" not in found and "pydantic" not in found


def test_a_wrong_option_value_still_gets_typers_own_message(seeded):
    """The plain converter hands what it cannot read to typer's, which words the error."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100")
    done = subprocess.run([sys.executable, "-c", "from tracker.cli import app; app()", "claims", "--limit", "0",
                           "--db", str(seeded)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "Input should be greater than or equal to 1" in done.stderr


def test_ingesting_one_file_into_a_current_database_writes_without_sqlite_utils(seeded, tmp_path):
    # sqlite-utils (and numpy behind it) is a third of a second: only migrations need it.
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(seeded, db)
    extra = tmp_path / "more.txt"
    extra.write_text("新华社北京3月5日电 2024年河北省地区生产总值增长5.4%。", "utf-8")
    found = loaded("ingest", str(extra), "--jobs", "1", "--db", str(db))
    assert "sqlite_utils" not in found and "numpy" not in found


#: The extractors and the metric arithmetic behind them: each a module compiled from source on
#: every start where bytecode is not written, so a command that only reads stored rows leaves them.
EXTRACTORS = ("tracker.extract.timex", "tracker.extract.quantities", "tracker.compare.series",
              "tracker.compare.verdicts", "tracker.compare.relevance", "tracker.prepare")


@pytest.mark.parametrize("args", [
    ["timeline"], ["timeline", "--grep", "雄安"], ["targets"], ["search", "雄安新区"], ["claims", "--kind", "figure"],
    ["show", "1"], ["sources"],
])
def test_commands_that_read_stored_rows_load_no_extractor(seeded, args):
    found = loaded(*args, "--db", str(seeded))
    assert not found & set(EXTRACTORS), (args, sorted(found & set(EXTRACTORS)))


def test_evolve_and_a_metric_filter_still_key_the_query(seeded):
    # The query's metric key is computed as the stored keys were: these need the extractors.
    assert "tracker.compare.series" in loaded("evolve", "地区生产总值", "--db", str(seeded))
    assert "tracker.compare.series" in loaded("targets", "--metric", "国内生产总值增长", "--db", str(seeded))


def test_reading_target_checks_names_the_verdicts_as_the_judge_does():
    from tracker import answers, dates
    from tracker.compare import verdicts

    assert (answers._NOT_YET_DUE, answers._NO_OUTCOME) == (verdicts.NOT_YET_DUE, verdicts.NO_OUTCOME)
    assert verdicts.still_open is dates.still_open


@pytest.mark.parametrize("deadline, newest, open_", [
    ("2025", "2024-12-31", True), ("2025", "2025-06", True), ("2025", "2025-12-31", True), ("2025", "2026", False),
    ("2024-06", "2024-07-01", False), ("2024-06", "2024", True), ("2024", None, False),
])
def test_a_deadline_is_still_open_while_the_newest_article_can_precede_its_end(deadline, newest, open_):
    from tracker.dates import PartialDate, still_open

    assert still_open(PartialDate.parse(deadline), PartialDate.parse(newest) if newest else None) is open_


def test_diff_reads_the_stored_metric_keys_and_loads_no_scanner(seeded):
    found = loaded("diff", "1", "2", "--db", str(seeded))
    assert "tracker.compare.series" in found  # it pairs metrics by their keys ...
    assert not found & {"tracker.extract.timex", "tracker.extract.quantities"}  # ... which are stored
