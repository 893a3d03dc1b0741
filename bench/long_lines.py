"""Benchmark hostile line shapes: one very long sentence, one very long number.

Real captures flatten tables into one line with no full stop.  Each case is written to a
file and ingested by ``tracker ingest`` in a fresh process (one worker), which prints its
time and peak memory; a case that does not finish within ``--timeout`` says so.

    python bench/long_lines.py                 # 50k-char line, 1 MB line, 32,000 and 200,000 digits
    python bench/long_lines.py --timeout 60
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAD = "长句测试\n2024-01-01 10:00:00\n\n"


def seed_clauses() -> list[str]:
    """Clauses of the seeds with every sentence end removed, so joined they stay one sentence."""
    clauses = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for clause in re.split(r"[，,。！？；\n]", path.read_text("utf-8")):
            clause = re.sub(r"[。！？；!?;…]|\.\.\.+", "", clause).strip()
            if len(clause) > 5:
                clauses.append(clause)
    return clauses


def long_line(chars: int) -> str:
    """About ``chars`` characters of seed clauses joined by ， with no full stop."""
    clauses, parts, total = seed_clauses(), [], 0
    while total < chars:
        parts.append(clauses[len(parts) % len(clauses)])
        total += len(parts[-1]) + 1
    return HEAD + "，".join(parts)[:chars] + "\n"


def digit_run(digits: int) -> str:
    return HEAD + "全年完成投资" + "1" * digits + "亿元。\n"


CASES = {
    "50k-char line": lambda: long_line(50_000),
    "1 MB line": lambda: long_line(1_100_000 // 3),  # 1.1 MB of UTF-8
    "32,000 digits": lambda: digit_run(32_000),
    "200,000 digits": lambda: digit_run(200_000),
}


def run_one(name: str, folder: str) -> None:
    """In the child: write the case, ingest it, print seconds and peak memory."""
    sys.path.insert(0, str(ROOT))
    from tracker.cli import app

    path = Path(folder) / "case.txt"
    path.write_text(CASES[name](), "utf-8")
    started = time.perf_counter()
    try:
        app(["ingest", str(path), "--db", str(Path(folder) / "bench.db"), "--jobs", "1"], standalone_mode=False)
    finally:
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"RESULT {elapsed:.2f} {peak:.0f} {path.stat().st_size}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a case is given up")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one, args.folder)
        return
    print(f"{'case':<16} {'size':>10} {'seconds':>9} {'peak MB':>8}")
    for name in CASES:
        with tempfile.TemporaryDirectory() as folder:
            command = [sys.executable, __file__, "--one", name, "--folder", folder]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{name:<16} {'':>10} {'>' + format(args.timeout, '.0f'):>9} {'':>8}  did not finish")
                continue
            found = [line.split() for line in done.stdout.splitlines() if line.startswith("RESULT ")]
            if done.returncode or not found:
                print(f"{name:<16} failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
                continue
            _, seconds, peak, size = found[-1]
            print(f"{name:<16} {int(size) / 1e6:>8.2f}MB {float(seconds):>9.2f} {float(peak):>8.0f}")


if __name__ == "__main__":
    main()
