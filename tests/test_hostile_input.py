"""Hostile input: lines with no full stop, endless numbers, BOM-less UTF-16, a killed ingest.

Each test does what a user reported doing.  The cost tests count work (sentence lengths,
characters handed to the per-sentence extractor) rather than time it.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.extract import claims as claims_module
from tracker.read.articles import build_article
from tracker.cli import app
from tracker.extract.quantities import MAX_NUMBER, _non_number_re, find_quantities
from tracker.read.sentences import MAX_SENTENCE, split_sentences

from .conftest import ROOT, SEEDS

try:  # the parser is internal: re._parser from Python 3.11, sre_parse before
    from re import _constants as sre_c, _parser as sre_p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse as sre_p  # type: ignore[no-redef]

runner = CliRunner()
HEAD = "长句测试\n2024-01-01 10:00:00\n\n"


def ingest(*paths, db, jobs="1"):
    result = runner.invoke(app, ["ingest", *map(str, paths), "--jobs", jobs, "--db", str(db)],
                           env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.output


def seed_clauses() -> list[str]:
    """Clauses of the seeds with every sentence end removed."""
    clauses = []
    for path in sorted(SEEDS.glob("*.txt")):
        for clause in re.split(r"[，,。！？；\n]", path.read_text("utf-8")):
            clause = re.sub(r"[。！？；!?;…]|\.\.\.+", "", clause).strip()
            if len(clause) > 5:
                clauses.append(clause)
    return clauses


def long_line(chars: int) -> str:
    """Seed clauses joined with ， and no full stop: one 'sentence' of ``chars`` characters."""
    clauses, parts, total = seed_clauses(), [], 0
    while total < chars:
        parts.append(clauses[len(parts) % len(clauses)])
        total += len(parts[-1]) + 1
    return "，".join(parts)[:chars]


# --- 1. work per sentence is bounded -----------------------------------------------------


def test_a_50k_line_without_a_full_stop_is_ingested_in_bounded_sentences(tmp_path):
    path = tmp_path / "flat.txt"
    path.write_text(HEAD + long_line(50_000) + "\n", "utf-8")
    output = ingest(path, db=tmp_path / "t.db")
    assert "1 new" in output
    with sqlite3.connect(tmp_path / "t.db") as db:
        lengths = [row[0] for row in db.execute("SELECT length(text) FROM sentences")]
        figures = db.execute("SELECT count(*) FROM claims WHERE kind = 'figure'").fetchone()[0]
    assert max(lengths) <= MAX_SENTENCE and sum(lengths) > 49_000
    assert figures > 100  # the numbers of the line are still read


def test_long_sentences_are_cut_after_a_clause_mark():
    text = long_line(50_000)
    sentences = split_sentences(text)
    assert len(sentences) >= 50_000 // MAX_SENTENCE
    for sentence in sentences:
        assert len(sentence.text) <= MAX_SENTENCE and text[sentence.start:sentence.end] == sentence.text
    assert all(s.text.endswith("，") for s in sentences[:-1])
    assert "".join(s.text for s in sentences) == text  # nothing lost, nothing doubled


def test_without_any_mark_the_cut_falls_at_the_hard_length_then_at_a_list_mark():
    assert [len(s.text) for s in split_sentences("字" * 5000)] == [MAX_SENTENCE, MAX_SENTENCE, 5000 - 2 * MAX_SENTENCE]
    listed = "、".join(["张三"] * 3000)
    assert all(s.text.endswith("、") for s in split_sentences(listed)[:-1])


def test_a_hard_cut_keeps_a_number_whole_and_an_endless_one_unreadable():
    text = "字" * (MAX_SENTENCE - 3) + "12345亿元" + "字" * 1000
    pieces = [s.text for s in split_sentences(text)]
    assert len(pieces) == 2 and pieces[1].startswith("12345亿元")
    assert [q.value for q in find_quantities(pieces[1])] == [12345e8]
    run = "投资" + "1" * (3 * MAX_SENTENCE + 5) + "亿元。"
    assert all(find_quantities(s.text) == [] for s in split_sentences(run))


def test_an_ordinary_long_sentence_stays_whole():
    sentence = long_line(MAX_SENTENCE - 1) + "。"
    assert [s.text for s in split_sentences(sentence)] == [sentence]


def test_doubling_a_flat_line_doubles_the_extractor_work(monkeypatch):
    """Per-sentence work grows faster than the sentence: sum the squares of what it is given."""
    seen: list[int] = []
    original = claims_module._sentence_claims

    def counting(text, *args, **kwargs):
        seen.append(len(text))
        return original(text, *args, **kwargs)

    monkeypatch.setattr(claims_module, "_sentence_claims", counting)
    work = []
    for chars in (50_000, 100_000):
        seen.clear()
        build_article("flat.txt", (HEAD + long_line(chars) + "\n").encode())
        assert max(seen) <= MAX_SENTENCE
        work.append(sum(n * n for n in seen))
    assert 1.6 < work[1] / work[0] < 2.5  # it was 4: one sentence of the whole line


@pytest.mark.parametrize("digits", [32_000, 200_000])
def test_a_run_of_digits_before_yiyuan_is_no_quantity(tmp_path, digits):
    path = tmp_path / "digits.txt"
    path.write_text(HEAD + "全年完成投资" + "1" * digits + "亿元。\n", "utf-8")
    assert "1 new" in ingest(path, db=tmp_path / "t.db")
    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("SELECT count(*) FROM claims WHERE kind IN ('figure', 'target')").fetchone()[0] == 0
        assert db.execute("SELECT max(length(text)) FROM sentences").fetchone()[0] <= MAX_SENTENCE


def test_a_number_longer_than_the_cap_is_not_a_quantity_but_a_long_one_below_it_is():
    assert find_quantities("投资" + "1" * (MAX_NUMBER + 1) + "亿元") == []
    assert find_quantities("百分之" + "1" * (MAX_NUMBER + 1)) == []
    assert [q.value for q in find_quantities("投资123456789012亿元")] == [123456789012e8]
    assert [q.value for q in find_quantities("总量1,234,567,890元")] == [1234567890.0]


def _unbounded_numeral_repeats(pattern: str) -> list[str]:
    """Repeats without an upper bound whose body can match a digit or a Chinese numeral."""
    found = []

    def matches_numeral(items) -> bool:
        for op, av in items:
            if op is sre_c.LITERAL and chr(av) in "1一":
                return True
            if op is sre_c.IN:
                for cop, cav in av:
                    if cop is sre_c.LITERAL and chr(cav) in "1一" or cop is sre_c.CATEGORY and cav is sre_c.CATEGORY_DIGIT \
                            or cop is sre_c.RANGE and (cav[0] <= ord("1") <= cav[1] or cav[0] <= ord("一") <= cav[1]):
                        return True
        return False

    def walk(items) -> None:
        for op, av in items:
            if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
                low, high, body = av
                if high == sre_c.MAXREPEAT and len(body) == 1 and matches_numeral(body):
                    found.append(str(body))
                walk(body)
            elif op is sre_c.SUBPATTERN:
                walk(av[-1])
            elif op is sre_c.BRANCH:
                for alternative in av[1]:
                    walk(alternative)
            elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
                walk(av[1])

    walk(sre_p.parse(pattern))
    return found


def test_the_name_patterns_repeat_a_numeral_a_bounded_number_of_times():
    # \d+届 tried at every digit of a 32,000-digit run scans to its end each time: quadratic.
    assert _unbounded_numeral_repeats(_non_number_re().pattern) == []
    assert _unbounded_numeral_repeats(r"\d+届") and not _unbounded_numeral_repeats(r"\d{1,24}届")


def test_no_seed_sentence_comes_near_the_cap():
    """Cutting only ever happens past MAX_SENTENCE, so the seeds' claims cannot change."""
    for path in sorted(SEEDS.glob("*.txt")):
        article = build_article(str(path), path.read_bytes())
        assert max(len(s.text) for s in article.sentences) < MAX_SENTENCE


