"""Benchmark the tracker on a real archive: ingest, each stage, query latency, then 100,000 articles.

Ingests a corpus folder (by default the 825 daily 新闻联播 transcripts of 2022–2024) into a
fresh temporary database and prints, in one run:

* the whole ingest through the CLI (derived tables included): wall seconds, MB/s per core,
  peak memory;
* MB/s on one core of each stage of ingest, measured in this process on the same files;
* a reference: the same files read and scanned once by a bare number-and-unit regex;
* the latency of the query commands (best of 3, each a fresh CLI process), and a full claims
  export as throughput (rows/s) and peak memory;
* then the database grown to ``--grow`` articles by copying its rows in SQL, the derived
  tables rebuilt, the same latencies again and the time to ingest one more file.

Figures are printed, never asserted.  Every CLI call has a timeout (``--timeout``); a
command that times out or fails is reported and the bench goes on.

    python bench/archive.py                          # the 825 transcripts, grown to 100,000
    python bench/archive.py --files 40 --grow 0      # what CI runs
    python bench/archive.py --corpus seeds --grow 200
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import math
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# ----------------------------------------------------------------- the stage table
#
# Where ingest's calls live, as "module:attribute".  The stages are timed by wrapping
# each function *where build_article looks it up* (so the figures are those of the
# real pipeline, with nothing re-implemented here).  When modules move into
# subpackages, update these strings and nothing else; a stage whose wrapper is never
# called is reported as "not measured", so a stale entry cannot pass unnoticed.

STAGES = {
    "decode": "tracker.read.articles:decode",              # tracker.read.sources.decode
    "layout": "tracker.read.articles:find_layout",         # tracker.read.layout.find_layout
    "dating": "tracker.read.articles:date_article",        # tracker.read.dating.date_article
    "sentence split": "tracker.read.articles:split_sentences",  # tracker.read.sentences.split_sentences
    "extraction": "tracker.extract.claims:extract_sentences",  # called as claims_module.extract_sentences
}
CALLS = {
    "build": "tracker.read.articles:build_article",   # file bytes -> Article (runs every stage above)
    "prepare": "tracker.prepare:prepare",       # Article -> Article with metric keys and relevance (readers)
    "store": "tracker.store:Store",              # Store(path).add_article(article, version)
    "version": "tracker.extract.claims:EXTRACTOR_VERSION",
    "refresh": "tracker.pipeline:refresh",       # what `tracker ingest` runs after storing
    "batch size": "tracker.pipeline:STORE_BATCH",  # articles per transaction of an ingest
    "discover": "tracker.read.ingest:discover",  # how the CLI lists a folder's files
    "jobs": "tracker.read.ingest:default_jobs",
}
CLI = ("-c", "from tracker.cli import app; app()")

DEFAULT_CORPUS = Path("/work/shared/corpora/xwlb-2022-2024")
#: The reference: a plain number-and-unit pattern, no context, no dates, no subjects.
NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)((?:万|亿)?(?:元|人|%|个|家|项))")


def _cpu_with_workers() -> float:
    """CPU seconds of this process and of the children it has waited for (a refresh's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def locate(name: str) -> tuple[object, str]:
    """The module a table entry names, and the attribute in it."""
    module, _, attribute = (STAGES | CALLS)[name].partition(":")
    return importlib.import_module(module), attribute


def call(name: str):
    """The object a table entry names."""
    return getattr(*locate(name))


def queries(first: int, second: int) -> list[tuple[str, list[str]]]:
    """The commands whose latency is measured, given two article ids to diff and show."""
    return [
        ("timeline", ["timeline"]),
        ("timeline --grep 雄安", ["timeline", "--grep", "雄安"]),
        ("evolve 国内生产总值", ["evolve", "国内生产总值"]),
        ("targets", ["targets"]),
        ("search 雄安新区", ["search", "雄安新区"]),
        # The terminal table of the first claims: what the command shows when not told otherwise.
        # The issue's `claims --kind figure --format jsonl` is a full export, whose time grows with
        # the archive: it is measured apart, as throughput (see export).
        ("claims --kind figure (table, first 100)", ["claims", "--kind", "figure"]),
        (f"diff {first} {second}", ["diff", str(first), str(second)]),
        (f"show {first}", ["show", str(first)]),
    ]


# ------------------------------------------------------------------------ running the CLI


@dataclass(frozen=True)
class Run:
    seconds: float
    code: Optional[int]  # None: timed out
    stderr: str = ""

    def failure(self, timeout: float) -> Optional[str]:
        if self.code is None:
            return f">{timeout:.0f}s (timed out)"
        if self.code != 0:
            return f"failed, exit code {self.code}: {first_line(self.stderr)}"
        return None


def first_line(stderr: str) -> str:
    """The line that says what went wrong: the first one, or a traceback's last."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return "(no message)"
    return lines[-1] if lines[0].startswith("Traceback") else lines[0]


def run_cli(args: list[str], db: Optional[Path], timeout: float, memory_gb: float = 0) -> Run:
    """Run ``tracker ARGS --db DB`` from this checkout, stdout to /dev/null; kill it at ``timeout``."""
    return run_python([*CLI, *args, *(["--db", str(db)] if db else [])], timeout, memory_gb)


def run_python(args: list[str], timeout: float, memory_gb: float = 0) -> Run:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               COLUMNS="100")

    def limit() -> None:  # in the child: its own process group, and a memory ceiling if asked
        os.setsid()
        if memory_gb:
            cap = int(memory_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env, preexec_fn=limit, text=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the command and any workers it started
        process.communicate()
        return Run(time.perf_counter() - started, None)
    return Run(time.perf_counter() - started, process.returncode, stderr)


def latency(args: list[str], db: Optional[Path], timeout: float, memory_gb: float, runs: int = 3) -> str:
    """Best wall time of up to ``runs`` runs; a slow command (over 10 s) is run once."""
    times = []
    for _ in range(runs):
        run = run_cli(args, db, timeout, memory_gb)
        problem = run.failure(timeout)
        if problem:
            return problem
        times.append(run.seconds)
        if run.seconds > 10:
            break
    return f"{min(times):8.2f} s  (best of {len(times)})"


def print_latencies(db: Path, first: int, second: int, timeout: float, memory_gb: float) -> None:
    figure("start-up (tracker --version)", latency(["--version"], None, timeout, memory_gb))
    figure("start-up (tracker --help)", latency(["--help"], None, timeout, memory_gb))
    for label, args in queries(first, second):
        figure(label, latency(args, db, timeout, memory_gb))
    figure("claims --kind figure --format jsonl", export(["claims", "--kind", "figure", "--format", "jsonl"], db,
                                                         timeout, memory_gb))


def _high_water_mb(pid: int) -> float:
    """The peak resident memory of the process's own image (VmHWM), 0 where /proc has none.

    Not ``ru_maxrss``: a child forked from this process (to set its limits) starts out
    counting this process's memory, which after growing a database is gigabytes.
    """
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def export(args: list[str], db: Path, timeout: float, memory_gb: float) -> str:
    """A full export as a stream: rows (lines) read from its stdout, rows/s and its peak memory.

    Not a latency: the export grows with the archive.  At the timeout the command is
    stopped and the rows it streamed until then are reported, with the number it would
    have written (counted in SQL).
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    cap = int(memory_gb * 2**30) if memory_gb else None

    def limit() -> None:
        os.setsid()
        if cap:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    connection = sqlite3.connect(db)
    total = connection.execute("SELECT count(*) FROM claims WHERE kind = ?", [args[args.index("--kind") + 1]]) \
        .fetchone()[0]
    connection.close()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *CLI, *args, "--db", str(db)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, preexec_fn=limit)
    stopped = []

    def stop() -> None:
        stopped.append(True)
        os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, stop)
    timer.start()
    rows, peak, polled = 0, 0.0, 0.0
    while chunk := process.stdout.read(1 << 16):
        rows += chunk.count(b"\n")
        if time.perf_counter() - polled > 0.1:
            peak, polled = max(peak, _high_water_mb(process.pid)), time.perf_counter()
    seconds = time.perf_counter() - started
    timer.cancel()
    _, status, usage = os.wait4(process.pid, 0)
    if not peak:  # no /proc: the child's rusage, which also counts what it inherited from this process
        peak = usage.ru_maxrss / 1024
    rate = f"{rows / seconds:,.0f} rows/s, peak memory {peak:.0f} MB"
    if stopped:
        return f"{rows:,} of {total:,} rows in {seconds:.1f} s (stopped at the timeout): {rate}"
    if os.waitstatus_to_exitcode(status) != 0:
        return f"failed, exit code {os.waitstatus_to_exitcode(status)} after {rows:,} rows"
    return f"{rows:,} rows in {seconds:.2f} s (all of them): {rate}"


