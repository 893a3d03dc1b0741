"""bench/archive.py runs end to end on a small slice, so it cannot rot unnoticed.

The figures are not checked (they depend on the machine); only that the bench exits 0
and prints every part of its report.  The 新闻联播 archive is used where it is beside
this checkout, else the five bundled seeds.
"""

import sqlite3
import subprocess
import sys
from pathlib import Path

from tracker.derived import buckets_sql

from .conftest import ROOT, SEEDS

ARCHIVE = Path("/work/shared/corpora/xwlb-2022-2024")
HEADINGS = ("== whole ingest", "== stages, in process, one core ==", "== reference: a bare regex ==",
            "== query latency", "== done ==")


def bench(*args: str) -> subprocess.CompletedProcess:
    corpus = ARCHIVE if ARCHIVE.is_dir() else SEEDS
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "archive.py"), "--corpus", str(corpus), "--files", "40",
         "--jobs", "2", *args],
        capture_output=True, text=True, timeout=1800,
    )


def test_archive_bench_runs_and_reports_every_part():
    result = bench("--grow", "0")
    assert result.returncode == 0, result.stderr
    for heading in HEADINGS:
        assert heading in result.stdout, result.stdout
    assert "== grow to" not in result.stdout


def test_archive_bench_grows_the_database(tmp_path):
    result = bench("--grow", "200", "--keep", str(tmp_path / "grown.db"))
    assert result.returncode == 0, result.stderr
    for heading in (*HEADINGS, "== grow to 200 articles ==", "== query latency, 200 articles =="):
        assert heading in result.stdout, result.stdout
    assert "ingest one more file" in result.stdout
    # Each copied event sits in the bucket its claims fall in (a copy's dates and numbers
    # moved), or one more file would rebuild a bucket holding other copies' rows.
    grown = sqlite3.connect(tmp_path / "grown.db")
    sql, params = buckets_sql("c.id = ?", ["?"])
    misplaced = [(bucket, claim) for bucket, claim in grown.execute(
        "SELECT e.bucket, min(s.claim_id) FROM events e JOIN event_sources s ON s.event_id = e.id "
        "WHERE e.kind IN ('milestone', 'target') GROUP BY e.id")
        if bucket not in {row[0] for row in grown.execute(sql, [claim] * len(params))}]
    assert grown.execute("SELECT count(DISTINCT bucket) FROM events WHERE kind = 'target'").fetchone()[0] > 1
    assert misplaced == []
