"""Time query commands in fresh processes: medians of wall and CPU seconds, before and after.

On a shared machine wall time depends on what else runs; a process's CPU time much
less, so both are printed.  With ``--before CHECKOUT`` each command runs alternately from
that checkout (on ``--before-db``, a copy of the database from before any migration the
newer code applies) and from this one, so both see the same load.

    python bench/latency.py --db archive.db --before /tmp/old --before-db archive-old.db
    python bench/latency.py --db big.db --runs 3 timeline "evolve 国内生产总值"
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The questions of issue 11; ``diff`` and ``show`` take the first two article ids.
QUERIES = ["--version", "--help", "timeline", "timeline --grep 雄安", "evolve 国内生产总值", "targets",
           "search 雄安新区", "claims --kind figure", "diff 1 2", "show 1"]


def run(checkout: Path, args: list[str], db: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``tracker ARGS --db DB`` run from ``checkout``."""
    env = dict(os.environ, PYTHONPATH=str(checkout), COLUMNS="100")
    wants_db = args[0] not in ("--version", "--help")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from tracker.cli import app; app()", *args,
                           *(["--db", str(db)] if wants_db else [])],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed from {checkout}: {done.stderr.strip().splitlines()[-1]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="*", default=QUERIES, help="commands, each one argument (default: issue 11's)")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout to time alternately")
    parser.add_argument("--before-db", type=Path, help="its database (default: --db)")
    args = parser.parse_args()
    sides = [("after", ROOT, args.db)]
    if args.before:
        sides.insert(0, ("before", args.before, args.before_db or args.db))
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {args.runs} runs, wall / CPU seconds")
    for query in args.queries:
        words = shlex.split(query)
        times = {name: [] for name, _, _ in sides}
        for _ in range(args.runs):
            for name, checkout, db in sides:
                times[name].append(run(checkout, words, db))
        cells = [f"{name} {statistics.median(t[0] for t in times[name]):6.2f} / "
                 f"{statistics.median(t[1] for t in times[name]):5.2f}" for name, _, _ in sides]
        print(f"{query[:34]:36}" + "   ".join(cells), flush=True)


if __name__ == "__main__":
    main()