# ------------------------------------------------------------------------------ measures


def figure(label: str, value: str) -> None:
    """One line of the report: the label padded to 40 columns (CJK characters count two)."""
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)
    print(label + " " * max(1, 40 - width) + value, flush=True)


def heading(text: str) -> None:
    print(f"\n== {text} ==", flush=True)


def cli_ingest(paths: list[str], db: Path, jobs: int, size: int) -> None:
    """The whole ingest as a user runs it: one CLI process, its workers, the derived tables."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = run_python([*CLI, "ingest", *paths, "--db", str(db), "--jobs", str(jobs)], timeout=24 * 3600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if run.code != 0:
        figure("exit code", f"{run.code}: {first_line(run.stderr)}")
    figure("wall", f"{run.seconds:8.1f} s")
    figure("per core", f"{size / 1e6 / (run.seconds * jobs):8.3f} MB/s  "
                       f"({size / 1e6 / run.seconds:.3f} MB/s on {jobs} jobs)")
    peak = f"{after / 1024:8.0f} MB  (max RSS of the CLI process or one of its workers)"
    figure("peak memory", peak if after > before else f"{peak}; an earlier child was larger")


def timed(name: str, totals: dict[str, float], calls: dict[str, int]) -> Callable:
    inner = call(name)

    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            totals[name] += time.process_time() - started
            calls[name] += 1

    return wrapper


def stages(paths: list[str], scratch: Path, size: int) -> None:
    """Each stage of ingest on one core: CPU seconds for the pure stages, wall for the store."""
    totals, calls = dict.fromkeys(STAGES, 0.0), dict.fromkeys(STAGES, 0)
    originals = {}
    for name in STAGES:
        owner, attribute = locate(name)
        originals[name] = (owner, attribute, getattr(owner, attribute))
        setattr(owner, attribute, timed(name, totals, calls))
    build, prepare, version = call("build"), call("prepare"), call("version")
    store = call("store")(scratch / "stages.db")
    building = writing = writing_cpu = preparing = 0.0
    failed = 0
    waiting: list = []

    def write_batch() -> None:  # as ingest writes: a batch of articles to a transaction
        nonlocal writing, writing_cpu
        started, cpu = time.perf_counter(), time.process_time()
        with store.batch():
            for ready in waiting:
                store.add_article(ready, version)
        writing += time.perf_counter() - started
        writing_cpu += time.process_time() - cpu
        waiting.clear()

    try:
        for path in paths:
            data = Path(path).read_bytes()
            started = time.process_time()
            try:
                article = build(path, data)
                readied = time.process_time()
                article = prepare(article)  # in the reader processes, as ingest does
                preparing += time.process_time() - readied
            except Exception:  # a file the CLI would report as failed: skip it here too
                failed += 1
                continue
            finally:
                building += time.process_time() - started
            waiting.append(article)
            if len(waiting) >= call("batch size"):
                write_batch()
        write_batch()
    finally:
        for owner, attribute, original in originals.values():
            setattr(owner, attribute, original)
    started, cpu = time.perf_counter(), _cpu_with_workers()
    call("refresh")(store)
    refreshing, refresh_cpu = time.perf_counter() - started, _cpu_with_workers() - cpu
    store.close()
    for name in STAGES:
        if calls[name] == 0:
            figure(name, f"not measured: {STAGES[name]} was never called (update STAGES)")
        else:
            figure(name, rate(size, totals[name], "CPU"))
    other = building - preparing - sum(totals.values())
    figure("(rest of build_article)", rate(size, other, "CPU") + "  simplify, script, hash, furniture")
    figure("prepare (metric keys, relevance)", rate(size, preparing, "CPU"))
    figure("build_article + prepare, all of the above", rate(size, building, "CPU"))
    figure("store writes (ingest's batches)", rate(size, writing, "wall") + f"  {writing_cpu:.1f} CPU-s: one writer")
    figure("derived tables refresh", rate(size, refreshing, "wall"))
    figure("derived tables refresh, CPU", rate(size, refresh_cpu, "CPU") + "  this process and its workers")
    figure("store writes + refresh (reading free)", rate(size, writing + refreshing, "wall")
           + "  the most the whole ingest could reach")
    if failed:
        figure("files that failed to build", str(failed))


def rate(size: int, seconds: float, clock: str) -> str:
    mb_s = size / 1e6 / seconds if seconds > 0 else math.inf
    return f"{mb_s:8.2f} MB/s  ({seconds:.2f} s {clock})"


def reference(paths: list[str], size: int) -> None:
    started = time.process_time()
    found = 0
    for path in paths:
        found += sum(1 for _ in NUMBER_UNIT.finditer(Path(path).read_bytes().decode("utf-8", "replace")))
    figure("read + one regex pass", rate(size, time.process_time() - started, "CPU") + f"  {found} matches")


# ---------------------------------------------------------------------------- growing


def shifted(column: str) -> str:
    """SQL for an ISO date, year or year range (2021/2025) moved back :k years; 02-29 becomes 02-28."""
    year = f"printf('%04d', substr({column}, 1, 4) - :k)"
    return (f"CASE WHEN {column} GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]' "
            f"THEN {year} || '/' || printf('%04d', substr({column}, 6, 4) - :k) "
            f"WHEN {column} GLOB '[0-9][0-9][0-9][0-9]-02-29*' THEN {year} || '-02-28' || substr({column}, 11) "
            f"WHEN {column} GLOB '[0-9][0-9][0-9][0-9]*' THEN {year} || substr({column}, 5) "
            f"ELSE {column} END")


def grow_sql() -> list[str]:
    """One INSERT … SELECT per table copying the original rows (ids up to :cut) as copy :k.

    Ids are offset by k × the table's original maximum, so every foreign key points into
    the same copy.  The full-text indexes follow (see :func:`index_copy`).
    """
    scaled = "{0} * (1 + :k / 1000.0)"
    return [
        f"""INSERT INTO articles (id, path, name, version, previous_id, content_hash, title, outlet, byline,
                published, published_precision, published_basis, published_evidence, published_year, script,
                encoding, format, body_start, body_end, chars, extractor_version, published_earliest,
                published_latest)
            SELECT id + :k * :articles, path || '#copy' || :k, name, version, previous_id + :k * :articles,
                content_hash || '#copy' || :k, title, outlet, byline, {shifted('published')},
                published_precision, published_basis, published_evidence, published_year - :k, script,
                encoding, format, body_start, body_end, chars, extractor_version, {shifted('published_earliest')},
                {shifted('published_latest')}
            FROM articles WHERE id <= :cut""",
        """INSERT INTO article_texts (article_id, text, simplified)
            SELECT article_id + :k * :articles, text, simplified FROM article_texts WHERE article_id <= :cut""",
        """INSERT INTO pieces (id, article_id, number, title, start, "end")
            SELECT id + :k * :pieces, article_id + :k * :articles, number, title, start, "end"
            FROM pieces WHERE article_id <= :cut AND id <= :pieces""",
        """INSERT INTO sentences (id, article_id, piece_id, number, start, "end", text, simplified)
            SELECT id + :k * :sentences, article_id + :k * :articles, piece_id + :k * :pieces, number, start,
                "end", text, simplified
            FROM sentences WHERE article_id <= :cut AND id <= :sentences""",
        f"""INSERT INTO claims (id, article_id, sentence_id, kind, surface, start, "end", value, value_high, unit,
                qualifier, subject, metric, as_of, deadline, strength, date, date_precision, event, change,
                simplified, refers_to, extractor_version, value_label, metric_key, as_of_basis)
            SELECT id + :k * :claims, article_id + :k * :articles, sentence_id + :k * :sentences, kind, surface,
                start, "end", {scaled.format('value')}, {scaled.format('value_high')}, unit, qualifier, subject,
                metric, {shifted('as_of')}, {shifted('deadline')}, strength, {shifted('date')}, date_precision,
                event, change, simplified, refers_to, extractor_version, value_label, metric_key, as_of_basis
            FROM claims WHERE article_id <= :cut AND id <= :claims""",
        # The derived rows are copied with their copy's claims, as a refresh of each copy alone
        # would make them (a copy's formulations and target checks are not merged with the
        # other copies'): a full rebuild at this size is a re-extraction's job, not a bench's.
        # A bucket named by a date or year moves with its rows, so a refresh of one bucket
        # replaces that bucket's rows and no copy's.
        # A deadline bucket is named by its year and its targets' number (t:2025|5.0|%|=),
        # and the copy's numbers are scaled: it is named from a copied source claim.
        f"""INSERT INTO events (id, date, precision, year, event, subjects, kind, sources, bucket, first_day,
                last_day, search_text)
            SELECT e.id + :k * :events, {shifted('e.date')}, e.precision, e.year - :k, e.event, e.subjects, e.kind,
                e.sources,
                CASE WHEN e.bucket GLOB 'm:[0-9][0-9][0-9][0-9]' THEN 'm:' || (substr(e.bucket, 3) - :k)
                     WHEN e.bucket GLOB 't:[0-9][0-9][0-9][0-9]|*' THEN (
                        SELECT 't:' || printf('%04d', substr(e.bucket, 3, 4) - :k) || '|'
                            || coalesce(CAST({scaled.format('c.value')} AS TEXT), '') || '|'
                            || coalesce(c.unit, '') || '|' || coalesce(c.qualifier, '')
                        FROM event_sources s JOIN claims c ON c.id = s.claim_id WHERE s.event_id = e.id LIMIT 1)
                     ELSE e.bucket END, {shifted('e.first_day')}, {shifted('e.last_day')}, e.search_text
            FROM events e WHERE e.id <= :events
                AND e.id IN (SELECT event_id FROM event_sources WHERE article_id <= :cut)""",
        """INSERT INTO event_sources (event_id, article_id, claim_id, published, sentence)
            SELECT event_id + :k * :events, article_id + :k * :articles, claim_id + :k * :claims, published, sentence
            FROM event_sources WHERE event_id <= :events AND article_id <= :cut""",
        f"""INSERT INTO conflict_pairs (subject, metric, unit, as_of, claim_a, article_a, value_a, claim_b, article_b,
                value_b, bucket)
            SELECT subject, metric, unit, {shifted('as_of')}, claim_a + :k * :claims, article_a + :k * :articles,
                value_a, claim_b + :k * :claims, article_b + :k * :articles, value_b,
                'c:' || coalesce(subject, '') || '|' || coalesce(unit, '') || '|' || {shifted('as_of')}
            FROM conflict_pairs WHERE article_a <= :cut AND article_b <= :cut AND claim_a <= :claims""",
        f"""INSERT INTO target_checks (claim_id, article_id, subject, metric, value, value_high, unit, qualifier,
                deadline, strength, status, later_figures, latest_value, latest_as_of, latest_article_id,
                later_json, bucket)
            SELECT claim_id + :k * :claims, article_id + :k * :articles, subject, metric, value, value_high, unit,
                qualifier, {shifted('deadline')}, strength, status, later_figures, latest_value,
                {shifted('latest_as_of')}, latest_article_id + :k * :articles, later_json,
                CASE WHEN bucket GLOB 'k:*|[0-9][0-9][0-9][0-9]'
                     THEN substr(bucket, 1, length(bucket) - 4) || printf('%04d', substr(bucket, -4) - :k)
                     ELSE bucket END
            FROM target_checks WHERE article_id <= :cut AND claim_id <= :claims
                AND coalesce(latest_article_id, 0) <= :cut""",
        """INSERT INTO piece_programmes (article_id, piece_id, programme, score, relevant, words)
            SELECT article_id + :k * :articles, piece_id + :k * :pieces, programme, score, relevant, words
            FROM piece_programmes WHERE article_id <= :cut""",
    ]


FTS_TABLES = ("sentences_fts", "claims_fts")  # each indexes the table its name starts with


def index_sql(connection: sqlite3.Connection) -> list[str]:
    """Index the sentences and claims of copies :first to :k: one INSERT … SELECT per full-text table.

    What the insert triggers would do row by row, two to four times faster on large batches.
    """
    statements = []
    for fts in FTS_TABLES:
        table = fts.removesuffix("_fts")
        columns = ", ".join(f'"{row[1]}"' for row in connection.execute(f"PRAGMA table_info({fts})"))
        statements.append(f"INSERT INTO {fts} (rowid, {columns}) SELECT id, {columns} FROM {table} "
                          f"WHERE id > :first * :{table} AND id <= (:k + 1) * :{table}")
    return statements


def insert_triggers(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """The triggers that index each new row of a full-text table's content table."""
    tables = [fts.removesuffix("_fts") for fts in FTS_TABLES]
    return connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        f"({', '.join('?' * len(tables))}) AND sql LIKE '%AFTER INSERT%'", tables).fetchall()