# --- 2. BOM-less UTF-16 -------------------------------------------------------------------


SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_seed_in_utf16_without_bom_is_the_same_article(tmp_path, codec):
    utf8 = tmp_path / "seed.txt"
    utf8.write_bytes(SEED.read_bytes())
    wide = tmp_path / f"seed-{codec}.txt"
    wide.write_bytes(SEED.read_text("utf-8").encode(codec))  # no byte-order mark
    assert not wide.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))
    db = tmp_path / "t.db"
    ingest(utf8, db=db)
    output = ingest(wide, db=db)
    assert "0 new, 0 new versions, 1 unchanged, 0 failed" in output
    article = build_article(str(wide), wide.read_bytes())
    reference = build_article(str(utf8), utf8.read_bytes())
    assert article.encoding == codec and article.text == reference.text and article.claims == reference.claims


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_chinese_without_any_ascii_is_read(codec):
    text = "".join(c for c in SEED.read_text("utf-8") if "\u4e00" <= c <= "\u9fff" or c in "，。")
    article = build_article("a.txt", text.encode(codec))  # no ASCII, so few or no NUL bytes
    assert article.encoding == codec and article.text == text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    os.urandom(8192),
    os.urandom(8191),
    bytes(range(256)) * 20,
    b"abc\x00def" * 10,
])
def test_binary_files_are_still_refused_with_one_line(tmp_path, data):
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    result = runner.invoke(app, ["ingest", str(path), "--jobs", "1", "--db", str(tmp_path / "t.db")])
    assert "0 new, 0 new versions, 0 unchanged, 1 failed" in result.output
    errors = [line for line in result.output.splitlines() if "image.txt" in line]
    assert len(errors) == 1 and ("binary" in errors[0] or "cannot decode" in errors[0]), result.output


def test_gbk_and_big5_are_not_mistaken_for_utf16():
    text = SEED.read_text("utf-8")
    assert build_article("a.txt", text.encode("gb18030")).encoding == "gb18030"
    traditional = "黨的二十屆三中全會緊緊圍繞推進中國式現代化這個主題，作出系統部署。\n" * 20
    assert build_article("b.txt", traditional.encode("big5")).encoding == "big5"


# --- 3. kill -9 of an ingest ----------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found |= {int(child) for child in task.read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self/task").is_dir(),
                    reason="finds worker processes through Linux /proc")
def test_kill_9_of_an_ingest_leaves_no_worker_behind(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for number in range(200):  # distinct copies: a line appended, so none is a duplicate
        seed = seeds[number % len(seeds)]
        (folder / f"{number:03d}.txt").write_text(seed.read_text("utf-8") + f"\n副本{number}\n", "utf-8")
    command = [sys.executable, "-c", "from tracker.cli import app; app()",
               "ingest", str(folder), "-j", "2", "--db", str(tmp_path / "t.db")]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    parent = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the ingest never started its workers"
        workers |= {grandchild for worker in workers for grandchild in _children(worker)}
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [pid for pid in workers if _alive(pid)]
        assert survivors == [], f"workers outlived their parent: {survivors}"
    finally:
        for pid in [pid for pid in workers if _alive(pid)]:  # only ours, only if the fix failed
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if parent.poll() is None:
            parent.kill()
            parent.wait()