FTS_BULK = {"automerge": 0, "crisismerge": 1000, "hashsize": 2**30}
FTS_DEFAULTS = {"automerge": 4, "crisismerge": 16, "hashsize": 2**20}  # FTS5's own defaults
#: Articles copied per transaction, indexed in one statement: FTS5 writes a segment at each commit.
BATCH = 10_000


def fts_settings(connection: sqlite3.Connection, settings: dict[str, int]) -> None:
    with connection:
        for table in FTS_TABLES:
            for name, value in settings.items():
                connection.execute(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", [name, value])


def grow(db: Path, target: int) -> None:
    """Copy the archive's rows until the database holds ``target`` articles."""
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -1000000")  # 1 GB
    ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]
    if not ids or target <= len(ids):
        figure("grow", f"nothing to do: {len(ids)} articles already")
        connection.close()
        return
    maxima = {table: connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
              for table in ("articles", "pieces", "sentences", "claims", "events")}
    copies = math.ceil((target - len(ids)) / len(ids))
    statements, indexing = grow_sql(), index_sql(connection)
    started = time.perf_counter()
    # The trigram indexes are most of the cost: index each copy in one statement instead of
    # a trigger per row, buffer whole batches in memory, merge segments once at the end.
    triggers = insert_triggers(connection)
    fts_settings(connection, FTS_BULK)
    with connection:
        for name, _ in triggers:
            connection.execute(f'DROP TRIGGER "{name}"')
    try:
        pending, first = 0, 1
        for k in range(1, copies + 1):
            wanted = min(len(ids), target - len(ids) * k)
            params = {"k": k, "first": first, "cut": ids[wanted - 1], **maxima}
            for statement in statements:
                connection.execute(statement, params)  # opens a transaction if none is open
            pending += wanted
            if pending >= BATCH or k == copies:
                for statement in indexing:
                    connection.execute(statement, params)
                connection.commit()
                pending, first = 0, k + 1
            if k % 10 == 0 or k == copies:
                print(f"  copy {k}/{copies}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        connection.rollback()
        with connection:
            for _, sql in triggers:
                connection.execute(sql)
    elapsed = time.perf_counter() - started
    fts_settings(connection, FTS_DEFAULTS)
    started = time.perf_counter()
    with connection:
        for table in FTS_TABLES:
            connection.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    merging = time.perf_counter() - started
    counts = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("articles", "sentences", "claims")}
    years = connection.execute("SELECT min(published), max(published) FROM articles").fetchone()
    connection.close()
    figure("copies", f"{copies:8d}     (dates moved back 1…{copies} years, values × (1 + k/1000))")
    figure("articles / sentences / claims", f"{counts['articles']:,} / {counts['sentences']:,} / {counts['claims']:,}")
    figure("published", f"{years[0]} … {years[1]}")
    figure("grow time (SQL, FTS indexed per batch)", f"{elapsed:8.1f} s")
    figure("FTS optimize (merge segments)", f"{merging:8.1f} s")
    figure("database size", f"{db.stat().st_size / 1e9:8.2f} GB")


def refresh_only(db: str) -> None:
    """``--refresh DB``: rebuild the derived tables as `tracker ingest` does (run as a child)."""
    call("refresh")(call("store")(db))


def one_more_file(source: Path, folder: Path) -> Path:
    """A fresh transcript-like file: ``source`` with its numbers changed and its date a day later."""
    text = source.read_text("utf-8")
    text = NUMBER_UNIT.sub(lambda m: f"{float(m[1]) * 1.07:g}{m[2]}" if "." in m[1] else f"{int(m[1]) + 3}{m[2]}",
                           text)
    name = source.name
    if re.fullmatch(r"\d{8}", source.stem):
        later = (dt.datetime.strptime(source.stem, "%Y%m%d") + dt.timedelta(days=1)).strftime("%Y%m%d")
        text, name = text.replace(source.stem, later), later + source.suffix
    path = folder / f"more-{name}"
    path.write_text(text, "utf-8")
    return path


# --------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of articles")
    parser.add_argument("--files", type=int, default=0, help="only the first N files (0: all)")
    parser.add_argument("--grow", type=int, default=100_000, help="grow the database to N articles (0: skip)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds allowed each CLI command")
    parser.add_argument("--jobs", type=int, default=call("jobs")(), help="worker processes for the ingest")
    parser.add_argument("--memory-gb", type=float, default=12,
                        help="address-space ceiling of each query process (0: none)")
    parser.add_argument("--keep", type=Path, help="copy the final database here")
    parser.add_argument("--refresh", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.refresh:
        return refresh_only(args.refresh)
    began = time.perf_counter()
    paths, problems = call("discover")([str(args.corpus)])
    if problems:
        parser.error("; ".join(problems))
    paths = paths[:args.files] if args.files else paths
    size = sum(Path(p).stat().st_size for p in paths)
    tracker = importlib.import_module("tracker").__file__
    print(f"corpus {args.corpus}: {len(paths)} files, {size / 1e6:.1f} MB; tracker from {Path(tracker).parent}")
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as scratch:
        scratch = Path(scratch)
        db = scratch / "archive.db"

        heading(f"whole ingest (tracker ingest, {args.jobs} jobs, derived tables included)")
        cli_ingest(paths, db, args.jobs, size)
        figure("database size", f"{db.stat().st_size / 1e6:8.1f} MB")

        heading("stages, in process, one core")
        stages(paths, scratch, size)

        heading("reference: a bare regex")
        reference(paths, size)

        connection = sqlite3.connect(db)
        count, first, second = connection.execute(
            "SELECT count(*), min(id), (SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 1) FROM articles"
        ).fetchone()
        connection.close()
        second = second or first
        heading(f"query latency, {count} articles (wall, a fresh process each, timeout {args.timeout:.0f} s)")
        print_latencies(db, first, second, args.timeout, args.memory_gb)

        if args.grow:
            heading(f"grow to {args.grow:,} articles")
            grow(db, args.grow)
            figure("derived tables", "copied with the articles (see grow_sql)")

            heading(f"query latency, {args.grow:,} articles")
            print_latencies(db, first, second, args.timeout, args.memory_gb)
            extra = one_more_file(Path(paths[-1]), scratch)
            run = run_cli(["ingest", str(extra), "--jobs", "1"], db, args.timeout, args.memory_gb)
            figure("ingest one more file", run.failure(args.timeout) or f"{run.seconds:8.2f} s")
        if args.keep:
            shutil.copy(db, args.keep)
    heading("done")
    figure("bench time", f"{time.perf_counter() - began:8.1f} s")


if __name__ == "__main__":
    main()
